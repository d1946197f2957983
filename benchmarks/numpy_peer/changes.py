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


def scatter_add(target: np.ndarray, index: np.ndarray, values: np.ndarray) -> None:
    """target.flat[index] += values, repeated indexes summed (np.add.at, which is slow in
    NumPy 1.24, by unique and bincount). `target` must be C-contiguous."""
    cells, which = np.unique(index, return_inverse=True)
    target.reshape(-1)[cells] += np.bincount(which, values, cells.size).astype(target.dtype)


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


class Grouping:
    """Neighbourhoods or areas: each group's practices in practice order, fixed for a run."""

    def __init__(self, group: np.ndarray):
        self.group = group
        self.order = np.argsort(group, kind="stable")
        bounds = np.searchsorted(group[self.order], np.arange(int(group.max()) + 2))
        self.start, self.end = bounds[:-1], bounds[1:]

    def pools(self, i: np.ndarray, p: np.ndarray, stays: np.ndarray):
        """For each event (iteration i[e], practice p[e]): the practices of p's group,
        expanded as rows (event, member, staying), and the number that stay per event."""
        g = self.group[p]
        sizes = self.end[g] - self.start[g]
        event = np.repeat(np.arange(p.size), sizes)
        offset = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        member = self.order[np.repeat(self.start[g], sizes) + offset]
        staying = stays[i[event], member]
        return event, member, staying, np.bincount(event, staying, p.size)


def staying_pools(nb: Grouping, area: Grouping, i: np.ndarray, p: np.ndarray,
                  stays: np.ndarray):
    """For each event (iteration i[e], practice p[e]): the staying practices of its
    neighbourhood, else of its area (pool_of), as rows (event, member) sorted by event in
    practice order, and whether the event has a pool at all."""
    event, member, staying, count = nb.pools(i, p, stays)
    need = np.flatnonzero(count == 0)
    a_event, a_member, a_staying, a_count = area.pools(i[need], p[need], stays)
    event = np.concatenate([event[staying], need[a_event[a_staying]]])
    member = np.concatenate([member[staying], a_member[a_staying]])
    order = np.argsort(event, kind="stable")
    has = count > 0
    has[need] = a_count > 0
    return event[order], member[order], has


def _draw_receivers(event, member, weight, u, events: int) -> np.ndarray:
    """For each event, the member at point u[e] of the running sum of its members' weights
    (lists of the staying practices): the first whose running sum exceeds u x total, the
    last staying one if rounding leaves none (draw_receiver)."""
    running = np.cumsum(weight)
    total = np.bincount(event, weight, events)
    first = np.searchsorted(event, np.arange(events))
    last = np.searchsorted(event, np.arange(events), side="right") - 1
    below = np.where(first > 0, running[np.maximum(first - 1, 0)], 0.0)
    k = np.minimum(np.searchsorted(running, below + u * total, side="right"), last)
    k = np.searchsorted(running, running[k], side="left")  # back over zero weights
    return member[k]


