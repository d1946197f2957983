"""Checks `pcsim export`: the workbook read back with openpyxl (its sheets, numbers stored as
numbers equal to values computed here from the HDF5 file, its native charts, the Summary's
scenario name, price basis and base year, the Assumptions' values and their formats by
unit, the drivers of every option's NPV, 0/1 flags shown as probabilities, the fan charts'
shared scale, the Provenance sheet's numbers, frozen and printed headings) and every CSV
table read with a bare pandas.read_csv and compared with the HDF5 file.

Usage: check_exports.py RESULTS.h5 BOOK.xlsx CSV_DIR
"""
import csv
import math
import os
import re
import sys
import zipfile
from xml.etree import ElementTree

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
    the run's rates (the means of the draws), and holds the base year's figures as the whole
    numbers the summary and the report show."""
    rows = list(book["Summary"].iter_rows(values_only=True))
    if rows[0][0] != f.attrs["scenario_name"]:
        fail(f"workbook Summary: title {rows[0][0]!r}, not the scenario's name")
    if rows[1][0] != f"scenario file: {f.attrs['scenario_file']}":
        fail(f"workbook Summary: {rows[1][0]!r} does not name the scenario file")
    for label, attribute in BASE_YEAR.items():
        row = next((r for r in rows if r[0] == label), None)
        if attribute not in f.attrs:
            continue
        # The whole number the summary and the report show: halves to even, as Python's
        # round() (the payments file's quarterly means make England's list end in .5).
        whole = round(float(f.attrs[attribute]))
        if row is None or not close(row[2], whole, rel=1e-15):
            fail(f"workbook Summary: {label} is {row and row[2]}, the file {f.attrs[attribute]} "
                 f"(shown as {whole})")
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


def heading_row(sheet):
    """The row (from 1) of a metric sheet's column headings, which every option's block
    below shares: the first whose first cell is "year"; None when there is none."""
    for k, row in enumerate(sheet.iter_rows(max_row=4, max_col=1, values_only=True), start=1):
        if row[0] == "year":
            return k
    return None


REFERENCE = re.compile(r"^'?(.*?)'?!\$([A-Z]+)\$([0-9]+):\$([A-Z]+)\$([0-9]+)$")


def reference(formula):
    """A chart series' range 'Sheet'!$B$3:$B$16 as (sheet, first column, first row, last
    column, last row), columns as letters, rows from 1."""
    match = REFERENCE.match(formula or "")
    if not match:
        return None
    sheet, c1, r1, c2, r2 = match.groups()
    return sheet, c1, int(r1), c2, int(r2)


def check_drivers_sheet(f, book):
    """Drivers of NPV: every parameter uncertain in any option, once (an option can make
    uncertain a parameter the baseline fixes, and such parameters were left out, the largest
    driver among them), with each option's rho from /sensitivity/<o>/spearman/npv; a blank
    cell with a note where that option does not vary the parameter; the largest |rho| over
    the options first; the chart over every row."""
    options = [o for o in f["options"].attrs["option_order"] if f"sensitivity/{o}/spearman/npv" in f]
    if not options:
        return
    rho = {}
    for o in options:
        ds = f[f"sensitivity/{o}/spearman/npv"]
        for name, value in zip(ds.attrs["parameters"], ds[:, 0]):
            rho.setdefault(str(name), {})[o] = float(value)
    if "Drivers of NPV" not in book.sheetnames:
        fail("workbook: no sheet Drivers of NPV")
        return
    sheet = book["Drivers of NPV"]
    header = [c.value for c in sheet[2]]
    if header[1:1 + len(options)] != options:
        fail(f"workbook Drivers of NPV: columns {header}, not the options {options}")
        return
    rows = []
    for row in sheet.iter_rows(min_row=3):
        if row[0].value is None:
            break
        rows.append(row)
    names = [row[0].value for row in rows]
    if sorted(names) != sorted(rho):
        fail(f"workbook Drivers of NPV: parameters {sorted(set(rho) - set(names))} missing, "
             f"{sorted(set(names) - set(rho))} extra, or listed twice")
    for row in rows:
        name = row[0].value
        for k, o in enumerate(options):
            cell, want = row[1 + k], rho.get(name, {}).get(o)
            if want is None:
                if cell.value is not None or cell.comment is None:
                    fail(f"workbook Drivers of NPV {name}/{o}: not varied by the option, yet "
                         f"{cell.value!r} (note: {cell.comment and cell.comment.text!r})")
            elif cell.data_type != "n" or not close(cell.value, want, rel=1e-12):
                fail(f"workbook Drivers of NPV {name}/{o}: {cell.value!r}, the file {want}")
    largest = [max((abs(v) for v in rho.get(n, {}).values() if not math.isnan(v)), default=-1.0)
               for n in names]
    if any(a < b for a, b in zip(largest, largest[1:])):
        fail(f"workbook Drivers of NPV: not ordered by the largest |rho|: {names}")
    want_rows = (3, 2 + len(rows))
    for series in sheet._charts[0].series if sheet._charts else []:
        values = reference(series.val.numRef.f)
        categories = reference((series.cat.strRef or series.cat.numRef).f)
        for what, ref, column in (("values", values, None), ("names", categories, "A")):
            if ref is None or (ref[2], ref[4]) != want_rows or column and ref[1] != column:
                fail(f"workbook Drivers of NPV: the chart's {what} are {ref}, not rows {want_rows}")
    if not sheet._charts:
        fail("workbook: no chart of the drivers of the NPV")
    elif len(sheet._charts[0].series) != len(options):
        fail(f"workbook Drivers of NPV: {len(sheet._charts[0].series)} series for {len(options)} options")


STATISTICS = ("sd", "p5", "p10", "p25", "p50", "p75", "p90", "p95")


def check_flag_metrics(f, book):
    """A 0/1 flag (overspend: 1 in an iteration whose year overspends) is shown as pcsim
    summary shows it: P(flag), its mean, per year; its percentiles (each 0 or 1) and sd left
    out with a note saying why, and no fan chart of a 0/1 variable (a line of P by year)."""
    options = list(f["options"].attrs["option_order"])
    years = list(f["years"].asstr()[()])
    first = f[f"options/{options[0]}"]
    flags = [m for m in first.attrs["metric_order"] if first[m].attrs["unit"] == "0/1"]
    summary = list(book["Summary"].iter_rows(values_only=True))
    notes = " ".join(str(r[0]) for r in summary if isinstance(r[0], str))
    for m in flags:
        label = f"P({m})"
        if label not in notes or "blank" not in notes:
            fail(f"workbook Summary: no note on why {label}'s percentiles are blank")
        for o in options:
            data = f[f"options/{o}/{m}"][()]
            rows = [r for r in summary if r[0] == o and r[1] in (m, label)]
            if len(rows) != 1 or rows[0][1] != label:
                fail(f"workbook Summary {o}/{m}: rows {[r[1] for r in rows]}, not one {label}")
                continue
            row = rows[0]
            if not close(row[5], float(np.nanmean(data[:, -1]))) or row[2] != "probability":
                fail(f"workbook Summary {o}/{label}: {row[2]} {row[5]!r}, the file's mean "
                     f"{np.nanmean(data[:, -1])}")
            if any(v is not None for v in row[6:9]):
                fail(f"workbook Summary {o}/{label}: percentiles of a 0/1 flag shown: {row[6:9]}")
        for cells in book["Summary"].iter_rows(min_col=1, max_col=7):
            if cells[1].value == label and (cells[6].comment is None or
                                            "blank" not in cells[6].comment.text):
                fail(f"workbook Summary {cells[0].value}/{label}: no note on its blank P10")
        sheet = book[m]
        h = heading_row(sheet)
        rows = list(sheet.iter_rows(values_only=True))
        header = list(rows[h - 1]) if h else []
        shown = [c for c in header if c in STATISTICS]
        if h is None or label not in header or shown:
            fail(f"workbook sheet {m}: headings {header}: want {label}, none of {shown}")
            continue
        note = " ".join(str(r[0]) for r in rows[:h - 1] if r[0])
        if "blank" not in note and "left out" not in note:
            fail(f"workbook sheet {m}: no note on why its percentiles are left out")
        column = header.index(label)
        for o in options:
            data = f[f"options/{o}/{m}"][()]
            top = next(i for i, r in enumerate(rows) if r[0] == o)
            for y, year in enumerate(years):
                row = rows[top + 1 + y]
                if row[0] != year or not close(row[column], float(np.nanmean(data[:, y]))):
                    fail(f"workbook sheet {m} {o}/{year}: {row[0]} {row[column]!r}")
        charts = sheet._charts
        if len(charts) != 1 or charts[0].tagname != "lineChart" or \
                len(charts[0].series) != len(options):
            fail(f"workbook sheet {m}: charts {[c.tagname for c in charts]}, not one line of "
                 f"{label} by year with a series per option")


FAN_METRICS = ("net_cost", "gp_headcount", "budget_headroom", "list_size")
CHART_XML = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
             "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


def value_axis_scales(book_path):
    """{chart title: (min, max)} of the value axis of every chart in the workbook, read from
    its XML (openpyxl does not read an area chart's axes back); None for a bound not set."""
    scales = {}
    with zipfile.ZipFile(book_path) as z:
        for name in z.namelist():
            if not re.fullmatch(r"xl/charts/chart[0-9]+\.xml", name):
                continue
            root = ElementTree.fromstring(z.read(name))
            title = "".join(t.text or "" for t in root.findall("c:chart/c:title//a:t", CHART_XML))
            scaling = root.find(".//c:valAx/c:scaling", CHART_XML)
            bounds = [scaling.find(f"c:{b}", CHART_XML) if scaling is not None else None
                      for b in ("min", "max")]
            scales[title] = tuple(float(b.get("val")) if b is not None else None for b in bounds)
    return scales


def check_fan_scales(f, book, book_path):
    """The fan charts of one metric share one scale (as the report's), which holds the P10
    and P90 of every option and year, and the metric sheets' titles say no "NaN"."""
    options = list(f["options"].attrs["option_order"])
    scales = value_axis_scales(book_path)
    for metric in FAN_METRICS:
        shown = {scales.get(f"{metric}: {o}") for o in options}
        with np.errstate(all="ignore"):
            low = min(np.nanmin(np.nanpercentile(f[f"options/{o}/{metric}"][()], 10, axis=0))
                      for o in options)
            high = max(np.nanmax(np.nanpercentile(f[f"options/{o}/{metric}"][()], 90, axis=0))
                       for o in options)
        if len(shown) != 1 or None in next(iter(shown)):
            fail(f"workbook sheet {metric}: the fan charts' scales {shown}, not one shared")
            continue
        lo, hi = next(iter(shown))
        slack = 1e-9 * max(abs(low), abs(high), 1)
        if lo > low + slack or hi < high - slack or (high > low and hi - lo > 2 * (high - low)):
            fail(f"workbook sheet {metric}: scale {lo} to {hi} for P10 {low} to P90 {high}")
    first = f[f"options/{options[0]}"]
    for metric in first.attrs["metric_order"]:
        title = book[metric]["A1"].value if metric in book.sheetnames else ""
        if "NaN" in str(title):
            fail(f"workbook sheet {metric}: title {title!r} says NaN")


PLAIN_INTEGER = re.compile(r"-?(0|[1-9][0-9]{0,14})")
PLAIN_DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)\.[0-9]*[1-9]")


