#!/usr/bin/env bash
# SIGINT and SIGTERM stop a run promptly and cleanly (docs/cli.md, "Interrupted runs"):
# exit 130 / 143, a message saying the run was interrupted and that OUT is unchanged (or
# that none was written), no temporary file left, an existing OUT untouched. A signal
# ignored when pcsim starts (nohup) stays ignored. Two runs writing the same OUT at once
# never corrupt it: with --force the last to finish wins; without, the second to finish
# refuses (exit 4) and leaves the first one's file. Real signals on real processes.
# Usage (from the repository root): bash tests/cli/interrupts.sh PATH_TO_PCSIM
set -uo pipefail
set -m  # job control: background jobs get SIGINT (a plain script's jobs ignore it)
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "interrupts: FAILED: $*" >&2
  failures=$((failures + 1))
}
long=(--iterations 400000 --threads 2 --quiet)

# interrupt SIGNAL AFTER ARGS...: starts `pcsim ARGS` (stderr to $work/err), sends SIGNAL
# once the run has been going AFTER seconds, and sets $code to its exit code and $took to
# the seconds from the signal to its end.
interrupt() {
  local signal=$1 after=$2
  shift 2
  "$pcsim" "$@" 2>"$work/err" &
  local pid=$!
  sleep "$after"
  kill -0 "$pid" 2>/dev/null || fail "$* ended before the signal"
  local sent=$(date +%s%N)
  kill "-$signal" "$pid"
  wait "$pid"
  code=$?
  took=$(( ($(date +%s%N) - sent) / 1000000 ))
}

# 1. SIGINT during the iterations, replacing an existing file with --force.
echo "earlier results" >"$work/int.h5"
interrupt INT 1 run scenarios/synthetic.toml -o "$work/int.h5" --force "${long[@]}"
[[ $code -eq 130 ]] || fail "SIGINT: exit $code, expected 130: $(cat "$work/err")"
grep -q "interrupted by SIGINT" "$work/err" || fail "SIGINT: no message: $(cat "$work/err")"
grep -qF "'$work/int.h5' is unchanged" "$work/err" || fail "SIGINT: OUT not said unchanged"
[[ "$(cat "$work/int.h5")" == "earlier results" ]] || fail "SIGINT: the earlier file changed"
[[ $took -lt 5000 ]] || fail "SIGINT: took $took ms to stop"
echo "interrupts: SIGINT stopped the run in $took ms"

# 2. SIGTERM during a --per-practice run of a new file: nothing is left at all.
interrupt TERM 1 run scenarios/synthetic.toml -o "$work/term.h5" --per-practice "${long[@]}"
[[ $code -eq 143 ]] || fail "SIGTERM: exit $code, expected 143: $(cat "$work/err")"
grep -q "interrupted by SIGTERM" "$work/err" || fail "SIGTERM: no message: $(cat "$work/err")"
grep -q "no results file was written" "$work/err" || fail "SIGTERM: not said: $(cat "$work/err")"
[[ $took -lt 5000 ]] || fail "SIGTERM: took $took ms to stop"
echo "interrupts: SIGTERM stopped the run in $took ms"

# 3. pcsim sensitivity stops the same way.
interrupt INT 1 sensitivity scenarios/synthetic.toml -o "$work/sens.h5" "${long[@]}"
[[ $code -eq 130 ]] || fail "sensitivity SIGINT: exit $code, expected 130: $(cat "$work/err")"
[[ "$(ls -A "$work")" == "$(printf 'err\nint.h5')" ]] || fail "left behind: $(ls -A "$work")"

# 4. SIGINT ignored by whoever started pcsim (nohup, a background job): it stays ignored
#    and the run completes.
(trap '' INT; exec "$pcsim" run scenarios/synthetic.toml -o "$work/ignored.h5" \
  --iterations 5000 --threads 1 --quiet 2>"$work/err") &
pid=$!
sleep 0.5
kill -INT "$pid" 2>/dev/null
wait "$pid"
code=$?
[[ $code -eq 0 && -f "$work/ignored.h5" ]] || fail "ignored SIGINT: exit $code: $(cat "$work/err")"
rm -f "$work/ignored.h5"

# 5. Two runs to the same OUT with --force: both succeed, the last to finish wins, and the
#    file is whole (its checksum verifies).
"$pcsim" run scenarios/synthetic.toml -o "$work/both.h5" --force --iterations 2000 --seed 1 \
  --quiet 2>"$work/err1" &
first=$!
"$pcsim" run scenarios/synthetic.toml -o "$work/both.h5" --force --iterations 12000 --seed 2 \
  --quiet 2>"$work/err2" &
second=$!
wait "$first" || fail "concurrent --force: the first run failed: $(cat "$work/err1")"
wait "$second" || fail "concurrent --force: the second run failed: $(cat "$work/err2")"
"$pcsim" summary "$work/both.h5" >"$work/summary" 2>"$work/err" ||
  fail "concurrent --force: the file does not verify: $(cat "$work/err")"
seed=$(/usr/bin/python3 -c "import h5py,sys; print(h5py.File(sys.argv[1])['/'].attrs['seed'])" "$work/both.h5")
[[ $seed -eq 2 ]] || fail "concurrent --force: the file is the first run's (seed $seed), not the last's"
rm -f "$work/both.h5"

# 6. The same without --force: the first to finish writes OUT; the second refuses at its
#    end (exit 4), removing its own temporary, and OUT stays the first one's.
"$pcsim" run scenarios/synthetic.toml -o "$work/once.h5" --iterations 2000 --seed 1 \
  --quiet 2>"$work/err1" &
first=$!
"$pcsim" run scenarios/synthetic.toml -o "$work/once.h5" --iterations 12000 --seed 2 \
  --quiet 2>"$work/err2" &
second=$!
wait "$first" || fail "concurrent: the first run failed: $(cat "$work/err1")"
wait "$second"
code=$?
[[ $code -eq 4 ]] || fail "concurrent: the second run: exit $code, expected 4: $(cat "$work/err2")"
grep -q "created by another process" "$work/err2" || fail "concurrent: $(cat "$work/err2")"
seed=$(/usr/bin/python3 -c "import h5py,sys; print(h5py.File(sys.argv[1])['/'].attrs['seed'])" "$work/once.h5")
[[ $seed -eq 1 ]] || fail "concurrent: OUT is not the first run's (seed $seed)"
! compgen -G "$work/*.tmp" >/dev/null || fail "a temporary file remains: $(ls -A "$work")"

if [[ $failures -ne 0 ]]; then
  echo "interrupts: $failures check(s) failed" >&2
  exit 1
fi
echo "interrupts: OK"
