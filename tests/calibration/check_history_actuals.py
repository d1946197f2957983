#!/usr/bin/python3
"""CTest (label calibration): scripts/history_actuals.py reproduces the committed
tests/data/history_actuals.csv byte for byte, and its figures agree with calculations made
here independently: the England table of scenarios/data/README.md, the README's hand
checks, and sums read straight from the CSV files with the csv module."""
import csv
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "scenarios" / "data"
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def load(path):
    with open(path, newline="") as f:
        return {(r["area"], r["year"], r["measure"]): r["value"] for r in csv.DictReader(f)}


with tempfile.TemporaryDirectory() as tmp:
    out = Path(tmp) / "history_actuals.csv"
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "history_actuals.py"), "--output", str(out)],
                         capture_output=True, text=True)
    check(run.returncode == 0, f"history_actuals.py failed: {run.stderr}")
    if run.returncode == 0:
        committed = (ROOT / "tests" / "data" / "history_actuals.csv").read_bytes()
        check(out.read_bytes() == committed,
              "tests/data/history_actuals.csv is not what scripts/history_actuals.py writes: rerun it and commit")
        check("September snapshot" in run.stdout and "counts in both" in run.stdout,
              "the note on the headcount series is missing from the output")
values = load(ROOT / "tests" / "data" / "history_actuals.csv")
value = lambda area, year, measure: float(values[(area, year, measure)])

# 1. The England table of scenarios/data/README.md (the series' own totals).
readme = (DATA / "README.md").read_text()
table = re.findall(r"^\| (\d{4}/\d{2}) \| ([\d,]+) \| ([\d.]+)m \| ([\d,]+) \|$", readme, re.M)
check(len(table) >= 8, "the England table of scenarios/data/README.md was not found")
for year, practices, patients, headcount in table:
    if (("England", year, "series_practices") not in values):
        continue  # 2023/24: after the payments files
    check(value("England", year, "series_practices") == int(practices.replace(",", "")), f"{year} practices")
    check(abs(value("England", year, "series_patients") / 1e6 - float(patients)) <= 0.005 + 1e-9, f"{year} patients")
    check(value("England", year, "series_gp_headcount") == int(headcount.replace(",", "")), f"{year} GP headcount")
    # the payments files' open practices and lists are close to the series' own counts
    check(abs(value("England", year, "open_practices") / int(practices.replace(",", "")) - 1) < 0.03,
          f"{year}: open practices far from the series")
    check(abs(value("England", year, "registered_patients") / 1e6 / float(patients) - 1) < 0.02,
          f"{year}: registered patients far from the series")
    hc, series = value("England", year, "gp_headcount"), int(headcount.replace(",", ""))
    check(0.97 * series <= hc <= series, f"{year}: GP headcount of open practices {hc} vs series {series}")
checked_years = sum(1 for y, *_ in table if ("England", y, "series_practices") in values)
check(checked_years == 8, f"expected 8 years checked against the README, got {checked_years}")

# 2. The README's hand checks (2016/17 file).
check(value("00T", "2016/17", "open_practices") == 50, "00T 2016/17: 50 practices")
check(value("00T", "2016/17", "registered_patients") == 306005, "00T 2016/17: 306,005 patients")
check(value("04C", "2016/17", "practices_in_file") == 63, "04C 2016/17: 63 practices in the file")


# 3. Straight from the files with the csv module (nothing of scripts/pcsim_history).
def rows_of(name):
    with open(DATA / "nhs-payments" / name, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader)]
        return header, list(reader)


def england_figures(name, year_end):
    header, rows = rows_of(name)
    col = {h: i for i, h in enumerate(header)}
    reg = col["number of registered patients (last known figure)"]
    close = col["practice close date"]
    core = [col["global sum"], col["mpig correction factor"], col["balance of pms expenditure"]]
    n = patients = funding = 0.0
    codes = set()
    for r in rows:
        funding += sum(float(r[i]) for i in core)
        d = r[close].strip()
        closed = d not in ("", "-") and tuple(reversed([int(x) for x in d.split("/")])) <= year_end
        if float(r[reg]) > 0 and not closed:
            n += 1
            patients += float(r[reg])
            codes.add(r[col["practice code"]])
    return n, patients, funding, codes


for name, year, end in [("nhspaymentsgp-22-23.csv", "2022/23", (2023, 3, 31)),
                        ("nhspaymentsgp-18-19.csv", "2018/19", (2019, 3, 31))]:
    n, patients, funding, codes = england_figures(name, end)
    check(value("England", year, "open_practices") == n, f"{year}: open practices {n}")
    check(abs(value("England", year, "registered_patients") - patients) < 0.01, f"{year}: patients {patients}")
    check(abs(value("England", year, "core_funding_gbp") - funding) < 0.01 * len(codes), f"{year}: core funding")
    if year == "2018/19":
        with open(DATA / "gp-workforce" / "practice_gp_headcount_by_year.csv", newline="") as f:
            hc = sum(float(r["TOTAL_GP_EXTGL_HC"]) for r in csv.DictReader(f)
                     if r["fiscal_year"] == "19" and r["Practice.Code"] in codes and r["TOTAL_GP_EXTGL_HC"] != "NA")
        check(value("England", year, "gp_headcount") == hc, f"{year}: GP headcount of open practices {hc}")

# 4. Every area and year is present, and Bedfordshire is followed after 2020/21.
for area in ["England", "00T", "04C", "06F", "03F"]:
    for start in range(2014, 2023):
        year = f"{start}/{(start + 1) % 100:02d}"
        check((area, year, "open_practices") in values, f"{area} {year} missing")
check(value("06F", "2022/23", "open_practices") > 40, "06F 2022/23 followed through M1J4Y")

if failures:
    print("FAILED:\n  " + "\n  ".join(failures))
    sys.exit(1)
print(f"history actuals: all checks passed ({len(values)} values)")
