#!/usr/bin/env bash
# scripts/bench.sh (docs/performance.md, "What measures what") end to end, CTest bench.script
# (label bench, serial; about 25 s; it judges no timing):
#  1. --quick with --json: exit 0, a report naming each part, and a JSON record whose every
#     field is present, every time positive and every derived figure (marginal times,
#     speed-up, the peer / pcsim ratio) equal to the one recomputed from the record's own
#     measurements (tests/perf/check_bench_json.py); the NumPy peer run when NumPy is there;
#  2. an interpreter without NumPy for the peer: the step is skipped and said so, exit 0;
#  3. bad usage exits 2 with a message naming the option; a failing step exits 1 naming
#     the step; neither touches an existing JSON file.
# Usage (from the repository root): bash tests/perf/bench_script.sh BUILD_FOLDER
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1
build=$(realpath "$1")
bin="$build/benchmarks/pcsim_benchmarks"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "bench_script: FAILED: $*" >&2; exit 1; }

# 1. The quick run; the peer when this machine's Python has NumPy and h5py.
peer=no-peer  # else the peer's iterations under --quick
/usr/bin/python3 -c 'import numpy, h5py' 2>/dev/null && peer=100
scripts/bench.sh "$build" --quick --json "$work/quick.json" \
  >"$work/quick.txt" 2>"$work/quick.err" ||
  fail "--quick exited $? ($(cat "$work/quick.err"))"
for part in "Kernels: Google Benchmark" "Whole run:" "2-thread speed-up" "NumPy peer:"; do
  grep -q "$part" "$work/quick.txt" || fail "the report has no '$part':$(cat "$work/quick.txt")"
done
/usr/bin/python3 tests/perf/check_bench_json.py "$work/quick.json" "$bin" 200 "$peer" ||
  fail "the --quick record (above)"
compgen -G "$work/.quick.json.*" >/dev/null && fail "a temporary JSON file was left behind"
# The checker's controls: a record with a derived figure 1% off, or a field missing, fails.
for change in 'r["whole_run"]["by_threads"][1]["marginal_cpu_ms_per_iteration"] *= 1.01' \
  'r["whole_run"]["speedup_2_threads"] *= 1.01' 'del r["whole_run"]["runs"][0]["peak_rss_kib"]' \
  'r["numpy_peer"]["ratio"] = r["numpy_peer"].get("ratio", 1.0) * 1.01' 'del r["finished"]'; do
  /usr/bin/python3 -c "import json,sys; r = json.load(open(sys.argv[1])); $change
json.dump(r, open(sys.argv[2], 'w'))" "$work/quick.json" "$work/changed.json"
  if /usr/bin/python3 tests/perf/check_bench_json.py "$work/changed.json" "$bin" 200 30 \
    2>/dev/null; then
    fail "the checker passed a record changed by: $change"
  fi
done

# 2. No NumPy for the peer: Debian's Python without its site packages.
printf '#!/bin/sh\nexec /usr/bin/python3 -S "$@"\n' >"$work/python-bare"
chmod +x "$work/python-bare"
scripts/bench.sh "$build" --quick --filter '^BM_Savings$' --min-time 0.01 \
  --python "$work/python-bare" --json "$work/bare.json" >"$work/bare.txt" 2>&1 ||
  fail "without NumPy exited $? ($(cat "$work/bare.txt"))"
grep -q "NumPy peer: skipped, NumPy is not importable" "$work/bare.txt" ||
  fail "the report does not say the peer was skipped: $(cat "$work/bare.txt")"
/usr/bin/python3 tests/perf/check_bench_json.py "$work/bare.json" "$bin" 200 no-peer ||
  fail "the record without NumPy (above)"

# 3. Exit codes; the JSON file of an earlier run stays as it was.
echo '{"earlier": true}' >"$work/kept.json"
expect() {  # exit code, text of the message, then the options
  local want=$1 text=$2 got=0
  shift 2
  scripts/bench.sh "$@" --json "$work/kept.json" >"$work/out.txt" 2>&1 || got=$?
  [ "$got" = "$want" ] || fail "$* exited $got, expected $want: $(cat "$work/out.txt")"
  grep -q -- "$text" "$work/out.txt" || fail "$*: no '$text' in: $(cat "$work/out.txt")"
  [ "$(cat "$work/kept.json")" = '{"earlier": true}' ] || fail "$* changed the JSON file"
}
expect 2 "--iterations: must be at least 2" "$build" --iterations 1
expect 2 "selects no benchmark" "$build" --filter '^BM_NoSuchKernel$'
expect 2 "no build folder" "$work/no-build"
expect 2 "no scenario file" "$build" --scenario "$work/none.toml"
expect 2 "unrecognized arguments: --iteration" "$build" --iteration 5
printf '[run]\nseed = "not a number"\n' >"$work/broken.toml"
expect 1 "step 'whole runs' failed" "$build" --quick --filter '^BM_Savings$' \
  --min-time 0.01 --scenario "$work/broken.toml"
echo "bench_script: OK (peer: $peer)"
