#!/usr/bin/python3
"""The central change by driver (pcsim run --central --drivers) from the documents alone
(written 2026-12-07 by a reviewer who read the documents and none of pcsim's source, as
central_from_docs.py; change it from changed documents, never from the C++).

docs/model.md "Change by driver", docs/output-format.md "drivers/", docs/cli.md --drivers.
Runs tests/independent/central_from_docs.simulate on every subset of the active drivers
(the others switched off by the overrides of docs/model.md's table), forms the exact
Shapley values, the alone rows and the interaction, and compares every stored number with
pcsim's /options/<option>/drivers/ datasets.

Usage: drivers_from_docs.py PCSIM SCENARIO [SCENARIO...]   (exit 0 when all agree)
"""
import copy, itertools, math, os, subprocess, sys, tempfile
import numpy as np
import h5py

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import central_from_docs as cfd  # noqa: E402

RELATIVE, ABSOLUTE = 1e-9, 1e-6
DRIVERS = ["population_growth", "consultation_rate", "gp_workforce", "practice_changes",
           "levelling_up", "quality_contract", "extended_access", "roles",
           "referral_policies", "prescribing_kpi"]


def d0(P):
    """additional roles' year-0 level d(0) (docs/model.md: start if year 0 is in the scheme)."""
    return P["additional_roles.fte_per_10000_start"] if (P["start_year"] - 1) >= P["additional_roles.first_calendar_year"] else 0.0


def switch_off(P, driver):
    """docs/model.md, the 'switched off by' column."""
    Q = copy.deepcopy(P)
    if driver == "population_growth":
        Q["population.list_growth"] = 0.0; Q["population.list_noise_sd"] = 0.0
    elif driver == "consultation_rate":
        Q["population.consultation_growth"] = 0.0
    elif driver == "gp_workforce":
        Q["workforce.retirement_multiplier"] = 0.0; Q["workforce.leaver_rate"] = 0.0; Q["workforce.fte_trend"] = 0.0
    elif driver == "practice_changes":
        Q["practice_changes.mergers"] = False; Q["practice_changes.closures"] = False
        Q["workforce.closure_threshold"] = 0.0
    elif driver == "levelling_up":
        Q["funding.levelling_up"] = False
    elif driver == "quality_contract":
        for sd in Q["stds"].values():
            sd["payment_per_weighted_patient"] = 0.0
    elif driver == "extended_access":
        Q["capacity.extended_access_per_1000"] = 0.0
    elif driver == "roles":
        for r in Q["roles"].values():
            r["new_posts_per_30000"] = 0.0
        Q["workforce.extra_gp_posts_per_30000"] = 0.0
        Q["population.diversion_max"] = 0.0
        Q["additional_roles.fte_per_10000_ceiling"] = d0(P)
    elif driver == "referral_policies":
        Q["savings.eur"] = False; Q["savings.benchmarking"] = False
    elif driver == "prescribing_kpi":
        Q["savings.prescribing_kpi"] = False
    else:
        raise KeyError(driver)
    return Q


def key(P):
    return repr(sorted((k, repr(v)) for k, v in P.items()))


def is_off(P, driver):
    """docs/model.md: 'A driver that is off in the central parameters of every option' -
    read here as: switching it off changes no parameter."""
    return key(switch_off(P, driver)) == key(P)


class Runner:
    def __init__(self, prs):
        self.prs, self.cache, self.runs = prs, {}, 0

    def __call__(self, P):
        k = key(P)
        if k not in self.cache:
            self.runs += 1
            self.cache[k] = cfd.simulate(self.prs, P)
        return self.cache[k]


def game(runner, P, active, outputs):
    """v[S] for every subset S (a bitmask over `active`): {output: array}."""
    k = len(active)
    v = {}
    for mask in range(1 << k):
        Q = P
        for j, dname in enumerate(active):
            if not (mask >> j) & 1:
                Q = switch_off(Q, dname)
        res = runner(Q)
        v[mask] = {o: np.atleast_1d(np.asarray(res[o], float)) for o in outputs}
    return v


def shapley(v, k, o):
    phi = []
    fact = math.factorial
    for j in range(k):
        tot = 0.0
        for mask in range(1 << k):
            if (mask >> j) & 1:
                continue
            s = bin(mask).count("1")
            w = fact(s) * fact(k - s - 1) / fact(k)
            tot = tot + w * (v[mask | (1 << j)][o] - v[mask][o])
        phi.append(tot)
    return np.array(phi)


def split(v, k, o):
    full = (1 << k) - 1
    start, end = v[0][o], v[full][o]
    phi = shapley(v, k, o)
    alone = np.array([v[1 << j][o] - start for j in range(k)])
    inter = (end - start) - alone.sum(0)
    change = np.vstack([start[None], phi, end[None]])
    change_alone = np.vstack([alone, inter[None]])
    return change, change_alone


