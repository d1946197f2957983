"""The sections of the calibration report (stdout of scripts/calibrate_practice_changes.py)."""
import numpy as np
import pandas as pd

from . import change_model as cm
from .areas import area_changes, read_ccg_icb
from .logit import fit_logit
from .panel import design
from .payments import postcode_district, year_label
from .text_table import number, pvalue, section, table
from . import transitions as transitions_module
from .transitions import classify_exits

LIST_BANDS = [0, 1000, 2500, 5000, 7500, 10000, 15000, np.inf]
HEADCOUNT_BANDS = [(0, 0, "0 (no permanent GP)"), (1, 1, "1 (single-handed)"), (2, 3, "2-3"),
                   (4, 5, "4-5"), (6, 9, "6-9"), (10, 1e9, "10 or more")]


def band_label(lo, hi):
    if np.isinf(hi):
        return f"{number(lo)} or more"
    return f"{number(lo)}-{number(hi - 1)}"


def list_band(values):
    labels = [band_label(lo, hi) for lo, hi in zip(LIST_BANDS[:-1], LIST_BANDS[1:])]
    return pd.cut(values, LIST_BANDS, right=False, labels=labels)


def report_areas(payments, data_dir, transitions):
    print(section("Area codes across years"))
    print("A CCG code of year t is followed to t+1 through the practices open in both years\n"
          "(the code most of them carry); every successor is checked against geography/ccg_icb.csv.")
    icb_of = read_ccg_icb(data_dir)
    rows = []
    for t in transitions:
        changed, crossing = area_changes(payments[t], payments[t + 1], icb_of)
        shown = ", ".join(f"{a}->{b}" for a, b in list(changed.items())[:6])
        more = f" (+{len(changed) - 6} more)" if len(changed) > 6 else ""
        rows.append([f"{year_label(t)} -> {year_label(t + 1)}", len(changed), len(crossing), shown + more])
    print(table(["transition", "codes changed", "crossing an ICB", "changes"], rows, ["l", "r", "r", "l"]))


def report_exits(payments, exits, transitions, weight, resolved_late):
    print(section("Exits, mergers and closures (training years)"))
    rows = []
    for t in transitions:
        e = exits[exits["year"] == t]
        first = e[e["window"] == t]
        rows.append([f"{year_label(t)} -> {year_label(t + 1)}", number(payments[t]["open"].sum()), len(e),
                     int((e["kind"] == "merger").sum()), int((e["kind"] == "closure").sum()),
                     int((e["kind"] == "unresolved").sum()), len(e) - len(first),
                     int(e["receiver_is_new"].sum()), number(e["list_size"].sum())])
    print(table(["transition", "open at t", "exits", "mergers", "closures", "unresolved",
                 "decided in 2nd window", "into a new code", "patients of exits"], rows))
    print("\nThe rule (pcsim_history/transitions.py): " + transitions_module.__doc__.rstrip())
    print(f"\nMerger: a practice of the same area took at least {100 * 0.5:.0f}% of the list "
          "(excess over the area's median growth, each receiver's excess used once).\n"
          f"Unresolved: still reporting patients in {year_label(transitions[-1] + 1)} after closing in it, "
          f"with no receiver yet; their patients move after the last training file, so they count\n"
          f"as a merger with weight {weight:.4f}: the share of mergers among the {resolved_late} earlier exits "
          "decided in their second window.")
    rows = []
    for threshold in [0.4, 0.5, 0.6]:
        e = classify_exits(payments, transitions, max(transitions) + 1, threshold)
        rows.append([f"{threshold:.1f}", int((e["kind"] == "merger").sum()), int((e["kind"] == "closure").sum()),
                     int((e["kind"] == "unresolved").sum())])
    print("\nSensitivity to the share threshold (all training transitions):")
    print(table(["threshold", "mergers", "closures", "unresolved"], rows))
    same, chance = postcode_check(payments, exits)
    print(f"\nCheck of the rule: {100 * same:.1f}% of mergers have their receiver in the same postcode "
          f"district (outward code) as the merged practice,\nagainst {100 * chance:.1f}% for a practice of the "
          "area picked at random: receivers are mostly real, but some are not.")


