"""Checks `pcsim export`: the workbook read back with openpyxl (its sheets, numbers stored as
numbers equal to values computed here from the HDF5 file, its native charts, the Summary's
scenario name, price basis and base year, the Assumptions' values and their formats by
unit) and every CSV table read with a bare pandas.read_csv and compared with the HDF5 file.

Usage: check_exports.py RESULTS.h5 BOOK.xlsx CSV_DIR
"""
import math
import os
import re
import sys

import h5py
import numpy as np
import openpyxl
import pandas as pd

from report_section_checks import headroom_list_growth, parameter_kind, shown_number

failures = []


def fail(message):
    failures.append(message)


def close(a, b, rel=1e-9):
    if (a is None or (isinstance(a, float) and math.isnan(a))) and math.isnan(b):
        return True
    return a is not None and math.isclose(float(a), float(b), rel_tol=rel, abs_tol=1e-9)


def excel_shows(value, number_format):
    """What Excel shows of `value` in `number_format` (its first section), as a number, and
    half its last digit."""
    first = number_format.split(";")[0]
    decimals = len(first.split(".")[1].rstrip("%")) if "." in first else 0
    factor = 100 if "%" in first else 1
    return round(value * factor, decimals) / factor, 0.5 * 10 ** -decimals / factor


BASE_YEAR = {"practices modelled": "practices_loaded",
             "registered patients": "practices_registered_patients",
             "weighted patients": "practices_weighted_patients",
             "core funding (what funding.baseline_spend = 0 stands for)": "practices_core_funding"}


def check_summary_sheet(f, book):
    """The Summary sheet names the scenario (its file below), says what the £ are in with
    the run's rates (the means of the draws), and holds the base year's figures as numbers."""
    rows = list(book["Summary"].iter_rows(values_only=True))
    if rows[0][0] != f.attrs["scenario_name"]:
        fail(f"workbook Summary: title {rows[0][0]!r}, not the scenario's name")
    if rows[1][0] != f"scenario file: {f.attrs['scenario_file']}":
        fail(f"workbook Summary: {rows[1][0]!r} does not name the scenario file")
    for label, attribute in BASE_YEAR.items():
        row = next((r for r in rows if r[0] == label), None)
        if attribute not in f.attrs:
            continue
        if row is None or not close(row[2], float(f.attrs[attribute]), rel=1e-15):
            fail(f"workbook Summary: {label} is {row and row[2]}, the file {f.attrs[attribute]}")
    if "options" not in f:
        return
    text = "\n".join(str(r[0]) for r in rows if r[0])
    found = re.findall(r"£ by year: cash terms, year-0 prices inflated at ([0-9.]+)% a year; "
                       r"NPV: year-0 prices, discounted at ([0-9.]+)% a year \(real\)", text)
    if len(found) != 1:
        fail(f"workbook Summary: the price basis is said {len(found)} times, not once")
        return
    for shown, name in zip(found[0], ("funding.inflation", "economics.discount_rate")):
        want = 100 * float(np.mean(f[f"parameters/{name}"][()]))
        decimals = len(shown.split(".")[1]) if "." in shown else 0
        if abs(float(shown) - want) > 0.5001 * 10 ** -decimals:
            fail(f"workbook Summary: {name} shown as {shown}%, its draws' mean is {want}%")
    # P(payback within the horizon) per option: the share of iterations with a payback year,
    # or words for an option that invests nothing at all (nothing to pay back; 0 would read
    # as "never pays back").
    for o in f["options"].attrs["option_order"]:
        option = f[f"options/{o}"]
        if "payback_year" not in option or "investment" not in option:
            continue
        nothing = not np.any(option["investment"][()]) and not (
            "central" in option and np.any(option["central/investment"][()]))
        row = next((r for r in rows
                    if r[0] == o and r[1] == "P(payback within the horizon)"), None)
        if row is None:
            fail(f"workbook Summary: no P(payback) row for '{o}'")
        elif nothing:
            if not (isinstance(row[5], str) and "invests nothing" in row[5]):
                fail(f"workbook Summary: '{o}' invests nothing, but P(payback) shows {row[5]!r}")
        elif not close(row[5], float(np.mean(~np.isnan(option["payback_year"][()])))):
            fail(f"workbook Summary: P(payback) of '{o}' is {row[5]!r}")
    # What budget_headroom leaves out as lists change, one row per option where it is not
    # negligible, the £ figure against the file's own central case.
    years = list(f["years"].asstr()[()])
    for o in f["options"].attrs["option_order"]:
        want = headroom_list_growth(f, f[f"options/{o}"])
        said = [str(r[0]) for r in rows
                if r[0] and str(r[0]).startswith(f"Option '{o}': budget_headroom holds")]
        if want is None:
            if said:
                fail(f"workbook Summary: a headroom note for '{o}', whose lists barely change")
            continue
        money = re.findall(r", (£[0-9.,]+(?:bn|k|m)?) in " + re.escape(years[-1]), said[0]) if said else []
        shown, rounding = shown_number(money[0]) if money else (None, 0)
        if shown is None or abs(shown - want) > rounding * 1.0001 + 1e-9:
            fail(f"workbook Summary: the headroom note of '{o}' shows {money}, the file gives {want}")


