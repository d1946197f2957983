"""The checks of check_report.py for the report's tables and analytics charts, each against
the HDF5 file read with h5py and NumPy: the "Practices at risk" tables, the Sobol charts,
the change by driver (charts, tables, reading), the headline of an option that invests
nothing, the heading and price basis, and the Assumptions table. Each check adds what it
finds wrong to `failures`.
"""
import html
import json
import math
import re

import numpy as np

failures = []


def fail(message):
    failures.append(message)


def escaped(text):
    """`text` escaped as pcsim's html_escape writes it (' as &#39;, where Python writes
    &#x27;), so that a name can be looked for in the page as it stands."""
    return html.escape(text, quote=True).replace("&#x27;", "&#39;")


def shown_number(text):
    """The number a figure's text shows, and half its last digit (the rounding)."""
    text = text.replace("\u2212", "-").replace(",", "").replace("£", "").lstrip("+")
    scale = {"k": 1e3, "m": 1e6, "bn": 1e9}
    match = re.fullmatch(r"(-?[0-9.]+)(bn|k|m|%)?", text.strip())
    if not match:
        m = re.fullmatch(r"year ([0-9.]+)( \(.*\))?", text.strip())
        if m:
            digits = m.group(1).split(".")
            return float(m.group(1)), 0.5 * 10 ** -(len(digits[1]) if len(digits) > 1 else 0)
        return None, None
    number, unit = match.group(1), match.group(2)
    decimals = len(number.split(".")[1]) if "." in number else 0
    factor = 0.01 if unit == "%" else scale.get(unit, 1)
    return float(number) * factor, 0.5 * 10 ** -decimals * factor


def invests_nothing(g):
    """True when the option's investment is 0 in every iteration, year and the central case."""
    central = g["central/investment"][()] if "central/investment" in g else np.zeros(1)
    return bool((g["investment"][()] == 0).all() and (central == 0).all())


# The outputs of the report's change by driver, in its order; the first with a defined
# start and end is written up and charted.
DRIVER_OUTPUTS = ("appointments_gap", "net_cost", "gp_headcount", "npv")


def charted_output(drivers):
    for name in DRIVER_OUTPUTS:
        if f"change/{name}" in drivers:
            last = drivers[f"change/{name}"][:, -1]
            if np.isfinite(last[0]) and np.isfinite(last[-1]):
                return name
    return None


def driver_figures(f, options):
    """The figures of the reading of each option's change by driver, from the stored split."""
    expected = {}
    for o in options:
        if f"options/{o}/drivers" not in f:
            continue
        drivers = f[f"options/{o}/drivers"]
        name = charted_output(drivers)
        if name is None:
            continue
        last = drivers[f"change/{name}"][:, -1]
        key = f"{o}:{name}"
        expected[f"driver_start:{key}"] = float(last[0])
        expected[f"driver_end:{key}"] = float(last[-1])
        expected[f"driver_change_size:{key}"] = float(abs(last[-1] - last[0]))
        expected[f"driver_interaction:{key}"] = float(drivers[f"change_alone/{name}"][-1, -1])
        for j, driver in enumerate(drivers.attrs["drivers"]):
            expected[f"driver_part:{key}:{driver}"] = float(last[1 + j])
    return expected


# Figures the page may leave out: a driver named in the reading only when it is among the
# largest; the size of a change that rounds to nothing.
def optional_figure(key):
    return key.startswith("driver_part:") or key.startswith("driver_change_size:")


def close(a, b, rel=1e-9, abs_=1e-9):
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_ * max(1.0, abs(b)))


def value_of(text):
    return math.nan if text in ("null", "NaN", "") else float(text)


def chart_specs(page):
    """{chart id: its JSON} of every chart in the page."""
    return {m.group(1): json.loads(m.group(2)) for m in re.finditer(
        r'<script type="application/json" id="spec-([^"]*)">(.*?)</script>', page, re.S)}


