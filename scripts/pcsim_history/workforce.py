"""The practice GP headcount series (gp-workforce/practice_gp_headcount_by_year.csv).

fiscal_year 16 is 2015/16 ... 24 is 2023/24: the September snapshot up to 2019/20, the mean
of the monthly figures from 2020/21. TOTAL_GP_EXTGL_HC counts fully qualified permanent
GPs (no GPs in training, no locums); a GP in two practices counts in both. 'NA' is a
missing figure: it stays missing here, never zero.
"""
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import DataError

FIRST_YEAR = 2015  # the series starts in 2015/16
METHOD_CHANGE_YEAR = 2020  # first year given as the mean of monthly figures


def workforce_file(data_dir):
    return Path(data_dir) / "gp-workforce" / "practice_gp_headcount_by_year.csv"


def read_workforce(data_dir):
    """Rows (code, year) with patients and gp_headcount (NaN when NA). year is the fiscal
    year's starting calendar year: fiscal_year 16 -> 2015."""
    path = workforce_file(data_dir)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    needed = ["Practice.Code", "fiscal_year", "TOTAL_PATIENTS", "TOTAL_GP_EXTGL_HC"]
    for column in needed:
        if column not in frame.columns:
            raise DataError(path, 1, column, "no such column", f"a column headed '{column}'")
    out = pd.DataFrame({"code": frame["Practice.Code"].str.strip()})
    out["line"] = np.arange(2, len(frame) + 2)
    for source, name in [("fiscal_year", "fiscal_year"), ("TOTAL_PATIENTS", "patients"),
                         ("TOTAL_GP_EXTGL_HC", "gp_headcount")]:
        text = frame[source].str.strip()
        values = pd.to_numeric(text.where(text != "NA", None), errors="coerce")
        bad = values.isna() & (text != "NA")
        if source == "fiscal_year":
            bad |= values.isna()
        if bad.any():
            line = int(out["line"][bad].iloc[0])
            raise DataError(path, line, source, f"'{text[bad].iloc[0]}'", "a number or NA")
        out[name] = values
    out["year"] = (out["fiscal_year"] + 1999).astype(int)
    if out.duplicated(["code", "year"]).any():
        line = int(out["line"][out.duplicated(["code", "year"])].iloc[0])
        raise DataError(path, line, "Practice.Code", "a practice twice in one year", "one row per practice and year")
    return out.drop(columns=["fiscal_year"]).set_index(["code", "year"]).sort_index()


def headcount_in(workforce, year, codes):
    """GP headcount of `codes` in `year` (NaN where the practice has no row or NA)."""
    if year < FIRST_YEAR:
        return pd.Series(np.nan, index=codes)
    series = workforce.xs(year, level="year")["gp_headcount"] if year in workforce.index.get_level_values("year") else pd.Series(dtype=float)
    return series.reindex(codes)
