#!/usr/bin/env bash
# `pcsim run --until-se METRIC:REL` (docs/cli.md):
#  1. a run that adds batches until npv's relative standard error is below 0.025 stores
#     datasets (per-practice ones included) identical byte for byte to a fixed run of the
#     count it stopped at, at another thread count: every draw is keyed by its iteration;
#  2. the stopping rule, checked by hand on the stored npv array: rel SE = sd / sqrt(n) /
#     |mean| is below REL at the final count and not below it at any earlier check point
#     (the starting count, then every multiple of 256), and the convergence_* attributes
#     say so;
#  3. --max-iterations caps a run whose target is out of reach (convergence_met = 0);
#  4. usage errors exit with 2: with --central, with Latin hypercube sampling or rank
#     correlations (designs that depend on the final count), a year the scenario lacks,
#     --max-iterations below the start or without --until-se.
# Usage (from the repository root): bash tests/cli/until_se.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
  echo "until_se: FAILED: $*" >&2
  exit 1
}

"$pcsim" run scenarios/synthetic.toml -o "$work/until.h5" --iterations 200 --threads 2 \
  --per-practice --until-se npv:0.025 --quiet
n=$(/usr/bin/python3 -c "import h5py, sys; print(int(h5py.File(sys.argv[1])['/'].attrs['iterations']))" "$work/until.h5")
[[ $n -gt 200 ]] || fail "expected the run to add batches beyond 200 iterations, stopped at $n"
"$pcsim" run scenarios/synthetic.toml -o "$work/fixed.h5" --iterations "$n" --threads 1 \
  --per-practice --quiet
"$pcsim" run scenarios/synthetic.toml -o "$work/capped.h5" --iterations 200 --threads 2 \
  --until-se npv:0.0001 --max-iterations 700 --quiet

/usr/bin/python3 - "$work" <<'PY'
import sys
import h5py
import numpy as np

work = sys.argv[1]
failures = []

# Attributes of the root that record the run itself, or the --until-se criterion.
RUN_ATTRIBUTES = {"threads", "start_time", "end_time", "wall_seconds", "command_line"}

def contents(path):
    objects = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            attrs = {k: repr(v) for k, v in obj.attrs.items()}
            if isinstance(obj, h5py.Dataset):
                data = obj[()]
                body = (str(obj.dtype), obj.shape,
                        data.tobytes() if data.dtype != object else repr(data.tolist()))
            else:
                body = "group"
            objects[name] = (body, attrs)
        f.visititems(visit)
        root = {k: repr(v) for k, v in f.attrs.items()
                if k not in RUN_ATTRIBUTES and not k.startswith("convergence_")}
    return objects, root

# 1. Byte-identical datasets.
a_objects, a_root = contents(f"{work}/until.h5")
b_objects, b_root = contents(f"{work}/fixed.h5")
if set(a_objects) != set(b_objects):
    failures.append(f"different objects: {sorted(set(a_objects) ^ set(b_objects))}")
practice_datasets = [n for n in a_objects if "/practices/" in n and a_objects[n][0] != "group"]
if len(practice_datasets) < 7:
    failures.append(f"expected the per-practice datasets, found {practice_datasets}")
for name in sorted(set(a_objects) & set(b_objects)):
    if a_objects[name] != b_objects[name]:
        failures.append(f"{name} differs between the --until-se run and the fixed run")
if a_root != b_root:
    failures.append("root attributes differ: " +
                    str({k for k in set(a_root) | set(b_root) if a_root.get(k) != b_root.get(k)}))
datasets = sum(1 for body, _ in a_objects.values() if body != "group")
print(f"until_se: {datasets} datasets identical to a fixed run of the same count")

def rel_se(x):
    """sd / sqrt(n) / |mean| of the non-NaN values, sd with divisor n - 1."""
    x = x[~np.isnan(x)]
    return np.std(x, ddof=1) / np.sqrt(len(x)) / abs(np.mean(x))

