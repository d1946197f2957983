#!/usr/bin/env bash
# Warnings (docs/scenario-format.md, "Warnings"; docs/cli.md): one line each on standard
# error with the first few practices, every practice with --verbose, all of them in the
# results file's /warnings, and errors under --strict (exit 3, every warning listed, no
# output file). The national scenario's load report no longer prints one line of 20,000
# characters.
# Usage (from the repository root): bash tests/cli/warnings.sh PATH_TO_PCSIM
set -uo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "warnings: FAILED: $*" >&2
  failures=$((failures + 1))
}

# validate: exit 0, warnings one per line, none longer than 1,000 characters.
"$pcsim" validate scenarios/national.toml >"$work/out" 2>"$work/err" || fail "national validate exit $?"
warnings=$(grep -c '^warning: ' "$work/err")
[[ $warnings -ge 5 ]] || fail "national: $warnings warnings, expected several"
longest=$(awk '{ if (length($0) > n) n = length($0) } END { print n }' "$work/err")
[[ $longest -le 1000 ]] || fail "national: a line of $longest characters on stderr"
# 62,134,482: the open practices' lists of the 2022/23 file, as tests/data/history_actuals.csv
# has England's 2022/23 registered patients (62,134,482.50, by pandas); the 4 practices closed
# in the year add their last-known lists to no one.
grep -q '^pcsim: 6,459 practices loaded from .*: 62,134,482 registered patients, 36,245 GPs at year 0' "$work/err" ||
  fail "national: load report line"
grep -q '^warning: practices.patients_per_gp: 31 practices have no GP headcount.* and 26 more\]$' "$work/err" ||
  fail "national: the default headcount warning with its first five practices"

# --verbose: every item on its own line, indented, under its warning.
"$pcsim" validate scenarios/national.toml --verbose >/dev/null 2>"$work/verbose" || fail "--verbose exit $?"
items=$(awk '/^warning: practices.patients_per_gp/ { on = 1; next } /^warning: / { on = 0 } on && /^    / { n++ } END { print n + 0 }' "$work/verbose")
[[ $items -eq 31 ]] || fail "--verbose listed $items practices for patients_per_gp, expected 31"

# --strict: exit 3, one error per warning naming the scenario file and the key.
"$pcsim" validate scenarios/national.toml --strict >/dev/null 2>"$work/strict"
code=$?
[[ $code -eq 3 ]] || fail "--strict validate: exit $code, expected 3"
errors=$(grep -c "^error: scenarios/national.toml: key '" "$work/strict")
[[ $errors -eq $warnings ]] || fail "--strict listed $errors errors for $warnings warnings"
"$pcsim" run scenarios/synthetic.toml --strict -o "$work/strict.h5" --iterations 5 2>"$work/err"
code=$?
[[ $code -eq 3 ]] || fail "--strict run: exit $code, expected 3"
[[ -e "$work/strict.h5" || -e "$work/strict.h5.tmp" ]] && fail "--strict run left an output file"
# One item is "1 item ... to list it", never "1 items".
grep -q "(1 item; run without --strict, with --verbose, to list it)" "$work/err" ||
  fail "--strict: no warning of one item worded in the singular"
grep -q "(1 items" "$work/err" && fail "--strict: '1 items'"

# The results file keeps every warning with every item, as --verbose shows them.
"$pcsim" run scenarios/bolton.toml -o "$work/bolton.h5" --iterations 5 --quiet --verbose 2>"$work/err" ||
  fail "bolton run exit $?"
/usr/bin/python3 - "$work/bolton.h5" "$work/err" <<'PY' || fail "results file /warnings"
import sys
import h5py
import numpy as np

f = h5py.File(sys.argv[1], "r")
keys = [k.decode() for k in f["/warnings/key"][:]]
messages = [m.decode() for m in f["/warnings/message"][:]]
items = [i.decode() for i in f["/warnings/item"][:]]
owner = f["/warnings/item_warning"][:]
printed = [l for l in open(sys.argv[2], encoding="utf-8") if l.startswith("warning: ")]
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
shown = {}
current = None
for line in lines:
    if line.startswith("warning: "):
        current = line
        shown[current] = []
    elif line.startswith("    ") and current:
        shown[current].append(line[4:])
assert len(keys) == len(printed), (keys, printed)
for w, (key, message) in enumerate(zip(keys, messages)):
    line = f"warning: {key}: {message}\n"
    assert line in printed, line
    mine = [items[k] for k in np.flatnonzero(owner == w)]
    assert mine == shown[line.rstrip("\n")], (key, mine[:3], shown[line.rstrip("\n")][:3])
assert "practices.peer_groups" in keys and "roles" not in keys
print(f"warnings: {len(keys)} warnings and {len(items)} items in the results file match --verbose")
PY

[[ $failures -eq 0 ]] || exit 1
echo "warnings: all checks passed"
