#!/usr/bin/env bash
# pcsim report and pcsim export, end to end (docs/cli.md): the HTML report of a results
# file with several options (one investing nothing), --per-practice figures, the change by
# driver (--drivers) and Sobol indices (--sobol), and of a sensitivity file, loads in
# headless Chromium with every chart drawn, no console error and every headline figure,
# practice figure, Sobol index and driver's part equal to the HDF5 file's, and the words of
# the headline and base year true to it (check_report.py); --pdf prints a PDF; the workbook
# and the CSV tables read back with openpyxl and a bare pandas.read_csv equal the file
# (check_exports.py); pcsim summary reads a sensitivity file and names a foreign or damaged
# file in one line; England 2020/21's fractional closed lists are rounded in the base
# year's words.
# Usage (from the repository root): bash tests/cli/report.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "report: chromium is not installed (scripts/setup.sh installs it)" >&2; exit 1; }

expect() {  # expect CODE WHAT COMMAND...: the command exits with CODE
  local code=$1 what=$2; shift 2
  set +e; "$@" >"$work/out" 2>"$work/err"; local got=$?; set -e
  if [ "$got" -ne "$code" ]; then
    echo "report: $what: exit $got, expected $code" >&2; cat "$work/err" >&2; exit 1
  fi
}

"$pcsim" run scenarios/delegation-options.toml -o "$work/options.h5" --iterations 300 \
  --per-practice --drivers --sobol 32 --bootstrap 20 --quiet
"$pcsim" sensitivity scenarios/synthetic.toml -o "$work/sa.h5" --iterations 100 --sobol 32 \
  --bootstrap 20 --quiet

# The results file itself read as docs/output-format.md describes it (every dataset
# checksummed, the summaries and comparisons recomputed by NumPy: tests/output/check_h5py.py).
/usr/bin/python3 "$here/../output/check_h5py.py" "$work/options.h5"

# The HTML reports, checked in Chromium against the files.
"$pcsim" report "$work/options.h5" -o "$work/options.html" --pdf "$work/options.pdf" >/dev/null
"$pcsim" report "$work/sa.h5" >/dev/null   # default name: the results file with .html
# The figures on the rendered pages are checked in the release suite; the sanitizer run
# (PCSIM_SANITIZER_RUN=1, CMakePresets.json) checks pcsim's part, not Chromium's.
if [ "${PCSIM_SANITIZER_RUN:-0}" != 1 ]; then
  /usr/bin/python3 "$here/check_report.py" "$work/options.html" "$work/options.h5" "$chromium"
  /usr/bin/python3 "$here/check_report.py" "$work/sa.html" "$work/sa.h5" "$chromium"
fi
# Long names and a long horizon print at full size (the output probe of 2026-12-07: a
# 70-character option name of one word and a 20-year horizon made Chromium shrink every
# page of the PDF, to 67 % and 83 %, and clipped the title): synthetic over 20 years, its
# baseline renamed to one long word, an option with markup and quotes in its name.
sed -e 's|^horizon_years = 5|horizon_years = 20|' \
    -e 's|^baseline = "delegate and invest"|baseline = "Delegate_with_levelling_up_to_the_median_and_quality_contract_v2_final"|' \
    -e "s|\"data/|\"$PWD/scenarios/data/|" scenarios/synthetic.toml > "$work/long.toml"
printf '\n[[options]]\nname = "<b>No<b> running cost & the '"'"'quoted'"'"' one"\n[options.funding]\nrunning_cost = 0\n' \
  >> "$work/long.toml"
"$pcsim" run "$work/long.toml" -o "$work/long.h5" --iterations 50 --quiet
"$pcsim" report "$work/long.h5" -o "$work/long.html" >/dev/null
grep -c '<details class="appendix">' "$work/long.html" | grep -qx 2 ||
  { echo "report: long: not one appendix per option" >&2; exit 1; }
