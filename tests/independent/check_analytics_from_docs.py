#!/usr/bin/python3
"""pcsim's planner analytics (EVPI, EVPPI, Sobol indices by year, the stochastic change by
driver) held to figures computed again from the documents alone.

Written on 2026-12-07 by a reviewer who read docs/model.md ("Planner analytics"),
docs/cli.md, docs/output-format.md and docs/scenario-format.md, and none of pcsim's source
or tests (as central_from_docs.py). When the analytics change, change this file from the
changed documents, never from the C++: a disagreement is a document or a code error to
find, never a number to copy.

What is held, and to what (the seeds are fixed, so the outcome does not vary run to run):

1. EVPI (docs/model.md "EVPI beside it", docs/output-format.md /comparison): recomputed
   from the run's own per-iteration NPVs, mean_i max_d NPV - max_d mean_i NPV over the
   iterations where every option has an NPV; /comparison/evpi and the evppi group's `evpi`
   and `iterations_used` attributes to 1e-9 relative.
2. EVPPI (docs/model.md "Value of information"): the groups (each uncertain parameter,
   each section with two or more, `all`) derived from the scenario file, and every group's
   regression fitted again here on the run's stored draws and NPVs exactly as the page
   describes it: each option's NPV less the baseline's on the group's ranks scaled to
   (0, 1); cubic B-splines on equal segments (the table's segment counts), second-order
   difference penalties scaled by trace(X'X)/trace(P), a ridge of 1e-9 trace(X'X)/columns,
   GCV over the page's grids (one parameter: 10^-6..10^4 by 10^0.5; several: a coordinate
   search over 10^-5..10^3 by 10, each parameter in turn, twice round). The page pins the
   fit (given the readings under "Readings" below), so the EVPPI, each option's R^2 and the
   fit's effective degrees of freedom must agree to rounding: EVPPI within 1e-6 of the
   EVPI, R^2 within 1e-7, edf within 1e-5 max(1, edf). The regression is ill-conditioned
   for additive models (the ridge is 1e-9 of the scale), so this file solves by Cholesky,
   never by an explicit inverse (an explicit inverse moved a lambda of the 14-parameter
   `all` fit on a flat GCV surface). The standard error comes from 200 random posterior
   draws whose random numbers the page does not (and need not) give, so it is held
   statistically: pcsim's SE must lie within [min / 1.5, 1.5 max] of REPLICATES standard
   errors computed here from independent sets of 200 draws (and be 0 only where one of
   ours is 0 too: every draw picking the same option).
3. Sobol indices by year (docs/model.md "Sobol indices by year", docs/cli.md "pcsim
   sensitivity" for Jansen's formulas): pcsim does not store its design, so this file
   draws its own Saltelli design (A, B and the A_B^(i), with numpy's generator and the
   laws of docs/scenario-format.md "Distributions"), evaluates every row with the central
   case of central_from_docs.py (events at their expectation), and applies Jansen's
   estimators S_i = 1 - mean((f(B) - f(A_B^i))^2) / 2V, S_Ti = mean((f(A) - f(A_B^i))^2)
   / 2V, V the variance of f(A) and f(B) together. Both estimates are noisy, so each index
   of every output and year is held within Z_SOBOL (4) standard errors of the difference,
   sqrt(se_ours^2 + se_pcsim^2) + 1e-6: se_ours by a bootstrap of our rows, se_pcsim from
   pcsim's 95 % bootstrap interval, (hi - lo) / 3.92. The output's variance over the
   design is held the same way (our bootstrap SE, widened for pcsim's smaller noise by
   sqrt(1 + N_ours / N_pcsim)). Left out: columns where a row gives NaN, columns whose
   variance is rounding noise (below 1e-20 mean^2), and columns where one value holds half
   of our rows of f(A) and f(B) or more (urgent care cost floored at 0 in all but a few
   rows, an indicator): there the indices are decided by the few rows off the point mass,
   the estimators' errors are far from normal and neither bootstrap is a fair yardstick
   (urgent_care_cost 2021/22: pcsim S1 0.78 [0.15, 1.00] against ours -0.53 +- 0.26).
   The parameter lists of every option of a multi-option run are held to the scenario's
   uncertain parameters. A statistical test cannot tell estimators that agree in
   expectation: V from f(A) alone instead of f(A) and f(B) together passes it.
4. The stochastic change by driver (docs/model.md "Change by driver", docs/output-format.md
   drivers/): start + parts = end and alone + interaction = end - start (1e-9 of the
   output's scale); vs_baseline = the option's split less the baseline's (Shapley values
   are linear); `end` is the mean over the run's first N iterations of the option as run
   (and vs_baseline's end of /comparison/<option>), its SE their standard deviation (n - 1)
   over sqrt(N); with every driver off the list and GP headcount stand at their year-0 totals
   (from central_from_docs.py's loading of the practice files) with SE 0; a driver off in
   an option (its switches change none of the option's central parameters, and cover no
   parameter the option draws) has every part exactly 0; the active drivers are those on in
   some option, in the page's table order, the others listed inactive.

Readings of what the documents leave open (docs/model.md does not say them), each pinned
by pcsim's figures, i.e. the other reading fails this check: the scaled rank is
(rank - 1/2) / n (rank / (n + 1) moves the edf by about 1e-2, 117 figures fail); the
B-spline segments divide [0, 1] (not the ranks' own range: edf up to 29 away); the
coordinate search starts with every lambda at 1 (starting at 10^-5 moves the 14-parameter
`all` fit); a group's sections are the first component of the parameter path
(`funding.quality_standards.access.achievement_rate` is in `funding`); the standard error of
a driver split's mean divides the standard deviation with n - 1. Not pinned (the SE test
cannot tell): the residual variance of the posterior, taken as RSS / (n - edf), and whether
the options' coefficient draws are independent (taken so).

Usage: check_analytics_from_docs.py PCSIM WORKDIR   (exit 0 when all hold, 1 otherwise)
"""
import copy
import os
import subprocess
import sys
import time

