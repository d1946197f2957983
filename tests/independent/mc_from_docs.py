#!/usr/bin/python3
"""pcsim's Monte Carlo model computed again from the documents alone (docs/model.md,
docs/scenario-format.md, docs/output-format.md), reusing the doc-derived central
implementation's loading (tests/independent/central_from_docs.py).

Arrays are [iterations x practices]; random numbers are numpy's default_rng, not Philox:
only the law is meant to agree with pcsim, not the draws. Written on 2026-12-07 by a
reviewer who read the documents and none of pcsim's source or tests (as
central_from_docs.py); tests/independent/check_mc_from_docs.py compares it with pcsim.
When the model changes, change this file from the changed documents, never from the C++.
"""
import copy
import math
import os
import sys
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import central_from_docs as C

BANDS = C.BANDS


# ---------------------------------------------------------------- parameter distributions
def pert_ab(mn, mo, mx, lam=4.0):
    if mx == mn:
        return None
    return 1 + lam * (mo - mn) / (mx - mn), 1 + lam * (mx - mo) / (mx - mn)


def beta_ab(v):
    if "alpha" in v:
        return v["alpha"], v["beta"]
    m, s = v["mean"], v["sd"]
    k = m * (1 - m) / s ** 2 - 1
    return m * k, (1 - m) * k


def sample(v, N, rng):
    """N draws of a scenario value (plain, {value}, or {dist})."""
    if not isinstance(v, dict):
        return v
    if "dist" not in v or v["dist"] == "fixed":
        return v["value"]
    d = v["dist"]
    if d == "uniform":
        return rng.uniform(v["min"], v["max"], N)
    if d == "triangular":
        mn, mo, mx = v["min"], v["mode"], v["max"]
        if mx == mn:
            return np.full(N, float(mn))
        u = rng.random(N)
        c = (mo - mn) / (mx - mn)
        return np.where(u < c, mn + np.sqrt(u * (mx - mn) * (mo - mn)),
                        mx - np.sqrt((1 - u) * (mx - mn) * (mx - mo)))
    if d == "pert":
        mn, mo, mx = v["min"], v["mode"], v["max"]
        ab = pert_ab(mn, mo, mx, v.get("lambda", 4.0))
        if ab is None:
            return np.full(N, float(mn))
        return mn + (mx - mn) * rng.beta(ab[0], ab[1], N)
    if d == "beta":
        a, b = beta_ab(v)
        return rng.beta(a, b, N)
    if d == "normal":
        m, s = v["mean"], v["sd"]
        lo, hi = v.get("lower", -np.inf), v.get("upper", np.inf)
        out = np.empty(0)
        while out.size < N:
            x = rng.normal(m, s, 4 * N)
            out = np.concatenate([out, x[(x >= lo) & (x <= hi)]])
        return out[:N]
    if d == "lognormal":
        if "mu" in v:
            mu, sg = v["mu"], v["sigma"]
        else:
            sg = math.sqrt(math.log(1 + (v["sd"] / v["mean"]) ** 2)); mu = math.log(v["mean"]) - sg * sg / 2
        lo, hi = v.get("lower", 0.0), v.get("upper", np.inf)
        out = np.empty(0)
        while out.size < N:
            x = np.exp(rng.normal(mu, sg, 4 * N))
            out = np.concatenate([out, x[(x >= lo) & (x <= hi)]])
        return out[:N]
    if d == "discrete":
        vals = np.array(v["values"], float); w = np.array(v.get("weights", [1] * len(vals)), float)
        return rng.choice(vals, N, p=w / w.sum())
    raise NotImplementedError(d)


def option_raw(doc):
    """Like C.option_params, but keeps every value raw (distribution tables)."""
    ident = lambda v: v
    save = C.central
    C.central = ident
    try:
        ops = C.option_params(doc)
    finally:
        C.central = save
    return ops


