#!/usr/bin/python3
"""pcsim's central case against central_from_docs.py, an implementation of the model from
the documents alone (its docstring says how it was written).

For each scenario: `pcsim run SCENARIO --central --per-practice` into a temporary folder,
then every per-year metric, `npv` and `payback_year` of every option, and the per-practice
figures (closed, merged, appointments_gap, funding_per_weighted, arrs_fte) of every
practice and year, must agree with the documents' figures: relative difference at most
1e-9, or absolute at most 1e-6 (£ or appointments summed in another order), NaN where the
other is NaN. Prints one line per scenario and option and every disagreement; exit 0 when
all agree, 1 otherwise, 2 on bad usage.

Usage: check_central_from_docs.py PCSIM SCENARIO...
"""
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import central_from_docs  # noqa: E402

RELATIVE = 1e-9
ABSOLUTE = 1e-6
PRACTICE_FIGURES = ["closed", "merged", "appointments_gap", "funding_per_weighted", "arrs_fte"]


def worst(mine, theirs):
    """Largest relative difference beyond the absolute tolerance; inf for NaN on one side
    or a shape that differs."""
    mine = np.atleast_1d(np.asarray(mine, dtype=float))
    theirs = np.atleast_1d(np.asarray(theirs, dtype=float))
    if mine.shape != theirs.shape:
        return np.inf
    if np.any(np.isnan(mine) != np.isnan(theirs)):
        return np.inf
    both = ~np.isnan(mine)
    difference = np.abs(mine[both] - theirs[both])
    relative = difference / np.maximum(np.abs(theirs[both]), 1e-300)
    relative[difference <= ABSOLUTE] = 0
    return float(relative.max()) if relative.size else 0.0


def check(pcsim, scenario, folder):
    out = os.path.join(folder, os.path.basename(scenario) + ".h5")
    run = subprocess.run([pcsim, "run", scenario, "--central", "--per-practice", "-o", out,
                          "--force", "--quiet"], capture_output=True, text=True)
    if run.returncode != 0:
        return [f"{scenario}: pcsim exited {run.returncode}: {run.stderr.strip()[-400:]}"]
    results, practices, _ = central_from_docs.run(scenario)
    problems = []
    with h5py.File(out, "r") as f:
        for option in f["options"].attrs["option_order"]:
            group = f["options"][option]
            mine = results.get(option)
            if mine is None:
                problems.append(f"{scenario}: option '{option}' not computed from the documents")
                continue
            names = list(group.attrs["metric_order"]) + list(group.attrs["scalar_order"])
            agreed = 0
            for name in names:
                theirs = group["central"][name][()] if "central" in group else group[name][0]
                if name not in mine:
                    problems.append(f"{scenario} '{option}': {name} not computed from the documents")
                    continue
                gap = worst(mine[name], theirs)
                if gap > RELATIVE:
                    problems.append(f"{scenario} '{option}': {name} differs by {gap:.3g} (relative): "
                                    f"documents {np.atleast_1d(mine[name])[:4]}, pcsim "
                                    f"{np.atleast_1d(theirs)[:4]}")
                else:
                    agreed += 1
            figures = group["practices"]
            codes = [c.decode() if isinstance(c, bytes) else str(c) for c in figures["codes"][()]]
            if codes != [p["code"] for p in practices]:
                problems.append(f"{scenario}: the practices modelled differ ({len(codes)} in pcsim, "
                                f"{len(practices)} from the documents)")
                continue
            for name in PRACTICE_FIGURES:
                gap = worst(mine["__pp__"][name], figures[name][0])
                if gap > RELATIVE:
                    problems.append(f"{scenario} '{option}': per-practice {name} differs by {gap:.3g}")
                else:
                    agreed += 1
            print(f"central_from_docs: {scenario} '{option}': {agreed} of "
                  f"{len(names) + len(PRACTICE_FIGURES)} figures agree")
    return problems


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    pcsim = os.path.realpath(sys.argv[1])
    problems = []
    with tempfile.TemporaryDirectory() as folder:
        for scenario in sys.argv[2:]:
            problems += check(pcsim, scenario, folder)
    for problem in problems:
        print("central_from_docs: FAILED:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
