#!/usr/bin/python3
"""pcsim's Monte Carlo law against the documents, four ways.

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

repair SCENARIO ITERATIONS: a scenario whose rank correlations cannot all hold together,
with repair_correlation = true: the laws as above, and every pair's realised rank
correlation (pairs not given too) within 5/sqrt(N) of the nearest correlation matrix
(Higham 2002, computed here in mc_from_docs.py); the warning on standard error and in
/warnings giving the distance and those correlations; the same scenario without the repair
refused (exit 3) with its smallest eigenvalue.

practices SCENARIO ITERATIONS: `pcsim run --per-practice`: the identities the documents
state (summaries are the means of the stored figures, closed/merged 0/1 flags that stay
set, nothing after a practice went, the run's closures, mergers, practices open,
appointments gap and ARRS FTE are the practices' sums), and every practice-year mean of
every figure and option within 5 combined standard errors of mc_from_docs.py's.

Usage: check_mc_from_docs.py PCSIM KIND SCENARIO ITERATIONS [KIND SCENARIO ITERATIONS ...]
with KIND one of means, laws, repair, practices.
Exit 0 when everything agrees, 1 otherwise, 2 on bad usage.
"""
import math
import os
import re
import subprocess
import sys
import tempfile
import tomllib

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import mc_from_docs  # noqa: E402

SEED = 20261207


def run_pcsim(pcsim, scenario, iterations, folder, *flags, stderr=None):
    """pcsim run into folder; its standard error is appended to the list stderr if given."""
    out = os.path.join(folder, os.path.basename(scenario) + f".{iterations}.h5")
    run = subprocess.run([pcsim, "run", scenario, "--iterations", str(iterations), "--seed",
                          str(SEED), "--threads", "2", "-o", out, "--force", "--quiet", *flags],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"pcsim exited {run.returncode}: {run.stderr.strip()[-400:]}")
    if stderr is not None:
        stderr.append(run.stderr)
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


def check_laws(pcsim, scenario, iterations, folder, out=None, pairs=None):
    """pairs: (a, b, target) rank correlations to hold; the scenario's by default."""
    out = out or run_pcsim(pcsim, scenario, iterations, folder)
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
    if pairs is None:
        pairs = [(c["a"], c["b"], c["rank_correlation"])
                 for c in doc.get("sampling", {}).get("correlations", [])]
    for a, b, target in pairs:
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


# ---------------------------------------------------------------- repair SCENARIO N
def numbers_in(text):
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?", text)]


def mentions(text, value, tolerance):
    return any(abs(x - value) <= tolerance for x in numbers_in(text))


def refused_unrepaired(pcsim, scenario, smallest, folder):
    """docs/scenario-format.md, [sampling]: with repair_correlation = false the same
    correlations are an error (exit 3, docs/cli.md) that reports the smallest eigenvalue."""
    with open(scenario) as handle:
        text = handle.read()
    here = os.path.dirname(os.path.realpath(scenario))
    text = text.replace("repair_correlation = true", "repair_correlation = false")
    # The copy lives elsewhere: its relative paths are made absolute.
    text = re.sub(r'"(\.\./[^"]*)"', lambda m: '"' + os.path.join(here, m.group(1)) + '"', text)
    copy = os.path.join(folder, "unrepaired.toml")
    with open(copy, "w") as handle:
        handle.write(text)
    run = subprocess.run([pcsim, "validate", copy, "-o", os.path.join(folder, "unrepaired.h5")],
                         capture_output=True, text=True)
    error = [line for line in run.stderr.splitlines() if "sampling.correlations" in line]
    if run.returncode != 3 or not error:
        return [f"{scenario} with repair_correlation = false: exit {run.returncode}, expected 3 "
                f"and an error on sampling.correlations ({run.stderr.strip()[-300:]})"]
    if not mentions(error[0], smallest, 5e-4 * max(1.0, abs(smallest))):
        return [f"{scenario} with repair_correlation = false: the error does not give the "
                f"smallest eigenvalue {smallest:.5g}: {error[0]}"]
    return []


