#!/usr/bin/python3
"""pcsim's benchmark run (scripts/bench.sh is the command; docs/performance.md, "What
measures what"). Three steps, in this order, then a short plain report (and JSON):

1. benchmarks: BUILD/benchmarks/pcsim_benchmarks (every benchmark, or --filter REGEX) with
   --benchmark_format=json; each kernel's CPU and wall time.
2. whole runs: `pcsim run SCENARIO --iterations N` and `--iterations 1` at 1 and 2 threads
   under /usr/bin/time (wall, user, system, peak RSS), each run --repeats times and the
   fastest (least wall time) kept, since a busy machine only ever adds time; the time an
   iteration is the marginal one, (time(N) - time(1)) / (N - 1), so loading, the central
   case and writing the results are left out (docs/performance.md does the same).
3. numpy peer: when the --python interpreter imports NumPy (and h5py), the peer's
   compare.py on the same scenario with OMP/OPENBLAS threads 1: pcsim and the peer each on
   one core, and their ratio, from that one run. Without NumPy the step is skipped and the
   report says so.

Exit codes: 0 done, 1 a step failed (the message names it), 2 bad usage.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_report  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
FORMAT = "pcsim-bench/1"
# --quick: the kernels of one practice-year (and one engine year), not the whole runs or
# the analyses, each timed for 0.05 s; 200 iterations of each whole run, fastest of 3, and
# 100 of the peer (30 once timed no longer than 1: pcsim does 30 in about 0.12 s). A whole run's marginal time must stay positive on a busy CI machine:
# /usr/bin/time counts hundredths of a second, and 50 iterations at 2 threads (about
# 0.08 s over the 1-iteration run) once measured -0.2 s from a single run each.
QUICK_FILTER = ("^BM_(PopulationStep|GpWorkforceStep|Capacity|FundingQuality|Savings|"
                "PracticeYear|EngineYear|YearEndChanges|PhiloxUniform|NormalQuantileAs241)$")
QUICK = {"iterations": 200, "peer_iterations": 100, "filter": QUICK_FILTER, "min_time": 0.05,
         "repeats": 3}
FULL = {"iterations": 200, "peer_iterations": 50, "filter": None, "min_time": None,
        "repeats": 3}
TIME_UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
# Fields of Google Benchmark's JSON that are not user counters.
GBENCH_FIELDS = {"name", "family_index", "per_family_instance_index", "run_name", "run_type",
                 "repetitions", "repetition_index", "threads", "iterations", "real_time",
                 "cpu_time", "time_unit", "aggregate_name", "aggregate_unit", "label",
                 "error_occurred", "error_message"}


class StepFailed(Exception):
    def __init__(self, step: str, message: str):
        super().__init__(f"step '{step}' failed: {message}")


def usage_error(message: str) -> None:
    print(f"bench: {message}\n(scripts/bench.sh --help for the options)", file=sys.stderr)
    sys.exit(2)


def positive_int(minimum: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'")
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value
    return parse


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got '{text}'")
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be above 0, got {text}")
    return value


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="scripts/bench.sh", description=__doc__.split("\n\n")[0], allow_abbrev=False,
        epilog="Exit codes: 0 done, 1 a step failed (named), 2 bad usage.")
    ap.add_argument("build", nargs="?", default=str(REPO / "build"),
                    help="the build folder (default: the repository's build/)")
    ap.add_argument("--quick", action="store_true",
                    help="the fast kernels only, 0.05 s each, 200 iterations of each run "
                         "and 30 of the peer (about 15 seconds); options given as well win")
    ap.add_argument("--iterations", type=positive_int(2),
                    help="iterations of the whole runs (default 200)")
    ap.add_argument("--repeats", type=positive_int(1),
                    help="times each whole run is timed, the fastest kept (default 3)")
    ap.add_argument("--filter", help="Google Benchmark regex of the benchmarks to run "
                                     "(default every one; --quick the fast kernels)")
    ap.add_argument("--min-time", type=positive_float,
                    help="seconds each benchmark runs for (default Google Benchmark's 0.5; "
                         "--quick 0.05)")
    ap.add_argument("--peer-iterations", type=positive_int(2),
                    help="iterations of the NumPy comparison (default 50; --quick 100)")
    ap.add_argument("--scenario", default=str(REPO / "scenarios" / "national.toml"),
                    help="scenario of the whole runs and the peer (default national.toml)")
    ap.add_argument("--python", default="/usr/bin/python3",
                    help="the interpreter that runs the NumPy peer (default /usr/bin/python3)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON (atomically)")
    a = ap.parse_args(argv)
    for key, value in (QUICK if a.quick else FULL).items():
        if getattr(a, key) is None:
            setattr(a, key, value)
    a.build = Path(a.build).resolve()
    a.pcsim = a.build / "pcsim"
    a.benchmarks = a.build / "benchmarks" / "pcsim_benchmarks"
    a.scenario = Path(a.scenario).resolve()
    if not a.build.is_dir():
        usage_error(f"no build folder {a.build}")
    for exe, target in ((a.pcsim, "pcsim"), (a.benchmarks, "pcsim_benchmarks")):
        if not os.access(exe, os.X_OK):
            usage_error(f"{exe} is missing: build it first (cmake --build {a.build} "
                        f"--target {target})")
    if not a.scenario.is_file():
        usage_error(f"no scenario file {a.scenario}")
    if a.json and not Path(a.json).resolve().parent.is_dir():
        usage_error(f"--json {a.json}: its folder does not exist")
    return a


def run(step: str, cmd: list, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-8:])
        raise StepFailed(step, f"{' '.join(map(str, cmd))} exited {done.returncode}:\n{tail}")
    return done


def progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def selected_benchmarks(a: argparse.Namespace) -> list[str]:
    """The benchmarks the filter selects: none (or a regex Google Benchmark cannot compile)
    is bad usage, found before anything runs."""
    cmd = [a.benchmarks, "--benchmark_list_tests"]
    if a.filter:
        cmd.append(f"--benchmark_filter={a.filter}")
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    names = done.stdout.split()
    if done.returncode != 0 or not names:
        why = done.stderr.strip() or "no benchmark matches"
        usage_error(f"--filter '{a.filter}' selects no benchmark ({why})")
    return names


def benchmarks_step(a: argparse.Namespace, expected: list[str]) -> dict:
    cmd = [a.benchmarks, "--benchmark_format=json"]
    if a.filter:
        cmd.append(f"--benchmark_filter={a.filter}")
    if a.min_time is not None:
        cmd.append(f"--benchmark_min_time={a.min_time:g}")
    progress(f"{len(expected)} Google Benchmark benchmarks ({' '.join(map(str, cmd[1:]))})")
    done = run("benchmarks", cmd)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError as e:
        raise StepFailed("benchmarks", f"the benchmark output is not JSON ({e})")
    kernels = []
    for b in report.get("benchmarks", []):
        if b.get("error_occurred"):
            raise StepFailed("benchmarks", f"{b['name']}: {b.get('error_message', 'error')}")
        unit = TIME_UNIT_NS[b["time_unit"]]
        kernels.append({
            "name": b["name"], "run_type": b.get("run_type", "iteration"),
            "iterations": b["iterations"], "real_time_ns": b["real_time"] * unit,
            "cpu_time_ns": b["cpu_time"] * unit,
            "counters": {k: v for k, v in b.items()
                         if k not in GBENCH_FIELDS and isinstance(v, (int, float))}})
    ran = {k["name"] for k in kernels}
    missing = [n for n in expected if n not in ran]
    if missing:
        raise StepFailed("benchmarks", f"no result for {', '.join(missing)}")
    context = report.get("context", {})
    return {"command": [str(c) for c in cmd], "filter": a.filter, "min_time": a.min_time,
            "context": {k: context[k] for k in ("date", "host_name", "num_cpus", "mhz_per_cpu",
                                                "cpu_scaling_enabled", "load_avg",
                                                "library_build_type") if k in context},
            "kernels": kernels}


def timed_run(a: argparse.Namespace, work: Path, iterations: int, threads: int) -> dict:
    """The fastest (least wall time) of a.repeats `pcsim run`s under /usr/bin/time: wall,
    user and system seconds and peak RSS, all of that one run."""
    return min((timed_run_once(a, work, iterations, threads) for _ in range(a.repeats)),
               key=lambda r: r["wall_seconds"])


def timed_run_once(a: argparse.Namespace, work: Path, iterations: int, threads: int) -> dict:
    """One `pcsim run` under /usr/bin/time: wall, user and system seconds, peak RSS."""
    times = work / "time.txt"
    cmd = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", times, a.pcsim, "run", a.scenario,
           "--iterations", iterations, "--threads", threads, "--quiet",
           "-o", work / "run.h5", "--force"]
    run("whole runs", cmd)
    try:
        wall, user, system, rss = times.read_text().split()[-4:]
        return {"iterations": iterations, "threads": threads, "wall_seconds": float(wall),
                "user_seconds": float(user), "system_seconds": float(system),
                "peak_rss_kib": int(rss)}
    except ValueError:
        raise StepFailed("whole runs", f"cannot read /usr/bin/time's record: "
                                       f"{times.read_text()!r}")


def marginal_ms(long: dict, short: dict, seconds) -> float:
    """Milliseconds an iteration between a run of N iterations and one of 1."""
    return 1000 * (seconds(long) - seconds(short)) / (long["iterations"] - short["iterations"])


def whole_runs_step(a: argparse.Namespace) -> dict:
    if not os.access("/usr/bin/time", os.X_OK):
        raise StepFailed("whole runs", "/usr/bin/time is missing (Debian package time; "
                                       "scripts/setup.sh installs it)")
    progress(f"whole runs: {a.scenario.name}, {a.iterations} and 1 iterations at 1 and 2 "
             f"threads, fastest of {a.repeats}")
    runs, by_threads = [], []
    with tempfile.TemporaryDirectory(prefix="pcsim-bench-") as work:
        timed_run_once(a, Path(work), 1, 1)  # not kept: reads the practice files into the cache
        for threads in (1, 2):
            long = timed_run(a, Path(work), a.iterations, threads)
            short = timed_run(a, Path(work), 1, threads)
            runs += [long, short]
            wall = marginal_ms(long, short, lambda r: r["wall_seconds"])
            cpu = marginal_ms(long, short, lambda r: r["user_seconds"] + r["system_seconds"])
            if not (wall > 0 and cpu > 0):
                raise StepFailed("whole runs", f"{a.iterations} iterations at {threads} "
                                 f"thread(s) took no longer than 1 (wall {wall:.3f}, CPU "
                                 f"{cpu:.3f} ms an iteration): too few iterations to measure "
                                 "on this machine now; raise --iterations or --repeats")
            by_threads.append({"threads": threads, "marginal_wall_ms_per_iteration": wall,
                               "marginal_cpu_ms_per_iteration": cpu,
                               "peak_rss_kib": long["peak_rss_kib"]})
    return {"scenario": str(a.scenario), "iterations": a.iterations, "repeats": a.repeats,
            "runs": runs,
            "by_threads": by_threads,
            "speedup_2_threads": by_threads[0]["marginal_wall_ms_per_iteration"] /
            by_threads[1]["marginal_wall_ms_per_iteration"]}


def imports(python: str, module: str) -> bool:
    try:
        return subprocess.run([python, "-c", f"import {module}"], capture_output=True,
                              env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}).returncode == 0
    except OSError:
        return False


def numpy_peer_step(a: argparse.Namespace) -> dict:
    for module, name in (("numpy", "NumPy"), ("h5py", "h5py")):
        if not imports(a.python, module):
            reason = f"{name} is not importable by {a.python}"
            progress(f"numpy peer: skipped ({reason})")
            return {"available": False, "reason": reason}
    progress(f"numpy peer: compare.py, {a.peer_iterations} iterations, one core each")
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    with tempfile.TemporaryDirectory(prefix="pcsim-bench-") as work:
        record = Path(work) / "peer.json"
        cmd = [a.python, REPO / "benchmarks" / "numpy_peer" / "compare.py", a.scenario,
               "--iterations", a.peer_iterations, "--pcsim", a.pcsim, "--show", "0",
               "--json", record]
        run("numpy peer", cmd, env=env, cwd=REPO)
        peer = json.loads(record.read_text())
    if peer["ratio"] is None:
        raise StepFailed("numpy peer", f"pcsim's {a.peer_iterations}-iteration run took no "
                                       "longer than its 1-iteration run: raise "
                                       "--peer-iterations")
    keep = ("iterations", "pcsim_wall_seconds_n", "pcsim_wall_seconds_1",
            "pcsim_ms_per_iteration", "peer_run_seconds", "peer_load_seconds",
            "peer_cpu_seconds", "peer_ms_per_iteration", "ratio", "means_compared",
            "largest_abs_z", "beyond_tolerance", "tolerance", "metrics_not_in_peer")
    return {"available": True, "python": a.python, "command": [str(c) for c in cmd[:-2]],
            **{k: peer[k] for k in keep}}


def write_json(path: str, record: dict) -> None:
    """Through a temporary file in the same folder, renamed into place."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.resolve().parent)
    try:
        with os.fdopen(fd, "w") as f:
            json.dump(record, f, indent=1, allow_nan=False)
            f.write("\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main(argv: list[str]) -> int:
    a = parse_args(argv)
    expected = selected_benchmarks(a)
    record = {"format": FORMAT, "started": now(), "host": socket.gethostname(),
              "cpus": os.cpu_count(), "load_average_start": list(os.getloadavg()),
              "pcsim_version": run("set-up", [a.pcsim, "--version"]).stdout.strip(),
              "build": str(a.build), "quick": a.quick}
    try:
        record["benchmarks"] = benchmarks_step(a, expected)
        record["whole_run"] = whole_runs_step(a)
        record["numpy_peer"] = numpy_peer_step(a)
    except StepFailed as e:
        print(f"bench: {e}", file=sys.stderr)
        return 1
    record["finished"] = now()
    record["load_average_end"] = list(os.getloadavg())
    print(bench_report.text(record))
    if a.json:
        write_json(a.json, record)
        print(f"JSON: {a.json}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except StepFailed as e:  # the set-up step (pcsim --version)
        print(f"bench: {e}", file=sys.stderr)
        sys.exit(1)
