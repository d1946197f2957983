#!/usr/bin/env bash
# Other areas and years of the real data: scripts/sweep_areas.py runs bolton.toml's levers
# on four commissioning areas of every payments year (2014/15 to 2022/23, spread over the
# sorted codes, and Bolton), and each run must exit 0, give finite figures, and match the
# payments file computed independently: the year-1 levelling-up cost
# (tests/runner/levelling_check.py) and the registered list within 1%. The whole sweep,
# every area of every year (1,569 runs, about 2 minutes on 2 cores), is
# `scripts/sweep_areas.py build/pcsim` (docs/testing.md).
# Usage (from the repository root): bash tests/cli/every_area_runs.sh PATH_TO_PCSIM
set -euo pipefail
/usr/bin/python3 scripts/sweep_areas.py "$1" --sample 4 --iterations 10
