#!/usr/bin/python3
"""Cases of bad CSV contents and attributes (run by bad_csv_inputs.sh).

Each case copies scenarios/data/synthetic-payments.csv and synthetic-attributes.csv (and a
small headcount series, area-to-ICB map and PCN file written here) into a fresh folder,
breaks one thing, writes a scenario reading them, runs `pcsim run`, and checks:
  - exit code 3 (invalid input);
  - standard error names the broken file with the line and column of the cell, as
    FILE:LINE:COLUMN (for a missing column or a key of the header: FILE:LINE and the key);
  - nothing is left where the output was to go (no OUT, no OUT.tmp).
Lines and columns are worked out here from the files' own text, not taken from pcsim.
"""
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "scenarios", "data")
PCSIM = sys.argv[1]

SERIES = "Practice.Code,fiscal_year,TOTAL_PATIENTS,TOTAL_GP_EXTGL_HC\n" + "".join(
    f"Z{n:05d},17,5000,{n % 5}\n" for n in range(1, 13))
ICB = "CCG Code,ICB Code,ICB NAME\nZZ1,QZ1,ICB ONE\nZZ2,QZ2,ICB TWO\n"
PCN = ("Practice Code,PCN Code\n" + "".join(f"Z{n:05d},U0000{n % 3}\n" for n in range(1, 13)))

SCENARIO = """format = 1
start_year = 2017
[practices]
payments_csv = "data/payments.csv"
attributes_csv = "data/attributes.csv"
{extra}
peer_groups = 2
gp_age_profile = {{ under_30 = 0.02, 30_34 = 0.10, 35_39 = 0.14, 40_44 = 0.15, 45_49 = 0.15, 50_54 = 0.14, 55_59 = 0.13, 60_64 = 0.10, 65_plus = 0.07 }}
[roles.nurse]
attributes_column = "{nurse_column}"
baseline_fte_per_1000 = 0.3
[roles.dpc]
attributes_column = "TOTAL_DPC_FTE"
baseline_fte_per_1000 = 0.2
"""


def rows_of(text):
    return list(csv.reader(io.StringIO(text)))


