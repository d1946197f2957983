#!/usr/bin/env bash
# The scaling tables of docs/performance.md: wall time (median of hyperfine runs) and peak
# RSS of national.toml over practices, years, iterations and threads, then the goal run
# (10,000 iterations, 2 threads) three times under /usr/bin/time -v. About 8 minutes on
# the 2-core machine; run it on a quiet machine. Usage: scripts/perf-scaling.sh [pcsim]
set -euo pipefail
cd "$(dirname "$0")/.."
pcsim=${1:-build/pcsim}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Variants of national.toml: 3 and 8 CCGs, 5- and 20-year horizons (data and include paths absolute).
data=$(realpath scenarios/data)
for v in 3ccg 8ccg h5 h20; do
  sed -e "s#= \"data/#= \"$data/#" -e "s#\[\"fragments/#[\"$data/../fragments/#" scenarios/national.toml >"$work/$v.toml"
done
sed -i '/^payments_csv/a ccg_codes = ["91Q", "72Q", "15E"]' "$work/3ccg.toml"
sed -i '/^payments_csv/a ccg_codes = ["W2U3Z", "A3A8R", "91Q", "72Q", "15E", "93C", "D2P2L", "36L"]' "$work/8ccg.toml"
sed -i 's/^horizon_years = { value = 10,/horizon_years = { value = 5,/' "$work/h5.toml"
sed -i 's/^horizon_years = { value = 10,/horizon_years = { value = 20,/' "$work/h20.toml"

row() {  # label runs scenario iterations threads
  local label=$1 runs=$2 args=("$3" --iterations "$4" --threads "$5" --quiet -o "$work/out.h5" --force)
  hyperfine -N --runs "$runs" --export-json "$work/h.json" "$pcsim run ${args[*]}" >/dev/null 2>&1
  local median rss
  median=$(python3 -c 'import json,statistics,sys; print("%.3f" % statistics.median(json.load(open(sys.argv[1]))["results"][0]["times"]))' "$work/h.json")
  rss=$(/usr/bin/time -f %M "$pcsim" run "${args[@]}" 2>&1 >/dev/null | tail -1)
  printf '%-28s wall %8s s   peak RSS %6.1f MB\n' "$label" "$median" "$(awk -v k="$rss" 'BEGIN { print k / 1000 }')"
}
row "bolton, 1,000 it, 2 thr" 5 scenarios/bolton.toml 1000 2
row "3 CCGs, 1,000 it, 2 thr" 5 "$work/3ccg.toml" 1000 2
row "8 CCGs, 1,000 it, 2 thr" 5 "$work/8ccg.toml" 1000 2
row "national, 1,000 it, 2 thr" 5 scenarios/national.toml 1000 2
row "5 years, 1,000 it, 2 thr" 5 "$work/h5.toml" 1000 2
row "20 years, 1,000 it, 2 thr" 5 "$work/h20.toml" 1000 2
row "national, 1,000 it, 1 thr" 5 scenarios/national.toml 1000 1
row "national, 2,000 it, 2 thr" 3 scenarios/national.toml 2000 2
row "national, 5,000 it, 2 thr" 3 scenarios/national.toml 5000 2
for i in 1 2 3; do
  /usr/bin/time -v "$pcsim" run scenarios/national.toml --iterations 10000 --threads 2 \
      --quiet -o "$work/out.h5" --force 2>&1 |
    grep -E "Elapsed|Maximum resident|User time" | tr -s ' \t' ' ' | tr '\n' ';'
  echo
done