import numpy as np
import h5py

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, HERE)
import central_from_docs as C  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
MULTI = os.path.join(ROOT, "scenarios", "delegation-options.toml")   # 4 options: EVPI, EVPPI, drivers
SOBOL = os.path.join(ROOT, "scenarios", "synthetic.toml")            # 6 uncertain parameters: Sobol
MULTI_ITER, MULTI_SEED, DRIVER_ITER = 1000, 20170601, 12
SOBOL_ROWS_PCSIM, SOBOL_BOOT_PCSIM, SOBOL_SEED = 2048, 200, 99
SOBOL_ROWS_OURS, SOBOL_BOOT_OURS, OUR_SEED = 512, 200, 20261207
Z_SOBOL = 4.0
REPLICATES, POSTERIOR_DRAWS, SE_FACTOR = 10, 200, 1.5
EVPPI_REL, R2_ABS, EDF_REL, EXACT_REL = 1e-6, 1e-7, 1e-5, 1e-9
DRIVERS = ["population_growth", "consultation_rate", "gp_workforce", "practice_changes",
           "levelling_up", "quality_contract", "extended_access", "roles",
           "referral_policies", "prescribing_kpi"]


class Tally:
    """Every figure checked, its deviation in tolerance units, and the failures."""

    def __init__(self):
        self.n, self.worst, self.where, self.failures = 0, 0.0, "", []
        self.by_part = {}

    def hold(self, part, what, dev, tol, detail=""):
        units = float(dev / tol) if tol > 0 else (0.0 if dev == 0 else np.inf)
        if np.isnan(units):
            units = np.inf
        self.n += 1
        kind = what.rsplit(": ", 1)[-1]
        kind = kind.split(" '")[0].split(" of ")[0].split(":")[0] if part in ("EVPPI", "Sobol") else "identities and facts"
        p = self.by_part.setdefault((part, kind), [0, 0.0, ""])
        p[0] += 1
        if units > p[1]:
            p[1], p[2] = units, what
        if units > self.worst:
            self.worst, self.where = units, f"{part}: {what}"
        if units > 1:
            self.failures.append(f"{part}: {what}: off by {units:.3g} tolerances {detail}")

    def fact(self, part, what, ok, detail=""):
        self.hold(part, what, 0.0 if ok else 2.0, 1.0, detail)


T = Tally()


