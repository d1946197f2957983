"""The practices of year 0, as pcsim's loader makes them (docs/scenario-format.md, "Which
practices are modelled", "GP headcount at year 0"; scenarios/base_year_practices.cpp,
closed_list_moves.cpp, practice_selection.cpp, practice_loader.cpp,
practice_defaults.cpp, gp_headcount_assignment.cpp): closed practices' lists added to no
one (or, with closed_lists = "move", passed to their neighbours), rows without patients skipped, the selection, GP headcount by age band
(largest-remainder split of a total), peer groups and neighbourhoods. The result is one
array per figure, in practice-code order (pcsim's order).
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

import numpy as np

from practice_files import (DataError, read_area_icb, read_headcount_series, read_payments)
from scenario import AGE_BANDS, NotImplementedInPeer, Scenario

PRACTICE_DEFAULTS = {"peer_groups": 6, "neighbourhood_size": 30000.0, "patients_per_gp": 2000.0,
                     "closed_lists": "already_counted"}


@dataclass
class PracticeSet:
    codes: list
    ccg: np.ndarray            # area index (first appearance order, as target_scope_groups)
    icb_codes: list
    apms: np.ndarray           # bool
    part_year: np.ndarray      # opened or closed within the base year
    registered: np.ndarray     # L(p,0), after the moves of closed practices' lists
    weighted: np.ndarray       # W(p,0)
    payments_weighted: np.ndarray
    core_funding: np.ndarray
    gp_bands: np.ndarray       # [practices x 9] whole GPs
    peer_group: np.ndarray
    peer_groups: int
    neighbourhood: np.ndarray


def move_closed_lists(holders: list) -> list:
    """holders: dicts with code, area, pcn, registered, weighted, closed. Each closed
    practice's lists go to the open practices of its PCN, else of its area, in proportion
    to their registered lists (the last in code order takes the remainder); returns the
    holders kept (closed ones whose lists moved are dropped, unplaced ones flagged)."""
    order = sorted(range(len(holders)), key=lambda i: holders[i]["code"])
    reg = [h["registered"] for h in holders]
    wtd = [h["weighted"] for h in holders]
    pcn_members, area_members = {}, {}
    for i in order:
        h = holders[i]
        if h["closed"] or h["registered"] <= 0:
            continue
        if h["pcn"]:
            pcn_members.setdefault(h["pcn"], []).append(i)
        area_members.setdefault(h["area"], []).append(i)
    placed = set()
    for c in order:
        h = holders[c]
        if not h["closed"]:
            continue
        to = pcn_members.get(h["pcn"]) if h["pcn"] else None
        to = to or area_members.get(h["area"])
        if not to:
            h["unplaced"] = True
            continue
        base = sum(holders[r]["registered"] for r in to)
        given_r = given_w = 0.0
        for r in to[:-1]:
            share = holders[r]["registered"] / base
            reg[r] += h["registered"] * share
            wtd[r] += h["weighted"] * share
            given_r += h["registered"] * share
            given_w += h["weighted"] * share
        reg[to[-1]] += h["registered"] - given_r
        wtd[to[-1]] += h["weighted"] - given_w
        placed.add(c)
    kept = []
    for i, h in enumerate(holders):
        if i in placed:
            continue
        kept.append({**h, "registered": reg[i], "weighted": wtd[i]})
    return kept


def largest_remainder_split(total: int, shares: list) -> list:
    s = sum(shares)
    quota = [total * x / s for x in shares]
    counts = [math.floor(q) for q in quota]
    order = sorted(range(len(shares)), key=lambda b: -(quota[b] - counts[b]))  # stable
    for b in order[: total - sum(counts)]:
        counts[b] += 1
    return counts


def quantile_groups(values: np.ndarray, groups: int) -> np.ndarray:
    n = len(values)
    g = min(max(groups, 1), n)
    rank = np.argsort(values, kind="stable")
    out = np.empty(n, int)
    out[rank] = np.arange(n) * g // n
    return out


def postcode_sort_key(postcode: str) -> str:
    compact = re.sub(r"[ \t]", "", postcode).upper()
    if not compact:
        return "~"
    outward, inward = (compact[:-3], compact[-3:]) if len(compact) > 3 else (compact, "")
    m = re.match(r"([^0-9]*)([0-9]*)(.*)", outward)
    return m[1] + m[2].rjust(2, "0") + m[3] + " " + inward


def postcode_groups(postcodes: list, patients: list, size: float) -> list:
    """Groups of practices consecutive in postcode order holding about `size` patients; a
    short last group joins the one before."""
    n = len(postcodes)
    keys = [postcode_sort_key(p) for p in postcodes]
    order = sorted(range(n), key=lambda i: keys[i])
    group, current, held, last_closed = [0] * n, 0, 0.0, -1
    for i in order:
        group[i] = current
        held += patients[i]
        if held >= size:
            last_closed, current, held = current, current + 1, 0.0
    if n and group[order[-1]] == current and last_closed >= 0:
        group = [last_closed if g == current else g for g in group]
    return group


def index_labels(labels: list) -> list:
    """Distinct non-empty labels numbered in sorted order (numerically when all are
    integers); -1 for an empty label."""
    given = [x for x in labels if x]
    numeric = all(re.fullmatch(r"[+-]?\d+", x) for x in given)
    key = (lambda x: int(x)) if numeric else (lambda x: x)
    index = {k: i for i, k in enumerate(sorted({key(x) for x in given}))}
    return [index[key(x)] if x else -1 for x in labels]


def _setting(s: Scenario, key: str):
    """A [practices] setting, or pcsim's default for it (docs/scenario-format.md)."""
    return s.practices.get(key, PRACTICE_DEFAULTS[key])


