#!/usr/bin/env bash
# The bad-input suite for CSV contents and attributes (issue 15, item 8): each case breaks
# one cell, row or header of a copy of the synthetic practice files (or of a small GP
# headcount series, area-to-ICB map or PCN file) and checks that `pcsim run` exits with 3,
# that the message names the file, the line and the column (or, for a missing column, its
# name), and that no output file is left. The cases: tests/cli/bad_csv_inputs.py.
# Usage (from the repository root): bash tests/cli/bad_csv_inputs.sh PATH_TO_PCSIM
set -euo pipefail
exec /usr/bin/python3 "$(dirname "$0")/bad_csv_inputs.py" "$(realpath "$1")"
