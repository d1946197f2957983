#!/usr/bin/python3
"""pcsim against its NumPy peer on one scenario: the Monte Carlo mean of every metric and
year from each, their difference in standard errors, and the time per iteration of each
(one core) with the ratio.

    /usr/bin/python3 benchmarks/numpy_peer/compare.py scenarios/bolton.toml \
        --iterations 300 --pcsim build/pcsim --check

The two draw different random numbers (Philox keyed streams against numpy's PCG64), so
only the law can agree: the difference of two means of n independent iterations each has
standard error sqrt(var_pcsim / n + var_peer / n). The metrics compared are those of the
results file's metric_order (model/metrics.hpp) that the peer also computes; the others
are listed. Time per iteration: pcsim's is the marginal wall time, (wall(N) - wall(1)) /
(N - 1) of two runs at --threads 1, so its loading, central case and file writing are left
out as the peer's loading is; the peer's is the wall time of its iterations / N.
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import h5py  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_peer  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
# Deterministic figures (no variance in either) agree when equal to this relative error:
# the two sum the same terms in different orders.
EXACT = 1e-9


def run_pcsim(pcsim: str, scenario: str, iterations: int, seed: int | None, out: Path) -> float:
    cmd = [pcsim, "run", scenario, "--iterations", str(iterations), "--threads", "1",
           "-o", str(out), "--force", "--quiet"]
    if seed is not None:
        cmd += ["--seed", str(seed)]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"compare: {' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    return wall


def read_pcsim(path: Path) -> tuple[dict, list]:
    """metric -> [iterations x columns] of the baseline option, and the year labels."""
    with h5py.File(path, "r") as f:
        option = f["options"][f["options"].attrs["option_order"][0]]
        names = list(option.attrs["metric_order"]) + list(option.attrs["scalar_order"])
        data = {str(m): option[m][:].reshape(option[m].shape[0], -1) for m in names}
        years = [y.decode() if isinstance(y, bytes) else str(y) for y in f["years"][:]]
    return data, years


def compare_means(a: np.ndarray, b: np.ndarray) -> dict:
    """Means, percentiles and the difference in standard errors of two samples (NaN left
    out: a return on no investment, no payback)."""
    a, b = a[~np.isnan(a)], b[~np.isnan(b)]
    row = {"n_pcsim": a.size, "n_peer": b.size}
    if a.size < 2 or b.size < 2:
        row.update(mean_pcsim=np.nan, mean_peer=np.nan, se=np.nan, z=np.nan,
                   agree=a.size == b.size == 0)
        return row
    ma, mb = a.mean(), b.mean()
    se = np.sqrt(a.var(ddof=1) / a.size + b.var(ddof=1) / b.size)
    exact = abs(mb - ma) <= EXACT * max(abs(ma), abs(mb))
    z = 0.0 if exact else ((mb - ma) / se if se > 0 else np.inf)
    row.update(mean_pcsim=ma, mean_peer=mb, se=se, z=z)
    for q in (5, 50, 95):
        row[f"p{q}_pcsim"], row[f"p{q}_peer"] = np.percentile(a, q), np.percentile(b, q)
    return row


def write_json(path: str, record: dict) -> None:
    """Through a temporary file renamed into place: never half-written."""
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w") as f:
        json.dump(record, f, indent=1, allow_nan=False)
        f.write("\n")
    os.replace(tmp, path)


def parse_overrides(items: list) -> dict:
    out = {}
    for item in items:
        key, _, value = item.partition("=")
        out[key] = float(value)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenario")
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--seed", type=int, help="seed of both runs (default: the scenario's)")
    ap.add_argument("--pcsim", default=str(REPO / "build" / "pcsim"))
    ap.add_argument("--batch", type=int, default=50, help="the peer's iterations per batch")
    ap.add_argument("--tolerance", type=float, default=4.0,
                    help="largest |difference| in standard errors that agrees (default 4)")
    ap.add_argument("--report", help="CSV of every metric and year")
    ap.add_argument("--peer-set", action="append", default=[], metavar="KEY=NUMBER",
                    help="change a number parameter in the peer only (a negative control)")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 unless every mean agrees and every metric is compared")
    ap.add_argument("--show", type=int, default=12, help="rows to print, largest |z| first")
    ap.add_argument("--json", metavar="FILE",
                    help="also write the timings and the agreement as JSON (scripts/bench.sh)")
    a = ap.parse_args(argv)
    if a.iterations < 2:
        ap.error("--iterations must be at least 2")

    with tempfile.TemporaryDirectory() as work:
        wall_n = run_pcsim(a.pcsim, a.scenario, a.iterations, a.seed, Path(work) / "n.h5")
        wall_1 = run_pcsim(a.pcsim, a.scenario, 1, a.seed, Path(work) / "one.h5")
        pcsim, years = read_pcsim(Path(work) / "n.h5")
    pcsim_ms = 1000 * max(wall_n - wall_1, 0.0) / (a.iterations - 1)
    peer = run_peer.simulate(a.scenario, a.iterations, a.seed, a.batch,
                             parse_overrides(a.peer_set))
    peer_ms = 1000 * peer.seconds_per_iteration
    peer_data = {**peer.by_year, **{k: v[:, None] for k, v in peer.scalars.items()}}

    rows = []
    for metric, values in pcsim.items():
        if metric not in peer_data:
            continue
        labels = years if values.shape[1] == len(years) else [""]
        for k, label in enumerate(labels):
            a_k, b_k = values[:, k], peer_data[metric][:, k]
            rows.append({"metric": metric, "year": label, **compare_means(a_k, b_k)})
            if np.isnan(a_k).any() or np.isnan(b_k).any():  # e.g. no payback: its probability
                rows.append({"metric": metric + " (share undefined)", "year": label,
                             **compare_means(np.isnan(a_k).astype(float),
                                             np.isnan(b_k).astype(float))})
    missing = [m for m in pcsim if m not in peer_data]
    extra = [m for m in peer_data if m not in pcsim]
    bad = [r for r in rows if not (abs(r["z"]) <= a.tolerance or r.get("agree"))]

    if a.report:
        keys = list(dict.fromkeys(k for r in rows for k in r))
        with open(a.report, "w", newline="") as f:
            w = csv.DictWriter(f, keys)
            w.writeheader()
            w.writerows(rows)
    # Largest differences first: an exact figure that differs (infinitely many SE), then
    # by |z|, then the undefined (every value NaN in both, e.g. a return on no investment).
    shown = sorted(rows, key=lambda r: (np.isnan(r["z"]), -abs(np.nan_to_num(r["z"], nan=0.0,
                                                                           posinf=np.inf))))
    print(f"{'metric':32} {'year':8} {'pcsim mean':>14} {'peer mean':>14} {'diff/SE':>8}")
    for r in shown[: a.show]:
        print(f"{r['metric']:32} {r['year']:8} {r['mean_pcsim']:14.6g} {r['mean_peer']:14.6g} "
              f"{r['z']:8.2f}")
    finite = [abs(r["z"]) for r in rows if np.isfinite(r["z"])]
    print(f"\n{len(rows)} means compared ({len({r['metric'] for r in rows})} metrics, "
          f"{a.iterations} iterations each); largest |diff|/SE {max(finite, default=0):.2f}; "
          f"{len(bad)} beyond {a.tolerance:g}")
    if missing:
        print(f"not in the peer: {', '.join(missing)}")
    if extra:
        print(f"not in pcsim's results: {', '.join(extra)}")
    print(f"time per iteration (wall, one core): pcsim {pcsim_ms:.3f} ms "
          f"(({wall_n:.2f} s - {wall_1:.2f} s) / {a.iterations - 1}), peer {peer_ms:.3f} ms "
          f"({peer.run_seconds:.2f} s / {a.iterations}); peer / pcsim = "
          f"{peer_ms / pcsim_ms if pcsim_ms > 0 else float('inf'):.1f}")
    if a.json:
        write_json(a.json, {
            "scenario": a.scenario, "iterations": a.iterations,
            "pcsim_wall_seconds_n": wall_n, "pcsim_wall_seconds_1": wall_1,
            "pcsim_ms_per_iteration": pcsim_ms,
            "peer_run_seconds": peer.run_seconds, "peer_load_seconds": peer.load_seconds,
            "peer_cpu_seconds": peer.cpu_seconds, "peer_ms_per_iteration": peer_ms,
            "ratio": peer_ms / pcsim_ms if pcsim_ms > 0 else None,
            "means_compared": len(rows), "largest_abs_z": max(finite, default=0.0),
            "beyond_tolerance": len(bad), "tolerance": a.tolerance,
            "metrics_not_in_peer": missing})
    if a.check and (bad or missing):
        for r in bad:
            print(f"DISAGREE: {r['metric']} {r['year']}: pcsim {r['mean_pcsim']:.6g}, "
                  f"peer {r['mean_peer']:.6g}, {r['z']:.2f} SE", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
