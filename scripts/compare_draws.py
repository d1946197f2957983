#!/usr/bin/python3
"""Whether two pcsim results files of one scenario agree within Monte Carlo error: the check
that a change of the random draws (their keying, a sampler) left the model's law as it was.
The two runs have different draws, so each metric-year's mean, P10, P50 and P90 in one is
compared with the other's in standard errors of their difference, every option.

    /usr/bin/python3 scripts/compare_draws.py BEFORE.h5 AFTER.h5 [--tolerance 4] [--worst 12]

Standard errors: of a mean, from the iterations' differences when both files have the same
seed and iterations (iteration i of each shares its parameter draws and every draw the change
left alone, so the pairs are correlated and the paired difference is the sharper test), else
from the two samples' variances; of a percentile, from the spread of the order statistics
around it (the distribution-free interval of rank n q +- sqrt(n q (1 - q)), whose half-width
is one standard error of the quantile in large samples), or, where that spread is 0 (the
percentile on an atom of a count), by comparing the shares of each sample at or below the
lower of the two percentiles. A value equal in both files to 1e-12 of its size counts as
agreeing (a figure the draws do not reach). With hundreds of comparisons a few beyond 2
standard errors are expected (at most about 5 %; fewer where the unpaired percentiles' errors
are conservative); the check fails when any is beyond --tolerance, or when the share beyond 2
is far above 5 %. Exits 1 then, listing the worst.
"""
import argparse
import math
import sys

import h5py
import numpy as np

EXACT = 1e-12
QUANTILES = (10, 50, 90)


def run_key(path):
    """(seed, iterations): equal in two files when iteration i of each used the same seed."""
    with h5py.File(path, "r") as f:
        return int(f.attrs["seed"]), int(f.attrs["iterations"])


def series(path):
    """(option, metric, column label) -> the iterations' values."""
    out = {}
    with h5py.File(path, "r") as f:
        years = [y.decode() if isinstance(y, bytes) else str(y) for y in f["years"][:]]
        for name in f["options"].attrs["option_order"]:
            name = name.decode() if isinstance(name, bytes) else str(name)
            option = f["options"][name]
            metrics = list(option.attrs["metric_order"]) + list(option.attrs["scalar_order"])
            for m in metrics:
                m = m.decode() if isinstance(m, bytes) else str(m)
                values = option[m][:].reshape(option[m].shape[0], -1)
                labels = years if values.shape[1] == len(years) else [""] * values.shape[1]
                for j, label in enumerate(labels):
                    out[(name, m, label)] = values[:, j]
    return out


def quantile_se(x, q):
    """Half the width of the distribution-free interval of the q-quantile: ranks
    n q -+ sqrt(n q (1 - q)) of the sorted sample."""
    n = x.size
    s = np.sort(x)
    spread = math.sqrt(n * q * (1 - q))
    low = s[max(0, int(math.floor(n * q - spread)))]
    high = s[min(n - 1, int(math.ceil(n * q + spread)))]
    return (high - low) / 2


def z_score(a, b, se_a, se_b):
    if abs(a - b) <= EXACT * max(abs(a), abs(b)):
        return 0.0
    se = math.hypot(se_a, se_b)
    return (b - a) / se if se > 0 else math.inf


def share_z(a, b, x):
    """The difference of the shares of a and b at or below x, in standard errors."""
    pa, pb = np.mean(a <= x), np.mean(b <= x)
    pooled = (pa * a.size + pb * b.size) / (a.size + b.size)
    se = math.sqrt(pooled * (1 - pooled) * (1 / a.size + 1 / b.size))
    return 0.0 if pa == pb else ((pb - pa) / se if se > 0 else math.inf)


def mean_z(a, b, paired):
    if paired and a.size == b.size:
        d = b - a
        if abs(a.mean() - b.mean()) <= EXACT * max(abs(a.mean()), abs(b.mean())):
            return 0.0
        se = d.std(ddof=1) / math.sqrt(d.size)
        return d.mean() / se if se > 0 else math.inf
    return z_score(a.mean(), b.mean(), a.std(ddof=1) / math.sqrt(a.size),
                   b.std(ddof=1) / math.sqrt(b.size))


def compare(before, after, paired):
    rows = []
    for key in sorted(set(before) & set(after)):
        a, b = before[key], after[key]
        both = ~np.isnan(a) & ~np.isnan(b) if a.size == b.size else None
        a, b = a[~np.isnan(a)], b[~np.isnan(b)]
        if a.size < 2 or b.size < 2:
            continue
        if paired and both is not None and both.sum() == a.size == b.size:
            z = mean_z(before[key][both], after[key][both], True)
        else:
            z = mean_z(a, b, False)
        rows.append((key, "mean", a.mean(), b.mean(), z))
        for q in QUANTILES:
            qa, qb = np.percentile(a, q), np.percentile(b, q)
            se_a, se_b = quantile_se(a, q / 100), quantile_se(b, q / 100)
            if se_a == 0 or se_b == 0:
                z = 0.0 if qa == qb else share_z(a, b, min(qa, qb))
            else:
                z = z_score(qa, qb, se_a, se_b)
            rows.append((key, f"P{q}", qa, qb, z))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--tolerance", type=float, default=4.0)
    parser.add_argument("--worst", type=int, default=12)
    a = parser.parse_args(argv)
    before, after = series(a.before), series(a.after)
    missing = sorted(set(before) ^ set(after))
    paired = run_key(a.before) == run_key(a.after)
    rows = compare(before, after, paired)
    finite = [abs(r[4]) for r in rows if math.isfinite(r[4])]
    beyond2 = sum(z > 2 for z in finite)
    share = beyond2 / len(finite) if finite else 0.0
    worst = sorted(rows, key=lambda r: -abs(r[4]) if math.isfinite(r[4]) else -math.inf)
    print(f"compare_draws: {len(rows)} comparisons ({len(rows) // (1 + len(QUANTILES))} "
          f"metric-years x mean, P10, P50, P90); largest |z| {max(finite, default=0):.2f}; "
          f"beyond 2 SE: {beyond2} ({100 * share:.1f} %, at most about 5 % expected); "
          f"means {'paired by iteration' if paired else 'unpaired'}")
    for (option, metric, label), what, va, vb, z in worst[:a.worst]:
        print(f"  {option} / {metric} {label} {what}: {va:.6g} -> {vb:.6g}  z {z:+.2f}")
    bad = [r for r in rows if not abs(r[4]) <= a.tolerance]
    # Two-sided 5 % by chance: more than 10 % beyond 2 SE (over at least 40 comparisons)
    # says the law moved even where no single figure is beyond the tolerance.
    too_many = len(finite) >= 40 and share > 0.10
    if missing:
        print(f"compare_draws: FAILED: series in one file only: {missing[:5]}")
    if bad:
        print(f"compare_draws: FAILED: {len(bad)} beyond {a.tolerance} standard errors")
    if too_many:
        print("compare_draws: FAILED: far more than 5 % beyond 2 standard errors")
    return 1 if missing or bad or too_many else 0


if __name__ == "__main__":
    sys.exit(main())
