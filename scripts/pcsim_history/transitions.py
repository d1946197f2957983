"""Which practices vanished between two year ends, and whether each merged or closed.

A practice is open at the end of year t when its file gives it registered patients and no
close date on or before 31 March of t+1. It exits in transition t (t -> t+1) when it is
open at the end of t and not at the end of t+1 (no row, no patients, or a close date
within t+1). Its list L is its registered patients at t. A practice with a close date
within year t in t's file is therefore not open at the end of t: it exited in transition
t-1 -> t (those closing within 2014/15, before the first transition, are not counted), and
the list its file still shows (the last known) serves only to judge where its patients went.

Merger or closure (the operational rule, applied to one window s -> s+1 at a time):
  * Candidates are the practices open at the end of s+1 in the exit's area, the area code
    being followed from s to s+1 through the practices that carry on (areas.py).
  * A candidate's excess is its list at s+1 minus its list at s grown at the median
    growth rate of the area's continuing practices (a new code counts from 0).
  * Exits are taken in order: first those with no patients left in the s+1 file, then
    those still reporting patients there (they closed late in s+1, perhaps after its
    patient count); within each, the larger list first (ties by code). Each takes the
    candidate with the largest remaining excess (ties: the smallest code); the part of
    the excess up to L is attributed to it and used up.
  * It is a MERGER into that candidate when the attributed part is at least half of L.
  * Otherwise, if it still reports patients in the s+1 file, its patients may not have
    moved yet: it is tried again in the next window (its L then being the list it still
    reports), when that window is within the allowed years; if not, it is UNRESOLVED.
  * Otherwise it is a CLOSURE (its list dispersed). An exit still reporting patients
    that fails its first window does not use up a candidate's excess there.
"""
from dataclasses import dataclass

import pandas as pd

MERGER_SHARE = 0.5  # the default threshold of the rule above


@dataclass
class Exit:
    code: str
    year: int            # t: the last year end at which it was open
    list_size: float     # registered patients at t
    area: str            # its area code at t
    kind: str            # "merger", "closure" or "unresolved"
    receiver: str | None
    receiver_is_new: bool
    window: int          # s of the window s -> s+1 that decided it
    share: float         # attributed excess / list in that window


def exit_codes(payments, t):
    before, after = payments[t], payments[t + 1]
    gone = set(before.index[before["open"]]) - set(after.index[after["open"]])
    return sorted(gone)


def _still_reporting(frame, code):
    return code in frame.index and frame.at[code, "registered"] > 0


def _excess(before, after):
    """Remaining excess of every practice open at the end of `after`'s year."""
    candidates = after[after["open"]]
    base = before["registered"].where(before["registered"] > 0, 0.0).reindex(candidates.index).fillna(0.0)
    both = before.index[before["open"]].intersection(candidates.index)
    growth = (candidates.loc[both, "registered"] / before.loc[both, "registered"] - 1.0)
    median = growth.groupby(candidates.loc[both, "area"]).median()
    expected = base * (1.0 + candidates["area"].map(median).fillna(0.0))
    excess = (candidates["registered"] - expected).sort_index()
    return excess, candidates["area"].reindex(excess.index), base.reindex(excess.index)


def classify_exits(payments, transitions, last_year, threshold=MERGER_SHARE):
    """Exits of the given transitions (t -> t+1), each classified with windows that end no
    later than `last_year`. Returns a DataFrame, one row per exit, sorted by (year, code)."""
    from .areas import successor_areas
    transitions = sorted(transitions)
    decided, pending = [], []
    for s in range(transitions[0], last_year):
        before, after = payments[s], payments[s + 1]
        successor = successor_areas(before, after)
        excess, area_of, base = _excess(before, after)
        group = []
        if s in transitions:
            for code in exit_codes(payments, s):
                group.append((code, s, before.at[code, "registered"]))
        group += pending
        pending = []
        group.sort(key=lambda g: (_still_reporting(after, g[0]), -g[2], g[0]))
        for code, t, list_size in group:
            area = before.at[code, "area"]
            pool = excess[area_of == successor.get(area, area)]
            receiver, attributed = None, 0.0
            if len(pool):
                best = pool.max()
                receiver = pool.index[pool == best][0]
                attributed = min(max(best, 0.0), list_size)
            share = attributed / list_size
            still = _still_reporting(after, code)
            if share >= threshold:
                kind = "merger"
            elif still and t == s and s + 2 <= last_year:
                pending.append((code, t, after.at[code, "registered"]))
                continue
            elif still:
                kind = "unresolved"
            else:
                kind = "closure"
            if receiver is not None and not (still and kind != "merger"):
                excess[receiver] -= attributed
            decided.append(Exit(code, t, payments[t].at[code, "registered"], payments[t].at[code, "area"],
                                kind, receiver if kind == "merger" else None,
                                bool(kind == "merger" and base[receiver] == 0), s, share))
    frame = pd.DataFrame([e.__dict__ for e in decided])
    return frame.sort_values(["year", "code"]).reset_index(drop=True)
