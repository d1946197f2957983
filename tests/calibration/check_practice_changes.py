#!/usr/bin/python3
"""CTest (label calibration): scripts/calibrate_practice_changes.py writes exactly the
committed scenarios/fragments/practice-changes.toml (so the fragment is what the data and
the script give), the fragment is well formed, its counts agree with counts made here
independently from the payments files, and the IRLS fit agrees with closed forms."""
import csv
import math
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.dont_write_bytecode = True
sys.path.insert(0, str(ROOT / "scripts"))
from pcsim_history.logit import chi2_sf, fit_logit  # noqa: E402

import numpy as np  # noqa: E402

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


# 1. The script reproduces the committed fragment, and its report has every section.
with tempfile.TemporaryDirectory() as tmp:
    fragment = Path(tmp) / "practice-changes.toml"
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "calibrate_practice_changes.py"),
                          "--fragment", str(fragment)], capture_output=True, text=True)
    check(run.returncode == 0, f"calibrate_practice_changes.py failed: {run.stderr}")
    if run.returncode == 0:
        committed = ROOT / "scenarios" / "fragments" / "practice-changes.toml"
        check(fragment.read_bytes() == committed.read_bytes(),
              "scenarios/fragments/practice-changes.toml is not what the script writes: rerun it and commit")
        for heading in ["Exits, mergers and closures", "Model of mergers", "Model of closures",
                        "OUT OF SAMPLE", "Receivers of mergers", "age of the GPs"]:
            check(heading in run.stdout, f"report lacks '{heading}'")

# 2. Well formed: every parameter, each a finite value with a rationale carrying provenance.
doc = tomllib.loads((ROOT / "scenarios" / "fragments" / "practice-changes.toml").read_text())
section = doc.get("practice_changes", {})
expected = [f"{o}_{t}" for o in ("merger", "closure")
            for t in ("intercept", "per_log_list", "single_handed", "no_gp", "apms", "year_sd")]
check(sorted(section) == sorted(expected), f"keys {sorted(section)}")
for key in expected:
    entry = section.get(key, {})
    check(set(entry) == {"value", "rationale"}, f"{key}: {entry.keys()}")
    check(isinstance(entry.get("value"), float) and math.isfinite(entry["value"]), f"{key}: value")
    rationale = entry.get("rationale", "")
    for needle in ["nhspaymentsgp-14-15.csv", "nhspaymentsgp-18-19.csv", "practice_gp_headcount_by_year.csv",
                   "IRLS", "n = ", "log-likelihood"]:
        check(needle in rationale, f"{key}: rationale lacks '{needle}'")
    check("2019/20" not in rationale and "19-20" not in rationale, f"{key}: a test year in the provenance")
    check("(SE " in rationale or rationale.startswith("set to 0") or key.endswith("_year_sd"),
          f"{key}: no standard error")
for outcome in ("merger", "closure"):
    # The year SD is the between-year spread the intercept's rationale reports, net of noise.
    net = float(re.search(r"\(([\d.]+) net of sampling noise\)",
                          section[f"{outcome}_intercept"]["rationale"]).group(1))
    check(abs(section[f"{outcome}_year_sd"]["value"] - net) < 5e-4, f"{outcome}_year_sd is not {net}")
    check(section[f"{outcome}_intercept"]["value"] < -3, f"{outcome}: a yearly rate of a few percent at most")

# 3. Counts made here from the files: practice-years at risk and exits, 2014/15-2017/18.
def open_codes(start):
    name = f"nhspaymentsgp-{start % 100:02d}-{(start + 1) % 100:02d}.csv"
    with open(ROOT / "scenarios" / "data" / "nhs-payments" / name, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader)]
        col = {h: i for i, h in enumerate(header)}
        out = set()
        for r in reader:
            d = r[col["practice close date"]].strip()
            closed = d not in ("", "-") and tuple(reversed([int(x) for x in d.split("/")])) <= (start + 1, 3, 31)
            if float(r[col["number of registered patients (last known figure)"]]) > 0 and not closed:
                out.add(r[col["practice code"]])
        return out


years = {y: open_codes(y) for y in range(2014, 2019)}
at_risk = sum(len(years[t]) for t in range(2014, 2018))
exits = sum(len(years[t] - years[t + 1]) for t in range(2014, 2018))
text = section["merger_intercept"]["rationale"]
n = int(re.search(r"n = (\d+) practice-years", text).group(1))
mergers = float(re.search(r"([\d.]+) mergers", text).group(1))
closures = float(re.search(r"([\d.]+) closures", section["closure_intercept"]["rationale"]).group(1))
check(n == at_risk, f"practice-years {n}, counted here {at_risk}")
check(abs(mergers + closures - exits) < 0.15, f"mergers + closures {mergers + closures}, exits counted here {exits}")

# 4. IRLS against closed forms: one binary covariate, a 2x2 table.
a, b, c, d = 30, 970, 90, 910  # events/non-events without and with the covariate
x = np.array([0] * (a + b) + [1] * (c + d), dtype=float)
y = np.array([1] * a + [0] * b + [1] * c + [0] * d, dtype=float)
fit = fit_logit(np.column_stack([np.ones_like(x), x]), y, ["intercept", "x"])
check(abs(fit.coef[0] - math.log(a / b)) < 1e-9, "intercept = ln(a/b)")
check(abs(fit.coef[1] - math.log((c / d) / (a / b))) < 1e-9, "slope = log odds ratio")
check(abs(fit.se[1] - math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)) < 1e-9, "SE = sqrt(1/a+1/b+1/c+1/d)")
check(abs(chi2_sf(3.841458820694124, 1) - 0.05) < 1e-9 and abs(chi2_sf(7.814727903251178, 3) - 0.05) < 1e-9,
      "chi-square tail at the 5% points")
check(abs(chi2_sf(20.0, 4) - math.exp(-10) * 11) < 1e-12, "Q(2, 10) = e^-10 (1 + 10)")

if failures:
    print("FAILED:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("practice changes calibration: all checks passed")
