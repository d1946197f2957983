"""The planner analytics in a results file, recomputed or cross-checked with h5py/NumPy.

Usage: /usr/bin/python3 tests/cli/check_analytics.py RUN.h5 CENTRAL.h5 SENSITIVITY.h5 \
           DRIVERS.csv RISK.csv SOBOL.csv
  RUN.h5          pcsim run --drivers --sobol N (central decomposition, EVPPI)
  CENTRAL.h5      pcsim run --central of the same scenario
  SENSITIVITY.h5  pcsim sensitivity --sobol N with the same seed and bootstrap
  *.csv           pcsim summary RUN.h5 --drivers / --risk / --sobol --csv
"""
import csv
import sys

import h5py
import numpy as np

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def close(a, b, what, rtol=1e-9, atol=1e-6):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    check(a.shape == b.shape and np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True),
          f"{what}: {a} != {b}")


def check_drivers(run, central):
    options = list(run["options"].attrs["option_order"])
    years = list(run["years"].asstr()[()])
    first = run["options"][options[0]]["drivers"]
    drivers = list(first.attrs["drivers"])
    k = len(drivers)
    check(first.attrs["evaluation"] == "central", "evaluation is not central")
    check(len(first.attrs["labels"]) == k and len(first.attrs["switches"]) == k, "driver lists")
    ends = {}
    for name in options:
        group = run["options"][name]["drivers"]
        check(list(group.attrs["drivers"]) == drivers, f"{name}: drivers differ between options")
        outputs = list(group.attrs["output_order"])
        check("appointments_gap" in outputs and "npv" in outputs, f"{name}: output_order {outputs}")
        kinds = ["change"] + (["vs_baseline"] if name != options[0] else [])
        check(("vs_baseline" in group) == (name != options[0]), f"{name}: vs_baseline presence")
        for kind in kinds:
            for output in outputs:
                table = group[kind][output]
                alone = group[kind + "_alone"][output]
                rows = list(table.attrs["rows"])
                check(rows == ["start"] + drivers + ["end"], f"{table.name}: rows {rows}")
                check(list(alone.attrs["rows"]) == drivers + ["interaction"], f"{alone.name}: rows")
                values, alone_values = table[()], alone[()]
                columns = list(table.attrs["columns"])
                check(columns == years or columns == ["horizon"], f"{table.name}: columns")
                scale = 1e-9 * (np.abs(values[0]) + np.abs(values[-1]) + 1)
                parts = values[0] + values[1:-1].sum(axis=0)
                # NaN (e.g. no payback year with every driver off) leaves the column undefined.
                undefined = np.isnan(values).any(axis=0)
                check(np.all(undefined | (np.abs(parts - values[-1]) <= scale)),
                      f"{table.name}: start + drivers != end")
                interaction = values[-1] - values[0] - alone_values[:-1].sum(axis=0)
                check(np.all(undefined | np.isnan(alone_values).any(axis=0) |
                             (np.abs(interaction - alone_values[-1]) <= scale)),
                      f"{alone.name}: interaction")
                if kind == "change":
                    ends[(name, output)] = values[-1]
                    # The end of the central decomposition is the central run itself.
                    stored = central["options"][name][output][()]
                    close(values[-1], stored.reshape(-1), f"{table.name}: end vs pcsim run --central")
    for name in options[1:]:
        group = run["options"][name]["drivers"]
        for output in group.attrs["output_order"]:
            close(group["vs_baseline"][output][-1], ends[(name, output)] - ends[(options[0], output)],
                  f"{name}/{output}: vs_baseline end")
    return drivers


def check_evppi(run):
    group = run["comparison"]["evppi"]
    evppi = group["evppi"][()]
    check(np.all(evppi >= 0), f"negative EVPPI {evppi}")
    check(np.all(group["se"][()] >= 0), "negative SE")
    names = list(group["groups"].asstr()[()])
    check(len(names) == len(evppi) == len(group["method"]), "EVPPI rows")
    check(group.attrs["net_benefit"] == "npv" and group.attrs["unit"] == "GBP", "EVPPI attributes")
    # The EVPI beside it is the run's, over the same iterations (every NPV defined here).
    close(group.attrs["evpi"], run["comparison"]["evpi"][()], "EVPPI's evpi vs /comparison/evpi",
          rtol=1e-9, atol=1e-3)
    # No group is worth more than knowing everything, events included.
    check(np.all(evppi <= group.attrs["evpi"] * (1 + 1e-9) + 1e-6), "EVPPI above EVPI")
    options = list(run["options"].attrs["option_order"])
    check(group["r_squared"].shape == (len(names), len(options) - 1), "r_squared shape")
    check(list(group.attrs["options"]) == options, "EVPPI options")


