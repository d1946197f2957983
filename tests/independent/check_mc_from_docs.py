#!/usr/bin/python3
"""pcsim's Monte Carlo law against the documents, two ways.

means SCENARIO ITERATIONS: `pcsim run SCENARIO --iterations N --seed 20261207` and
mc_from_docs.py (the model implemented again from the documents alone, drawing its own
numpy random numbers, seed 20261207) must agree on the mean of every metric-year, npv and
payback_year of every option: |difference| within 5 combined standard errors (the seeds
are fixed, so the outcome is the same on every run; at 5 SE a correct pcsim fails one of a
few thousand comparisons with probability about 1e-3). The count beyond 4 SE is printed.

laws SCENARIO ITERATIONS: pcsim's draws of every uncertain parameter (/parameters, and an
option's own under /options/<o>/parameters) against the law docs/scenario-format.md gives
the scenario's table (computed here from the TOML, not from pcsim's description of it):
Kolmogorov-Smirnov p above 1e-4 for continuous laws, each value's count within 5 binomial
standard errors for discrete ones; with [sampling] method = "lhs" exactly one draw in each
of the N strata of its cumulative probability; each rank correlation of [sampling] within
5/sqrt(N) of its target (times sqrt(1 - sum p^3) for a discrete parameter).

Usage: check_mc_from_docs.py PCSIM (means|laws) SCENARIO ITERATIONS [(means|laws) ...]
Exit 0 when everything agrees, 1 otherwise, 2 on bad usage.
"""
import math
import os
import subprocess
import sys
import tempfile
import tomllib

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import mc_from_docs  # noqa: E402

SEED = 20261207


def run_pcsim(pcsim, scenario, iterations, folder):
    out = os.path.join(folder, os.path.basename(scenario) + f".{iterations}.h5")
    run = subprocess.run([pcsim, "run", scenario, "--iterations", str(iterations), "--seed",
                          str(SEED), "--threads", "2", "-o", out, "--force", "--quiet"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"pcsim exited {run.returncode}: {run.stderr.strip()[-400:]}")
    return out


def check_means(pcsim, scenario, iterations, folder):
    out = run_pcsim(pcsim, scenario, iterations, folder)
    results, _, _ = mc_from_docs.run(scenario, iterations, SEED)
    problems, compared, beyond4, largest = [], 0, 0, 0.0
    with h5py.File(out, "r") as f:
        for option in f["options"].attrs["option_order"]:
            group, mine = f["options"][option], results[option]
            for name in list(group.attrs["metric_order"]) + list(group.attrs["scalar_order"]):
                theirs, ours = group[name][()], np.asarray(mine[name], dtype=float)
                if theirs.ndim == 1:
                    theirs, ours = theirs[:, None], ours[:, None]
                for y in range(theirs.shape[1]):
                    a, b = theirs[:, y], ours[:, y]
                    a, b = a[~np.isnan(a)], b[~np.isnan(b)]
                    if len(a) < 2 or len(b) < 2:
                        continue
                    difference = a.mean() - b.mean()
                    # A floor for figures constant in both (sums in another order differ in
                    # their last bits).
                    se = max(math.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b)),
                             1e-9 * max(abs(a.mean()), abs(b.mean())), 1e-6)
                    z = difference / se
                    compared += 1
                    beyond4 += abs(z) > 4
                    largest = max(largest, abs(z))
                    if abs(z) > 5:
                        problems.append(f"{scenario} '{option}' {name} year {y + 1}: pcsim mean "
                                        f"{a.mean():.6g}, documents {b.mean():.6g}, {z:+.1f} SE")
    print(f"mc_from_docs: {scenario}: {compared} means at {iterations} iterations, {beyond4} beyond "
          f"4 SE, largest {largest:.2f} SE")
    return problems


def normal_cdf(x):
    return 0.5 * (1.0 + np.vectorize(math.erf)(np.asarray(x, dtype=float) / math.sqrt(2.0)))


def beta_cdf(a, b):
    """The Beta(a, b) CDF by the trapezium rule on a fine grid (no scipy on the machine)."""
    x = np.linspace(0.0, 1.0, 400001)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_density = (a - 1) * np.log(x) + (b - 1) * np.log1p(-x)
    log_density = np.where(np.isfinite(log_density), log_density, -np.inf)
    density = np.exp(log_density - log_density[np.isfinite(log_density)].max())
    cumulative = np.concatenate([[0.0], np.cumsum((density[1:] + density[:-1]) / 2)])
    cumulative /= cumulative[-1]
    return lambda y: np.interp(y, x, cumulative)


def law_cdf(v):
    """The CDF docs/scenario-format.md gives a distribution table; None for discrete."""
    kind = v["dist"]
    if kind == "uniform":
        return lambda x: np.clip((x - v["min"]) / (v["max"] - v["min"]), 0, 1)
    if kind == "triangular":
        lo, mode, hi = v["min"], v["mode"], v["max"]
        return lambda x: np.where(x <= mode, (x - lo) ** 2 / ((hi - lo) * (mode - lo) or 1),
                                  1 - (hi - x) ** 2 / ((hi - lo) * (hi - mode) or 1))
    if kind == "pert":
        lo, mode, hi, lam = v["min"], v["mode"], v["max"], v.get("lambda", 4)
        shape = beta_cdf(1 + lam * (mode - lo) / (hi - lo), 1 + lam * (hi - mode) / (hi - lo))
        return lambda x: shape((x - lo) / (hi - lo))
    if kind == "beta":
        if "alpha" in v:
            return beta_cdf(v["alpha"], v["beta"])
        m, s = v["mean"], v["sd"]
        k = m * (1 - m) / s ** 2 - 1
        return beta_cdf(m * k, (1 - m) * k)
    if kind == "normal":
        m, s = v["mean"], v["sd"]
        lo, hi = normal_cdf((v.get("lower", -np.inf) - m) / s), normal_cdf((v.get("upper", np.inf) - m) / s)
        return lambda x: (normal_cdf((x - m) / s) - lo) / (hi - lo)
    if kind == "lognormal":
        if "mu" in v:
            mu, sigma = v["mu"], v["sigma"]
        else:
            sigma = math.sqrt(math.log1p((v["sd"] / v["mean"]) ** 2))
            mu = math.log(v["mean"]) - sigma ** 2 / 2
        under = lambda x: normal_cdf((np.log(np.maximum(x, 1e-300)) - mu) / sigma)
        lower = v.get("lower", 0.0)
        lo = under(lower) if lower > 0 else 0.0
        hi = under(v["upper"]) if "upper" in v else 1.0
        return lambda x: (under(x) - lo) / (hi - lo)
    return None


