#!/usr/bin/env bash
# A scenario whose file name is not UTF-8 (caf<0xE9>.toml, Latin-1: a path is bytes on
# Linux and is not refused for that) runs, and every output made from its results is UTF-8,
# the byte written visibly as \xE9: the results file's provenance (read with h5py, which
# decodes its UTF-8 strings), the report, the CSV tables and a workbook that openpyxl reads
# (the input audit B, repro_04: the workbook was not well-formed XML, the report and tables
# not UTF-8). A practice code in Latin-1 is refused at its line, column and header.
# Usage (from the repository root): bash tests/cli/non_utf8_paths.sh PATH_TO_PCSIM
set -uo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "non_utf8_paths: FAILED: $*" >&2
  failures=$((failures + 1))
}
cp -r scenarios/data "$work/data"
cp scenarios/synthetic.toml "$work/caf"$'\xe9'".toml"
cd "$work" || exit 1

"$pcsim" run "caf"$'\xe9'".toml" -o r.h5 --iterations 20 --per-practice --quiet 2>err.txt ||
  fail "run: $(cat err.txt)"
"$pcsim" export r.h5 --xlsx book.xlsx --csv tables >/dev/null 2>err.txt || fail "export: $(cat err.txt)"
"$pcsim" report r.h5 -o r.html >/dev/null 2>err.txt || fail "report: $(cat err.txt)"
/usr/bin/python3 - <<'PY' || failures=$((failures + 1))
import glob, sys
import h5py, openpyxl
problems = []
shown = "caf\\xE9.toml"
with h5py.File("r.h5") as f:
    if f.attrs["scenario_file"] != shown:
        problems.append(f"scenario_file is {f.attrs['scenario_file']!r}")
    if shown not in f.attrs["command_line"]:
        problems.append(f"command_line is {f.attrs['command_line']!r}")
book = openpyxl.load_workbook("book.xlsx")  # not well-formed XML before
rows = {r[0]: r[1] for r in book["Provenance"].iter_rows(values_only=True) if r[0]}
if rows.get("scenario_file") != shown:
    problems.append(f"the workbook's scenario_file is {rows.get('scenario_file')!r}")
for name in ["r.html"] + sorted(glob.glob("tables/*.csv")):
    try:
        text = open(name, "rb").read().decode("utf-8")
    except UnicodeDecodeError as e:
        problems.append(f"{name} is not UTF-8: {e}")
        continue
    if name in ("r.html", "tables/provenance.csv") and shown not in text:
        problems.append(f"{name} does not show {shown}")
for p in problems:
    print("non_utf8_paths: FAILED:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY

# A Latin-1 practice code: exit 3 at its cell, the byte shown as \xE9 (the message is UTF-8).
# Its line and column, found here from the file's own text.
read -r line column < <(/usr/bin/python3 -c '
import csv
rows = list(csv.reader(open("data/synthetic-payments.csv", encoding="utf-8")))
c = rows[0].index("Practice Code")
print(next(i + 1 for i, r in enumerate(rows) if r[c] == "Z00006"), c + 1)')
sed -i $'s/,Z00006,/,Z0000\xe9,/' data/synthetic-payments.csv
"$pcsim" validate "caf"$'\xe9'".toml" >/dev/null 2>err.txt
code=$?
[[ $code -eq 3 ]] || fail "a Latin-1 code: exit $code, expected 3"
grep -qF "data/synthetic-payments.csv:$line:$column: key 'Practice Code': found 'Z0000\\xE9' (the byte 0xE9 at byte 6 is not UTF-8); expected text in UTF-8" err.txt ||
  fail "a Latin-1 code: $(cat err.txt)"
iconv -f UTF-8 -t UTF-8 err.txt >/dev/null 2>&1 || fail "the message is not UTF-8"

if [[ $failures -ne 0 ]]; then
  echo "non_utf8_paths: $failures check(s) failed" >&2
  exit 1
fi
echo "non_utf8_paths: OK"
