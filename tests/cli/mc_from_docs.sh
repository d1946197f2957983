#!/usr/bin/env bash
# pcsim's Monte Carlo law against tests/independent/mc_from_docs.py, the model implemented
# again from the documents alone with its own random numbers (numpy), and pcsim's parameter
# draws against the laws docs/scenario-format.md gives their tables, rank correlations
# repaired by repair_correlation = true against the nearest correlation matrix, and the
# --per-practice figures' means and identities (tests/independent/check_mc_from_docs.py
# says what is held and to what tolerance; the seeds are fixed, so the outcome does not
# vary from run to run).
# Usage (from the repository root): bash tests/cli/mc_from_docs.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree
exec /usr/bin/python3 tests/independent/check_mc_from_docs.py "$pcsim" \
  laws tests/independent/laws/dist.toml 20000 \
  laws tests/independent/laws/lhs.toml 5000 \
  laws tests/independent/laws/corr.toml 20000 \
  means scenarios/bolton.toml 4000 \
  means scenarios/synthetic.toml 10000 \
  means scenarios/delegation-options.toml 2000 \
  means tests/independent/probes/probe1.toml 1000 \
  means tests/independent/probes/probe4.toml 2000 \
  means tests/independent/laws/corr.toml 5000 \
  means tests/independent/laws/economy.toml 2000 \
  repair tests/independent/laws/repair.toml 20000 \
  practices scenarios/bolton.toml 4000 \
  practices tests/independent/probes/probe4.toml 2000
