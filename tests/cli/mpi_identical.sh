#!/usr/bin/env bash
# MPI runs give the results of one process (docs/cli.md, "Running on several processes"):
# the synthetic scenario run without mpirun and under mpirun with 1, 2 and 3 processes
# and 1 and 2 threads gives files whose every dataset and attribute are identical, except
# the root attributes that record how the run was made (times, host, threads, processes,
# command line): tests/cli/same_results.py. Covered: a plain run whose 103 iterations
# split unevenly; --per-practice with --until-se, stopping at 768 iterations (2
# processes compute rows past the stop, which rank 0 drops); the central case. The
# analytics and pcsim sensitivity: tests/cli/mpi_analytics.sh. About 5 seconds.
# Usage (from the repository root): bash tests/cli/mpi_identical.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/mpi_support.sh"

same() { /usr/bin/python3 tests/cli/same_results.py "$@"; }
synthetic=scenarios/synthetic.toml

# 1. Plain: 103 iterations (shares of 35, 34 and 34 at 3 processes).
"$pcsim" run $synthetic -o "$work/plain-ref.h5" --iterations 103 --threads 1 --quiet
for layout in "1 2" "2 1" "2 2" "3 1"; do
  set -- $layout
  mpi_run "$1" "$pcsim" run $synthetic -o "$work/plain-$1x$2.h5" --iterations 103 --threads "$2" --quiet
done
same "$work/plain-ref.h5" "$work"/plain-?x?.h5
/usr/bin/python3 - "$work" <<'PY'
import sys, h5py
for name, processes, threads in (("plain-3x1.h5", 3, 1), ("plain-2x2.h5", 2, 2)):
    with h5py.File(f"{sys.argv[1]}/{name}", "r") as f:
        assert int(f.attrs["processes"]) == processes, (name, f.attrs["processes"])
        assert int(f.attrs["threads"]) == threads, (name, f.attrs["threads"])
print("mpi_identical: the processes and threads attributes record the layout")
PY

# 2. --per-practice and --until-se together: the relative SE of the NPV is 0.0257 at 512
# iterations and 0.0213 at 768 (the NPV about -£0.68m), so a target of 0.024 stops at 768.
until=(--iterations 103 --per-practice --until-se npv:0.024 --max-iterations 2048 --quiet)
"$pcsim" run $synthetic -o "$work/until-ref.h5" --threads 2 "${until[@]}"
mpi_run 2 "$pcsim" run $synthetic -o "$work/until-2x1.h5" --threads 1 "${until[@]}"
mpi_run 3 "$pcsim" run $synthetic -o "$work/until-3x1.h5" --threads 1 "${until[@]}"
same "$work/until-ref.h5" "$work/until-2x1.h5" "$work/until-3x1.h5"
/usr/bin/python3 - "$work/until-3x1.h5" <<'PY'
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    n = int(f.attrs["iterations"])
    assert n == 768 and int(f.attrs["convergence_iterations"]) == 768, n
    option = f["options"].attrs["option_order"][0]
    npv = f["options"][option]["npv"][()]
    closed = f["options"][option]["practices"]["closed"]
    assert npv.shape == (768,) and closed.shape[0] == 768, (npv.shape, closed.shape)
    def rel(k):
        x = npv[:k][~np.isnan(npv[:k])]
        return x.std(ddof=1) / np.sqrt(len(x)) / abs(x.mean())
    assert rel(512) >= 0.024 > rel(768), (rel(512), rel(768))
print("mpi_identical: --until-se stopped at 768 iterations, with 768 per-practice rows")
PY

# 3. The central case.
"$pcsim" run $synthetic -o "$work/central-ref.h5" --central --threads 1 --quiet
mpi_run 2 "$pcsim" run $synthetic -o "$work/central-2x1.h5" --central --threads 1 --quiet
same "$work/central-ref.h5" "$work/central-2x1.h5"

echo "mpi_identical: OK"