if [ "${PCSIM_SANITIZER_RUN:-0}" != 1 ]; then
  /usr/bin/python3 "$here/check_report.py" "$work/long.html" "$work/long.h5" "$chromium"
fi
# A central run is named as one run, not "Monte Carlo results · 1 iterations", and a run of
# 2 iterations says why nothing is ranked (it said "no uncertain parameter varied").
"$pcsim" run scenarios/synthetic.toml -o "$work/central.h5" --central --quiet
"$pcsim" report "$work/central.h5" -o "$work/central.html" >/dev/null
grep -q 'Central case: one run, every parameter at its central value' "$work/central.html" &&
  ! grep -q 'Monte Carlo results' "$work/central.html" &&
  grep -q 'A central-case run draws no parameter' "$work/central.html" ||
  { echo "report: the central run is not named as one" >&2; exit 1; }
# The words of --central runs' reports, whose one iteration is the central case, against
# their files (check_report.py --words; the Monte Carlo report above gets the same checks):
# the audit found "the central case does not overspend" beside an option whose central case
# overspent in 9 of its 10 years, all but the last (delegation-options' "delegate and level
# up"), and "closed practices' lists moved" of a file that moved none. The second run moves
# them (closed_lists = "move"), so its base year must say how many, and the first must not.
"$pcsim" run scenarios/delegation-options.toml -o "$work/options-central.h5" --central --quiet
sed -e "s|\"data/|\"$PWD/scenarios/data/|" -e "s|\"fragments/|\"$PWD/scenarios/fragments/|" \
    -e 's|^\[practices\]$|[practices]\nclosed_lists = "move"|' \
    scenarios/delegation-options.toml > "$work/moved.toml"
grep -qx 'closed_lists = "move"' "$work/moved.toml" ||
  { echo "report: closed_lists not set in the copy of delegation-options" >&2; exit 1; }
"$pcsim" run "$work/moved.toml" -o "$work/moved.h5" --central --quiet
for name in options-central moved; do
  "$pcsim" report "$work/$name.h5" -o "$work/$name.html" >/dev/null
  /usr/bin/python3 "$here/check_report.py" --words "$work/$name.html" "$work/$name.h5"
done
# England on the 2020/21 payments file: the lists of its 120 practices closed within the
# base year sum to 629,895.84 patients (a payments file's lists are averages), which the
# base year's sentence must round, not cut, to 629,896 (a checker that cut them failed it).
sed -e "s|\"data/|\"$PWD/scenarios/data/|" -e "s|\"fragments/|\"$PWD/scenarios/fragments/|" \
    -e 's|nhspaymentsgp-22-23\.csv|nhspaymentsgp-20-21.csv|' \
    -e 's|^start_year = { value = 2023,|start_year = { value = 2021,|' \
    scenarios/national.toml > "$work/england-2020.toml"
grep -q 'nhspaymentsgp-20-21.csv' "$work/england-2020.toml" &&
  grep -q '^start_year = { value = 2021,' "$work/england-2020.toml" ||
  { echo "report: the 2020/21 copy of national.toml was not made" >&2; exit 1; }
"$pcsim" run "$work/england-2020.toml" -o "$work/england-2020.h5" --central --quiet
/usr/bin/python3 - "$work/england-2020.h5" <<'PY'
import sys, h5py
value = float(h5py.File(sys.argv[1]).attrs["practices_registered_patients_not_counted"])
if value - int(value) < 0.5:
    sys.exit(f"report: England 2020/21's closed lists ({value}) round down: the case lost its point")
PY
"$pcsim" report "$work/england-2020.h5" -o "$work/england-2020.html" >/dev/null
/usr/bin/python3 "$here/check_report.py" --words "$work/england-2020.html" "$work/england-2020.h5"
"$pcsim" run scenarios/synthetic.toml -o "$work/two.h5" --iterations 2 --quiet
"$pcsim" report "$work/two.h5" -o "$work/two.html" >/dev/null
grep -q 'need at least 3 iterations; this run has 2' "$work/two.html" &&
  grep -q '· 2 iterations, seed' "$work/two.html" ||
  { echo "report: a 2-iteration run does not say why nothing is ranked" >&2; exit 1; }
