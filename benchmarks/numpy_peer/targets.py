"""The levelling-up target f*(p) of each practice (docs/model.md, "Levelling up";
model/levelling_targets.cpp): which practices can be trusted (weighted list, part year,
ratio to the scope's median), the scope groups (area, ICB or the whole file) and each
group's target (median, weighted mean, percentile or pounds). NaN: not levelled.
"""
from __future__ import annotations

import numpy as np

from practices import PracticeSet
from scenario import NotImplementedInPeer, Scenario

FIXED_FOR_TARGETS = ("funding.trust_min_weighted_list", "funding.trust_max_ratio_to_median",
                     "funding.target_percentile", "funding.target_pounds")


def scope_groups(scope: str, ps: PracticeSet) -> np.ndarray:
    if scope == "area":
        return ps.ccg
    if scope == "file":
        return np.zeros(len(ps.codes), int)
    index: dict = {}
    for code, icb in zip(ps.codes, ps.icb_codes):
        if not icb:
            raise NotImplementedInPeer(f'funding.target_scope = "icb": practice {code} has no ICB')
    return np.array([index.setdefault(icb, len(index)) for icb in ps.icb_codes])


def levelling_targets(s: Scenario, ps: PracticeSet, f0: np.ndarray) -> np.ndarray:
    n = len(ps.codes)
    if not s.get("funding.levelling_up"):
        return np.full(n, np.nan)
    for path in FIXED_FOR_TARGETS:
        if path in s.uncertain:
            raise NotImplementedInPeer(f"uncertain '{path}' (the peer fixes the targets for the run)")
    weights = np.where(ps.payments_weighted > 0, ps.payments_weighted, ps.weighted)
    group = scope_groups(s.get("funding.target_scope"), ps)
    trusted = (weights >= s.get("funding.trust_min_weighted_list")) & ~ps.part_year
    k = s.get("funding.trust_max_ratio_to_median")
    for g in np.unique(group):
        members = (group == g) & trusted
        if members.any():
            m = np.percentile(f0[members], 50.0)
            trusted &= ~((group == g) & ((f0 > k * m) | (f0 < m / k)))
    target = np.full(n, np.nan)
    kind = s.get("funding.target")
    for g in np.unique(group):
        members = (group == g) & trusted
        if kind == "pounds":
            value = s.get("funding.target_pounds")
        elif not members.any():
            continue
        elif kind == "mean":
            value = ps.core_funding[members].sum() / weights[members].sum()
        elif kind == "median":
            value = np.percentile(f0[members], 50.0)
        else:
            value = np.percentile(f0[members], s.get("funding.target_percentile"))
        target[members] = value
    return target