def postcode_check(payments, exits):
    same, chance = [], []
    for m in exits[exits["kind"] == "merger"].itertuples():
        before, after = payments[m.window], payments[m.window + 1]
        district = postcode_district(before.at[m.code, "postcode"])
        same.append(postcode_district(after.at[m.receiver, "postcode"]) == district)
        pool = after[after["open"] & (after["area"] == after.at[m.receiver, "area"])]
        chance.append(np.mean([postcode_district(p) == district for p in pool["postcode"]]))
    return float(np.mean(same)), float(np.mean(chance))


def report_bands(payments, workforce, exits, panel):
    first, last = min(payments), max(payments)
    print(section(f"Share of practices gone by the end of {year_label(last)}, by list size at {year_label(first)}"))
    start = payments[first][payments[first]["open"]]
    gone = ~start.index.isin(payments[last].index[payments[last]["open"]])
    kind = exits.drop_duplicates("code").set_index("code")["kind"].reindex(start.index)
    frame = pd.DataFrame({"band": list_band(start["registered"]), "gone": gone,
                          "merged": kind.eq("merger").to_numpy(), "closed": kind.eq("closure").to_numpy()})
    rows = []
    for band, g in frame.groupby("band", observed=False):
        rows.append([band, number(len(g)), f"{100 * g['gone'].mean():.1f}%", f"{100 * g['merged'].mean():.1f}%",
                     f"{100 * g['closed'].mean():.1f}%"])
    rows.append(["all", number(len(frame)), f"{100 * frame['gone'].mean():.1f}%", f"{100 * frame['merged'].mean():.1f}%",
                 f"{100 * frame['closed'].mean():.1f}%"])
    print(table(["registered patients", "practices", "gone", "merged", "closed"], rows))
    cohort = panel[panel["year"] == 2015]
    print(section(f"Share gone by the end of {year_label(last)}, by GP headcount at {year_label(2015)}"))
    rows = []
    for lo, hi, label in HEADCOUNT_BANDS + [(None, None, "no figure")]:
        hc = cohort["headcount"]
        g = cohort[hc.isna()] if lo is None else cohort[(hc >= lo) & (hc <= hi)]
        still = g["code"].isin(payments[last].index[payments[last]["open"]])
        rows.append([label, len(g), int((~still).sum()), f"{100 * (~still).mean():.1f}%" if len(g) else "-",
                     number(g["registered"].median()) if len(g) else "-"])
    print(table(["GP headcount", "practices", "gone", "share gone", "median list"], rows))
    print("A practice with no permanent GP in the series is usually run by locums (or missing from\n"
          "the return): most of them are still open three years on.")


def coefficient_rows(fitted, tests):
    rows = []
    for name, coef, se in zip(fitted.names, fitted.coef, fitted.se):
        test = tests.get(name)
        rows.append([name, f"{coef:.4f}", f"{se:.4f}", f"{np.exp(coef):.3f}" if name != "intercept" else "",
                     f"{test[0]:.2f}" if test else "", pvalue(test[2]) if test else ""])
    return rows


