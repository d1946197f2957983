#!/usr/bin/python3
"""Independent check of the shipped scenarios' patients_per_gp (test_shipped_patients_per_gp.cpp).

docs/scenario-format.md ("GP headcount at year 0") defines the shipped value: England's
registered patients in the scenario's payments file (every row of the file, whatever practices
the scenario selects) over the GP headcount of the series for the base year (TOTAL_GP_EXTGL_HC
summed over every practice with fiscal_year = start_year mod 100, NA left out), rounded to the
nearest whole patient. This script recomputes it with pandas from the published files and
requires, for every scenario of the manifest:

  - the shipped patients_per_gp to equal that rounding;
  - the comment above the key, which states the figures, to state them as the data give them:
    "England YYYY/YY, P registered patients ... / G GPs ... = R" with YYYY/YY the base year,
    P the file's total rounded to a whole patient, G the series' total and R the ratio to one
    decimal;

and the worked example of docs/scenario-format.md ("(2022/23: P / G = R)") to match the data
of its year.

  check_patients_per_gp.py MANIFEST --data DIR --doc FILE

MANIFEST: CSV with scenario (the .toml), payments, series, start_year, patients_per_gp, one row
per scenario (paths absolute). DIR: scenarios/data. Exits 1 on any difference.
"""
import argparse
import math
import re
import sys

import pandas as pd


def norm(header):
    return re.sub(r"[^a-z0-9]", "", header.lower())


def registered_total(path):
    """Every row's 'Number of Registered Patients (Last Known Figure)', summed."""
    d = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    wanted = norm("Number of Registered Patients (Last Known Figure)")
    matches = [c for c in d.columns if norm(c) == wanted]
    if len(matches) != 1:
        raise SystemExit(f"{path}: no single registered-patients column in {list(d.columns)[:20]}")
    cells = d[matches[0]].str.replace(",", "").str.strip()
    values = pd.to_numeric(cells, errors="raise")
    if values.isna().any():
        raise SystemExit(f"{path}: blank registered-patients cells")
    return float(values.sum())


def headcount_total(path, start_year):
    """TOTAL_GP_EXTGL_HC summed over the series' practices for the base year."""
    s = pd.read_csv(path, dtype=str, keep_default_na=False)
    year = s[pd.to_numeric(s["fiscal_year"]) == start_year % 100]
    if year.empty:
        raise SystemExit(f"{path}: no rows with fiscal_year {start_year % 100}")
    given = year[year["TOTAL_GP_EXTGL_HC"] != "NA"]["TOTAL_GP_EXTGL_HC"]
    return float(pd.to_numeric(given, errors="raise").sum())


def half_up(x, digits=0):
    scale = 10**digits
    return math.floor(x * scale + 0.5) / scale


def number(text):
    return float(text.replace(",", ""))


def year_label(start_year):
    return f"{start_year - 1}/{start_year % 100:02d}"


def stated_figures(scenario):
    """The comment lines right above `patients_per_gp =`, joined into one line."""
    lines = open(scenario, encoding="utf-8").read().splitlines()
    at = [n for n, l in enumerate(lines) if re.match(r"\s*patients_per_gp\s*=", l)]
    if len(at) != 1:
        return None
    comment = []
    n = at[0] - 1
    while n >= 0 and lines[n].lstrip().startswith("#"):
        comment.insert(0, lines[n].lstrip()[1:].strip())
        n -= 1
    return " ".join(comment)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("manifest")
    p.add_argument("--data", required=True)
    p.add_argument("--doc", required=True)
    args = p.parse_args()
    problems = []
    totals = {}  # (payments, series, start_year) -> (patients, GPs)

    def figures(payments, series, start_year):
        key = (payments, series, start_year)
        if key not in totals:
            totals[key] = (registered_total(payments), headcount_total(series, start_year))
        return totals[key]

    manifest = pd.read_csv(args.manifest, dtype={"patients_per_gp": float, "start_year": int})
    if manifest.empty:
        problems.append("the manifest lists no scenario")
    for row in manifest.itertuples():
        patients, gps = figures(row.payments, row.series, row.start_year)
        ratio = patients / gps
        name = row.scenario
        print(f"{name}: {year_label(row.start_year)}: {patients:,.2f} registered patients / "
              f"{gps:,.0f} GPs = {ratio:,.3f}; shipped {row.patients_per_gp:g}")
        if row.patients_per_gp != half_up(ratio):
            problems.append(f"{name}: patients_per_gp = {row.patients_per_gp:g}, but the data give "
                            f"{patients:,.2f} / {gps:,.0f} = {ratio:.3f}, i.e. {half_up(ratio):.0f}")
        comment = stated_figures(name)
        m = comment and re.search(
            r"England (\d{4}/\d{2}),\s*([\d,]+) registered patients.*?/\s*([\d,]+) GPs.*?=\s*([\d,.]+?)\.?(?:\s|$)",
            comment)
        if not m:
            problems.append(f"{name}: the comment above patients_per_gp does not state "
                            f"'England YYYY/YY, P registered patients ... / G GPs ... = R': {comment!r}")
            continue
        stated = (m.group(1), number(m.group(2)), number(m.group(3)), number(m.group(4)))
        actual = (year_label(row.start_year), half_up(patients), gps, half_up(ratio, 1))
        if stated != actual:
            problems.append(f"{name}: the comment states {stated}, the data give {actual}")

    # docs/scenario-format.md's worked example: "(2022/23: 62,134,645 / 36,402 = 1,707)".
    doc = " ".join(open(args.doc, encoding="utf-8").read().split())
    examples = re.findall(r"\((\d{4})/(\d{2}): ([\d,]+) / ([\d,]+) = ([\d,]+)\)", doc)
    if not examples:
        problems.append(f"{args.doc}: no worked example of patients_per_gp found")
    for first, second, p_text, g_text, r_text in examples:
        start_year = int(first) + 1
        payments = f"{args.data}/nhs-payments/nhspaymentsgp-{first[2:]}-{second}.csv"
        series = f"{args.data}/gp-workforce/practice_gp_headcount_by_year.csv"
        patients, gps = figures(payments, series, start_year)
        stated = (number(p_text), number(g_text), number(r_text))
        actual = (half_up(patients), gps, half_up(patients / gps))
        print(f"{args.doc}: {first}/{second}: states {stated}, the data give {actual}")
        if stated != actual:
            problems.append(f"{args.doc}: the example for {first}/{second} states {stated}, "
                            f"the data give {actual}")

    for problem in problems:
        print("FAILED:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