def headroom_list_growth(f, g):
    """The core funding that budget_headroom leaves out in the last year (docs/model.md,
    Budget: the baseline spend is held at the base year's lists): the last year's baseline
    spend times the weighted list's change since the base year, central case (else the
    mean over the iterations); its size, or None when under 0.05% or not computable."""
    if "practices_weighted_patients" not in f.attrs or "budget_headroom" not in g:
        return None
    w0 = float(f.attrs["practices_weighted_patients"])
    if "central/weighted_list" in g and "central/baseline_spend" in g:
        w, spend = g["central/weighted_list"][-1], g["central/baseline_spend"][-1]
    else:
        w, spend = g["weighted_list"][:, -1].mean(), g["baseline_spend"][:, -1].mean()
    change = float(w) / w0 - 1
    return None if abs(change) < 0.0005 else abs(float(spend) * change)


def check_shown(what, text, want):
    shown, rounding = shown_number(text)
    if shown is None or abs(shown - want) > rounding * 1.0001 + 1e-12:
        fail(f"{what}: shows '{text}', the file gives {want}")


def check_practices(page, f):
    """Each option's "Practices at risk" table: the 20 practices most likely to be closed by
    the last year, every figure the mean over the iterations (NaN left out) computed here
    from the per-iteration arrays; shares shown as percentages."""
    tables = re.findall(r'<table class="data practices" data-option="([^"]*)">(.*?)</table>',
                        page, re.S)
    options = [o for o in f["options"].attrs["option_order"] if f"options/{o}/practices" in f]
    if sorted(html.unescape(o) for o, _ in tables) != sorted(options):
        fail(f"practices tables for {[o for o, _ in tables]}, the file has {options}")
    checked = 0
    for option, body in tables:
        option = html.unescape(option)
        group = f[f"options/{option}/practices"]
        codes = list(group["codes"].asstr()[()])
        figures = [html.unescape(x) for x in re.findall(r'<th data-figure="([^"]*)">', body)]
        means = {name: np.nanmean(group[name][:, :, -1], axis=0) for name in figures}
        rows = re.findall(r"<tr><td>([^<]*)</td>(.*?)</tr>", body, re.S)
        want_rows = min(20, len(codes))
        if len(rows) != want_rows or figures[:1] != ["closed"]:
            fail(f"practices of {option}: {len(rows)} rows, columns {figures}")
            continue
        shown_closed = []
        for code, cells in rows:
            p = codes.index(html.unescape(code))
            values = re.findall(r'<td class="num" data-value="([^"]*)">([^<]*)</td>', cells)
            for name, (value, text) in zip(figures, values):
                want = float(means[name][p])
                unit = group[name].attrs["unit"]
                if not close(value_of(value), want):
                    fail(f"practices of {option}, {code}, {name}: {value}, the file gives {want}")
                text = html.unescape(text)
                if unit == "share" and not text.endswith("%"):
                    fail(f"practices of {option}, {code}, {name}: share shown as '{text}'")
                check_shown(f"practices of {option}, {code}, {name}", text, want)
                checked += 1
            shown_closed.append(means["closed"][p])
        # The rows are the practices most likely to be closed, most likely first.
        ranked = np.sort(np.nan_to_num(means["closed"], nan=-1))[::-1][:want_rows]
        if not np.allclose(shown_closed, ranked, rtol=0, atol=1e-12):
            fail(f"practices of {option}: not the {want_rows} most likely to close, in order")
    return checked


