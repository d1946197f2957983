#!/usr/bin/python3
"""Scenarios on every payments year of the real data, for check_central_from_docs.py: the
years and areas the shipped scenarios leave out (they hold England 2022/23, 2018/19 and
2016/17, and Bolton and Bedfordshire-like areas of 2016/17).

For every payments file in scenarios/data/nhs-payments/ (nhspaymentsgp-YY-ZZ.csv), writes
into OUTDIR:
  - national-YYYY.toml: scenarios/national.toml's levers on England of that year;
  - delegation-YYYY-CODE.toml: scenarios/delegation-options.toml's four options on
    --areas area codes of that year, spread evenly over its sorted CCG / sub-ICB codes
    (the first and the last always among them), so the smallest and the oddest codes of
    each year are reached without a random choice.
Each is the shipped file with its payments file, start year (the year after the base
year) and area codes replaced, and its data paths made absolute; where the GP headcount
series (scenarios/data/gp-workforce) has no figure for the base year (2014/15), its
gp_headcount_csv line is dropped, as docs/scenario-format.md allows. Prints the paths
written, one a line.

Usage: every_year_scenarios.py OUTDIR [--areas N]
"""
import argparse
import csv
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
SCENARIOS = os.path.join(ROOT, "scenarios")
DATA = os.path.realpath(os.path.join(SCENARIOS, "data"))
PAYMENTS = os.path.join(DATA, "nhs-payments")
SERIES = os.path.join(DATA, "gp-workforce", "practice_gp_headcount_by_year.csv")


def payments_years():
    """Base years (the year a payments file's fiscal year starts), from the files' names."""
    years = []
    for name in sorted(os.listdir(PAYMENTS)):
        match = re.fullmatch(r"nhspaymentsgp-(\d\d)-(\d\d)\.csv", name)
        if match and (int(match[1]) + 1) % 100 == int(match[2]):
            years.append(2000 + int(match[1]))
    return years


def series_years():
    """Fiscal years the headcount series holds, as the year each ends (16 = 2015/16)."""
    with open(SERIES, newline="", encoding="utf-8-sig") as f:
        return {2000 + int(row["fiscal_year"]) for row in csv.DictReader(f)}


def area_codes(year):
    """The payments file's CCG / sub-ICB codes, sorted (blank ones apart)."""
    path = os.path.join(PAYMENTS, f"nhspaymentsgp-{year % 100:02d}-{(year + 1) % 100:02d}.csv")
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = [c.strip().lower() for c in next(reader)]
        column = header.index("ccg code")
        return sorted({row[column].strip().upper() for row in reader
                       if len(row) > column and row[column].strip()})


def spread(codes, count):
    """`count` codes evenly over the sorted list, the first and the last among them."""
    if count >= len(codes):
        return list(codes)
    if count == 1:
        return [codes[0]]
    return [codes[round(i * (len(codes) - 1) / (count - 1))] for i in range(count)]


def replace_once(text, pattern, new, source):
    out, n = re.subn(pattern, new, text, count=1, flags=re.M)
    if n != 1:
        raise SystemExit(f"every_year_scenarios: {source}: no line matches {pattern!r}")
    return out


def for_year(source, year, codes, with_series):
    """The shipped scenario `source` on base year `year` and, when given, those area codes."""
    with open(os.path.join(SCENARIOS, source)) as f:
        text = f.read()
    yy, zz = year % 100, (year + 1) % 100
    text = replace_once(text, r'^payments_csv = "data/nhs-payments/nhspaymentsgp-\d\d-\d\d\.csv"',
                        f'payments_csv = "data/nhs-payments/nhspaymentsgp-{yy:02d}-{zz:02d}.csv"',
                        source)
    text = replace_once(text, r"^start_year = \{ value = \d+,",
                        f"start_year = {{ value = {year + 1},", source)
    if codes is not None:
        quoted = ", ".join(f'"{c}"' for c in codes)
        text = replace_once(text, r"^ccg_codes = \[[^\]\n]*\]", f"ccg_codes = [{quoted}]", source)
    if not with_series:
        text = replace_once(text, r"^gp_headcount_csv = [^\n]*\n", "", source)
    text = text.replace('= "data/', f'= "{DATA}/')
    return text.replace('["fragments/', f'["{SCENARIOS}/fragments/')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("outdir")
    parser.add_argument("--areas", type=int, default=3,
                        help="area codes a year for the delegation options (default 3)")
    args = parser.parse_args()
    if args.areas < 1:
        parser.error("--areas must be at least 1")
    os.makedirs(args.outdir, exist_ok=True)
    covered = series_years()
    for year in payments_years():
        with_series = year + 1 in covered
        jobs = [(f"national-{year}.toml", "national.toml", None)]
        jobs += [(f"delegation-{year}-{code}.toml", "delegation-options.toml", [code])
                 for code in spread(area_codes(year), args.areas)]
        for name, source, codes in jobs:
            path = os.path.join(args.outdir, name)
            with open(path, "w") as f:
                f.write(for_year(source, year, codes, with_series))
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
