#!/usr/bin/python3
"""pcsim's central case computed again from the documents alone.

Written on 2026-12-07 by a reviewer who read docs/model.md, docs/scenario-format.md,
docs/output-format.md and the data, and none of pcsim's source or tests: what a reader of
the documents computes. `run(SCENARIO)` loads the scenario and its practice files as
docs/scenario-format.md says and projects every option with every parameter at its
central value and every random event at its expectation (docs/model.md, "Central case"),
returning per option every per-year metric, `npv`, `payback_year` and the per-practice
figures (`__pp__`). tests/independent/check_central_from_docs.py compares it with
`pcsim run --central`.

Keep it that way: when the model changes, change this file from the changed documents,
not from the C++; a disagreement is then a document or a code error to find, never a
number to copy. `opts` switches a few readings the documents once left open (the GP
split, closures counted without the open share), to show that the figures pin them.
"""
import sys, os, re, math, copy, tomllib, datetime
import numpy as np
import pandas as pd

BANDS = ["under_30", "30_34", "35_39", "40_44", "45_49", "50_54", "55_59", "60_64", "65_plus"]
RET_DEFAULT = dict(zip(BANDS, [0, 0, 0.002, 0.003, 0.005, 0.02, 0.07, 0.16, 0.3]))

DEFAULTS = {
    "commissioning_level": 2, "horizon_years": 10, "start_year": 2017,
    "population.list_growth": 0.006, "population.list_noise_sd": 0.01,
    "population.consultations_per_patient": 5.2, "population.consultation_growth": 0.01,
    "population.gp_share": 0.55, "population.diversion_max": 0.0,
    "population.diversion_ramp_years": 3, "population.self_care_share": 0.3,
    "workforce.retirement_multiplier": 1.0, "workforce.leaver_rate": 0.03,
    "workforce.fill_rate": 0.8, "workforce.entry_band": "30_34", "workforce.fte_per_head": 0.75,
    "workforce.fte_trend": -0.01, "workforce.extra_gp_posts_per_30000": 0.0,
    "workforce.dispersal_cost": 50.0, "workforce.closure_threshold": 0.0,
    "workforce.leaver_reduction_per_uplift": 0.0,
    "capacity.appointments_per_gp_fte": 7500, "capacity.extended_access_per_1000": 0.0,
    "capacity.extended_access_start_year": 1, "capacity.extended_access_cost": 0.0,
    "capacity.unmet_to_ae": 0.05, "capacity.ae_cost": 148, "capacity.ae_deflection_share": 0.0,
    "capacity.gp_appointment_cost": 39, "capacity.other_appointment_cost": 13,
    "funding.levelling_up": False, "funding.target": "median", "funding.target_scope": "area",
    "funding.trust_min_weighted_list": 1000, "funding.trust_max_ratio_to_median": 2,
    "funding.clinical_spend_share": 0.0, "funding.gp_time_share": 0.5,
    "funding.target_percentile": 50, "funding.target_pounds": 0, "funding.levelling_years": 1,
    "funding.level_down": False, "funding.max_reduction_per_year": 0.02, "funding.inflation": 0.02,
    "funding.running_cost": 0.0, "funding.allocation": 0.0, "funding.allocation_growth": 0.02,
    "funding.commissioner_overspend_share_joint": 0.0,
    "funding.commissioner_overspend_share_delegated": 1.0, "funding.baseline_spend": 0.0,
    "savings.referrals_per_1000_weighted": 300, "savings.referral_rate_cv": 0.15,
    "savings.benchmarking": False, "savings.benchmark_percentile": 25, "savings.convergence": 0.2,
    "savings.eur": False, "savings.limited_value_share": 0.05, "savings.eur_reduction": 0.28,
    "savings.ramp_years": 1, "savings.cost_per_referral": 570, "savings.prescribing_per_weighted": 150,
    "savings.prescribing_growth": 0.03, "savings.prescribing_kpi": False,
    "savings.prescribing_reduction": 0.0, "economics.discount_rate": 0.035,
    "practice_changes.mergers": False, "practice_changes.closures": False,
    "additional_roles.fte_per_10000_start": 0.0, "additional_roles.fte_per_10000_ceiling": 0.0,
    "additional_roles.growth_share": 0.3, "additional_roles.first_calendar_year": 2019,
    "additional_roles.appointments_per_fte": 4000, "additional_roles.gp_demand_share": 0.5,
    "additional_roles.reimbursement_per_fte": 45000,
}
for b in BANDS:
    DEFAULTS["workforce.retirement_rate." + b] = RET_DEFAULT[b]
for k in ["merger", "closure"]:
    for x in ["intercept", "per_log_list", "single_handed", "no_gp", "apms", "year_sd"]:
        DEFAULTS[f"practice_changes.{k}_{x}"] = 0.0
ROLE_DEFAULTS = {"baseline_fte_per_1000": 0.0, "appointments_per_fte": 6000, "new_posts_per_30000": 0.0,
                 "role_fill_rate": 0.8, "cost_per_fte": 50000, "start_year": 1}
STD_DEFAULTS = {"payment_per_weighted_patient": 0.0, "achievement_rate": 1.0, "mandatory": True,
                "sign_up_share": 1.0}

# ---------------------------------------------------------------- central values
_st = None


