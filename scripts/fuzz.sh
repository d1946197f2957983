#!/usr/bin/env bash
# Runs each libFuzzer harness of fuzz/ for SECONDS (default 25: the short run of CI; the
# long run is `scripts/fuzz.sh 3600`), as many side by side as there are cores, seeded with
# the shipped files, in the debug-asan build (build-asan/, AddressSanitizer and
# UndefinedBehaviorSanitizer on). The corpus each harness grows is kept in
# build-asan/fuzz-corpus/ for the next run. A crash stops with the input that caused it in
# build-asan/fuzz-artifacts/: add it to fuzz/regressions/<harness>/ (CTest replays those)
# and fix the bug (docs/testing.md).
# Usage (from anywhere): scripts/fuzz.sh [SECONDS] [HARNESS...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-25}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(fuzz_scenario fuzz_payments fuzz_attributes fuzz_results
  fuzz_headcount_series fuzz_area_map)

[ -f build-asan/build.ninja ] || cmake --preset debug-asan
cmake --build --preset debug-asan --target pcsim "${harnesses[@]}"

# Seeds: the files pcsim ships and its test fixtures, and a results file of each kind.
seeds=build-asan/fuzz-seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{fuzz_scenario,fuzz_payments,fuzz_attributes,fuzz_results,fuzz_headcount_series,fuzz_area_map}
cp scenarios/*.toml tests/scenarios/fixtures/*.toml tests/cli/fixtures/*.toml "$seeds/fuzz_scenario/"
cp scenarios/data/synthetic-payments.csv "$seeds/fuzz_payments/"
for year in 16-17 22-23; do  # the two layouts NHS Digital has used, a few hundred rows each
  head -n 300 "scenarios/data/nhs-payments/nhspaymentsgp-$year.csv" >"$seeds/fuzz_payments/national-$year.csv"
done
cp scenarios/data/synthetic-attributes.csv "$seeds/fuzz_attributes/"
head -n 400 scenarios/data/gp-workforce/practice_gp_headcount_by_year.csv >"$seeds/fuzz_headcount_series/head.csv"
cp scenarios/data/geography/ccg_icb.csv "$seeds/fuzz_area_map/"
cp tests/scenarios/fixtures/*.csv "$seeds/fuzz_attributes/" 2>/dev/null || true
# Leaks are findings too, as in the sanitizer suite: LeakSanitizer checks each input whose
# run leaves more allocations than it frees (libFuzzer's -detect_leaks, on with this).
export ASAN_OPTIONS="quarantine_size_mb=0:detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
build-asan/pcsim run scenarios/synthetic.toml -o "$seeds/fuzz_results/run.h5" --iterations 5 --quiet --force
build-asan/pcsim run scenarios/synthetic.toml -o "$seeds/fuzz_results/central.h5" --central --quiet --force

# One harness: its corpus grows in build-asan/fuzz-corpus/HARNESS, its log is
# build-asan/fuzz-HARNESS.log; returns libFuzzer's status.
run_harness() {
  local harness=$1 corpus=build-asan/fuzz-corpus/$1 artifacts=build-asan/fuzz-artifacts
  mkdir -p "$corpus" "$artifacts"
  "build-asan/fuzz/$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/$harness-" "$corpus" "$seeds/$harness" \
    2>"build-asan/fuzz-$harness.log"
}

# The harnesses side by side, one a core: each is one process on one thread, so on CI's
# two cores two run at once and each still has its SECONDS of a whole core (the stage took
# four times 25 s one after another).
slots=$(nproc)
declare -A job=()
for harness in "${harnesses[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$slots" ]; do wait -n || true; done
  echo "fuzz: $harness for $seconds s" >&2
  run_harness "$harness" &
  job[$harness]=$!
done
failed=()
for harness in "${harnesses[@]}"; do
  if ! wait "${job[$harness]}"; then
    failed+=("$harness")
    tail -n 40 "build-asan/fuzz-$harness.log" >&2
  else
    grep -E "^stat::(number_of_executed_units|peak_rss_mb)" "build-asan/fuzz-$harness.log" | sed "s/^/fuzz: $harness: /" >&2
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in ${failed[*]}: the inputs are in build-asan/fuzz-artifacts/" >&2
  exit 1
fi
echo "fuzz: OK (${harnesses[*]}, $seconds s each)"
