"""One row per practice open at the end of year t, with what the model knows of it then
(covariates) and what happened to it by the end of t+1 (outcomes)."""
import numpy as np
import pandas as pd

from .workforce import FIRST_YEAR as WORKFORCE_FIRST_YEAR, headcount_in

LIST_SCALE = 10_000.0


def build_panel(payments, workforce, exits, transitions, unresolved_merger_weight):
    """Covariates at t: log_list = ln(registered / 10,000); headcount (NaN when the series
    has no figure); single_handed = [headcount == 1]; no_gp = [headcount == 0]; apms =
    [contract APMS] (UNKNOWN counts as not APMS). Two flags, never model terms, keep the
    practice-years without a headcount out of the headcount terms and the intercept:
    before_series = [t before 2015/16, where the series starts] and headcount_missing =
    [t within the series but no figure for the practice]. Outcomes: merger, closure; an
    unresolved exit is a merger with weight `unresolved_merger_weight` and a closure with
    the rest."""
    frames = []
    kinds = exits.set_index(["year", "code"])["kind"]
    for t in transitions:
        year = payments[t]
        open_now = year[year["open"]]
        frame = pd.DataFrame({"year": t, "code": open_now.index,
                              "registered": open_now["registered"].to_numpy(),
                              "area": open_now["area"].to_numpy(),
                              "apms": (open_now["contract"] == "APMS").astype(float).to_numpy()})
        hc = headcount_in(workforce, t, open_now.index).to_numpy()
        frame["headcount"] = hc
        known = ~np.isnan(hc)
        before_series = t < WORKFORCE_FIRST_YEAR
        frame["before_series"] = float(before_series)
        frame["headcount_missing"] = ((~known) & (not before_series)).astype(float)
        frame["single_handed"] = (known & (hc == 1)).astype(float)
        frame["no_gp"] = (known & (hc == 0)).astype(float)
        frame["log_list"] = np.log(frame["registered"] / LIST_SCALE)
        kind = pd.Series([kinds.get((t, c), "stays") for c in frame["code"]])
        frame["kind"] = kind.to_numpy()
        frame["merger"] = np.select([kind == "merger", kind == "unresolved"], [1.0, unresolved_merger_weight], 0.0)
        frame["closure"] = np.select([kind == "closure", kind == "unresolved"], [1.0, 1.0 - unresolved_merger_weight], 0.0)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def design(panel, names):
    """The design matrix for `names` ('intercept' and panel columns)."""
    columns = [np.ones(len(panel)) if n == "intercept" else panel[n].to_numpy(dtype=float) for n in names]
    return np.column_stack(columns)


def as_the_model_sees_it(panel, patients_per_gp=2000.0):
    """The panel with each missing headcount replaced as a scenario does by default
    (max(1, round(list / patients_per_gp)), docs/scenario-format.md) and the flags off:
    what pcsim, which knows no 'missing', would compute."""
    out = panel.copy()
    missing = out["headcount"].isna()
    fallback = np.maximum(1.0, np.floor(out["registered"] / patients_per_gp + 0.5))  # std::round
    out.loc[missing, "headcount"] = fallback[missing]
    out["single_handed"] = (out["headcount"] == 1).astype(float)
    out["no_gp"] = (out["headcount"] == 0).astype(float)
    out["before_series"] = 0.0
    out["headcount_missing"] = 0.0
    return out
