#!/usr/bin/env bash
# Sets everything up, builds, and runs every test: the whole suite with CTest (release
# build), the style checks (scripts/style.sh: clang-format and clang-tidy), then the suite
# again under AddressSanitizer and UndefinedBehaviorSanitizer (scripts/sanitize.sh) and a
# short run of each fuzzer (scripts/fuzz.sh, 25 s each). Prints how long each stage took.
# Idempotent: builds are incremental and nothing outside build*/ is written.
# Extra arguments go to the release ctest. PCSIM_TEST_QUICK=1 runs the release suite only
# (for a quick look while working; CI runs everything).
set -euo pipefail
cd "$(dirname "$0")/.."
stage() {
  local name=$1 start=$SECONDS
  shift
  "$@"
  echo "test.sh: $name took $((SECONDS - start)) s" >&2
}
stage "set-up and release build" scripts/setup.sh
stage "release suite" ctest --test-dir build --output-on-failure -j "$(nproc)" "$@"
if [ "${PCSIM_TEST_QUICK:-0}" != 1 ]; then
  stage "style checks" scripts/style.sh
  stage "sanitizer build and suite" scripts/sanitize.sh
  stage "fuzzing" scripts/fuzz.sh 25
fi
