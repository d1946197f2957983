#!/usr/bin/python3
"""Reads a pcsim results file with h5py exactly as docs/output-format.md describes, and
checks every documented dataset and attribute: types (str, int, float), shapes, filters,
and the summaries against NumPy's own statistics of the per-iteration data (nanmean,
nanstd with ddof=1, nanpercentile with the default 'linear' method, i.e. type 7).

Usage: check_h5py.py RESULTS.h5     exit status 0 when everything matches, 1 otherwise.
"""
import os
import sys
import tempfile

import h5py
import numpy as np

STATISTICS = ["mean", "sd", "se", "p5", "p10", "p25", "p50", "p75", "p90", "p95"]
STRING_ATTRIBUTES = ["pcsim_version", "git_commit", "scenario_name", "scenario_file", "scenario_text",
                     "scenario_sha256", "start_time", "end_time", "host", "command_line"]
INTEGER_ATTRIBUTES = ["format_version", "seed", "iterations", "threads", "processes",
                      "central"]

# Which way is better per metric: docs/output-format.md's table of `better` (written from
# the document, not from model/metrics.hpp, which must agree); "neither" for the rest.
HIGHER = {"npv", "savings", "roi", "cumulative_roi", "budget_headroom", "appointments_capacity",
          "appointments_capacity_gp", "appointments_capacity_other",
          "appointments_extended_access", "appointments_funded_gp", "appointments_funded_other",
          "appointments_per_1000", "arrs_appointments", "arrs_fte", "gp_headcount", "gp_fte",
          "gp_recruits", "other_fte", "practices_open", "referrals_avoided", "referral_savings",
          "prescribing_savings", "urgent_care_savings"}
LOWER = {"net_cost", "overspend", "overspend_amount", "overspend_commissioner",
         "overspend_nhs_england", "appointments_gap", "appointments_gap_gp",
         "appointments_gap_other", "closures", "gp_closure_losses", "gp_leavers",
         "gp_retirements", "patients_dispersed", "practices_without_gp", "urgent_care_cost",
         "referrals", "dispersal_cost", "running_cost", "payback_year"}
