"""The practice data files pcsim reads, read the same way (docs/scenario-format.md,
[practices]; scenarios/csv_reader.cpp, column_match.cpp, csv_numbers.cpp,
payments_reader.cpp, gp_headcount_series.cpp, area_membership.cpp): headers matched
ignoring case, spaces and punctuation; published numbers with commas, pound signs and
suppression markers; a bad cell is an error naming file, line, column and practice.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

SUPPRESSED = {"c", "*", "..", "x", "z", "[c]", "[x]", "[z]", "-", "N/A", "n/a", "NA"}
# Header synonyms pcsim knows for the columns read here (column_match.cpp).
SYNONYMS = [
    ["Sub ICB Location Code", "Sub ICB Code", "CCG Code"],
    ["Practice Code", "PRAC_CODE"],
    ["Number of Registered Patients (Last Known Figure)", "Number of Registered Patients"],
    ["Number of Weighted Patients (Last Known Figure)", "Number of Weighted Patients"],
]


class DataError(Exception):
    """A bad practice data file or cell: the message names file, line and column."""


def normalise_header(text: str) -> str:
    return "".join(c.lower() for c in text if c.isascii() and c.isalnum())


@dataclass
class Table:
    file: str
    header: list
    rows: list  # (line, fields)

    def column(self, name: str, aliases=(), required=True) -> int:
        accepted = next((g for g in SYNONYMS if normalise_header(name) in map(normalise_header, g)),
                        [name]) + list(aliases)
        keys = [normalise_header(h) for h in self.header]
        for wanted in map(normalise_header, accepted):
            hits = [i for i, k in enumerate(keys) if k == wanted]
            if len(hits) > 1:
                raise DataError(f"{self.file}:1: the column '{self.header[hits[1]]}' again")
            if hits:
                return hits[0]
        if required:
            raise DataError(f"{self.file}:1: no column headed {' or '.join(map(repr, accepted))}")
        return -1

    @staticmethod
    def field(fields: list, index: int) -> str:
        return fields[index] if 0 <= index < len(fields) else ""


def read_table(path: Path) -> Table:
    """A CSV file: Latin-1 keeps every byte (the codes and numbers are ASCII); a UTF-8
    byte-order mark is dropped; blank rows are skipped."""
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise DataError(f"{path}: cannot be read ({e.strerror})") from e
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    reader = csv.reader(io.StringIO(raw.decode("latin-1"), newline=""))
    header, rows = None, []
    for fields in reader:
        if not any(fields):
            continue
        if header is None:
            header = fields
            while header and not header[-1]:
                header.pop()
        else:
            rows.append((reader.line_num, fields))
    if header is None:
        raise DataError(f"{path}: an empty file; expected a header row")
    return Table(str(path), header, rows)


def parse_number(text: str) -> tuple[str, float]:
    """('number', value), ('blank', 0), ('suppressed', 0) or ('invalid', 0), as
    parse_published_number: spaces and pound signs dropped, (x) and a sign, grouping commas."""
    t = text.strip(" \t")
    if t in SUPPRESSED:
        return "suppressed", 0.0
    s = t.replace("\u00c2\u00a3", "").replace("\u00a3", "").replace(" ", "").replace("\t", "")
    if not s:
        return "blank", 0.0
    negative = False
    if len(s) >= 2 and s[0] == "(" and s[-1] == ")":
        negative, s = True, s[1:-1]
    if s[:1] in "+-" and s:
        negative, s = negative != (s[0] == "-"), s[1:]
    if not re.fullmatch(r"(\d{1,3}(,\d{3})+|\d*)(\.\d*)?([eE][+-]?\d+)?", s) or s in ("", "."):
        return "invalid", 0.0
    try:
        value = float(s.replace(",", ""))
    except ValueError:
        return "invalid", 0.0
    return "number", -value if negative else value


def parse_date(text: str) -> dt.date | None | str:
    t = text.strip()
    if t in ("", "-"):
        return None
    try:
        return dt.datetime.strptime(t, "%d/%m/%Y").date() if len(t) == 10 else "invalid"
    except ValueError:
        return "invalid"


def pcn_code_of(cell: str) -> str:
    code = cell.strip(" \t").upper()
    return "" if code in ("", "-", "N/A", "UNKNOWN OR NO PCN") else code


@dataclass
class PaymentsRow:
    line: int
    code: str
    ccg_code: str
    pcn_code: str
    postcode: str
    contract_type: str
    open_date: dt.date | None
    close_date: dt.date | None
    registered: float
    weighted: float
    core_funding: float  # Global Sum + MPIG Correction factor + Balance of PMS Expenditure


def read_payments(path: Path) -> tuple[list, bool]:
    """The payments file's rows, and whether it has a PCN column."""
    t = read_table(path)
    col = {k: t.column(k) for k in ("Practice Code", "CCG Code", "Practice Postcode",
                                    "Practice Open Date", "Practice Close Date", "Contract Type",
                                    "Number of Registered Patients (Last Known Figure)",
                                    "Number of Weighted Patients (Last Known Figure)",
                                    "Global Sum", "MPIG Correction factor",
                                    "Balance of PMS Expenditure")}
    pcn_col = t.column("PCN Code", aliases=["Code"], required=False)
    rows, seen, problems = [], {}, []

    def cell_problem(line, key, fields, expected, code):
        problems.append(f"{t.file}:{line}: column '{t.header[col[key]]}': found "
                        f"'{t.field(fields, col[key])}' for practice {code}; expected {expected}")

    for line, fields in t.rows:
        if len(fields) < len(t.header):
            problems.append(f"{t.file}:{line}: a row cut short ({len(fields)} fields)")
            continue
        get = lambda key: t.field(fields, col[key]).strip(" \t")
        code = get("Practice Code").upper()
        if not code or code in seen:
            problems.append(f"{t.file}:{line}: practice code '{code}' empty or repeated")
            continue
        seen[code] = line
        numbers = {}
        for key, kind in (("Number of Registered Patients (Last Known Figure)", "patients"),
                          ("Number of Weighted Patients (Last Known Figure)", "patients"),
                          ("Global Sum", "money"), ("MPIG Correction factor", "money"),
                          ("Balance of PMS Expenditure", "money")):
            what, value = parse_number(t.field(fields, col[key]))
            if kind == "patients" and not (what == "number" and 0 <= value <= 2_000_000):
                cell_problem(line, key, fields, "a number of patients from 0 to 2,000,000", code)
            if kind == "money" and what not in ("number", "blank"):
                cell_problem(line, key, fields, "an amount in pounds (blank means 0)", code)
            numbers[key] = value
        dates = {}
        for key in ("Practice Open Date", "Practice Close Date"):
            dates[key] = parse_date(get(key))
            if dates[key] == "invalid":
                cell_problem(line, key, fields, "a date written dd/mm/yyyy, or a blank cell", code)
        ccg = get("CCG Code").upper()
        if not ccg:
            cell_problem(line, "CCG Code", fields, "the practice's CCG or sub-ICB code", code)
        rows.append(PaymentsRow(
            line, code, ccg, pcn_code_of(t.field(fields, pcn_col)) if pcn_col >= 0 else "",
            get("Practice Postcode"), get("Contract Type").upper(), dates["Practice Open Date"],
            dates["Practice Close Date"],
            numbers["Number of Registered Patients (Last Known Figure)"],
            numbers["Number of Weighted Patients (Last Known Figure)"],
            numbers["Global Sum"] + numbers["MPIG Correction factor"]
            + numbers["Balance of PMS Expenditure"]))
    if problems:
        raise DataError("\n".join(problems))
    return rows, pcn_col >= 0


