#!/usr/bin/python3
"""CTest (label calibration): the bands of weighted patients per registered patient that
pcsim warns outside (scenarios/practice_ranges.hpp, kWeightingRatio and
kWeightingRatioSmallList) hold every practice of every payments file, 2014/15 to 2022/23,
and the extremes the header and docs/scenario-format.md quote are the files' own.

Computed here with pandas from the published files, not through pcsim's readers: every row
with both counts above 0, the ratio weighted / registered."""
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
PAYMENTS = ROOT / "scenarios" / "data" / "nhs-payments"
HEADER = ROOT / "scenarios" / "practice_ranges.hpp"

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def band(name):
    """(at_least_registered, low, high) of a WeightingRatioBand constant in the header."""
    text = HEADER.read_text(encoding="utf-8")
    match = re.search(name + r"\{([^}]*)\}", text)
    if match is None:
        sys.exit(f"{HEADER}: no {name}")
    return tuple(float(x) for x in match.group(1).split(","))


def counts(frame, word):
    """The 'Number of <word> Patients (Last Known Figure)' column as numbers."""
    matches = [c for c in frame.columns if c.lower().startswith(f"number of {word} patients")]
    check(len(matches) == 1, f"one column of {word} patients, found {matches}")
    text = frame[matches[0]].astype(str).str.replace(",", "", regex=False).str.strip()
    return pd.to_numeric(text, errors="coerce")


small = band("kWeightingRatioSmallList")
large = band("kWeightingRatio")
check(small[0] == 0 and small[1] < large[1] and small[2] > large[2],
      f"the small-list band {small} is the wider, from 0 registered; the other {large}")

files = sorted(PAYMENTS.glob("nhspaymentsgp-*.csv"))
check(len(files) == 9, f"nine payments files (2014/15 to 2022/23), found {len(files)}")
ratios_all, ratios_large = [], []
for path in files:
    frame = pd.read_csv(path, dtype=str, encoding="latin-1", keep_default_na=False)
    registered, weighted = counts(frame, "registered"), counts(frame, "weighted")
    both = (registered > 0) & (weighted > 0)
    ratio = (weighted / registered)[both]
    is_large = registered[both] >= large[0]
    ratios_all.append(ratio)
    ratios_large.append(ratio[is_large])
    outside_small = ratio[~is_large][(ratio < small[1]) | (ratio > small[2])]
    outside_large = ratio[is_large][(ratio < large[1]) | (ratio > large[2])]
    codes = frame.loc[outside_small.index.union(outside_large.index), "Practice Code"].tolist()
    check(not codes, f"{path.name}: practices outside the bands: {codes}")

all_ratios = pd.concat(ratios_all)
large_ratios = pd.concat(ratios_large)
# The extremes quoted in scenarios/practice_ranges.hpp (to three decimals).
quoted = {"every practice": (all_ratios, 0.400, 8.630),
          f"{large[0]:.0f} or more registered": (large_ratios, 0.542, 4.561)}
for what, (ratios, low, high) in quoted.items():
    check(round(ratios.min(), 3) == low and round(ratios.max(), 3) == high,
          f"{what}: the files give {ratios.min():.3f} to {ratios.max():.3f}, "
          f"the header quotes {low} to {high}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"{len(all_ratios)} practice-years: ratios {all_ratios.min():.3f} to {all_ratios.max():.3f}, "
      f"{large_ratios.min():.3f} to {large_ratios.max():.3f} with {large[0]:.0f} or more "
      f"registered, all inside the bands {small[1:]} and {large[1:]}")
