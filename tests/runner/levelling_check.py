"""Independent check of the levelling-up cost (issue 11: "levelling-up cost within 1% of
an independent calculation from the payments file"), written from docs/model.md with
pandas, not from the code.

For the practices of a payments file (optionally one commissioning area): core funding =
Global Sum + MPIG Correction factor + Balance of PMS Expenditure; f0 = core / weighted
list; a practice is trusted when its weighted list is at least 1,000, it neither opened
nor closed within the base year, its core funding is above £0 (else its contract is paid
outside the three columns), and f0 lies within [m/2, 2m] of its area's median m over the
practices passing the first three rules; each area's target is the total core funding
over the total weighted list of its trusted practices; the year-1 cost of levelling up in
one year is sum over trusted practices below target of (target - f0) x W x (1 + g) x
(1 + inflation), with g the central list growth. Prints the figure.

Usage: levelling_check.py PAYMENTS_CSV BASE_YEAR_START LIST_GROWTH INFLATION [AREA]
"""
import sys

import pandas as pd


def money(column):
    return pd.to_numeric(column.astype(str).str.replace(",", "").str.replace("£", "")
                         .str.strip(), errors="coerce")


def area_costs(path, year, growth, inflation, area=None):
    """The year-1 cost by area (a pandas Series indexed by area code), the practices a run
    holds (d) and the trusted ones among them (t)."""
    df = pd.read_csv(path, encoding="utf-8-sig", low_memory=False)
    df.columns = [c.strip().lower().replace("_£", "") for c in df.columns]
    if area:
        df = df[df["ccg code"].str.strip().str.upper() == area.upper()]
    registered = money(df["number of registered patients (last known figure)"])
    weighted = money(df["number of weighted patients (last known figure)"])
    core = sum(money(df[c]).fillna(0) for c in
               ("global sum", "mpig correction factor", "balance of pms expenditure"))
    opened = pd.to_datetime(df["practice open date"], dayfirst=True, errors="coerce")
    closed = pd.to_datetime(df["practice close date"], dayfirst=True, errors="coerce")
    start, end = pd.Timestamp(year, 4, 1), pd.Timestamp(year + 1, 3, 31)
    d = pd.DataFrame({"area": df["ccg code"].str.strip().str.upper(), "L": registered,
                      "W": weighted, "core": core,
                      "part_year": ((opened >= start) & (opened <= end)) |
                                   ((closed >= start) & (closed <= end)),
                      "closed_before": closed < start,
                      "closed_in_year": (closed >= start) & (closed <= end)})
    # The practices a model run holds: patients and weighted patients > 0, not closed
    # before the base year.
    d = d[(d.L > 0) & (d.W > 0) & ~d.closed_before].copy()
    d["f0"] = d.core / d.W
    passing = (d.W >= 1000) & ~d.part_year & (d.core > 0)
    median = d[passing].groupby("area")["f0"].median()
    m = d.area.map(median)
    d["trusted"] = passing & (d.f0 <= 2 * m) & (d.f0 >= m / 2)
    t = d[d.trusted]
    target = (t.groupby("area")["core"].sum() / t.groupby("area")["W"].sum())
    t = t.assign(target=t.area.map(target))
    gain = (t.target - t.f0).clip(lower=0) * t.W
    by_area = gain.groupby(t.area).sum() * (1 + growth) * (1 + inflation)
    return by_area.reindex(d.area.unique(), fill_value=0.0), d, t


def main(path, year, growth, inflation, area=None):
    by_area, d, t = area_costs(path, year, growth, inflation, area)
    cost = by_area.sum()
    print(f"{cost:.2f} {len(d)} {len(t)}")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0], int(args[1]), float(args[2]), float(args[3]), args[4] if len(args) > 4 else None)
