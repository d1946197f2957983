#!/usr/bin/env bash
# The central case on every payments year of the real data against
# tests/independent/central_from_docs.py (the model implemented again from the documents
# alone), to 1e-9: England under national.toml's levers and three areas a year (the first,
# middle and last of its sorted codes) under the delegation options' four, each year from
# 2014/15 (no GP headcount series) to 2022/23 (sub-ICB codes), written by
# tests/independent/every_year_scenarios.py. central_from_docs.sh holds the shipped
# scenarios and the probes; this holds the years and areas they leave out.
# Usage (from the repository root): bash tests/cli/central_every_year.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/scenarios"
# Written to a list first, so that a failure of the writer stops the test (set -e).
/usr/bin/python3 tests/independent/every_year_scenarios.py "$work/scenarios" --areas 3 >"$work/list"
mapfile -t scenarios <"$work/list"
if (( ${#scenarios[@]} < 18 )); then
  echo "central_every_year: only ${#scenarios[@]} scenarios written" >&2
  exit 1
fi
/usr/bin/python3 tests/independent/check_central_from_docs.py "$pcsim" "${scenarios[@]}"