def cell_number(value):
    """The number the Provenance cell of a root attribute holds, or None for text: an HDF5
    float; an HDF5 integer of at most 15 digits (Excel shows 15 significant digits); text
    that is such an integer, or a decimal written as the shortest text that reads back as
    its double (so that nothing of the text is lost)."""
    if isinstance(value, (np.integer, int)):
        return int(value) if abs(int(value)) < 10 ** 15 else None
    if isinstance(value, (np.floating, float)):
        return float(value)
    if isinstance(value, str):
        if PLAIN_INTEGER.fullmatch(value):
            return int(value)
        if PLAIN_DECIMAL.fullmatch(value) and repr(float(value)) == value:
            return float(value)
    return None


def check_provenance(f, book, folder):
    """Every root attribute: in the Provenance sheet a number where it is one (seed,
    iterations, wall_seconds; never text "1024"), equal to the file's; in provenance.csv
    the text that reads back as the file's value exactly (wall_seconds 0.203102828, never
    0.203103)."""
    cells = {r[0].value: r[1] for r in book["Provenance"].iter_rows(min_row=2) if r[0].value}
    with open(f"{folder}/provenance.csv", encoding="utf-8", newline="") as stream:
        texts = {row[0]: row[1] for row in csv.reader(stream)}
    for name, value in f.attrs.items():
        if name == "scenario_text" or np.ndim(value) != 0:
            continue
        cell, want = cells.get(name), cell_number(value)
        if cell is None:
            fail(f"workbook Provenance: no row for {name}")
        elif want is None:
            if isinstance(value, str) and len(value) < 32000 and (cell.value or "") != value or \
                    not isinstance(value, str) and cell.value != str(value):
                fail(f"workbook Provenance {name}: {cell.value!r}, the file {value!r}")
        elif cell.data_type != "n" or not isinstance(cell.value, (int, float)) or \
                not math.isclose(cell.value, want, rel_tol=1e-15, abs_tol=0):
            fail(f"workbook Provenance {name}: {cell.value!r} ({cell.data_type}), the file {value!r}")
        text = texts.get(name)
        if isinstance(value, (np.floating, float)):
            if text is None or float(text) != float(value):
                fail(f"provenance.csv {name}: {text!r}, the file {value!r}")
        elif isinstance(value, (np.integer, int)) and text != str(int(value)):
            fail(f"provenance.csv {name}: {text!r}, the file {value!r}")


