#!/usr/bin/env bash
# The estimate that pcsim validate prints, and that pcsim run checks against the machine
# (docs/cli.md, "Estimates"), measured against real runs: for the synthetic scenario (one
# option) and the Bedfordshire decision (four options), the peak resident memory (GNU
# time's max RSS) lies between 60 % and 100 % of the estimate, and the results file
# between the estimate's least (ten to one) and its uncompressed size; with the planner
# analytics (--drivers, --driver-iterations, --sobol, --bootstrap, the EVPPI), the peak
# below the estimate and the file within it.
# Usage (from the repository root): bash tests/cli/run_estimate.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[[ -x /usr/bin/time ]] || { echo "run_estimate: SKIPPED: /usr/bin/time missing"; exit 0; }
failures=0

# bytes TEXT: "21.4 MB" -> 21400000 (the units of format_bytes: decimal).
bytes() {
  /usr/bin/python3 -c "
import sys
value, unit = sys.argv[1].split()
print(int(float(value) * {'bytes': 1, 'KB': 1e3, 'MB': 1e6, 'GB': 1e9, 'TB': 1e12}[unit]))" "$1"
}

check() {
  local scenario=$1 iterations=$2
  local line
  line=$("$pcsim" validate "scenarios/$scenario" --iterations "$iterations" --threads 1 2>/dev/null | grep '^pcsim run estimated')
  local memory up_to
  memory=$(bytes "$(sed -E 's/.*peak memory about ([0-9.]+ [A-Z]*B).*/\1/' <<<"$line")")
  up_to=$(bytes "$(sed -E 's/.*up to ([0-9.]+ [A-Z]*B) before.*/\1/' <<<"$line")")
  /usr/bin/time -f "%M" -o "$work/rss" "$pcsim" run "scenarios/$scenario" -o "$work/out.h5" \
    --iterations "$iterations" --threads 1 --quiet --force
  local peak=$(( $(cat "$work/rss") * 1024 ))
  local size
  size=$(stat -c %s "$work/out.h5")
  echo "run_estimate: $scenario x $iterations: peak $peak bytes, estimated $memory;" \
    "file $size bytes, at most $up_to"
  if (( peak > memory || peak * 10 < memory * 6 )); then
    echo "run_estimate: FAILED: $scenario: peak memory $peak not within 60-100 % of $memory" >&2
    failures=$((failures + 1))
  fi
  if (( size > up_to || size * 10 < up_to )); then
    echo "run_estimate: FAILED: $scenario: file $size not within a tenth of $up_to and it" >&2
    failures=$((failures + 1))
  fi
}

# Small runs, whose file is mostly its fixed part (HDF5's metadata, about 1 KB a dataset,
# and the texts stored whole): at most the "up to", and within half again of the typical
# size either way (the message probe of 2026-12-07: 10 iterations of two options were
# estimated at 254 KB, "up to 280 KB", for a file of 756,048 bytes).
check_small() {
  local scenario=$1 iterations=$2
  local line about up_to size
  line=$("$pcsim" validate "scenarios/$scenario" --iterations "$iterations" --threads 1 2>/dev/null | grep '^pcsim run estimated')
  about=$(bytes "$(sed -E 's/.*results file about ([0-9.]+ [A-Z]*B).*/\1/' <<<"$line")")
  up_to=$(bytes "$(sed -E 's/.*up to ([0-9.]+ [A-Z]*B) before.*/\1/' <<<"$line")")
  "$pcsim" run "scenarios/$scenario" -o "$work/small.h5" --iterations "$iterations" --threads 1 \
    --quiet --force 2>/dev/null
  size=$(stat -c %s "$work/small.h5")
  echo "run_estimate: $scenario x $iterations: file $size bytes, about $about, at most $up_to"
  if (( size > up_to || 2 * size > 3 * about || 2 * about > 3 * size )); then
    echo "run_estimate: FAILED: $scenario x $iterations: file $size against about $about, up to $up_to" >&2
    failures=$((failures + 1))
  fi
}

# A run with the planner analytics (--drivers, --sobol N --bootstrap B, and the EVPPI of a
# run of several options over 100 iterations or more), whose tables are estimated with the
# run (the audit: validate said "about 3.8 MB (up to 6.3 MB)" with or without them, for
# files of 5.78 MB with --drivers and 7.88 MB with both): the file at most the "up to" and
# within half again of the typical size either way (its least, tested against real files
# in tests/runner/test_run_estimate.cpp, is below that), the peak memory below the estimate.
check_analytics() {
  local scenario=$1 iterations=$2
  shift 2
  local line memory about up_to size peak
  line=$("$pcsim" validate "scenarios/$scenario" --iterations "$iterations" --threads 1 "$@" 2>/dev/null | grep '^pcsim run estimated')
  memory=$(bytes "$(sed -E 's/.*peak memory about ([0-9.]+ [A-Z]*B).*/\1/' <<<"$line")")
  about=$(bytes "$(sed -E 's/.*results file about ([0-9.]+ [A-Z]*B).*/\1/' <<<"$line")")
  up_to=$(bytes "$(sed -E 's/.*up to ([0-9.]+ [A-Z]*B) before.*/\1/' <<<"$line")")
  /usr/bin/time -f "%M" -o "$work/rss" "$pcsim" run "scenarios/$scenario" -o "$work/analytics.h5" \
    --iterations "$iterations" --threads 1 --quiet --force "$@" 2>/dev/null
  peak=$(( $(cat "$work/rss") * 1024 ))
  size=$(stat -c %s "$work/analytics.h5")
  echo "run_estimate: $scenario x $iterations $*: peak $peak bytes, estimated $memory;" \
    "file $size bytes, about $about, at most $up_to"
  if (( peak > memory )); then
    echo "run_estimate: FAILED: $scenario $*: peak memory $peak above the estimate $memory" >&2
    failures=$((failures + 1))
  fi
  if (( size > up_to || 2 * size > 3 * about || 2 * about > 3 * size )); then
    echo "run_estimate: FAILED: $scenario $*: file $size against about $about, up to $up_to" >&2
    failures=$((failures + 1))
  fi
}

check synthetic.toml 30000
check delegation-options.toml 3000
check_small synthetic.toml 1
check_small synthetic.toml 10
check_small delegation-options.toml 10
check_analytics delegation-options.toml 120 --drivers --sobol 32 --bootstrap 20
check_analytics delegation-options.toml 120 --drivers --driver-iterations 5
[[ $failures -eq 0 ]] || exit 1
echo "run_estimate: OK"
