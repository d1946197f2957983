#!/usr/bin/python3
"""History actuals for the back-test (issue 12, item 4): what happened, year by year.

For England and for the areas 00T (Bolton), 04C (Leicester City), 06F (Bedfordshire) and
03F (Hull), for each year 2014/15-2022/23, computed from the payments files and
the GP headcount series alone (nothing of pcsim's): practices, patients, GP headcount,
list size, single-handed and no-GP shares and core funding. Writes a tidy CSV (area,
year, measure, value), by default tests/data/history_actuals.csv, and prints a readable
table and notes on the headcount series.

Usage: scripts/history_actuals.py [--data DIR] [--output PATH]
"""
import argparse
import os
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # run from CTest on the source tree: leave no __pycache__ there
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pcsim_history.areas import area_members  # noqa: E402
from pcsim_history.history import england_series, measures_of, note_on_headcounts  # noqa: E402
from pcsim_history.payments import FIRST_YEAR, LAST_YEAR, read_all_payments, year_label  # noqa: E402
from pcsim_history.atomic_write import write_atomically  # noqa: E402
from pcsim_history.text_table import section, table  # noqa: E402
from pcsim_history.workforce import read_workforce  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
AREAS = {"00T": "Bolton", "04C": "Leicester City", "06F": "Bedfordshire", "03F": "Hull"}


def format_value(measure, value):
    if value != value:  # NaN: no figure that year
        return "NA"
    if measure.startswith("share_"):
        return f"{value:.6f}"
    if measure.endswith("_gbp") or measure in ("weighted_patients", "mean_list_size", "registered_patients",
                                               "series_patients"):
        return f"{value:.2f}"
    return f"{value:.0f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT / "scenarios" / "data"))
    parser.add_argument("--output", default=str(ROOT / "tests" / "data" / "history_actuals.csv"))
    args = parser.parse_args()
    payments = read_all_payments(args.data)
    workforce = read_workforce(args.data)

    rows, followed = [], []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        frame = payments[year]
        areas = [("England", frame.index)]
        for area in AREAS:
            codes, how = area_members(payments, year, area)
            areas.append((area, codes))
            if how == "followed":
                followed.append((area, year, len(codes), sorted(frame.loc[codes, "area"].unique())))
        for area, codes in areas:
            for measure, value in measures_of(frame.loc[codes], workforce, year).items():
                rows.append((area, year_label(year), measure, value))
        for measure, value in england_series(workforce, year).items():
            rows.append(("England", year_label(year), measure, value))

    lines = ["area,year,measure,value"] + [f"{a},{y},{m},{format_value(m, v)}" for a, y, m, v in rows]
    write_atomically(args.output, "\n".join(lines) + "\n")

    print("History actuals, 2014/15-2022/23 (scripts/history_actuals.py)")
    print("Open practice: registered patients > 0 and no close date on or before the year's end (31 March);\n"
          "practices_with_patients counts registered patients > 0 only (a practice that closed during the\n"
          "year keeps its last list in the file). Patients, headcount and shares are over open practices;\n"
          "core funding = Global Sum + MPIG Correction factor + Balance of PMS Expenditure, paid to every\n"
          "practice of the file in the year (core_funding_gbp) or to the open ones (core_funding_open_gbp);\n"
          "share_patients_zero_core_funding flags years where contract payments were booked elsewhere\n"
          "(e.g. 04C in 2014/15: its PMS and APMS practices show no core funding), so the sum is incomplete.")
    for area, name in [("England", "England")] + list(AREAS.items()):
        print(section(f"{name} ({area})" if area != "England" else "England"))
        mine = [r for r in rows if r[0] == area]
        measures = list(dict.fromkeys(r[2] for r in mine))
        years = list(dict.fromkeys(r[1] for r in mine))
        value = {(r[1], r[2]): format_value(r[2], r[3]) for r in mine}
        print(table(["measure"] + years, [[m] + [value.get((y, m), "") for y in years] for m in measures]))
    print(section("Areas followed after their code went"))
    for area, year, n, codes in followed:
        print(f"{area} in {year_label(year)}: {n} practices, under {', '.join(codes)}: the practices of the area the\n"
              "year before (and any practice new to the file whose PCN is mostly of the area)")
    print(section("GP headcount: how to compare"))
    print(note_on_headcounts())
    print(f"\nWritten: {os.path.relpath(args.output, ROOT) if Path(args.output).resolve().is_relative_to(ROOT) else args.output}")


if __name__ == "__main__":
    main()
