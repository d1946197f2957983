"""Out-of-sample sections of the calibration report: computed after the fit from the
2019/20-2022/23 files, printed, never used to fit anything."""
import numpy as np
import pandas as pd

from . import change_model as cm
from .panel import as_the_model_sees_it, build_panel
from .payments import LAST_YEAR, TRAINING_LAST_YEAR, postcode_district, read_payments, year_label
from .receivers import receiver_table, summarise
from .text_table import section, table
from .transitions import classify_exits

TEST_TRANSITIONS = range(TRAINING_LAST_YEAR, LAST_YEAR)  # 2018/19 -> 2019/20 ... 2021/22 -> 2022/23


def load_test_years(data_dir, training):
    payments = dict(training)
    for year in range(TRAINING_LAST_YEAR + 1, LAST_YEAR + 1):
        payments[year] = read_payments(data_dir, year)
    return payments


def report_out_of_sample(payments, workforce, models, weight, training_exits):
    print(section("OUT OF SAMPLE: predicted and observed mergers and closures, 2018/19 -> 2022/23"))
    print("The same rule classifies the exits (every year's windows, up to 2022/23); covariates at t,\n"
          "GP headcount from the series for year t; the models fitted above, unchanged, as pcsim would\n"
          "apply them: a practice the series lacks gets the scenario default headcount (list / 2,000,\n"
          "rounded, at least 1) and no 'missing' term.")
    exits = classify_exits(payments, range(min(training_exits["year"]), LAST_YEAR), LAST_YEAR)
    observed_panel = build_panel(payments, workforce, exits, TEST_TRANSITIONS, weight)
    panel = as_the_model_sees_it(observed_panel)
    rows = []
    for t in TEST_TRANSITIONS:
        part = panel[panel["year"] == t]
        cells = [f"{year_label(t)} -> {year_label(t + 1)}", len(part)]
        for outcome in ["merger", "closure"]:
            p = cm.predicted(part, models[outcome]["final"])
            observed = part[outcome].sum()
            sd = np.sqrt((p * (1 - p)).sum())
            cells += [f"{observed:.0f}", f"{p.sum():.1f}", f"{sd:.1f}", f"{(observed - p.sum()) / sd:+.1f}"]
        cells.append(int((part["kind"] == "unresolved").sum()))
        missing = observed_panel[(observed_panel["year"] == t) & (observed_panel["headcount_missing"] == 1)]
        cells.append(f"{len(missing)} ({int((missing['kind'] != 'stays').sum())} gone)")
        rows.append(cells)
    print(table(["transition", "open at t", "mergers", "predicted", "SD", "z", "closures", "predicted", "SD", "z",
                 "unresolved", "no headcount"], rows))
    later = exits.set_index(["year", "code"])["kind"]
    unresolved = training_exits[training_exits["kind"] == "unresolved"]
    if len(unresolved):
        turned = pd.Series([later.get((r.year, r.code), "?") for r in unresolved.itertuples()]).value_counts()
        print(f"\nThe {len(unresolved)} unresolved training exits, classified with the 2019/20 file: "
              + ", ".join(f"{n} {k}" for k, n in sorted(turned.items()))
              + f" (share of mergers {turned.get('merger', 0) / len(unresolved):.3f}; the fit used {weight:.3f}).")
    print("\nMind when reading the headcount terms out of sample: the series is a September snapshot\n"
          "to 2019/20 and the mean of monthly figures from 2020/21, which changes who counts as\n"
          "single-handed or without a permanent GP; 2020/21 (COVID) had very few mergers.")
    return exits


def report_receivers(payments, training_exits, all_exits):
    print(section("Receivers of mergers: who takes a merged practice on"))
    print("Each merger whose receiver existed at the start of its window; candidates are the practices\n"
          "of the same group (area or PCN) at that start which are open at its end. Reported, not fitted.")
    columns = {}
    training = training_exits[training_exits["year"] <= TRAINING_LAST_YEAR - 1]
    columns["training, same CCG"] = summarise(receiver_table(payments, training, "area"))
    confident = training[[_same_district(payments, m) for m in training.itertuples()]]
    columns["training, same CCG, receiver in the same postcode district"] = summarise(
        receiver_table(payments, confident, "area"))
    later = all_exits[all_exits["year"] >= 2019]
    columns["OUT OF SAMPLE 2019/20+, same CCG"] = summarise(receiver_table(payments, later, "area"))
    columns["OUT OF SAMPLE 2019/20+, same PCN"] = summarise(receiver_table(payments, later, "pcn"))
    keys = list(next(iter(columns.values())).keys())
    rows = []
    for key in keys:
        rows.append([key] + [_cell(columns[c][key]) if columns[c] else "-" for c in columns])
    print(table(["measure"] + list(columns), rows))
    print("\nFinding: " + receiver_finding(columns))
    return columns


def receiver_finding(columns):
    """The receiver rule the numbers support, in words (computed, not written in advance)."""
    area = columns["training, same CCG"]
    pcn = columns["OUT OF SAMPLE 2019/20+, same PCN"]
    best = max(["uniform pick", "in proportion to list", "in proportion to list squared"],
               key=lambda rule: area[f"mean log P(receiver): {rule}"])
    text = (f"in the training years the receiver is the largest practice of the CCG in "
            f"{100 * area['receiver is the largest']:.0f}% of mergers and the one nearest in list size in "
            f"{100 * area['receiver is the nearest in list size']:.0f}% (median {area['median candidates in the group']:.0f} "
            f"candidates); it is larger than the merged practice in {100 * area['receiver larger than the merged practice']:.0f}%, "
            f"with a median size rank of {area['median size rank of the receiver (1 = largest)']:.0f}. Of the random rules, "
            f"a pick {best.replace('pick ', '')} fits best (highest mean log-probability of the actual receiver).")
    if pcn:
        text += (f" Within a PCN (2019/20 on, {pcn['mergers judged']} mergers with the receiver in the merged "
                 f"practice's PCN, median {pcn['median candidates in the group']:.0f} candidates) the receiver is the "
                 f"largest in {100 * pcn['receiver is the largest']:.0f}% and the nearest in size in "
                 f"{100 * pcn['receiver is the nearest in list size']:.0f}%; {pcn['receiver outside the group (not judged)']} "
                 "receivers found by the area rule lie outside the merged practice's PCN.")
    text += (" Neither 'largest' nor 'nearest in size' describes the data; of the rules tried, a receiver"
             f" drawn among the other practices of the neighbourhood (PCN where known) {best.replace('pick ', '')}"
             " is the closest.")
    return text


def _cell(value):
    if isinstance(value, int) or float(value).is_integer() and abs(value) >= 1:
        return f"{value:.0f}"
    return f"{value:.3f}"


def _same_district(payments, exit_row):
    if exit_row.kind != "merger":
        return False
    before, after = payments[exit_row.window], payments[exit_row.window + 1]
    return (postcode_district(before.at[exit_row.code, "postcode"])
            == postcode_district(after.at[exit_row.receiver, "postcode"]))