def check_assumptions_sheet(f, book):
    """Each numeric parameter of the run: the value (exactly, when fixed: the mean of equal
    draws is the value) or the mean, P10 and P90 of its draws, each cell formatted by its
    unit (%, £, a year, on/off) so that what Excel shows is the value to 4 significant
    digits."""
    for row in book["Assumptions"].iter_rows(min_row=2):
        name, applies = row[0].value, row[1].value
        if applies != "every option not setting it" or f"parameters/{name}" not in f:
            continue
        ds = f[f"parameters/{name}"]
        if ds.dtype.kind == "S":
            continue
        values, unit = ds[()], ds.attrs["unit"]
        fixed = bool((values == values[0]).all())
        wants = (values[0], values[0], values[0]) if fixed else (
            values.mean(), np.percentile(values, 10), np.percentile(values, 90))
        kind = parameter_kind(unit)
        for cell, want in zip(row[4:7], wants):
            if cell.data_type != "n" or not isinstance(cell.value, (int, float)):
                fail(f"workbook Assumptions {name}: {cell.value!r} is not a number")
                continue
            # Fixed: the value itself (libxlsxwriter writes 16 significant digits), never the
            # 0.03499999999999821 a direct sum of 2,000 draws of 0.035 gives.
            same = math.isclose(cell.value, want, rel_tol=1e-15, abs_tol=0) if fixed else \
                close(cell.value, want)
            if not same:
                fail(f"workbook Assumptions {name}: {cell.value!r}, expected {want}")
                continue
            shown = cell.number_format
            if kind == "money" and "£" not in shown or kind == "percent" and "%" not in shown \
                    or kind == "year" and shown != "0" or kind == "switch" and '"on"' not in shown:
                fail(f"workbook Assumptions {name}: format {shown!r} for unit {unit!r}")
                continue
            if kind == "switch":
                continue
            number, rounding = excel_shows(float(want), shown)
            if abs(number - want) > max(rounding * 1.0001, 5e-4 * abs(want)):
                fail(f"workbook Assumptions {name}: {want} shows as {number} ({shown!r})")


