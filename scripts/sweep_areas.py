#!/usr/bin/python3
"""Every commissioning area of every payments year through pcsim, each checked against
the real data: the "other areas and years" a shipped scenario does not show.

For each payments file (base years 2014/15 to 2022/23) and each of its CCG / sub-ICB
codes (all of them, or --sample N spread over the sorted codes, plus Bolton's 00T), the
levers of scenarios/bolton.toml are run on that area and year (payments file, ccg_codes
and start_year replaced; 2014/15 without the GP headcount series, which starts in
2015/16, so its practices take the patients-per-GP default) and the results file must
show:
  - an exit code of 0;
  - every floating-point figure of the option finite, per iteration and in the central
    case (payback_year apart: NaN is its "never", docs/model.md);
  - the central year-1 levelling-up cost within 1% of tests/runner/levelling_check.py,
    the independent calculation from the payments file (growth 0.009 and inflation 0.02,
    bolton.toml's central values), or both under 1 pound, in every area;
  - the central year-1 registered list within 1% of the area's registered patients in
    the file grown by 0.9% (open rows with patients: a practice closed by the base year's
    end adds its last-known list to no one);
  - GP headcounts finite and not negative in every iteration and year, and the mean of
    the last year at most three times that of the first.
Prints one line per failing run and a summary; exit 0 when every run passes, 1 when one
fails, 2 on bad usage.

Usage: sweep_areas.py PCSIM [--sample N] [--iterations N] [--jobs N] [--years 2016 ...]
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

import h5py
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "runner"))
import levelling_check  # noqa: E402  (the independent calculation)

SCENARIOS = os.path.join(ROOT, "scenarios")
DATA = os.path.realpath(os.path.join(SCENARIOS, "data"))
GROWTH, INFLATION = 0.009, 0.02  # bolton.toml's central list growth and inflation


def payments_file(year):
    yy = year % 100
    return os.path.join(DATA, "nhs-payments", f"nhspaymentsgp-{yy:02d}-{yy + 1:02d}.csv")


def lists_by_area(year):
    """From the payments file, by the rules of docs/scenario-format.md ("Which practices
    are modelled"), read independently of pcsim: its area codes, sorted, and each area's
    registered patients at year 0: rows with patients, an open practice also with weighted
    patients; a practice closed by the base year's end is not modelled and its last-known
    list is added to no one (closed_lists = "already_counted", bolton.toml's default)."""
    import pandas as pd
    frame = pd.read_csv(payments_file(year), encoding="utf-8-sig", low_memory=False, dtype=str)
    frame.columns = [c.strip().lower().replace("_£", "") for c in frame.columns]
    area = frame["ccg code"].str.strip().str.upper()
    registered = levelling_check.money(frame["number of registered patients (last known figure)"])
    weighted = levelling_check.money(frame["number of weighted patients (last known figure)"])
    closed = pd.to_datetime(frame["practice close date"], dayfirst=True, errors="coerce")
    gone = (closed <= pd.Timestamp(year + 1, 3, 31)) & (registered > 0)
    kept = (registered > 0) & (weighted > 0) & ~gone
    totals = registered[kept].groupby(area[kept]).sum()
    codes = sorted(set(area.dropna()) - {""})
    return codes, totals


def scenario_text(base, year, code):
    yy = year % 100
    text = base.replace("nhspaymentsgp-16-17.csv", f"nhspaymentsgp-{yy:02d}-{yy + 1:02d}.csv")
    text = text.replace('ccg_codes = ["00T"]', f'ccg_codes = ["{code}"]')
    text = re.sub(r"start_year = \{ value = \d+,", f"start_year = {{ value = {year + 1},", text)
    if year < 2015:
        text = re.sub(r"\ngp_headcount_csv = [^\n]*", "", text)
    text = text.replace('= "data/', f'= "{DATA}/')
    text = text.replace('["fragments/', f'["{SCENARIOS}/fragments/')
    for needle in (f'ccg_codes = ["{code}"]', f"start_year = {{ value = {year + 1},"):
        if needle not in text:
            raise SystemExit(f"sweep_areas: could not set {needle} in scenarios/bolton.toml")
    return text


def near(model, independent, tolerance=0.01):
    if abs(independent) < 1:
        return abs(model) < 1
    return abs(model - independent) <= tolerance * abs(independent)


def check_run(pcsim, work, base, year, code, iterations, expected):
    folder = os.path.join(work, f"{year}-{code}")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "scenario.toml")
    with open(path, "w") as f:
        f.write(scenario_text(base, year, code))
    out = os.path.join(folder, "out.h5")
    run = subprocess.run([pcsim, "run", path, "--iterations", str(iterations), "--threads", "1",
                          "-o", out, "--force", "--quiet"], capture_output=True, text=True)
    if run.returncode != 0:
        last = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ""
        return [f"exit code {run.returncode}: {last[:300]}"]
    problems = []
    with h5py.File(out) as f:
        option = f["options"][f["options"].attrs["option_order"][0]]
        for group, label in ((option, ""), (option["central"], "central ")):
            for name, item in group.items():
                if (isinstance(item, h5py.Dataset) and item.dtype.kind == "f"
                        and name != "payback_year"):
                    values = item[()]
                    bad = int(np.size(values) - np.count_nonzero(np.isfinite(values)))
                    if bad:
                        problems.append(f"{label}{name}: {bad} values not finite")
        central = option["central"]
        cost, registered = expected
        model_cost = float(central["levelling_up_cost"][0])
        if cost is not None and not near(model_cost, cost):
            problems.append(f"year-1 levelling cost {model_cost:,.0f}, independent {cost:,.0f}")
        model_list = float(central["list_size"][0])
        if registered is not None and not near(model_list, registered * (1 + GROWTH)):
            problems.append(f"year-1 list {model_list:,.0f}, independent "
                            f"{registered * (1 + GROWTH):,.0f}")
        gps = option["gp_headcount"][()]
        if not np.all(np.isfinite(gps)) or np.any(gps < 0):
            problems.append("GP headcounts not finite or negative")
        elif gps[:, -1].mean() > 3 * gps[:, 0].mean() + 1:
            problems.append(f"GP headcount grows from {gps[:, 0].mean():.1f} "
                            f"to {gps[:, -1].mean():.1f}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pcsim")
    parser.add_argument("--sample", type=int, default=0,
                        help="areas per year, spread over the sorted codes, plus 00T (0: all)")
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--years", type=int, nargs="*", default=list(range(2014, 2023)),
                        help="base years by their first calendar year (2016 = 2016/17)")
    args = parser.parse_args()
    pcsim = os.path.realpath(args.pcsim)
    if not os.access(pcsim, os.X_OK):
        parser.error(f"{args.pcsim} is not an executable")
    with open(os.path.join(SCENARIOS, "bolton.toml")) as f:
        base = f.read()
    jobs = []
    for year in args.years:
        if not os.path.exists(payments_file(year)):
            parser.error(f"no payments file for {year}/{(year + 1) % 100:02d}")
        costs, _, _ = levelling_check.area_costs(payments_file(year), year, GROWTH, INFLATION)
        codes, registered = lists_by_area(year)
        if args.sample > 0 and len(codes) > args.sample:
            step = (len(codes) - 1) / max(1, args.sample - 1)
            picked = {codes[round(i * step)] for i in range(args.sample)}
            codes = sorted(picked | ({"00T"} & set(codes)))
        for code in codes:
            expected = (float(costs.get(code, 0.0)), float(registered.get(code, 0.0)))
            jobs.append((year, code, expected))
    failed = 0
    unchecked = sum(1 for _, _, (cost, _) in jobs if cost is None)
    unlisted = sum(1 for _, _, (_, registered) in jobs if registered is None)
    with tempfile.TemporaryDirectory() as work, \
            concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        runs = [pool.submit(check_run, pcsim, work, base, year, code, args.iterations, expected)
                for year, code, expected in jobs]
        for (year, code, _), run in zip(jobs, runs):
            problems = run.result()
            if problems:
                failed += 1
                print(f"{year}/{(year + 1) % 100:02d} {code}: " + "; ".join(problems), flush=True)
    print(f"sweep_areas: {len(jobs)} area-years run, {failed} failed; levelling cost compared "
          f"in {len(jobs) - unchecked}, registered lists in {len(jobs) - unlisted}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