def run_pcsim(pcsim, args):
    p = subprocess.run([pcsim, "run"] + args + ["--force", "--quiet"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"pcsim run {' '.join(args)} failed ({p.returncode}):\n{p.stderr}")


# ------------------------------------------------------------------ scenario parameters
def raw_options(doc):
    """C.option_params with every value kept raw (the distribution tables)."""
    save = C.central
    C.central = lambda v: v
    try:
        return C.option_params(doc)
    finally:
        C.central = save


def is_uncertain(v):
    return isinstance(v, dict) and "dist" in v and v["dist"] != "fixed"


def uncertain(Praw):
    """path -> distribution table of every parameter with a distribution."""
    out = {}
    for k, v in Praw.items():
        if k not in ("roles", "stds") and is_uncertain(v):
            out[k] = v
    for rn, R in Praw["roles"].items():
        for pk, v in R.items():
            if is_uncertain(v):
                out[f"roles.{rn}.{pk}"] = v
    for sn, S in Praw["stds"].items():
        for pk, v in S.items():
            if is_uncertain(v):
                out[f"funding.quality_standards.{sn}.{pk}"] = v
    return out


def set_param(P, path, value):
    if path.startswith("roles."):
        _, rn, pk = path.split(".", 2)
        P["roles"][rn][pk] = value
    elif path.startswith("funding.quality_standards."):
        _, _, sn, pk = path.split(".", 3)
        P["stds"][sn][pk] = value
    else:
        P[path] = value


def load(path):
    doc, d = C.load_scenario(path)
    doc["__dir__"] = d
    central = C.option_params(doc)
    raw = raw_options(doc)
    prs = C.load_practices(doc, central[0][1])
    return central, raw, prs


# ------------------------------------------------------------------ sampling (scenario-format.md)
def sample(v, n, rng):
    """n independent draws of a distribution table (docs/scenario-format.md, Distributions)."""
    d = v["dist"]
    if d == "uniform":
        return v["min"] + (v["max"] - v["min"]) * rng.random(n)
    if d == "triangular":
        a, c, b = v["min"], v["mode"], v["max"]
        if b == a:
            return np.full(n, float(a))
        u = rng.random(n)
        fc = (c - a) / (b - a)
        return np.where(u < fc, a + np.sqrt(u * (b - a) * (c - a)), b - np.sqrt((1 - u) * (b - a) * (b - c)))
    if d == "pert":
        a, c, b = v["min"], v["mode"], v["max"]
        if b == a:
            return np.full(n, float(a))
        lam = v.get("lambda", 4.0)
        return a + (b - a) * rng.beta(1 + lam * (c - a) / (b - a), 1 + lam * (b - c) / (b - a), n)
    if d == "beta":
        if "alpha" in v:
            al, be = v["alpha"], v["beta"]
        else:
            m, s = v["mean"], v["sd"]
            k = m * (1 - m) / s ** 2 - 1
            al, be = m * k, (1 - m) * k
        return rng.beta(al, be, n)
    if d in ("normal", "lognormal"):
        if d == "normal":
            mu, sg, lo, hi, f = v["mean"], v["sd"], v.get("lower", -np.inf), v.get("upper", np.inf), (lambda x: x)
        else:
            if "mu" in v:
                mu, sg = v["mu"], v["sigma"]
            else:
                sg = np.sqrt(np.log(1 + (v["sd"] / v["mean"]) ** 2))
                mu = np.log(v["mean"]) - sg * sg / 2
            lo, hi, f = v.get("lower", 0.0), v.get("upper", np.inf), np.exp
        out = np.empty(0)
        while out.size < n:   # the cut distribution: draws outside [lower, upper] rejected
            x = f(rng.normal(mu, sg, 4 * n))
            out = np.concatenate([out, x[(x >= lo) & (x <= hi)]])
        return out[:n]
    if d == "discrete":
        vals = np.array(v["values"], float)
        w = np.array(v.get("weights", [1] * len(vals)), float)
        return rng.choice(vals, n, p=w / w.sum())
    raise NotImplementedError(d)


# ------------------------------------------------------------------ 1. EVPI
def check_evpi(f):
    opts = list(f["options"].attrs["option_order"])
    npv = np.array([f[f"options/{o}/npv"][()] for o in opts])
    ok = np.all(np.isfinite(npv), 0)
    x = npv[:, ok]
    evpi = np.mean(x.max(0)) - x.mean(1).max()
    tol = EXACT_REL * max(abs(evpi), 1.0)
    T.hold("EVPI", "/comparison/evpi", abs(f["comparison/evpi"][()] - evpi), tol,
           f"(pcsim {f['comparison/evpi'][()]:.6f}, ours {evpi:.6f})")
    e = f["comparison/evppi"]
    T.hold("EVPI", "/comparison/evppi attribute evpi", abs(e.attrs["evpi"] - evpi), tol)
    T.fact("EVPI", "/comparison/evppi attribute iterations_used", int(e.attrs["iterations_used"]) == int(ok.sum()),
           f"({e.attrs['iterations_used']} against {ok.sum()})")
    return opts, npv, ok, evpi


# ------------------------------------------------------------------ 2. EVPPI
def scaled_rank(x):
    """rank in (0, 1): (rank - 1/2) / n, ties at their average rank."""
    n = len(x)
    order = np.argsort(x, kind="stable")
    r = np.empty(n)
    r[order] = np.arange(1, n + 1, dtype=float)
    xs = x[order]
    i = 0
    while i < n:
        j = i
        while j + 1 < n and xs[j + 1] == xs[i]:
            j += 1
        if j > i:
            r[order[i:j + 1]] = (i + j + 2) / 2.0
        i = j + 1
    return (r - 0.5) / n


def bsplines(x, segments):
    """cubic B-splines on `segments` equal segments of [0, 1]: segments + 3 columns."""
    h = 1.0 / segments
    knots = h * np.arange(-3, segments + 4)
    B = np.zeros((len(x), len(knots) - 1))
    for j in range(len(knots) - 1):
        B[:, j] = (x >= knots[j]) & (x < knots[j + 1])
    B[x >= 1.0, segments + 2] = 1.0
    for k in range(1, 4):
        Bn = np.zeros((len(x), len(knots) - 1 - k))
        for j in range(len(knots) - 1 - k):
            Bn[:, j] = ((x - knots[j]) / (knots[j + k] - knots[j]) * B[:, j]
                        + (knots[j + k + 1] - x) / (knots[j + k + 1] - knots[j + 1]) * B[:, j + 1])
        B = Bn
    return B


def diff_penalty(m):
    D = np.diff(np.eye(m), n=2, axis=0)
    return D.T @ D


def regression_design(U):
    """docs/model.md's table: the basis and penalties of a group of q parameters."""
    n, q = U.shape
    if q == 1:
        s = max(3, min(20, n // 50))
        return bsplines(U[:, 0], s), [diff_penalty(s + 3)], "P-spline"
    if q == 2:
        s = max(3, min(7, int(np.floor(np.sqrt(n / 50.0)))))
        m = s + 3
        B1, B2 = bsplines(U[:, 0], s), bsplines(U[:, 1], s)
        X = (B1[:, :, None] * B2[:, None, :]).reshape(n, m * m)
        I, D = np.eye(m), diff_penalty(m)
        return X, [np.kron(D, I), np.kron(I, D)], "tensor-product P-spline"
    s = max(3, min(6, n // (50 * q)))
    m = s + 3
    X = np.hstack([bsplines(U[:, j], s) for j in range(q)])
    Ps = []
    for j in range(q):
        P = np.zeros((m * q, m * q))
        P[j * m:(j + 1) * m, j * m:(j + 1) * m] = diff_penalty(m)
        Ps.append(P)
    return X, Ps, "additive P-spline model"


class Fit:
    pass


def penalised(XtX, Xty, X, y, Ps, lams):
    n, c = X.shape
    tr = np.trace(XtX)
    S = sum(lam * tr / np.trace(P) * P for lam, P in zip(lams, Ps)) + 1e-9 * tr / c * np.eye(c)
    L = np.linalg.cholesky(XtX + S)
    solve = lambda b: np.linalg.solve(L.T, np.linalg.solve(L, b))
    beta = solve(Xty)
    edf = float(np.trace(solve(XtX)))
    res = y - X @ beta
    rss = float(res @ res)
    return n * rss / (n - edf) ** 2, beta, edf, rss, L


def gcv_fit(X, y, Ps):
    XtX, Xty = X.T @ X, X.T @ y
    if len(Ps) == 1:
        best = None
        for lam in 10.0 ** np.arange(-6, 4.0001, 0.5):
            r = penalised(XtX, Xty, X, y, Ps, [lam])
            if best is None or r[0] < best[0][0]:
                best = (r, [lam])
    else:
        grid = 10.0 ** np.arange(-5, 3.0001, 1.0)
        lams = [1.0] * len(Ps)
        best = (penalised(XtX, Xty, X, y, Ps, lams), lams)
        for _ in range(2):
            for j in range(len(Ps)):
                for lam in grid:
                    trial = list(best[1])
                    trial[j] = lam
                    r = penalised(XtX, Xty, X, y, Ps, trial)
                    if r[0] < best[0][0]:
                        best = (r, trial)
    (_, beta, edf, rss, L), lams = best
    ft = Fit()
    ft.beta, ft.edf, ft.L, ft.lams = beta, edf, L, lams
    ft.fitted = X @ beta
    ft.r2 = 1 - rss / float(np.sum((y - y.mean()) ** 2))
    ft.sigma2 = rss / (len(y) - edf)
    return ft


def evppi_of(G):
    """G [n x (options - 1)] fitted gains: mean max(0, max_d g) - max(0, max_d mean g)."""
    return float(np.mean(np.maximum(0, G.max(1))) - max(0.0, G.mean(0).max()))


def posterior_se(X, fits, rng):
    """SD of the EVPPI over POSTERIOR_DRAWS draws of the coefficients, N(beta, s2 (X'X+S)^-1)."""
    Gs = []
    for ft in fits:
        Z = rng.standard_normal((len(ft.beta), POSTERIOR_DRAWS))
        dev = np.linalg.solve(ft.L.T, Z) * np.sqrt(ft.sigma2)   # covariance s2 (L L')^-1
        Gs.append(X @ (ft.beta[:, None] + dev))
    G = np.stack(Gs, 2)                                       # n x draws x options
    ev = np.mean(np.maximum(0, G.max(2)), 0) - np.maximum(0, G.mean(0).max(1))
    return float(ev.std(ddof=1))


def evppi_groups(unc):
    names = sorted(unc)
    groups = {nm: [nm] for nm in names}
    sections = {}
    for nm in names:
        sections.setdefault(nm.split(".")[0], []).append(nm)
    for s, members in sections.items():
        if len(members) >= 2:
            groups[s] = members
    if len(sections) > 1:
        groups["all"] = names
    return groups


def check_evppi(f, raw, opts, npv, ok, evpi):
    unc = {}
    for _, Praw in raw:
        for k, v in uncertain(Praw).items():
            unc.setdefault(k, v)
    groups = evppi_groups(unc)
    e = f["comparison/evppi"]
    names = list(e["groups"].asstr()[()])
    members = [p.split("; ") for p in e["parameters"].asstr()[()]]
    methods = list(e["method"].asstr()[()])
    T.fact("EVPPI", "group names", sorted(names) == sorted(groups),
           f"(pcsim {sorted(names)}, documents {sorted(groups)})")
    T.fact("EVPPI", "options attribute", list(e.attrs["options"]) == opts)
    # the draws, keyed by parameter name: every option's draw has the same rank
    draws = {}
    for nm in unc:
        cols = []
        if nm in uncertain(raw[0][1]) and nm in f["parameters"]:
            cols.append(f["parameters/" + nm][()])
        for (o, Praw) in raw[1:]:
            if nm in uncertain(Praw) and nm in f[f"options/{o}/parameters"]:
                cols.append(f[f"options/{o}/parameters/{nm}"][()])
        if not cols:
            T.fact("EVPPI", f"draws of {nm} stored", False)
            continue
        ranks = [scaled_rank(c[ok]) for c in cols]
        T.fact("EVPPI", f"{nm}: the same rank in every option", all(np.array_equal(ranks[0], r) for r in ranks[1:]))
        draws[nm] = ranks[0]
    inb = (npv[1:] - npv[0])[:, ok]
    rng = np.random.default_rng(OUR_SEED)
    for gname, mem in groups.items():
        if gname not in names:
            continue
        gi = names.index(gname)
        T.fact("EVPPI", f"{gname}: members", sorted(members[gi]) == sorted(mem),
               f"(pcsim {members[gi]}, documents {mem})")
        if any(m not in draws for m in mem):
            continue
        U = np.column_stack([draws[m] for m in mem])
        X, Ps, kind = regression_design(U)
        T.fact("EVPPI", f"{gname}: method", methods[gi].startswith(kind), f"('{methods[gi]}', expected {kind})")
        fits = [gcv_fit(X, y, Ps) for y in inb]
        ours = evppi_of(np.column_stack([ft.fitted for ft in fits]))
        T.hold("EVPPI", f"{gname}: evppi", abs(e["evppi"][gi] - ours), EVPPI_REL * max(evpi, abs(ours)),
               f"(pcsim {e['evppi'][gi]:.4f}, ours {ours:.4f})")
        for d, ft in enumerate(fits):
            o = opts[d + 1]
            T.hold("EVPPI", f"{gname}: r_squared of '{o}'", abs(e["r_squared"][gi, d] - ft.r2), R2_ABS,
                   f"(pcsim {e['r_squared'][gi, d]:.10f}, ours {ft.r2:.10f})")
            T.hold("EVPPI", f"{gname}: edf of '{o}'", abs(e["edf"][gi, d] - ft.edf), EDF_REL * max(1.0, ft.edf),
                   f"(pcsim {e['edf'][gi, d]:.8f}, ours {ft.edf:.8f}, lambdas {ft.lams})")
        # the standard error: statistical (the posterior draws' random numbers are pcsim's own)
        se_p = float(e["se"][gi])
        first = posterior_se(X, fits, rng)
        reps = [first] + ([posterior_se(X, fits, rng) for _ in range(REPLICATES - 1)]
                          if (first > 0 or se_p > 0) else [0.0] * (REPLICATES - 1))
        lo, hi = min(reps) / SE_FACTOR, max(reps) * SE_FACTOR
        if se_p == 0:
            T.fact("EVPPI", f"{gname}: se 0", min(reps) == 0, f"(ours from {min(reps):.2f} to {max(reps):.2f})")
        elif hi == 0:
            T.fact("EVPPI", f"{gname}: se", False, f"(pcsim {se_p:.2f}, every one of ours 0)")
        else:
            # in tolerance units: log distance beyond the replicates' range, over log(SE_FACTOR)
            lo_r, hi_r = max(min(reps), 1e-300), max(reps)
            dev = max(0.0, np.log(lo_r / se_p), np.log(se_p / hi_r))
            T.hold("EVPPI", f"{gname}: se", dev, np.log(SE_FACTOR),
                   f"(pcsim {se_p:.2f}, ours {min(reps):.2f} to {max(reps):.2f} over {REPLICATES} sets of {POSTERIOR_DRAWS} draws)")


# ------------------------------------------------------------------ 3. Sobol
def jansen(Y, idx):
    """Y [(P + 2) x rows]: f(A), f(B), f(A_B^i). Returns S1 [P], ST [P], V."""
    a, b = Y[0, idx], Y[1, idx]
    V = np.var(np.concatenate([a, b]))
    if V == 0:
        return None
    ab = Y[2:, idx]
    S1 = 1 - np.mean((b[None, :] - ab) ** 2, 1) / 2 / V
    ST = np.mean((a[None, :] - ab) ** 2, 1) / 2 / V
    return S1, ST, V


def check_sobol_lists(f, raw):
    for name, Praw in raw:
        g = f[f"sensitivity/{name}/sobol_by_year"]
        want = sorted(uncertain(Praw))
        got = list(g["npv"].attrs["parameters"])
        T.fact("Sobol", f"'{name}': parameters", sorted(got) == want, f"(pcsim {got}, documents {want})")


def check_sobol(f, central, raw, prs):
    rng = np.random.default_rng(OUR_SEED)
    N = SOBOL_ROWS_OURS
    for (name, Pc), (_, Pr) in zip(central, raw):
        unc = uncertain(Pr)
        names = sorted(unc)
        P_ = len(names)
        g = f[f"sensitivity/{name}/sobol_by_year"]
        T.fact("Sobol", f"'{name}': rows, bootstrap, events attributes",
               int(g.attrs["rows"]) == SOBOL_ROWS_PCSIM and int(g.attrs["bootstrap"]) == SOBOL_BOOT_PCSIM
               and str(g.attrs["events"]) == "expectation")
        pn = list(g["npv"].attrs["parameters"])
        T.fact("Sobol", f"'{name}': parameters", sorted(pn) == names, f"(pcsim {pn}, documents {names})")
        if sorted(pn) != names:
            continue
        A = np.column_stack([sample(unc[k], N, rng) for k in names])
        B = np.column_stack([sample(unc[k], N, rng) for k in names])
        mats = [A, B] + [np.where(np.arange(P_)[None, :] == i, B, A) for i in range(P_)]
        runs = []
        for Mx in mats:
            rr = []
            for row in Mx:
                P = copy.deepcopy(Pc)
                for k, v in zip(names, row):
                    set_param(P, k, float(v))
                rr.append(C.simulate(prs, P))
            runs.append(rr)
        boot = [rng.integers(0, N, N) for _ in range(SOBOL_BOOT_OURS)]
        for out in g:
            if out == "variance":
                continue
            ds = g[out]
            cols = list(ds.attrs["columns"])
            S = ds[()]
            for c, col in enumerate(cols):
                Y = np.array([[(r[out] if np.ndim(r[out]) == 0 else r[out][c]) for r in rr] for rr in runs], float)
                if np.any(np.isnan(Y)):
                    continue
                if np.unique(Y[:2], return_counts=True)[1].max() >= Y[:2].size / 2:
                    continue          # a point mass (a floor at 0, an indicator): see the docstring
                mean2 = np.mean(Y[:2]) ** 2
                res = jansen(Y, np.arange(N))
                if res is None or res[2] < 1e-20 * mean2:
                    continue          # constant, or variance of rounding noise only
                S1, ST, V = res
                bs = [jansen(Y, ix) for ix in boot]
                bs = [b for b in bs if b is not None]
                se1 = np.std([b[0] for b in bs], 0)
                seT = np.std([b[1] for b in bs], 0)
                seV = np.std([b[2] for b in bs])
                vp = g["variance/" + out][c]
                T.hold("Sobol", f"'{name}' {out} {col}: variance", abs(vp - V),
                       Z_SOBOL * seV * np.sqrt(1 + N / SOBOL_ROWS_PCSIM) + 1e-9 * abs(V),
                       f"(pcsim {vp:.6g}, ours {V:.6g} +- {seV:.3g})")
                for j, nm in enumerate(names):
                    k = pn.index(nm)
                    p1, p1lo, p1hi, pT, pTlo, pThi = S[k, c]
                    sp1, spT = (p1hi - p1lo) / 3.92, (pThi - pTlo) / 3.92
                    T.hold("Sobol", f"'{name}' {out} {col} {nm}: S1", abs(S1[j] - p1),
                           Z_SOBOL * np.hypot(se1[j], sp1) + 1e-6,
                           f"(pcsim {p1:.4f} [{p1lo:.4f}, {p1hi:.4f}], ours {S1[j]:.4f} +- {se1[j]:.4f})")
                    T.hold("Sobol", f"'{name}' {out} {col} {nm}: ST", abs(ST[j] - pT),
                           Z_SOBOL * np.hypot(seT[j], spT) + 1e-6,
                           f"(pcsim {pT:.4f} [{pTlo:.4f}, {pThi:.4f}], ours {ST[j]:.4f} +- {seT[j]:.4f})")


# ------------------------------------------------------------------ 4. stochastic change by driver
COVERS = {
    "population_growth": ["population.list_growth", "population.list_noise_sd"],
    "consultation_rate": ["population.consultation_growth"],
    "gp_workforce": ["workforce.retirement_multiplier", "workforce.leaver_rate", "workforce.fte_trend"],
    "practice_changes": ["practice_changes.mergers", "practice_changes.closures", "workforce.closure_threshold"],
    "levelling_up": ["funding.levelling_up"],
    "quality_contract": ["funding.quality_standards.*.payment_per_weighted_patient"],
    "extended_access": ["capacity.extended_access_per_1000"],
    "roles": ["roles.*.new_posts_per_30000", "workforce.extra_gp_posts_per_30000", "population.diversion_max",
              "additional_roles.fte_per_10000_ceiling"],
    "referral_policies": ["savings.eur", "savings.benchmarking"],
    "prescribing_kpi": ["savings.prescribing_kpi"],
}


def d0(P):
    return P["additional_roles.fte_per_10000_start"] if (P["start_year"] - 1) >= P["additional_roles.first_calendar_year"] else 0.0


def switched_off(P, driver):
    Q = copy.deepcopy(P)
    for path in COVERS[driver]:
        if path == "additional_roles.fte_per_10000_ceiling":
            Q[path] = d0(P)
        elif path.startswith("roles.*."):
            for r in Q["roles"].values():
                r[path.split(".")[-1]] = 0.0
        elif path.startswith("funding.quality_standards.*."):
            for s in Q["stds"].values():
                s[path.split(".")[-1]] = 0.0
        elif isinstance(P[path], bool):
            Q[path] = False
        else:
            Q[path] = 0.0
    return Q


def covers_drawn(driver, unc):
    for path in COVERS[driver]:
        head, _, tail = path.partition("*")
        for u in unc:
            if (u == path) or ("*" in path and u.startswith(head) and u.endswith(tail) and u.count(".") == path.count(".")):
                return True
    return False


def driver_off(Pc, Praw, driver):
    return switched_off(Pc, driver) == Pc and not covers_drawn(driver, uncertain(Praw))


def check_drivers(f, central, raw, prs):
    opts = list(f["options"].attrs["option_order"])
    off = {name: {d for d in DRIVERS if driver_off(Pc, Pr, d)} for (name, Pc), (_, Pr) in zip(central, raw)}
    active = [d for d in DRIVERS if any(d not in off[o] for o in opts)]
    L0 = sum(p["L"] for p in prs)
    H0 = sum(sum(p["bands"]) for p in prs)
    base = f[f"options/{opts[0]}/drivers"]
    for o in opts:
        g = f[f"options/{o}/drivers"]
        T.fact("drivers", f"'{o}': evaluation, iterations",
               str(g.attrs["evaluation"]) == "stochastic" and int(g.attrs["iterations"]) == DRIVER_ITER)
        T.fact("drivers", f"'{o}': active drivers in the page's order", list(g.attrs["drivers"]) == active,
               f"(pcsim {list(g.attrs['drivers'])}, documents {active})")
        T.fact("drivers", f"'{o}': inactive drivers", sorted(g.attrs["inactive_drivers"]) == sorted(set(DRIVERS) - set(active)))
        N = DRIVER_ITER
        for out in g.attrs["output_order"]:
            ch, al = g["change/" + out][()], g["change_alone/" + out][()]
            chse = g["change_se/" + out][()]
            rows = list(g["change/" + out].attrs["rows"])
            T.fact("drivers", f"'{o}' {out}: rows", rows == ["start"] + active + ["end"])
            run = f[f"options/{o}/{out}"][()][:N]
            run = run[:, None] if run.ndim == 1 else run
            scale = max(np.nanmax(np.abs(ch)) if np.any(np.isfinite(ch)) else 0.0, 1.0)
            tol = EXACT_REL * scale
            with np.errstate(invalid="ignore"):
                fin = np.all(np.isfinite(ch), 0)
                if fin.any():
                    T.hold("drivers", f"'{o}' {out}: start + parts = end",
                           np.max(np.abs(ch[0] + ch[1:-1].sum(0) - ch[-1])[fin]), tol)
                    T.hold("drivers", f"'{o}' {out}: alone + interaction = end - start",
                           np.max(np.abs(al[:-1].sum(0) + al[-1] - (ch[-1] - ch[0]))[fin]), tol)
            if np.all(np.isfinite(run)):
                T.hold("drivers", f"'{o}' {out}: end = mean of the run's first {N} iterations",
                       np.max(np.abs(ch[-1] - run.mean(0))), tol)
                se = run.std(0, ddof=1) / np.sqrt(N)
                T.hold("drivers", f"'{o}' {out}: SE of end", np.max(np.abs(chse[-1] - se) - 1e-9 * se), tol)
            for dname in off[o] & set(active):
                k = rows.index(dname)
                T.hold("drivers", f"'{o}' {out}: part of '{dname}' (off in this option) is 0",
                       max(np.nanmax(np.abs(ch[k])) if np.any(np.isfinite(ch[k])) else 0.0,
                           np.nanmax(np.abs(chse[k])) if np.any(np.isfinite(chse[k])) else 0.0), tol)
            if out in ("list_size", "gp_headcount"):
                want = L0 if out == "list_size" else H0
                T.hold("drivers", f"'{o}' {out}: start is the year-0 total", np.max(np.abs(ch[0] - want)) + np.max(np.abs(chse[0])), tol,
                       f"(pcsim {ch[0][0]}, ours {want})")
            if o != opts[0]:
                vb, vba = g["vs_baseline/" + out][()], g["vs_baseline_alone/" + out][()]
                cb, ab = base["change/" + out][()], base["change_alone/" + out][()]
                with np.errstate(invalid="ignore"):
                    m = np.isfinite(vb) & np.isfinite(ch) & np.isfinite(cb)
                    if m.any():
                        T.hold("drivers", f"'{o}' {out}: vs_baseline = option - baseline", np.max(np.abs(vb - (ch - cb))[m]), tol)
                    m = np.isfinite(vba) & np.isfinite(al) & np.isfinite(ab)
                    if m.any():
                        T.hold("drivers", f"'{o}' {out}: vs_baseline_alone = option - baseline", np.max(np.abs(vba - (al - ab))[m]), tol)
                if out in f[f"comparison/{o}"]:
                    cmp_ = f[f"comparison/{o}/{out}"][()][:N]
                    cmp_ = cmp_[:, None] if cmp_.ndim == 1 else cmp_
                    if np.all(np.isfinite(cmp_)):
                        T.hold("drivers", f"'{o}' {out}: vs_baseline end = mean of /comparison",
                               np.max(np.abs(vb[-1] - cmp_.mean(0))), tol)


# ------------------------------------------------------------------ main
def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    pcsim, work = os.path.realpath(sys.argv[1]), sys.argv[2]
    t0 = time.time()
    multi_h5, sobol_h5 = os.path.join(work, "multi.h5"), os.path.join(work, "sobol.h5")
    run_pcsim(pcsim, [MULTI, "-o", multi_h5, "--iterations", str(MULTI_ITER), "--seed", str(MULTI_SEED),
                      "--drivers", "--driver-iterations", str(DRIVER_ITER), "--sobol", "16", "--bootstrap", "20"])
    run_pcsim(pcsim, [SOBOL, "-o", sobol_h5, "--iterations", "20", "--seed", str(SOBOL_SEED),
                      "--sobol", str(SOBOL_ROWS_PCSIM), "--bootstrap", str(SOBOL_BOOT_PCSIM)])
    t_pcsim = time.time() - t0
    central_m, raw_m, prs_m = load(MULTI)
    with h5py.File(multi_h5, "r") as f:
        opts, npv, ok, evpi = check_evpi(f)
        check_evppi(f, raw_m, opts, npv, ok, evpi)
        check_sobol_lists(f, raw_m)
        check_drivers(f, central_m, raw_m, prs_m)
    central_s, raw_s, prs_s = load(SOBOL)
    with h5py.File(sobol_h5, "r") as f:
        check_sobol(f, central_s, raw_s, prs_s)
    for (part, kind), (n, w, what) in T.by_part.items():
        print(f"  {part:8} {kind[:24]:24} {n:5d} figures, largest deviation {w:.3g} tolerances ({what})")
    for line in T.failures[:60]:
        print("FAIL", line)
    if len(T.failures) > 60:
        print(f"FAIL ... and {len(T.failures) - 60} more")
    status = "FAILED" if T.failures else "ok"
    print(f"analytics from docs: {status}: {T.n} figures checked, {len(T.failures)} failed; largest deviation "
          f"{T.worst:.3g} tolerances ({T.where}); pcsim {t_pcsim:.1f} s, all {time.time() - t0:.1f} s")
    return 1 if T.failures else 0


if __name__ == "__main__":
    sys.exit(main())