def kolmogorov_p(d, n):
    lam = (math.sqrt(n) + 0.12 + 0.11 / math.sqrt(n)) * d
    terms = (2 * (-1) ** (k - 1) * math.exp(-2 * k * k * lam * lam) for k in range(1, 101))
    return max(0.0, min(1.0, sum(terms)))


def table_at(doc, path):
    node = doc
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node if isinstance(node, dict) and "dist" in node else None


def check_laws(pcsim, scenario, iterations, folder):
    out = run_pcsim(pcsim, scenario, iterations, folder)
    with open(scenario, "rb") as handle:
        doc = tomllib.load(handle)
    lhs = doc.get("sampling", {}).get("method") == "lhs"
    problems, checked, uniforms, probabilities = [], 0, {}, {}
    with h5py.File(out, "r") as f:
        sets = [("", f["parameters"], doc)]
        options = {o["name"]: o for o in doc.get("options", [])}
        for name in f["options"].attrs["option_order"]:
            if "parameters" in f["options"][name] and name in options:
                sets.append((f"'{name}' ", f["options"][name]["parameters"], options[name]))
        for label, group, source in sets:
            for path in group:
                v = table_at(source, path)
                if v is None or v["dist"] == "fixed":
                    continue
                x = group[path][()]
                n = len(x)
                checked += 1
                if v["dist"] == "discrete":
                    values = np.array(v["values"], dtype=float)
                    weights = np.array(v.get("weights", [1] * len(values)), dtype=float)
                    p = weights / weights.sum()
                    for value, share in zip(values, p):
                        count = np.sum(x == value)
                        z = (count - n * share) / math.sqrt(n * share * (1 - share) or 1)
                        if abs(z) > 5:
                            problems.append(f"{scenario} {label}{path}: {count} draws of {value}, "
                                            f"expected {n * share:.0f} ({z:+.1f} SE)")
                    probabilities[path] = p
                    continue
                u = law_cdf(v)(x)
                ordered = np.sort(u)
                i = np.arange(1, n + 1)
                d = max((i / n - ordered).max(), (ordered - (i - 1) / n).max())
                p_value = kolmogorov_p(d, n)
                if p_value < 1e-4:
                    problems.append(f"{scenario} {label}{path}: {v['dist']} draws fail the "
                                    f"Kolmogorov-Smirnov test against the documents' law "
                                    f"(D {d:.4f}, p {p_value:.2g}, mean {x.mean():.6g})")
                if lhs and not np.array_equal(np.floor(ordered * n).astype(int), np.arange(n)):
                    problems.append(f"{scenario} {label}{path}: not one draw in each of the {n} strata")
                if not label:
                    uniforms[path] = u
            if not label:
                uniforms.update({p: group[p][()] for p in probabilities})
    for pair in doc.get("sampling", {}).get("correlations", []):
        a, b, target = pair["a"], pair["b"], pair["rank_correlation"]
        if a not in uniforms or b not in uniforms:
            continue
        ranks = [np.argsort(np.argsort(uniforms[k], kind="stable"), kind="stable") for k in (a, b)]
        # Mid-ranks for ties (discrete draws): the mean rank of each value's group.
        for k, key in enumerate((a, b)):
            if key in probabilities:
                _, group, counts = np.unique(uniforms[key], return_inverse=True,
                                             return_counts=True)
                below = np.concatenate([[0], np.cumsum(counts)[:-1]])
                ranks[k] = (below + (counts - 1) / 2)[group]  # 0-based, as argsort's
        achieved = np.corrcoef(ranks[0], ranks[1])[0, 1]
        expected = target
        for key in (a, b):
            if key in probabilities:
                expected *= math.sqrt(1 - np.sum(probabilities[key] ** 3))
        n = len(ranks[0])
        checked += 1
        if abs(achieved - expected) > 5 / math.sqrt(n - 1):
            problems.append(f"{scenario}: rank correlation of {a} and {b} {achieved:.3f}, the "
                            f"documents give {expected:.3f} (target {target})")
    print(f"mc_from_docs: {scenario}: {checked} laws and correlations at {iterations} iterations")
    return problems


def main():
    args = sys.argv[1:]
    if len(args) < 4 or (len(args) - 1) % 3 != 0:
        print(__doc__, file=sys.stderr)
        return 2
    pcsim = os.path.realpath(args[0])
    problems = []
    with tempfile.TemporaryDirectory() as folder:
        for k in range(1, len(args), 3):
            kind, scenario, iterations = args[k], args[k + 1], int(args[k + 2])
            check = {"means": check_means, "laws": check_laws}.get(kind)
            if check is None:
                print(__doc__, file=sys.stderr)
                return 2
            problems += check(pcsim, scenario, iterations, folder)
    for problem in problems:
        print("mc_from_docs: FAILED:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
