#!/usr/bin/python3
"""The back-test of docs/validation.md (issue 12): runs scenarios/backtest-2018.toml and
scenarios/backtest-2016.toml with pcsim for England and three areas, and compares the
last year (2022/23) with what happened (tests/data/history_actuals.csv, computed from the
payments files and the GP headcount series by scripts/history_actuals.py).

For each measure: the actual, the model's central case, the Monte Carlo mean, P10 and P90,
the central case's error in %, and whether the actual lies inside P10-P90. Measures:
practices open at the year end, registered patients, GP headcount (permanent, fully
qualified, summed over the practices, as the model sums them), mean list size (registered
patients / practices open, per iteration) and the share of single-handed practices (per
iteration). The goals for England (issue 12): central within 3% for practices, 1% for
registered patients, 3% for GP headcount; every actual inside P10-P90.

Usage: backtest.py PCSIM [--iterations N] [--areas] [--markdown FILE] [--json FILE]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = os.path.join(ROOT, "scenarios")
ACTUALS = os.path.join(ROOT, "tests", "data", "history_actuals.csv")
GOALS = {"open_practices": 0.03, "registered_patients": 0.01, "gp_headcount": 0.03}
MEASURES = [("open_practices", "practices open"), ("registered_patients", "registered patients"),
            ("gp_headcount", "GP headcount"), ("mean_list_size", "mean list size"),
            ("share_single_handed", "share single-handed")]
# Areas by their base-year code; history_actuals.py follows each into 2022/23.
AREAS = [("00T", "NHS Bolton"), ("04C", "NHS Leicester City"), ("03F", "NHS Hull")]


def scenario_for(base, area, work):
    """The back-test scenario, for one area when `area` is given (paths made absolute)."""
    text = open(os.path.join(SCENARIOS, f"backtest-{base}.toml")).read()
    text = text.replace('= "data/', f'= "{SCENARIOS}/data/').replace(
        '["fragments/', f'["{SCENARIOS}/fragments/').replace(
        '"fragments/', f'"{SCENARIOS}/fragments/')
    if area:
        text = text.replace("[practices]\n", f'[practices]\nccg_codes = ["{area}"]\n', 1)
    path = os.path.join(work, f"backtest-{base}-{area or 'England'}.toml")
    with open(path, "w") as f:
        f.write(text)
    return path


def model_figures(pcsim, scenario, iterations, work):
    """Per-iteration and central values of the measures in the last year."""
    out = os.path.join(work, "out.h5")
    subprocess.run([pcsim, "run", scenario, "-o", out, "--force", "--quiet", "--threads", "2",
                    "--iterations", str(iterations)], check=True, stderr=subprocess.DEVNULL)
    with h5py.File(out, "r") as f:
        option = f["options"][f["options"].attrs["option_order"][0]]
        year = f["years"].asstr()[-1]
        last = lambda name: option[name][:, -1]
        central = lambda name: float(option["central"][name][-1])
        open_, lists = last("practices_open"), last("list_size")
        iterations_values = {
            "open_practices": open_, "registered_patients": lists,
            "gp_headcount": last("gp_headcount"), "mean_list_size": lists / open_,
            "share_single_handed": last("single_handed_practices") / open_}
        central_values = {
            "open_practices": central("practices_open"),
            "registered_patients": central("list_size"),
            "gp_headcount": central("gp_headcount"),
            "mean_list_size": central("list_size") / central("practices_open"),
            "share_single_handed": central("single_handed_practices") / central("practices_open")}
    return year, iterations_values, central_values


def rows_for(base, area, label, actuals, pcsim, iterations, work):
    year, values, central = model_figures(pcsim, scenario_for(base, area, work), iterations, work)
    key = area or "England"
    rows = []
    for measure, name in MEASURES:
        actual = actuals.get((key, year, measure))
        v = values[measure]
        p10, p90 = np.percentile(v, [10, 90])
        c = central[measure]
        error = c / actual - 1 if actual else float("nan")
        rows.append({"base": base, "area": label, "year": year, "measure": name, "key": measure,
                     "actual": actual, "central": c, "mean": float(np.mean(v)),
                     "p10": float(p10), "p90": float(p90), "error": error,
                     "inside": bool(actual is not None and p10 <= actual <= p90),
                     "goal": GOALS.get(measure) if area is None else None})
    return rows


def number(x, measure):
    if x is None or x != x:
        return "n/a"
    if measure == "share_single_handed":
        return f"{100 * x:.1f}%"
    return f"{x:,.0f}"


def markdown(rows):
    lines = ["| start | area | measure | actual 2022/23 | central | mean | P10 | P90 | error (central) | inside P10-P90 | goal |",
             "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
    for r in rows:
        goal = ""
        if r["goal"] is not None:
            met = abs(r["error"]) <= r["goal"]
            goal = f"±{100 * r['goal']:.0f}%: {'met' if met else 'missed'}"
        lines.append(f"| {r['base']} | {r['area']} | {r['measure']} | {number(r['actual'], r['key'])} | "
                     f"{number(r['central'], r['key'])} | {number(r['mean'], r['key'])} | "
                     f"{number(r['p10'], r['key'])} | {number(r['p90'], r['key'])} | "
                     f"{100 * r['error']:+.1f}% | {'yes' if r['inside'] else 'no'} | {goal} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pcsim")
    parser.add_argument("--iterations", type=int, default=2000)
    parser.add_argument("--areas", action="store_true", help="also the three areas")
    parser.add_argument("--bases", default="2018,2016")
    parser.add_argument("--markdown", default=None)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    table = pd.read_csv(ACTUALS)
    actuals = {(a, y, m): v for a, y, m, v in table.itertuples(index=False)}
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for base in args.bases.split(","):
            rows += rows_for(base, None, "England", actuals, args.pcsim, args.iterations, work)
            if args.areas:
                for code, name in AREAS:
                    rows += rows_for(base, code, f"{name} ({code})", actuals, args.pcsim,
                                     args.iterations, work)
    text = markdown(rows)
    print(text, end="")
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
