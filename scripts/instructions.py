#!/usr/bin/python3
"""Instructions per practice-year, and the engine's pass they go to (issue 18, item 3;
docs/performance.md, "Instructions per practice-year").

Runs `pcsim run SCENARIO --iterations A --threads 1` and `--iterations B` under
`valgrind --tool=callgrind`, reads each profile with `callgrind_annotate --inclusive=yes`,
and takes the difference: the instructions of B - A iterations, so loading and the central
case (the same in both runs) drop out. By default A and B are one and two of the runner's
ranges of iterations (kIterationGrain in runner/run_engine.hpp, 4): each range sets up a
workspace once (the practices' figures, the targets), and the difference then holds one
set-up for A iterations, as a long run does. Each pass is the inclusive
count of its function in the engine (engine/simulate.hpp); divided by the practice-years
of those iterations (practices loaded x horizon years x options, read from the run's
results file). Instruction counts do not depend on the machine's load: two runs of the
same build agree to about 0.2 % (glibc's malloc does more or less work with the heap's
layout, and the practice changes allocate).

    scripts/instructions.py [BUILD] [--scenario FILE] [--iterations A B] [--keep DIR]
                            [--markdown] [--json FILE]

Exit codes: 0 done, 1 a step failed (valgrind missing or a run failed), 2 bad usage.
Needs valgrind (Debian package valgrind) and h5py; about a minute on national.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def iteration_grain() -> int:
    """The runner's range of iterations (runner/run_engine.hpp), 4 if it cannot be read."""
    try:
        text = (REPO / "runner" / "run_engine.hpp").read_text()
        return int(re.search(r"kIterationGrain\s*=\s*(\d+)", text).group(1))
    except (OSError, AttributeError):
        return 4


# The passes of engine::simulate in the order it calls them: (label, function regex,
# parent row). A pass the compiler inlined has no function of its own: it is then reported
# as not found and its instructions count in "rest of simulate".
PASSES = [
    ("Workspace::start", r"pcsim::engine::Workspace::start\b", None),
    ("list_pass", r"pcsim::engine::list_pass_out_of_line\b", None),
    ("gp_exits_pass", r"pcsim::engine::gp_exits_pass\b", None),
    ("recruitment_pass", r"pcsim::engine::recruitment_pass\b", None),
    ("quality_pass", r"pcsim::engine::quality_pass\b", None),
    ("quality_chunks", r"pcsim::engine::quality_chunks\b", "quality_pass"),
    ("accounts_pass", r"pcsim::engine::accounts_pass\b", None),
    ("year_end_changes", r"pcsim::engine::(detail::)?year_end_changes\b", None),
    ("change_probabilities", r"pcsim::model::change_probabilities\b", "year_end_changes"),
    ("apply_practice_changes", r"pcsim::model::apply_practice_changes\b", "year_end_changes"),
]
# Outside the engine, what grows with the iterations: the results file (its Spearman
# correlations of parameters and outputs, the HDF5 datasets; not linear in the iterations,
# so its figure holds for these two runs only).
RESULTS_FILE = r"pcsim::output::ResultsFile::finish\b"
# The engine's iterations: the runner's one call of engine::simulate per option and
# iteration (engine::simulate itself is inlined there, and runs either the year loop or its
# AVX-512 clone, engine/simulate_avx512.hpp; under valgrind, whose processor has no AVX-512,
# the year loop).
SIMULATE = r"pcsim::runner::OptionEvaluator::iteration\b"
LINE = re.compile(r"^\s*([\d,]+)\s+(?:\(\s*[\d.]+%\)\s+)?(.*?)\s*$")


# "The rest of the run" is what is left of the whole process's difference once the engine
# and the results file are taken out, so it carries the allocator's noise: glibc's
# malloc_consolidate and unlink_chunk differ by up to about 0.6 million instructions between
# two runs of the same command (Bolton, 2 iterations: 597,787,541 and 598,282,927, the
# difference all in those two functions; the heap's history follows the lengths of the
# temporary names, with their pid and random digits). A residual below 0 by less than 5 % of
# the marginal total is that noise; the engine's rows carry none (it does not allocate in
# its passes), so they must be exactly >= 0.
RESIDUAL = "the rest of the run"
RESIDUAL_TOLERANCE = 0.05


def residual_tolerance(result: dict, row: str) -> float:
    return RESIDUAL_TOLERANCE * result["marginal_instructions"] if row == RESIDUAL else 0.0


