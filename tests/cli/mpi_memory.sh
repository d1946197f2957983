#!/usr/bin/env bash
# Memory per process stays flat in iterations under MPI (docs/performance.md, "Several
# processes"): peak resident memory (GNU time's max RSS) of each process of
# `mpirun -np 2 pcsim run` on the synthetic scenario at 2,000 and 8,000 iterations, with
# and without --per-practice.
#  - Process 1 keeps nothing per iteration (it sends each chunk's rows to rank 0 and
#    forgets them): its peak may rise by at most a quarter of what rank 0 keeps for the
#    6,000 extra iterations (every per-iteration dataset of the file, from its shapes),
#    with or without --per-practice.
#  - Rank 0 keeps the per-iteration figures (they are the results) but writes each
#    process's per-practice rows as they arrive: what --per-practice adds to its peak may
#    grow by at most what it adds to a one-process run's peak (the writer's own growth:
#    HDF5's chunk index and metadata cache grow with the file) plus a quarter of the extra
#    iterations' per-practice figures.
# A measured check, not a timing: the bounds are a quarter of what keeping the data would
# cost. Measured: process 1 grows by well under 1 %; what --per-practice adds to a peak
# grows by about 1.6 MB with one process and 2.5-3.8 MB on rank 0 (peak RSS varies by
# up to 1 MB from run to run), against 2.9 MB for a quarter of the rows.
# Usage (from the repository root): bash tests/cli/mpi_memory.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/mpi_support.sh"
[[ -x /usr/bin/time ]] || { echo "mpi_memory: FAILED: /usr/bin/time missing (package time)" >&2; exit 1; }

# peak N FLAGS...: "RANK0 RANK1", max RSS in KiB of each process of a 2-process run.
peak() {
  local n=$1
  shift
  mpi_run 2 sh -c '/usr/bin/time -f %M -o "$0.$OMPI_COMM_WORLD_RANK" "$@"' "$work/rss" \
    "$pcsim" run scenarios/synthetic.toml -o "$work/run-$n.h5" --iterations "$n" --threads 1 \
    --quiet --force "$@" 2>/dev/null
  echo "$(cat "$work/rss.0") $(cat "$work/rss.1")"
}
# single N FLAGS...: max RSS in KiB of a one-process run (no mpirun).
single() {
  local n=$1
  shift
  /usr/bin/time -f %M -o "$work/rss.single" "$pcsim" run scenarios/synthetic.toml \
    -o "$work/single-$n.h5" --iterations "$n" --threads 1 --quiet --force "$@" 2>/dev/null
  cat "$work/rss.single"
}
one_plain_2k=$(single 2000)
one_plain_8k=$(single 8000)
one_pp_2k=$(single 2000 --per-practice)
one_pp_8k=$(single 8000 --per-practice)
read -r plain_2k_0 plain_2k_1 <<<"$(peak 2000)"
read -r plain_8k_0 plain_8k_1 <<<"$(peak 8000)"
read -r pp_2k_0 pp_2k_1 <<<"$(peak 2000 --per-practice)"
read -r pp_8k_0 pp_8k_1 <<<"$(peak 8000 --per-practice)"

# Bytes per iteration that rank 0 keeps, and of the per-practice figures, from the file.
read -r kept_per_iteration practice_per_iteration <<<"$(/usr/bin/python3 - "$work/run-8000.h5" <<'PY'
import sys
import h5py
with h5py.File(sys.argv[1], "r") as f:
    n = int(f.attrs["iterations"])
    kept = practice = 0
    def visit(name, obj):
        global kept, practice
        if isinstance(obj, h5py.Dataset) and obj.ndim >= 1 and obj.shape[0] == n:
            size = obj.size * obj.dtype.itemsize // n
            if "/practices/" in name:
                practice += size
            else:
                kept += size
    f.visititems(visit)
    print(kept, practice)
PY
)"
extra_kb=$((6000 * kept_per_iteration / 1024))
practice_kb=$((6000 * practice_per_iteration / 1024))
echo "mpi_memory: max RSS KiB (rank 0 / process 1): 2k $plain_2k_0/$plain_2k_1, 8k $plain_8k_0/$plain_8k_1;" \
  "with --per-practice 2k $pp_2k_0/$pp_2k_1, 8k $pp_8k_0/$pp_8k_1"
echo "mpi_memory: 6,000 iterations: $extra_kb KiB of per-iteration figures, $practice_kb KiB per-practice"
one_growth=$(((one_pp_8k - one_plain_8k) - (one_pp_2k - one_plain_2k)))
echo "mpi_memory: one process: what --per-practice adds grew by $one_growth KiB"

status=0
for growth in $((plain_8k_1 - plain_2k_1)) $((pp_8k_1 - pp_2k_1)); do
  if [[ $growth -gt $((extra_kb / 4)) ]]; then
    echo "mpi_memory: FAILED: process 1 grew by $growth KiB (bound $((extra_kb / 4)))" >&2
    status=1
  fi
done
practice_growth=$(((pp_8k_0 - plain_8k_0) - (pp_2k_0 - plain_2k_0)))
bound=$(((one_growth > 0 ? one_growth : 0) + practice_kb / 4))
if [[ $practice_growth -gt $bound ]]; then
  echo "mpi_memory: FAILED: rank 0's per-practice memory grew by $practice_growth KiB" \
    "(bound $bound: one process's $one_growth plus a quarter of the rows)" >&2
  status=1
fi
[[ $status -eq 0 ]] && echo "mpi_memory: OK"
exit $status
