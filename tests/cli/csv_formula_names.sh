#!/usr/bin/env bash
# Option names a spreadsheet would evaluate ("=1+2", "-10% referrals", "@x", "+2 GPs") are
# written to every CSV table after an apostrophe, so that Excel or LibreOffice shows them as
# text (OWASP's "CSV injection"); numbers, negative ones included, stay numbers; undoing the
# documented rule (docs/output-format.md) gives back the names the HDF5 file holds. The
# workbook keeps the names as they are, as text cells. An option that invests nothing has an
# empty P(payback) in the comparison, not 0.
# Usage (from the repository root): bash tests/cli/csv_formula_names.sh PATH_TO_PCSIM
set -uo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r scenarios/data "$work/data"
/usr/bin/python3 - "$work/names.toml" <<'PY'
import sys
text = open("scenarios/synthetic.toml", encoding="utf-8").read()
for name in ("=1+2", "-10% referrals", "@SUM(A1:A2)", "+2 GPs"):
    text += f'\n[[options]]\nname = "{name}"\n[options.funding]\nrunning_cost = 100000\n'
open(sys.argv[1], "w", encoding="utf-8").write(text)
PY
cd "$work" || exit 1
"$pcsim" run names.toml -o r.h5 --iterations 12 --quiet 2>err.txt || { cat err.txt; exit 1; }
"$pcsim" export r.h5 --xlsx book.xlsx --csv tables >/dev/null 2>err.txt || { cat err.txt; exit 1; }
"$pcsim" summary r.h5 --csv-comparison >comparison.csv 2>/dev/null || exit 1
"$pcsim" summary r.h5 --csv >summary.csv 2>/dev/null || exit 1
/usr/bin/python3 - <<'PY'
import csv, sys
import h5py
import numpy as np
import openpyxl

problems = []
with h5py.File("r.h5", "r") as f:
    names = [str(n) for n in f["options"].attrs["option_order"]]
    invests_nothing = {o: not np.any(f[f"options/{o}/investment"][()]) for o in names}
risky = [n for n in names if n[:1] in "=+-@"]
if len(risky) != 4:
    problems.append(f"the scenario's four risky names are not all in the file: {names}")


def unescaped(cell):
    return cell[1:] if cell[:1] == "'" and cell[1:2] in "=+-@\t\r" else cell


def check_table(path, column):
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    seen = set()
    for row in rows:
        cell = row[column]
        if cell[:1] in "=+-@\t\r":
            problems.append(f"{path}: {column} cell {cell!r} would be evaluated")
        if unescaped(cell) not in names:
            problems.append(f"{path}: {column} cell {cell!r} is not an option's name escaped")
        seen.add(unescaped(cell))
    if seen != set(names):
        problems.append(f"{path}: options {sorted(seen)}, the file has {sorted(names)}")
    return rows


for path in ("tables/summary.csv", "tables/comparison.csv", "tables/iterations.csv",
             "summary.csv", "comparison.csv"):
    check_table(path, "option")
rows = check_table("comparison.csv", "option")
for row in rows:
    float(row["npv_p10"])  # negative numbers are written as numbers, not escaped
    if invests_nothing[unescaped(row["option"])] != (row["p_payback_within_horizon"] == ""):
        problems.append(f"comparison.csv: P(payback) {row['p_payback_within_horizon']!r} for "
                        f"{row['option']!r}, which invests nothing: {invests_nothing[unescaped(row['option'])]}")
with open("tables/summary.csv", encoding="utf-8", newline="") as handle:
    values = [row["mean"] for row in csv.DictReader(handle) if row["metric"] == "npv"]
if not any(v.startswith("-") for v in values):
    problems.append("no negative NPV mean to show that numbers stay numbers")
for v in values:
    float(v)

book = openpyxl.load_workbook("book.xlsx")
shown = {r[0] for r in book["Summary"].iter_rows(values_only=True) if isinstance(r[0], str)}
for name in risky:
    if name not in shown:
        problems.append(f"workbook Summary: option {name!r} not shown as it is")
for p in problems:
    print("csv_formula_names: FAILED:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
status=$?
[[ $status -eq 0 ]] && echo "csv_formula_names: OK"
exit $status
