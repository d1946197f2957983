#!/usr/bin/python3
"""Calibrates the list growth, list noise and GP recruitment fill rate of the back-test
scenarios on the training years only (payments files 2014/15-2018/19, GP headcount series
2015/16-2018/19; issue 12: later years are the test set and are never read here).

1. list_growth: the yearly growth of England's registered patients (payments files,
   practices with patients), 2014/15 -> 2018/19: the mean of the four years is the mode,
   the slowest and fastest year the range.
2. list_noise_sd: the spread of a practice's yearly list growth around the year's median,
   over practices present in both years with a change within +-20% (larger changes are
   mergers, splits and list cleaning, which the model treats apart), pooled over the
   training years: the robust sd (1.4826 x median absolute deviation).
3. workforce.fill_rate: the share of GP vacancies filled in a year, by simulation. pcsim
   runs the central case of England from the 2015/16 payments file and the 2015/16 GP
   headcounts for three years (to 2018/19) at each fill rate of a grid; the fill rate whose
   2018/19 GP headcount is closest to the series' 2018/19 total (summed over practices, as
   the model sums them) is kept. The other workforce parameters are the shipped scenarios'
   assumptions (retirement by age, leavers 3% a year), since one total cannot identify more
   than one rate; mergers and closures follow the calibrated hazards
   (scenarios/fragments/practice-changes.toml, also fitted on the training years).

Writes scenarios/fragments/training-calibration.toml (values with their provenance as
rationales) and prints a report. Deterministic: the same files give the same output.

Usage: calibrate_workforce.py PCSIM [--practice-changes FRAGMENT] [--out FILE]
"""
import argparse
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(ROOT, "scenarios", "data")
TRAINING = ["14-15", "15-16", "16-17", "17-18", "18-19"]


def registered_by_practice(year):
    df = pd.read_csv(os.path.join(DATA, "nhs-payments", f"nhspaymentsgp-{year}.csv"),
                     encoding="utf-8-sig", low_memory=False)
    df.columns = [c.strip().lower() for c in df.columns]
    lists = pd.to_numeric(df["number of registered patients (last known figure)"]
                          .astype(str).str.replace(",", ""), errors="coerce")
    codes = df["practice code"].astype(str).str.strip().str.upper()
    series = pd.Series(lists.values, index=codes)
    return series[series > 0]


def list_growth_and_noise():
    lists = {y: registered_by_practice(y) for y in TRAINING}
    totals = [lists[y].sum() for y in TRAINING]
    growth = [totals[i + 1] / totals[i] - 1 for i in range(len(TRAINING) - 1)]
    deviations = []
    for a, b in zip(TRAINING, TRAINING[1:]):
        common = lists[a].index.intersection(lists[b].index)
        r = np.log(lists[b][common] / lists[a][common])
        r = r[np.abs(r) < np.log(1.2)]
        deviations.append(r - np.median(r))
    pooled = pd.concat(deviations)
    noise = 1.4826 * float(np.median(np.abs(pooled)))
    return totals, growth, noise, len(pooled)


def series_total(fiscal_year):
    s = pd.read_csv(os.path.join(DATA, "gp-workforce", "practice_gp_headcount_by_year.csv"),
                    na_values=["NA"])
    return float(s.loc[s["fiscal_year"] == fiscal_year, "TOTAL_GP_EXTGL_HC"].sum())


SCENARIO = """format = 1
name = "calibration: England 2015/16 to 2018/19"
seed = 1
iterations = 1
commissioning_level = {{ value = 2 }}
horizon_years = {{ value = 3 }}
start_year = {{ value = 2016 }}
{include}
[practices]
payments_csv = "{data}/nhs-payments/nhspaymentsgp-15-16.csv"
gp_headcount_csv = "{data}/gp-workforce/practice_gp_headcount_by_year.csv"
area_icb_csv = "{data}/geography/ccg_icb.csv"
patients_per_gp = 1673
gp_age_profile = {{ under_30 = 0.04, "30_34" = 0.12, "35_39" = 0.14, "40_44" = 0.14, "45_49" = 0.14, "50_54" = 0.14, "55_59" = 0.14, "60_64" = 0.09, "65_plus" = 0.05 }}

[population]
list_growth = {{ value = {growth} }}

[workforce]
fill_rate = {{ value = {fill} }}
leaver_rate = {{ value = 0.03 }}
{changes}"""


