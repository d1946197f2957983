"""NHS Payments to General Practice, one file per fiscal year, read strictly.

A fiscal year is named by the calendar year it starts in: 2016 is 2016/17, whose file is
nhs-payments/nhspaymentsgp-16-17.csv. Header text varies by year; it is matched ignoring
case, spacing, dots, underscores, a byte-order mark and a trailing '£'. A cell that is not
a number where one is expected stops the run with the file, line and column.
"""
import re
from pathlib import Path

import pandas as pd

from .errors import DataError

FIRST_YEAR, LAST_YEAR = 2014, 2022  # 2014/15 ... 2022/23
TRAINING_LAST_YEAR = 2018           # fits may use 2014/15-2018/19 only

# Matched header -> our column name.
_COLUMNS = {
    "practice code": "code",
    "ccg code": "area",           # the sub-ICB location code from 2022/23
    "pcn code": "pcn",            # 2019/20-2021/22
    "contract type": "contract",
    "practice postcode": "postcode",
    "practice close date": "close_date",
    "number of registered patients (last known figure)": "registered",
    "number of weighted patients (last known figure)": "weighted",
    "global sum": "global_sum",
    "mpig correction factor": "mpig",
    "balance of pms expenditure": "pms_balance",
}
_REQUIRED = ["code", "area", "contract", "close_date", "registered", "weighted",
             "global_sum", "mpig", "pms_balance"]
_NUMBERS = ["registered", "weighted", "global_sum", "mpig", "pms_balance"]
_NO_DATE = {"", "-"}
_PCN_CODE = re.compile(r"^U\d{5}$")


def year_label(year):
    """2016 -> '2016/17'."""
    return f"{year}/{(year + 1) % 100:02d}"


def payments_file(data_dir, year):
    return Path(data_dir) / "nhs-payments" / f"nhspaymentsgp-{year % 100:02d}-{(year + 1) % 100:02d}.csv"


def _normalise(header):
    text = header.replace("\ufeff", "").strip().lower()
    text = re.sub(r"[\s._]+", " ", text).strip()
    return re.sub(r"\s*£$", "", text)


def _pcn_column(frame, names):
    """The 2022/23 file has no 'PCN Code' header: its PCN codes sit under 'Code' (and the
    PCN names under 'CCG NAME'). Accept that column only when it holds PCN codes."""
    for column, name in zip(frame.columns, names):
        if name == "code":
            values = frame[column].str.strip()
            if values.str.match(_PCN_CODE).mean() > 0.9:
                return column
    return None


def read_payments(data_dir, year):
    """One year's practices, indexed by practice code. Columns: area, pcn (None before
    2019/20 and for practices without one), contract (upper case), close_date (NaT when
    blank), registered, weighted, global_sum, mpig, pms_balance, and the derived flags
    closed (a close date on or before the year's end, 31 March) and open (registered > 0
    and not closed), plus year."""
    path = payments_file(data_dir, year)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    names = [_normalise(c) for c in frame.columns]
    rename = {}
    for column, name in zip(frame.columns, names):
        if name in _COLUMNS:
            if _COLUMNS[name] in rename.values():
                raise DataError(path, 1, column, "a header matched twice", "one column per field")
            rename[column] = _COLUMNS[name]
    if "pcn" not in rename.values():
        pcn = _pcn_column(frame, names)
        if pcn is not None:
            rename[pcn] = "pcn"
    for needed in _REQUIRED:
        if needed not in rename.values():
            wanted = [k for k, v in _COLUMNS.items() if v == needed][0]
            raise DataError(path, 1, needed, "no such column", f"a column headed '{wanted}'")
    out = frame[list(rename)].rename(columns=rename).copy()
    out["line"] = range(2, len(out) + 2)  # header is line 1; no field holds a line break
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].str.strip()
    for column in _NUMBERS:
        values = pd.to_numeric(out[column], errors="coerce")
        bad = values.isna()
        if bad.any():
            row = out[bad].iloc[0]
            raise DataError(path, row["line"], column, f"'{row[column]}'", "a number")
        out[column] = values
    out["close_date"] = _dates(out, path)
    out["contract"] = out["contract"].str.upper()
    if "pcn" not in out.columns:
        out["pcn"] = None
    out["pcn"] = out["pcn"].where(out["pcn"].str.match(_PCN_CODE).fillna(False).astype(bool), None)
    duplicated = out["code"].duplicated()
    if duplicated.any():
        row = out[duplicated].iloc[0]
        raise DataError(path, row["line"], "code", f"practice {row['code']} again", "one row per practice")
    year_end = pd.Timestamp(year + 1, 3, 31)
    out["closed"] = out["close_date"].notna() & (out["close_date"] <= year_end)
    out["open"] = (out["registered"] > 0) & ~out["closed"]
    out["year"] = year
    return out.set_index("code")


def _dates(out, path):
    text = out["close_date"]
    blank = text.isin(_NO_DATE)
    dates = pd.to_datetime(text.where(~blank, None), format="%d/%m/%Y", errors="coerce")
    bad = dates.isna() & ~blank
    if bad.any():
        row = out[bad].iloc[0]
        raise DataError(path, row["line"], "close_date", f"'{row['close_date']}'",
                        "a date dd/mm/yyyy, or blank or '-'")
    return dates


def read_all_payments(data_dir, first=FIRST_YEAR, last=LAST_YEAR):
    return {year: read_payments(data_dir, year) for year in range(first, last + 1)}


def postcode_district(postcode):
    """The outward code of a postcode: 'BL1 8TU' -> 'BL1' (also without the space)."""
    text = str(postcode).strip().upper()
    return text.split()[0] if " " in text else text[:-3]