def compute(scenario):
    res, prs, ops = cfd.run(scenario)
    runner = Runner(prs)
    outputs = [o for o in res[ops[0][0]] if o != "__pp__"]
    active = [d for d in DRIVERS if not all(is_off(P, d) for _, P in ops)]
    inactive = [d for d in DRIVERS if d not in active]
    k = len(active)
    out = {}
    for name, P in ops:
        v = game(runner, P, active, outputs)
        out[name] = {o: split(v, k, o) for o in outputs}
    base = ops[0][0]
    for name, _ in ops[1:]:
        vs = {}
        for o in outputs:
            co, ao = out[name][o]; cb, ab = out[base][o]
            vs[o] = (co - cb, ao - ab)
        out[name]["__vs__"] = vs
    return out, active, inactive, runner.runs, [n for n, _ in ops]


def worst(mine, theirs):
    mine = np.asarray(mine, float); theirs = np.asarray(theirs, float)
    if mine.shape != theirs.shape:
        return np.inf, None
    nan = np.isnan(mine) != np.isnan(theirs)
    if nan.any():
        return np.inf, np.argwhere(nan)[0]
    both = ~np.isnan(mine)
    d = np.where(both, np.abs(mine - theirs), 0)
    rel = d / np.maximum(np.abs(np.where(both, theirs, 1)), 1e-300)
    rel[d <= ABSOLUTE] = 0
    i = np.unravel_index(np.argmax(rel), rel.shape)
    return float(rel[i]), i


def compare(pcsim, scenario, folder, keep=None):
    h5 = keep or os.path.join(folder, os.path.basename(scenario) + ".h5")
    if not (keep and os.path.exists(keep)):
        r = subprocess.run([pcsim, "run", scenario, "--central", "--drivers", "--threads", "1", "-o", h5,
                            "--force", "--quiet"], capture_output=True, text=True)
        if r.returncode:
            return [f"{scenario}: pcsim exit {r.returncode}: {r.stderr[-400:]}"], 0, 0
    mine, active, inactive, nruns, names = compute(scenario)
    problems, agreed, total = [], 0, 0
    with h5py.File(h5, "r") as f:
        order = list(f["options"].attrs["option_order"])
        if order != names:
            problems.append(f"{scenario}: option order {order} vs {names}")
        for opt in order:
            g = f["options"][opt]["drivers"]
            a = dict(g.attrs)
            if list(a["drivers"]) != active:
                problems.append(f"{scenario} '{opt}': active drivers {list(a['drivers'])} vs docs {active}")
                continue
            if list(a["inactive_drivers"]) != inactive:
                problems.append(f"{scenario} '{opt}': inactive {list(a['inactive_drivers'])} vs docs {inactive}")
            if a["evaluation"] != "central" or int(a["iterations"]) != 1:
                problems.append(f"{scenario} '{opt}': evaluation {a['evaluation']} iterations {a['iterations']}")
            groups = [("change", 0, False), ("change_alone", 1, False)]
            if opt != order[0]:
                groups += [("vs_baseline", 0, True), ("vs_baseline_alone", 1, True)]
            for gname, idx, vs in groups:
                if gname not in g:
                    problems.append(f"{scenario} '{opt}': no group {gname}"); continue
                for o in a["output_order"]:
                    ds = g[gname][o]
                    rows = list(ds.attrs["rows"])
                    want_rows = (["start"] + active + ["end"]) if idx == 0 else (active + ["interaction"])
                    if rows != want_rows:
                        problems.append(f"{scenario} '{opt}' {gname}/{o}: rows {rows}")
                    m = (mine[opt]["__vs__"] if vs else mine[opt])[o][idx]
                    w, at = worst(m, ds[()])
                    total += ds.size
                    if w > RELATIVE:
                        bad = int((np.abs(np.nan_to_num(m) - np.nan_to_num(ds[()])) > np.maximum(ABSOLUTE, RELATIVE * np.abs(np.nan_to_num(ds[()])))).sum()
                                  + (np.isnan(m) != np.isnan(ds[()])).sum())
                        agreed += ds.size - bad
                        problems.append(f"{scenario} '{opt}' {gname}/{o}: {bad}/{ds.size} differ, worst rel {w:.3g} at "
                                        f"{rows[at[0]] if at is not None else '?'},{at[1] if at is not None and len(at) > 1 else ''}: "
                                        f"docs {m[tuple(at)] if at is not None else m.shape} pcsim {ds[()][tuple(at)] if at is not None else ds.shape}")
                    else:
                        agreed += ds.size
    print(f"drivers_from_docs: {scenario}: {len(active)} active, inactive {inactive}, {nruns} distinct central runs; "
          f"{agreed} of {total} stored numbers agree")
    return problems, agreed, total


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr); return 2
    pcsim = os.path.realpath(sys.argv[1])
    probs = []
    with tempfile.TemporaryDirectory() as d:
        for s in sys.argv[2:]:
            keep = os.environ.get("KEEP_DIR")
            kp = os.path.join(keep, os.path.basename(s).replace(".toml", ".h5")) if keep else None
            p, _, _ = compare(pcsim, s, d, kp)
            probs += p
    for p in probs:
        print("drivers_from_docs: DIFF:", p)
    return 1 if probs else 0


if __name__ == "__main__":
    sys.exit(main())
