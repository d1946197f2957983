#!/usr/bin/env bash
# pcsim's planner analytics against tests/independent/check_analytics_from_docs.py, which
# computes them again from the documents alone (docs/model.md "Planner analytics",
# docs/cli.md, docs/output-format.md; never from the C++): the EVPI from the run's own
# NPVs and every EVPPI group's P-spline regression refitted on the run's stored draws (to
# rounding; the posterior SE statistically), the Sobol indices of every output and year
# from a Saltelli design of its own evaluated by tests/independent/central_from_docs.py
# (within 4 standard errors of the difference), and the stochastic change by driver's
# identities (parts add up, option less baseline, the end is the run's own mean). The
# seeds are fixed, so the outcome does not vary from run to run; 21 s on the 2-core machine
# (37-44 s while other jobs loaded it).
# Usage (from the repository root): bash tests/cli/analytics_from_docs.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 tests/independent/check_analytics_from_docs.py "$pcsim" "$work"
