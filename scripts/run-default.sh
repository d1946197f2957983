#!/usr/bin/env bash
# Sets everything up, runs the bundled default scenario (NHS Bolton CCG) and prints its summary.
# Builds the pcsim command line alone (not the tests or benchmarks), so the first result
# appears as soon as possible; scripts/test.sh builds the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh pcsim
mkdir -p results
# --force: running the script again replaces the previous default results.
build/pcsim run scenarios/bolton.toml -o results/bolton.h5 --force "$@"
