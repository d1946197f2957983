"""Checks the base year a results file records and shows (docs/output-format.md, "The
practice load report"): the practices_* figures against an independent calculation from
the payments file with pandas (written from docs/scenario-format.md, "Which practices are
modelled", not from the code), then the same figures in the summary's "Base year" block,
the report's and the workbook's, and the price basis sentence against the mean of the
run's draws of funding.inflation and economics.discount_rate.

Usage: check_base_year.py RESULTS.h5 PAYMENTS.csv AREA BASE_YEAR_START SUMMARY.txt
                          REPORT.html BOOK.xlsx
"""
import html
import math
import re
import sys

import h5py
import numpy as np
import openpyxl
import pandas as pd

failures = []


def fail(message):
    failures.append(message)


def money(column):
    text = column.fillna("").astype(str).str.replace(",", "").str.replace("£", "")
    return pd.to_numeric(text.str.replace(" ", "").str.strip().replace({"": "0", "-": "0"}))


def independent(path, area, start):
    """Year 0 of one area: the practices modelled are the rows open at the base year's end
    with registered and weighted patients; the lists of practices closed by then (with
    patients) are added to no one (closed_lists = "already_counted")."""
    df = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    df.columns = [c.strip().lower() for c in df.columns]
    df = df[df["ccg code"].str.strip() == area]
    registered = pd.to_numeric(df["number of registered patients (last known figure)"]
                               .str.replace(",", ""))
    weighted = pd.to_numeric(df["number of weighted patients (last known figure)"]
                             .str.replace(",", ""))
    core = money(df["global sum"]) + money(df["mpig correction factor"]) + \
        money(df["balance of pms expenditure"])
    closed = pd.to_datetime(df["practice close date"].replace("-", np.nan), dayfirst=True,
                            errors="coerce") <= pd.Timestamp(start + 1, 3, 31)
    modelled = ~closed & (registered > 0) & (weighted > 0)
    return {"practices": int(modelled.sum()),
            # closed_lists = "already_counted" (the default): a closed practice's last-known
            # list is added to no one, so the year-0 lists are the open practices' own.
            "registered_patients": int(registered[modelled].sum()),
            "weighted_patients": float(weighted[modelled].sum()),
            "core_funding": float(core[modelled].sum())}


def shown(text):
    """The number a figure's text shows ("620,761", "£48,282,078"), and half its last digit."""
    digits = text.replace("\u2212", "-").replace(",", "").replace("£", "").strip()
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return float(digits), 0.5 * 10 ** -decimals


def close_to_shown(what, text, want):
    value, rounding = shown(text)
    if abs(value - want) > rounding * 1.0001:
        fail(f"{what}: shows {text!r}, the file gives {want}")


def main():
    results, payments, area, start, summary_path, report_path, book_path = sys.argv[1:8]
    start = int(start)
    want = independent(payments, area, start)
    with h5py.File(results, "r") as f:
        attrs = {k: f.attrs[k] for k in f.attrs}
        rates = {name: float(np.mean(f[f"parameters/{name}"][()]))
                 for name in ("funding.inflation", "economics.discount_rate")}
        first_year = f["years"].asstr()[0]
    label = f"{start}/{(start + 1) % 100:02d}"
    if attrs["practices_base_year"] != label:
        fail(f"practices_base_year {attrs['practices_base_year']}, expected {label}")
    stored = {"practices": attrs["practices_loaded"],
              "registered_patients": attrs["practices_registered_patients"],
              "weighted_patients": attrs["practices_weighted_patients"],
              "core_funding": attrs["practices_core_funding"]}
    # Patients are people: the registered count is written as a whole number.
    for key in ("practices", "registered_patients"):
        if stored[key] != str(want[key]):
            fail(f"{key}: the file says {stored[key]!r}, the payments file {want[key]}")
    for key in ("weighted_patients", "core_funding"):
        if not math.isclose(float(stored[key]), want[key], rel_tol=1e-12):
            fail(f"{key}: the file says {stored[key]}, the payments file {want[key]}")

    labels = {"practices": "practices modelled", "registered_patients": "registered patients",
              "weighted_patients": "weighted patients",
              "core_funding": "core funding (what funding.baseline_spend = 0 stands for)"}
    heading = f"Base year {label} (year 0; the projection starts in {first_year})"
    prices = (f"£ by year: cash terms, year-0 prices inflated at ([0-9.]+)% a year;\\s*NPV: "
              f"year-0 prices, discounted at ([0-9.]+)% a year \\(real\\)")

    def check_prices(where, text):
        found = re.search(prices, text)
        if not found:
            fail(f"{where}: no price basis")
            return
        for value, name in zip(found.groups(), rates):
            close_to_shown(f"{where} {name}", value, rates[name] * 100)

    # The summary: the block under its heading, one line per figure.
    summary = open(summary_path, encoding="utf-8").read()
    name = attrs["scenario_name"]
    if f"  scenario: {name}\n  scenario file {attrs['scenario_file']}\n" not in summary:
        fail("summary: the scenario's name and file are not in its header")
    if heading not in summary:
        fail(f"summary: no heading {heading!r}")
    for key, text in labels.items():
        line = re.search(rf"^  {re.escape(text)}\s+(\S+)$", summary, re.M)
        if not line:
            fail(f"summary: no line for {text}")
        else:
            close_to_shown(f"summary {key}", line.group(1), want[key])
    check_prices("summary", summary)

    # The report: the heading, each figure a span with its exact value and its text.
    page = open(report_path, encoding="utf-8").read()
    if f"<h1>{html.escape(name)}</h1>" not in page:
        fail("report: its heading is not the scenario's name")
    if html.escape(heading) not in page:
        fail(f"report: no heading {heading!r}")
    for key in labels:
        span = re.search(rf'data-figure="base_year_{key}" data-value="([^"]*)">([^<]*)<', page)
        if not span:
            fail(f"report: no figure base_year_{key}")
            continue
        if not math.isclose(float(span.group(1)), want[key], rel_tol=1e-12):
            fail(f"report base_year_{key}: data-value {span.group(1)}, expected {want[key]}")
        close_to_shown(f"report {key}", html.unescape(span.group(2)), want[key])
    check_prices("report", html.unescape(page))

    # The workbook's Summary sheet: the name as its title, the base year's rows as the whole
    # numbers the summary and the report show.
    sheet = openpyxl.load_workbook(book_path)["Summary"]
    cells = [row for row in sheet.iter_rows(values_only=True)]
    if cells[0][0] != name:
        fail(f"workbook: Summary's title is {cells[0][0]!r}, not the scenario's name")
    if not any(row[0] == heading for row in cells):
        fail(f"workbook: no heading {heading!r}")
    for key, text in labels.items():
        row = next((r for r in cells if r[0] == text), None)
        if row is None or not isinstance(row[2], float) and not isinstance(row[2], int):
            fail(f"workbook: no number for {text}")
        # The whole number the summary and the report show (halves to even, as round()).
        elif row[2] != round(want[key]):
            fail(f"workbook {key}: {row[2]}, expected {round(want[key])} (of {want[key]})")
    check_prices("workbook", "\n".join(str(r[0]) for r in cells if r[0]))

    print(f"check_base_year: {label} {area}: {want['practices']} practices, "
          f"{want['registered_patients']:,} registered, {want['weighted_patients']:,.2f} weighted, "
          f"£{want['core_funding']:,.2f} core funding; summary, report and workbook agree")
    if failures:
        print("check_base_year: FAILED", *failures, sep="\n  ", file=sys.stderr)
        sys.exit(1)


main()
