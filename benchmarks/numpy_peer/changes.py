"""Year-end practice changes, vectorised over iterations x practices (docs/model.md,
"Practice changes: mergers and closures"; model/practice_changes.cpp): the logistic
hazards of closing and merging, one uniform per open practice deciding which (if any), the
merger's receiver drawn in proportion to list size among the neighbourhood's staying
practices (else the area's), a closed list dispersed over the neighbourhood's staying
practices (else the area's, else every staying practice) in proportion to their lists,
everything decided on the figures before any move.
"""
from __future__ import annotations

import numpy as np


def logistic(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def hazards(par: dict, list_: np.ndarray, gp_total: np.ndarray, apms: np.ndarray,
            shift_m: np.ndarray, shift_c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """P(closure), P(merger) of every practice (change_probabilities); 0 without a list.
    Headcounts rounded half away from zero for the single-handed and no-GP terms."""
    col = lambda name: np.asarray(par[f"practice_changes.{name}"])[:, None]
    heads = np.floor(gp_total + 0.5)
    one, none = heads == 1, heads <= 0
    has_list = list_ > 0
    log_list = np.log(np.where(has_list, list_, 1.0) / 10000.0)
    p_close = np.zeros_like(list_)
    p_merge = np.zeros_like(list_)
    if par["practice_changes.closures"]:
        z = (col("closure_intercept") + shift_c[:, None] + col("closure_per_log_list") * log_list
             + col("closure_single_handed") * one + col("closure_no_gp") * none
             + col("closure_apms") * apms)
        p_close = np.where(has_list, logistic(z), 0.0)
    if par["practice_changes.mergers"]:
        z = (col("merger_intercept") + shift_m[:, None] + col("merger_per_log_list") * log_list
             + col("merger_single_handed") * one + col("merger_no_gp") * none
             + col("merger_apms") * apms)
        p_merge = np.where(has_list, np.minimum(logistic(z), 1.0 - p_close), 0.0)
    return p_close, p_merge


class Pools:
    """The staying practices of every group of one grouping (neighbourhoods or areas) in
    every iteration: their number, their lists' total and the running sum of their lists
    in group order (practice order within a group), for drawing a receiver."""

    def __init__(self, group: np.ndarray, stays: np.ndarray, list_: np.ndarray):
        b, p = stays.shape
        self.group, self.groups = group, int(group.max()) + 1
        self.order = np.argsort(group, kind="stable")
        self.start = np.searchsorted(group[self.order], np.arange(self.groups))
        key = (np.arange(b)[:, None] * self.groups + group[None, :]).ravel()
        weight = np.where(stays, list_, 0.0)
        self.count = np.bincount(key, stays.ravel(), b * self.groups).reshape(b, self.groups)
        self.total = np.bincount(key, weight.ravel(), b * self.groups).reshape(b, self.groups)
        self.cumulative = np.cumsum(weight[:, self.order].ravel())
        self.width = p

    def has_pool(self, i: np.ndarray, p: np.ndarray) -> np.ndarray:
        return self.count[i, self.group[p]] > 0

    def draw(self, i: np.ndarray, p: np.ndarray, u: np.ndarray) -> np.ndarray:
        """The receiver at point u of the cumulative lists of p's group's staying practices:
        the first whose running sum exceeds u x total (the last one if rounding leaves none)."""
        g = self.group[p]
        first = i * self.width + self.start[g]
        below = np.where(first > 0, self.cumulative[np.maximum(first - 1, 0)], 0.0)
        total = self.total[i, g]
        k = np.searchsorted(self.cumulative, below + u * total, side="right")
        end = np.append(self.start[1:], self.width)[g]
        k = np.minimum(k, i * self.width + end - 1)
        # Back from a staying practice's zero-list followers to it (rounding at the end).
        k = np.searchsorted(self.cumulative, self.cumulative[k], side="left")
        return self.order[k - i * self.width]

    def share_of(self, amount_by_group: np.ndarray, list_: np.ndarray,
                 stays: np.ndarray) -> np.ndarray:
        """What each staying practice receives of amounts dispersed per (iteration, group),
        in proportion to its list among its group's staying practices."""
        total = self.total[:, self.group]
        part = np.divide(list_, total, out=np.zeros_like(list_), where=total > 0)
        return np.where(stays, amount_by_group[:, self.group] * part, 0.0)


def _by_group(i: np.ndarray, g: np.ndarray, values: np.ndarray, b: int, groups: int) -> np.ndarray:
    return np.bincount(i * groups + g, values, b * groups).reshape(b, groups)


def year_end_changes(st, par: dict, rng: np.random.Generator, nb: np.ndarray, area: np.ndarray,
                     apms: np.ndarray) -> dict:
    """Applies one year's closures and mergers to the batch state `st` (lists, weighted
    lists, GP bands, role FTE, establishment ratios, open flags) and returns the year's
    counts per iteration: closures, mergers, patients_dispersed, patients_merged, gps_lost."""
    b, n = st.list.shape
    zeros = np.zeros(b)
    out = {k: zeros.copy() for k in ("closures", "mergers", "patients_dispersed",
                                     "patients_merged", "gps_lost")}
    closures_on, mergers_on = par["practice_changes.closures"], par["practice_changes.mergers"]
    threshold = np.asarray(par["workforce.closure_threshold"])
    if not (closures_on or mergers_on or np.any(threshold > 0)):
        return out
    # The year's shift of each intercept, shared by every practice (hazard_year_shift).
    sd_m, sd_c = par["practice_changes.merger_year_sd"], par["practice_changes.closure_year_sd"]
    shift_m = rng.normal(0.0, 1.0, b) * sd_m if mergers_on else zeros
    shift_c = rng.normal(0.0, 1.0, b) * sd_c if closures_on else zeros
    p_close, p_merge = hazards(par, st.list, st.gp_total, apms, shift_m, shift_c)
    u = rng.random((b, n))
    closing = st.open & (u < p_close)
    merging = st.open & ~closing & (u < p_close + p_merge)
    forced = st.open & (st.gp_total < threshold[:, None])  # the closure threshold rule
    closing |= forced
    merging &= ~forced
    stays = st.open & ~(closing | merging)

    list0, weighted0 = st.list.copy(), st.weighted.copy()
    by_nb, by_area = Pools(nb, stays, list0), Pools(area, stays, list0)

    # Mergers: to a receiver of the neighbourhood's pool, else the area's, else none.
    mi, mp = np.nonzero(merging)
    in_nb = by_nb.has_pool(mi, mp)
    in_area = ~in_nb & by_area.has_pool(mi, mp)
    merging[mi[~(in_nb | in_area)], mp[~(in_nb | in_area)]] = False
    keep = in_nb | in_area
    mi, mp, in_nb = mi[keep], mp[keep], in_nb[keep]
    receiver_u = rng.random(mi.size)
    receiver = np.where(in_nb, by_nb.draw(mi, mp, receiver_u), by_area.draw(mi, mp, receiver_u))

    # Closures: dispersed over the neighbourhood's pool, else the area's, else everyone's.
    ci, cp = np.nonzero(closing)
    c_nb = by_nb.has_pool(ci, cp)
    c_area = ~c_nb & by_area.has_pool(ci, cp)
    staying_anywhere = stays.sum(axis=1)
    c_all = ~(c_nb | c_area) & (staying_anywhere[ci] > 0)
    closing[ci[~(c_nb | c_area | c_all)], cp[~(c_nb | c_area | c_all)]] = False

    moved_list = np.zeros_like(list0)
    moved_weighted = np.zeros_like(list0)
    for pools, chosen in ((by_nb, c_nb), (by_area, c_area)):
        i, p = ci[chosen], cp[chosen]
        g = pools.group[p]
        moved_list += pools.share_of(_by_group(i, g, list0[i, p], b, pools.groups), list0, stays)
        moved_weighted += pools.share_of(_by_group(i, g, weighted0[i, p], b, pools.groups),
                                         list0, stays)
    if np.any(c_all):
        i, p = ci[c_all], cp[c_all]
        everyone = np.where(stays, list0, 0.0).sum(axis=1, keepdims=True)
        part = np.divide(list0, everyone, out=np.zeros_like(list0), where=everyone > 0)
        moved_list += np.bincount(i, list0[i, p], b)[:, None] * part * stays
        moved_weighted += np.bincount(i, weighted0[i, p], b)[:, None] * part * stays
    closed_i, closed_p = ci[c_nb | c_area | c_all], cp[c_nb | c_area | c_all]
    out["closures"] = np.bincount(closed_i, None, b).astype(float)
    out["patients_dispersed"] = np.bincount(closed_i, list0[closed_i, closed_p], b)
    out["gps_lost"] = np.bincount(closed_i, st.gp_total[closed_i, closed_p], b)

    # The merger moves: lists, GPs by band and role FTE to the receiver; its establishment
    # ratio becomes the list-weighted mean of what it holds and receives.
    ratio_sum = np.zeros_like(list0)
    ratio_list = np.zeros_like(list0)
    np.add.at(moved_list, (mi, receiver), list0[mi, mp])
    np.add.at(moved_weighted, (mi, receiver), weighted0[mi, mp])
    np.add.at(st.gps, (mi, receiver), st.gps[mi, mp])
    np.add.at(st.role_fte, (mi, receiver), st.role_fte[mi, mp])
    np.add.at(ratio_sum, (mi, receiver), st.ratio[mi, mp] * list0[mi, mp])
    np.add.at(ratio_list, (mi, receiver), list0[mi, mp])
    out["mergers"] = np.bincount(mi, None, b).astype(float)
    out["patients_merged"] = np.bincount(mi, list0[mi, mp], b)
    received = ratio_list > 0
    st.ratio[received] = ((st.ratio * list0 + ratio_sum)[received]
                          / (list0 + ratio_list)[received])

    st.list += moved_list
    st.weighted += moved_weighted
    gone = closing | merging
    st.open &= ~gone
    st.list[gone] = 0.0
    st.weighted[gone] = 0.0
    st.gps[gone] = 0
    st.role_fte[gone] = 0.0
    st.gp_total = st.gps.sum(axis=2).astype(float)
    return out
