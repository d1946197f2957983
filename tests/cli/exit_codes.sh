#!/usr/bin/env bash
# Each kind of failure gives its own exit code and a message that names the problem
# (runner/exit_codes.hpp, docs/cli.md): 0 success, 2 usage, 3 invalid input, 4 output
# failure. Fixtures: tests/cli/fixtures/ (copies of scenarios/synthetic.toml with one key
# broken).
# Usage (from the repository root): bash tests/cli/exit_codes.sh PATH_TO_PCSIM
set -uo pipefail
pcsim=$(realpath "$1")
fixtures=tests/cli/fixtures
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
  echo "exit_codes: FAILED: $*" >&2
  failures=$((failures + 1))
}

# expect CODE DESCRIPTION COMMAND...: runs COMMAND, stdout to $work/out, stderr to $work/err.
expect() {
  local code=$1 what=$2
  shift 2
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [[ $got -ne $code ]]; then
    fail "$what: exit $got, expected $code; stderr:"
    sed 's/^/    /' "$work/err" >&2
    return 1
  fi
}

# stderr_has TEXT DESCRIPTION: the last command's stderr contains TEXT (fixed string).
stderr_has() {
  grep -qF -- "$1" "$work/err" || { fail "$2: stderr lacks '$1':"; sed 's/^/    /' "$work/err" >&2; }
}

# A misspelt key: exit 3; the message names the file and line and suggests the right key.
line=$(grep -n '^list_grwth' "$fixtures/misspelt_key.toml" | cut -d: -f1)
expect 3 "misspelt key (validate)" "$pcsim" validate "$fixtures/misspelt_key.toml" &&
  stderr_has "misspelt_key.toml:$line" "misspelt key" &&
  stderr_has "did you mean" "misspelt key" &&
  stderr_has "error: " "misspelt key"
expect 3 "misspelt key (run)" "$pcsim" run "$fixtures/misspelt_key.toml" -o "$work/x.h5" --quiet
[[ -e "$work/x.h5" ]] && fail "misspelt key (run): an output file was written"

# A PERT distribution with min above max: exit 3, naming the file and the key.
line=$(grep -n '^consultations_per_patient' "$fixtures/pert_min_above_max.toml" | cut -d: -f1)
expect 3 "PERT min > max" "$pcsim" run "$fixtures/pert_min_above_max.toml" -o "$work/y.h5" &&
  stderr_has "pert_min_above_max.toml:$line" "PERT min > max" &&
  stderr_has "consultations_per_patient" "PERT min > max"

# A scenario file that does not exist: invalid input (3), not a usage error.
expect 3 "missing scenario" "$pcsim" run "$work/no-such-scenario.toml" -o "$work/z.h5" &&
  stderr_has "no-such-scenario.toml" "missing scenario"

# Command-line mistakes: exit 2.
expect 2 "unknown flag" "$pcsim" run scenarios/synthetic.toml --no-such-flag
expect 2 "zero threads" "$pcsim" run scenarios/synthetic.toml --threads 0
expect 2 "negative seed" "$pcsim" run scenarios/synthetic.toml --seed -5
expect 2 "no subcommand" "$pcsim"
# A flag where a file name belongs (`-o --force` wrote a results file named "--force"; the
# input probe of 2026-12-07): exit 2 for every option that names an output, nothing
# written; ./--force is a file of that name.
(
  cd "$work" || exit 1
  failures=0  # this subshell's own, added to the script's below
  expect 2 "run -o --force" "$pcsim" run "$OLDPWD/scenarios/synthetic.toml" -o --force \
    --iterations 2 && stderr_has "'--force' looks like a flag, not a file name" "run -o --force"
  [[ -e ./--force ]] && fail "run -o --force: a file named --force was written"
  expect 2 "validate -o -x" "$pcsim" validate "$OLDPWD/scenarios/synthetic.toml" -o -x.h5
  expect 2 "sensitivity -o --quiet" "$pcsim" sensitivity "$OLDPWD/scenarios/synthetic.toml" \
    -o --quiet
  expect 2 "report -o --force" "$pcsim" report r.h5 -o --force
  expect 2 "report --pdf --force" "$pcsim" report r.h5 --pdf --force
  expect 2 "export --xlsx --force" "$pcsim" export r.h5 --xlsx --force
  expect 2 "export --csv --force" "$pcsim" export r.h5 --csv --force
  # An empty path (an unset variable in `-o "$OUT"`) is a usage error too, exit 2 with a
  # message saying so, for every option that names an output (it was exit 4, an output
  # failure, from the writers' own check), and nothing is written or run.
  empty_path() {
    local what=$1
    shift
    expect 2 "$what" "$pcsim" "$@" && stderr_has "the path is empty" "$what"
  }
  s=$OLDPWD/scenarios/synthetic.toml
  empty_path "run -o ''" run "$s" -o "" --iterations 2
  empty_path "validate -o ''" validate "$s" -o ""
  empty_path "sensitivity -o ''" sensitivity "$s" -o "" --iterations 2
  empty_path "report -o ''" report r.h5 -o ""
  empty_path "report --pdf ''" report r.h5 --pdf ""
  empty_path "export --xlsx ''" export r.h5 --xlsx ""
  empty_path "export --csv ''" export r.h5 --csv ""
  written=$(find . -mindepth 1 -not -name out -not -name err)
  [[ -z $written ]] || fail "an empty output path wrote $written"
  expect 0 "run -o ./--force" "$pcsim" run "$OLDPWD/scenarios/synthetic.toml" -o ./--force \
    --iterations 2 --quiet
  [[ -s ./--force ]] || fail "run -o ./--force: no file named --force"
  exit "$failures"
) || failures=$((failures + $?))
# An unknown command is named, with the commands (it was "A subcommand is required").
expect 2 "unknown command" "$pcsim" frobnicate x.toml &&
  stderr_has "error: 'frobnicate' is not a pcsim command; expected one of run, validate" \
    "unknown command"
