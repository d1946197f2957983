"""Compares pcsim results (or sensitivity) files: every dataset and every attribute must be
identical byte for byte, except the root attributes that record how the run was made
rather than what it found (times, host, threads, processes, command line).

Usage: /usr/bin/python3 tests/cli/same_results.py REFERENCE.h5 OTHER.h5 [OTHER.h5 ...]
Prints one line per file compared; exits 1 listing every difference.
"""
import sys

import h5py
import numpy as np

# Root attributes that describe the run rather than its results.
RUN_ATTRIBUTES = {"threads", "processes", "start_time", "end_time", "wall_seconds",
                  "command_line", "host"}


def attribute_value(f, names, value):
    """Bytes of a plain attribute; references (the dimension scales' DIMENSION_LIST and
    REFERENCE_LIST) as the names they point to, since their structs carry padding bytes
    that HDF5 leaves uninitialised. `names` maps object addresses to names (h5py's .name
    searches the file on every call)."""
    def name(reference):
        return names[h5py.h5o.get_info(f[reference].id).addr]
    array = np.asarray(value)
    if array.dtype.names:
        return repr([tuple(name(x) if isinstance(x, h5py.Reference) else x for x in row)
                     for row in array.tolist()])
    if array.dtype == object:
        flat = [name(x) if isinstance(x, h5py.Reference) else
                [name(r) for r in x] if isinstance(x, np.ndarray) and x.dtype == object
                and x.size and isinstance(x.flat[0], h5py.Reference) else x
                for x in array.ravel().tolist()]
        return repr(flat)
    return (str(array.dtype), array.shape, array.tobytes())


def contents(path):
    objects = {}
    with h5py.File(path, "r") as f:
        names = {h5py.h5o.get_info(f.id).addr: "/"}

        def address(name, obj):  # returns None, or visititems would stop
            names.setdefault(h5py.h5o.get_info(obj.id).addr, name)
        f.visititems(address)

        def visit(name, obj):
            attrs = {k: attribute_value(f, names, v) for k, v in obj.attrs.items()}
            if isinstance(obj, h5py.Dataset):
                data = obj[()]
                body = (str(obj.dtype), obj.shape,
                        data.tobytes() if data.dtype != object else repr(data.tolist()))
            else:
                body = "group"
            objects[name] = (body, attrs)
        f.visititems(visit)
        root = {k: attribute_value(f, names, v) for k, v in f.attrs.items()
                if k not in RUN_ATTRIBUTES}
    return objects, root


def differences(reference_contents, reference, other):
    a_objects, a_root = reference_contents
    b_objects, b_root = contents(other)
    found = []
    if not a_objects:
        found.append(f"{reference} holds no datasets")
    if set(a_objects) != set(b_objects):
        found.append(f"different objects: {sorted(set(a_objects) ^ set(b_objects))}")
    for name in sorted(set(a_objects) & set(b_objects)):
        if a_objects[name][0] != b_objects[name][0]:
            found.append(f"dataset {name} differs")
        if a_objects[name][1] != b_objects[name][1]:
            found.append(f"attributes of {name} differ")
    for key in sorted(set(a_root) | set(b_root)):
        if a_root.get(key) != b_root.get(key):
            found.append(f"root attribute {key} differs")
    datasets = sum(1 for body, _ in a_objects.values() if body != "group")
    return found, datasets


def main():
    reference, others = sys.argv[1], sys.argv[2:]
    failures = []
    reference_contents = contents(reference)
    for other in others:
        found, datasets = differences(reference_contents, reference, other)
        print(f"same_results: {other} vs {reference}: {datasets} datasets compared, "
              f"{len(found)} differences")
        failures += [f"{other}: {d}" for d in found]
    if failures:
        print("same_results: FAILED", *failures, sep="\n  ", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