def check_sobol(specs, f):
    """Every Sobol chart: S1 and ST of each parameter shown and their 95% intervals equal
    the stored indices, largest ST first; every option with stored indices has its chart."""
    charts = [s for s in specs.values() if s.get("meta", {}).get("kind") == "sobol"]
    run = "options" in f
    order = f["options"].attrs["option_order"] if run else (
        f["sensitivity"].attrs["option_order"] if "sensitivity" in f else [])
    expected_options = [o for o in order if (f"sensitivity/{o}/sobol_by_year" if run
                                             else f"sensitivity/{o}/sobol") in f]
    if sorted(c["meta"]["option"] for c in charts) != sorted(expected_options):
        fail(f"Sobol charts for {[c['meta']['option'] for c in charts]}, "
             f"the file has indices for {expected_options}")
    for chart in charts:
        meta = chart["meta"]
        option, output = meta["option"], meta["output"]
        if run:
            ds = f[f"sensitivity/{option}/sobol_by_year/{output}"]
            stored = ds[:, -1, :]
            if run and "npv" in f[f"sensitivity/{option}/sobol_by_year"] and output != "npv":
                fail(f"Sobol chart of {option} shows {output}, the file holds npv")
        else:
            ds = f[f"sensitivity/{option}/sobol/{output}"]
            stored = ds[()]
        columns = list(ds.attrs["values"] if "values" in ds.attrs else ds.attrs["columns"])
        parameters = list(ds.attrs["parameters"])
        labels = chart["data"]["labels"]
        sets = {d["label"]: d for d in chart["data"]["datasets"]}
        st = np.nan_to_num(stored[:, columns.index("ST")], nan=-1)
        want_order = sorted(range(len(parameters)), key=lambda k: -st[k])[:15]
        if [st[parameters.index(x)] for x in labels] != [st[k] for k in want_order]:
            fail(f"Sobol chart of {option}: not the largest total indices first: {labels}")
        for label, index, interval in (("first-order S1", "S1", "S1_lo"),
                                       ("total ST", "ST", "ST_lo")):
            data = sets[label]
            for r, name in enumerate(labels):
                k = parameters.index(name)
                want = stored[k, columns.index(index)]
                lo, hi = stored[k, columns.index(interval)], stored[k, columns.index(interval) + 1]
                got = data["data"][r]
                if (got is None) != bool(np.isnan(want)) or (got is not None and not close(got, want)):
                    fail(f"Sobol {option} {name} {index}: {got}, the file gives {want}")
                bar = data["intervals"][r]
                if np.isnan(lo) or np.isnan(hi):
                    if bar is not None:
                        fail(f"Sobol {option} {name} {index}: an interval the file does not hold")
                elif bar is None or not (close(bar[0], lo) and close(bar[1], hi)):
                    fail(f"Sobol {option} {name} {index} interval: {bar}, the file gives {lo}, {hi}")
    return len(charts)


