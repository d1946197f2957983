#!/usr/bin/env bash
# pcsim validate makes every check pcsim run makes before computing (docs/cli.md): for
# each case below both exit with the same code and the same message, and run leaves no
# file. Cases: iterations beyond 4,294,967,295 in the scenario (located at its line), the
# documented maximum --iterations 4294967295 (refused with the memory it needs, not
# std::bad_alloc), a scenario that is /dev/zero or a FIFO (refused at once), --until-se
# with Latin hypercube sampling (a usage error), -o naming a directory, -o with a file name
# too long for run's temporary OUT.<pid>.<hex>.tmp (validate passed it; the input audit B,
# repro_13) and -o through a regular file.
# Usage (from the repository root): bash tests/cli/validate_matches_run.sh PATH_TO_PCSIM
set -uo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "validate_matches_run: FAILED: $*" >&2
  failures=$((failures + 1))
}

mkdir -p "$work/s/data" "$work/out"
cp scenarios/data/synthetic-*.csv "$work/s/data/"
sed 's/^iterations = .*/iterations = 1000000000000/' scenarios/synthetic.toml >"$work/s/huge.toml"
{ cat scenarios/synthetic.toml; printf '\n[sampling]\nmethod = "lhs"\n'; } >"$work/s/lhs.toml"
mkfifo "$work/s/fifo.toml"
line=$(grep -n '^iterations' "$work/s/huge.toml" | cut -d: -f1)

# same CODE NEEDLE ARGS...: validate ARGS and run ARGS -o OUT both exit CODE within 10 s
# with NEEDLE in the message; run leaves nothing in $work/out.
same() {
  local code=$1 needle=$2
  shift 2
  local command
  for command in validate run; do
    local extra=()
    [[ $command == run ]] && extra=(--quiet)
    [[ $command == run && " $* " != *" -o "* ]] && extra+=(-o "$work/out/r.h5")
    local start=$SECONDS
    timeout 10 "$pcsim" "$command" "$@" "${extra[@]}" >/dev/null 2>"$work/err"
    local got=$?
    [[ $got -eq $code ]] || fail "$command $*: exit $got, expected $code: $(cat "$work/err")"
    grep -qF -- "$needle" "$work/err" || fail "$command $*: lacks '$needle': $(cat "$work/err")"
    grep -q "bad_alloc\|internal error" "$work/err" && fail "$command $*: $(cat "$work/err")"
    [[ $((SECONDS - start)) -le 3 ]] || fail "$command $*: took $((SECONDS - start)) s"
  done
  [[ -z "$(ls -A "$work/out")" ]] || fail "run $*: left $(ls -A "$work/out")"
}

same 3 "huge.toml:$line:14: key 'iterations': found 1000000000000 (integer); expected a whole number from 1 to 4294967295" "$work/s/huge.toml"
same 6 "TB of memory for 4294967295 iterations" scenarios/synthetic.toml --iterations 4294967295
same 3 "/dev/zero: found a character device" /dev/zero
same 3 "fifo.toml: found a FIFO" "$work/s/fifo.toml"
same 2 "Latin hypercube" "$work/s/lhs.toml" --until-se npv:0.01
same 4 "is a directory" scenarios/synthetic.toml -o "$work/out"
long=$(printf 'n%.0s' {1..245}).h5
same 4 "'$work/out/$long' is a file name of 248 bytes: pcsim writes results first to '$long.<pid>.<hex>.tmp', up to 21 bytes more, and the file system takes names of at most 255 bytes; give a name of at most 234 bytes" scenarios/synthetic.toml -o "$work/out/$long"
touch "$work/s/plain"
same 4 "cannot use '$work/s/plain/sub/r.h5' for the results file: Not a directory ('$work/s/plain' is a regular file, not a folder)" scenarios/synthetic.toml -o "$work/s/plain/sub/r.h5"

# What validate reports on success: the run's estimate, for the flags given.
"$pcsim" validate scenarios/synthetic.toml --iterations 5000 --per-practice >"$work/ok" 2>/dev/null ||
  fail "validate of a good scenario failed"
grep -q "^pcsim run estimated for 5000 iterations: peak memory about .*(with --per-practice)$" "$work/ok" ||
  fail "validate prints no estimate: $(cat "$work/ok")"

# A run's command line checks with `run` changed to `validate`: --seed, --force and --quiet
# are taken (the audit: refused as unexpected); with --force the note says the run will
# replace the existing output; a seed out of range is refused as run refuses it.
"$pcsim" run scenarios/synthetic.toml --iterations 5 -o "$work/r.h5" --quiet 2>/dev/null ||
  fail "the run to validate over failed"
"$pcsim" validate scenarios/synthetic.toml --iterations 5 -o "$work/r.h5" --seed 7 --force \
  --quiet >/dev/null 2>"$work/err" || fail "validate with --seed --force --quiet: $(cat "$work/err")"
grep -q "exists: pcsim run --force will replace it" "$work/err" ||
  fail "validate --force: no note that the run replaces the file: $(cat "$work/err")"
same 2 "--seed" scenarios/synthetic.toml --seed -1
if [[ $failures -ne 0 ]]; then
  echo "validate_matches_run: $failures check(s) failed" >&2
  exit 1
fi
echo "validate_matches_run: OK"