class StepFailed(Exception):
    pass


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="scripts/instructions.py", allow_abbrev=False,
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("build", nargs="?", default=str(REPO / "build"),
                    help="the build folder (default: the repository's build/)")
    ap.add_argument("--scenario", default=str(REPO / "scenarios" / "national.toml"),
                    help="the scenario to run (default national.toml)")
    grain = iteration_grain()
    ap.add_argument("--iterations", nargs=2, type=int, default=[grain, 2 * grain],
                    metavar=("A", "B"), help="iterations of the two runs, A < B (default "
                    f"{grain} {2 * grain}: one and two ranges of the runner)")
    ap.add_argument("--keep", metavar="DIR", help="keep the callgrind profiles and results "
                                                  "files in DIR (default: a temporary folder)")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    a = ap.parse_args(argv)
    a.pcsim = Path(a.build).resolve() / "pcsim"
    a.scenario = Path(a.scenario).resolve()
    if not os.access(a.pcsim, os.X_OK):
        ap.error(f"{a.pcsim} is missing: build it first")
    if not a.scenario.is_file():
        ap.error(f"no scenario file {a.scenario}")
    if not 1 <= a.iterations[0] < a.iterations[1]:
        ap.error(f"--iterations {a.iterations[0]} {a.iterations[1]}: need 1 <= A < B")
    if a.keep and not Path(a.keep).is_dir():
        ap.error(f"--keep {a.keep}: no such folder")
    return a


def profile(a: argparse.Namespace, work: Path, iterations: int) -> tuple[Path, Path]:
    out, results = work / f"callgrind.{iterations}.out", work / f"run.{iterations}.h5"
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", str(a.pcsim), "run",
           str(a.scenario), "--iterations", str(iterations), "--threads", "1", "--quiet",
           "-o", str(results), "--force"]
    print(f"instructions: {' '.join(cmd)}", file=sys.stderr, flush=True)
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise StepFailed(f"the run of {iterations} iterations under callgrind exited "
                         f"{done.returncode}:\n{done.stderr.strip()[-2000:]}")
    return out, results


def inclusive_counts(out: Path) -> tuple[int, dict[str, int]]:
    """Program total and each function's inclusive instructions (callgrind_annotate)."""
    done = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(out)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise StepFailed(f"callgrind_annotate {out} exited {done.returncode}: {done.stderr}")
    total, functions = None, {}
    for line in done.stdout.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        count, rest = int(m.group(1).replace(",", "")), m.group(2)
        if rest.startswith("PROGRAM TOTALS"):
            total = count
            continue
        name = re.sub(r" \[[^\]]*\]$", "", rest)  # "file:function", less the object file
        if "[clone .cold]" not in name:  # a function's cold part, entered by a jump
            functions[name] = functions.get(name, 0) + count
    if total is None:
        raise StepFailed(f"no PROGRAM TOTALS in callgrind_annotate's output for {out}")
    return total, functions


def matching(functions: dict[str, int], pattern: str) -> tuple[int, int]:
    """Summed inclusive count and number of functions (instantiations) matching. A lambda
    defined in a matching function (its name holds the function's) is part of it already."""
    found = [c for name, c in functions.items()
             if re.search(pattern, name) and "{lambda" not in name]
    return sum(found), len(found)


def practice_years(results: Path) -> dict:
    import h5py  # Debian's python3-h5py; only here, so --help works without it
    with h5py.File(results, "r") as f:
        return {"practices": int(f.attrs["practices_loaded"]), "years": len(f["years"]),
                "options": len(f["options"].attrs["option_order"])}


