"""GP exits, ageing and recruitment of every practice of a batch (docs/model.md,
Workforce; model/gp_transitions.hpp, model/workforce.hpp), with the GPs held as
[iterations x bands x practices] whole numbers.

Each non-empty (practice, band) of n GPs splits multinomially into retire r, leave (1-r) l,
age up (1-r)(1-l)/5 and stay, drawn by sequential binomials:
    exits   ~ Bin(n, r + (1-r) l)                 (retire or leave)
    retired ~ Bin(exits, r / (r + (1-r) l))        (only where someone exits)
    aged    ~ Bin(n - exits, 1/5)                  (bands below 65+)
which is the same law as retire ~ Bin(n, r), leave ~ Bin(n - retire, l), age up ~
Bin(rest, 1/5). numpy's binomial is faster when p is one number for a whole call (its
set-up is cached), so the non-empty cells, in (iteration, band, practice) order, are drawn
one (iteration, band) segment at a time, each with its own p.
"""
from __future__ import annotations

import numpy as np

BANDS = 9


def _segments(rng: np.random.Generator, n: np.ndarray, segment: np.ndarray,
              p_of_segment: np.ndarray) -> np.ndarray:
    """Bin(n[j], p_of_segment[segment[j]]) with `segment` sorted: one call per segment."""
    out = np.zeros(n.shape, np.int64)
    starts = np.searchsorted(segment, np.arange(p_of_segment.size + 1))
    for s in np.flatnonzero(np.diff(starts)):
        a, b = starts[s], starts[s + 1]
        out[a:b] = rng.binomial(n[a:b], p_of_segment[s])
    return out


def gp_exits(rng: np.random.Generator, gps: np.ndarray, retire: np.ndarray,
             leaver: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Steps `gps` [B x 9 x P] by one year in place; retire [B x 9] per band, leaver [B x 1]
    (one rate per iteration) or [B x P] (a practice's own, what the money buys). Returns
    retirements and leavers per iteration."""
    b, bands, n = gps.shape
    flat = gps.reshape(-1)
    cell = np.flatnonzero(flat)                       # (iteration, band, practice) order
    heads = flat[cell]
    starts = np.searchsorted(cell, np.arange(b * bands + 1) * n)
    exits = np.zeros_like(heads)
    aged = np.zeros_like(heads)
    per_iteration = leaver.shape[1] == 1
    for segment in np.flatnonzero(np.diff(starts)):   # one (iteration, band) at a time
        i, band = divmod(segment, bands)
        lo, hi = starts[segment], starts[segment + 1]
        r = retire[i, band]
        leave = leaver[i, 0] if per_iteration else leaver[i, cell[lo:hi] % n]
        exits[lo:hi] = rng.binomial(heads[lo:hi], r + (1.0 - r) * leave)
        if band < bands - 1:                           # 1 / band width (5 years)
            aged[lo:hi] = rng.binomial(heads[lo:hi] - exits[lo:hi], 0.2)
    # Of those who exit, who retires: Bin(exits, r / (r + (1 - r) l)).
    some = np.flatnonzero(exits)
    seg = cell[some] // n
    i_some = seg // bands
    r = retire[i_some, seg % bands]
    leave = leaver[i_some, 0] if per_iteration else leaver[i_some, cell[some] % n]
    e = r + (1.0 - r) * leave
    retired = rng.binomial(exits[some], np.divide(r, e, out=np.zeros_like(r), where=e > 0))
    flat[cell] = heads - exits - aged
    moving = np.flatnonzero(aged)
    flat[cell[moving] + n] += aged[moving]             # the same practice's next band
    out = np.bincount(i_some, retired, b), np.bincount(i_some, exits[some] - retired, b)
    return out[0].astype(float), out[1].astype(float)


def recruitment(rng: np.random.Generator, gps: np.ndarray, establishment: np.ndarray,
                fill: np.ndarray, entry: int) -> tuple[np.ndarray, np.ndarray]:
    """Vacancies v = max(0, E - headcount) become posts without rounding bias (floor(v) and
    one more with probability v - floor(v)), filled by Bin(posts, fill rate) at the entry
    band. Returns the recruits per iteration and the headcount after them [B x P]."""
    total = gps.sum(axis=1)
    v = np.maximum(0.0, establishment - total)
    whole = np.floor(v)
    posts = (whole + (rng.random(v.shape) < v - whole)).astype(np.int64).reshape(-1)
    has = np.flatnonzero(posts)
    recruits = np.zeros(posts.shape, np.int64)
    recruits[has] = _segments(rng, posts[has], has // v.shape[1], fill.reshape(-1))
    recruits = recruits.reshape(v.shape)
    gps[:, entry, :] += recruits
    return recruits.sum(axis=1).astype(float), (total + recruits).astype(float)