def check_points(start, final):
    points, n = [start], start
    while n < final:
        n = min(final, (n // 256 + 1) * 256)
        points.append(n)
    return points

# 2. and 3. The stopping rule, by hand on the stored npv of the baseline.
for file, target, cap in (("until.h5", 0.025, None), ("capped.h5", 0.0001, 700)):
    with h5py.File(f"{work}/{file}", "r") as f:
        baseline = f["options"].attrs["option_order"][0]
        npv = f["options"][baseline]["npv"][()]
        n = len(npv)
        attrs = f.attrs
        reached = rel_se(npv)
        if attrs["convergence_metric"] != "npv" or attrs["convergence_iterations"] != n:
            failures.append(f"{file}: convergence_metric/iterations wrong")
        if attrs["convergence_target_rel_se"] != target:
            failures.append(f"{file}: convergence_target_rel_se {attrs['convergence_target_rel_se']}")
        if not np.isclose(attrs["convergence_reached_rel_se"], reached, rtol=1e-12, atol=0):
            failures.append(f"{file}: reached {attrs['convergence_reached_rel_se']}, by hand {reached}")
        points = check_points(200, n)
        if points[-1] != n:
            failures.append(f"{file}: stopped at {n}, not a check point")
        for p in points[:-1]:
            if rel_se(npv[:p]) < target:
                failures.append(f"{file}: the criterion already held at {p} iterations")
        if cap is None:
            if not (reached < target and attrs["convergence_met"] == 1):
                failures.append(f"{file}: stopped at {n} with rel SE {reached} (target {target})")
        else:
            if not (n == cap and reached >= target and attrs["convergence_met"] == 0):
                failures.append(f"{file}: expected the cap {cap} unmet, got {n}, {reached}")
        print(f"until_se: {file}: {n} iterations, rel SE {reached:.5f} (target {target})")

if failures:
    print("until_se: FAILED", *failures, sep="\n  ", file=sys.stderr)
    sys.exit(1)
PY

# 4. Usage errors exit with 2 and leave no output behind.
sed -e 's#"data/#"'"$PWD"'/scenarios/data/#' scenarios/synthetic.toml >"$work/lhs.toml"
printf '\n[sampling]\nmethod = "lhs"\n' >>"$work/lhs.toml"
sed -e 's#"data/#"'"$PWD"'/scenarios/data/#' scenarios/synthetic.toml >"$work/correlated.toml"
printf '\n[[sampling.correlations]]\na = "population.list_growth"\nb = "population.consultations_per_patient"\nrank_correlation = 0.4\n' >>"$work/correlated.toml"
"$pcsim" validate "$work/lhs.toml" >/dev/null || fail "the LHS fixture is not a valid scenario"
"$pcsim" validate "$work/correlated.toml" >/dev/null || fail "the correlated fixture is invalid"

usage() {
  local what=$1 needle=$2
  shift 2
  set +e
  "$pcsim" run "$@" -o "$work/usage.h5" --quiet 2>"$work/err"
  local code=$?
  set -e
  [[ $code -eq 2 ]] || fail "$what: exit $code, expected 2: $(cat "$work/err")"
  grep -qF -- "$needle" "$work/err" || fail "$what: stderr lacks '$needle': $(cat "$work/err")"
  ! compgen -G "$work/usage.h5*" >/dev/null || fail "$what: left a file: $(ls "$work")"
}
usage "with --central" "--central excludes --until-se" \
  scenarios/synthetic.toml --central --until-se npv:0.01
usage "Latin hypercube" "Latin hypercube" "$work/lhs.toml" --until-se npv:0.01
usage "rank correlations" "rank correlations" "$work/correlated.toml" --until-se npv:0.01
usage "unknown year" "no year '2031/32'" scenarios/synthetic.toml --until-se net_cost@2031/32:0.01
usage "cap below the start" "--max-iterations (100)" \
  scenarios/synthetic.toml --iterations 200 --until-se npv:0.01 --max-iterations 100
usage "cap without --until-se" "--max-iterations requires --until-se" \
  scenarios/synthetic.toml --max-iterations 100
usage "bad criterion" "METRIC[@YEAR]:REL" scenarios/synthetic.toml --until-se npv
echo "until_se: OK"