def check_repair(pcsim, scenario, iterations, folder):
    """repair_correlation = true: the realised rank correlations are those of the nearest
    correlation matrix (mc_from_docs.nearest_correlation, Higham 2002), every pair (those
    not given too: their target 0 is repaired as well) within 5/sqrt(N); the run warns on
    standard error and in /warnings (key sampling.correlations) with the distance and the
    correlations it uses; without the repair the scenario is refused.
    A repaired matrix is singular and its normal scores' Pearson matrix 2 sin(pi r / 6)
    indefinite, so a Gaussian copula falls short of the repaired targets (by up to 0.018
    for repair.toml, mc_from_docs.normal_score_factor): 5/sqrt(N) covers that only while
    N stays below about 75,000."""
    with open(scenario, "rb") as handle:
        sampling = tomllib.load(handle)["sampling"]
    names, requested = mc_from_docs.target_matrix(sampling["correlations"])
    smallest = np.linalg.eigvalsh(requested).min()
    if smallest >= 0:
        return [f"{scenario}: its correlations hold together, nothing to repair (a wrong probe)"]
    names, repaired = mc_from_docs.rank_targets(sampling)
    distance = np.linalg.norm(repaired - requested)  # Frobenius, the norm of the algorithm
    # The repair itself: a correlation matrix (unit diagonal, no negative eigenvalue).
    problems = []
    if np.abs(np.diag(repaired) - 1).max() > 1e-12 or np.linalg.eigvalsh(repaired).min() < -1e-9:
        problems.append(f"{scenario}: mc_from_docs's repair is not a correlation matrix")
    stderr = []
    out = run_pcsim(pcsim, scenario, iterations, folder, stderr=stderr)
    pairs = [(names[i], names[j], repaired[i, j])
             for i in range(len(names)) for j in range(i + 1, len(names))]
    problems += check_laws(pcsim, scenario, iterations, folder, out=out, pairs=pairs)
    # The warning, in the file (docs/output-format.md, /warnings) and on standard error
    # (docs/cli.md: every warning, --quiet or not, one line "warning: KEY: ...").
    with h5py.File(out, "r") as f:
        keys = list(f["warnings/key"].asstr()[()])
        messages = list(f["warnings/message"].asstr()[()])
    stored = [m for k, m in zip(keys, messages) if k == "sampling.correlations"]
    printed = [line for line in stderr[0].splitlines()
               if line.startswith("warning: sampling.correlations")]
    if len(stored) != 1 or len(printed) != 1:
        problems.append(f"{scenario}: {len(stored)} sampling.correlations warnings in /warnings "
                        f"and {len(printed)} on standard error, expected one each")
    for message in stored[:1]:
        # Printed rounded (to 3 decimals here); 0.0051 would allow 2.
        missing = [f"{a} ~ {b} {r:.4f}" for a, b, r in pairs if not mentions(message, r, 0.0051)]
        if missing or not mentions(message, distance, 0.0051):
            problems.append(f"{scenario}: the warning does not give the distance {distance:.4f} "
                            f"and the repaired correlations {missing}: {message}")
    problems += refused_unrepaired(pcsim, scenario, smallest, folder)
    print(f"mc_from_docs: {scenario}: repaired at Frobenius distance {distance:.4f} "
          f"(smallest eigenvalue {smallest:.4f}); {len(pairs)} repaired pairs held")
    return problems


# ---------------------------------------------------------------- practices SCENARIO N
# docs/output-format.md, "practices/ (--per-practice)": the figures and their units.
PRACTICE_UNITS = {"closed": "share", "merged": "share", "appointments_gap": "appointments",
                  "funding_per_weighted": "GBP per weighted patient", "arrs_fte": "FTE"}


def practice_identities(label, group, metrics, codes):
    """What the documents state of one option's practices/ group, exactly (up to rounding)."""
    problems = []
    say = lambda text: problems.append(f"{label}: {text}")
    if list(group["codes"].asstr()[()]) != codes:
        say("practices/codes differs from the /practices scale")
    if set(group) - {"codes", "summary"} != set(PRACTICE_UNITS):
        say(f"figures {sorted(set(group) - {'codes', 'summary'})}, the document lists "
            f"{sorted(PRACTICE_UNITS)}")
        return problems
    x = {k: group[k][()] for k in PRACTICE_UNITS}
    for k, unit in PRACTICE_UNITS.items():
        if group[k].attrs.get("unit") != unit or group["summary"][k].attrs.get("unit") != unit:
            say(f"{k}: unit {group[k].attrs.get('unit')!r}, the document says {unit!r}")
        # summary = mean over the iterations of the non-NaN values; n_nan counts the NaNs.
        stored, nan = group["summary"][k][()], np.isnan(x[k])
        with np.errstate(invalid="ignore"):
            mean = np.nanmean(x[k], axis=0)
        if group["summary"][k].attrs.get("n_nan") != nan.sum():
            say(f"{k}: n_nan {group['summary'][k].attrs.get('n_nan')}, the array has {nan.sum()}")
        if not np.allclose(stored, mean, rtol=1e-12, atol=1e-12, equal_nan=True):
            worst = np.nanmax(np.abs(stored - mean))
            say(f"summary/{k} is not the mean of the stored {k} over the iterations (by {worst:.3g})")
    closed, merged = x["closed"], x["merged"]
    # A stochastic run: 1 from the year the practice went, 0 before; never both.
    for k, flag in (("closed", closed), ("merged", merged)):
        if not np.isin(flag, (0.0, 1.0)).all() or (np.diff(flag, axis=2) < 0).any():
            say(f"{k} is not a 0/1 flag that stays 1 once set")
    if (closed + merged > 1).any():
        say("a practice both closed and merged")
    gone_before = np.concatenate([np.zeros_like(closed[:, :, :1]), (closed + merged)[:, :, :-1]], axis=2)
    for k in ("appointments_gap", "funding_per_weighted", "arrs_fte"):
        if (x[k][gone_before > 0] != 0).any():
            say(f"{k} not 0 in the years after the practice went")
    # The run's metrics are the sums over practices (docs/output-format.md, the metrics).
    went = lambda flag: np.diff(np.concatenate([np.zeros_like(flag[:, :, :1]), flag], axis=2), axis=2).sum(1)
    n = closed.shape[1]
    exact = {"closures": went(closed), "mergers": went(merged),
             "practices_open": n - (closed + merged).sum(1)}
    summed = {"appointments_gap": x["appointments_gap"].sum(1), "arrs_fte": x["arrs_fte"].sum(1)}
    for name, value in exact.items():
        if not np.array_equal(value, metrics[name]):
            say(f"{name} is not what the per-practice closed/merged flags give")
    for name, value in summed.items():
        if not np.allclose(value, metrics[name], rtol=1e-9, atol=1e-6):
            say(f"{name} is not the sum of the practices' {name} "
                f"(by {np.abs(value - metrics[name]).max():.3g})")
    return problems


