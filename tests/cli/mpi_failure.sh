#!/usr/bin/env bash
# Failures under MPI are clean (docs/cli.md, "Running on several processes"):
#  1. an invalid scenario under mpirun -np 2 exits with 3 and one error message (not one
#     per process), and leaves no output file;
#  2. a scenario that fails on process 1 only (mpirun's MPMD form gives it another file)
#     is reported once by rank 0, naming process 1, and every process exits with 3;
#  3. an existing output without --force: exit 4, one message, the file untouched;
#  4. a usage error: exit 2, one message;
#  5. SIGTERM to mpirun during a run: no results file, no temporary file
#     (OUT.<pid>.<hex>.tmp), one message saying that no results file was written;
#  6. process 1 killed with SIGKILL during a run: mpirun names it, rank 0 says why it
#     stopped, and neither a results file nor the temporary file is left.
# Usage (from the repository root): bash tests/cli/mpi_failure.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/mpi_support.sh"

fail() {
  echo "mpi_failure: FAILED: $*" >&2
  ls -A "$work" | sed 's/^/  left: /' >&2
  [[ -f "$work/err" ]] && sed 's/^/  stderr: /' "$work/err" >&2
  exit 1
}
# expect CODE: runs the rest under mpi_run, stderr to $work/err, and checks the exit code.
expect() {
  local code=$1
  shift
  local got=0
  mpi_run "$@" >"$work/out" 2>"$work/err" || got=$?
  [[ $got -eq $code ]] || fail "exit $got, expected $code: $*"
}
# none_of OUT: neither OUT nor a temporary file of it (OUT.<pid>.<hex>.tmp) exists.
none_of() { [[ ! -e "$1" ]] && ! compgen -G "$1.*.tmp" >/dev/null; }
# count PATTERN: lines of stderr matching PATTERN (grep -E).
count() { grep -cE "$1" "$work/err" || true; }

synthetic="$work/synthetic.toml"
sed -e "s#\"data/#\"$PWD/scenarios/data/#" scenarios/synthetic.toml > "$synthetic"
bad="$work/bad.toml"
sed -e 's/^iterations = .*/iterations = -5/' "$synthetic" > "$bad"
grep -q '^iterations = -5' "$bad" || fail "could not make the invalid scenario"

# 1. Invalid everywhere.
expect 3 2 "$pcsim" run "$bad" -o "$work/one.h5" --quiet
[[ $(count '^error: ') -eq 1 ]] || fail "expected one error line, got $(count '^error: ')"
grep -qE "^error: $bad:7:[0-9]+: key 'iterations'" "$work/err" || fail "the message names no file, line and key"
none_of "$work/one.h5" || fail "an invalid scenario left a file"
echo "mpi_failure: invalid scenario: exit 3, one message, no file"

# 2. Invalid on process 1 only.
got=0
mpirun --allow-run-as-root --oversubscribe --mca btl_vader_single_copy_mechanism none \
  -np 1 "$pcsim" run "$synthetic" -o "$work/two.h5" --quiet : \
  -np 1 "$pcsim" run "$bad" -o "$work/two.h5" --quiet >"$work/out" 2>"$work/err" || got=$?
[[ $got -eq 3 ]] || fail "exit $got when process 1 alone failed, expected 3"
[[ $(count '^pcsim: process 1 of 2 \(host .*\) failed:$') -eq 1 ]] || fail "process 1 not named once"
[[ $(count '^error: ') -eq 1 ]] || fail "expected one error line, got $(count '^error: ')"
none_of "$work/two.h5" || fail "process 1's failure left a file"
echo "mpi_failure: failure on process 1 only: exit 3, reported once by rank 0, no file"

# 3. An existing output.
echo "keep me" > "$work/exists.h5"
expect 4 2 "$pcsim" run "$synthetic" -o "$work/exists.h5" --quiet
[[ $(count '^error: .*exists; use --force') -eq 1 ]] || fail "existing output not reported once"
[[ "$(cat "$work/exists.h5")" == "keep me" ]] || fail "the existing output was touched"
echo "mpi_failure: existing output: exit 4, one message, untouched"

# 4. A usage error.
expect 2 2 "$pcsim" run "$synthetic" --no-such-flag
[[ $(grep -c 'no-such-flag' "$work/err") -eq 1 ]] || fail "usage error not reported once"
echo "mpi_failure: usage error: exit 2, one message"

# 5 and 6: a national run of a minute or so, stopped once its temporary file exists.
long=(run scenarios/national.toml -o "$work/long.h5" --iterations 50000 --threads 1 --quiet)
# mpirun itself, not a subshell around it, must receive the signal.
mpirun_background() {
  mpirun --allow-run-as-root --oversubscribe --mca btl_vader_single_copy_mechanism none \
    -np 2 "$pcsim" "${long[@]}" >"$work/out" 2>"$work/err" &
  launcher=$!
}
wait_for_temporary() {
  local waited=0
  until compgen -G "$work/long.h5.*.tmp" >/dev/null; do
    sleep 0.05
    waited=$((waited + 1))
    [[ $waited -lt 600 ]] || { kill -TERM "$launcher"; fail "no temporary file after 30 s"; }
  done
  sleep 0.5
}

mpirun_background
wait_for_temporary
kill -TERM "$launcher"
got=0
wait "$launcher" || got=$?
[[ $got -ne 0 ]] || fail "mpirun exited 0 after SIGTERM"
none_of "$work/long.h5" || fail "SIGTERM left a file"
[[ $(count '^pcsim: interrupted by SIGTERM') -eq 1 ]] || fail "the interruption not reported once"
grep -qF "no results file was written ('$work/long.h5' does not exist)" "$work/err" ||
  fail "the message does not say that no results file was written"
echo "mpi_failure: SIGTERM to mpirun: exit $got, one message, no file"

mpirun_background
wait_for_temporary
ranks=($(pgrep -P "$launcher" -f "pcsim run" || true))
[[ ${#ranks[@]} -eq 2 ]] || fail "expected 2 processes under mpirun, found ${#ranks[@]}"
# Process 1 is the one whose environment says so.
victim=""
for pid in "${ranks[@]}"; do
  if tr '\0' '\n' < "/proc/$pid/environ" | grep -qx 'OMPI_COMM_WORLD_RANK=1'; then victim=$pid; fi
done
[[ -n "$victim" ]] || fail "process 1 not found"
kill -KILL "$victim"
got=0
wait "$launcher" || got=$?
[[ $got -ne 0 ]] || fail "mpirun exited 0 after process 1 died"
none_of "$work/long.h5" || fail "a dead process left a file"
grep -q 'process rank 1 .* exited on signal 9' "$work/err" || fail "mpirun did not name process 1"
[[ $(count '^pcsim: interrupted by SIGTERM') -eq 1 ]] || fail "rank 0 did not say why it stopped"
echo "mpi_failure: process 1 killed: exit $got, mpirun names it, no file"

echo "mpi_failure: OK"
