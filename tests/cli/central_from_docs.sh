#!/usr/bin/env bash
# pcsim's central case, every metric, NPV, payback year and per-practice figure of every
# option, against tests/independent/central_from_docs.py: the model implemented again from
# docs/model.md and docs/scenario-format.md alone (never from the C++), to 1e-9. The
# shipped scenarios (England 2022/23, 2018/19 and 2016/17, Bolton, the delegation options,
# the synthetic area) and the probes of levers and data the shipped ones leave out
# (tests/independent/probes/: levelling down, percentile, pound and file-scope targets,
# what the money buys, extra GP posts, diversion, the closure threshold, moved lists, PCN
# files of later years, the fallbacks of the pools, areas whose contracts are mostly paid
# outside the core columns).
# Usage (from the repository root): bash tests/cli/central_from_docs.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree
exec /usr/bin/python3 tests/independent/check_central_from_docs.py "$pcsim" \
  scenarios/bolton.toml scenarios/synthetic.toml scenarios/delegation-options.toml \
  scenarios/national.toml scenarios/backtest-2016.toml scenarios/backtest-2018.toml \
  tests/independent/probes/*.toml tests/independent/laws/economy.toml
