"""Areas across years: CCG codes (sub-ICB location codes from 2022/23) change when CCGs
merge, so a code of year s is followed to year s+1 through the practices that carry on."""
from pathlib import Path

import pandas as pd

from .errors import DataError


def read_ccg_icb(data_dir):
    """CCG or sub-ICB code -> ICB code (geography/ccg_icb.csv, which starts with a BOM)."""
    path = Path(data_dir) / "geography" / "ccg_icb.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for column in ["CCG Code", "ICB Code"]:
        if column not in frame.columns:
            raise DataError(path, 1, column, "no such column", f"a column headed '{column}'")
    return dict(zip(frame["CCG Code"].str.strip(), frame["ICB Code"].str.strip()))


def successor_areas(before, after):
    """For two consecutive years: each area code of `before` -> the code most of its
    practices that are open in both years carry in `after` (ties: the smallest code). An
    area none of whose practices carries on maps to itself."""
    both = before.index[before["open"]].intersection(after.index[after["open"]])
    pairs = pd.DataFrame({"old": before.loc[both, "area"], "new": after.loc[both, "area"]})
    counts = pairs.groupby(["old", "new"]).size().reset_index(name="n")
    counts = counts.sort_values(["old", "n", "new"], ascending=[True, False, True])
    mapping = dict(zip(counts.drop_duplicates("old")["old"], counts.drop_duplicates("old")["new"]))
    for code in before.loc[before["open"], "area"].unique():
        mapping.setdefault(code, code)
    return mapping


def area_changes(before, after, icb_of):
    """The area codes that change between two years, and any that would cross an ICB
    boundary (expected: none). Returns (changed: dict old->new, crossing: list)."""
    mapping = successor_areas(before, after)
    changed = {old: new for old, new in sorted(mapping.items()) if old != new}
    crossing = [(old, new) for old, new in changed.items()
                if icb_of.get(old) is None or icb_of.get(old) != icb_of.get(new)]
    return changed, crossing


def area_members(payments, year, area):
    """Codes of `year`'s file that belong to `area` (a CCG code of the earlier files).

    While the code exists in the year's file, its rows. Once it has gone (its CCG merged
    into a larger CCG or sub-ICB location), the area is followed by its practices, year by
    year: a practice of the previous year's file belongs when it belonged then; a practice
    new to the file belongs when most of the practices of its PCN that were in the
    previous year's file belonged then. Returns (codes, how: "code" or "followed")."""
    frame = payments[year]
    if (frame["area"] == area).any():
        return frame.index[frame["area"] == area], "code"
    if year - 1 not in payments:
        return pd.Index([]), "followed"
    before, _ = area_members(payments, year - 1, area)
    previous = payments[year - 1].index
    members = [c for c in frame.index if c in previous and c in before]
    pcn = frame["pcn"]
    for code in frame.index.difference(previous):
        if pcn[code] is None:
            continue
        mates = pcn.index[(pcn == pcn[code]) & pcn.index.isin(previous)]
        if len(mates) and mates.isin(before).mean() > 0.5:
            members.append(code)
    return pd.Index(sorted(members)), "followed"