def attribute(a: argparse.Namespace, work: Path) -> dict:
    short_it, long_it = a.iterations
    counts, shape = [], None
    for iterations in (short_it, long_it):
        out, results = profile(a, work, iterations)
        counts.append(inclusive_counts(out))
        this = practice_years(results)
        if shape not in (None, this):
            raise StepFailed(f"the two runs loaded different practices: {shape} and {this}")
        shape = this
    per_iteration = shape["practices"] * shape["years"] * shape["options"]
    denominator = (long_it - short_it) * per_iteration
    (total_a, fa), (total_b, fb) = counts
    rows = []
    for label, pattern, parent in PASSES:
        (ca, _), (cb, nb) = matching(fa, pattern), matching(fb, pattern)
        rows.append({"pass": label, "parent": parent, "found": nb > 0,
                     "instructions": cb - ca})
    sim = matching(fb, SIMULATE)[0] - matching(fa, SIMULATE)[0]
    if sim <= 0:
        raise StepFailed("no OptionEvaluator::iteration (engine::simulate's caller) in the "
                         "profile: has it been renamed? Update SIMULATE in scripts/instructions.py")
    top = sum(r["instructions"] for r in rows if r["parent"] is None)
    # quality_chunks stands for the quality pass if quality_pass itself was inlined.
    quality = next(r for r in rows if r["pass"] == "quality_pass")
    chunks = next(r for r in rows if r["pass"] == "quality_chunks")
    if not quality["found"] and chunks["found"]:
        chunks["parent"] = None
        top += chunks["instructions"]
    rows.append({"pass": "rest of simulate", "parent": None, "found": True,
                 "instructions": sim - top})
    (wa, _), (wb, written) = matching(fa, RESULTS_FILE), matching(fb, RESULTS_FILE)
    rows.append({"pass": "results file", "parent": None, "found": written > 0,
                 "instructions": wb - wa})
    rows.append({"pass": RESIDUAL, "parent": None, "found": True,
                 "instructions": (total_b - total_a) - sim - (wb - wa)})
    for r in rows:
        r["per_practice_year"] = r["instructions"] / denominator
        r["share_of_run"] = r["instructions"] / (total_b - total_a)
    return {"scenario": str(a.scenario), "iterations": [short_it, long_it], **shape,
            "practice_years_per_iteration": per_iteration,
            "program_totals": [total_a, total_b], "marginal_instructions": total_b - total_a,
            "engine_instructions": sim,
            "per_practice_year": (total_b - total_a) / denominator,
            "engine_per_practice_year": sim / denominator, "rows": rows}


def table(r: dict, markdown: bool) -> str:
    n = r["iterations"][1] - r["iterations"][0]
    head = (f"{Path(r['scenario']).name}: {r['practices']:,} practices x {r['years']} years x "
            f"{r['options']} option(s); the difference of {r['iterations'][1]} and "
            f"{r['iterations'][0]} iterations: {r['marginal_instructions']:,} instructions "
            f"for {n} iterations, {r['per_practice_year']:,.0f} a practice-year "
            f"({r['engine_per_practice_year']:,.0f} in engine::simulate)")
    cols = ["pass", "instructions an iteration", "per practice-year", "share"]
    lines = [head, ""]
    if markdown:
        lines += ["| " + " | ".join(cols) + " |", "| --- | ---: | ---: | ---: |"]
    else:
        lines.append(f"{cols[0]:28} {cols[1]:>26} {cols[2]:>18} {cols[3]:>7}")
    for row in r["rows"]:
        label = ("  " if row["parent"] else "") + row["pass"]
        if not row["found"]:
            label += " (no function of its own: inlined or renamed; counted in the rest)"
        cells = [f"{row['instructions'] / n:,.0f}", f"{row['per_practice_year']:,.1f}",
                 f"{100 * row['share_of_run']:.1f} %"]
        if markdown:
            label = label.replace("  ", "&nbsp;&nbsp;", 1) if row["parent"] else label
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
        else:
            lines.append(f"{label:28} {cells[0]:>26} {cells[1]:>18} {cells[2]:>7}")
    total = [f"{r['marginal_instructions'] / n:,.0f}", f"{r['per_practice_year']:,.1f}",
             "100.0 %"]
    lines.append("| **whole run** | " + " | ".join(total) + " |" if markdown else
                 f"{'whole run':28} {total[0]:>26} {total[1]:>18} {total[2]:>7}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    a = parse_args(argv)
    for tool in ("valgrind", "callgrind_annotate"):
        if shutil.which(tool) is None:
            print(f"instructions: {tool} is not installed (Debian package valgrind: "
                  "apt-get install valgrind)", file=sys.stderr)
            return 1
    try:
        if a.keep:
            result = attribute(a, Path(a.keep).resolve())
        else:
            with tempfile.TemporaryDirectory(prefix="pcsim-instructions-") as work:
                result = attribute(a, Path(work))
    except StepFailed as e:
        print(f"instructions: {e}", file=sys.stderr)
        return 1
    print(table(result, a.markdown))
    for row in result["rows"]:
        if row["instructions"] < -residual_tolerance(result, row["pass"]):
            print(f"instructions: warning: {row['pass']} is negative: a function counted "
                  "twice? (PASSES in scripts/instructions.py)", file=sys.stderr)
    if a.json:
        tmp = f"{a.json}.tmp{os.getpid()}"
        with open(tmp, "w") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
        os.replace(tmp, a.json)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