head -c 5 "$work/options.pdf" | grep -q '%PDF-' || { echo "report: --pdf wrote no PDF" >&2; exit 1; }
[ "$(stat -c %s "$work/options.pdf")" -gt 20000 ] || { echo "report: the PDF is nearly empty" >&2; exit 1; }

# The workbook and the CSV tables.
"$pcsim" export "$work/options.h5" --xlsx "$work/options.xlsx" --csv "$work/options-csv" >/dev/null
"$pcsim" export "$work/sa.h5" --xlsx "$work/sa.xlsx" --csv "$work/sa-csv" >/dev/null
/usr/bin/python3 "$here/check_exports.py" "$work/options.h5" "$work/options.xlsx" "$work/options-csv"
/usr/bin/python3 "$here/check_exports.py" "$work/sa.h5" "$work/sa.xlsx" "$work/sa-csv"
# A --central run's exports: one iteration ranks nothing, so no Drivers of NPV sheet and a
# sensitivity.csv of its columns alone (the checker once assumed every file had them).
"$pcsim" export "$work/options-central.h5" --xlsx "$work/central.xlsx" --csv "$work/central-csv" >/dev/null
/usr/bin/python3 "$here/check_exports.py" "$work/options-central.h5" "$work/central.xlsx" "$work/central-csv"

# Refusals: existing outputs without --force (untouched), no Chart.js, nothing to export.
cp "$work/options.html" "$work/before.html"
expect 4 "report over an existing file" "$pcsim" report "$work/options.h5" -o "$work/options.html"
cmp -s "$work/options.html" "$work/before.html" || { echo "report: existing file changed" >&2; exit 1; }
expect 0 "report with --force" "$pcsim" report "$work/options.h5" -o "$work/options.html" --force
expect 4 "export over existing tables" "$pcsim" export "$work/options.h5" --csv "$work/options-csv"
PCSIM_CHARTJS=/nonexistent/chart.js expect 4 "report without Chart.js" \
  "$pcsim" report "$work/options.h5" -o "$work/nochart.html"
grep -q "libjs-chart.js" "$work/err" || { echo "report: no hint to install Chart.js" >&2; exit 1; }
[ ! -e "$work/nochart.html" ] || { echo "report: a report was written without Chart.js" >&2; exit 1; }
expect 2 "export with no format" "$pcsim" export "$work/options.h5"
# A PCSIM_CHROMIUM that cannot run: refused before anything is written (the HTML was
# written, then the PDF failed).
for bad in /nonexistent/chromium "$work"; do
  PCSIM_CHROMIUM=$bad expect 4 "report --pdf with PCSIM_CHROMIUM=$bad" \
    "$pcsim" report "$work/options.h5" -o "$work/nochromium.html" --pdf "$work/nochromium.pdf"
  grep -q "not a program this process can run" "$work/err" ||
    { echo "report: PCSIM_CHROMIUM=$bad not named: $(cat "$work/err")" >&2; exit 1; }
  [ ! -e "$work/nochromium.html" ] && [ ! -e "$work/nochromium.pdf" ] ||
    { echo "report: PCSIM_CHROMIUM=$bad, yet something was written" >&2; exit 1; }
done

