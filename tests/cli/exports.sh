#!/usr/bin/env bash
# pcsim export, end to end without a browser (report.sh runs the same checks beside the
# HTML report's): the workbook and the CSV tables read back with openpyxl and pandas and
# compared with the HDF5 file (check_exports.py), for
#   - a run whose options make uncertain parameters that the baseline fixes
#     (delegation-options: savings.prescribing_reduction, funding.running_cost, ...): the
#     Drivers of NPV sheet lists every option's, not only the baseline's (the workbook audit);
#   - a run to a standard error with a seed of 20 digits: its float attributes
#     (convergence_reached_rel_se) and a seed beyond Excel's 15 digits in Provenance and
#     provenance.csv;
#   - a sensitivity file.
# Usage (from the repository root): bash tests/cli/exports.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$pcsim" run scenarios/delegation-options.toml -o "$work/options.h5" --iterations 300 \
  --quiet 2>/dev/null
"$pcsim" run scenarios/synthetic.toml -o "$work/converged.h5" --iterations 50 \
  --until-se npv:0.05 --seed 12345678901234567890 --quiet 2>/dev/null
"$pcsim" sensitivity scenarios/synthetic.toml -o "$work/sa.h5" --iterations 100 --sobol 32 \
  --bootstrap 20 --quiet 2>/dev/null
for name in options converged sa; do
  "$pcsim" export "$work/$name.h5" --xlsx "$work/$name.xlsx" --csv "$work/$name-csv" >/dev/null
  /usr/bin/python3 "$here/check_exports.py" "$work/$name.h5" "$work/$name.xlsx" "$work/$name-csv"
done
echo "exports: OK"