def draw_params(Praw, N, rng, cache):
    """Sample every parameter: scalar where fixed, array [N] where uncertain. The same
    (path, distribution) gets the same draws in every option (common random numbers)."""
    def s(path, v):
        if isinstance(v, dict) and "dist" in v and v["dist"] != "fixed":
            key = (path, repr(sorted(v.items())))
            if key not in cache:
                x = sample(v, N, rng)
                rk = cache.get(("__rank__", path))
                if rk is not None:
                    x = np.sort(x)[rk]
                cache[key] = x
            return cache[key]
        return C.central(v)
    P = {}
    for k, v in Praw.items():
        if k in ("roles", "stds"):
            continue
        P[k] = s(k, v)
    P["roles"] = {rn: {pk: (pv if pk == "attributes_column" else s(f"roles.{rn}.{pk}", pv)) for pk, pv in R.items()}
                  for rn, R in Praw["roles"].items()}
    P["stds"] = {sn: {pk: s(f"funding.quality_standards.{sn}.{pk}", pv) for pk, pv in S.items()}
                 for sn, S in Praw["stds"].items()}
    return P


def col(x, N):
    """parameter as an [N,1] column for broadcasting over practices."""
    return np.broadcast_to(np.asarray(x, float), (N,)).reshape(N, 1)


