#!/usr/bin/env bash
# scripts/instructions.py (docs/performance.md, "Instructions per practice-year") on
# scenarios/bolton.toml, CTest bench.instructions (label bench; skipped, exit 77, without
# valgrind; about 20 s): the JSON record's figures against ones computed here another way:
#  - the marginal instructions = the difference of the two profiles' totals, read from the
#    raw callgrind files (not through callgrind_annotate);
#  - practice-years = practices and options from `pcsim validate`, years from the TOML;
#  - the top-level rows add up to the whole, sub-rows are within their pass, every pass
#    of the engine is found (Bolton has the practice changes on), none negative (the
#    process's residual: not below -5 % of the whole, the allocator's noise);
#  - each row per practice-year x practice-years = its instructions.
# Then the guard: engine::simulate's instructions a practice-year at most the ceiling in
# benchmarks/perf_ceiling.txt ("instructions_ceiling bolton_engine_per_practice_year N").
# Instructions, unlike seconds, do not move with the machine's load, so this catches a
# few per cent more work on every CI run; under valgrind the process runs the AVX2 kernel
# and the scalar passes (valgrind has no AVX-512), whose time the perf guard does not see.
# Then the exit code of bad usage (2).
# Usage (from the repository root): bash tests/perf/instructions_script.sh BUILD_FOLDER
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1
build=$(realpath "$1")
if ! command -v valgrind >/dev/null || ! command -v callgrind_annotate >/dev/null; then
  echo "instructions_script: skipped, valgrind is not installed"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "instructions_script: FAILED: $*" >&2; exit 1; }

scripts/instructions.py "$build" --scenario scenarios/bolton.toml --iterations 2 4 --keep "$work" \
  --json "$work/record.json" >"$work/table.txt" 2>"$work/err.txt" ||
  fail "exited $? ($(cat "$work/err.txt"))"
grep -q "warning" "$work/err.txt" && fail "$(cat "$work/err.txt")"
"$build/pcsim" validate scenarios/bolton.toml >"$work/validate.txt" 2>/dev/null

/usr/bin/python3 - "$work" <<'PY' || fail "the record (above)"
import json, math, re, sys, tomllib
from pathlib import Path
work = Path(sys.argv[1])
r = json.loads((work / "record.json").read_text())
bad = []
def total(n):  # the raw profile's "totals:" (or "summary:") line
    text = (work / f"callgrind.{n}.out").read_text()
    return int(re.search(r"^(?:totals|summary): (\d+)", text, re.M).group(1))
a, b = r["iterations"]
if (a, b) != (2, 4):
    bad.append(f"iterations {a} {b}")
if r["marginal_instructions"] != total(b) - total(a):
    bad.append(f"marginal {r['marginal_instructions']} != {total(b)} - {total(a)}")
m = re.search(r"(\d+) practices?, (\d+) options?,", (work / "validate.txt").read_text())
with open("scenarios/bolton.toml", "rb") as f:
    years = tomllib.load(f)["horizon_years"]["value"]
practice_years = int(m.group(1)) * int(m.group(2)) * years
if r["practice_years_per_iteration"] != practice_years:
    bad.append(f"practice-years {r['practice_years_per_iteration']} != {practice_years}")
rows = {row["pass"]: row for row in r["rows"]}
top = sum(row["instructions"] for row in r["rows"] if row["parent"] is None)
if top != r["marginal_instructions"]:
    bad.append(f"the top-level rows add up to {top}, not {r['marginal_instructions']}")
# Every row at least 0, but the whole process's residual, which carries the allocator's
# noise: within the script's own tolerance (RESIDUAL_TOLERANCE in scripts/instructions.py).
sys.path.insert(0, "scripts")
from instructions import residual_tolerance
for row in r["rows"]:
    if row["instructions"] < -residual_tolerance(r, row["pass"]) or not row["found"]:
        bad.append(f"row {row}")
    if row["parent"] and row["instructions"] > rows[row["parent"]]["instructions"]:
        bad.append(f"{row['pass']} is more than its pass {row['parent']}")
    per = row["instructions"] / ((b - a) * practice_years)
    if not math.isclose(row["per_practice_year"], per, rel_tol=1e-12):
        bad.append(f"{row['pass']}: {row['per_practice_year']} a practice-year, not {per}")
for p in ("list_pass", "gp_exits_pass", "recruitment_pass", "accounts_pass",
          "year_end_changes", "Workspace::start"):
    if rows[p]["instructions"] <= 0:
        bad.append(f"{p}: no instructions")
outside = ("results file", "the rest of the run")
engine = sum(row["instructions"] for row in r["rows"]
             if row["parent"] is None and row["pass"] not in outside)
if engine != r["engine_instructions"]:
    bad.append(f"the engine's rows add up to {engine}, not {r['engine_instructions']}")
ceiling = None
for line in Path("benchmarks/perf_ceiling.txt").read_text().splitlines():
    words = line.split()
    if words[:2] == ["instructions_ceiling", "bolton_engine_per_practice_year"]:
        ceiling = float(words[2])
if ceiling is None:
    bad.append("benchmarks/perf_ceiling.txt has no "
               "'instructions_ceiling bolton_engine_per_practice_year N' line")
else:
    got = r["engine_per_practice_year"]
    print(f"instructions_script: engine::simulate {got:,.1f} instructions a practice-year, "
          f"ceiling {ceiling:,.0f}: {'pass' if got <= ceiling else 'FAIL'}")
    if got > ceiling:
        bad.append(f"engine::simulate takes {got:,.1f} instructions a practice-year, "
                   f"more than the ceiling {ceiling:,.0f} (benchmarks/perf_ceiling.txt)")
for line in bad:
    print(f"instructions_script: {line}", file=sys.stderr)
sys.exit(1 if bad else 0)
PY
for p in list_pass gp_exits_pass year_end_changes "whole run"; do
  grep -q "^$p " "$work/table.txt" || fail "the table has no row '$p': $(cat "$work/table.txt")"
done

code=0
scripts/instructions.py "$build" --iterations 4 2 >/dev/null 2>"$work/err.txt" || code=$?
if [ "$code" != 2 ] || ! grep -q "need 1 <= A < B" "$work/err.txt"; then
  fail "--iterations 4 2 exited $code: $(cat "$work/err.txt")"
fi
cat "$work/table.txt"
echo "instructions_script: OK"
