"""The scenario fragment: [practice_changes] with each fitted value and its provenance."""
from pathlib import Path

from . import change_model as cm
from .payments import TRAINING_LAST_YEAR, payments_file, year_label
from .text_table import pvalue

PARAMETER_OF_TERM = {"intercept": "intercept", "log_list": "per_log_list", "single_handed": "single_handed",
                     "no_gp": "no_gp", "apms": "apms"}
MEANING = {"intercept": "the log-odds for a practice of 10,000 patients with 2 or more GPs, GMS/PMS",
           "log_list": "per unit of ln(registered patients / 10,000)",
           "single_handed": "for a GP headcount of exactly 1",
           "no_gp": "for a GP headcount of 0 (no permanent GP: usually locum-run)",
           "apms": "for an APMS contract"}


def _toml_float(value):
    text = f"{value:.6g}"
    return text if any(c in text for c in ".en") else text + ".0"  # a float, never an integer


def _toml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _provenance(outcome, model, exits, weight, resolved_late, data_dir):
    first, last = min(exits["year"]), TRAINING_LAST_YEAR
    files = (f"scenarios/data/nhs-payments/{payments_file('', first).name} to {payments_file('', last).name}")
    stats = model["stats"]
    unresolved = int((exits["kind"] == "unresolved").sum())
    return (f"{files} and scenarios/data/gp-workforce/practice_gp_headcount_by_year.csv ({year_label(2015)}-{year_label(last - 1)}); "
            f"practices open at the end of {year_label(first)}-{year_label(last - 1)}, {outcome} by the end of the next year "
            f"(scripts/calibrate_practice_changes.py: merger = one practice of the same area took at least half the list, "
            f"else closure; {unresolved} exits of unknown kind counted as merger with weight {weight:.3f}, "
            f"the share among {resolved_late} earlier exits decided late); logistic regression by IRLS, "
            f"n = {stats['n']} practice-years, {stats['events']:.1f} {outcome}s, log-likelihood {stats['loglik']:.1f} "
            f"(null {stats['null_loglik']:.1f}), McFadden R2 {stats['mcfadden_r2']:.3f}, AUC {stats['auc']:.3f}; "
            f"two flags (not model terms) keep the practice-years without a GP headcount ({year_label(first)}, before the "
            f"series; practices the series lacks) out of the intercept and the headcount terms")


def fragment_text(models, panel, exits, weight, resolved_late, data_dir):
    lines = ["# Practice mergers and closures: yearly probabilities on the logit scale, fitted on the",
             f"# training years {year_label(min(exits['year']))}-{year_label(TRAINING_LAST_YEAR)} only.",
             "# Written by scripts/calibrate_practice_changes.py: do not edit by hand, rerun it",
             "# (a CTest test checks that this file is what the script writes).",
             "# P(event in a year) = 1 / (1 + exp(-(intercept + per_log_list * ln(L / 10000)",
             "#     + single_handed * [H = 1] + no_gp * [H = 0] + apms * [APMS])))",
             "# L: registered patients; H: GP headcount (permanent, fully qualified).",
             "", "[practice_changes]"]
    for outcome in ["merger", "closure"]:
        model = models[outcome]
        provenance = _provenance(outcome, model, exits, weight, resolved_late, data_dir)
        final, full = model["final"], model["full"]
        for term in ["intercept"] + cm.MODEL_TERMS:
            name = f"{outcome}_{PARAMETER_OF_TERM[term]}"
            if term in final.names:
                value = final.coefficient(term)
                test = model["tests"].get(term)
                kept = f"; LR test of dropping it: chi2 {test[0]:.2f}, p {pvalue(test[2])}" if test else ""
                spread = (f"; it moves from year to year with SD {model['year_sd']:.3f} ({model['year_sd_net']:.3f} "
                          f"net of sampling noise), which a constant probability leaves out"
                          if term == "intercept" else "")
                meaning = MEANING[term]
                if term == "intercept" and "log_list" not in final.names:
                    meaning = "the log-odds for a practice with 2 or more GPs, GMS/PMS, of any list size (no list term)"
                rationale = (f"{meaning}: {value:.4f} (SE {final.standard_error(term):.4f}){kept}{spread}. "
                             f"Source: {provenance}")
            else:
                value = 0.0
                test = model["full_tests"][term]
                rationale = (f"set to 0: no evidence that it matters (LR test of dropping it from the full model: "
                             f"chi2 {test[0]:.2f}, p {pvalue(test[2])}; fitted {full.coefficient(term):.4f}, "
                             f"SE {full.standard_error(term):.4f}), dropped by backward elimination at p >= 0.05. "
                             f"Source: {provenance}")
            lines.append(f"{name} = {{ value = {_toml_float(value)}, rationale = {_toml_string(rationale)} }}")
        year_rationale = (f"the SD of the yearly shift of the {outcome} intercept: the between-year SD of the "
                          f"fitted year effects net of their sampling noise ({model['year_sd_net']:.3f}; "
                          f"{model['year_sd']:.3f} before), so the counts vary from year to year as they did. "
                          f"Source: {provenance}")
        lines.append(f"{outcome}_year_sd = {{ value = {_toml_float(model['year_sd_net'])}, "
                     f"rationale = {_toml_string(year_rationale)} }}")
    return "\n".join(lines) + "\n"