def load_practices(s: Scenario) -> PracticeSet:
    spec = s.practices
    for key in ("attributes_csv", "pcn_payments_csv"):
        if key in spec:
            raise NotImplementedInPeer(f"{s.path}: [practices] {key}")
    if "payments_csv" not in spec:
        raise DataError(f"{s.path}: key 'practices.payments_csv': required")
    folder = s.path.parent
    end_year = int(s.get("start_year"))
    first_day, last_day = dt.date(end_year - 1, 4, 1), dt.date(end_year, 3, 31)
    rows, has_pcn = read_payments(folder / spec["payments_csv"])
    icb_of = read_area_icb(folder / spec["area_icb_csv"]) if "area_icb_csv" in spec else {}

    holders = []
    for i, r in enumerate(rows):
        closed = r.close_date is not None and r.close_date <= last_day
        if r.registered <= 0 or (not closed and r.weighted <= 0):
            continue  # rows without patients are skipped (pcsim warns)
        holders.append({"row": i, "code": r.code, "area": r.ccg_code, "pcn": r.pcn_code,
                        "registered": r.registered, "weighted": r.weighted, "closed": closed})
    if _setting(s, "closed_lists") == "move":
        year_zero = move_closed_lists(holders)
    else:  # "already_counted": a closed practice's list is added to no one
        year_zero = [h for h in holders if not h["closed"]]

    ccgs = {c.strip().upper() for c in spec.get("ccg_codes", [])}
    icbs = {c.strip().upper() for c in spec.get("icb_codes", [])}
    pcns = {c.strip().upper() for c in spec.get("pcn_codes", [])}
    for wanted, known, key in ((ccgs, {r.ccg_code for r in rows}, "ccg_codes"),
                               (icbs, set(icb_of.get(r.ccg_code, "") for r in rows), "icb_codes"),
                               (pcns, {r.pcn_code for r in rows}, "pcn_codes")):
        if wanted - known:
            raise DataError(f"{s.path}: key 'practices.{key}': {sorted(wanted - known)} "
                            f"which no practice of {spec['payments_csv']} has")
    everything = not (ccgs or icbs or pcns)

    def selected(r) -> bool:
        icb = icb_of.get(r.ccg_code, "")
        return everything or r.ccg_code in ccgs or (icb and icb in icbs) or (
            r.pcn_code and r.pcn_code in pcns)

    chosen = sorted((h for h in year_zero if selected(rows[h["row"]])), key=lambda h: h["code"])
    if not chosen:
        raise DataError(f"{s.path}: [practices] selects no open practice with patients")

    series = (read_headcount_series(folder / spec["gp_headcount_csv"], end_year)
              if "gp_headcount_csv" in spec else {})
    profile = spec.get("gp_age_profile")
    per_gp = float(_setting(s, "patients_per_gp"))
    bands = []
    for h in chosen:
        total = series.get(h["code"])
        if total is None:
            total = max(1, int(math.floor(h["registered"] / per_gp + 0.5)))
        if total == 0:
            bands.append([0] * len(AGE_BANDS))
            continue
        if not profile:
            raise DataError(f"{s.path}: key 'practices.gp_age_profile': needed to split "
                            f"practice {h['code']}'s total GP headcount over the age bands")
        bands.append(largest_remainder_split(total, [float(profile[b]) for b in AGE_BANDS]))

    registered = np.array([h["registered"] for h in chosen])
    weighted = np.array([h["weighted"] for h in chosen])
    peer_groups = int(_setting(s, "peer_groups"))
    peer = quantile_groups(weighted / registered, peer_groups)

    pcn_index = index_labels([h["pcn"] if has_pcn else "" for h in chosen])
    pcn_count = max(pcn_index, default=-1) + 1
    without = [k for k, g in enumerate(pcn_index) if g < 0]
    grouped = postcode_groups([rows[chosen[k]["row"]].postcode for k in without],
                              [chosen[k]["registered"] for k in without],
                              float(_setting(s, "neighbourhood_size")))
    neighbourhood = np.array(pcn_index)
    neighbourhood[without] = pcn_count + np.array(grouped, int)

    area_index: dict = {}
    for h in chosen:
        area_index.setdefault(h["area"], len(area_index))
    rows_of = [rows[h["row"]] for h in chosen]
    return PracticeSet(
        codes=[h["code"] for h in chosen],
        ccg=np.array([area_index[h["area"]] for h in chosen]),
        icb_codes=[icb_of.get(h["area"], "") for h in chosen],
        apms=np.array([r.contract_type == "APMS" for r in rows_of]),
        part_year=np.array([h["closed"] or (r.open_date is not None
                                             and first_day <= r.open_date <= last_day)
                            for h, r in zip(chosen, rows_of)]),
        registered=registered, weighted=weighted,
        payments_weighted=np.array([r.weighted for r in rows_of]),
        core_funding=np.array([r.core_funding for r in rows_of]),
        gp_bands=np.array(bands, float), peer_group=peer, peer_groups=int(peer.max()) + 1,
        neighbourhood=neighbourhood)