def parse_fiscal_year(text: str) -> int | None:
    t = text.strip()
    if re.fullmatch(r"\d\d", t):
        return 2000 + int(t)
    if re.fullmatch(r"\d{4}", t):
        return int(t)
    m = re.fullmatch(r"(\d{4})/(\d\d)", t)
    if m and (int(m[1]) + 1) % 100 == int(m[2]):
        return int(m[1]) + 1
    return None


def read_headcount_series(path: Path, end_year: int) -> dict:
    """Practice code -> whole GP headcount (None where the publisher marks it NA) for the
    base year ending in March of end_year."""
    t = read_table(path)
    c_code = t.column("Practice Code")
    c_year = t.column("fiscal_year", aliases=["financial_year"])
    c_hc = t.column("TOTAL_GP_EXTGL_HC", aliases=["TOTAL_GP_EXTG_HC", "TOTAL_GP_HC"])
    out, problems = {}, []
    for line, fields in t.rows:
        year = parse_fiscal_year(t.field(fields, c_year))
        if year is None:
            problems.append(f"{t.file}:{line}: fiscal year '{t.field(fields, c_year)}'")
            continue
        if year != end_year:
            continue
        code = t.field(fields, c_code).strip(" \t").upper()
        what, value = parse_number(t.field(fields, c_hc))
        if what == "suppressed":
            figure = None
        elif what == "number" and 0 <= value <= 1000 and value == int(value):
            figure = int(value)
        else:
            problems.append(f"{t.file}:{line}: column '{t.header[c_hc]}': found "
                            f"'{t.field(fields, c_hc)}' for practice {code}; expected a whole "
                            "number of GPs from 0 to 1,000, or NA")
            continue
        if not code or code in out:
            problems.append(f"{t.file}:{line}: practice '{code}' empty or repeated for {end_year}")
            continue
        out[code] = figure
    if not problems and not out:
        problems.append(f"{t.file}: no row for the base year ending March {end_year}")
    if problems:
        raise DataError("\n".join(problems))
    return out


def read_area_icb(path: Path) -> dict:
    t = read_table(path)
    c_area, c_icb = t.column("CCG Code"), t.column("ICB Code")
    out = {}
    for line, fields in t.rows:
        area = t.field(fields, c_area).strip(" \t").upper()
        icb = t.field(fields, c_icb).strip(" \t").upper()
        if not area or not icb or area in out:
            raise DataError(f"{t.file}:{line}: area '{area}' / ICB '{icb}' blank or repeated")
        out[area] = icb
    return out