def check_run_workbook(f, book, book_path):
    options = list(f["options"].attrs["option_order"])
    years = list(f["years"].asstr()[()])
    metrics = list(f[f"options/{options[0]}"].attrs["metric_order"])
    wanted = ["Summary", *metrics, "NPV distribution", "Assumptions", "Warnings", "Provenance"]
    for name in wanted:
        if name not in book.sheetnames:
            fail(f"workbook: no sheet {name}")
    check_summary_sheet(f, book)
    check_assumptions_sheet(f, book)
    # Metric sheets: the column headings once below the title, then per option a block
    # (its name, one row per year) and a fan chart.
    for metric in ("net_cost", "gp_headcount", "budget_headroom"):
        sheet = book[metric]
        if len(sheet._charts) != len(options):
            fail(f"workbook: sheet {metric} has {len(sheet._charts)} charts for {len(options)} options")
        rows = list(sheet.iter_rows(values_only=False))
        header = [c.value for c in rows[heading_row(sheet) - 1]]
        for o in options:
            data = f[f"options/{o}/{metric}"][()]
            central = f[f"options/{o}/central/{metric}"][()]
            top = next(i for i, row in enumerate(rows) if row[0].value == o)
            for y, year in enumerate(years):
                row = rows[top + 1 + y]
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
                if unit == "GBP" and "£" not in shown:
                    fail(f"workbook {metric}: format {shown} for unit {unit}")
    check_flag_metrics(f, book)
    check_fan_scales(f, book, book_path)
    npv_sheet = book["NPV distribution"]
    if len(npv_sheet._charts) != 1:
        fail("workbook: the NPV sheet has no S-curve")
    header = [c.value for c in npv_sheet[2]]
    for o in options:
        column = header.index(o)
        median = npv_sheet.cell(row=3 + 50, column=column + 1).value
        if not close(median, np.percentile(f[f"options/{o}/npv"][()], 50)):
            fail(f"workbook NPV distribution {o}: median {median}")
    check_drivers_sheet(f, book)
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
    # A run of fewer than 3 iterations (a --central run among them) ranks nothing: no
    # /sensitivity, and a table of its columns alone.
    if "sensitivity" not in f and len(spearman):
        fail(f"sensitivity.csv has {len(spearman)} rows for a file without /sensitivity")
    for o in f["sensitivity"] if "sensitivity" in f else []:
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


