#!/usr/bin/env bash
# `pcsim sensitivity` end to end (docs/cli.md; layout in docs/output-format.md,
# "Sensitivity files"): on the synthetic scenario with a small Saltelli design, the file
# holds every documented dataset with its documented shape and labels, correlations lie in
# [-1, 1], Sobol indices and their intervals lie in a plausible range, the tornado's rows
# are in order of NPV swing, an existing output is refused without --force, and the
# results are the same at one and two threads.
# Usage (from the repository root): bash tests/cli/sensitivity.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$pcsim" sensitivity scenarios/synthetic.toml -o "$work/s1.h5" --sobol 64 --bootstrap 50 \
  --iterations 60 --threads 1 > "$work/stdout.txt" 2> /dev/null
"$pcsim" sensitivity scenarios/synthetic.toml -o "$work/s2.h5" --sobol 64 --bootstrap 50 \
  --iterations 60 --threads 2 --quiet > "$work/quiet.txt"
grep -q "Tornado of npv" "$work/stdout.txt"
[ ! -s "$work/quiet.txt" ]

# An existing output is refused (exit code 4) and left as it was; --force replaces it.
before=$(sha256sum "$work/s1.h5")
set +e
"$pcsim" sensitivity scenarios/synthetic.toml -o "$work/s1.h5" --quiet 2> "$work/err.txt"
code=$?
set -e
[ "$code" -eq 4 ] || { echo "existing output: exit code $code, expected 4"; exit 1; }
grep -q "use --force" "$work/err.txt"
[ "$before" = "$(sha256sum "$work/s1.h5")" ]
# An unknown option is invalid input (exit code 3).
set +e
"$pcsim" sensitivity scenarios/synthetic.toml -o "$work/x.h5" --option nosuch --quiet 2> /dev/null
code=$?
set -e
[ "$code" -eq 3 ] || { echo "unknown option: exit code $code, expected 3"; exit 1; }

/usr/bin/python3 - "$work" <<'PY'
import sys
import h5py
import numpy as np

work = sys.argv[1]
failures = []

def check(condition, message):
    if not condition:
        failures.append(message)

YEARS = 5      # scenarios/synthetic.toml: horizon_years
PARAMS = 6     # its uncertain parameters
with h5py.File(f"{work}/s1.h5", "r") as f, h5py.File(f"{work}/s2.h5", "r") as g:
    check(f.attrs["format_version"] == 1, "format_version")
    check(f.attrs["iterations"] == 60, "iterations attribute")
    check(f.attrs["sensitivity_option"] == "delegate and invest", "sensitivity_option")
    check(list(f["sensitivity"].attrs["option_order"]) == ["delegate and invest"], "option_order")
    years = list(f["years"].asstr()[()])
    check(len(years) == YEARS, "years")
    o = f["sensitivity/delegate and invest"]
    check(o.attrs["sobol_rows"] == 64 and o.attrs["bootstrap"] == 50, "group attributes")
    parameters = list(o["parameters"].asstr()[()])
    check(len(parameters) == PARAMS, f"parameters: {parameters}")
    check("population.diversion_max" not in parameters, "a fixed parameter appears")
    check(o["tornado_inputs"].shape == (PARAMS, 2), "tornado_inputs shape")
    check(np.all(o["tornado_inputs"][:, 0] < o["tornado_inputs"][:, 1]), "P10 < P90")
    outputs = list(o.attrs["output_order"])
    # every metric of model/metrics.hpp and the two scalars (npv, payback_year), once each
    check("npv" in outputs and "net_cost" in outputs and "gp_retirements" in outputs and len(set(outputs)) == len(outputs) and len(outputs) >= 35, "output_order")
    for name in outputs:
        columns = 1 if name in ("npv", "payback_year") else YEARS
        rho = o["spearman"][name]
        check(rho.shape == (PARAMS, columns), f"spearman/{name} shape {rho.shape}")
        check(list(rho.attrs["parameters"]) == parameters, f"spearman/{name} parameters")
        check(len(rho.attrs["columns"]) == columns, f"spearman/{name} columns")
        values = rho[()]
        check(np.all(np.isnan(values) | (np.abs(values) <= 1)), f"spearman/{name} outside [-1, 1]")
        t = o["tornado"][name]
        check(t.shape == (PARAMS, columns, 3), f"tornado/{name} shape {t.shape}")
        check(list(t.attrs["values"]) == ["low", "high", "swing"], f"tornado/{name} values")
        tv = t[()]
        gap = np.abs(tv[..., 1] - tv[..., 0])
        check(np.allclose(tv[..., 2], gap, equal_nan=True), f"tornado/{name} swing")
        check(o["central"][name].shape == (columns,), f"central/{name} shape")
        s = o["sobol"][name]
        check(s.shape == (PARAMS, 6), f"sobol/{name} shape {s.shape}")
        check(list(s.attrs["columns"]) == ["S1", "S1_lo", "S1_hi", "ST", "ST_lo", "ST_hi"],
              f"sobol/{name} columns")
        # Datasets are identical at one and two threads.
        for group in ("spearman", "tornado", "sobol", "central"):
            a, b = o[group][name][()], g[f"sensitivity/delegate and invest/{group}/{name}"][()]
            check(a.tobytes() == b.tobytes(), f"{group}/{name} differs between 1 and 2 threads")

    # The NPV's indices: with 64 rows the estimates are rough, but a total index is a
    # non-negative share (Jansen's total estimator is a sum of squares), no index is far
    # outside [0, 1], and every interval runs from low to high.
    npv = o["sobol"]["npv"][()]
    check(np.all(npv[:, 3] >= 0), "negative total index")
    check(np.all((npv[:, [0, 3]] > -0.5) & (npv[:, [0, 3]] < 1.5)), f"npv indices {npv}")
    check(np.all(npv[:, 1] <= npv[:, 2]) and np.all(npv[:, 4] <= npv[:, 5]), "intervals")
    check(0.5 < npv[:, 3].sum() < 2.0, f"sum of total indices {npv[:, 3].sum()}")
    # Tornado rows are ordered by NPV swing, largest first.
    swing = o["tornado"]["npv"][:, 0, 2]
    check(np.all(np.diff(swing) <= 0), f"npv swings not sorted: {swing}")

if failures:
    print("sensitivity: FAILED", *failures, sep="\n  ", file=sys.stderr)
    sys.exit(1)
PY
echo "sensitivity: OK"
