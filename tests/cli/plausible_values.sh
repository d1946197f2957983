#!/usr/bin/env bash
# Values within the hard limits but outside a parameter's plausible range
# (docs/scenario-format.md, "Plausible ranges"): `pcsim validate` and `pcsim run` warn, naming
# the file, the line (found here with grep, independently of pcsim), the key, the value and
# the range; the results file keeps the warning in /warnings; --strict makes it an error
# (exit 3) located at the value's line, with no results file; a value past the hard limits
# is an error as before. Each slip is made in tests/cli/fixtures/no_warnings/scenario.toml,
# which raises no warning of its own. The £ totals are also judged against the practices'
# baseline spend (docs/scenario-format.md, "Plausible against the practices' spend"),
# summed here from the fixture's payments file with Python's csv module.
# Usage (from the repository root): bash tests/cli/plausible_values.sh PATH_TO_PCSIM
set -uo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "plausible_values: FAILED: $*" >&2
  failures=$((failures + 1))
}
cp tests/cli/fixtures/no_warnings/* "$work/"
clean="$work/scenario.toml"

# A copy of the clean scenario with `old` replaced by `new` (or `new` appended when old is
# empty), written to $work/NAME.toml.
slip() {
  local name=$1 old=$2 new=$3
  if [[ -z "$old" ]]; then
    { cat "$clean"; printf '%s\n' "$new"; } >"$work/$name.toml"
  else
    grep -qF -- "$old" "$clean" || fail "$name: '$old' not in the fixture"
    /usr/bin/python3 -c 'import sys; t = open(sys.argv[1]).read(); open(sys.argv[4], "w").write(t.replace(sys.argv[2], sys.argv[3], 1))' \
      "$clean" "$old" "$new" "$work/$name.toml"
  fi
}

line_of() { grep -nF -- "$2" "$1" | head -1 | cut -d: -f1; }

# One case: validate warns (exit 0) under KEY at the line of MARKER, naming NEEDLE; --strict
# validate and run refuse it (exit 3) at that line, leaving no results file.
check() {
  local name=$1 key=$2 marker=$3 needle=$4
  local file="$work/$name.toml" line
  line=$(line_of "$file" "$marker")
  "$pcsim" validate "$file" >/dev/null 2>"$work/$name.err" || fail "$name: validate exit $?"
  local warned
  warned=$(grep -c "^warning: $key: $file, line $line: .*outside the plausible \(range\|band\)" "$work/$name.err")
  [[ $warned -eq 1 ]] || fail "$name: $warned warnings for $key at line $line: $(cat "$work/$name.err")"
  grep -q "^warning: $key: .*$needle" "$work/$name.err" || fail "$name: the warning lacks '$needle'"
  [[ $(grep -c '^warning: ' "$work/$name.err") -eq 1 ]] || fail "$name: other warnings: $(cat "$work/$name.err")"
  "$pcsim" validate "$file" --strict >/dev/null 2>"$work/$name.strict"
  local code=$?
  [[ $code -eq 3 ]] || fail "$name: --strict validate exit $code, expected 3"
  grep -q "^error: $file:$line: key '$key': " "$work/$name.strict" ||
    fail "$name: no --strict error at $file:$line for '$key': $(cat "$work/$name.strict")"
  "$pcsim" run "$file" --strict --iterations 5 -o "$work/$name.h5" --quiet 2>/dev/null
  code=$?
  [[ $code -eq 3 ]] || fail "$name: --strict run exit $code, expected 3"
  [[ -e "$work/$name.h5" || -e "$work/$name.h5.tmp" ]] && fail "$name: --strict run left an output file"
}

# The clean fixture: no warning, --strict accepts it.
"$pcsim" validate "$clean" --strict >/dev/null 2>&1 || fail "the clean fixture: --strict exit $?"

# 20% a year typed for 2%: above UK CPI's highest 12-month rate since 1989 (11.1%).
slip inflation "inflation = 0.02" "inflation = 0.2"
check inflation funding.inflation "inflation = 0.2" "0.2 is outside"
# Every list emptied in a year.
slip list_growth 'list_growth = { dist = "triangular", min = 0.0, mode = 0.006, max = 0.012' \
  'list_growth = { dist = "triangular", min = -1, mode = 0.006, max = 0.012'
check list_growth population.list_growth "min = -1, mode" "its min -1 is outside"
# An option's own value: allocations growing 50% a year.
slip option "" $'[[options]]\nname = "grow fast"\nfunding.allocation_growth = 0.5'
check option "options.grow fast.funding.allocation_growth" "allocation_growth = 0.5" "0.5 is outside"

# The practices' baseline spend: Global Sum + MPIG Correction factor + Balance of PMS
# Expenditure over the fixture's practices (all open, all with patients; cells such as
# "£641,877.25" as the loader reads them), to whole pounds.
spend=$(/usr/bin/python3 - "$work/payments.csv" <<'PY'
import csv, sys
columns = ["Global Sum", "MPIG Correction factor", "Balance of PMS Expenditure"]
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
assert len(rows) == 5 and all(float(r["Number of Registered Patients (Last Known Figure)"]) > 0
                              and not r["Practice Close Date"].strip() for r in rows)
pounds = lambda cell: float(cell.replace("£", "").replace(",", "").strip() or 0)
print(round(sum(pounds(r[c]) for r in rows for c in columns)))
PY
)
[[ $spend =~ ^[0-9]+$ ]] || fail "the fixture's spend: '$spend'"
# value / spend to three significant figures, as the warning writes it.
# The spend as the warning writes it, thousands grouped: 3376817 -> 3,376,817.
spend_text=$(/usr/bin/python3 -c 'import sys; print(format(int(sys.argv[1]), ","))' "$spend")
multiple() { /usr/bin/python3 -c 'import sys; print(format(float(format(float(sys.argv[1]) / float(sys.argv[2]), ".3g")), ".10g"))' "$1" "$spend"; }
meant=$((spend * 115 / 100))  # an allocation 15% above the spend: no warning

# The allocation typed in £k, at its own line in [funding].
in_k=$((meant / 1000))
slip allocation_k "allocation_growth = 0.035" $'allocation_growth = 0.035\nallocation = '"$in_k"
check allocation_k funding.allocation "allocation = $in_k" \
  "$in_k ($(multiple "$in_k") times) is outside the plausible band from 0.5 to 10 times the practices' baseline spend of £$spend_text a year (the year-0 core funding of the scenario's 5 practices)"
# A baseline spend in pence.
in_pence=$((spend * 100))
slip baseline_pence "allocation_growth = 0.035" $'allocation_growth = 0.035\nbaseline_spend = '"$in_pence"
check baseline_pence funding.baseline_spend "baseline_spend = $in_pence" "$in_pence (100 times) is outside"
# An option's own allocation typed in £m (one decimal).
in_m=$(/usr/bin/python3 -c "print(format(round($meant / 1e6, 2), '.10g'))")
slip allocation_m "" $'[[options]]\nname = "delegate"\nfunding.allocation = '"$in_m"
check allocation_m "options.delegate.funding.allocation" "funding.allocation = $in_m" \
  "$in_m ($(multiple "$in_m") times) is outside the plausible band"
# A running cost whose max is in pence: £12m a year, several times the practices' spend.
slip running_pence "mode = 80000, max = 120000" "mode = 80000, max = 12000000"
check running_pence funding.running_cost "max = 12000000" "its max 12000000 ($(multiple 12000000) times) is outside"
# 0 (the practices' own spend) and the allocation meant are no slips: --strict accepts both.
for value in 0 "$meant"; do
  slip "allocation_$value" "allocation_growth = 0.035" $'allocation_growth = 0.035\nallocation = '"$value"
  "$pcsim" validate "$work/allocation_$value.toml" --strict >/dev/null 2>"$work/allocation_$value.err" ||
    fail "allocation = $value: --strict exit $?: $(cat "$work/allocation_$value.err")"
done

# The run without --strict goes ahead and keeps the warning in /warnings.
"$pcsim" run "$work/inflation.toml" --iterations 5 -o "$work/inflation.h5" --quiet 2>/dev/null ||
  fail "run with a warning: exit $?"
/usr/bin/python3 - "$work/inflation.h5" <<'PY' || fail "results file /warnings"
import sys
import h5py

f = h5py.File(sys.argv[1], "r")
pairs = list(zip([k.decode() for k in f["/warnings/key"][:]],
                 [m.decode() for m in f["/warnings/message"][:]]))
assert len(pairs) == 1 and pairs[0][0] == "funding.inflation", pairs
assert "outside the plausible range" in pairs[0][1], pairs
PY

# Past the hard limits (inflation above 100% a year) it is an error without --strict.
slip hard "inflation = 0.02" "inflation = 1.5"
"$pcsim" validate "$work/hard.toml" >/dev/null 2>"$work/hard.err"
code=$?
[[ $code -eq 3 ]] || fail "inflation = 1.5: exit $code, expected 3"
grep -q "^error: $work/hard.toml:$(line_of "$work/hard.toml" "inflation = 1.5"):.*key 'funding.inflation'" "$work/hard.err" ||
  fail "inflation = 1.5: no located error: $(cat "$work/hard.err")"

[[ $failures -eq 0 ]] || exit 1
echo "plausible_values: all checks passed"