COMPARISON_ITEMS = ["p_best_npv", "expected_npv", "p_overspend_any_year",
                    "expected_gap_last_year"]

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
    check(dataset.dtype == np.float64 or dataset.dtype.kind == "S",
          f"{dataset.name}: dtype {dataset.dtype}")
    if rows == 0:
        return
    check(dataset.chunks is not None and dataset.chunks[0] == min(rows, 4096),
          f"{dataset.name}: chunks {dataset.chunks}")
    check(dataset.compression == "gzip" and dataset.compression_opts == 1,
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
        # An absolute tolerance on the column's scale: the sd of a constant £38m column is
        # 0 in the file and a few 1e-9 by NumPy's two-pass sum.
        finite = columns[:, row][np.isfinite(columns[:, row])]
        scale = float(np.max(np.abs(finite))) if finite.size else 0.0
        check(np.allclose(values[row], expected, rtol=1e-12, atol=max(1e-9, 1e-12 * scale),
                          equal_nan=True),
              f"{table.name}: row {row} {values[row]} != numpy {expected}")


def check_dimensions(dataset, labels):
    """The dataset's dimension scales (H5DS): each dimension's label and scale dataset."""
    scales = {"iteration": "/iteration", "year": "/years", "practice": "/practices"}
    check(len(dataset.dims) == len(labels), f"{dataset.name}: {len(dataset.dims)} dimensions")
    for k, label in enumerate(labels):
        dim = dataset.dims[k]
        check(dim.label == label, f"{dataset.name}: dimension {k} labelled {dim.label!r}")
        check(len(dim) == 1 and dim[0].name == scales[label],
              f"{dataset.name}: dimension {k} has no scale {scales[label]}")


def check_parameters(group, iterations):
    for name, dataset in group.items():
        check(dataset.shape == (iterations,), f"{dataset.name}: shape {dataset.shape}")
        check_compressed(dataset, iterations)
        check_dimensions(dataset, ["iteration"])
        for attribute in ("distribution", "rationale", "unit"):
            check(isinstance(dataset.attrs[attribute], str), f"{dataset.name}: {attribute}")
        if dataset.dtype.kind == "S":  # a choice: labels, never numbers
            choices = list(dataset.attrs["choices"])
            labels = list(dataset.asstr()[()])
            check(all(label in choices for label in labels), f"{dataset.name}: labels {labels}")
            check('value="' in dataset.attrs["distribution"], f"{dataset.name}: distribution")
        else:
            check(dataset.dtype == np.float64, f"{dataset.name}: dtype {dataset.dtype}")
        dataset[()]


def check_central(option, metric_order, scalar_order, years):
    """central/<metric> [years] and central/<scalar> (scalar datasets), with units."""
    if "central" not in option:
        return
    central = option["central"]
    for metric in metric_order:
        dataset = central[metric]
        check(dataset.shape == (years,), f"{dataset.name}: shape {dataset.shape}")
        check(dataset.attrs["unit"] == option[metric].attrs["unit"], f"{dataset.name}: unit")
        check_dimensions(dataset, ["year"])
    for scalar in scalar_order:
        check(central[scalar].shape == (), f"{central[scalar].name}: not a scalar dataset")


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
        check(isinstance(dataset.attrs["description"], str), f"{dataset.name}: description")
        check_compressed(dataset, iterations)
        check_dimensions(dataset, ["iteration", "year"])
        check_summary(summary, metric, dataset[()], years)
    for scalar in scalar_order:
        dataset = option[scalar]
        check(dataset.shape == (iterations,), f"{dataset.name}: shape {dataset.shape}")
        check(isinstance(dataset.attrs["unit"], str), f"{dataset.name}: unit is not str")
        check_compressed(dataset, iterations)
        check_dimensions(dataset, ["iteration"])
        check_summary(summary, scalar, dataset[()], 1)
        if scalar == "payback_year":
            paid_back = np.mean(~np.isnan(dataset[()])) if iterations else np.nan
            stored = summary[scalar].attrs["p_payback_within_horizon"]
            if "investment" in option:
                # Nothing invested in any iteration, year or the central case: nothing to
                # pay back, so P(payback) is undefined (NaN), not 0.
                nothing = not np.any(option["investment"][()]) and not (
                    "central" in option and np.any(option["central/investment"][()]))
                flag = summary[scalar].attrs["invests_nothing"]
                check(bool(flag) == nothing,
                      f"{summary.name}/payback_year: invests_nothing {flag}, expected {nothing}")
                if nothing:
                    paid_back = np.nan
            check(np.isclose(stored, paid_back, equal_nan=True),
                  f"{summary.name}/payback_year: P(payback) {stored}, expected {paid_back}")
            check("pay back" in summary[scalar].attrs["percentiles_over"], "percentiles_over")
    check_parameters(option["parameters"], iterations)
    check_central(option, metric_order, scalar_order, years)


def direction(name):
    return "higher" if name in HIGHER else "lower" if name in LOWER else "neither"


def p_beats(differences, better):
    """Share of non-NaN differences in the better direction, ties one half; NaN if none."""
    kept = differences[~np.isnan(differences)]
    if better == "neither" or kept.size == 0:
        return np.nan
    sign = 1.0 if better == "higher" else -1.0
    return (np.sum(sign * kept > 0) + 0.5 * np.sum(kept == 0)) / kept.size


def check_close(actual, expected, what):
    check(np.shape(actual) == np.shape(expected) and
          np.allclose(actual, expected, rtol=1e-12, atol=1e-9, equal_nan=True),
          f"{what}: {actual} != numpy {expected}")


def check_option_comparison(group, option, baseline, iterations, years):
    """/comparison/<option>: differences, summaries and P(beats) recomputed by NumPy."""
    metrics = [m for m in option.attrs["metric_order"] if m in baseline.attrs["metric_order"]]
    scalars = [s for s in option.attrs["scalar_order"] if s in baseline.attrs["scalar_order"]]
    check(list(group.attrs["metric_order"]) == metrics, f"{group.name}: metric_order")
    check(list(group.attrs["scalar_order"]) == scalars, f"{group.name}: scalar_order")
    summary = group["summary"]
    check(list(summary["statistics"].asstr()[()]) == STATISTICS, f"{summary.name}/statistics")
    for names, shape, table_name, names_attribute in (
            (metrics, (iterations, years), "p_beats_baseline", "metrics"),
            (scalars, (iterations,), "p_beats_baseline_scalars", "scalars")):
        expected_p = []
        for name in names:
            dataset = group[name]
            difference = option[name][()] - baseline[name][()]
            check(dataset.shape == shape, f"{dataset.name}: shape {dataset.shape}")
            check(dataset.attrs["better"] == direction(name), f"{dataset.name}: better")
            check(isinstance(dataset.attrs["unit"], str), f"{dataset.name}: unit is not str")
            check_compressed(dataset, iterations)
            check_close(dataset[()], difference, dataset.name)
            check_summary(summary, name, difference, years if len(shape) == 2 else 1)
            columns = difference.reshape(iterations, -1)
            expected_p.append([p_beats(columns[:, c], direction(name))
                               for c in range(columns.shape[1])])
        table = group[table_name]
        check(list(table.attrs[names_attribute]) == names, f"{table.name}: {names_attribute}")
        check(list(table.attrs["better"]) == [direction(n) for n in names], f"{table.name}: better")
        expected = np.array(expected_p).reshape(table.shape) if names else np.zeros(table.shape)
        check(table.shape == ((len(names), years) if len(shape) == 2 else (len(names),)),
              f"{table.name}: shape {table.shape}")
        check_close(table[()], expected, table.name)


def check_comparison(f, order, iterations, years):
    """/comparison exists exactly when there are 2 or more options, and NumPy agrees."""
    if len(order) < 2:
        check("comparison" not in f, "/comparison written for a single option")
        return
    group = f["comparison"]
    options = f["options"]
    check(group.attrs["baseline"] == order[0], "/comparison: baseline attribute")
    check(list(group.attrs["option_order"]) == order, "/comparison: option_order")
    for name in COMPARISON_ITEMS:
        check(list(group[name].attrs["options"]) == order, f"/comparison/{name}: options")
    check(sorted(k for k in group.keys() if k not in COMPARISON_ITEMS + ["evpi", "evppi"]) ==
          sorted(order[1:]), f"/comparison groups {list(group.keys())}")
    for name in order[1:]:
        check_option_comparison(group[name], options[name], options[order[0]], iterations, years)

    def column(option, name):
        return options[option][name][()] if name in options[option] else None

    npv = [column(o, "npv") for o in order]
    expected_npv = [np.nanmean(v) if v is not None and np.any(~np.isnan(v)) else np.nan
                    for v in npv]
    best, evpi = np.full(len(order), np.nan), np.nan
    if all(v is not None for v in npv):
        table = np.stack(npv, axis=1)
        table = table[~np.isnan(table).any(axis=1)]
        if table.shape[0] > 0:
            top = table.max(axis=1, keepdims=True)
            ties = (table == top).astype(float)
            best = (ties / ties.sum(axis=1, keepdims=True)).mean(axis=0)
            evpi = top.mean() - table.mean(axis=0).max()
            check(abs(best.sum() - 1) < 1e-12, f"P(best) sums to {best.sum()}")
    overspend = [column(o, "overspend") for o in order]
    p_overspend = [np.mean((v > 0).any(axis=1)) if v is not None and iterations else np.nan
                   for v in overspend]
    gap = [column(o, "appointments_gap") for o in order]
    expected_gap = [np.nanmean(v[:, -1]) if v is not None and years and iterations else np.nan
                    for v in gap]
    check_close(group["p_best_npv"][()], best, "/comparison/p_best_npv")
    check_close(group["expected_npv"][()], np.array(expected_npv), "/comparison/expected_npv")
    check_close(group["p_overspend_any_year"][()], np.array(p_overspend),
                "/comparison/p_overspend_any_year")
    check_close(group["expected_gap_last_year"][()], np.array(expected_gap),
                "/comparison/expected_gap_last_year")
    check(group["evpi"].shape == (), "/comparison/evpi is not a scalar dataset")
    check(group["evpi"].attrs["unit"] == "GBP", "/comparison/evpi: unit")
    # A difference of two means of the NPVs: rounding grows with their size, not the EVPI's.
    scale = max([np.nanmax(np.abs(v)) for v in npv if v is not None and np.any(~np.isnan(v))],
                default=0.0)
    check(np.isclose(group["evpi"][()], evpi, rtol=0, atol=1e-9 + 1e-9 * scale, equal_nan=True),
          f"/comparison/evpi: {group['evpi'][()]} != numpy {evpi}")


def check_every_double_checksummed(f):
    """docs/output-format.md, Checksums: every non-empty float64 dataset is checked by HDF5 on
    read: chunked with Fletcher-32, or (a scalar, which cannot be chunked) compact, its value
    in the object header, whose checksum HDF5 checks."""
    def visit(name, item):
        if not isinstance(item, h5py.Dataset) or item.dtype != np.float64 or item.size == 0:
            return
        compact = item.id.get_create_plist().get_layout() == h5py.h5d.COMPACT
        check(item.fletcher32 or compact, f"{name}: float64 with neither Fletcher-32 nor "
              f"compact layout")
    f.visititems(visit)


def check_damaged_scalar_refused(path):
    """A changed byte in a scalar float64 dataset's value (the first option's central NPV) is
    an error on read, not a wrong number."""
    with h5py.File(path, "r") as f:
        option = f["options"].attrs["option_order"][0]
        name = f"options/{option}/central/npv"
        if name not in f:
            return
        value = f[name][()]
        # A compact dataset's value lies in its object header: search there only (the
        # header's address is counted from the end of the user block).
        header = f.userblock_size + h5py.h5o.get_info(f[name].id).addr
    data = bytearray(open(path, "rb").read())
    stored = np.float64(value).tobytes()
    at = data.find(stored, header, header + 1024)
    check(at >= 0, f"{name}: its value's bytes are not in its object header (not compact?)")
    if at < 0:
        return
    data[at + 5] ^= 0x10
    with tempfile.TemporaryDirectory() as work:
        damaged = os.path.join(work, "damaged.h5")
        with open(damaged, "wb") as out:
            out.write(data)
        try:
            with h5py.File(damaged, "r") as f:
                read = f[name][()]
            check(False, f"{name}: a changed byte read as {read!r} (was {value!r})")
        except (OSError, KeyError):
            pass


def main(path):
    check_damaged_scalar_refused(path)
    with h5py.File(path, "r") as f:
        check_every_double_checksummed(f)
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
        check(list(f["iteration"][()]) == list(range(iterations)), "/iteration is not 0..n-1")
        check(f["iteration"].dtype == np.int64, "/iteration is not int64")
        options = f["options"]
        order = list(options.attrs["option_order"])
        check(len(order) > 0 and all(isinstance(o, str) for o in order), "option_order")
        check(sorted(order) == sorted(options.keys()), f"option_order {order} vs groups")
        for name in order:
            check_option(options[name], iterations, len(years))
        check_comparison(f, order, iterations, len(years))
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
