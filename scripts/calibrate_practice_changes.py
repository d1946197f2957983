#!/usr/bin/python3
"""Calibrates the yearly probabilities of practice mergers and closures (issue 12, item 2).

Reads the NHS Payments to General Practice files of the training years 2014/15-2018/19
and the GP headcount series, finds every practice open at the end of year t and gone by
the end of t+1 (t = 2014/15 ... 2017/18), classifies each exit as a merger or a closure
(pcsim_history/transitions.py states the rule), fits a logistic regression for each,
tests the covariates, and writes the fitted parameters with their provenance to a
scenario fragment (scenarios/fragments/practice-changes.toml). The report on stdout
shows the tables, tests and fit statistics, and, computed after the fit and never used
by it, the out-of-sample check on 2018/19 -> 2022/23 and the receivers of mergers.

Deterministic: the same files give the same fragment and report byte for byte.
Usage: scripts/calibrate_practice_changes.py [--data DIR] [--fragment PATH]
"""
import argparse
import os
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # run from CTest on the source tree: leave no __pycache__ there
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pcsim_history import change_model as cm  # noqa: E402
from pcsim_history.calibration_report import (  # noqa: E402
    report_areas, report_bands, report_exits, report_model)
from pcsim_history.out_of_sample import load_test_years, report_out_of_sample, report_receivers  # noqa: E402
from pcsim_history.fragment import fragment_text  # noqa: E402
from pcsim_history.panel import build_panel  # noqa: E402
from pcsim_history.payments import TRAINING_LAST_YEAR, read_all_payments, year_label  # noqa: E402
from pcsim_history.atomic_write import write_atomically  # noqa: E402
from pcsim_history.text_table import section  # noqa: E402
from pcsim_history.transitions import classify_exits  # noqa: E402
from pcsim_history.workforce import read_workforce  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TRANSITIONS = range(2014, TRAINING_LAST_YEAR)  # t = 2014/15 ... 2017/18


def unresolved_weight(exits):
    """The share of mergers among the training exits that were decided in their second
    window (their patients had not yet moved at the first): the weight with which an
    exit of unknown kind counts as a merger."""
    second = exits[exits["window"] == exits["year"] + 1]
    return float((second["kind"] == "merger").mean()), len(second)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT / "scenarios" / "data"))
    parser.add_argument("--fragment", default=str(ROOT / "scenarios" / "fragments" / "practice-changes.toml"))
    args = parser.parse_args()

    print("Practice mergers and closures: calibration on the training years "
          f"{year_label(TRANSITIONS[0])}-{year_label(TRAINING_LAST_YEAR)}")
    print("(scripts/calibrate_practice_changes.py; data from 2019/20 on is used only in the "
          "sections marked OUT OF SAMPLE, after the fit.)")
    training = read_all_payments(args.data, TRANSITIONS[0], TRAINING_LAST_YEAR)
    workforce = read_workforce(args.data)
    workforce_training = workforce[workforce.index.get_level_values("year") <= TRAINING_LAST_YEAR]

    report_areas(training, args.data, TRANSITIONS)
    exits = classify_exits(training, TRANSITIONS, TRAINING_LAST_YEAR)
    weight, resolved_late = unresolved_weight(exits)
    report_exits(training, exits, TRANSITIONS, weight, resolved_late)
    panel = build_panel(training, workforce_training, exits, TRANSITIONS, weight)
    report_bands(training, workforce_training, exits, panel)

    models = {}
    for outcome in ["merger", "closure"]:
        models[outcome] = report_model(panel, outcome, weight, training, workforce_training, exits)

    text = fragment_text(models, panel, exits, weight, resolved_late, args.data)
    write_atomically(args.fragment, text)
    print(section("Fragment"))
    print(f"Written: {os.path.relpath(args.fragment, ROOT) if Path(args.fragment).is_relative_to(ROOT) else args.fragment}")

    # Only now, with the fragment written, are the test years read.
    every_year = load_test_years(args.data, training)
    all_exits = report_out_of_sample(every_year, workforce, models, weight, exits)
    report_receivers(every_year, exits, all_exits)
    print(section("What this data cannot say"))
    print("The age of the GPs is not in these files (the headcount series gives totals only),\n"
          "so the effect of GP age on mergers and closures cannot be tested here; the model's\n"
          "retirement by age band remains its only age effect. Practice locations are only\n"
          "postcodes (no coordinates), so 'nearest' can mean list size or postcode district only.")


if __name__ == "__main__":
    main()
