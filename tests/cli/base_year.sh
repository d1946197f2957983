#!/usr/bin/env bash
# The base year a run rests on, in every human-facing output (docs/output-format.md, "The
# practice load report"; docs/cli.md): the Bolton levers on NHS Sandwell and West Birmingham
# CCG (05L) from the 2017/18 payments file, whose 8 closed practices' lists (51,575
# patients) move to its 85 open practices, so that the summed lists are not whole numbers
# in floating point (the audit of 2026-12-06 found 620760.9999999994 written). The file's
# practices_* figures against pandas on the payments file, and the summary, report and
# workbook showing them, the scenario's name and the price basis (check_base_year.py).
# Usage (from the repository root): bash tests/cli/base_year.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=$(realpath scenarios/data)
fail() { echo "base_year: FAILED: $*" >&2; exit 1; }

sed -e "s#= \"data/#= \"$data/#" -e "s#\[\"fragments/#[\"$data/../fragments/#" \
    -e 's#^name = .*#name = "NHS Sandwell and West Birmingham CCG (05L) 2017/18: Bolton levers"#' \
    -e 's#^ccg_codes = \["00T"\]#ccg_codes = ["05L"]#' \
    -e 's#nhspaymentsgp-16-17.csv#nhspaymentsgp-17-18.csv#' \
    -e 's#^start_year = { value = 2017,#start_year = { value = 2018,#' \
    scenarios/bolton.toml >"$work/sandwell.toml"
grep -q '^ccg_codes = \["05L"\]' "$work/sandwell.toml" || fail "could not select 05L"
grep -q '^start_year = { value = 2018,' "$work/sandwell.toml" || fail "could not set the year"

"$pcsim" run "$work/sandwell.toml" -o "$work/s.h5" --iterations 50 --quiet 2>/dev/null \
  || fail "pcsim run"
"$pcsim" summary "$work/s.h5" >"$work/summary.txt" || fail "pcsim summary"
"$pcsim" report "$work/s.h5" -o "$work/s.html" >/dev/null || fail "pcsim report"
"$pcsim" export "$work/s.h5" --xlsx "$work/s.xlsx" >/dev/null || fail "pcsim export"
/usr/bin/python3 "$here/check_base_year.py" "$work/s.h5" "$data/nhs-payments/nhspaymentsgp-17-18.csv" \
  05L 2017 "$work/summary.txt" "$work/s.html" "$work/s.xlsx"
echo "base_year: ok"