def check_run_workbook(f, book):
    options = list(f["options"].attrs["option_order"])
    years = list(f["years"].asstr()[()])
    metrics = list(f[f"options/{options[0]}"].attrs["metric_order"])
    wanted = ["Summary", *metrics, "NPV distribution", "Assumptions", "Warnings", "Provenance"]
    for name in wanted:
        if name not in book.sheetnames:
            fail(f"workbook: no sheet {name}")
    check_summary_sheet(f, book)
    check_assumptions_sheet(f, book)
    # Metric sheets: per option a block (name, header, one row per year) and a fan chart.
    for metric in ("net_cost", "overspend", "gp_headcount"):
        sheet = book[metric]
        if len(sheet._charts) != len(options):
            fail(f"workbook: sheet {metric} has {len(sheet._charts)} charts for {len(options)} options")
        rows = list(sheet.iter_rows(values_only=False))
        for o in options:
            data = f[f"options/{o}/{metric}"][()]
            central = f[f"options/{o}/central/{metric}"][()]
            top = next(i for i, row in enumerate(rows) if row[0].value == o)
            header = [c.value for c in rows[top + 1]]
            for y, year in enumerate(years):
                row = rows[top + 2 + y]
                if row[0].value != year:
                    fail(f"workbook {metric}/{o}: row {y} is {row[0].value}, not {year}")
                mean = row[header.index("mean")]
                if mean.data_type != "n" or not close(mean.value, data[:, y].mean()):
                    fail(f"workbook {metric}/{o}/{year}: mean {mean.value} != {data[:, y].mean()}")
                p90 = row[header.index("p90")].value
                if not close(p90, np.percentile(data[:, y], 90)):
                    fail(f"workbook {metric}/{o}/{year}: p90 {p90}")
                if not close(row[header.index("central")].value, central[y]):
                    fail(f"workbook {metric}/{o}/{year}: central differs")
                unit = f[f"options/{o}/{metric}"].attrs["unit"]
                shown = mean.number_format
                if unit == "GBP" and "£" not in shown or unit == "0/1" and "%" not in shown:
                    fail(f"workbook {metric}: format {shown} for unit {unit}")
    npv_sheet = book["NPV distribution"]
    if len(npv_sheet._charts) != 1:
        fail("workbook: the NPV sheet has no S-curve")
    header = [c.value for c in npv_sheet[2]]
    for o in options:
        column = header.index(o)
        median = npv_sheet.cell(row=3 + 50, column=column + 1).value
        if not close(median, np.percentile(f[f"options/{o}/npv"][()], 50)):
            fail(f"workbook NPV distribution {o}: median {median}")
    drivers = book["Drivers of NPV"] if "Drivers of NPV" in book.sheetnames else None
    if drivers is None or not drivers._charts:
        fail("workbook: no chart of the drivers of the NPV")
    assumptions = [row for row in book["Assumptions"].iter_rows(min_row=2, values_only=True)]
    names = {row[0] for row in assumptions}
    for name in f["parameters"]:
        if name not in names:
            fail(f"workbook: parameter {name} is not in Assumptions")
        ds = f[f"parameters/{name}"]
        if ds.dtype.kind == "S":  # a choice: its label, never a number
            row = next(r for r in assumptions if r[0] == name and r[1].startswith("every"))
            if row[4] != ds.asstr()[0]:
                fail(f"workbook: choice {name} shows {row[4]!r}, not {ds.asstr()[0]!r}")


def check_sensitivity_workbook(f, book):
    for name in ("Summary", "Tornado", "Sobol", "Assumptions", "Provenance"):
        if name not in book.sheetnames:
            fail(f"workbook: no sheet {name}")
    check_summary_sheet(f, book)
    option = f["sensitivity"].attrs["option_order"][0]
    tornado = f[f"sensitivity/{option}/tornado/npv"]
    sheet = book["Tornado"]
    if len(sheet._charts) != 1:
        fail("workbook: the tornado sheet has no chart")
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    for k, name in enumerate(tornado.attrs["parameters"]):
        if rows[k][0] != name or not close(rows[k][3], tornado[k, 0, 0]) or \
                not close(rows[k][4], tornado[k, 0, 1]):
            fail(f"workbook tornado row {k}: {rows[k][:5]}")
    if not book["Sobol"]._charts:
        fail("workbook: the Sobol sheet has no chart")