expect 2 "unknown command after --debug" "$pcsim" --debug frobnicate &&
  stderr_has "'frobnicate' is not a pcsim command" "unknown command after --debug"
expect 2 "--central with --iterations" "$pcsim" run scenarios/synthetic.toml --central --iterations 5
# Whole numbers are decimal digits only (CLI11 read 010 as octal 8, 0b101 as binary, 1e3
# as 1000, and clamped a seed of 2^64 to 2^64 - 1); leading zeros are read as decimal.
for flags in "--iterations 1e3" "--iterations 0b101" "--iterations 0x10" "--iterations +5" \
  "--threads 2.0" "--seed 1e3" "--seed 0x10"; do
  # shellcheck disable=SC2086  # the flag and its value, split on purpose
  expect 2 "$flags" "$pcsim" run scenarios/synthetic.toml $flags &&
    stderr_has "not a whole number in decimal digits" "$flags"
done
expect 2 "--seed 2^64" "$pcsim" run scenarios/synthetic.toml --seed 18446744073709551616 &&
  stderr_has "out of range: a whole number from 0 to 18446744073709551615" "--seed 2^64"
expect 2 "--iterations 2^32" "$pcsim" run scenarios/synthetic.toml --iterations 4294967296 &&
  stderr_has "out of range: a whole number from 1 to 4294967295" "--iterations 2^32"
expect 0 "--iterations 010" "$pcsim" validate scenarios/synthetic.toml --iterations 010 &&
  grep -q "estimated for 10 iterations" "$work/out" ||
  fail "--iterations 010 is not read as ten: $(cat "$work/out")"
expect 0 "--seed 010" "$pcsim" run scenarios/synthetic.toml --seed 010 --iterations 2 \
  -o "$work/seed.h5" --quiet &&
  [[ $(/usr/bin/python3 -c 'import h5py, sys; print(h5py.File(sys.argv[1]).attrs["seed"])' \
    "$work/seed.h5") == 10 ]] || fail "--seed 010 is not seed ten"

# An existing output without --force: exit 4 before any work, the old file untouched.
echo "results of an earlier run" >"$work/existing.h5"
before=$(sha256sum "$work/existing.h5")
expect 4 "existing output" "$pcsim" run scenarios/synthetic.toml -o "$work/existing.h5" --quiet &&
  stderr_has "--force" "existing output"
[[ "$(sha256sum "$work/existing.h5")" == "$before" ]] || fail "existing output was modified"

# With --force the same command succeeds and replaces it with a results file.
expect 0 "existing output with --force" "$pcsim" run scenarios/synthetic.toml \
  -o "$work/existing.h5" --iterations 20 --force --quiet
[[ "$(sha256sum "$work/existing.h5")" != "$before" ]] || fail "--force did not replace the file"

# summary of a file that is not a results file: output failure (4).
expect 4 "summary of a non-HDF5 file" "$pcsim" summary "$fixtures/misspelt_key.toml"

# Successes: --version, --help, validate, run with its summary on stdout, summary --csv.
expect 0 "--version" "$pcsim" --version && grep -q '^pcsim ' "$work/out" || fail "--version text"
expect 0 "--help" "$pcsim" --help && grep -q 'Exit codes' "$work/out" || fail "--help text"
expect 0 "validate" "$pcsim" validate scenarios/synthetic.toml &&
  { grep -q '^OK: ' "$work/out" || fail "validate prints no OK line"; }
expect 0 "run" "$pcsim" run scenarios/synthetic.toml -o "$work/ok.h5" --iterations 30 --threads 2 &&
  { grep -q 'list_size' "$work/out" || fail "run prints no summary table"; }
expect 0 "summary --csv" "$pcsim" summary "$work/ok.h5" --csv
# --csv-comparison is the comparison table alone: with a section flag (whose CSV is --csv's)
# it is a usage error, not silently the section's text.
for section in --drivers --evppi --sobol --risk; do
  expect 2 "summary --csv-comparison $section" "$pcsim" summary "$work/ok.h5" --csv-comparison "$section" &&
    stderr_has "excludes" "--csv-comparison $section"
done

if [[ $failures -ne 0 ]]; then
  echo "exit_codes: $failures check(s) failed" >&2
  exit 1
fi
echo "exit_codes: OK"
