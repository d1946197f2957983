#!/usr/bin/env bash
# Sets everything up, builds, and runs every test: the whole suite with CTest (release
# build), then the suite again under AddressSanitizer and UndefinedBehaviorSanitizer
# (scripts/sanitize.sh) and a short run of each fuzzer (scripts/fuzz.sh, 25 s each).
# Idempotent: builds are incremental and nothing outside build*/ is written.
# Extra arguments go to the release ctest. PCSIM_TEST_QUICK=1 runs the release suite only
# (for a quick look while working; CI runs everything).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
ctest --test-dir build --output-on-failure -j "$(nproc)" "$@"
if [ "${PCSIM_TEST_QUICK:-0}" != 1 ]; then
  scripts/sanitize.sh
  scripts/fuzz.sh 25
fi