def check_run_csv(f, folder):
    options = list(f["options"].attrs["option_order"])
    years = list(f["years"].asstr()[()])
    summary = pd.read_csv(f"{folder}/summary.csv")
    for o in options:
        for metric in f[f"options/{o}"].attrs["metric_order"]:
            data = f[f"options/{o}/{metric}"][()]
            rows = summary[(summary.option == o) & (summary.metric == metric)]
            if list(rows.year) != years:
                fail(f"summary.csv {o}/{metric}: years {list(rows.year)}")
            with np.errstate(all="ignore"), __import__("warnings").catch_warnings():
                __import__("warnings").simplefilter("ignore")
                want = np.nanmean(data, axis=0)
            if not np.allclose(rows["mean"].to_numpy(), want, rtol=1e-12, equal_nan=True):
                fail(f"summary.csv {o}/{metric}: means differ")
            if not np.allclose(rows["central"].to_numpy(), f[f"options/{o}/central/{metric}"][()],
                               rtol=1e-12, equal_nan=True):
                fail(f"summary.csv {o}/{metric}: central differs")
    iterations = pd.read_csv(f"{folder}/iterations.csv")
    if list(iterations.columns) != ["option", "iteration", "year", "metric", "value"]:
        fail(f"iterations.csv columns {list(iterations.columns)}")
    for o in options:
        for metric in ("net_cost", "list_size"):
            rows = iterations[(iterations.option == o) & (iterations.metric == metric)]
            table = rows.pivot(index="iteration", columns="year", values="value")[years]
            # A bare read_csv parses to about 1e-13 (pandas' fast parser); the text is
            # exact, as the round-trip read below shows.
            if not np.allclose(table.to_numpy(), f[f"options/{o}/{metric}"][()], rtol=1e-12,
                               atol=0, equal_nan=True):
                fail(f"iterations.csv {o}/{metric} differs from the file")
        npv = iterations[(iterations.option == o) & (iterations.metric == "npv")]
        if not npv.year.isna().all() or not np.allclose(
                npv.sort_values("iteration").value.to_numpy(), f[f"options/{o}/npv"][()],
                rtol=1e-12, atol=0, equal_nan=True):
            fail(f"iterations.csv {o}/npv differs from the file")
    exact = pd.read_csv(f"{folder}/iterations.csv", float_precision="round_trip")
    o = options[0]
    rows = exact[(exact.option == o) & (exact.metric == "net_cost")]
    table = rows.pivot(index="iteration", columns="year", values="value")[years]
    if not np.array_equal(table.to_numpy(), f[f"options/{o}/net_cost"][()], equal_nan=True):
        fail("iterations.csv is not exact: a round-trip read differs from the file")
    parameters = pd.read_csv(f"{folder}/parameters.csv")
    base = parameters[parameters.option == options[0]].sort_values("iteration")
    for name in f["parameters"]:
        ds = f[f"parameters/{name}"]
        want = ds.asstr()[()] if ds.dtype.kind == "S" else ds[()]
        got = base[name].to_numpy()
        same = (list(got) == list(want)) if ds.dtype.kind == "S" else np.allclose(
            got, want, rtol=1e-12, atol=0)
        if not same:
            fail(f"parameters.csv {name} differs from the file")
    if len(options) > 1:
        comparison = pd.read_csv(f"{folder}/comparison.csv")
        for k, o in enumerate(options):
            if not close(comparison.expected_npv[k], f[f"options/{o}/npv"][()].mean()):
                fail(f"comparison.csv expected_npv of {o}")
        pd.read_csv(f"{folder}/differences.csv")
    spearman = pd.read_csv(f"{folder}/sensitivity.csv")
    for o in f["sensitivity"]:
        ds = f[f"sensitivity/{o}/spearman/npv"]
        rows = spearman[(spearman.option == o) & (spearman.metric == "npv")]
        if list(rows.parameter) != list(ds.attrs["parameters"]) or \
                not np.allclose(rows.spearman.to_numpy(), ds[:, 0], equal_nan=True):
            fail(f"sensitivity.csv spearman npv of {o} differs")
    if os.path.exists(f"{folder}/practices.csv"):
        practices = pd.read_csv(f"{folder}/practices.csv")
        o = options[-1]
        closed = f[f"options/{o}/practices/closed"][()]
        codes = list(f[f"options/{o}/practices/codes"].asstr()[()])
        rows = practices[(practices.option == o) & (practices.figure == "closed") &
                         (practices.year == years[-1])]
        if list(rows.practice) != codes or not np.allclose(rows["mean"].to_numpy(),
                                                           closed[:, :, -1].mean(axis=0)):
            fail("practices.csv closure probabilities differ from the file")
    for name in ("warnings", "assumptions", "provenance"):
        pd.read_csv(f"{folder}/{name}.csv")


