"""The merger and closure models: fit, covariate tests, backward elimination and checks."""
import numpy as np
import pandas as pd

from .logit import c_statistic, fit_logit, likelihood_ratio, probabilities
from .panel import design
from .workforce import FIRST_YEAR as WORKFORCE_FIRST_YEAR

# The terms the model (practice_changes.*) knows, in its order.
MODEL_TERMS = ["log_list", "single_handed", "no_gp", "apms"]
# Not in the model: flags of the practice-years without a GP headcount (2014/15, which
# precedes the series; practices the series lacks in a later year), so that the headcount
# terms and the intercept are fitted on the practice-years that have a headcount, while
# 2014/15 still informs the list and contract terms.
NUISANCE = ["before_series", "headcount_missing"]
KEEP_P = 0.05


def terms_of(kept):
    return ["intercept"] + [t for t in MODEL_TERMS if t in kept] + NUISANCE


def fit(panel, outcome, kept):
    names = terms_of(kept)
    return fit_logit(design(panel, names), panel[outcome].to_numpy(), names)


def drop_tests(panel, outcome, kept):
    """LR test of dropping each kept model term from the model with `kept`."""
    full = fit(panel, outcome, kept)
    tests = {}
    for term in kept:
        reduced = fit(panel, outcome, [t for t in kept if t != term])
        tests[term] = likelihood_ratio(full, reduced)
    return full, tests


def backward_elimination(panel, outcome):
    """Start from every model term; drop the one with the largest LR p-value while it is
    at least KEEP_P; refit. Returns (kept terms, steps: [(term, statistic, p)], full-model
    tests)."""
    kept = list(MODEL_TERMS)
    _, first_tests = drop_tests(panel, outcome, kept)
    steps = []
    while kept:
        _, tests = drop_tests(panel, outcome, kept)
        worst = max(kept, key=lambda t: (tests[t][2], t))
        if tests[worst][2] < KEEP_P:
            break
        steps.append((worst, tests[worst][0], tests[worst][2]))
        kept.remove(worst)
    return kept, steps, first_tests


def extra_tests(panel, outcome, kept):
    """Terms the model's formula lacks, each added to the final model: year effects, a
    quadratic in log list, and ln(GP headcount) among practices with at least one GP."""
    base = fit(panel, outcome, kept)
    extra = panel.copy()
    years = sorted(extra["year"].unique())
    year_terms = []
    for year in years[2:]:  # before_series already separates the first year
        extra[f"year_{year}"] = (extra["year"] == year).astype(float)
        year_terms.append(f"year_{year}")
    extra["log_list_squared"] = extra["log_list"] ** 2
    hc = extra["headcount"].to_numpy()
    extra["log_headcount"] = np.where(np.nan_to_num(hc) >= 1, np.log(np.where(np.nan_to_num(hc) >= 1, hc, 1.0)), 0.0)
    results = {}
    for label, added in [("year effects (one per year with a GP headcount, after the first)", year_terms),
                         ("(ln list)^2", ["log_list_squared"]),
                         ("ln(GP headcount), practices with 1 or more GPs", ["log_headcount"])]:
        names = base.names + added
        bigger = fit_logit(design(extra, names), extra[outcome].to_numpy(), names)
        results[label] = likelihood_ratio(bigger, base)
    return results


def year_spread(panel, outcome, kept):
    """How much the intercept moves from year to year: the final model refitted with one
    intercept per year (which subsumes before_series). The spread is taken over the years
    with a GP headcount, where the year intercept is the intercept the model uses.
    Returns (year -> intercept relative to the mean of those years, their SD, and the SD
    net of sampling noise: sqrt(max(0, var - mean SE^2)))."""
    extra = panel.copy()
    years = sorted(extra["year"].unique())
    names = [f"year_{y}" for y in years] + [t for t in terms_of(kept) if t not in ("intercept", "before_series")]
    for y in years:
        extra[f"year_{y}"] = (extra["year"] == y).astype(float)
    fitted = fit_logit(design(extra, names), extra[outcome].to_numpy(), names, start_intercept=False)
    with_headcount = [y for y in years if y >= WORKFORCE_FIRST_YEAR]
    effects = np.array([fitted.coefficient(f"year_{y}") for y in with_headcount])
    ses = np.array([fitted.standard_error(f"year_{y}") for y in with_headcount])
    raw = float(np.std(effects, ddof=1))
    net = float(np.sqrt(max(0.0, raw ** 2 - np.mean(ses ** 2))))
    return dict(zip(with_headcount, effects - effects.mean())), raw, net


def predicted(panel, fitted):
    return probabilities(design(panel, fitted.names), fitted.coef)


def by_group(panel, outcome, p, key):
    """Observed and fitted events per group, with the Poisson-binomial SD of the fitted."""
    frame = pd.DataFrame({"key": key, "observed": panel[outcome].to_numpy(), "p": p})
    frame["var"] = p * (1.0 - p)
    grouped = frame.groupby("key", sort=True).agg(n=("p", "size"), observed=("observed", "sum"),
                                                  fitted=("p", "sum"), var=("var", "sum"))
    grouped["sd"] = np.sqrt(grouped["var"])
    grouped["n"] = grouped["n"].astype(int)
    return grouped.drop(columns="var")


def fit_statistics(panel, outcome, fitted):
    p = predicted(panel, fitted)
    return {"n": fitted.n, "events": fitted.events, "loglik": fitted.loglik,
            "null_loglik": fitted.null_loglik, "mcfadden_r2": fitted.mcfadden_r2,
            "aic": fitted.aic, "auc": c_statistic(panel[outcome].to_numpy(), p),
            "iterations": fitted.iterations, "converged": fitted.converged}