# ---------------------------------------------------------------- simulation
def simulate_mc(prs, P, N, rng, opt=None, trace=None):
    """One option's iterations; with trace (a dict) also the --per-practice figures of
    docs/output-format.md, "practices/", as [N x practices x years] arrays."""
    opt = opt or {}
    n = len(prs)
    H = int(P["horizon_years"])
    infl = np.broadcast_to(np.asarray(P["funding.inflation"], float), (N,))  # drawn per iteration
    lvl = P["commissioning_level"]
    roles = P["roles"]; stds = P["stds"]
    rnames = list(roles); R_ = len(rnames)
    L = np.tile(np.array([p["L"] for p in prs], float), (N, 1))
    W = np.tile(np.array([p["W"] for p in prs], float), (N, 1))
    Wpay = np.array([p.get("Wpay", p["W"]) for p in prs], float)
    core = np.array([p["core"] for p in prs], float)
    bands0 = np.array([p["bands"] for p in prs], float)
    bands = np.tile(np.rint(bands0)[None], (N, 1, 1)).astype(np.int64)
    H0 = bands0.sum(1)
    L0 = L[0]
    rho = np.tile(np.where(L0 > 0, H0 / L0, 0.0), (N, 1))

    def rb(p, r):
        c_ = roles[r].get("attributes_column")
        if c_:
            v = p["attr"].get("cols", {}).get(C.norm(c_))
            if v is not None:
                return v
        return np.nan
    rbase_file = np.array([[rb(p, r) for r in rnames] for p in prs], float).reshape(n, R_)
    role_base = np.zeros((N, n, R_))
    for j, rn in enumerate(rnames):
        per1000 = col(roles[rn]["baseline_fte_per_1000"], N)
        role_base[:, :, j] = np.where(np.isnan(rbase_file[None, :, j]), per1000 * L0[None, :] / 1000, rbase_file[None, :, j])
    openp = np.ones((N, n), bool)
    apms = np.array([p["apms"] for p in prs], bool)
    nbid = np.unique(np.array([p["nb"] for p in prs]), return_inverse=True)[1]
    arid = np.unique(np.array([p["ccg"] for p in prs]), return_inverse=True)[1]
    # ---- funding target, per iteration when a parameter it reads is uncertain
    f0 = core / Wpay
    tkeys = ["funding.trust_min_weighted_list", "funding.trust_max_ratio_to_median", "funding.target_percentile", "funding.target_pounds"]

    def targets(Ps):
        fstar = np.full(n, np.nan)
        if not P["funding.levelling_up"]:
            return fstar
        scope = P["funding.target_scope"]
        key = [(p["ccg"] if scope == "area" else p["icb"] if scope == "icb" else "all") for p in prs]
        # Rules 1 to 3 (docs/model.md, Which practices can be trusted): the median is over
        # practices with a large enough list, a whole year and core funding above £0.
        ok12 = np.array([(Wpay[i] >= Ps["funding.trust_min_weighted_list"]) and not prs[i]["opened"] and not prs[i]["closed_in_year"] and core[i] > 0 for i in range(n)])
        trusted = ok12.copy()
        k = Ps["funding.trust_max_ratio_to_median"]
        for g in set(key):
            idx = [i for i in range(n) if key[i] == g and ok12[i]]
            if not idx:
                continue
            m = C.percentile([f0[i] for i in idx], 50)
            for i in idx:
                if f0[i] > k * m or f0[i] < m / k:
                    trusted[i] = False
        for g in set(key):
            idx = [i for i in range(n) if key[i] == g and trusted[i]]
            if not idx:
                continue
            t_ = P["funding.target"]
            if t_ == "median":
                fs = C.percentile([f0[i] for i in idx], 50)
            elif t_ == "percentile":
                fs = C.percentile([f0[i] for i in idx], Ps["funding.target_percentile"])
            elif t_ == "mean":
                fs = core[idx].sum() / Wpay[idx].sum()
            else:
                fs = Ps["funding.target_pounds"]
            for i in idx:
                fstar[i] = fs
        return fstar
    if any(np.ndim(P[k]) for k in tkeys):
        fstar = np.array([targets({k: (P[k][i] if np.ndim(P[k]) else P[k]) for k in tkeys}) for i in range(N)])
    else:
        fstar = np.tile(targets(P), (N, 1))
    # ---- quality sign-ups, once per iteration (events of year 0)
    snames = list(stds)
    applies = np.zeros((N, n, len(snames)))
    for k_, sn in enumerate(snames):
        sd = stds[sn]
        if sd["mandatory"]:
            applies[:, :, k_] = 1.0
        else:
            applies[:, :, k_] = rng.random((N, n)) < col(sd["sign_up_share"], N)
    # ---- referral baseline
    peer = np.array([p["peer"] for p in prs])
    rfile = np.array([np.nan if p["attr"].get("ref") is None else p["attr"]["ref"] for p in prs], float)
    cv = col(P["savings.referral_rate_cv"], N)
    sl = np.sqrt(np.log(1 + cv ** 2))
    z = rng.standard_normal((N, n))
    r0 = np.tile(rfile, (N, 1))
    W0 = W[0]
    for g in set(peer):
        m_ = (peer == g) & ~np.isnan(rfile)
        rbar = (W0[m_] * rfile[m_]).sum() / W0[m_].sum() if m_.any() else P["savings.referrals_per_1000_weighted"]
        miss = (peer == g) & np.isnan(rfile)
        rb_ = col(rbar, N)
        r0[:, miss] = (rb_ * np.exp(sl * z - sl ** 2 / 2))[:, miss]
    bench = np.zeros((N, n))
    for g in set(peer):
        idx = np.where(peer == g)[0]
        bp = P["savings.benchmark_percentile"]
        if np.ndim(bp):
            bench[:, idx] = np.array([np.percentile(r0[i, idx], bp[i]) for i in range(N)])[:, None]
        else:
            bench[:, idx] = np.percentile(r0[:, idx], bp, axis=1)[:, None]
    rt = r0.copy()
    pfile = np.array([np.nan if p["attr"].get("pres") is None else p["attr"]["pres"] for p in prs], float)
    pres0 = np.where(np.isnan(pfile)[None, :], col(P["savings.prescribing_per_weighted"], N), pfile[None, :])
    base_spend = P["funding.baseline_spend"] or core.sum()
    B0 = P["funding.allocation"] or base_spend
    sy = P["start_year"]; fcy = P["additional_roles.first_calendar_year"]
    Cc = col(P["additional_roles.fte_per_10000_ceiling"], N); g_ar = col(P["additional_roles.growth_share"], N)
    d0 = col(P["additional_roles.fte_per_10000_start"], N) * (1.0 if (sy - 1) >= fcy else 0.0)
    rmult = np.asarray(P["workforce.retirement_multiplier"], float).reshape(-1, 1) if np.ndim(P["workforce.retirement_multiplier"]) else np.full((N, 1), P["workforce.retirement_multiplier"])
    rrate = np.column_stack([col(P["workforce.retirement_rate." + b], N)[:, 0] for b in BANDS])
    ret = np.minimum(1.0, rrate * rmult)  # [N,9]
    entry = BANDS.index(P["workforce.entry_band"])
    fill = col(P["workforce.fill_rate"], N)
    out = {}
    # --per-practice: 1 from the year a practice closed or merged (docs/model.md, Practice
    # changes: "closed and merged (1 from the year it went)")
    ever_closed = np.zeros((N, n), bool); ever_merged = np.zeros((N, n), bool)

    def put(k, t, v):
        out.setdefault(k, np.zeros((N, H)))[:, t - 1] = v
    for t in range(1, H + 1):
        open_start = openp.copy()       # the practices that run year t (How a year is run)
        Iv = (1 + infl) ** t            # [N]
        I = Iv[:, None]                 # [N,1] for practice arrays
        # 1. list step
        e = rng.standard_normal((N, n)) * col(P["population.list_noise_sd"], N)
        fac = np.maximum(0.0, 1 + col(P["population.list_growth"], N) + e)
        L = L * fac; W = W * fac
        # 2. funding
        Y = col(P["funding.levelling_years"], N)
        with np.errstate(divide="ignore", invalid="ignore"):
            rmp = np.where(Y <= 0, 1.0, np.minimum(1.0, t / np.where(Y <= 0, 1, Y)))
        mred = col(P["funding.max_reduction_per_year"], N)
        fv = np.array(np.broadcast_to(f0[None, :] * I, (N, n)))
        if P["funding.levelling_up"]:
            has = ~np.isnan(fstar)
            fs_ = np.where(has, fstar, 0.0)
            up = has & (f0[None, :] < fs_)
            lev = I * (f0[None, :] + (fs_ - f0[None, :]) * rmp)
            fv = np.where(up, lev, fv)
            if P["funding.level_down"]:
                dn = has & (f0[None, :] > fs_)
                fv = np.where(dn, I * np.maximum(f0[None, :] + (fs_ - f0[None, :]) * rmp, f0[None, :] * (1 - mred * t)), fv)
        LUp = (fv - f0 * I) * W
        u = np.where(f0 != 0, (fv - f0 * I) / np.where(f0 != 0, f0 * I, 1), 0.0)
        lrate = np.minimum(1.0, col(P["workforce.leaver_rate"], N) * np.maximum(0.0, 1 - col(P["workforce.leaver_reduction_per_uplift"], N) * u))
        lrate = np.broadcast_to(lrate, (N, n))
        # 3. GP exits and ageing
        retire = rng.binomial(bands, np.broadcast_to(ret[:, None, :], bands.shape))
        rem = bands - retire
        leave = rng.binomial(rem, np.broadcast_to(lrate[:, :, None], bands.shape))
        rest = rem - leave
        agep = np.full(9, 0.2); agep[-1] = 0.0
        age = rng.binomial(rest, np.broadcast_to(agep, bands.shape))
        nb_ = rest - age
        nb_[:, :, 1:] += age[:, :, :-1]
        Hx = nb_.sum(2)
        extra = col(P["workforce.extra_gp_posts_per_30000"], N)
        E = rho * L + extra * L / 30000
        v = np.maximum(0.0, E - Hx)
        fl = np.floor(v)
        posts = fl + (rng.random((N, n)) < (v - fl))
        rec = rng.binomial(posts.astype(np.int64), np.broadcast_to(fill, (N, n)))
        rec = np.where(openp, rec, 0)
        nb_[:, :, entry] += rec
        bands = nb_
        Hc = bands.sum(2).astype(float)
        ftep = col(P["workforce.fte_per_head"], N) * (1 + col(P["workforce.fte_trend"], N)) ** t
        gpfte = Hc * ftep
        # 4. roles
        role_fte = role_base.copy(); other_cap = np.zeros((N, n)); newcost = np.zeros(N)
        for j, rn in enumerate(rnames):
            R = roles[rn]
            if t >= max(1, R["start_year"]):
                nf = col(R["new_posts_per_30000"], N) * L / 30000 * col(R["role_fill_rate"], N)
            else:
                nf = np.zeros((N, n))
            role_fte[:, :, j] += nf
            other_cap += role_fte[:, :, j] * col(R["appointments_per_fte"], N)
            newcost += nf.sum(1) * np.asarray(R["cost_per_fte"], float) * Iv
        X = extra * L / 30000
        with np.errstate(divide="ignore", invalid="ignore"):
            Ffill = np.where(E > 0, X * np.minimum(1.0, Hc / np.where(E > 0, E, 1)), 0.0)
        newcost = newcost + Ffill.sum(1) * ftep[:, 0] * np.asarray(P["capacity.appointments_per_gp_fte"]) * P["capacity.gp_appointment_cost"] * Iv
        kk = sum(1 for tp in range(1, t + 1) if sy + tp - 1 >= fcy)
        dt = Cc - (Cc - d0) * (1 - g_ar) ** kk
        arrs = dt * W / 10000
        arrs_app = arrs * P["additional_roles.appointments_per_fte"]
        arrs_gp = arrs_app * P["additional_roles.gp_demand_share"]; arrs_oth = arrs_app - arrs_gp
        # 5. demand and capacity
        D = L * col(P["population.consultations_per_patient"], N) * (1 + col(P["population.consultation_growth"], N)) ** t
        dY = P["population.diversion_ramp_years"]
        dshare = col(P["population.diversion_max"], N) * (1.0 if dY <= 0 else min(1.0, t / dY))
        sgp = col(P["population.gp_share"], N); csc = col(P["population.self_care_share"], N)
        gpdem = sgp * D * (1 - dshare); div = sgp * D * dshare; selfc = div * csc
        othdem = (1 - sgp) * D + div * (1 - csc)
        gpcap = gpfte * col(P["capacity.appointments_per_gp_fte"], N)
        cs = col(P["funding.clinical_spend_share"], N); gts = col(P["funding.gp_time_share"], N)
        fgp = LUp * cs * gts / (P["capacity.gp_appointment_cost"] * I)
        foth = LUp * cs * (1 - gts) / (P["capacity.other_appointment_cost"] * I)
        EA = (col(P["capacity.extended_access_per_1000"], N) * L / 1000) if t >= max(1, P["capacity.extended_access_start_year"]) else np.zeros((N, n))
        U = np.maximum(0.0, gpdem - gpcap - fgp - arrs_gp - EA)
        Uo = np.maximum(0.0, othdem - other_cap - arrs_oth - foth)
        U0 = np.maximum(0.0, gpdem + div - gpcap - arrs_gp)
        cap = gpcap + fgp + arrs_app + other_cap + foth + EA
        # 6. quality
        qual = np.zeros((N, n))
        for k_, sn in enumerate(snames):
            sd = stds[sn]
            ach = rng.random((N, n)) < col(sd["achievement_rate"], N)
            qual += applies[:, :, k_] * ach * col(sd["payment_per_weighted_patient"], N)
        qual_rate = qual * I            # the year's quality payment per weighted patient
        qual = qual_rate * W
        # 7. referrals, prescribing
        if P["savings.benchmarking"]:
            rt = rt - col(P["savings.convergence"], N) * np.maximum(0.0, rt - bench)
        RY = P["savings.ramp_years"]
        rr = 1.0 if RY <= 0 else min(1.0, t / RY)
        e_ = (col(P["savings.limited_value_share"], N) * col(P["savings.eur_reduction"], N) * rr) if P["savings.eur"] else 0.0
        refs = rt * W / 1000 * (1 - e_)
        brefs = r0 * W / 1000
        avoided = brefs - refs
        cpr = np.asarray(P["savings.cost_per_referral"], float) * Iv
        pcost = pres0 * W * (1 + col(P["savings.prescribing_growth"], N)) ** t
        psav = (pcost * col(P["savings.prescribing_reduction"], N) * rr) if P["savings.prescribing_kpi"] else np.zeros((N, n))
        # ---- year-end practice changes
        Lb, Wb = L.copy(), W.copy()
        Pc = np.zeros((N, n)); Pm = np.zeros((N, n))
        hr = np.floor(Hc + 0.5)
        with np.errstate(divide="ignore"):
            lnl = np.where(Lb > 0, np.log(np.where(Lb > 0, Lb, 1) / 10000), 0.0)

        def haz(pre, sdkey):
            cp = lambda x: col(P[f"practice_changes.{pre}_{x}"], N)
            eps = rng.standard_normal((N, 1)) * col(P[f"practice_changes.{sdkey}"], N)
            zz = (cp("intercept") + eps + cp("per_log_list") * lnl
                  + cp("single_handed") * (hr == 1) + cp("no_gp") * (hr == 0)
                  + cp("apms") * apms[None, :])
            return np.where(openp & (Lb > 0), 1 / (1 + np.exp(-zz)), 0.0)
        if P["practice_changes.closures"]:
            Pc = haz("closure", "closure_year_sd")
        if P["practice_changes.mergers"]:
            Pm = np.minimum(haz("merger", "merger_year_sd"), 1 - Pc)
        thr = col(P["workforce.closure_threshold"], N)
        if (thr > 0).any():
            low = openp & (Hc < thr)
            Pc = np.where(low, 1.0, Pc); Pm = np.where(low, 0.0, Pm)
        uu = rng.random((N, n)); uu2 = rng.random((N, n))
        close = openp & (uu < Pc)
        merge = openp & ~close & (uu < Pc + Pm)
        stays = openp & ~close & ~merge
        ncl = np.zeros(N); nmg = np.zeros(N); disp = np.zeros(N); mgd = np.zeros(N); gplost = np.zeros(N)
        for it in np.where((close | merge).any(1))[0]:
            st = stays[it]
            Lbi = Lb[it]; Wbi = Wb[it]
            dL = np.zeros(n); dW = np.zeros(n); dB = np.zeros((n, 9), np.int64); dR = np.zeros((n, R_))
            rho_add = np.zeros(n); m_in = np.zeros(n)
            gone = np.zeros(n, bool)
            for p in np.where(close[it])[0]:
                cand = st & (nbid == nbid[p])
                if not cand.any():
                    cand = st & (arid == arid[p])
                if not cand.any():
                    cand = st.copy()
                if not cand.any():
                    continue
                wts = Lbi * cand
                dL += Lbi[p] * wts / wts.sum(); dW += Wbi[p] * wts / wts.sum()
                ncl[it] += 1; disp[it] += Lbi[p]; gplost[it] += bands[it, p].sum()
                gone[p] = True; ever_closed[it, p] = True
            for p in np.where(merge[it])[0]:
                cand = st & (nbid == nbid[p])
                if not cand.any():
                    cand = st & (arid == arid[p])
                if not cand.any():
                    continue
                idx = np.where(cand)[0]
                cw = np.cumsum(Lbi[idx]); q = idx[min(np.searchsorted(cw, uu2[it, p] * cw[-1], side="right"), len(idx) - 1)]
                dL[q] += Lbi[p]; dW[q] += Wbi[p]; dB[q] += bands[it, p]; dR[q] += role_base[it, p]
                rho_add[q] += rho[it, p] * Lbi[p]; m_in[q] += Lbi[p]
                nmg[it] += 1; mgd[it] += Lbi[p]
                gone[p] = True; ever_merged[it, p] = True
            tch = m_in > 0
            newrho = np.where(tch, (rho[it] * Lbi + rho_add) / np.where(tch, Lbi + m_in, 1), rho[it])
            L[it] = np.where(gone, 0.0, Lbi + dL); W[it] = np.where(gone, 0.0, Wbi + dW)
            bands[it] = np.where(gone[:, None], 0, bands[it] + dB)
            role_base[it] = np.where(gone[:, None], 0.0, role_base[it] + dR)
            rho[it] = np.where(gone, 0.0, newrho)
            openp[it] = openp[it] & ~gone
        dcost = col(P["workforce.dispersal_cost"], N)[:, 0] * Iv * disp
        Hafter = bands.sum(2)
        sh = (openp & (Hafter == 1)).sum(1); nogp = (openp & (Hafter == 0)).sum(1)
        # ---- accounts
        LU = LUp.sum(1); Q = qual.sum(1)
        eac = EA.sum(1) * P["capacity.extended_access_cost"] * Iv
        run = np.asarray(P["funding.running_cost"], float) * Iv * np.ones(N) if lvl == 3 else np.zeros(N)
        inv = LU + Q + eac + newcost + run
        ucost = P["capacity.ae_cost"] * Iv * np.maximum(0.0, P["capacity.unmet_to_ae"] * U.sum(1) - P["capacity.ae_deflection_share"] * EA.sum(1))
        ubase = P["capacity.ae_cost"] * Iv * P["capacity.unmet_to_ae"] * U0.sum(1)
        usav = ubase - ucost
        rsav = avoided.sum(1) * cpr
        sav = rsav + psav.sum(1) + usav
        Bt = B0 * (1 + np.asarray(P["funding.allocation_growth"], float)) ** t
        head = Bt - (base_spend * Iv + inv + dcost)
        ov = np.maximum(0.0, -head)
        sc = P["funding.commissioner_overspend_share_delegated"] if lvl == 3 else P["funding.commissioner_overspend_share_joint"]
        with np.errstate(divide="ignore", invalid="ignore"):
            roi = np.where(inv != 0, sav / np.where(inv != 0, inv, 1), np.nan)
        vals = dict(list_size=L.sum(1), weighted_list=W.sum(1), gp_headcount=Hc.sum(1), gp_fte=gpfte.sum(1),
                    other_fte=role_fte.sum((1, 2)), practices_open=openp.sum(1), closures=ncl,
                    appointments_demand=(gpdem + othdem).sum(1), appointments_capacity=cap.sum(1),
                    appointments_gap=(U + Uo).sum(1), appointments_extended_access=EA.sum(1),
                    appointments_per_1000=cap.sum(1) / Lb.sum(1) * 1000, dispersal_cost=dcost,
                    levelling_up_cost=LU, quality_contract_cost=Q, investment=inv, referrals=refs.sum(1),
                    referrals_avoided=avoided.sum(1), referral_savings=rsav, prescribing_savings=psav.sum(1),
                    urgent_care_cost=ucost, savings=sav, net_cost=inv - sav, roi=roi,
                    budget_headroom=head, overspend=(head < 0).astype(float), appointments_demand_gp=gpdem.sum(1),
                    appointments_capacity_gp=gpcap.sum(1), appointments_gap_gp=U.sum(1),
                    appointments_demand_other=othdem.sum(1), appointments_capacity_other=(other_cap + arrs_oth).sum(1),
                    appointments_gap_other=Uo.sum(1), appointments_self_care=selfc.sum(1),
                    appointments_funded_gp=fgp.sum(1), appointments_funded_other=foth.sum(1),
                    gp_retirements=retire.sum((1, 2)), gp_leavers=leave.sum((1, 2)), gp_recruits=rec.sum(1),
                    gp_closure_losses=gplost, mergers=nmg, patients_dispersed=disp, patients_merged=mgd,
                    arrs_fte=arrs.sum(1), arrs_appointments=arrs_app.sum(1),
                    arrs_cost=arrs.sum(1) * P["additional_roles.reimbursement_per_fte"] * Iv,
                    extended_access_cost=eac, new_roles_cost=newcost, running_cost=run,
                    baseline_spend=base_spend * Iv, urgent_care_savings=usav,
                    baseline_referral_cost=brefs.sum(1) * cpr, baseline_prescribing_cost=pcost.sum(1),
                    baseline_urgent_care_cost=ubase, overspend_amount=ov, overspend_commissioner=ov * sc,
                    overspend_nhs_england=ov - ov * sc, single_handed_practices=sh, practices_without_gp=nogp)
        for k2, v2 in vals.items():
            put(k2, t, np.broadcast_to(np.asarray(v2, float), (N,)))
        if trace is not None:
            # docs/output-format.md, practices/: the last three are the year's figures
            # before its changes, 0 for a practice gone in an earlier year; funding per
            # weighted patient is f(p,t) plus the quality payment per weighted patient
            # (docs/model.md, How a year is run).
            figures = dict(closed=ever_closed, merged=ever_merged, appointments_gap=(U + Uo) * open_start,
                           funding_per_weighted=(fv + qual_rate) * open_start,
                           arrs_fte=np.broadcast_to(arrs, (N, n)) * open_start)
            for k2, v2 in figures.items():
                trace.setdefault(k2, np.zeros((N, n, H)))[:, :, t - 1] = v2
    inv = out["investment"]; sav = out["savings"]
    ci, cs_ = np.cumsum(inv, 1), np.cumsum(sav, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["cumulative_roi"] = np.where(ci != 0, cs_ / np.where(ci != 0, ci, 1), np.nan)
    r = col(P["economics.discount_rate"], N)
    disc = np.column_stack([(1 + infl) ** t * (1 + r[:, 0]) ** t for t in range(1, H + 1)])  # infl [N]
    out["npv"] = ((sav - inv) / disc).sum(1)
    ok = (cs_ >= ci) & (ci > 0)
    out["payback_year"] = np.where(ok.any(1), ok.argmax(1) + 1.0, np.nan)
    return out


# ---------------------------------------------------------------- rank correlations
# docs/scenario-format.md, [sampling]: the targets of all pairs form a matrix (1 on the
# diagonal, 0 for pairs not given) that must be positive semi-definite; with
# repair_correlation = true the nearest correlation matrix (Higham 2002) is used instead.
PSD_TOLERANCE = 1e-10  # the document: "no negative eigenvalue" means none below -1e-10


def target_matrix(correlations):
    """The names (sorted) and the matrix of target Spearman correlations."""
    names = sorted({c["a"] for c in correlations} | {c["b"] for c in correlations})
    R = np.eye(len(names))
    for c in correlations:
        i, j = names.index(c["a"]), names.index(c["b"])
        R[i, j] = R[j, i] = c["rank_correlation"]
    return names, R


def nearest_correlation(A, tolerance=1e-12, max_iterations=10000):
    """Higham (2002), "Computing the nearest correlation matrix - a problem from finance",
    section 3: alternating projections onto the positive semi-definite matrices and the
    unit-diagonal ones, with Dykstra's correction on the first; the plain Frobenius norm
    (every entry weighted alike) and the document's stopping rule: no entry moves by more
    than 1e-12, at most 10,000 rounds."""
    Y, correction = A.copy(), np.zeros_like(A)
    for _ in range(max_iterations):
        R = Y - correction
        w, V = np.linalg.eigh(R)
        X = (V * np.maximum(w, 0.0)) @ V.T        # projection onto the PSD cone
        correction = X - R
        Y_next = X.copy()
        np.fill_diagonal(Y_next, 1.0)             # projection onto unit diagonals
        if np.abs(Y_next - Y).max() <= tolerance:
            return Y_next
        Y = Y_next
    return Y


def rank_targets(sampling):
    """The Spearman targets the run imposes: the scenario's, or their nearest correlation
    matrix when they cannot all hold together and repair_correlation = true (an error
    otherwise, as pcsim's reader gives)."""
    names, R = target_matrix(sampling["correlations"])
    smallest = np.linalg.eigvalsh(R).min()
    if smallest < -PSD_TOLERANCE:
        if not sampling.get("repair_correlation", False):
            raise ValueError(f"rank correlations not positive semi-definite (smallest "
                             f"eigenvalue {smallest:.5g})")
        R = nearest_correlation(R)
    return names, R


def normal_score_factor(R):
    """A factor F with F F' = the Pearson matrix 2 sin(pi R / 6) of the normal scores.
    A repaired R is singular, and the sine map can make its Pearson matrix indefinite: as
    the document says, its negative eigenvalues are then set to 0 (a symmetric square root,
    the diagonal not rescaled), so the realised correlations fall a little short."""
    P = 2 * np.sin(np.pi * R / 6)
    np.fill_diagonal(P, 1.0)
    try:
        return np.linalg.cholesky(P)
    except np.linalg.LinAlgError:
        w, V = np.linalg.eigh(P)
        return (V * np.sqrt(np.maximum(w, 0.0))) @ V.T


def run(path, N, seed=12345, opts=None, per_practice=False):
    doc, d = C.load_scenario(path)
    doc["__dir__"] = d
    ops_c = C.option_params(doc)
    prs = C.load_practices(doc, ops_c[0][1], opts)
    ops = option_raw(doc)
    rng = np.random.default_rng(seed)
    cache = {}
    smp = doc.get("sampling", {})
    if smp.get("correlations"):
        # Iman-Conover with a Gaussian copula: Spearman target -> Pearson of normal scores
        names, R = rank_targets(smp)
        Z = rng.standard_normal((N, len(names))) @ normal_score_factor(R).T
        for j, nm in enumerate(names):
            cache[("__rank__", nm)] = np.argsort(np.argsort(Z[:, j]))
    res = {}
    params = {}
    import os
    only = os.environ.get("ONLY")
    for name, Praw in ops:
        if only is not None and name not in only.split("|"):
            continue
        P = draw_params(Praw, N, rng, cache)
        params[name] = P
        trace = {} if per_practice else None
        res[name] = simulate_mc(prs, P, N, rng, opts, trace)
        if per_practice:
            res[name]["practices"] = trace
    return res, prs, params


if __name__ == "__main__":
    import time
    t0 = time.time()
    res, prs, params = run(sys.argv[1], int(sys.argv[2]))
    print(len(prs), time.time() - t0)
