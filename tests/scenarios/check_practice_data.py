#!/usr/bin/python3
"""Independent check of the practices pcsim loads at year 0 (test_practice_data_pandas.cpp).

Recomputes from the published files with pandas, following docs/scenario-format.md ("Which
practices are modelled", "GP headcount at year 0"), and compares practice by practice with
the dump the C++ test wrote:

  check_practice_data.py DUMP REPORT --payments F --start-year Y [--series F] [--icb F]
      [--ppg N] [--pcn YEAR=F ...] [--published N --tolerance T]
      [--closed-lists already_counted|move]

DUMP: one row per loaded practice (code, ccg, icb, pcn, registered, weighted,
payments_weighted, core_funding, gp_total, from_data, opened, closed). REPORT: name,value
rows of the load report. Exits 1 on any difference.
"""
import argparse
import math
import re
import sys

import pandas as pd


def norm(h):
    return re.sub(r"[^a-z0-9]", "", h.lower())


def column(frame, *names):
    by_norm = {norm(c): c for c in frame.columns}
    for name in names:
        if norm(name) in by_norm:
            return by_norm[norm(name)]
    return None


def number(series):
    return pd.to_numeric(series.str.replace(",", "").str.replace("\u00a3", "").str.strip())


def read_payments(path):
    d = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    out = pd.DataFrame()
    out["code"] = d[column(d, "Practice Code")].str.strip().str.upper()
    out["ccg"] = d[column(d, "CCG Code")].str.strip().str.upper()
    pcn = column(d, "PCN Code", "Code")
    out["pcn"] = d[pcn].str.strip().str.upper() if pcn else ""
    out.loc[out.pcn.isin(["UNKNOWN OR NO PCN", "-", "N/A"]), "pcn"] = ""
    dates = lambda c: pd.to_datetime(d[column(d, c)].str.strip().replace({"": None, "-": None}),
                                     format="%d/%m/%Y")
    out["open"] = dates("Practice Open Date")
    out["close"] = dates("Practice Close Date")
    out["reg"] = number(d[column(d, "Number of Registered Patients (Last Known Figure)")])
    out["w"] = number(d[column(d, "Number of Weighted Patients (Last Known Figure)")])
    out["core"] = sum(number(d[column(d, c)]).fillna(0)
                      for c in ("Global Sum", "MPIG Correction factor", "Balance of PMS Expenditure"))
    return out, pcn is not None