def check_drivers(page, specs, f):
    """The change by driver: per option a waterfall whose bars chain from the start through
    each driver's stored Shapley value to the end (parts summing to the change), a table
    equal to the stored split, and a reading naming the largest driver the right way."""
    options = [o for o in f["options"].attrs["option_order"] if f"options/{o}/drivers" in f]
    charts = {c["meta"]["option"]: c for c in specs.values()
              if c.get("meta", {}).get("kind") == "drivers"}
    want_charts = [o for o in options if charted_output(f[f"options/{o}/drivers"])]
    if sorted(charts) != sorted(want_charts):
        fail(f"driver charts for {sorted(charts)}, the file has drivers for {want_charts}")
    for option, chart in charts.items():
        drivers = f[f"options/{option}/drivers"]
        meta = chart["meta"]
        if meta["output"] != charted_output(drivers):
            fail(f"driver chart of {option} shows {meta['output']}")
        stored = drivers[f"change/{meta['output']}"][:, -1]
        names = list(drivers.attrs["drivers"])
        start, parts, end = stored[0], stored[1:-1], stored[-1]
        if not close(start + parts.sum(), end, 1e-9, 1e-6):
            fail(f"drivers of {option}: stored start + parts {start + parts.sum()} != end {end}")
        divisor = meta["divisor"]
        bars = []
        for r, key in enumerate(meta["rows"]):
            found = [d["data"][r] for d in chart["data"]["datasets"] if d["data"][r] is not None]
            if len(found) != 1:
                fail(f"drivers of {option}, row {key}: {len(found)} bars")
                continue
            bars.append((key, found[0][0] * divisor, found[0][1] * divisor))
        if [b[0] for b in bars[:1] + bars[-1:]] != ["start", "end"]:
            fail(f"drivers of {option}: the waterfall does not run from start to end")
            continue
        if not (close(bars[0][1], 0) and close(bars[0][2], start) and close(bars[-1][1], 0)
                and close(bars[-1][2], end)):
            fail(f"drivers of {option}: start or end bar differs from the file")
        level, shown = start, set()
        for key, a, b in bars[1:-1]:
            part = parts[names.index(key)]
            if not (close(a, level, 1e-9, 1e-6) and close(b - a, part, 1e-7, 1e-6)):
                fail(f"drivers of {option}, {key}: bar {a} to {b}, the file gives {part} from {level}")
            level, _ = b, shown.add(key)
        if not close(level, end, 1e-9, 1e-6):
            fail(f"drivers of {option}: the bars end at {level}, the file's end is {end}")
        for j, name in enumerate(names):
            if name not in shown and parts[j] != 0:
                fail(f"drivers of {option}: {name} ({parts[j]}) left out of the waterfall")
        # The reading names the largest part in the change's direction.
        rise = end > start
        same = [j for j in range(len(names)) if parts[j] != 0 and (parts[j] > 0) == rise]
        heading = re.search(r"<h3>" + re.escape(escaped(option)) +
                            r"</h3>\n<p>(.*?)</p>", page.split('id="change"')[1], re.S)
        if heading is None:
            fail(f"drivers of {option}: no reading")
        elif same:
            text = heading.group(1)
            word = "rise" if rise else "fall"
            largest = names[max(same, key=lambda j: abs(parts[j]))]
            found = re.search(r"(?:Most of|The largest parts of) the (rise|fall) comes? from [^<]*"
                              r'<span class="figure" data-figure="driver_part:[^"]*:([^":]*)"',
                              text)
            if not found or found.group(1) != word or found.group(2) != largest:
                fail(f"drivers of {option}: the reading should name {largest} for the {word}")
    tables = re.findall(r'<table class="data drivers" data-option="([^"]*)">(.*?)</table>',
                        page, re.S)
    if sorted(html.unescape(o) for o, _ in tables) != sorted(options):
        fail(f"driver tables for {[o for o, _ in tables]}, the file has {options}")
    for option, body in tables:
        option = html.unescape(option)
        drivers = f[f"options/{option}/drivers"]
        names = list(drivers.attrs["drivers"])
        outputs = re.findall(r'<th data-output="([^"]*)">', body)
        rows = dict(re.findall(r'<tr data-row="([^"]*)">(.*?)</tr>', body, re.S))
        if list(rows) != ["start", *names, "end", "interaction"] or not outputs:
            fail(f"driver table of {option}: rows {list(rows)}, outputs {outputs}")
            continue
        for c, output in enumerate(outputs):
            stored = drivers[f"change/{output}"][:, -1]
            cells = {key: re.findall(r'<td class="num" data-value="([^"]*)">([^<]*)</td>',
                                     row)[c] for key, row in rows.items()}
            want = {"start": stored[0], "end": stored[-1],
                    "interaction": drivers[f"change_alone/{output}"][-1, -1]}
            want.update({name: stored[1 + j] for j, name in enumerate(names)})
            for key, (value, text) in cells.items():
                if not close(value_of(value), float(want[key])):
                    fail(f"driver table of {option}, {output}, {key}: {value}, file {want[key]}")
                check_shown(f"driver table of {option}, {output}, {key}", html.unescape(text),
                            float(want[key]))
            page_sum = sum(value_of(cells[k][0]) for k in ["start", *names])
            if not close(page_sum, value_of(cells["end"][0]), 1e-9, 1e-6):
                fail(f"driver table of {option}, {output}: start + parts {page_sum} != end")
    return len(charts) + len(tables)


def check_no_investment(page, f):
    """An option that invests nothing says there is nothing to pay back, not "0%"."""
    checked = 0
    for o in f["options"].attrs["option_order"]:
        found = re.search(r'<div class="headline"><h3>' + re.escape(escaped(o)) +
                          r"</h3>\n<p>(.*?)</p></div>", page, re.S)
        if found is None:
            fail(f"no headline for {o}")
            continue
        says = "no investment to pay back" in found.group(1)
        if says != invests_nothing(f[f"options/{o}"]):
            fail(f"headline of {o}: 'no investment to pay back' is {'' if says else 'not '}said")
        checked += says
    return checked