def printed_headings(sheet):
    """(first, last): the rows (from 1) a table sheet keeps in view and prints at the top
    of every page, or None for a sheet without one table. The Summary's long table (option,
    metric, ...) prints its headings row alone, below the title, price basis and notes that
    head its first page; a metric sheet keeps its title and the headings its options share."""
    if sheet.title in HEADED_TABLES:
        return 1, HEADED_TABLES[sheet.title]
    if sheet.title == "Summary":
        for k, row in enumerate(sheet.iter_rows(max_col=2, values_only=True), start=1):
            if row[0] == "option" and row[1] in ("metric", "output"):
                return k, k
        return None
    h = heading_row(sheet)
    return (1, h) if h else None


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
        headings = printed_headings(sheet)
        if headings is None:
            if sheet.title == "Summary":
                fail("sheet Summary: no table headings")
            continue
        first, last = headings
        # A table at the top is frozen below its headings; one below a block of notes (the
        # Summary's) is not, or the notes would fill the screen.
        frozen = f"A{last + 1}" if first == 1 else None
        if sheet.freeze_panes != frozen:
            fail(f"sheet {sheet.title}: panes frozen at {sheet.freeze_panes}, not {frozen}")
        if sheet.print_title_rows != f"${first}:${last}":
            fail(f"sheet {sheet.title}: rows {sheet.print_title_rows} head each printed page, "
                 f"not {first} to {last}")


def main():
    results, book_path, folder = sys.argv[1:4]
    book = openpyxl.load_workbook(book_path)
    check_printing(book)
    with h5py.File(results, "r") as f:
        if "options" in f:
            check_run_workbook(f, book, book_path)
            check_run_csv(f, folder)
            check_provenance(f, book, folder)
        else:
            check_sensitivity_workbook(f, book)
            check_sensitivity_csv(f, folder)
            check_provenance(f, book, folder)
    print(f"check_exports: {book_path} ({len(book.sheetnames)} sheets) and {folder} checked")
    if failures:
        print("check_exports: FAILED", *failures, sep="\n  ", file=sys.stderr)
        sys.exit(1)


main()