def expected_practices(args):
    d, has_pcn = read_payments(args.payments)
    end = pd.Timestamp(args.start_year, 3, 31)
    start = pd.Timestamp(args.start_year - 1, 4, 1)
    d["pcn_year"] = 0
    if has_pcn:
        d.loc[d.pcn != "", "pcn_year"] = args.start_year
    else:
        files = sorted(args.pcn, key=lambda yf: (abs(yf[0] - args.start_year), yf[0]))
        d["pcn"] = ""
        for year, path in reversed(files):  # the nearest file written last wins
            other, _ = read_payments(path)
            known = other[other.pcn != ""].set_index("code").pcn
            hit = d.code.isin(known.index)
            d.loc[hit, "pcn"] = d.loc[hit, "code"].map(known)
            d.loc[hit, "pcn_year"] = year
    closed = d.close.notna() & (d.close <= end)
    holder = (d.reg > 0) & (closed | (d.w > 0))
    d = d[holder].copy()
    d["closed"] = closed[holder]
    d["place_pcn"] = d.pcn.where((d.pcn_year > 0) & (d.pcn_year <= args.start_year), "")
    d["reg_after"] = d.reg.astype(float)
    d["w_after"] = d.w.astype(float)
    receivers = d[~d.closed].sort_values("code")
    moved, moved_patients, kept = 0, 0.0, set()
    # closed_lists = "already_counted" (the default): a closed practice's list goes nowhere.
    closers = d[d.closed].sort_values("code") if args.closed_lists == "move" else d.iloc[0:0]
    for _, c in closers.iterrows():
        group = receivers[receivers.place_pcn == c.place_pcn] if c.place_pcn else receivers.iloc[0:0]
        if group.empty:
            group = receivers[receivers.ccg == c.ccg]
        if group.empty:
            kept.add(c.code)
            continue
        base = group.reg.sum()
        given_r = given_w = 0.0
        for k, (idx, r) in enumerate(group.iterrows()):
            if k + 1 < len(group):
                share = r.reg / base
                d.loc[idx, "reg_after"] += c.reg * share
                d.loc[idx, "w_after"] += c.w * share
                given_r += c.reg * share
                given_w += c.w * share
            else:
                d.loc[idx, "reg_after"] += c.reg - given_r
                d.loc[idx, "w_after"] += c.w - given_w
        moved += 1
        moved_patients += c.reg
    d = d[~d.closed | d.code.isin(kept)].copy() if args.closed_lists == "move" else d
    d["opened"] = d.open.notna() & (d.open >= start) & (d.open <= end)
    if args.icb:
        m = pd.read_csv(args.icb, encoding="utf-8-sig", dtype=str, keep_default_na=False)
        icb = dict(zip(m[column(m, "CCG Code")].str.strip().str.upper(),
                       m[column(m, "ICB Code")].str.strip().str.upper()))
        d["icb"] = d.ccg.map(icb).fillna("")
    else:
        d["icb"] = ""
    d["gp_total"] = d.reg_after.map(lambda l: max(1, math.floor(l / args.ppg + 0.5)))
    d["from_data"] = 0
    if args.series:
        s = pd.read_csv(args.series, dtype=str, keep_default_na=False)
        s = s[pd.to_numeric(s.fiscal_year) == args.start_year % 100]
        s = s[s.TOTAL_GP_EXTGL_HC != "NA"]
        hc = dict(zip(s["Practice.Code"].str.upper(), s.TOTAL_GP_EXTGL_HC.astype(int)))
        found = d.code.isin(hc.keys())
        d.loc[found, "gp_total"] = d.loc[found, "code"].map(hc)
        d.loc[found, "from_data"] = 1
    not_counted = d.closed & (args.closed_lists == "already_counted")
    return d.set_index("code"), moved, moved_patients, int(not_counted.sum()), \
        float(d.reg[not_counted].sum())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dump")
    p.add_argument("report")
    p.add_argument("--payments", required=True)
    p.add_argument("--start-year", type=int, required=True)
    p.add_argument("--series")
    p.add_argument("--icb")
    p.add_argument("--ppg", type=float, default=2000)
    p.add_argument("--pcn", action="append", default=[],
                   type=lambda t: (int(t.split("=")[0]), t.split("=", 1)[1]))
    p.add_argument("--published", type=float)
    p.add_argument("--tolerance", type=float, default=0.03)
    p.add_argument("--closed-lists", choices=["already_counted", "move"], default="already_counted")
    args = p.parse_args()

    want, moved, moved_patients, not_counted, not_counted_patients = expected_practices(args)
    # "already_counted": the closed practices are dropped after the counts are taken.
    want = want[~want.closed] if args.closed_lists == "already_counted" else want
    got = pd.read_csv(args.dump, dtype={"icb": str, "pcn": str}, keep_default_na=False).set_index("code")
    report = dict(pd.read_csv(args.report, dtype=str).values)
    failures = []
    if sorted(got.index) != sorted(want.index):
        failures.append(f"practices differ: only pcsim {sorted(set(got.index) - set(want.index))[:5]}, "
                        f"only pandas {sorted(set(want.index) - set(got.index))[:5]}")
    else:
        for name, theirs, mine in [("registered", "registered", "reg_after"),
                                   ("weighted", "weighted", "w_after"),
                                   ("payments_weighted", "payments_weighted", "w"),
                                   ("core_funding", "core_funding", "core"),
                                   ("gp_total", "gp_total", "gp_total"),
                                   ("from_data", "from_data", "from_data")]:
            a = got[theirs].astype(float)
            b = want.loc[got.index, mine].astype(float)
            bad = ~((a - b).abs() <= 1e-6 * b.abs().clip(lower=1))
            if bad.any():
                failures.append(f"{name} differs for {bad.sum()} practices, e.g. "
                                f"{list(zip(a[bad].index[:3], a[bad][:3], b[bad][:3]))}")
        for name, mine in [("icb", "icb"), ("pcn", "pcn"), ("ccg", "ccg")]:
            bad = got[name].astype(str) != want.loc[got.index, mine].astype(str)
            if bad.any():
                failures.append(f"{name} differs for {bad.sum()} practices, e.g. {list(got.index[bad][:3])}")
        for name in ("opened", "closed"):
            bad = got[name].astype(bool) != want.loc[got.index, name].astype(bool)
            if bad.any():
                failures.append(f"{name} differs for {bad.sum()} practices")
    if int(report["closed_lists_moved"]) != moved:
        failures.append(f"lists moved: pcsim {report['closed_lists_moved']}, pandas {moved}")
    if abs(float(report["registered_patients_moved"]) - moved_patients) > 1e-6 * max(1, moved_patients):
        failures.append(f"patients moved: pcsim {report['registered_patients_moved']}, pandas {moved_patients}")
    if int(report["closed_lists_not_counted"]) != not_counted:
        failures.append(f"lists not counted: pcsim {report['closed_lists_not_counted']}, "
                        f"pandas {not_counted}")
    if abs(float(report["registered_patients_not_counted"]) - not_counted_patients) > \
            1e-6 * max(1, not_counted_patients):
        failures.append(f"patients not counted: pcsim {report['registered_patients_not_counted']}, "
                        f"pandas {not_counted_patients}")
    total = want.gp_total.sum()
    print(f"{len(want)} practices, {moved} closed lists moved ({moved_patients:,.2f} patients), "
          f"{want.reg_after.sum():,.2f} registered, GP headcount at year 0: pandas {total:,.0f}, "
          f"pcsim {float(report['gp_headcount']):,.0f}")
    if float(report["gp_headcount"]) != total:
        failures.append("GP headcount totals differ")
    if args.published:
        off = total / args.published - 1
        print(f"against the published {args.published:,.0f}: {off:+.2%}")
        if abs(off) > args.tolerance:
            failures.append(f"headcount {total:,.0f} is {off:+.2%} from the published {args.published:,.0f}")
    for f in failures:
        print("FAILED:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
