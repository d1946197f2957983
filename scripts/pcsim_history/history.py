"""The measures of scripts/history_actuals.py, for one area and year."""
import numpy as np

from .workforce import FIRST_YEAR as WORKFORCE_FIRST_YEAR, METHOD_CHANGE_YEAR, headcount_in


def measures_of(rows, workforce, year):
    """rows: the payments rows of the area in `year`'s file."""
    open_rows = rows[rows["open"]]
    n_open = len(open_rows)
    registered = open_rows["registered"].sum()
    core = rows["global_sum"] + rows["mpig"] + rows["pms_balance"]
    out = {
        "practices_in_file": len(rows),
        "practices_with_patients": int((rows["registered"] > 0).sum()),
        "open_practices": n_open,
        "registered_patients": registered,
        "weighted_patients": open_rows["weighted"].sum(),
        "mean_list_size": registered / n_open if n_open else np.nan,
    }
    if year >= WORKFORCE_FIRST_YEAR:
        hc = headcount_in(workforce, year, open_rows.index)
        known = hc.dropna()
        out.update({
            "gp_headcount": known.sum(),
            "open_practices_without_headcount": int(hc.isna().sum()),
            "share_single_handed": float((known == 1).mean()) if len(known) else np.nan,
            "share_no_permanent_gp": float((known == 0).mean()) if len(known) else np.nan,
        })
    else:
        out.update({"gp_headcount": np.nan, "open_practices_without_headcount": np.nan,
                    "share_single_handed": np.nan, "share_no_permanent_gp": np.nan})
    out["core_funding_gbp"] = core.sum()
    out["core_funding_open_gbp"] = core[rows["open"]].sum()
    # Where PMS or APMS contract payments were booked outside these three columns (04C in
    # 2014/15), core funding is incomplete: say how much of the list that concerns.
    unfunded = open_rows["registered"][core[rows["open"]] == 0].sum()
    out["share_patients_zero_core_funding"] = unfunded / registered if registered else np.nan
    return out


def england_series(workforce, year):
    """England totals of the headcount series itself (every practice it lists that year),
    as in scenarios/data/README.md; NaN before the series starts."""
    if year < WORKFORCE_FIRST_YEAR:
        return {"series_practices": np.nan, "series_patients": np.nan, "series_gp_headcount": np.nan}
    rows = workforce.xs(year, level="year")
    return {"series_practices": len(rows), "series_patients": rows["patients"].sum(),
            "series_gp_headcount": rows["gp_headcount"].sum()}


def note_on_headcounts():
    return (
        "* The series is a September snapshot up to 2019/20 and the mean of the monthly figures\n"
        f"  from {2020}/21 (METHOD_CHANGE_YEAR = {METHOD_CHANGE_YEAR}). The change alone adds several hundred GPs\n"
        "  nationally between 2019/20 and 2020/21 (England +865 here, of a usual yearly change of a\n"
        "  few hundred either way), so a headcount projected from 2018/19 or earlier should be compared\n"
        "  with 2020/21 onwards knowing that part of the rise is the method, not recruitment. A\n"
        "  mean of monthly figures also gives fractional headcounts to practices whose GPs came or\n"
        "  went within the year.\n"
        "* A GP working in two practices counts in both: the sum over practices is GP posts held,\n"
        "  not people, and it exceeds NHS Digital's national headcount of distinct GPs. pcsim's GP\n"
        "  headcount is also a sum over practices (each practice's GPs), so compare like with like:\n"
        "  the practice sum here (gp_headcount, open practices only; series_gp_headcount, every\n"
        "  practice of the series) with pcsim's, never with the national distinct-GP figure.\n"
        "* gp_headcount sums open practices that have a figure; open_practices_without_headcount\n"
        "  says how many have none (NA or absent from the series): the sum is a lower bound by their\n"
        "  share. The series counts practices by its own list (series_practices), which differs a\n"
        "  little from the open practices of the payments files.")