def check_scenario_and_prices(page, f):
    """The page is headed by the scenario's name with its file beside it; a results file's
    report says once, before the headline figures, what its £ are in, with the run's own
    rates: the mean of the draws of funding.inflation and economics.discount_rate."""
    name = f.attrs["scenario_name"]
    if f"<h1>{escaped(name)}</h1>" not in page:
        fail(f"the page's heading is not the scenario's name {name!r}")
    if f"scenario file <code>{escaped(f.attrs['scenario_file'])}</code>" not in page:
        fail("the scenario file is not beside its name")
    if "options" not in f:
        return 0
    found = re.findall(r'<p class="prices">£ by year: cash terms, year-0 prices inflated at '
                       r'([0-9.]+)% a year; NPV: year-0 prices, discounted at ([0-9.]+)% a year '
                       r'\(real\)\.', page)
    if len(found) != 1:
        fail(f"the price basis is said {len(found)} times, not once")
        return 0
    if page.find('class="prices"') > page.find('<div class="headline">'):
        fail("the price basis comes after the headline figures")
    for text, name in zip(found[0], ("funding.inflation", "economics.discount_rate")):
        check_shown(f"price basis {name}", text + "%", float(np.mean(f[f"parameters/{name}"][()])))
    return 2


def parameter_kind(unit):
    """How docs/output-format.md says a parameter of `unit` reads."""
    if unit.startswith("£"):
        return "money"
    if unit in ("share", "per year", "probability") or unit.startswith("share "):
        return "percent"
    if unit in ("calendar year", "year"):
        return "year"
    if unit == "on/off":
        return "switch"
    return "number"


def check_parameter_text(what, text, value, unit):
    """One value of the Assumptions table: in its unit's form, and the value to four
    significant digits (or better)."""
    kind = parameter_kind(unit)
    text = html.unescape(text)
    if "e+" in text or "e-" in text:
        fail(f"{what}: {text!r} is in scientific notation")
    if kind == "switch":
        if text != ("on" if value else "off"):
            fail(f"{what}: {text!r} for {value}")
        return
    if kind == "money" and "£" not in text or kind == "percent" and not text.endswith("%"):
        fail(f"{what}: {text!r} is not shown as {kind}")
    if kind == "year" and text != f"{value:.0f}":
        fail(f"{what}: {text!r} for the year {value}")
    number, rounding = shown_number(text)
    if number is None:
        fail(f"{what}: {text!r} is not a figure")
    elif abs(number - value) > max(rounding * 1.0001, 5e-4 * abs(value)):
        fail(f"{what}: {text!r}, the file gives {value}")


def check_assumptions(page, f):
    """Every numeric parameter of the run in the Assumptions table: a fixed one by its value,
    an uncertain one by the mean, P10 and P90 of its draws (NumPy), each in its unit's form."""
    if "options" not in f:
        return 0
    table = re.search(r'<table class="data assumptions">(.*?)</table>', page, re.S)
    if not table:
        fail("no Assumptions table")
        return 0
    rows = {}
    for cells in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)
        if len(cells) == 6 and cells[1] == "every option not setting it":
            rows[html.unescape(re.sub("<[^>]+>", "", cells[0]))] = cells[4]
    checked = 0
    for name, ds in f["parameters"].items():
        if ds.dtype.kind == "S" or name not in rows:
            if name not in rows:
                fail(f"parameter {name} is not in the Assumptions table")
            continue
        values, unit = ds[()], ds.attrs["unit"]
        text = rows[name]
        if (values == values[0]).all():
            check_parameter_text(name, text, float(values[0]), unit)
        else:
            found = re.fullmatch(r"mean (.*) \(P10 (.*), P90 (.*)\)", html.unescape(text))
            if not found:
                fail(f"{name}: {text!r} is not 'mean (P10, P90)'")
                continue
            for part, want in zip(found.groups(), (values.mean(), np.percentile(values, 10),
                                                   np.percentile(values, 90))):
                check_parameter_text(name, part, float(want), unit)
        checked += 1
    return checked
