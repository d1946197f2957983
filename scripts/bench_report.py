"""The plain-text report of scripts/bench.py, from its JSON record (the same figures)."""
from __future__ import annotations


def duration(ns: float) -> str:
    """A time in the unit that keeps it between 1 and 1000."""
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3f} {unit}"
    return f"{ns:.3f} ns"


def kernels(b: dict) -> list[str]:
    width = max([len(k["name"]) for k in b["kernels"]] + [30])
    each = "" if b["min_time"] is None else f", {b['min_time']:g} s each"
    lines = [f"Kernels: Google Benchmark, {len(b['kernels'])} benchmarks "
             f"(filter {b['filter'] or 'none: every benchmark'}{each})",
             f"  {'benchmark':{width}} {'CPU time':>12} {'wall time':>12} {'iterations':>11}"]
    for k in b["kernels"]:
        lines.append(f"  {k['name']:{width}} {duration(k['cpu_time_ns']):>12} "
                     f"{duration(k['real_time_ns']):>12} {k['iterations']:>11,}")
    return lines


def whole_run(w: dict) -> list[str]:
    lines = [f"Whole run: {w['scenario']}, {w['iterations']} iterations against 1, each the "
             f"fastest of {w['repeats']} (marginal time an iteration = difference / (N - 1))",
             f"  {'threads':>7} {'wall':>8} {'user':>8} {'system':>8} {'peak RSS':>10} "
             f"{'wall ms/it':>11} {'CPU ms/it':>10}"]
    long_runs = {r["threads"]: r for r in w["runs"] if r["iterations"] == w["iterations"]}
    for t in w["by_threads"]:
        r = long_runs[t["threads"]]
        lines.append(f"  {t['threads']:>7} {r['wall_seconds']:>6.2f} s {r['user_seconds']:>6.2f} s "
                     f"{r['system_seconds']:>6.2f} s {r['peak_rss_kib'] / 1024:>7.1f} MiB "
                     f"{t['marginal_wall_ms_per_iteration']:>11.2f} "
                     f"{t['marginal_cpu_ms_per_iteration']:>10.2f}")
    lines.append(f"  2-thread speed-up (marginal wall time): {w['speedup_2_threads']:.2f}")
    return lines


def numpy_peer(p: dict) -> list[str]:
    if not p["available"]:
        return [f"NumPy peer: skipped, {p['reason']} (issue 18's comparison needs NumPy "
                "and h5py)"]
    n = p["iterations"]
    lines = [f"NumPy peer: benchmarks/numpy_peer/compare.py, {n} iterations, one core each",
             f"  pcsim {p['pcsim_ms_per_iteration']:.2f} ms an iteration "
             f"(({p['pcsim_wall_seconds_n']:.2f} s - {p['pcsim_wall_seconds_1']:.2f} s) / "
             f"{n - 1}), peer {p['peer_ms_per_iteration']:.2f} ms ({p['peer_run_seconds']:.2f} s "
             f"/ {n}; loading {p['peer_load_seconds']:.2f} s apart)",
             f"  peer / pcsim = {p['ratio']:.2f} per core (issue 18's goal: at least 25)",
             f"  means: {p['means_compared']} compared, largest |difference| "
             f"{p['largest_abs_z']:.2f} SE, {p['beyond_tolerance']} beyond {p['tolerance']:g}"]
    if p["metrics_not_in_peer"]:
        lines.append(f"  not in the peer: {', '.join(p['metrics_not_in_peer'])}")
    return lines


def text(record: dict) -> str:
    load = record["load_average_start"]
    head = [f"pcsim benchmark report, {record['started']} to {record['finished']}, host "
            f"{record['host']}, {record['cpus']} CPUs, load average {load[0]:.2f} at the start, "
            f"{record['load_average_end'][0]:.2f} at the end",
            f"{record['pcsim_version']}, build {record['build']}"
            f"{' (--quick: figures for a look, not for the docs)' if record['quick'] else ''}"]
    parts = [head, kernels(record["benchmarks"]), whole_run(record["whole_run"]),
             numpy_peer(record["numpy_peer"])]
    return "\n\n".join("\n".join(p) for p in parts)