# A Chromium that runs but prints nothing (exits 1, or exits 0 without a PDF): exit 4 with
# the reason, and neither the PDF nor the HTML left behind (the two are staged together).
for bad in /bin/false /bin/true; do
  PCSIM_CHROMIUM=$bad expect 4 "report --pdf with PCSIM_CHROMIUM=$bad" \
    "$pcsim" report "$work/options.h5" -o "$work/failed.html" --pdf "$work/failed.pdf"
  grep -q "could not print the report to $work/failed.pdf (exit status .*): it printed no message" \
    "$work/err" || { echo "report: PCSIM_CHROMIUM=$bad, no reason: $(cat "$work/err")" >&2; exit 1; }
  [ ! -e "$work/failed.html" ] && [ ! -e "$work/failed.pdf" ] ||
    { echo "report: PCSIM_CHROMIUM=$bad left a file behind" >&2; exit 1; }
done
# The page Chromium printed from (beside the PDF's temporary) is gone, printed or not.
if compgen -G "$work/*.tmp.html" > /dev/null; then
  echo "report: the page printed to PDF was left behind: $(ls "$work"/*.tmp.html)" >&2; exit 1
fi
# The Chart.js the report reads is never an output, wherever it comes from (the audit:
# --force over PCSIM_CHARTJS's file replaced it); a file that is not its browser build is
# refused (the audit: an ES module or any text gave a report without charts, exit 0).
cp /usr/share/javascript/chart.js/chart.min.js "$work/chart.min.js"
cp "$work/chart.min.js" "$work/chart-before.js"
PCSIM_CHARTJS=$work/chart.min.js expect 4 "report -o over PCSIM_CHARTJS's file" \
  "$pcsim" report "$work/options.h5" -o "$work/chart.min.js" --force
grep -q "the Chart.js file the report inlines (PCSIM_CHARTJS)" "$work/err" ||
  { echo "report: Chart.js file not named: $(cat "$work/err")" >&2; exit 1; }
cmp -s "$work/chart.min.js" "$work/chart-before.js" ||
  { echo "report: PCSIM_CHARTJS's file was replaced" >&2; exit 1; }
# `--chartjs --force` is a missing file name, not a file named "--force" (exit 2).
expect 2 "report --chartjs --force" \
  "$pcsim" report "$work/options.h5" -o "$work/flag.html" --chartjs --force
grep -q "looks like a flag" "$work/err" || { echo "report: --chartjs --force: $(cat "$work/err")" >&2; exit 1; }
for kind in chart.esm.js passwd; do
  if [ $kind = passwd ]; then printf 'root:x:0:0:root:/root:/bin/bash\n' > "$work/passwd"; else
    cp /usr/share/javascript/chart.js/chart.esm.js "$work/$kind"; fi
  expect 4 "report --chartjs $kind" \
    "$pcsim" report "$work/options.h5" -o "$work/wrongchart.html" --chartjs "$work/$kind"
  [ ! -e "$work/wrongchart.html" ] || { echo "report: a report with --chartjs $kind" >&2; exit 1; }
done

# pcsim summary on every kind of file: a sensitivity file is summarised; a foreign, a
# plain HDF5 and a damaged file are each named in one line, without HDF5's error stack.
expect 0 "summary of a sensitivity file" "$pcsim" summary "$work/sa.h5"
grep -q "Tornado of npv" "$work/out" || { echo "report: no tornado in the summary" >&2; exit 1; }
echo "not a results file" > "$work/foreign.h5"
/usr/bin/python3 -c "import h5py, sys; h5py.File(sys.argv[1], 'w')['x'] = 1" "$work/plain.h5"
head -c 4000 "$work/options.h5" > "$work/damaged.h5"
for bad in foreign plain damaged; do
  for command in summary report; do
    if [ "$command" = report ]; then extra=(-o "$work/bad.html"); else extra=(); fi
    expect 4 "$command of the $bad file" "$pcsim" "$command" "$work/$bad.h5" "${extra[@]}"
    [ "$(wc -l < "$work/err")" -eq 1 ] && ! grep -q "HDF5 error stack" "$work/err" \
      || { echo "report: $command of $bad: not one line:" >&2; cat "$work/err" >&2; exit 1; }
  done
done
echo "report: OK"