def year_end_changes(st, par: dict, rng: np.random.Generator, nb: Grouping, area: Grouping,
                     apms: np.ndarray) -> dict:
    """Applies one year's closures and mergers to the batch state `st` (lists, weighted
    lists, GP bands, role FTE, establishment ratios, open flags) and returns the year's
    counts per iteration: closures, mergers, patients_dispersed, patients_merged, gps_lost.
    Everything after the hazards works on the few practices that go and their groups."""
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
    leaving = st.open & (u < p_close + p_merge)
    if np.any(threshold > 0):  # the closure threshold rule
        forced = st.open & (st.gp_total < threshold[:, None])
        closing |= forced
        leaving |= forced
    stays = st.open & ~leaving
    ci, cp = np.nonzero(closing)
    mi, mp = np.nonzero(leaving & ~closing)

    # Mergers: a receiver drawn from the neighbourhood's staying practices in proportion
    # to their lists, else from the area's; without either the practice does not merge.
    event, member, merged = staying_pools(nb, area, mi, mp, stays)
    receiver = _draw_receivers(event, member, st.list[mi[event], member],
                               rng.random(mi.size), mi.size)[merged]
    mi, mp = mi[merged], mp[merged]

    # Closures: the list dispersed over the neighbourhood's staying practices, else the
    # area's, else every staying practice's, in proportion to their lists before the moves.
    # Every figure is read before any is written: the (iteration, practice) cells to add
    # to and the amounts are collected, then written at once.
    event, member, closed = staying_pools(nb, area, ci, cp, stays)
    i = ci[event]
    w = st.list[i, member]
    part = w / np.bincount(event, w, ci.size)[event]
    add_i, add_q = [i], [member]
    add_list, add_weighted = [st.list[i, cp[event]] * part], [st.weighted[i, cp[event]] * part]
    if not closed.all():  # no neighbour or area practice stays: very rare
        for e in np.flatnonzero(~closed & (stays.sum(axis=1)[ci] > 0)):
            i, p = ci[e], cp[e]
            mem = np.flatnonzero(stays[i])
            part = st.list[i, mem] / st.list[i, mem].sum()
            add_i.append(np.full(mem.size, i))
            add_q.append(mem)
            add_list.append(st.list[i, p] * part)
            add_weighted.append(st.weighted[i, p] * part)
            closed[e] = True
    ci, cp = ci[closed], cp[closed]
    out["closures"] = np.bincount(ci, None, b).astype(float)
    out["patients_dispersed"] = np.bincount(ci, st.list[ci, cp], b)
    out["gps_lost"] = np.bincount(ci, st.gp_total[ci, cp], b)

    # The merger moves: lists, GPs by band and role FTE to the receiver; its establishment
    # ratio becomes the list-weighted mean of what it holds and receives.
    moving = st.list[mi, mp]
    add_i.append(mi)
    add_q.append(receiver)
    add_list.append(moving)
    add_weighted.append(st.weighted[mi, mp])
    out["mergers"] = np.bincount(mi, None, b).astype(float)
    out["patients_merged"] = np.bincount(mi, moving, b)
    key = mi * n + receiver
    unique, first, which = np.unique(key, return_index=True, return_inverse=True)
    ri, rq = unique // n, unique % n
    new_ratio = ((st.ratio[ri, rq] * st.list[ri, rq] + np.bincount(which, st.ratio[mi, mp] * moving))
                 / (st.list[ri, rq] + np.bincount(which, moving)))
    bands, roles = st.gps.shape[1], st.role_fte.shape[2]
    from_gps = ((mi * bands)[:, None] + np.arange(bands)) * n
    scatter_add(st.gps, (from_gps + receiver[:, None]).ravel(),
                st.gps.reshape(-1)[(from_gps + mp[:, None]).ravel()])
    to_roles = ((mi * n + receiver) * roles)[:, None] + np.arange(roles)
    from_roles = ((mi * n + mp) * roles)[:, None] + np.arange(roles)
    scatter_add(st.role_fte, to_roles.ravel(), st.role_fte.reshape(-1)[from_roles.ravel()])
    scatter_add(st.gp_total, mi * n + receiver, st.gp_total[mi, mp])
    st.ratio[ri, rq] = new_ratio
    cells = np.concatenate(add_i) * n + np.concatenate(add_q)
    scatter_add(st.list, cells, np.concatenate(add_list))
    scatter_add(st.weighted, cells, np.concatenate(add_weighted))
    gi, gp = np.concatenate([ci, mi]), np.concatenate([cp, mp])
    st.open[gi, gp] = False
    st.list[gi, gp] = 0.0
    st.weighted[gi, gp] = 0.0
    st.gps.transpose(0, 2, 1)[gi, gp] = 0
    st.role_fte[gi, gp] = 0.0
    st.gp_total[gi, gp] = 0.0
    return out
