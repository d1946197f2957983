#!/usr/bin/env bash
# A text longer than an Excel cell holds (32,767 characters) is cut at a character's start
# with a visible note, and the Provenance sheet says that the scenario text is cut and where
# the whole text is (the input audit B: a scenario whose '£' straddled byte 32,767 was cut
# inside the character, and Excel and openpyxl refused the workbook). The workbook is read
# back with openpyxl; provenance.csv of export --csv keeps the whole text.
# Usage (from the repository root): bash tests/cli/export_long_text.sh PATH_TO_PCSIM
set -uo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r scenarios/data "$work/data"
# The synthetic scenario, then a comment whose '£' signs start at byte 32,766.
/usr/bin/python3 - "$work/long.toml" <<'PY'
import sys
text = open("scenarios/synthetic.toml", encoding="utf-8").read() + "\n# Costs in pounds: "
pad = 32766 - len(text.encode("utf-8"))
text += "x" * pad + "\u00a3" * 20 + "\n"
assert text.encode("utf-8")[32766:32768] == "\u00a3".encode("utf-8")
open(sys.argv[1], "w", encoding="utf-8").write(text)
PY
cd "$work" || exit 1
"$pcsim" run long.toml -o r.h5 --iterations 20 --quiet 2>err.txt || { cat err.txt; exit 1; }
"$pcsim" export r.h5 --xlsx book.xlsx --csv tables >/dev/null 2>err.txt || { cat err.txt; exit 1; }
/usr/bin/python3 - <<'PY'
import csv, sys
import openpyxl
text = open("long.toml", encoding="utf-8").read()
book = openpyxl.load_workbook("book.xlsx")  # a cut character made this fail
rows = {r[0]: r[1] for r in book["Provenance"].iter_rows(values_only=True) if r[0]}
shown = rows["scenario_text"]
note = f" [... cut: {len(text.encode('utf-8'))} bytes in all]"
problems = []
if not shown.endswith(note):
    problems.append(f"no note at the end: ...{shown[-60:]!r}")
kept = shown[: -len(note)]
if not text.startswith(kept):
    problems.append("the cell is not the text's start")
if len(shown.encode("utf-8")) > 32767:
    problems.append(f"{len(shown.encode('utf-8'))} bytes, above Excel's limit")
if "the scenario text above is cut" not in (rows.get("scenario_text_cut") or ""):
    problems.append(f"no scenario_text_cut row: {sorted(rows)}")
with open("tables/provenance.csv", encoding="utf-8", newline="") as f:
    whole = {r[0]: r[1] for r in csv.reader(f)}["scenario_text"]
if whole != text:
    problems.append("provenance.csv does not hold the whole text")
for p in problems:
    print("export_long_text: FAILED:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
status=$?
[[ $status -eq 0 ]] && echo "export_long_text: OK"
exit $status