def report_model(panel, outcome, weight, payments, workforce, exits):
    print(section(f"Model of {outcome}s: P({outcome} in a year) = 1/(1+exp(-x'b))"))
    kept, steps, full_tests = cm.backward_elimination(panel, outcome)
    full = cm.fit(panel, outcome, cm.MODEL_TERMS)
    print(f"Full model ({full.n:,} practice-years, {full.events:.2f} {outcome}s):")
    print(table(["term", "coefficient", "SE", "odds ratio", "LR chi2 (drop)", "p"], coefficient_rows(full, full_tests)))
    if steps:
        print("Backward elimination (drop while p >= 0.05):")
        for term, statistic, p in steps:
            print(f"  dropped {term}: LR chi2 {statistic:.2f}, p {pvalue(p)}")
    else:
        print("Backward elimination: every term has p < 0.05; none dropped.")
    final, tests = cm.drop_tests(panel, outcome, kept)
    stats = cm.fit_statistics(panel, outcome, final)
    print(f"Final model (terms kept: {', '.join(kept) or 'none'}):")
    print(table(["term", "coefficient", "SE", "odds ratio", "LR chi2 (drop)", "p"], coefficient_rows(final, tests)))
    print(f"n = {stats['n']:,}, events = {stats['events']:.2f}, log-likelihood {stats['loglik']:.2f} "
          f"(intercept only {stats['null_loglik']:.2f}), McFadden R2 {stats['mcfadden_r2']:.4f}, "
          f"AIC {stats['aic']:.1f}, c-statistic (AUC) {stats['auc']:.3f}, IRLS iterations {stats['iterations']}"
          f"{'' if stats['converged'] else ' (NOT CONVERGED)'}")
    print("Terms the model's formula lacks, each added to the final model:")
    for label, (statistic, df, p) in cm.extra_tests(panel, outcome, kept).items():
        print(f"  {label}: LR chi2 {statistic:.2f} on {df} df, p {pvalue(p)}")
    effects, raw, net = cm.year_spread(panel, outcome, kept)
    print("Year to year: the intercept refitted once per year moves by "
          + ", ".join(f"{year_label(y)} {e:+.3f}" for y, e in effects.items())
          + f" (SD {raw:.3f}; {net:.3f} net of sampling noise).\nA constant yearly probability"
          " therefore under-states how much the yearly counts vary (compare the SD column below).")
    sensitivity = []
    for w in [0.0, 1.0]:
        alt = panel.copy()
        unresolved = alt["kind"] == "unresolved"
        alt.loc[unresolved, "merger"] = w
        alt.loc[unresolved, "closure"] = 1.0 - w
        f = cm.fit(alt, outcome, kept)
        sensitivity.append(f"weight {w:.0f}: " + ", ".join(f"{n} {c:.3f}" for n, c in zip(f.names, f.coef)))
    print("Unresolved exits counted as mergers with weight 0 or 1 instead of the fitted share:")
    for line in sensitivity:
        print("  " + line)
    p = cm.predicted(panel, final)
    by_year = cm.by_group(panel, outcome, p, panel["year"].map(lambda t: f"{year_label(t)} -> {year_label(t + 1)}"))
    print(f"Observed and fitted {outcome}s per transition (fitted +- SD):")
    print(table(["transition", "practices", "observed", "fitted", "SD"],
                [[k, number(by_year.loc[k, "n"]), f"{by_year.loc[k, 'observed']:.1f}", f"{by_year.loc[k, 'fitted']:.1f}",
                  f"{by_year.loc[k, 'sd']:.1f}"] for k in by_year.index]))
    by_band = cm.by_group(panel, outcome, p, list_band(panel["registered"]).astype(str))
    order = [band_label(lo, hi) for lo, hi in zip(LIST_BANDS[:-1], LIST_BANDS[1:])]
    print(f"Observed and fitted {outcome}s by list size (all training transitions):")
    print(table(["registered patients", "practice-years", "observed", "fitted", "SD"],
                [[k, number(by_band.loc[k, "n"]), f"{by_band.loc[k, 'observed']:.1f}", f"{by_band.loc[k, 'fitted']:.1f}",
                  f"{by_band.loc[k, 'sd']:.1f}"] for k in order if k in by_band.index]))
    return {"final": final, "kept": kept, "tests": tests, "full": full, "full_tests": full_tests,
            "steps": steps, "stats": stats, "year_sd": raw, "year_sd_net": net}
