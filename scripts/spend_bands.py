#!/usr/bin/python3
"""The figures behind the plausible bands of £ totals relative to the practices' spend.

funding.allocation, funding.baseline_spend and funding.running_cost are compared with the
practices' baseline spend, the sum of their year-0 core funding (Global Sum + MPIG
Correction factor + Balance of PMS Expenditure; docs/scenario-format.md, "Plausible against
the practices' spend"). This prints, from the payments files 2014/15-2022/23, per area
(CCG, or sub-ICB location from 2022/23) and year over its open practices (registered
patients > 0, no close date on or before the year's end):
- how far an area's total NHS payments to its practices (all of primary medical care,
  which an allocation or a given baseline spend may hold) lie above its core funding;
- how far an area's total payments and core funding moved from one year to the next
  (a figure of another year typed for the file's);
- the smallest and largest areas' core funding, and England's, against which running
  costs are set.

Usage: scripts/spend_bands.py [--data DIR]
"""
import argparse
import sys
from pathlib import Path

import pandas as pd

sys.dont_write_bytecode = True  # run on the source tree: leave no __pycache__ there
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pcsim_history.payments import (FIRST_YEAR, LAST_YEAR, _normalise, payments_file,  # noqa: E402
                                    read_payments, year_label)
from pcsim_history.text_table import number, section  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TOTAL_HEADER = "total nhs payments to general practice"
# The costliest running cost a shipped scenario assumes (scenarios/delegation-options.toml:
# four posts), and the running cost's band's floor as a share of the spend (what it means
# in pounds is printed).
COSTLIEST_RUNNING_COST = 350_000
RUNNING_COST_FLOOR = 1e-5


def total_payments(data_dir, year):
    """Each practice's 'Total NHS Payments to General Practice' (£), by practice code."""
    raw = pd.read_csv(payments_file(data_dir, year), dtype=str, keep_default_na=False,
                      encoding="utf-8-sig")
    column = {_normalise(c): c for c in raw.columns}
    pounds = pd.to_numeric(raw[column[TOTAL_HEADER]].str.replace(r"[£,\s]", "", regex=True),
                           errors="coerce").fillna(0)
    return pd.Series(pounds.values, index=raw[column["practice code"]].str.strip())


def area_years(data_dir):
    """One row per area and year: core funding, total payments and practices, open only."""
    rows = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        frame = read_payments(data_dir, year)
        frame["core"] = frame["global_sum"] + frame["mpig"] + frame["pms_balance"]
        frame["total"] = total_payments(data_dir, year).reindex(frame.index).fillna(0)
        areas = frame[frame["open"]].groupby("area").agg(
            core=("core", "sum"), total=("total", "sum"), practices=("core", "size"))
        rows.append(areas.assign(year=year).reset_index())
    return pd.concat(rows, ignore_index=True)


def year_on_year(areas):
    """Each area code present in two consecutive years: the later year's figures over the
    earlier's (a boundary change shows as a change in practices)."""
    moves = []
    for year in range(FIRST_YEAR + 1, LAST_YEAR + 1):
        before = areas[areas["year"] == year - 1].set_index("area")
        after = areas[areas["year"] == year].set_index("area")
        both = before.index.intersection(after.index)
        moves.append(pd.DataFrame({
            "area": both, "year": year,
            "total": (after.loc[both, "total"] / before.loc[both, "total"]).values,
            "core": (after.loc[both, "core"] / before.loc[both, "core"]).values,
            "practices": (after.loc[both, "practices"] / before.loc[both, "practices"]).values}))
    return pd.concat(moves, ignore_index=True)


def spread(frame, column, what):
    """min (where), 1st and 99th percentiles, max (where) of `column`."""
    low, high = frame.loc[frame[column].idxmin()], frame.loc[frame[column].idxmax()]
    q01, q99 = frame[column].quantile([0.01, 0.99])
    where = lambda row: f"{row['area']} {year_label(int(row['year']))}"  # noqa: E731
    print(f"{what}: min {low[column]:.3f} ({where(low)}), 1st percentile {q01:.3f}, "
          f"99th percentile {q99:.3f}, max {high[column]:.3f} ({where(high)}); "
          f"{len(frame)} area-years")
    return low, high


def print_running_cost_shares(areas, smallest, england):
    """The running cost band's top (a share of the smallest area's spend) and floor (in £)."""
    print(section("Running costs against the practices' spend"))
    share = COSTLIEST_RUNNING_COST / smallest["core"]
    print(f"£{number(COSTLIEST_RUNNING_COST)} (the costliest shipped running cost) is {share:.1%} "
          "of the smallest area's core funding")
    bolton = areas[(areas["area"] == "00T") & (areas["year"] == 2016)]["core"].iloc[0]
    floors = [(f"England {year_label(LAST_YEAR)}", england[LAST_YEAR]), ("Bolton (00T) 2016/17", bolton)]
    print(f"the floor, {RUNNING_COST_FLOOR:g} of the spend: " +
          ", ".join(f"£{number(RUNNING_COST_FLOOR * core)} for {where} (core funding £{number(core)})"
                    for where, core in floors))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT / "scenarios" / "data"))
    args = parser.parse_args()
    areas = area_years(args.data)
    areas["total_over_core"] = areas["total"] / areas["core"]

    print(section("An area's total NHS payments over its core funding"))
    spread(areas, "total_over_core", "total / core")

    print(section("Year on year, area codes present in both years"))
    moves = year_on_year(areas)
    for column in ["total", "core"]:
        low, high = spread(moves, column, f"{column} payments, this year / last")
        for name, row in [("fall", low), ("rise", high)]:
            print(f"  largest {name}: {row['area']} {year_label(int(row['year']))}, practices x "
                  f"{row['practices']:.3f}")

    print(section("Core funding of an area, and of England"))
    smallest = areas.loc[areas["core"].idxmin()]
    largest = areas.loc[areas["core"].idxmax()]
    print(f"smallest: £{number(smallest['core'])} ({smallest['area']} {year_label(int(smallest['year']))}, "
          f"{smallest['practices']} practices); largest: £{number(largest['core'])} "
          f"({largest['area']} {year_label(int(largest['year']))})")
    england = areas.groupby("year")["core"].sum()
    print("England: " + ", ".join(f"{year_label(y)} £{v / 1e9:.2f}bn" for y, v in england.items()))

    print_running_cost_shares(areas, smallest, england)
    return 0


if __name__ == "__main__":
    sys.exit(main())
