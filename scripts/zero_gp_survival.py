#!/usr/bin/python3
"""How often a practice with no permanent GP is still there a year later (docs/model-audit.md,
item 2: why `workforce.closure_threshold` is 0 by default).

Reads the per-practice GP headcount series (TOTAL_GP_EXTGL_HC: fully qualified permanent
GPs) and, for each pair of consecutive years, counts the practices with patients and a
headcount of 0 in the first year, and how many of them have a row in the next year; the
same for practices with GPs. Prints one line per year and the pooled shares of the training
years (2015/16-2018/19 as first year) and of the later years.

Usage: /usr/bin/python3 scripts/zero_gp_survival.py [PATH_TO_SERIES_CSV]
"""
import csv
import sys
from collections import defaultdict

DEFAULT = "../shared/data/gp-workforce/practice_gp_headcount_by_year.csv"


def read_series(path):
    """{fiscal_year: {practice: (patients, headcount)}}, rows with a missing figure left out."""
    years = defaultdict(dict)
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            patients, heads = row["TOTAL_PATIENTS"], row["TOTAL_GP_EXTGL_HC"]
            if "NA" in (patients, heads) or "" in (patients, heads):
                continue
            years[int(row["fiscal_year"])][row["Practice.Code"]] = (float(patients), float(heads))
    return years


def main():
    years = read_series(sys.argv[1] if len(sys.argv) > 1 else DEFAULT)
    pooled = {"training": [0, 0], "later": [0, 0]}
    print("first year  no-GP practices  still there  | with GPs  still there")
    for y in sorted(years):
        if y + 1 not in years:
            continue
        now, nxt = years[y], years[y + 1]
        zero = [p for p, (n, h) in now.items() if n > 0 and h == 0]
        some = [p for p, (n, h) in now.items() if n > 0 and h > 0]
        zero_kept = sum(p in nxt for p in zero)
        some_kept = sum(p in nxt for p in some)
        label = f"20{y - 1:02d}/{y:02d}"
        print(f"{label}     {len(zero):6d}  {zero_kept / len(zero):11.1%}  | {len(some):8d}"
              f"  {some_kept / len(some):10.1%}")
        part = pooled["training" if y <= 19 else "later"]
        part[0] += len(zero)
        part[1] += zero_kept
    for name, (n, kept) in pooled.items():
        print(f"{name}: {kept} of {n} practices without a permanent GP still there a year "
              f"later ({kept / n:.1%})")


if __name__ == "__main__":
    main()
