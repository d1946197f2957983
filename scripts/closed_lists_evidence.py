#!/usr/bin/python3
"""Whether a practice that closed within a year still holds patients the open practices'
lists do not: the evidence behind practices.closed_lists (docs/scenario-format.md,
"Which practices are modelled").

A payments file gives a practice that closed within the year its last-known list. If those
patients were not yet registered with an open practice at the date of the open practices'
own figures, a year-0 list must add them (closed_lists = "move"); if they were, adding them
counts them twice (closed_lists = "already_counted"). Two measures, from the payments files
alone:

1. England: the open practices' registered patients from one file to the next, as
   published, and as it would be had each year's closed lists been added to that year's
   open practices. England's registered list grows every year; a measure under which it
   shrinks counts someone twice.
2. Each practice that was the only one of its area (CCG / sub-ICB) to close with a list in
   its year: whether an open practice of the same area grew, against its own list in the
   year before's file (beyond 1 %), by at least 60 % of the closed list in the same file
   (the receiver of a merger, whose figure already holds the patients). Patients spread over
   several practices show no such jump, so this share is a floor.

The choice of the default is made on the training years (files 2014/15 to 2018/19); later
files are printed apart, as a check, never used for the choice.

Usage: scripts/closed_lists_evidence.py [--data DIR]
"""
import argparse
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # run on the source tree: leave no __pycache__ there
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pcsim_history.payments import FIRST_YEAR, LAST_YEAR, read_payments, year_label  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LAST_TRAINING_YEAR = 2018  # the file of 2018/19
JUMP_SHARE = 0.6  # a neighbour's growth of at least this share of the closed list
GROWTH = 1.01  # a neighbour's own growth allowed before it counts as a jump


def closed_in_year(frame):
    """Rows closed by the file's year end that still give a list (what a year-0 list could
    add: the loader's closed practices)."""
    return frame[frame["closed"] & (frame["registered"] > 0)]


def england_row(before, after):
    """Growth of England's open practices' lists from `before` to `after`, as published and
    with `before`'s closed lists added."""
    open_before = before.loc[before["open"], "registered"].sum()
    closed_before = closed_in_year(before)["registered"].sum()
    open_after = after.loc[after["open"], "registered"].sum()
    return open_before, closed_before, open_after / open_before - 1, \
        open_after / (open_before + closed_before) - 1


def single_closures(before, after):
    """(closures alone in their area, of which with a neighbour's jump) in `after`'s year."""
    closed = closed_in_year(after)
    open_after = after[after["open"]].copy()
    open_after["before"] = before["registered"].reindex(open_after.index)
    open_after = open_after[open_after["before"].notna()]
    jump = open_after["registered"] - GROWTH * open_after["before"]
    alone = closed.groupby("area").filter(lambda g: len(g) == 1)
    found = 0
    for _, row in alone.iterrows():
        jumps = jump[open_after["area"] == row["area"]]
        found += int(len(jumps) > 0 and jumps.max() >= JUMP_SHARE * row["registered"])
    return len(alone), found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"),
                        help="the data folder (default ../shared/data)")
    args = parser.parse_args()
    files = {year: read_payments(args.data, year) for year in range(FIRST_YEAR, LAST_YEAR + 1)}
    print("England's open practices' registered patients, file to file")
    print(f"{'file':>8} {'open':>12} {'closed, listed':>15} {'growth':>8} "
          f"{'growth, closed added':>21}")
    for year in range(FIRST_YEAR, LAST_YEAR):
        open_before, closed_before, as_published, added = england_row(files[year], files[year + 1])
        test = "" if year + 1 <= LAST_TRAINING_YEAR else "  (test years: not used)"
        print(f"{year_label(year):>8} {open_before:>12,.0f} {closed_before:>15,.0f} "
              f"{as_published:>+8.2%} {added:>+21.2%}{test}")
    print()
    print(f"Closures alone in their area with a list: an open neighbour grew by at least "
          f"{JUMP_SHARE:.0%} of it in the same file")
    totals = {True: [0, 0], False: [0, 0]}
    for year in range(FIRST_YEAR + 1, LAST_YEAR + 1):
        alone, found = single_closures(files[year - 1], files[year])
        training = year <= LAST_TRAINING_YEAR
        totals[training][0] += alone
        totals[training][1] += found
        test = "" if training else "  (test years: not used)"
        share = f"{found / alone:.0%}" if alone else "-"
        print(f"{year_label(year):>8} {alone:>4} closures, {found:>4} with a jump ({share}){test}")
    for training, (alone, found) in totals.items():
        label = "training files 2015/16-2018/19" if training else "test files 2019/20-2022/23"
        if alone:
            print(f"{label}: {found} of {alone} ({found / alone:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
