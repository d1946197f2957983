#!/usr/bin/env bash
# --per-practice figures are streamed to the file batch by batch, so the memory they take
# does not grow with the iterations (docs/output-format.md, "practices/").
# Measures the peak resident memory (max RSS, GNU time) of the synthetic scenario at 2,000
# and 32,000 iterations, with and without --per-practice. The rest of a run (per-iteration
# metrics, parameters) grows with the iterations either way, so the check is on what
# --per-practice adds: RSS(with) - RSS(without). Kept in memory, the 30,000 extra
# iterations' per-practice figures (30000 x practices x years x every figure the file holds
# x options x 8 bytes, 59 MB for the synthetic scenario with its 5 figures) would raise it
# by their full size. Bound: it may rise by at most 25 % of that size. The growth measured
# is the allocator's pages, not data, and does not scale with the iterations: 1.1-1.7 MB
# from 2,000 to 8,000 iterations (massif: the heap's own growth about 0.8 MB, HDF5's chunk
# index among it), 0.2 MB from 2,000 to 32,000 (2026-12-07). With 8,000 as the top, as
# before, that noise sat at half the bound, and one run under ctest -j2 crossed it.
# Usage (from the repository root): bash tests/cli/per_practice_memory.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[[ -x /usr/bin/time ]] || { echo "per_practice_memory: SKIPPED: /usr/bin/time missing"; exit 0; }

# peak_kb N FLAGS...: max RSS in KiB of a single-threaded run of N iterations, the smaller
# of two runs (the allocator's pages vary from run to run, more so when other tests run
# beside it: one run under ctest -j2 once measured a growth above the bound that the same
# build, alone, measured at half of it).
peak_kb() {
  local n=$1 best=
  shift
  for _ in 1 2; do
    /usr/bin/time -f "%M" -o "$work/rss" "$pcsim" run scenarios/synthetic.toml \
      -o "$work/run-$n.h5" --iterations "$n" --threads 1 --quiet --force "$@"
    local kb
    kb=$(cat "$work/rss")
    if [[ -z $best || $kb -lt $best ]]; then best=$kb; fi
  done
  echo "$best"
}

plain_2k=$(peak_kb 2000)
plain_32k=$(peak_kb 32000)
streamed_2k=$(peak_kb 2000 --per-practice)
streamed_32k=$(peak_kb 32000 --per-practice)

# Bytes of per-practice figures per iteration, from the file's own shapes.
per_iteration=$(/usr/bin/python3 - "$work/run-32000.h5" <<'PY'
import sys
import h5py
with h5py.File(sys.argv[1], "r") as f:
    total = 0
    for option in f["options"].attrs["option_order"]:
        practices = f["options"][option]["practices"]
        # Every per-practice figure the file holds (iterations x practices x years), read
        # from the file rather than from a list that new figures would outgrow.
        for name, item in practices.items():
            if isinstance(item, h5py.Dataset) and item.ndim == 3:
                _, p, y = item.shape
                total += p * y * 8
    print(total)
PY
)

extra_2k=$((streamed_2k - plain_2k))
extra_32k=$((streamed_32k - plain_32k))
kept_kb=$((30000 * per_iteration / 1024))
bound_kb=$((kept_kb / 4))
growth=$((extra_32k - extra_2k))
echo "per_practice_memory: max RSS KiB without/with --per-practice:" \
  "2k $plain_2k/$streamed_2k, 32k $plain_32k/$streamed_32k"
echo "per_practice_memory: --per-practice adds $extra_2k KiB at 2k, $extra_32k KiB at 32k:" \
  "growth $growth KiB, bound $bound_kb KiB (25 % of the $kept_kb KiB the figures hold)"
if [[ $growth -gt $bound_kb ]]; then
  echo "per_practice_memory: FAILED: per-practice memory grows with the iterations" >&2
  exit 1
fi
echo "per_practice_memory: OK"
