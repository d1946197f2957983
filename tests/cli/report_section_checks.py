"""The checks of check_report.py for the report's tables and analytics charts, each against
the HDF5 file read with h5py and NumPy: the "Practices at risk" tables, the Sobol charts,
the change by driver (charts, tables, reading), the headline of an option that invests
nothing, the heading and price basis, and the Assumptions table; and the words of the
headline and the base year: the central case's overspend over the whole horizon, every
probability to one decimal rounded half away from zero, no developer document cited in
the prose, what became of closed practices' lists. Each check adds what it finds wrong to
`failures`.
"""
import html
import json
import math
import re
from fractions import Fraction

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


def plain_text(fragment):
    """An HTML fragment as a reader sees it: tags (and <wbr>) removed, entities read."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def percent_shown(share):
    """A probability (an exact Fraction) as the report must show it: in % to one decimal,
    rounded half away from zero on its exact value as a spreadsheet rounds (the workbook's
    0.0% cells); "0%" and "100%" for none and all of the iterations."""
    if share == 0:
        return "0%"
    if share == 1:
        return "100%"
    tenths = math.floor(share * 1000 + Fraction(1, 2))
    return f"{tenths // 10}.{tenths % 10}%"


def share_of(flags):
    """The exact share of true values in a boolean array."""
    return Fraction(int(np.count_nonzero(flags)), len(flags))


def best_shares(f, options):
    """P(best NPV) of each option, exactly: each iteration's 1/ties to each option at its
    highest NPV, over the iterations."""
    npvs = np.stack([f[f"options/{o}/npv"][()] for o in options])
    best = npvs.max(axis=0)
    ties = (npvs == best).sum(axis=0)
    n = npvs.shape[1]
    return {o: sum((Fraction(1, int(t)) for t, top in zip(ties, npvs[k] == best) if top),
                   Fraction(0)) / n for k, o in enumerate(options)}


def headline_probabilities(f):
    """{figure key: exact Fraction} of every probability in the headline paragraphs."""
    options = list(f["options"].attrs["option_order"])
    years = list(f["years"].asstr()[()])
    shares = {}
    for o in options:
        g = f[f"options/{o}"]
        over = g["overspend"][()] > 0
        shares[f"p_not_overspent:{o}:{years[-1]}"] = 1 - share_of(over[:, -1])
        shares[f"p_not_overspent_any_year:{o}"] = 1 - share_of(over.any(axis=1))
        if not invests_nothing(g):
            shares[f"p_payback:{o}"] = share_of(~np.isnan(g["payback_year"][()]))
    if len(options) > 1:
        shares.update({f"p_best:{o}": p for o, p in best_shares(f, options).items()})
    return shares


def check_probability_texts(figures, f):
    """Every probability of the headline shows exactly percent_shown of its exact share (the
    audit: 66.5% showed "66%", 16.3% "16%", two options tied on 5.5% "6%" each)."""
    shares = headline_probabilities(f)
    checked = 0
    for key, _, text in figures:
        key = html.unescape(key)
        if key in shares:
            checked += 1
            if html.unescape(text) != percent_shown(shares[key]):
                fail(f"{key}: shows '{html.unescape(text)}', the file's share "
                     f"{float(shares[key])!r} reads {percent_shown(shares[key])}")
    return checked


def check_comparison_probabilities(page, f):
    """The comparison table's P(best NPV), P(overspend in any year) and P(NPV beats the
    baseline) of each option, each percent_shown of its exact share from the per-iteration
    data (a tie of NPVs with the baseline counting one half), and its note saying how they
    are rounded."""
    options = list(f["options"].attrs["option_order"])
    if len(options) < 2:
        return 0
    section = page.split('<section id="comparison">')[1].split("</section>")[0]
    best = best_shares(f, options)
    base = f[f"options/{options[0]}/npv"][()]
    checked = 0
    for o in options:
        row = re.search(r"<tr><td>" + re.escape(escaped(o)) + r"</td>(.*?)</tr>", section, re.S)
        if row is None:
            fail(f"comparison table: no row for {o}")
            continue
        cells = [plain_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]
        over = share_of((f[f"options/{o}/overspend"][()] > 0).any(axis=1))
        want = {4: percent_shown(best[o]), 5: percent_shown(over)}
        if o != options[0]:
            d = f[f"options/{o}/npv"][()] - base
            d = d[~np.isnan(d)]  # a win counts 1, a tie one half
            want[9] = percent_shown(Fraction(2 * int(np.count_nonzero(d > 0)) +
                                             int(np.count_nonzero(d == 0)), 2 * len(d)))
        for column, text in want.items():
            checked += 1
            if cells[column] != text:
                fail(f"comparison table, {o}, column {column + 2}: '{cells[column]}', the "
                     f"file gives {text}")
    if "rounded half away from zero" not in plain_text(section):
        fail("the comparison table's note does not say how its probabilities are rounded")
    return checked


def central_overspend_clause(central, years):
    """What the headline must say of the central case's overspend over the whole horizon,
    from the stored central case (the audit: "does not overspend" of a central case
    overspending in 9 of 10 years, all but the last)."""
    over = [years[y] for y, value in enumerate(central) if value > 0]
    if not over:
        return "the central case does not overspend in any year"
    if len(over) == len(years):
        if len(years) == 1:
            return f"the central case overspends in {years[0]}"
        return "the central case overspends in every year"
    if len(over) == 1:
        return f"the central case overspends in {over[0]} only"
    return (f"the central case overspends in {len(over)} of the {len(years)} years, "
            f"first in {over[0]}, last in {over[-1]}")


def headline_paragraphs(page):
    """{option: the text of its headline paragraph}."""
    return {html.unescape(o): plain_text(text) for o, text in re.findall(
        r'<div class="headline"><h3>(.*?)</h3>\n?<p>(.*?)</p></div>', page, re.S)}


def check_headline_words(page, f):
    """Each option's headline says what its stored central case does over the whole horizon,
    once, and cites no developer document (the audit: "(docs/model.md, Budget)" in every
    paragraph); the note names the model documentation when a paragraph speaks of the
    headroom."""
    years = list(f["years"].asstr()[()])
    paragraphs = headline_paragraphs(page)
    for o in f["options"].attrs["option_order"]:
        text = paragraphs.get(o)
        if text is None:
            fail(f"no headline for {o}")
            continue
        g = f[f"options/{o}"]
        if "central/overspend" in g:
            clause = central_overspend_clause(g["central/overspend"][()], years)
            if f"({clause})" not in text:
                fail(f"headline of {o}: '({clause})' is not said: {text[:300]}")
            if len(re.findall(r"central case (?:does not )?overspends?", text)) != 1:
                fail(f"headline of {o}: the central case's overspend is said more than once")
        if "docs/" in text:
            fail(f"headline of {o} cites a developer document: {text}")
    note = re.search(r'<section id="headline">.*?<p class="note">(.*?)</p>', page, re.S)
    if any("budget_headroom holds" in t for t in paragraphs.values()) and (
            note is None or "Budget section of the model documentation" not in note.group(1)):
        fail("the headline's note does not point to the model documentation's Budget section")
    return len(paragraphs)


def closed_lists_figures(f):
    """The figures the base year's sentence must show of closed practices' lists, from the
    file's practices_closed_lists* attributes (docs/output-format.md): the lists moved only
    when the rule is "move" and some were; the lists not counted only when the rule is
    "already_counted" and some were not."""
    rule = f.attrs.get("practices_closed_lists")
    kind = {"move": "moved", "already_counted": "not_counted"}.get(rule)
    if kind is None or int(f.attrs.get(f"practices_closed_lists_{kind}", "0")) == 0:
        return {}
    return {f"base_year_closed_lists_{kind}":
            float(f.attrs[f"practices_closed_lists_{kind}"]),
            f"base_year_registered_patients_{kind}":
            float(f.attrs[f"practices_registered_patients_{kind}"])}


def check_base_year_words(page, f):
    """The base year's sentence says what the file records of closed practices' lists (the
    audit: "closed practices' lists moved to the practices that took them on" of a file that
    moved none): moved, with how many practices and patients, only when they were; by
    default, not counted again; for a file without the record, nothing of them."""
    found = re.search(r'<section id="base-year">\n<h2>[^<]*</h2>\n<p>(.*?)</p>', page, re.S)
    if found is None:
        fail("no base-year sentence")
        return 0
    if "practices_base_year" not in f.attrs:  # an older pcsim's file: said to be one
        return 0
    said = plain_text(found.group(1)).split(": ", 1)[-1]
    rule = f.attrs.get("practices_closed_lists")
    figures = closed_lists_figures(f)
    # Rounded to the nearest whole number, as a report's figures are: a payments file's
    # lists are averages, so the patients not counted may have a fraction (629,895.84 of
    # England 2020/21's 120 closed practices), which truncating would read as one fewer.
    counts = [f"{v:,.0f}" for v in figures.values()]
    practices = f"{counts[0]} closed practice{'' if counts[0] == '1' else 's'}" if counts else ""
    want = "the practices as the payments file gives them" + {
        ("move", True): f", with the lists of {practices} ({counts[1] if counts else ''} "
                        "registered patients) moved to the open practices of their PCN or area",
        ("move", False): "; no closed practice's list was moved to another practice",
        ("already_counted", True): f"; the last-known lists of {practices} "
                                   f"({counts[1] if counts else ''} registered patients) were "
                                   "not counted again, because by the file's date their "
                                   "patients are on open practices' lists",
        ("already_counted", False): "; no practice closed by the end of the base year still "
                                    "had patients listed",
    }.get((rule, bool(figures)), "") + "."
    if said != want:
        fail(f"base year: says '{said}', the file's closed_lists ({rule}) gives '{want}'")
    return 1
