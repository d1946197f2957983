#!/usr/bin/python3
"""Reads a pcsim results file with h5py exactly as docs/output-format.md describes, and
checks every documented dataset and attribute: types (str, int, float), shapes, filters,
and the summaries against NumPy's own statistics of the per-iteration data (nanmean,
nanstd with ddof=1, nanpercentile with the default 'linear' method, i.e. type 7).

Usage: check_h5py.py RESULTS.h5     exit status 0 when everything matches, 1 otherwise.
"""
import sys

import h5py
import numpy as np

STATISTICS = ["mean", "sd", "se", "p5", "p10", "p25", "p50", "p75", "p90", "p95"]
STRING_ATTRIBUTES = ["pcsim_version", "git_commit", "scenario_file", "scenario_text",
                     "scenario_sha256", "start_time", "end_time", "host", "command_line"]
INTEGER_ATTRIBUTES = ["format_version", "seed", "iterations", "threads", "processes",
                      "central"]

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def expected_statistics(column):
    """The ten statistics of one column by NumPy, NaN left out (all NaN where undefined)."""
    kept = column[~np.isnan(column)]
    n = kept.size
    result = np.full(len(STATISTICS), np.nan)
    if n == 0:
        return result, int(column.size)
    result[0] = kept.mean()
    if n > 1:
        result[1] = kept.std(ddof=1)
        result[2] = result[1] / np.sqrt(n)
    result[3:] = np.percentile(kept, [5, 10, 25, 50, 75, 90, 95])
    return result, int(column.size - n)


def check_compressed(dataset, rows):
    check(dataset.dtype == np.float64, f"{dataset.name}: dtype {dataset.dtype}")
    if rows == 0:
        return
    check(dataset.chunks is not None and dataset.chunks[0] == min(rows, 4096),
          f"{dataset.name}: chunks {dataset.chunks}")
    check(dataset.compression == "gzip" and dataset.compression_opts == 4,
          f"{dataset.name}: compression {dataset.compression} {dataset.compression_opts}")
    check(dataset.shuffle, f"{dataset.name}: no shuffle filter")


def check_summary(summary, name, data, rows):
    """summary/<name> is [rows x 10] and matches NumPy on the columns of `data`."""
    table = summary[name]
    check(table.shape == (rows, len(STATISTICS)), f"{table.name}: shape {table.shape}")
    check(list(table.attrs["statistics"]) == STATISTICS, f"{table.name}: statistics attribute")
    check(isinstance(table.attrs["unit"], str), f"{table.name}: unit is not str")
    n_nan = table.attrs["n_nan"]
    values = table[()]
    columns = data.reshape(data.shape[0], -1) if data.ndim == 2 else data.reshape(-1, 1)
    for row in range(rows):
        expected, expected_nan = expected_statistics(columns[:, row])
        check(int(n_nan[row]) == expected_nan, f"{table.name}: n_nan[{row}] {n_nan[row]}")
        check(np.allclose(values[row], expected, rtol=1e-12, atol=1e-9, equal_nan=True),
              f"{table.name}: row {row} {values[row]} != numpy {expected}")


def check_parameters(group, iterations):
    for name, dataset in group.items():
        check(dataset.shape == (iterations,), f"{dataset.name}: shape {dataset.shape}")
        check_compressed(dataset, iterations)
        for attribute in ("distribution", "rationale", "unit"):
            check(isinstance(dataset.attrs[attribute], str), f"{dataset.name}: {attribute}")
        dataset[()]


def check_option(option, iterations, years):
    metric_order = list(option.attrs["metric_order"])
    scalar_order = list(option.attrs["scalar_order"])
    summary = option["summary"]
    check(list(summary["statistics"].asstr()[()]) == STATISTICS,
          f"{summary.name}/statistics dataset")
    for metric in metric_order:
        dataset = option[metric]
        check(dataset.shape == (iterations, years), f"{dataset.name}: shape {dataset.shape}")
        check(isinstance(dataset.attrs["unit"], str), f"{dataset.name}: unit is not str")
        check_compressed(dataset, iterations)
        check_summary(summary, metric, dataset[()], years)
    for scalar in scalar_order:
        dataset = option[scalar]
        check(dataset.shape == (iterations,), f"{dataset.name}: shape {dataset.shape}")
        check(isinstance(dataset.attrs["unit"], str), f"{dataset.name}: unit is not str")
        check_compressed(dataset, iterations)
        check_summary(summary, scalar, dataset[()], 1)
    check_parameters(option["parameters"], iterations)


def main(path):
    with h5py.File(path, "r") as f:
        check(f.attrs["format_version"] == 1, "format_version is not 1")
        for name in STRING_ATTRIBUTES:
            check(isinstance(f.attrs[name], str), f"root attribute {name} is not str")
        for name in INTEGER_ATTRIBUTES:
            check(np.issubdtype(type(f.attrs[name]), np.integer), f"{name} is not an integer")
        check(isinstance(f.attrs["wall_seconds"], (float, np.floating)), "wall_seconds")
        check(f.attrs["central"] in (0, 1), "central is not 0/1")
        iterations = int(f.attrs["iterations"])
        years = list(f["years"].asstr()[()])
        check(all(isinstance(y, str) for y in years), "years are not str")
        check_parameters(f["parameters"], iterations)
        options = f["options"]
        order = list(options.attrs["option_order"])
        check(len(order) > 0 and all(isinstance(o, str) for o in order), "option_order")
        check(sorted(order) == sorted(options.keys()), f"option_order {order} vs groups")
        for name in order:
            check_option(options[name], iterations, len(years))
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
