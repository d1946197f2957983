#!/usr/bin/python3
"""Checks a JSON record of scripts/bench.sh (tests/perf/bench_script.sh runs it): every
field present with its type, every time positive, and each derived figure equal to the
one recomputed here from the record's own measurements (the marginal time an iteration
from the runs' times, the speed-up, the peer / pcsim ratio from the two wall times and the
peer's run time); the kernels are those the benchmark binary lists for the recorded filter.

    check_bench_json.py RECORD.json BENCHMARK_BINARY RUN_ITERATIONS {PEER_ITERATIONS|no-peer}

no-peer: the record must say the peer was skipped for want of NumPy.
"""
from __future__ import annotations

import json
import math
import subprocess
import sys

failures: list[str] = []


def check(condition: bool, message: str) -> None:
    if not condition:
        failures.append(message)


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def fields(record: dict, where: str, spec: dict) -> None:
    for key, kind in spec.items():
        if key not in record:
            failures.append(f"{where}: no field '{key}'")
        elif not isinstance(record[key], kind) or isinstance(record[key], bool) and kind != bool:
            failures.append(f"{where}.{key}: {record[key]!r} is not {kind}")


def check_benchmarks(b: dict, binary: str) -> None:
    fields(b, "benchmarks", {"command": list, "filter": (str, type(None)),
                             "min_time": (float, int, type(None)), "context": dict,
                             "kernels": list})
    listed = subprocess.run([binary, "--benchmark_list_tests",
                             f"--benchmark_filter={b['filter'] or '.'}"],
                            capture_output=True, text=True, check=True).stdout.split()
    names = [k.get("name") for k in b["kernels"]]
    check(sorted(names) == sorted(listed),
          f"benchmarks: kernels {names} are not those listed for the filter: {listed}")
    for k in b["kernels"]:
        fields(k, f"kernel {k.get('name')}", {"name": str, "run_type": str, "iterations": int,
                                              "real_time_ns": (float, int),
                                              "cpu_time_ns": (float, int), "counters": dict})
        check(k["iterations"] >= 1 and k["real_time_ns"] > 0 and k["cpu_time_ns"] > 0,
              f"kernel {k['name']}: times and iterations must be positive: {k}")


def check_whole_run(w: dict, iterations: int) -> None:
    fields(w, "whole_run", {"scenario": str, "iterations": int, "repeats": int, "runs": list,
                            "by_threads": list, "speedup_2_threads": float})
    if failures:
        return
    check(w["repeats"] >= 1, f"whole_run: {w['repeats']} repeats, expected at least 1")
    check(w["iterations"] == iterations, f"whole_run: {w['iterations']} iterations, "
                                         f"expected {iterations}")
    runs = {(r["iterations"], r["threads"]): r for r in w["runs"]}
    check(sorted(runs) == sorted((n, t) for n in (1, iterations) for t in (1, 2)),
          f"whole_run: runs {sorted(runs)} are not {iterations} and 1 iterations at 1 and 2 "
          "threads")
    for r in w["runs"]:
        fields(r, "whole_run.runs", {"wall_seconds": (float, int), "user_seconds": (float, int),
                                     "system_seconds": (float, int), "peak_rss_kib": int})
    if failures:
        return
    for r in w["runs"]:
        check(r["wall_seconds"] > 0 and r["user_seconds"] > 0 and r["system_seconds"] >= 0
              and r["peak_rss_kib"] > 1024, f"whole_run: a run's times or RSS not positive: {r}")
    check(sorted(t.get("threads") for t in w["by_threads"]) == [1, 2],
          f"whole_run: by_threads is not for 1 and 2 threads: {w['by_threads']}")
    if failures:
        return
    marginal = {}
    for t in w["by_threads"]:
        long, short = runs[(iterations, t["threads"])], runs[(1, t["threads"])]
        wall = 1000 * (long["wall_seconds"] - short["wall_seconds"]) / (iterations - 1)
        cpu = 1000 * (long["user_seconds"] + long["system_seconds"] - short["user_seconds"]
                      - short["system_seconds"]) / (iterations - 1)
        check(close(t["marginal_wall_ms_per_iteration"], wall) and wall > 0,
              f"whole_run: {t['threads']} thread(s): marginal wall "
              f"{t['marginal_wall_ms_per_iteration']} ms, recomputed {wall}")
        check(close(t["marginal_cpu_ms_per_iteration"], cpu) and cpu > 0,
              f"whole_run: {t['threads']} thread(s): marginal CPU "
              f"{t['marginal_cpu_ms_per_iteration']} ms, recomputed {cpu}")
        check(t["peak_rss_kib"] == long["peak_rss_kib"], "whole_run: peak RSS not the long run's")
        marginal[t["threads"]] = wall
    check(close(w["speedup_2_threads"], marginal[1] / marginal[2]),
          f"whole_run: speed-up {w['speedup_2_threads']}, recomputed {marginal[1] / marginal[2]}")


