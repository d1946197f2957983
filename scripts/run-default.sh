#!/usr/bin/env bash
# Sets everything up, runs the bundled default scenario (NHS Bolton CCG) and prints its summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p results
build/pcsim run scenarios/bolton.toml -o results/bolton.h5 --force "$@"