def check_sensitivity_csv(f, folder):
    option = f["sensitivity"].attrs["option_order"][0]
    table = pd.read_csv(f"{folder}/sensitivity.csv")
    tornado = f[f"sensitivity/{option}/tornado/npv"]
    rows = table[table.output == "npv"].set_index("parameter")
    for k, name in enumerate(tornado.attrs["parameters"]):
        if not close(rows.loc[name, "tornado_low"], tornado[k, 0, 0]) or \
                not close(rows.loc[name, "tornado_swing"], tornado[k, 0, 2]):
            fail(f"sensitivity.csv tornado of {name} differs")
    sobol = pd.read_csv(f"{folder}/sobol.csv")
    ds = f[f"sensitivity/{option}/sobol/npv"]
    rows = sobol[sobol.output == "npv"]
    if not np.allclose(rows.ST.to_numpy(), ds[:, 3], equal_nan=True):
        fail("sobol.csv ST of npv differs")


# The sheets that are one table under a heading, and the row of their column headings.
HEADED_TABLES = {"Assumptions": 1, "Warnings": 1, "Provenance": 1, "Drivers of NPV": 2,
                 "NPV distribution": 2, "Tornado": 4, "Sobol": 2}


def check_printing(book):
    """Every sheet prints on A4 landscape with all its columns on one page's width (OOXML's
    fitToWidth defaults to 1); a table's headings stay in view and head every printed page."""
    for sheet in book.worksheets:
        setup = sheet.page_setup
        fits = sheet.sheet_properties.pageSetUpPr
        if setup.paperSize not in (9, "9") or setup.orientation != "landscape":
            fail(f"sheet {sheet.title}: prints on paper {setup.paperSize}, {setup.orientation}, "
                 "not A4 landscape")
        if not (fits is not None and fits.fitToPage) or setup.fitToWidth not in (None, 1, "1") \
                or setup.fitToHeight not in (0, "0"):
            fail(f"sheet {sheet.title}: does not print one page wide")
        last = HEADED_TABLES.get(sheet.title)
        if last is None:
            continue
        if sheet.freeze_panes != f"A{last + 1}":
            fail(f"sheet {sheet.title}: panes frozen at {sheet.freeze_panes}, not below row {last}")
        if sheet.print_title_rows != f"$1:${last}":
            fail(f"sheet {sheet.title}: rows {sheet.print_title_rows} head each printed page, "
                 f"not 1 to {last}")


def main():
    results, book_path, folder = sys.argv[1:4]
    book = openpyxl.load_workbook(book_path)
    check_printing(book)
    with h5py.File(results, "r") as f:
        if "options" in f:
            check_run_workbook(f, book)
            check_run_csv(f, folder)
        else:
            check_sensitivity_workbook(f, book)
            check_sensitivity_csv(f, folder)
    print(f"check_exports: {book_path} ({len(book.sheetnames)} sheets) and {folder} checked")
    if failures:
        print("check_exports: FAILED", *failures, sep="\n  ", file=sys.stderr)
        sys.exit(1)


main()
