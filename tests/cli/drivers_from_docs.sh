#!/usr/bin/env bash
# pcsim's central change by driver (run --central --drivers: every waterfall, Shapley part,
# alone row, interaction and attribute) against tests/independent/check_drivers_from_docs.py,
# the split computed again from the documents alone with the central case of
# central_from_docs.py, to 1e-9: Bolton, an edge probe (an option's own prices, additional
# roles above their ceiling at year 0, changes through the closure threshold only, three
# drivers inactive) and the four delegation options.
# Usage (from the repository root): bash tests/cli/drivers_from_docs.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree
exec /usr/bin/python3 tests/independent/check_drivers_from_docs.py "$pcsim" \
  scenarios/bolton.toml tests/independent/probes/edge.toml scenarios/delegation-options.toml