def check_sobol(run, sensitivity):
    years = list(run["years"].asstr()[()])
    baseline = list(run["options"].attrs["option_order"])[0]
    by_year = run["sensitivity"][baseline]["sobol_by_year"]
    other = sensitivity["sensitivity"][baseline]
    check(by_year.attrs["rows"] == other.attrs["sobol_rows"], "design rows differ")
    for output in other.attrs["output_order"]:
        table = by_year[output]
        p = len(table.attrs["parameters"])
        columns = list(table.attrs["columns"])
        check(table.shape == (p, len(columns), 6), f"{table.name}: shape {table.shape}")
        check(columns == years or columns == ["horizon"], f"{table.name}: columns")
        # The same design and bootstrap: the last column is what pcsim sensitivity stores.
        close(table[:, -1, :], other["sobol"][output][()], f"{table.name}: last year vs pcsim sensitivity")
        # The sensitivity file carries the same indices for every year.
        close(table[()], other["sobol_by_year"][output][()], f"{table.name}: vs sensitivity sobol_by_year")
        close(by_year["variance"][output][-1], other["sobol"][output].attrs["variance"],
              f"{table.name}: variance")


def check_csv(run, drivers, drivers_csv, risk_csv, sobol_csv):
    options = list(run["options"].attrs["option_order"])
    years = list(run["years"].asstr()[()])
    with open(drivers_csv, newline="") as f:
        rows = list(csv.DictReader(f))
    lookup = {(r["option"], r["comparison"], r["output"], r["row"], r["year"]): r for r in rows}
    for name in options:
        table = run["options"][name]["drivers"]["change"]["net_cost"]
        for j, driver in enumerate(["start"] + drivers + ["end"]):
            for y, year in enumerate(years):
                row = lookup[(name, "change", "net_cost", driver, year)]
                close(float(row["value"]), table[j, y], f"drivers csv {name} {driver} {year}")
    with open(risk_csv, newline="") as f:
        risk = list(csv.DictReader(f))
    for name in options:
        option = run["options"][name]
        amount = option["overspend_amount"][()]
        commissioner = option["overspend_commissioner"][()]
        nhse = option["overspend_nhs_england"][()]
        for y, year in enumerate(years):
            row = next(r for r in risk if r["option"] == name and r["year"] == year)
            close(float(row["p_overspend"]), np.mean(amount[:, y] > 0), f"risk {name} {year} P")
            close(float(row["expected_overspend"]), amount[:, y].mean(), f"risk {name} {year} E")
            close(float(row["expected_commissioner"]), commissioner[:, y].mean(), f"risk {name} {year}")
            close(float(row["p_commissioner"]), np.mean(commissioner[:, y] > 0), f"risk {name} {year}")
            close(float(row["expected_nhs_england"]), nhse[:, y].mean(), f"risk {name} {year}")
            close(float(row["p_nhs_england"]), np.mean(nhse[:, y] > 0), f"risk {name} {year}")
            close(commissioner[:, y] + nhse[:, y], amount[:, y], f"risk {name} {year}: parts")
    with open(sobol_csv, newline="") as f:
        sobol = list(csv.DictReader(f))
    baseline = options[0]
    table = run["sensitivity"][baseline]["sobol_by_year"]["appointments_gap"]
    parameter = table.attrs["parameters"][0]
    for y, year in enumerate(years):
        row = next(r for r in sobol if r["option"] == baseline and r["output"] == "appointments_gap"
                   and r["parameter"] == parameter and r["year"] == year)
        close(float(row["ST"]) if row["ST"] else np.nan, table[0, y, 3], f"sobol csv {year}")


def main(run_path, central_path, sensitivity_path, drivers_csv, risk_csv, sobol_csv):
    with h5py.File(run_path, "r") as run, h5py.File(central_path, "r") as central, \
            h5py.File(sensitivity_path, "r") as sensitivity:
        drivers = check_drivers(run, central)
        check_evppi(run)
        check_sobol(run, sensitivity)
        check_csv(run, drivers, drivers_csv, risk_csv, sobol_csv)
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:7]))
