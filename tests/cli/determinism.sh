#!/usr/bin/env bash
# Results do not depend on the thread count (ARCHITECTURE.md, Patterns): the synthetic
# scenario run at --threads 1 and --threads 2 gives files whose every dataset is identical
# byte for byte, and whose attributes are identical except those that record the run
# itself (times, threads, command line).
# Usage (from the repository root): bash tests/cli/determinism.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 103 iterations: not a multiple of the engine's grain, so ranges are uneven.
"$pcsim" run scenarios/synthetic.toml -o "$work/threads1.h5" --iterations 103 --threads 1 --quiet
"$pcsim" run scenarios/synthetic.toml -o "$work/threads2.h5" --iterations 103 --threads 2 --quiet
"$pcsim" run scenarios/synthetic.toml -o "$work/central1.h5" --central --threads 1 --quiet
"$pcsim" run scenarios/synthetic.toml -o "$work/central2.h5" --central --threads 2 --quiet

/usr/bin/python3 - "$work" <<'PY'
import sys
import h5py
import numpy as np

# Root attributes that describe the run rather than its results.
RUN_ATTRIBUTES = {"threads", "start_time", "end_time", "wall_seconds", "command_line"}

def attribute_value(f, value):
    """Bytes of a plain attribute; references (the dimension scales' DIMENSION_LIST and
    REFERENCE_LIST) as the names they point to, since their structs carry padding bytes
    that HDF5 leaves uninitialised."""
    array = np.asarray(value)
    if array.dtype.names:
        return repr([tuple(f[x].name if isinstance(x, h5py.Reference) else x for x in row)
                     for row in array.tolist()])
    if array.dtype == object:
        flat = [f[x].name if isinstance(x, h5py.Reference) else
                [f[r].name for r in x] if isinstance(x, np.ndarray) and x.dtype == object
                and x.size and isinstance(x.flat[0], h5py.Reference) else x
                for x in array.ravel().tolist()]
        return repr(flat)
    return array.tobytes()

def contents(path):
    objects = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            attrs = {k: attribute_value(f, v) for k, v in obj.attrs.items()}
            if isinstance(obj, h5py.Dataset):
                data = obj[()]
                body = (str(obj.dtype), obj.shape,
                        data.tobytes() if data.dtype != object else repr(data.tolist()))
            else:
                body = "group"
            objects[name] = (body, attrs)
        f.visititems(visit)
        root = {k: repr(v) for k, v in f.attrs.items() if k not in RUN_ATTRIBUTES}
    return objects, root

failures = []
for pair in (("threads1.h5", "threads2.h5"), ("central1.h5", "central2.h5")):
    a_objects, a_root = contents(f"{sys.argv[1]}/{pair[0]}")
    b_objects, b_root = contents(f"{sys.argv[1]}/{pair[1]}")
    if not a_objects:
        failures.append(f"{pair[0]} holds no datasets")
    if set(a_objects) != set(b_objects):
        failures.append(f"{pair}: different objects: {sorted(set(a_objects) ^ set(b_objects))}")
    for name in sorted(set(a_objects) & set(b_objects)):
        if a_objects[name][0] != b_objects[name][0]:
            failures.append(f"{pair}: dataset {name} differs")
        if a_objects[name][1] != b_objects[name][1]:
            failures.append(f"{pair}: attributes of {name} differ")
    for key in sorted(set(a_root) | set(b_root)):
        if a_root.get(key) != b_root.get(key):
            failures.append(f"{pair}: root attribute {key} differs")
    datasets = sum(1 for body, _ in a_objects.values() if body != "group")
    print(f"{pair[0]} vs {pair[1]}: {datasets} datasets compared")

if failures:
    print("determinism: FAILED", *failures, sep="\n  ", file=sys.stderr)
    sys.exit(1)
PY
# More threads than CPUs: the same figures (the check above at 1 and 2 threads says why),
# and a warning, because TBB's extra workers only spin (the input probe of 2026-12-07:
# Bolton's 20 iterations took 15 s at --threads 4096 on 2 CPUs); as many as the CPUs: none.
cpus=$(nproc)
"$pcsim" run scenarios/synthetic.toml -o "$work/over.h5" --iterations 5 --threads $((cpus + 1)) \
  --quiet 2>"$work/over.err"
grep -qF -- "--threads $((cpus + 1)): more threads than the $cpus CPU" "$work/over.err" ||
  { echo "determinism: FAILED: no warning for --threads $((cpus + 1)) on $cpus CPUs" >&2; exit 1; }
"$pcsim" run scenarios/synthetic.toml -o "$work/fit.h5" --iterations 5 --threads "$cpus" \
  --quiet 2>"$work/fit.err"
if grep -qF -- "more threads than" "$work/fit.err"; then
  echo "determinism: FAILED: a warning for --threads $cpus on $cpus CPUs" >&2
  exit 1
fi
# pcsim sensitivity likewise.
"$pcsim" sensitivity scenarios/synthetic.toml -o "$work/over-sa.h5" --iterations 5 \
  --threads $((cpus + 1)) --quiet 2>"$work/over-sa.err"
grep -qF -- "--threads $((cpus + 1)): more threads than the $cpus CPU" "$work/over-sa.err" ||
  { echo "determinism: FAILED: sensitivity gives no warning for --threads $((cpus + 1))" >&2; exit 1; }
echo "determinism: OK"