def headcount_2018(pcsim, work, fill, growth, include):
    path = os.path.join(work, "calibration.toml")
    with open(path, "w") as f:
        changes = ("\n[practice_changes]\nmergers = { value = true }\nclosures = { value = true }\n"
                   if include else "")
        f.write(SCENARIO.format(data=DATA, growth=growth, fill=fill, include=include,
                                changes=changes))
    out = os.path.join(work, "calibration.h5")
    subprocess.run([pcsim, "run", path, "--central", "-o", out, "--force", "--quiet"],
                   check=True, stderr=subprocess.DEVNULL)
    with h5py.File(out, "r") as f:
        option = f["options"][f["options"].attrs["option_order"][0]]
        return float(option["gp_headcount"][0, -1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pcsim")
    parser.add_argument("--practice-changes",
                        default=os.path.join(ROOT, "scenarios", "fragments", "practice-changes.toml"),
                        help="the fitted hazards to run with (default: the shipped fragment)")
    parser.add_argument("--out", default=os.path.join(ROOT, "scenarios", "fragments",
                                                      "training-calibration.toml"))
    args = parser.parse_args()

    totals, growth, noise, pairs = list_growth_and_noise()
    mode = float(np.mean(growth))
    target = series_total(19)
    include = (f'include = ["{os.path.abspath(args.practice_changes)}"]'
               if args.practice_changes else "")
    grid = [round(0.40 + 0.01 * k, 2) for k in range(61)]
    results = []
    with tempfile.TemporaryDirectory() as work:
        for fill in grid:
            results.append((fill, headcount_2018(args.pcsim, work, fill, mode, include)))
    fill, model = min(results, key=lambda r: (abs(r[1] - target), r[0]))

    print("Training-years calibration (payments 2014/15-2018/19, GP series 2015/16-2018/19)")
    print("registered patients:", ", ".join(f"{t / 1e6:.3f}m" for t in totals))
    print("yearly growth:", ", ".join(f"{100 * g:.2f}%" for g in growth),
          f"-> mode {100 * mode:.2f}%")
    print(f"list noise: robust sd {noise:.4f} over {pairs} practice-years")
    print(f"GP headcount 2018/19 (series, summed over practices): {target:,.0f}")
    for f_, h in results:
        if abs(f_ - fill) < 0.055:
            print(f"  fill {f_:.2f}: model 2018/19 {h:,.0f} ({100 * (h / target - 1):+.2f}%)")
    print(f"chosen fill_rate {fill:.2f} (model {model:,.0f}, {100 * (model / target - 1):+.2f}%)")

    provenance = ("scripts/calibrate_workforce.py on the training years only (NHS Payments to "
                  "General Practice 2014/15-2018/19; GP headcount series 2015/16-2018/19)")
    lines = [
        "# Generated by scripts/calibrate_workforce.py: do not edit by hand. Fitted on the",
        "# training years only (2014/15-2018/19); later years are the back-test's test set.",
        "[population]",
        f'list_growth = {{ dist = "triangular", min = {min(growth):.4f}, mode = {mode:.4f}, '
        f'max = {max(growth):.4f}, rationale = "{provenance}: England registered patients '
        + " -> ".join(f"{t / 1e6:.2f}m" for t in totals)
        + f'; mode the mean of the four yearly growths, range the slowest and fastest year" }}',
        f'list_noise_sd = {{ value = {noise:.4f}, rationale = "{provenance}: robust sd '
        f"(1.4826 x MAD) of practices' yearly log list growth around the year's median, "
        f'{pairs} practice-years with a change within +-20%" }}',
        "[workforce]",
        f'fill_rate = {{ value = {fill:.2f}, rationale = "{provenance}: the fill rate at which '
        f"the central case of England from 2015/16 has {model:,.0f} GPs in 2018/19 against "
        f"the series' {target:,.0f} (grid 0.40 to 1.00 by 0.01; retirement by age and 3% "
        f'leavers as assumed in the shipped scenarios; the fitted merger and closure hazards)" }}',
        "",
    ]
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write("\n".join(lines))
    print("written", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