def check_practices(pcsim, scenario, iterations, folder):
    """--per-practice: the stored figures' identities (practice_identities), then each
    practice-year mean (summary/<figure>) against mc_from_docs's within 5 combined standard
    errors. With P practices, Y years and 5 figures an option makes 5 P Y comparisons
    (2,500 for Bolton): at 5 SE each has a normal tail of 5.7e-7, so a correct pcsim fails
    one with probability about 1.4e-3 per run (the seeds are fixed: the outcome does not
    vary). The count beyond 4 SE is printed."""
    out = run_pcsim(pcsim, scenario, iterations, folder, "--per-practice")
    results, prs, _ = mc_from_docs.run(scenario, iterations, SEED, per_practice=True)
    problems, compared, beyond4, largest = [], 0, 0, 0.0
    with h5py.File(out, "r") as f:
        codes = list(f["practices"].asstr()[()])
        mine = {p["code"]: i for i, p in enumerate(prs)}
        if sorted(codes) != sorted(mine):
            return [f"{scenario}: pcsim's practices are not those of the documents' loading"]
        order = [mine[c] for c in codes]
        for option in f["options"].attrs["option_order"]:
            group, label = f["options"][option], f"{scenario} '{option}'"
            metrics = {k: group[k][()] for k in ("closures", "mergers", "practices_open",
                                                 "appointments_gap", "arrs_fte")}
            problems += practice_identities(label, group["practices"], metrics, codes)
            for k in PRACTICE_UNITS:
                theirs = group["practices"][k][()]
                ours = results[option]["practices"][k][:, order, :]
                stored = group["practices"]["summary"][k][()]
                # The same SE and floors as check_means, for every practice-year at once.
                se = np.maximum.reduce([
                    np.sqrt(theirs.var(0, ddof=1) / len(theirs) + ours.var(0, ddof=1) / len(ours)),
                    1e-9 * np.maximum(np.abs(theirs.mean(0)), np.abs(ours.mean(0))),
                    np.full(stored.shape, 1e-6)])
                z = (stored - ours.mean(0)) / se
                if not np.isfinite(z).all():  # a NaN would pass every comparison below
                    problems.append(f"{label} {k}: {np.count_nonzero(~np.isfinite(z))} "
                                    f"practice-years without a finite mean")
                    z = np.nan_to_num(z, nan=0.0)
                compared += z.size
                beyond4 += int((np.abs(z) > 4).sum())
                largest = max(largest, float(np.abs(z).max()))
                for p, y in zip(*np.nonzero(np.abs(z) > 5)):
                    problems.append(f"{label} practice {codes[p]} {k} year {y + 1}: pcsim mean "
                                    f"{stored[p, y]:.6g}, documents {ours[:, p, y].mean():.6g}, "
                                    f"{z[p, y]:+.1f} SE")
    print(f"mc_from_docs: {scenario}: {compared} per-practice means at {iterations} iterations, "
          f"{beyond4} beyond 4 SE, largest {largest:.2f} SE")
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
            check = {"means": check_means, "laws": check_laws, "repair": check_repair,
                     "practices": check_practices}.get(kind)
            if check is None:
                print(__doc__, file=sys.stderr)
                return 2
            problems += check(pcsim, scenario, iterations, folder)
    for problem in problems:
        print("mc_from_docs: FAILED:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
