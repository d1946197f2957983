#!/usr/bin/env bash
# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer: configures (once)
# and builds the debug-asan preset (clang 14, build-asan/), then runs its test preset (the
# whole suite less what measures time or memory; CMakePresets.json, docs/testing.md).
# Any sanitizer finding fails the test it happens in. Extra arguments go to ctest.
# Usage (from anywhere): scripts/sanitize.sh [CTEST ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build-asan/build.ninja ] || cmake --preset debug-asan
cmake --build --preset debug-asan
ctest --preset debug-asan -j "$(nproc)" "$@"