def write_rows(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def norm(h):
    return re.sub(r"[^a-z0-9]", "", h.lower())


class Case:
    """One broken input. `edit(files)` changes the dict of file texts and returns the file
    name, the 1-based line and either the 1-based column or the key the message must name."""

    def __init__(self, name, edit, extra="", nurse_column="TOTAL_NURSES_FTE", needle=None):
        self.name, self.edit, self.extra, self.nurse_column = name, edit, extra, nurse_column
        self.needle = needle  # a further text the message must hold


def latin1_cell(file, code, column, value):
    """set_cell, with `value` written in Latin-1 (the rest of the file stays UTF-8)."""
    def edit(files):
        where = set_cell(file, code, column, value)(files)
        files[file] = files[file].encode("utf-8").replace(value.encode("utf-8"), value.encode("latin-1"))
        return where
    return edit


def set_cell(file, code, column, value):
    """Sets the cell of practice `code` in `column`; returns (file, line, column number)."""
    def edit(files):
        rows = rows_of(files[file])
        c = [norm(h) for h in rows[0]].index(norm(column))
        code_col = next(i for i, h in enumerate(rows[0]) if norm(h) in ("practicecode", "praccode"))
        r = next(i for i, row in enumerate(rows) if i > 0 and row[code_col] == code)
        rows[r][c] = value
        files[file] = write_rows(rows)
        return file, r + 1, c + 1
    return edit


def set_header(file, column, value, expect_key=None, second=False):
    """Renames a header cell; the error is at the header line, at the repeated column (the
    second of the two) or naming `expect_key`."""
    def edit(files):
        rows = rows_of(files[file])
        c = [norm(h) for h in rows[0]].index(norm(column))
        rows[0][c] = value
        files[file] = write_rows(rows)
        if expect_key:
            return file, 1, expect_key
        matches = [i for i, h in enumerate(rows[0]) if norm(h) == norm(value)]
        return file, 1, matches[1] + 1
    return edit


def cut_row(file, code, keep):
    def edit(files):
        rows = rows_of(files[file])
        r = next(i for i, row in enumerate(rows) if code in row)
        rows[r] = rows[r][:keep]
        files[file] = write_rows(rows)
        return file, r + 1, keep + 1
    return edit


def only_year(file, year):
    def edit(files):
        rows = rows_of(files[file])
        for row in rows[1:]:
            row[1] = year
        files[file] = write_rows(rows)
        return file, 1, "fiscal_year"
    return edit


P, A, S, I, N = "payments.csv", "attributes.csv", "series.csv", "icb.csv", "pcn.csv"
WITH_SERIES = 'gp_headcount_csv = "data/series.csv"'
WITH_ICB = 'area_icb_csv = "data/icb.csv"'
WITH_PCN = 'pcn_payments_csv = { "2019/20" = "data/pcn.csv" }'
REG = "Number of Registered Patients (Last Known Figure)"
WTD = "Number of Weighted Patients (Last Known Figure)"

CASES = [
    # Payments file: cells.
    Case("global sum n/a", set_cell(P, "Z00003", "Global Sum", "n/a")),
    Case("global sum text", set_cell(P, "Z00003", "Global Sum", "12x")),
    Case("global sum infinite", set_cell(P, "Z00004", "Global Sum", "inf")),
    Case("global sum NaN", set_cell(P, "Z00004", "Global Sum", "NaN")),
    Case("MPIG in words", set_cell(P, "Z00001", "MPIG Correction factor", "three")),
    Case("PMS balance suppressed", set_cell(P, "Z00002", "Balance of PMS Expenditure", "*")),
    Case("negative registered patients", set_cell(P, "Z00005", REG, "-50")),
    Case("blank registered patients", set_cell(P, "Z00005", REG, "")),
    Case("absurd registered patients", set_cell(P, "Z00005", REG, "1e12")),
    Case("registered patients badly grouped", set_cell(P, "Z00007", REG, "12,34")),
    # Cells that a looser reader misread silently (input audit B): a space or tab inside a
    # figure, a '£' inside one or in a count, a sign inside accounting brackets.
    Case("registered patients with a pound inside", set_cell(P, "Z00001", REG, "12\u00a3480")),
    Case("registered patients with a space inside", set_cell(P, "Z00002", REG, "2 15 0")),
    Case("global sum negative in brackets", set_cell(P, "Z00001", "Global Sum", "(-1021400.12)")),
    Case("global sum with a tab inside", set_cell(P, "Z00003", "Global Sum", "1021\t400")),
    Case("weighted patients NaN", set_cell(P, "Z00008", WTD, "nan")),
    Case("weighted patients suppressed", set_cell(P, "Z00008", WTD, "c")),
    Case("open date that does not exist", set_cell(P, "Z00009", "Practice Open Date", "31/02/2016")),
    Case("close date in ISO form", set_cell(P, "Z00011", "Practice Close Date", "2016-12-31")),
    Case("blank CCG code", set_cell(P, "Z00012", "CCG Code", "")),
    # Payments file: rows and headers.
    Case("row cut short", cut_row(P, "Z00005", 17)),
    Case("practice code twice", set_cell(P, "Z00008", "Practice Code", "Z00007")),
    Case("empty practice code", set_cell(P, "Z00002", "Practice Code", "")),
    Case("repeated Global Sum column", set_header(P, "Average payments per registered patient", "Global Sum")),
    Case("missing Global Sum column", set_header(P, "Global Sum", "Global Total", expect_key="Global Sum")),
    Case("missing practice code column", set_header(P, "Practice Code", "Practice", expect_key="Practice Code")),
    # Attributes file.
    Case("nurse FTE infinite", set_cell(A, "Z00001", "TOTAL_NURSES_FTE", "inf")),
    Case("nurse FTE in words", set_cell(A, "Z00002", "TOTAL_NURSES_FTE", "three")),
    Case("negative DPC FTE", set_cell(A, "Z00003", "TOTAL_DPC_FTE", "-0.5")),
    Case("half a GP in a band", set_cell(A, "Z00001", "TOTAL_GP_HC_30TO34", "2.5")),
    Case("GPs in a band with a space inside", set_cell(A, "Z00001", "TOTAL_GP_HC_30TO34", "1 0")),
    Case("GPs in a band in pounds", set_cell(A, "Z00001", "TOTAL_GP_HC_30TO34", "\u00a32")),
    Case("nurse FTE with a tab inside", set_cell(A, "Z00001", "TOTAL_NURSES_FTE", "3\t6")),
    Case("nurse FTE with a space in the decimals", set_cell(A, "Z00001", "TOTAL_NURSES_FTE", "3.6 1")),
    Case("nurse FTE negative in brackets", set_cell(A, "Z00001", "TOTAL_NURSES_FTE", "(-3.6)")),
    Case("series headcount with a space inside", set_cell(S, "Z00006", "TOTAL_GP_EXTGL_HC", "1 0"), WITH_SERIES),
    Case("negative GPs in a band", set_cell(A, "Z00008", "TOTAL_GP_HC_45TO49", "-1")),
    Case("2^31 GPs", set_cell(A, "Z00012", "TOTAL_GP_HC", "2147483648")),
    # Z00005 gives 7 GPs in its bands (two are suppressed): a total of 6 cannot hold them.
    Case("bands above the total", set_cell(A, "Z00005", "TOTAL_GP_HC", "6")),
    Case("referral rate NaN", set_cell(A, "Z00003", "referrals_per_1000_weighted", "nan")),
    Case("prescribing cost text", set_cell(A, "Z00001", "prescribing_per_weighted", "12x")),
    Case("attributes practice twice", set_cell(A, "Z00003", "PRAC_CODE", "Z00002")),
    Case("attributes empty practice code", set_cell(A, "Z00004", "PRAC_CODE", "")),
    Case("repeated nurse column", set_header(A, "PRAC_NAME", "total nurses fte")),
    # Two names of one field (the audit: taken silently, one of them): refused at the header.
    Case("CCG Code beside Sub ICB Location Code", set_header(P, "Average payments per registered patient", "Sub ICB Location Code", expect_key="CCG Code")),
    Case("attributes row cut short", cut_row(A, "Z00005", 7)),
    Case("PRAC_CODE beside Practice Code", set_header(A, "PRAC_NAME", "Practice Code", expect_key="Practice Code")),
    Case("no practice code column", set_header(A, "PRAC_CODE", "code", expect_key="Practice Code")),
    Case("unknown attributes_column", lambda files: (A, 1, "roles.nurse.attributes_column"),
         nurse_column="TOTAL_NURSE_FTE"),
    # GP headcount series.
    Case("series half a GP", set_cell(S, "Z00003", "TOTAL_GP_EXTGL_HC", "2.5"), WITH_SERIES),
    Case("series negative GPs", set_cell(S, "Z00004", "TOTAL_GP_EXTGL_HC", "-1"), WITH_SERIES),
    Case("series headcount in words", set_cell(S, "Z00005", "TOTAL_GP_EXTGL_HC", "many"), WITH_SERIES),
    Case("series year that is no year", set_cell(S, "Z00007", "fiscal_year", "FY17"), WITH_SERIES),
    Case("series practice twice", set_cell(S, "Z00008", "Practice.Code", "Z00007"), WITH_SERIES),
    Case("series without the base year", only_year(S, "16"), WITH_SERIES),
    Case("series without a headcount column",
         set_header(S, "TOTAL_GP_EXTGL_HC", "GPs", expect_key="TOTAL_GP_EXTGL_HC"), WITH_SERIES),
    # Area-to-ICB map and PCN file.
    Case("area given twice", lambda f: (f.update({I: ICB + "ZZ1,QZ9,OTHER\n"}), (I, 4, 1))[1], WITH_ICB),
    Case("empty ICB code", lambda f: (f.update({I: ICB.replace("ZZ2,QZ2", "ZZ2,")}), (I, 3, 2))[1], WITH_ICB),
    Case("map without ICB Code", set_header(I, "ICB Code", "ICB", expect_key="ICB Code"), WITH_ICB),
    Case("PCN file without a PCN column", set_header(N, "PCN Code", "Network", expect_key="PCN Code"), WITH_PCN),
    Case("PCN file with a practice twice", set_cell(N, "Z00002", "Practice Code", "Z00001"), WITH_PCN),
    # Saved as "Unicode text" (UTF-16): said so at line 1, not "found 57 fields".
    Case("payments file in UTF-16", lambda f: (f.update({P: ("\ufeff" + f[P]).encode("utf-16-le")}), (P, 1, 1))[1]),
    Case("attributes file in UTF-16 without a mark", lambda f: (f.update({A: f[A].encode("utf-16-be")}), (A, 1, 1))[1]),
    # Codes and names that are not UTF-8 (Latin-1) are refused at their cell, the byte shown
    # as \xE9 (the input audit B, repro_04: they reached a workbook that was not well-formed).
    Case("payments practice code in Latin-1", latin1_cell(P, "Z00006", "Practice Code", "Z0000\u00e9"),
         needle="key 'Practice Code': found 'Z0000\\xE9' (the byte 0xE9 at byte 6 is not UTF-8); expected text in UTF-8"),
    Case("attributes practice code in Latin-1", latin1_cell(A, "Z00002", "PRAC_CODE", "Z0\u00e902"),
         needle="found 'Z0\\xE902' (the byte 0xE9 at byte 3 is not UTF-8)"),
]


def run_case(case, work):
    folder = os.path.join(work, re.sub(r"[^a-z0-9]+", "-", case.name.lower()))
    os.makedirs(os.path.join(folder, "data"))
    files = {P: open(os.path.join(DATA, "synthetic-payments.csv"), encoding="utf-8").read(),
             A: open(os.path.join(DATA, "synthetic-attributes.csv"), encoding="utf-8").read(),
             S: SERIES, I: ICB, N: PCN}
    broken, line, where = case.edit(files)
    for name, text in files.items():
        if isinstance(text, bytes):  # another encoding than UTF-8
            with open(os.path.join(folder, "data", name), "wb") as f:
                f.write(text)
            continue
        with open(os.path.join(folder, "data", name), "w", encoding="utf-8", newline="") as f:
            f.write(text)
    scenario = os.path.join(folder, "scenario.toml")
    with open(scenario, "w") as f:
        f.write(SCENARIO.format(extra=case.extra, nurse_column=case.nurse_column))
    out_dir = os.path.join(folder, "out")
    os.makedirs(out_dir)
    result = subprocess.run([PCSIM, "run", scenario, "-o", os.path.join(out_dir, "results.h5"),
                             "--quiet"], capture_output=True, text=True, errors="replace", timeout=60)
    path = os.path.normpath(os.path.join(folder, "data", broken))
    problems = []
    if result.returncode != 3:
        problems.append(f"exit {result.returncode}, expected 3")
    if isinstance(where, int):
        wanted = f"{path}:{line}:{where}: "
        if wanted not in result.stderr:
            problems.append(f"no '{wanted}' in the message")
    else:
        wanted = f"{path}:{line}"
        if wanted not in result.stderr or f"key '{where}'" not in result.stderr:
            problems.append(f"no '{wanted}' and key '{where}' in the message")
    if case.needle is not None and case.needle not in result.stderr:
        problems.append(f"no {case.needle!r} in the message")
    left = os.listdir(out_dir)
    if left:
        problems.append(f"left behind: {left}")
    return problems, result.stderr


def main():
    work = tempfile.mkdtemp(prefix="pcsim-bad-csv-")
    failures = 0
    try:
        for case in CASES:
            problems, stderr = run_case(case, work)
            if problems:
                failures += 1
                print(f"bad_csv_inputs: FAILED: {case.name}: {'; '.join(problems)}", file=sys.stderr)
                print("    " + stderr.replace("\n", "\n    "), file=sys.stderr)
    finally:
        shutil.rmtree(work)
    print(f"bad_csv_inputs: {len(CASES) - failures} of {len(CASES)} cases passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
