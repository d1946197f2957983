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

# 1b. The folders a run creates for -o go again when it fails: refused before the run (the
#     estimate does not fit the limit, exit 6) and failing while it writes (exit 4).
(ulimit -f 10; "$pcsim" run scenarios/synthetic.toml -o "$work/new6/sub/out.h5" \
  --iterations 10 --quiet 2>"$work/err")
code=$?
[[ $code -eq 6 ]] || fail "refused for the file-size limit: exit $code: $(cat "$work/err")"
[[ ! -e "$work/new6" ]] || fail "refused run: left the folders it created: $(find "$work/new6")"
(ulimit -f 250; "$pcsim" run scenarios/synthetic.toml -o "$work/new4/sub/out.h5" \
  --iterations 10 --quiet 2>"$work/err")
code=$?
[[ $code -eq 4 ]] || fail "failing while writing: exit $code: $(cat "$work/err")"
[[ ! -e "$work/new4" ]] || fail "failed run: left the folders it created: $(find "$work/new4")"
# A folder the user had stays, even when the path reaches it through one pcsim makes.
mkdir -p "$work/kept"
(ulimit -f 10; "$pcsim" run scenarios/synthetic.toml -o "$work/made/../kept/out.h5" \
  --iterations 10 --quiet 2>"$work/err")
code=$?
[[ $code -eq 6 ]] || fail "refused through a new folder: exit $code: $(cat "$work/err")"
[[ -d "$work/kept" ]] || fail "refused run: removed the folder kept, which it did not create"
[[ ! -e "$work/made" ]] || fail "refused run: left the folder made, which it created"

# report and export (the input audit B: "cannot write 'r.html.tmp'" without a reason, the
# workbook's failure as libxlsxwriter's own lines, a partial set of CSV tables left): one
# error line naming the final file (not its temporary) and the system's reason, exit 4,
# nothing of this command left, an earlier file unchanged.
# check_output_failure WHAT FINAL FOLDER REASON CODE: the message begins "cannot write
# 'FINAL" (a file's name ends with its quote; a folder's "DIR/" is any file in it); FOLDER
# then holds only "earlier.txt".
check_output_failure() {
  local what=$1 final=$2 folder=$3 reason=$4 got=$5
  [[ $got -eq 4 ]] || fail "$what: exit $got, expected 4: $(cat "$work/err")"
  [[ $(wc -l <"$work/err") -eq 1 && $(grep -c '^error: ' "$work/err") -eq 1 ]] ||
    fail "$what: not one error line: $(cat "$work/err")"
  grep -qF "cannot write '$final" "$work/err" ||
    fail "$what: the message does not name '$final': $(cat "$work/err")"
  grep -qF "$reason" "$work/err" || fail "$what: the message lacks '$reason': $(cat "$work/err")"
  [[ "$(ls -A "$folder")" == "earlier.txt" ]] || fail "$what: left behind: $(ls -A "$folder")"
  [[ "$(cat "$folder/earlier.txt")" == "earlier results" ]] || fail "$what: earlier.txt changed"
}
"$pcsim" run scenarios/synthetic.toml -o "$work/r.h5" --iterations 200 --quiet 2>"$work/err" ||
  fail "the results for report and export: $(cat "$work/err")"
mkdir -p "$work/small"
echo "earlier results" >"$work/small/earlier.txt"
# A file-size limit of 64 KiB: the report, the workbook and iterations.csv are larger.
(ulimit -f 64; "$pcsim" report "$work/r.h5" -o "$work/small/r.html" 2>"$work/err" >/dev/null)
check_output_failure "report, file-size limit" "$work/small/r.html'" "$work/small" "File too large" $?
(ulimit -f 64; "$pcsim" export "$work/r.h5" --xlsx "$work/small/b.xlsx" 2>"$work/err" >/dev/null)
check_output_failure "export --xlsx, file-size limit" "$work/small/b.xlsx'" "$work/small" \
  "File too large" $?
(ulimit -f 64; "$pcsim" export "$work/r.h5" --csv "$work/small/tables" 2>"$work/err" >/dev/null)
check_output_failure "export --csv, file-size limit" "$work/small/tables/" \
  "$work/small" "File too large" $?
# Both: the workbook fits, a table does not; neither is left.
(ulimit -f 64; "$pcsim" export "$work/r.h5" --xlsx "$work/small/b.xlsx" --csv "$work/small" \
  2>"$work/err" >/dev/null)
code=$?
[[ $code -eq 4 ]] || fail "export --xlsx --csv, file-size limit: exit $code: $(cat "$work/err")"
[[ "$(ls -A "$work/small")" == "earlier.txt" ]] ||
  fail "export --xlsx --csv, file-size limit: left behind: $(ls -A "$work/small")"

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

  # A full disk for report and export: the 4 MiB tmpfs, filled but for 100 KiB.
  rm -f "$work/full/out.h5"
  mkdir "$work/full/small"
  echo "earlier results" >"$work/full/small/earlier.txt"
  avail=$(df -B1 --output=avail "$work/full" | tail -1)
  head -c $((avail - 100 * 1024)) /dev/zero >"$work/full/filler"
  "$pcsim" report "$work/r.h5" -o "$work/full/small/r.html" 2>"$work/err" >/dev/null
  check_output_failure "report, full disk" "$work/full/small/r.html'" "$work/full/small" \
    "No space left on device" $?
  "$pcsim" export "$work/r.h5" --xlsx "$work/full/small/b.xlsx" 2>"$work/err" >/dev/null
  check_output_failure "export --xlsx, full disk" "$work/full/small/b.xlsx'" "$work/full/small" \
    "No space left on device" $?
  "$pcsim" export "$work/r.h5" --csv "$work/full/small/tables" 2>"$work/err" >/dev/null
  check_output_failure "export --csv, full disk" "$work/full/small/tables/" "$work/full/small" \
    "No space left on device" $?
  rm -rf "$work/full/filler" "$work/full/small"

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
