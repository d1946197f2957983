#!/usr/bin/python3
"""Runs the NumPy peer of pcsim's model on a scenario: prints the time per iteration
(wall clock, one core) and writes every iteration's metrics to a CSV file.

    /usr/bin/python3 benchmarks/numpy_peer/run_peer.py scenarios/bolton.toml \
        --iterations 300 --seed 1 -o peer.csv

The CSV is long: iteration, year, metric, value; year is the financial year ("2017/18")
of a per-year metric and empty for a per-iteration one (npv, payback_year). Metric names
are those of pcsim's results file (model/metrics.hpp).
"""
from __future__ import annotations

import os

# One core: NumPy's linear algebra libraries must not start threads (set before import).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import csv  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accounts import run_economics, year_metrics  # noqa: E402
from model import Batch  # noqa: E402
from practice_files import DataError  # noqa: E402
from practices import load_practices  # noqa: E402
from scenario import NotImplementedInPeer, ScenarioError, load_scenario  # noqa: E402


@dataclass
class PeerRun:
    years: list            # financial-year labels
    by_year: dict          # metric -> [iterations x years]
    scalars: dict          # metric -> [iterations]
    load_seconds: float    # reading the scenario and the practice files
    run_seconds: float     # the iterations (wall clock)
    cpu_seconds: float     # process CPU time of the iterations (about run_seconds: one core)

    @property
    def seconds_per_iteration(self) -> float:
        return self.run_seconds / len(next(iter(self.scalars.values())))


def year_labels(start_year: int, horizon: int) -> list:
    return [f"{start_year + t - 1}/{(start_year + t) % 100:02d}" for t in range(1, horizon + 1)]


def simulate(path: str, iterations: int | None = None, seed: int | None = None,
             batch: int = 50, overrides: dict | None = None) -> PeerRun:
    """Every iteration of the scenario's baseline, `batch` iterations at a time. Batch k
    draws from PCG64 seeded by SeedSequence(seed, spawn_key=(k,)): the results depend on
    the seed and the batch size (not on the machine). `overrides` fixes number parameters
    (path -> value), e.g. to show that a comparison can fail."""
    t0 = time.perf_counter()
    s = load_scenario(path)
    for key, value in (overrides or {}).items():
        if not isinstance(s.values.get(key, 0.0), float) or (
                key not in s.values and key not in s.uncertain):
            raise ScenarioError(f"override '{key}': not a number parameter of {path}")
        s.uncertain.pop(key, None)
        s.values[key] = float(value)
    ps = load_practices(s)
    t1, c1 = time.perf_counter(), time.process_time()
    n = s.iterations if iterations is None else iterations
    seed = s.seed if seed is None else seed
    horizon = int(s.get("horizon_years"))
    by_year, scalars = {}, {}
    for k, first in enumerate(range(0, n, batch)):
        size = min(batch, n - first)
        rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(k,))))
        b = Batch(s, ps, rng, size)
        rows = {}
        for t in range(1, horizon + 1):
            for name, value in year_metrics(b, t, b.run_year(t)).items():
                rows.setdefault(name, np.empty((size, horizon)))[:, t - 1] = value
        for name, value in run_economics(b, rows).items():
            scalars.setdefault(name, np.empty(n))[first:first + size] = value
        for name, value in rows.items():
            by_year.setdefault(name, np.empty((n, horizon)))[first:first + size] = value
    t2, c2 = time.perf_counter(), time.process_time()
    return PeerRun(year_labels(int(s.get("start_year")), horizon), by_year, scalars,
                   t1 - t0, t2 - t1, c2 - c1)


def write_csv(run: PeerRun, out: Path) -> None:
    """The long CSV, written to a temporary file in the same folder and renamed, so a
    reader never sees half a file."""
    out = Path(out)
    with tempfile.NamedTemporaryFile("w", newline="", dir=out.parent or ".", delete=False,
                                     prefix=out.name + ".", suffix=".tmp") as f:
        w = csv.writer(f)
        w.writerow(["iteration", "year", "metric", "value"])
        n = len(next(iter(run.scalars.values())))
        for i in range(n):
            for name, values in run.by_year.items():
                for label, value in zip(run.years, values[i]):
                    w.writerow([i, label, name, repr(float(value))])
            for name, values in run.scalars.items():
                w.writerow([i, "", name, repr(float(values[i]))])
    os.replace(f.name, out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenario")
    ap.add_argument("--iterations", type=int, help="default: the scenario's")
    ap.add_argument("--seed", type=int, help="default: the scenario's")
    ap.add_argument("--batch", type=int, default=50,
                    help="iterations simulated together (memory grows with it; default 50)")
    ap.add_argument("-o", "--output", default="peer.csv", help="CSV file (default peer.csv)")
    a = ap.parse_args(argv)
    if (a.iterations is not None and a.iterations < 1) or a.batch < 1:
        ap.error("--iterations and --batch must be at least 1")
    try:
        run = simulate(a.scenario, a.iterations, a.seed, a.batch)
    except NotImplementedInPeer as e:
        print(f"run_peer: not implemented in the NumPy peer: {e}", file=sys.stderr)
        return 4
    except (ScenarioError, DataError) as e:
        print(f"run_peer: {e}", file=sys.stderr)
        return 3
    write_csv(run, Path(a.output))
    n = len(run.scalars["npv"])
    print(f"{n} iterations: {1000 * run.seconds_per_iteration:.2f} ms per iteration "
          f"(wall, one core; {run.run_seconds:.2f} s, CPU {run.cpu_seconds:.2f} s; "
          f"loading {run.load_seconds:.2f} s apart); metrics in {a.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
