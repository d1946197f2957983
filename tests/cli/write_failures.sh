#!/usr/bin/env bash
# Write failures are errors, never crashes (docs/cli.md, "Exit codes"): on a disk that
# fills (a 64 KiB tmpfs), under a file-size limit (ulimit -f, SIGXFSZ) and in a folder that
# cannot be written (a read-only tmpfs), pcsim prints one message naming the file and the
# system's reason, exits with 4 (not 139, a segmentation fault, nor 153, SIGXFSZ), removes
# its temporary file and leaves an existing results file as it was. A run whose results
# could not fit at all is refused up front with exit code 6 and the figures.
# The sizes sit between the least the results could take (refused below it, exit 6) and
# what they take (so the write itself fails). The tmpfs cases need root (CI runs as root);
# they are skipped, saying so, otherwise.
# Usage (from the repository root): bash tests/cli/write_failures.sh PATH_TO_PCSIM
set -uo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
mounts=()
cleanup() {
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
failures=0
fail() {
  echo "write_failures: FAILED: $*" >&2
  failures=$((failures + 1))
}

# check_failure WHAT OUT CODE REASON: the last run (stderr in $work/err) exited with CODE
# and a single error line naming OUT and REASON (a warning that the results may not fit
# may come first); OUT's folder holds OUT only, unchanged.
check_failure() {
  local what=$1 out=$2 code=$3 reason=$4 got=$5
  [[ $got -eq $code ]] || fail "$what: exit $got, expected $code: $(cat "$work/err")"
  [[ $(grep -vc '^warning: ' "$work/err") -eq 1 && $(grep -c '^error: ' "$work/err") -eq 1 ]] ||
    fail "$what: not one error line: $(cat "$work/err")"
  grep -qF "$out" "$work/err" || fail "$what: the message does not name $out: $(cat "$work/err")"
  grep -qF "$reason" "$work/err" || fail "$what: the message lacks '$reason': $(cat "$work/err")"
  [[ "$(ls -A "$(dirname "$out")")" == "$(basename "$out")" ]] ||
    fail "$what: left behind: $(ls -A "$(dirname "$out")")"
  [[ "$(cat "$out")" == "earlier results" ]] || fail "$what: the earlier $out was changed"
}

# 1. A file-size limit of 1 MiB; the file would take about 2 MB. Without SIGXFSZ ignored
#    the shell would report 153 (killed by the signal).
mkdir -p "$work/limit"
echo "earlier results" >"$work/limit/out.h5"
(ulimit -f 1024; "$pcsim" run scenarios/synthetic.toml -o "$work/limit/out.h5" --force \
  --iterations 2000 --quiet 2>"$work/err")
check_failure "file-size limit" "$work/limit/out.h5" 4 "File too large" $?

if [[ $(id -u) -ne 0 ]] || ! mkdir -p "$work/full" || ! mount -t tmpfs -o size=4m tmpfs "$work/full" 2>/dev/null; then
  echo "write_failures: SKIPPED the tmpfs cases (need root and mount)"
else
  mounts+=("$work/full")
  # 2. A full disk (4 MiB) while the file is finished (no --per-practice: all at the end);
  #    the file would take about 9 MB.
  echo "earlier results" >"$work/full/out.h5"
  "$pcsim" run scenarios/synthetic.toml -o "$work/full/out.h5" --force --iterations 10000 \
    --quiet 2>"$work/err"
  check_failure "full disk at the end" "$work/full/out.h5" 4 "No space left on device" $?

  # 3. A full disk while --per-practice batches stream in (about 8 MB in all).
  "$pcsim" run scenarios/synthetic.toml -o "$work/full/out.h5" --force --iterations 5000 \
    --per-practice --quiet 2>"$work/err"
  check_failure "full disk during the batches" "$work/full/out.h5" 4 "No space left on device" $?

  # 4. Results that cannot fit in any case are refused up front (exit 6), with the figures,
  #    before any work: nothing is created.
  "$pcsim" run scenarios/synthetic.toml -o "$work/full/out.h5" --force --iterations 100000 \
    --per-practice --quiet 2>"$work/err"
  code=$?
  [[ $code -eq 6 ]] || fail "refusal up front: exit $code, expected 6: $(cat "$work/err")"
  grep -q "will not fit" "$work/err" || fail "refusal up front: no figures: $(cat "$work/err")"
  [[ "$(ls -A "$work/full")" == "out.h5" ]] || fail "refusal up front: left $(ls -A "$work/full")"
  # pcsim validate makes the same check with the same flags.
  "$pcsim" validate scenarios/synthetic.toml -o "$work/full/out.h5" --iterations 100000 \
    --per-practice >/dev/null 2>"$work/err"
  code=$?
  [[ $code -eq 6 ]] || fail "validate of the same run: exit $code, expected 6: $(cat "$work/err")"

  # 5. A folder that cannot be written: a read-only file system (root ignores permissions).
  mkdir -p "$work/ro"
  if mount -t tmpfs -o size=1m tmpfs "$work/ro"; then
    mounts+=("$work/ro")
    echo "earlier results" >"$work/ro/out.h5"
    mount -o remount,ro "$work/ro"
    "$pcsim" run scenarios/synthetic.toml -o "$work/ro/out.h5" --force --iterations 20 \
      --quiet 2>"$work/err"
    check_failure "read-only folder" "$work/ro/out.h5" 4 "Read-only file system" $?
  fi
fi

if [[ $failures -ne 0 ]]; then
  echo "write_failures: $failures check(s) failed" >&2
  exit 1
fi
echo "write_failures: OK"