def central(v):
    if not isinstance(v, dict):
        return v
    if "dist" not in v:
        return v["value"]
    d = v["dist"]
    if d == "fixed":
        return v["value"]
    if d == "uniform":
        return (v["min"] + v["max"]) / 2
    if d in ("triangular", "pert"):
        return v["mode"]
    if d == "beta":
        if "mean" in v:
            return v["mean"]
        return v["alpha"] / (v["alpha"] + v["beta"])
    if d == "discrete":
        vals = v["values"]; w = v.get("weights", [1] * len(vals))
        return sum(a * b for a, b in zip(vals, w)) / sum(w)
    Phi = lambda x: 0.5 * (1 + math.erf(x / math.sqrt(2))) if np.isfinite(x) else (1.0 if x > 0 else 0.0)
    phi = lambda x: math.exp(-x * x / 2) / math.sqrt(2 * math.pi) if np.isfinite(x) else 0.0
    if d == "normal":
        m, s = v["mean"], v["sd"]
        lo, hi = v.get("lower", -np.inf), v.get("upper", np.inf)
        a, b = (lo - m) / s, (hi - m) / s
        return m + s * (phi(a) - phi(b)) / (Phi(b) - Phi(a))
    if d == "lognormal":
        if "mu" in v:
            mu, sg = v["mu"], v["sigma"]
        else:
            sg = math.sqrt(math.log(1 + (v["sd"] / v["mean"]) ** 2)); mu = math.log(v["mean"]) - sg * sg / 2
        lo, hi = v.get("lower", 0.0), v.get("upper", np.inf)
        la = (math.log(lo) - mu) / sg if lo > 0 else -np.inf
        lb = (math.log(hi) - mu) / sg if np.isfinite(hi) else np.inf
        return math.exp(mu + sg * sg / 2) * (Phi(lb - sg) - Phi(la - sg)) / (Phi(lb) - Phi(la))
    raise NotImplementedError(d)


def flatten(tbl, prefix=""):
    out = {}
    for k, v in tbl.items():
        p = prefix + k
        if isinstance(v, dict) and not ("value" in v or "dist" in v):
            out.update(flatten(v, p + "."))
        else:
            out[p] = v
    return out


def load_scenario(path):
    with open(path, "rb") as f:
        doc = tomllib.load(f)
    base = dict(doc)
    d = os.path.dirname(os.path.abspath(path))
    for inc in doc.get("include", []):
        with open(os.path.join(d, inc), "rb") as f:
            sub = tomllib.load(f)
        for k, v in flatten(sub).items():
            base.setdefault("__inc__", {})[k] = v
    return doc, d


RUN_KEYS = {"format", "name", "description", "seed", "iterations", "baseline", "include", "practices",
            "sampling", "options", "__inc__"}


def option_params(doc):
    basekeys = {}
    for k, v in doc.items():
        if k in RUN_KEYS:
            continue
        if isinstance(v, dict) and not ("value" in v or "dist" in v):
            basekeys.update(flatten(v, k + "."))
        else:
            basekeys[k] = v
    # includes
    d = doc["__dir__"]
    for inc in doc.get("include", []):
        with open(os.path.join(d, inc), "rb") as f:
            sub = tomllib.load(f)
        basekeys.update(flatten(sub))
    opts = [(doc.get("baseline", "baseline"), basekeys)]
    for o in doc.get("options", []):
        ok = dict(basekeys)
        for k, v in o.items():
            if k in ("name", "description"):
                continue
            if isinstance(v, dict) and not ("value" in v or "dist" in v):
                ok.update(flatten(v, k + "."))
            else:
                ok[k] = v
        opts.append((o["name"], ok))
    res = []
    for name, keys in opts:
        P = dict(DEFAULTS)
        roles, stds = {}, {}
        for k, v in keys.items():
            if k.startswith("roles."):
                _, rn, pk = k.split(".", 2)
                roles.setdefault(rn, dict(ROLE_DEFAULTS))
                roles[rn][pk] = central(v) if pk != "attributes_column" else v
            elif k.startswith("funding.quality_standards."):
                _, _, sn, pk = k.split(".", 3)
                stds.setdefault(sn, dict(STD_DEFAULTS))
                stds[sn][pk] = central(v)
            elif k.startswith("workforce.retirement_rate."):
                b = k.split(".")[2].strip('"')
                P["workforce.retirement_rate." + b] = central(v)
            else:
                P[k] = central(v)
        # roles/standards declared as empty tables
        for rn in doc.get("roles", {}):
            roles.setdefault(rn, dict(ROLE_DEFAULTS))
        P["roles"] = dict(sorted(roles.items()))
        P["stds"] = dict(sorted(stds.items()))
        res.append((name, P))
    return res


# ---------------------------------------------------------------- practices

def norm(h):
    h = h.replace("\ufeff", "").strip()
    h = re.sub(r"_?£$", "", h)
    return re.sub(r"[^a-z0-9]", "", h.lower())


def money(x):
    if pd.isna(x) or str(x).strip() == "":
        return 0.0
    s = str(x).replace("£", "").replace(",", "").strip()
    if s.startswith("(") and s.endswith(")"):
        return -float(s[1:-1])
    return float(s)


def num(x):
    s = str(x).replace(",", "").strip()
    return float(s)


def pdate(s):
    if pd.isna(s):
        return None
    s = str(s).strip()
    if s in ("", "-"):
        return None
    return datetime.datetime.strptime(s, "%d/%m/%Y").date()


def postcode_key(pc):
    if pc is None or (isinstance(pc, float) and math.isnan(pc)):
        return "~"
    s = re.sub(r"[ \t]", "", str(pc).upper())
    if s == "":
        return "~"
    if len(s) <= 3:
        out, inw = s, ""
    else:
        out, inw = s[:-3], s[-3:]
    m = re.match(r"([A-Z]*)([0-9]*)(.*)", out)
    area, dig, rest = m.group(1), m.group(2), m.group(3)
    dig = dig.zfill(2) if dig else dig
    return area + dig + rest + " " + inw


