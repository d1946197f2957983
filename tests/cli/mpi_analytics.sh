#!/usr/bin/env bash
# The analytics of pcsim run and pcsim sensitivity under MPI give the results of one
# process (docs/cli.md, "Running on several processes"): the synthetic scenario with a
# second option (so that the comparison, the option - baseline splits and the EVPPI are
# written) run with --drivers (central: 2^k runs spread over the processes; stochastic:
# iterations spread, their splits added in iteration order by rank 0) and --sobol (the
# design's rows spread), and pcsim sensitivity --sobol (Spearman iterations, tornado and
# Sobol runs spread), each without mpirun and with 2 and 3 processes; every dataset and
# attribute identical but those recording the run (tests/cli/same_results.py).
# Usage (from the repository root): bash tests/cli/mpi_analytics.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/mpi_support.sh"

same() { /usr/bin/python3 tests/cli/same_results.py "$@"; }
two="$work/two-options.toml"
{
  sed -e "s#\"data/#\"$PWD/scenarios/data/#" scenarios/synthetic.toml
  cat <<'TOML'

[[options]]
name = "higher running cost"
description = "A second option for the tests: a dearer team."
[options.funding]
running_cost = { dist = "triangular", min = 80000, mode = 120000, max = 200000, rationale = "invented" }
TOML
} > "$two"

# 120 iterations: enough for the EVPPI (100), split 40/40/40 and 60/60.
central=(--iterations 120 --seed 5 --drivers --sobol 12 --bootstrap 20 --quiet)
"$pcsim" run "$two" -o "$work/central-ref.h5" --threads 2 "${central[@]}"
mpi_run 2 "$pcsim" run "$two" -o "$work/central-2x1.h5" --threads 1 "${central[@]}"
mpi_run 3 "$pcsim" run "$two" -o "$work/central-3x1.h5" --threads 1 "${central[@]}"
same "$work/central-ref.h5" "$work/central-2x1.h5" "$work/central-3x1.h5"
/usr/bin/python3 - "$work/central-3x1.h5" <<'PY'
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    for path in ("comparison/evppi", "options/higher running cost/drivers",
                 "sensitivity/higher running cost/sobol_by_year"):
        assert path in f, f"{path} missing"
print("mpi_analytics: EVPPI, drivers and Sobol by year present")
PY

stochastic=(--iterations 40 --seed 5 --drivers --driver-iterations 33 --quiet)
"$pcsim" run "$two" -o "$work/stochastic-ref.h5" --threads 1 "${stochastic[@]}"
mpi_run 3 "$pcsim" run "$two" -o "$work/stochastic-3x2.h5" --threads 2 "${stochastic[@]}"
same "$work/stochastic-ref.h5" "$work/stochastic-3x2.h5"

sensitivity=(--option "higher running cost" --iterations 50 --sobol 16 --bootstrap 20 --quiet)
"$pcsim" sensitivity "$two" -o "$work/sensitivity-ref.h5" --threads 2 "${sensitivity[@]}"
mpi_run 2 "$pcsim" sensitivity "$two" -o "$work/sensitivity-2x1.h5" --threads 1 "${sensitivity[@]}"
mpi_run 3 "$pcsim" sensitivity "$two" -o "$work/sensitivity-3x1.h5" --threads 1 "${sensitivity[@]}"
same "$work/sensitivity-ref.h5" "$work/sensitivity-2x1.h5" "$work/sensitivity-3x1.h5"

echo "mpi_analytics: OK"