def check_peer(p: dict, iterations: int) -> None:
    fields(p, "numpy_peer", {"available": bool, "iterations": int, "pcsim_wall_seconds_n": float,
                             "pcsim_wall_seconds_1": float, "pcsim_ms_per_iteration": float,
                             "peer_run_seconds": float, "peer_load_seconds": float,
                             "peer_ms_per_iteration": float, "ratio": float,
                             "means_compared": int, "largest_abs_z": (float, int),
                             "beyond_tolerance": int, "metrics_not_in_peer": list})
    if failures:
        return
    check(p["available"] and p["iterations"] == iterations, f"numpy_peer: {p}")
    n = p["iterations"]
    for key in ("pcsim_wall_seconds_n", "pcsim_wall_seconds_1", "peer_run_seconds",
                "peer_load_seconds"):
        check(p[key] > 0, f"numpy_peer.{key} is not positive: {p[key]}")
    pcsim_ms = 1000 * (p["pcsim_wall_seconds_n"] - p["pcsim_wall_seconds_1"]) / (n - 1)
    peer_ms = 1000 * p["peer_run_seconds"] / n
    check(pcsim_ms > 0 and close(p["pcsim_ms_per_iteration"], pcsim_ms),
          f"numpy_peer: pcsim {p['pcsim_ms_per_iteration']} ms an iteration, recomputed {pcsim_ms}")
    check(close(p["peer_ms_per_iteration"], peer_ms),
          f"numpy_peer: peer {p['peer_ms_per_iteration']} ms an iteration, recomputed {peer_ms}")
    check(close(p["ratio"], peer_ms / pcsim_ms),
          f"numpy_peer: ratio {p['ratio']}, recomputed {peer_ms / pcsim_ms}")
    check(p["means_compared"] > 0, "numpy_peer: no mean compared")


def main(path: str, binary: str, iterations: int, peer_iterations: str) -> int:
    with open(path) as f:
        record = json.load(f)
    fields(record, "record", {"format": str, "started": str, "finished": str, "host": str,
                              "cpus": int, "load_average_start": list, "load_average_end": list,
                              "pcsim_version": str, "build": str, "quick": bool,
                              "benchmarks": dict, "whole_run": dict, "numpy_peer": dict})
    if failures:
        return report()
    check(record["format"] == "pcsim-bench/1", f"format {record['format']}")
    check_benchmarks(record["benchmarks"], binary)
    check_whole_run(record["whole_run"], iterations)
    if peer_iterations != "no-peer":
        check_peer(record["numpy_peer"], int(peer_iterations))
    else:
        p = record["numpy_peer"]
        check(p.get("available") is False and "NumPy" in p.get("reason", ""),
              f"numpy_peer: expected skipped for want of NumPy, got {p}")
    return report()


def report() -> int:
    for f in failures:
        print(f"check_bench_json: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]))