def lr_split(N, shares):
    tot = sum(shares)
    q = [N * s / tot for s in shares]
    fl = [math.floor(x) for x in q]
    left = N - sum(fl)
    rema = [x - f for x, f in zip(q, fl)]
    order = sorted(range(len(q)), key=lambda i: -rema[i])  # stable: younger first on ties
    n = int(round(left))
    for i in order[:n]:
        fl[i] += 1
    return [float(x) for x in fl]


def load_practices(doc, P0, opts=None):
    pr = doc["practices"]
    d = doc["__dir__"]
    opts = opts or {}
    start_year = P0["start_year"]
    by0, by1 = datetime.date(start_year - 1, 4, 1), datetime.date(start_year, 3, 31)
    df = pd.read_csv(os.path.join(d, pr["payments_csv"]), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    cols = {norm(c): c for c in df.columns}

    def col(*names):
        for n in names:
            if norm(n) in cols:
                return cols[norm(n)]
        return None
    c_code = col("Practice Code"); c_ccg = col("CCG Code", "Sub ICB Location Code")
    c_pc = col("Practice Postcode"); c_open = col("Practice Open Date"); c_close = col("Practice Close Date")
    c_ct = col("Contract Type"); c_L = col("Number of Registered Patients (Last Known Figure)")
    c_W = col("Number of Weighted Patients (Last Known Figure)")
    c_gs = col("Global Sum"); c_mpig = col("MPIG Correction factor"); c_pms = col("Balance of PMS Expenditure")
    c_pcn = col("PCN Code") or (col("Code") if "code" in cols else None)
    rows = []; closed_rows = []
    for _, r in df.iterrows():
        L = num(r[c_L]); W = num(r[c_W])
        cd = pdate(r[c_close]); od = pdate(r[c_open])
        if cd is not None and cd <= by1 and L > 0:
            closed_rows.append(dict(code=r[c_code].strip().upper(), ccg=r[c_ccg].strip(), L=L, W=W,
                                    pcn=(r[c_pcn].strip() if c_pcn and r[c_pcn].strip() and not r[c_pcn].strip().lower().startswith("unknown") else None)))
            continue  # closed in/before base year
        if L <= 0:
            continue
        if W <= 0 and cd is None:
            continue
        pcn = r[c_pcn].strip() if c_pcn else ""
        if pcn.lower().startswith("unknown") or pcn == "":
            pcn = None
        rows.append(dict(code=r[c_code].strip().upper(), ccg=r[c_ccg].strip(), postcode=r[c_pc], L=L, W=W,
                         core=money(r[c_gs]) + money(r[c_mpig]) + money(r[c_pms]),
                         apms=(r[c_ct].strip().upper() == "APMS"),
                         opened=(od is not None and by0 <= od <= by1),
                         closed_in_year=(cd is not None and by0 <= cd <= by1), pcn=pcn))
    for r in rows:
        r["Wpay"] = r["W"]; r["Lpay"] = r["L"]
    # PCN from other years' files (nearest year, ties earlier), for base files without PCN
    if c_pcn is None and "pcn_payments_csv" in pr:
        ylist = []
        for ylab, fp in pr["pcn_payments_csv"].items():
            yy_ = int(ylab[:4]) + 1  # financial year ending
            f2 = pd.read_csv(os.path.join(d, fp), dtype=str, keep_default_na=False, encoding="utf-8-sig")
            c2 = {norm(c): c for c in f2.columns}
            pc2 = c2.get("pcncode") or c2.get("code")
            cd2 = c2["practicecode"]
            mp = {}
            for _, rr in f2.iterrows():
                v = rr[pc2].strip()
                if v and not v.lower().startswith("unknown"):
                    mp[rr[cd2].strip().upper()] = v
            ylist.append((yy_, mp))
        for r in rows:
            best = None
            for yy_, mp in ylist:
                if r["code"] in mp:
                    key_ = (abs(yy_ - start_year), yy_)
                    if best is None or key_ < best[0]:
                        best = (key_, mp[r["code"]])
            r["pcn"] = best[1] if best else None
            r["pcn_later"] = True
    if pr.get("closed_lists", "already_counted") == "move":
        for c in closed_rows:
            rec = []
            if c["pcn"]:
                rec = [r for r in rows if r["pcn"] == c["pcn"] and not r.get("pcn_later")]
            if not rec:
                rec = [r for r in rows if r["ccg"] == c["ccg"]]
            if not rec:
                continue
            rec.sort(key=lambda r: r["code"])
            tot = sum(r["Lpay"] for r in rec)
            movedL = movedW = 0.0
            addL = [c["L"] * r["Lpay"] / tot for r in rec]; addW = [c["W"] * r["Lpay"] / tot for r in rec]
            for k_, r in enumerate(rec):
                if k_ < len(rec) - 1:
                    r["L"] += addL[k_]; r["W"] += addW[k_]; movedL += addL[k_]; movedW += addW[k_]
                else:
                    r["L"] += c["L"] - movedL; r["W"] += c["W"] - movedW
    # ICB map
    icb = {}
    if "area_icb_csv" in pr:
        m = pd.read_csv(os.path.join(d, pr["area_icb_csv"]), dtype=str, encoding="utf-8-sig")
        icb = dict(zip(m.iloc[:, 0].str.strip(), m.iloc[:, 1].str.strip()))
    sel = []
    ccgs = set(pr.get("ccg_codes", [])); icbs = set(pr.get("icb_codes", [])); pcns = set(pr.get("pcn_codes", []))
    for r in rows:
        r["icb"] = icb.get(r["ccg"])
        if not (ccgs or icbs or pcns) or r["ccg"] in ccgs or (r["icb"] in icbs) or (r["pcn"] in pcns):
            sel.append(r)
    sel.sort(key=lambda r: r["code"])
    n = len(sel)
    # attributes file
    SUP = {"c", "*", "..", "x", "z", "[c]", "[x]", "[z]", "-", "N/A", "n/a", "NA"}
    def cell(v):
        v = str(v).strip()
        if v == "" or v in SUP:
            return None
        return float(v.replace(",", "").replace("£", ""))
    attrs = {}
    if "attributes_csv" in pr:
        a = pd.read_csv(os.path.join(d, pr["attributes_csv"]), dtype=str, keep_default_na=False, encoding="utf-8-sig")
        acols = {norm(c): c for c in a.columns}
        def ac(*names):
            for nm in names:
                if norm(nm) in acols:
                    return acols[norm(nm)]
            return None
        cc = ac("Practice Code", "PRAC_CODE", "practice_code")
        bandcols = [ac("TOTAL_GP_HC_UNDER30", "gp_hc_under_30")] + [ac(f"TOTAL_GP_HC_{b[:2]}TO{b[3:]}", f"gp_hc_{b}") for b in BANDS[1:8]]
        c65 = ac("gp_hc_65_plus", "TOTAL_GP_HC_65PLUS"); c6569 = ac("TOTAL_GP_HC_65TO69"); c70 = ac("TOTAL_GP_HC_70PLUS")
        ctot = ac("TOTAL_GP_EXTGL_HC") or ac("TOTAL_GP_EXTG_HC") or ac("TOTAL_GP_HC") or ac("gp_headcount")
        for _, r in a.iterrows():
            code = r[cc].strip().upper()
            e = {}
            pg = ac("peer_group"); e["peer"] = r[pg].strip() if pg and r[pg].strip() not in ("",) else None
            nbc = ac("neighbourhood", "neighborhood"); e["nb"] = r[nbc].strip() if nbc and r[nbc].strip() != "" else None
            if bandcols[0]:
                bs = [cell(r[c]) for c in bandcols]
                if c65:
                    bs.append(cell(r[c65]))
                else:
                    x, y = cell(r[c6569]), cell(r[c70])
                    bs.append(None if (x is None or y is None) else x + y)
                e["bands"] = bs
            e["total"] = cell(r[ctot]) if ctot else None
            e["cols"] = {norm(k): cell(r[k]) if norm(k) not in ("peergroup", "neighbourhood", "neighborhood", "pracname", "praccode", "practicecode") else None for k in a.columns}
            ref = ac("referrals_per_1000_weighted"); e["ref"] = cell(r[ref]) if ref else None
            pw = ac("prescribing_per_weighted"); e["pres"] = cell(r[pw]) if pw else None
            attrs[code] = e
    for r in sel:
        r["attr"] = attrs.get(r["code"], {})
    # GP headcount
    hc = {}
    if "gp_headcount_csv" in pr:
        s = pd.read_csv(os.path.join(d, pr["gp_headcount_csv"]), dtype=str, keep_default_na=False)
        scols = {norm(c): c for c in s.columns}
        cc = scols.get("practicecode") or scols.get("praccode")
        fy = scols["fiscalyear"]
        hcol = scols.get("totalgpextglhc") or scols.get("totalgpextghc") or scols.get("totalgphc")
        yy = str(start_year % 100)
        ss = s[s[fy].isin([yy, str(start_year), f"{start_year-1}/{start_year%100:02d}"])]
        for _, r in ss.iterrows():
            v = r[hcol].strip()
            if v in ("", "NA", "c", "*", "..", "x", "z", "-", "N/A", "n/a"):
                continue
            hc[r[cc].strip().upper()] = float(v)
    prof = pr.get("gp_age_profile")
    shares = [prof[b] for b in BANDS]
    ppg = pr.get("patients_per_gp", 2000)
    for r in sel:
        A = r["attr"]
        bs = A.get("bands")
        if bs is not None and all(x is not None for x in bs):
            r["bands"] = [float(x) for x in bs]; r["hc_src"] = "attr_bands"; continue
        if A.get("total") is not None:
            N = A["total"]
            given = [(x if bs is not None else None) for x in (bs or [None] * 9)]
            rest_idx = [i for i in range(9) if given[i] is None]
            left = N - sum(x for x in given if x is not None)
            sh = [shares[i] for i in rest_idx]
            if sum(sh) == 0:
                sh = [1.0] * len(sh)
            sp = lr_split(left, sh)
            out_b = [x if x is not None else 0.0 for x in given]
            for k_, i in enumerate(rest_idx):
                out_b[i] = sp[k_]
            r["bands"] = [float(x) for x in out_b]; r["hc_src"] = "attr_total"; continue
        if r["code"] in hc:
            N = hc[r["code"]]; r["hc_src"] = "series"
        else:
            N = max(1, int(math.floor(r["L"] / ppg + 0.5))); r["hc_src"] = "default"
        r["bands"] = lr_split(N, shares) if opts.get("split", "lr") == "lr" else [N * s for s in shares]
    # peer groups
    G = min(pr.get("peer_groups", 6), n)
    order = sorted(range(n), key=lambda i: (sel[i]["W"] / sel[i]["L"], sel[i]["code"]))
    labels = [r["attr"].get("peer") for r in sel]
    lab = sorted({x for x in labels if x is not None}, key=lambda x: (float(x) if all(re.fullmatch(r"-?\d+", y or "") for y in labels if y) else x))
    lab_id = {}
    for x in lab:
        k_ = float(x) if all(re.fullmatch(r"-?\d+", y) for y in lab) else x
        lab_id.setdefault(k_, len(lab_id))
    nlab = len(lab_id)
    for rank, i in enumerate(order):
        sel[i]["bin"] = (rank * G) // n
    bins_used = sorted({sel[i]["bin"] for i in range(n) if labels[i] is None})
    for i in range(n):
        if labels[i] is not None:
            k_ = float(labels[i]) if all(re.fullmatch(r"-?\d+", y) for y in lab) else labels[i]
            sel[i]["peer"] = lab_id[k_]
        else:
            sel[i]["peer"] = nlab + bins_used.index(sel[i]["bin"])
    # neighbourhoods: PCN else postcode groups
    size = pr.get("neighbourhood_size", 30000)
    pcnlist = sorted({r["pcn"] for r in sel if r["pcn"]})
    for r in sel:
        if r["attr"].get("nb") is not None:
            r["nb"] = "lab:" + r["attr"]["nb"]
        elif r["pcn"]:
            r["nb"] = "pcn:" + r["pcn"]
    rest = [r for r in sel if "nb" not in r]
    rest_sorted = sorted(rest, key=lambda r: postcode_key(r["postcode"]))  # stable over code order
    groups, cur, tot = [], [], 0
    for r in rest_sorted:
        cur.append(r); tot += r["L"]
        if tot >= size:
            groups.append(cur); cur, tot = [], 0
    if cur:
        if groups:
            groups[-1].extend(cur)
        else:
            groups.append(cur)
    for gi, g in enumerate(groups):
        for r in g:
            r["nb"] = f"grp:{gi}"
    return sel


# ---------------------------------------------------------------- model

def percentile(x, q):
    x = sorted(x)
    if not x:
        raise ValueError("empty")
    h = (len(x) - 1) * q / 100
    i = math.floor(h)
    if i + 1 < len(x):
        return x[i] + (h - i) * (x[i + 1] - x[i])
    return x[i]


def logistic(z):
    return 1 / (1 + math.exp(-z))


def round_half_away(x):
    return math.floor(abs(x) + 0.5) * (1 if x >= 0 else -1)


def simulate(prs, P, opt=None):
    opt = opt or {}
    n = len(prs)
    H = P["horizon_years"]
    infl = P["funding.inflation"]
    lvl = P["commissioning_level"]
    roles = P["roles"]; stds = P["stds"]
    rnames = list(roles)
    L = np.array([p["L"] for p in prs], float)
    W = np.array([p["W"] for p in prs], float)
    Wpay = np.array([p.get("Wpay", p["W"]) for p in prs], float)
    core = np.array([p["core"] for p in prs], float)
    bands = np.array([p["bands"] for p in prs], float)
    H0 = bands.sum(1)
    rho = np.where(L > 0, H0 / L, 0.0)
    def rb(p, r):
        col = roles[r].get("attributes_column")
        if col:
            v = p["attr"].get("cols", {}).get(norm(col))
            if v is not None:
                return v
        return roles[r]["baseline_fte_per_1000"] * p["L"] / 1000
    role_base = np.array([[rb(p, r) for r in rnames] for p in prs], float).reshape(n, len(rnames))
    s = np.ones(n)
    apms = np.array([p["apms"] for p in prs])
    nb = [p["nb"] for p in prs]; area = [p["ccg"] for p in prs]
    # funding
    f0 = core / Wpay
    fstar = np.full(n, np.nan)
    if P["funding.levelling_up"]:
        scope = P["funding.target_scope"]
        key = [(p["ccg"] if scope == "area" else p["icb"] if scope == "icb" else "all") for p in prs]
        # Rules 1 to 3 (docs/model.md, Which practices can be trusted): a list of at least
        # the minimum, a whole year, and core funding above £0; the median is over these.
        ok12 = np.array([(Wpay[i] >= P["funding.trust_min_weighted_list"]) and not prs[i]["opened"] and not prs[i]["closed_in_year"] and core[i] > 0 for i in range(n)])
        trusted = ok12.copy()
        k = P["funding.trust_max_ratio_to_median"]
        for g in set(key):
            idx = [i for i in range(n) if key[i] == g and ok12[i]]
            if not idx:
                continue
            m = percentile([f0[i] for i in idx], 50)
            for i in idx:
                if f0[i] > k * m or f0[i] < m / k:
                    trusted[i] = False
        for g in set(key):
            idx = [i for i in range(n) if key[i] == g and trusted[i]]
            if not idx:
                continue
            t = P["funding.target"]
            if t == "median":
                fs = percentile([f0[i] for i in idx], 50)
            elif t == "percentile":
                fs = percentile([f0[i] for i in idx], P["funding.target_percentile"])
            elif t == "mean":
                fs = core[idx].sum() / Wpay[idx].sum()
            else:
                fs = P["funding.target_pounds"]
            for i in idx:
                fstar[i] = fs
    # quality applies
    qa = [(1.0 if sd["mandatory"] else sd["sign_up_share"]) for sd in stds.values()]
    # referrals
    peer = np.array([p["peer"] for p in prs])
    rfile = np.array([np.nan if p["attr"].get("ref") is None else p["attr"]["ref"] for p in prs], float)
    r0 = rfile.copy()
    for g in set(peer):
        m_ = (peer == g) & ~np.isnan(rfile)
        rbar = (W[m_] * rfile[m_]).sum() / W[m_].sum() if m_.any() else float(P["savings.referrals_per_1000_weighted"])
        r0[(peer == g) & np.isnan(rfile)] = rbar
    bench = {g: percentile(list(r0[peer == g]), P["savings.benchmark_percentile"]) for g in set(peer)}
    rt = r0.copy()
    pres0 = np.array([P["savings.prescribing_per_weighted"] if p["attr"].get("pres") is None else p["attr"]["pres"] for p in prs], float)
    base_spend = P["funding.baseline_spend"] or core.sum()
    B0 = P["funding.allocation"] or base_spend
    # arrs
    sy = P["start_year"]; fcy = P["additional_roles.first_calendar_year"]
    C = P["additional_roles.fte_per_10000_ceiling"]; g_ar = P["additional_roles.growth_share"]
    d0 = P["additional_roles.fte_per_10000_start"] if (sy - 1) >= fcy else 0.0
    ret = np.array([min(1.0, P["workforce.retirement_rate." + b] * P["workforce.retirement_multiplier"]) for b in BANDS])
    entry = BANDS.index(P["workforce.entry_band"])
    out = {}

    def put(k, t, v):
        out.setdefault(k, np.zeros(H))[t - 1] = v
    for t in range(1, H + 1):
        I = (1 + infl) ** t
        op = s > 0
        s_before = s.copy()
        fac = max(0.0, 1 + P["population.list_growth"])
        L = L * fac; W = W * fac
        # funding
        Y = P["funding.levelling_years"]
        rmp = 1.0 if Y <= 0 else min(1.0, t / Y)
        f = f0 * I
        if P["funding.levelling_up"]:
            for i in range(n):
                if np.isnan(fstar[i]) or f0[i] == fstar[i]:
                    continue
                if f0[i] < fstar[i]:
                    f[i] = I * (f0[i] + (fstar[i] - f0[i]) * rmp)
                elif P["funding.level_down"]:
                    f[i] = I * max(f0[i] + (fstar[i] - f0[i]) * rmp, f0[i] * (1 - P["funding.max_reduction_per_year"] * t))
        LUp = (f - f0 * I) * W
        with np.errstate(divide="ignore", invalid="ignore"):
            u = np.where(f0 != 0, (f - f0 * I) / np.where(f0 != 0, f0 * I, 1), 0.0)
        lrate = np.minimum(1.0, P["workforce.leaver_rate"] * np.maximum(0.0, 1 - P["workforce.leaver_reduction_per_uplift"] * u))
        # GP step
        retire = bands * ret[None, :]
        rem = bands - retire
        leave = rem * lrate[:, None]
        rest = rem - leave
        age = rest / 5.0; age[:, -1] = 0.0
        stay = rest - age
        nb_ = stay.copy(); nb_[:, 1:] += age[:, :-1]
        Hx = nb_.sum(1)
        E = rho * L + P["workforce.extra_gp_posts_per_30000"] * L / 30000
        v = np.maximum(0.0, E - Hx)
        rec = v * P["workforce.fill_rate"]
        nb_[:, entry] += rec
        bands = nb_
        Hc = bands.sum(1)
        ftep = P["workforce.fte_per_head"] * (1 + P["workforce.fte_trend"]) ** t
        gpfte = Hc * ftep
        # roles
        role_fte = role_base.copy(); new_fte = np.zeros_like(role_base); other_cap = np.zeros(n)
        newcost = 0.0
        for j, rn in enumerate(rnames):
            R = roles[rn]
            if t >= max(1, R["start_year"]):
                new_fte[:, j] = R["new_posts_per_30000"] * L / 30000 * R["role_fill_rate"]
            role_fte[:, j] += new_fte[:, j]
            other_cap += role_fte[:, j] * R["appointments_per_fte"]
            newcost += new_fte[:, j].sum() * R["cost_per_fte"] * I
        X = P["workforce.extra_gp_posts_per_30000"] * L / 30000
        with np.errstate(divide="ignore", invalid="ignore"):
            Ffill = np.where(E > 0, X * np.minimum(1.0, Hc / E), 0.0)
        newcost += Ffill.sum() * ftep * P["capacity.appointments_per_gp_fte"] * P["capacity.gp_appointment_cost"] * I
        # arrs
        kk = sum(1 for tp in range(1, t + 1) if sy + tp - 1 >= fcy)
        dt = C - (C - d0) * (1 - g_ar) ** kk
        arrs = dt * W / 10000
        arrs_app = arrs * P["additional_roles.appointments_per_fte"]
        arrs_gp = arrs_app * P["additional_roles.gp_demand_share"]; arrs_oth = arrs_app - arrs_gp
        # demand
        D = L * P["population.consultations_per_patient"] * (1 + P["population.consultation_growth"]) ** t
        dY = P["population.diversion_ramp_years"]
        dshare = P["population.diversion_max"] * (1.0 if dY <= 0 else min(1.0, t / dY))
        sgp = P["population.gp_share"]; csc = P["population.self_care_share"]
        gpdem = sgp * D * (1 - dshare); div = sgp * D * dshare; selfc = div * csc
        othdem = (1 - sgp) * D + div * (1 - csc)
        gpcap = gpfte * P["capacity.appointments_per_gp_fte"]
        cs = P["funding.clinical_spend_share"]; gts = P["funding.gp_time_share"]
        fgp = LUp * cs * gts / (P["capacity.gp_appointment_cost"] * I)
        foth = LUp * cs * (1 - gts) / (P["capacity.other_appointment_cost"] * I)
        EA = (P["capacity.extended_access_per_1000"] * L / 1000) if t >= max(1, P["capacity.extended_access_start_year"]) else np.zeros(n)
        U = np.maximum(0.0, gpdem - gpcap - fgp - arrs_gp - EA)
        Uo = np.maximum(0.0, othdem - other_cap - arrs_oth - foth)
        U0 = np.maximum(0.0, gpdem + div - gpcap - arrs_gp)
        cap = gpcap + fgp + arrs_app + other_cap + foth + EA
        # quality
        qual = sum(qa[k] * sd["achievement_rate"] * sd["payment_per_weighted_patient"] for k, sd in enumerate(stds.values())) * I * W
        # referrals
        if P["savings.benchmarking"]:
            bb = np.array([bench[g] for g in peer])
            rt = rt - P["savings.convergence"] * np.maximum(0.0, rt - bb)
        RY = P["savings.ramp_years"]
        e = P["savings.limited_value_share"] * P["savings.eur_reduction"] * (1.0 if RY <= 0 else min(1.0, t / RY)) if P["savings.eur"] else 0.0
        refs = rt * W / 1000 * (1 - e)
        brefs = r0 * W / 1000
        avoided = brefs - refs
        cpr = P["savings.cost_per_referral"] * I
        pcost = pres0 * W * (1 + P["savings.prescribing_growth"]) ** t
        psav = pcost * P["savings.prescribing_reduction"] * (1.0 if RY <= 0 else min(1.0, t / RY)) if P["savings.prescribing_kpi"] else np.zeros(n)
        # ---- year-end practice changes (central: expected shares)
        Lb, Wb, bandsb, rolesb, rhob = L.copy(), W.copy(), bands.copy(), role_base.copy(), rho.copy()
        Pc = np.zeros(n); Pm = np.zeros(n)
        for i in range(n):
            if s[i] <= 0 or L[i] <= 0:
                continue
            Lo = L[i] / s[i]; Ho = Hc[i] / s[i]
            hr = round_half_away(Ho)
            def haz(pre):
                z = (P[f"practice_changes.{pre}_intercept"] + P[f"practice_changes.{pre}_per_log_list"] * math.log(Lo / 10000)
                     + P[f"practice_changes.{pre}_single_handed"] * (hr == 1) + P[f"practice_changes.{pre}_no_gp"] * (hr == 0)
                     + P[f"practice_changes.{pre}_apms"] * apms[i])
                return logistic(z)
            if P["practice_changes.closures"]:
                Pc[i] = haz("closure")
            if P["practice_changes.mergers"]:
                Pm[i] = min(haz("merger"), 1 - Pc[i])
            thr = P["workforce.closure_threshold"]
            if thr > 0 and Ho < thr:
                Pc[i] = 1.0; Pm[i] = 0.0
        leave_sh = Pc + Pm
        stays = (s > 0) & (leave_sh < 1)
        stf = stays.astype(float)
        nbid = np.unique(np.array(nb), return_inverse=True)[1]
        arid = np.unique(np.array(area), return_inverse=True)[1]
        allid = np.zeros(n, int)
        def gsum(gid, x):
            out_ = np.zeros((gid.max() + 1,) + x.shape[1:]); np.add.at(out_, gid, x); return out_
        levels = [nbid, arid, allid]
        cnt = [gsum(g, stf) for g in levels]
        SL = [gsum(g, stf * Lb) for g in levels]
        sender = s > 0
        # choose level per sender for closure (nb, area, all) and merger (nb, area, none)
        def choose(maxlev):
            lev = np.full(n, -1)
            for li in range(maxlev):
                c = cnt[li][levels[li]] - stf
                m_ = (lev < 0) & (c > 0)
                lev[m_] = li
            return lev
        levc = choose(3); levm = choose(2)
        pc_eff = np.where(sender & (levc >= 0), Pc, 0.0)
        pm_eff = np.where(sender & (levm >= 0), Pm, 0.0)
        dL = np.zeros(n); dW = np.zeros(n); dB = np.zeros_like(bands); dR = np.zeros_like(role_base)
        rho_add = np.zeros(n); m_in = np.zeros(n)
        for li in range(3):
            g = levels[li]
            S_i = SL[li][g] - stf * Lb
            with np.errstate(divide="ignore", invalid="ignore"):
                inv_S = np.where(S_i > 0, 1.0 / np.where(S_i > 0, S_i, 1), 0.0)
            mc = (levc == li) & (pc_eff > 0)
            if mc.any():
                coef = np.column_stack([pc_eff * Lb * inv_S, pc_eff * Wb * inv_S]) * mc[:, None]
                A = gsum(g, coef)[g] - coef
                dL += stf * Lb * A[:, 0]; dW += stf * Lb * A[:, 1]
            mm = (levm == li) & (pm_eff > 0)
            if mm.any():
                base = (pm_eff * inv_S * mm)
                coef = np.column_stack([base * Lb, base * Wb, base[:, None] * bandsb, base[:, None] * rolesb, base * Lb * rhob])
                A = gsum(g, coef)[g] - coef
                A = A * (stf * Lb)[:, None]
                nbnd = bandsb.shape[1]; nr = rolesb.shape[1]
                dL += A[:, 0]; dW += A[:, 1]; dB += A[:, 2:2 + nbnd]; dR += A[:, 2 + nbnd:2 + nbnd + nr]
                rho_add += A[:, -1]; m_in += A[:, 0]
        dispersed = (pc_eff * Lb).sum(); gplost = (pc_eff * bandsb.sum(1)).sum()
        merged = (pm_eff * Lb).sum()
        cbs = opt.get("count_by_share", True)
        ncl = (pc_eff * (s if cbs else 1)).sum(); nmg = (pm_eff * (s if cbs else 1)).sum()
        keep = np.where(sender, 1 - pc_eff - pm_eff, 1.0)
        rho_touch = m_in > 0
        rho_num = rhob * Lb + rho_add; rho_den = Lb + m_in
        L = Lb * keep + dL; W = Wb * keep + dW
        bands = bandsb * keep[:, None] + dB; role_base = rolesb * keep[:, None] + dR
        s = s * keep
        rho = np.where(rho_touch & (rho_den > 0), rho_num / np.where(rho_den > 0, rho_den, 1), rhob)
        dcost = P["workforce.dispersal_cost"] * I * dispersed
        # counts after changes
        sh = 0.0; nogp = 0.0
        for i in range(n):
            if s[i] <= 0:
                continue
            hr = round_half_away(bands[i].sum() / s[i])
            if hr == 0:
                nogp += s[i]
            elif hr == 1:
                sh += s[i]
        # ---- accounts
        LU = LUp.sum()
        Q = qual.sum()
        eac = EA.sum() * P["capacity.extended_access_cost"] * I
        run = P["funding.running_cost"] * I if lvl == 3 else 0.0
        inv = LU + Q + eac + newcost + run
        ucost = P["capacity.ae_cost"] * I * max(0.0, P["capacity.unmet_to_ae"] * U.sum() - P["capacity.ae_deflection_share"] * EA.sum())
        ubase = P["capacity.ae_cost"] * I * P["capacity.unmet_to_ae"] * U0.sum()
        usav = ubase - ucost
        rsav = avoided.sum() * cpr
        sav = rsav + psav.sum() + usav
        Bt = B0 * (1 + P["funding.allocation_growth"]) ** t
        head = Bt - (base_spend * I + inv + dcost)
        ov = max(0.0, -head)
        sc = P["funding.commissioner_overspend_share_delegated"] if lvl == 3 else P["funding.commissioner_overspend_share_joint"]
        vals = dict(list_size=L.sum(), weighted_list=W.sum(), gp_headcount=Hc.sum(), gp_fte=gpfte.sum(),
                    other_fte=role_fte.sum(), practices_open=s.sum(), closures=ncl,
                    appointments_demand=(gpdem + othdem).sum(), appointments_capacity=cap.sum(),
                    appointments_gap=(U + Uo).sum(), appointments_extended_access=EA.sum(),
                    appointments_per_1000=cap.sum() / L.sum() * 1000, dispersal_cost=dcost,
                    levelling_up_cost=LU, quality_contract_cost=Q, investment=inv, referrals=refs.sum(),
                    referrals_avoided=avoided.sum(), referral_savings=rsav, prescribing_savings=psav.sum(),
                    urgent_care_cost=ucost, savings=sav, net_cost=inv - sav, roi=(sav / inv if inv != 0 else np.nan),
                    budget_headroom=head, overspend=float(head < 0), appointments_demand_gp=gpdem.sum(),
                    appointments_capacity_gp=gpcap.sum(), appointments_gap_gp=U.sum(),
                    appointments_demand_other=othdem.sum(), appointments_capacity_other=(other_cap + arrs_oth).sum(),
                    appointments_gap_other=Uo.sum(), appointments_self_care=selfc.sum(),
                    appointments_funded_gp=fgp.sum(), appointments_funded_other=foth.sum(),
                    gp_retirements=retire.sum(), gp_leavers=leave.sum(), gp_recruits=rec.sum(),
                    gp_closure_losses=gplost, mergers=nmg, patients_dispersed=dispersed, patients_merged=merged,
                    arrs_fte=arrs.sum(), arrs_appointments=arrs_app.sum(),
                    arrs_cost=arrs.sum() * P["additional_roles.reimbursement_per_fte"] * I,
                    extended_access_cost=eac, new_roles_cost=newcost, running_cost=run,
                    baseline_spend=base_spend * I, urgent_care_savings=usav,
                    baseline_referral_cost=brefs.sum() * cpr, baseline_prescribing_cost=pcost.sum(),
                    baseline_urgent_care_cost=ubase, overspend_amount=ov, overspend_commissioner=ov * sc,
                    overspend_nhs_england=ov - ov * sc, single_handed_practices=sh, practices_without_gp=nogp)
        for k2, v2 in vals.items():
            put(k2, t, v2)
        pp = out.setdefault("__pp__", {k_: np.zeros((n, H)) for k_ in ["closed", "merged", "appointments_gap", "funding_per_weighted", "arrs_fte", "gap_per_open", "arrs_per_open", "s_start"]})
        prev_c = pp["closed"][:, t - 2] if t > 1 else np.zeros(n)
        prev_m = pp["merged"][:, t - 2] if t > 1 else np.zeros(n)
        s_start = s_before
        pp["closed"][:, t - 1] = prev_c + pc_eff * s_start
        pp["merged"][:, t - 1] = prev_m + pm_eff * s_start
        gone = s_start <= 0
        pp["appointments_gap"][:, t - 1] = np.where(gone, 0, U + Uo)
        pp["gap_per_open"][:, t - 1] = np.where(gone, 0, (U + Uo) / np.where(gone, 1, s_start))
        with np.errstate(divide="ignore", invalid="ignore"):
            pp["funding_per_weighted"][:, t - 1] = np.where(gone | (Wb <= 0), 0, f + qual / np.where(Wb > 0, Wb, 1))
        pp["arrs_fte"][:, t - 1] = np.where(gone, 0, arrs)
        pp["arrs_per_open"][:, t - 1] = np.where(gone, 0, arrs / np.where(gone, 1, s_start))
        pp["s_start"][:, t - 1] = s_start
    inv = out["investment"]; sav = out["savings"]
    out["cumulative_roi"] = np.where(np.cumsum(inv) != 0, np.cumsum(sav) / np.where(np.cumsum(inv) != 0, np.cumsum(inv), 1), np.nan)
    r = P["economics.discount_rate"]
    npv = sum((sav[t - 1] - inv[t - 1]) / (1 + infl) ** t / (1 + r) ** t for t in range(1, H + 1))
    pb = np.nan
    cs_, ci_ = np.cumsum(sav), np.cumsum(inv)
    for t in range(H):
        if cs_[t] >= ci_[t] > 0:
            pb = t + 1; break
    out["npv"] = npv; out["payback_year"] = pb
    return out


def run(path, opts=None):
    doc, d = load_scenario(path)
    doc["__dir__"] = d
    ops = option_params(doc)
    prs = load_practices(doc, ops[0][1], opts)
    res = {}
    for name, P in ops:
        res[name] = simulate(prs, P, opts)
    return res, prs, ops


if __name__ == "__main__":
    res, prs, ops = run(sys.argv[1])
    print(len(prs), sum(p["L"] for p in prs))
