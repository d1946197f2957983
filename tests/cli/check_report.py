"""Checks a pcsim HTML report: self-contained, every chart drawn in headless Chromium with no
console error, and every headline figure equal to a value computed here from the HDF5 file
with h5py and NumPy (independently of pcsim's own statistics). Also, from the same file:
the "Practices at risk" tables (means over the iterations of the per-practice figures), the
Sobol charts (the stored indices and bootstrap intervals), the change by driver (its
waterfall charts, tables and written reading against the stored Shapley values), the
heading (the scenario's name, its file beside it), the price basis (the run's inflation and
discount rate: the means of their draws), the base year's figures, and every parameter of
the Assumptions table in its unit's form (%, £, a year) equal to its value or draws. And the
page as pcsim prints it (laid out at A4's width less the @page margins, print rules on) has
nothing that runs past the page. And the words (check_words): the base year's account of
closed practices' lists, each headline's central-case overspend over the whole horizon,
no developer document cited in the headline's prose, and every probability of the headline
and the comparison table to one decimal rounded half away from zero, derived here from the
file's exact shares.

Usage: check_report.py REPORT.html RESULTS.h5 CHROMIUM
       check_report.py --words REPORT.html RESULTS.h5   (the words alone, no browser)
"""
import html
import json
import math
import re
import subprocess
import sys
import tempfile

import h5py
import numpy as np

from report_section_checks import (check_assumptions, check_base_year_words,
                                   check_comparison_probabilities, check_drivers,
                                   check_headline_words, check_no_investment, check_practices,
                                   check_probability_texts, check_scenario_and_prices,
                                   check_shown, check_sobol, chart_specs, closed_lists_figures,
                                   driver_figures, invests_nothing, optional_figure)
import report_section_checks

failures = []


def fail(message):
    failures.append(message)


# Injected first in <head>, before the report's own scripts: records every error and, once
# the page has loaded, counts the painted pixels of each chart's canvas.
PROBE = r"""<script>
window.__errors = [];
window.addEventListener('error', function (e) { window.__errors.push(String(e.message)); });
window.addEventListener('unhandledrejection', function (e) { window.__errors.push(String(e.reason)); });
(function () { var original = console.error; console.error = function () {
  window.__errors.push(Array.prototype.join.call(arguments, ' ')); original.apply(console, arguments); }; })();
window.addEventListener('load', function () { setTimeout(function () {
  var charts = [];
  document.querySelectorAll('canvas[data-chart]').forEach(function (c) {
    var painted = 0;
    if (c.width > 0 && c.height > 0) {
      var data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (var i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
    }
    charts.push({id: c.getAttribute('data-chart'), width: c.width, height: c.height, painted: painted});
  });
  var out = document.createElement('pre');
  out.id = 'probe-result';
  out.textContent = JSON.stringify({errors: window.__errors, charts: charts});
  document.body.appendChild(out);
}, 300); });
</script>"""


# Injected first in <head>: once the page has loaded in a window as wide as the printed page
# (as pcsim prints it, runner/pdf_printer.cpp), applies the report's print rules and lists
# every printed element that reaches past that width. Chromium shrinks a whole PDF to fit
# such an element and clips what is still wider: the second chart of each row and the
# Assumptions' rationale column were cut off before this check. A closed <details> prints
# its summary only, unless the print rules show its content (the appendix of every metric,
# through ::details-content); what they put on the landscape page "wide" is held to that
# page's width. `appendix` counts the appendix's tables that print.
PRINT_PROBE = r"""<script>
window.addEventListener('load', function () { setTimeout(function () {
  var style = document.querySelector('style');
  style.textContent = style.textContent.split('@media print{').join('@media all{');
  if (__OPEN_ALL__) document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  function hidden(e) {
    var shut = e.closest('details:not([open])');
    return shut && !e.closest('summary') &&
           getComputedStyle(shut, '::details-content').contentVisibility === 'hidden';
  }
  function onWidePage(e) {
    for (; e; e = e.parentElement) if (getComputedStyle(e).page === 'wide') return true;
    return false;
  }
  var width = document.documentElement.clientWidth, wide = [], appendix = 0;
  document.querySelectorAll('body *').forEach(function (e) {
    if (hidden(e)) return;
    if (e.matches('details.appendix table')) appendix += 1;
    var limit = onWidePage(e) ? __LANDSCAPE__ : width;
    var r = e.getBoundingClientRect(), parent = e.parentElement.getBoundingClientRect();
    if (r.width > 0 && r.right > limit + 1 && parent.right <= limit + 1)  // the outermost
      wide.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' to ' +
                Math.round(r.right) + ' px: ' +
                (e.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 50));
  });
  var out = document.createElement('pre');
  out.id = 'probe-result';
  out.textContent = JSON.stringify({width: width, wide: wide, appendix: appendix});
  document.body.appendChild(out);
}, 300); });
</script>"""


def a4_print_width(page):
    """The width in CSS pixels (96 a inch) of an A4 page less the margins of the report's
    @page rule: the window pcsim lays a report out in to print it."""
    rule = re.search(r"@page\{size:A4;margin:([0-9.]+)mm\}", page)
    if not rule:
        fail("the report has no @page rule of A4 with margins in mm")
        return 688
    return round((210 - 2 * float(rule.group(1))) / 25.4 * 96)


def a4_landscape_width(page):
    """The width in CSS pixels of a landscape A4 page less its margins, if the report has
    the named page "wide" for what is too wide for portrait; else the portrait width."""
    rule = re.search(r"@page wide\{size:A4 landscape;margin:([0-9.]+)mm\}", page)
    if not rule:
        return a4_print_width(page)
    return round((297 - 2 * float(rule.group(1))) / 25.4 * 96)


def print_probe(page, open_all):
    """PRINT_PROBE with every <details> left as it is (as pcsim prints) or opened (as a
    reader who opens them prints)."""
    return PRINT_PROBE.replace("__OPEN_ALL__", "true" if open_all else "false").replace(
        "__LANDSCAPE__", str(a4_landscape_width(page)))


def run_in_chromium(page, chromium, probe=PROBE, window="1280,2000"):
    with tempfile.TemporaryDirectory() as folder:
        probed = f"{folder}/probed.html"
        with open(probed, "w", encoding="utf-8") as out:
            out.write(page.replace("<head>", "<head>" + probe, 1))
        result = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update",
             "--no-first-run", f"--user-data-dir={folder}/profile", "--enable-logging=stderr",
             "--v=0", "--virtual-time-budget=5000", f"--window-size={window}",
             "--hide-scrollbars", "--dump-dom", f"file://{probed}"],
            capture_output=True, text=True, timeout=120)
    console = [line for line in result.stderr.splitlines()
               if "CONSOLE" in line and ("Uncaught" in line or "Error" in line)]
    found = re.search(r'<pre id="probe-result">(.*?)</pre>', result.stdout, re.S)
    if not found:
        fail("the page never finished loading in Chromium:\n" + result.stderr[-2000:])
        return {"errors": console, "charts": [], "wide": []}
    probe = json.loads(html.unescape(found.group(1)))
    probe["errors"] = probe.get("errors", []) + console
    return probe


def p7(values, q):
    values = values[~np.isnan(values)]
    return float(np.percentile(values, q)) if values.size else math.nan


def expected_values(f):
    """Every headline figure, computed from the per-iteration data."""
    years = list(f["years"].asstr()[()])
    expected = {}
    # The base year, as the file records it (tests/cli/base_year.sh checks the record
    # against the payments file).
    for key, attribute in (("practices", "practices_loaded"),
                           ("registered_patients", "practices_registered_patients"),
                           ("weighted_patients", "practices_weighted_patients"),
                           ("core_funding", "practices_core_funding")):
        if attribute in f.attrs:
            expected[f"base_year_{key}"] = float(f.attrs[attribute])
    expected.update(closed_lists_figures(f))
    if "options" not in f:  # a sensitivity file
        option = f["sensitivity"].attrs["option_order"][0]
        group = f[f"sensitivity/{option}"]
        expected[f"npv_central:{option}"] = float(group["central/npv"][0])
        tornado = group["tornado/npv"]
        name = tornado.attrs["parameters"][0]
        expected[f"npv_swing:{name}"] = float(abs(tornado[0, 0, 1] - tornado[0, 0, 0]))
        return expected
    options = list(f["options"].attrs["option_order"])
    npvs = np.stack([f[f"options/{o}/npv"][()] for o in options])
    for k, o in enumerate(options):
        g = f[f"options/{o}"]
        npv = g["npv"][()]
        expected[f"npv_mean:{o}"] = float(np.nanmean(npv))
        expected[f"npv_central:{o}"] = float(g["central/npv"][()])
        expected[f"npv_p10:{o}"] = p7(npv, 10)
        expected[f"npv_p90:{o}"] = p7(npv, 90)
        over = g["overspend"][()]
        expected[f"p_not_overspent:{o}:{years[-1]}"] = float(1 - over[:, -1].mean())
        expected[f"p_not_overspent_any_year:{o}"] = float(1 - (over > 0).any(axis=1).mean())
        payback = g["payback_year"][()]
        if not invests_nothing(g):  # else the headline says there is nothing to pay back
            expected[f"p_payback:{o}"] = float((~np.isnan(payback)).mean())
            if (~np.isnan(payback)).any():
                expected[f"payback_median:{o}"] = p7(payback, 50)
        for metric in ("net_cost", "appointments_gap"):
            expected[f"{metric}_mean:{o}:{years[-1]}"] = float(g[metric][:, -1].mean())
            expected[f"{metric}_central:{o}:{years[-1]}"] = float(g[f"central/{metric}"][-1])
        # A central NPV outside the iterations' P10-P90 is said, with both figures.
        central, p10, p90 = expected[f"npv_central:{o}"], p7(npv, 10), p7(npv, 90)
        if central > p90 or central < p10:
            expected[f"central_npv_outside:{o}"] = central
            expected[f"central_npv_outside_{'p90' if central > p90 else 'p10'}:{o}"] = \
                p90 if central > p90 else p10
        growth = report_section_checks.headroom_list_growth(f, g)
        if growth is not None:
            expected[f"headroom_list_growth_core_funding:{o}"] = growth
        if len(options) > 1:
            best = npvs.max(axis=0)
            ties = (npvs == best).sum(axis=0)
            expected[f"p_best:{o}"] = float(((npvs[k] == best) / ties).mean())
    if len(options) > 1:
        expected["evpi"] = float(npvs.max(axis=0).mean() - npvs.mean(axis=1).max())
    expected.update(driver_figures(f, options))
    return expected


def figure_spans(page):
    """(key, data-value, text) of every figure of the page, as written."""
    return re.findall(
        r'<span class="figure" data-figure="([^"]*)" data-value="([^"]*)">([^<]*)</span>', page)


def check_words(page, f):
    """The words of the base year, the headline and the comparison table against the file:
    what became of closed practices' lists, the central case's overspend over the horizon,
    no developer document cited, every probability to one decimal half away from zero."""
    checked = check_base_year_words(page, f)
    if "options" in f:
        checked += check_headline_words(page, f)
        checked += check_probability_texts(figure_spans(page), f)
        checked += check_comparison_probabilities(page, f)
    return checked


def finish(summary):
    failures.extend(report_section_checks.failures)
    print(summary)
    if failures:
        print("check_report: FAILED", *failures, sep="\n  ", file=sys.stderr)
        sys.exit(1)


def words_only(report, results):
    """check_report.py --words REPORT.html RESULTS.h5: check_words alone, without a browser
    (for a --central run's report, whose one iteration is the central case)."""
    page = open(report, encoding="utf-8").read()
    with h5py.File(results, "r") as f:
        words = check_words(page, f)
    finish(f"check_report: {words} passages of words checked in {report}")


def main():
    if sys.argv[1] == "--words":
        words_only(*sys.argv[2:4])
        return
    report, results, chromium = sys.argv[1:4]
    page = open(report, encoding="utf-8").read()
    # Self-contained: no external script, style, image or frame, and Chart.js inlined.
    for pattern in (r"<script[^>]+src=", r"<link[^>]+href=", r"<img[^>]+src=", r"<iframe"):
        if re.search(pattern, page):
            fail(f"the report loads something from outside ({pattern})")
    if "Chart.js v3" not in page and "chart.js" not in page.lower():
        fail("Chart.js is not inlined")

    probe = run_in_chromium(page, chromium)
    for error in probe["errors"]:
        fail(f"console error: {error}")
    charts = probe["charts"]
    expected_charts = len(re.findall(r"<canvas [^>]*data-chart=", page))
    if len(charts) != expected_charts or not charts:
        fail(f"{len(charts)} charts found after rendering, {expected_charts} in the page")
    for chart in charts:
        # A drawn chart paints its axes, labels and data: thousands of pixels.
        if chart["painted"] < 2000:
            fail(f"chart {chart['id']} is blank ({chart['painted']} painted pixels)")

    # The printed page: nothing wider than A4 less its margins.
    # The same with every <details> opened (the appendix of every metric, the scenario file,
    # the warnings' items), as a reader prints it after opening them: what the page puts on
    # a landscape page ("wide") is held to that page's width.
    width = a4_print_width(page)
    as_printed = None
    for open_all, how in ((False, "as pcsim prints it"), (True, "with every <details> open")):
        printed = run_in_chromium(page, chromium, print_probe(page, open_all), f"{width},1000")
        as_printed = as_printed or printed
        if printed.get("width") != width:
            fail(f"the print check's window is {printed.get('width')} px wide, not {width}")
        for element in printed.get("wide", []):
            fail(f"printed on A4 {how} ({width} px; landscape "
                 f"{a4_landscape_width(page)} px), {element} runs past the page")
    # The appendix of every metric (a table per option, or several, of at most 12 years
    # each, for a long horizon; a run's report, not a sensitivity file's) is closed on
    # screen and printed.
    appendix_tables = sum(block.split("</details>")[0].count("<table")
                          for block in page.split('<details class="appendix">')[1:])
    if '<section id="appendix"' in page and appendix_tables == 0:
        fail("the appendix of every metric has no table")
    if as_printed.get("appendix") != appendix_tables:
        fail(f"{as_printed.get('appendix')} of the appendix's {appendix_tables} tables print")

    specs = chart_specs(page)
    # Fan charts: each band is named by its range in the legend, its lower edge left out.
    for chart_id, spec in specs.items():
        sets = {d["label"]: d for d in spec["data"]["datasets"]}
        if spec.get("type") != "line" or not {"P90", "P10", "P75", "P25"} <= sets.keys():
            continue
        if sets["P90"].get("legendText") != "P10 to P90" or \
                sets["P75"].get("legendText") != "P25 to P75" or \
                not sets["P10"].get("legendHidden") or not sets["P25"].get("legendHidden"):
            fail(f"fan chart {chart_id}: its legend does not name the bands by their ranges")
    with h5py.File(results, "r") as f:
        expected = expected_values(f)
        sobol_charts = check_sobol(specs, f)
        prices = check_scenario_and_prices(page, f)
        assumptions = check_assumptions(page, f)
        practices = drivers = no_investment = 0
        if "options" in f:
            practices = check_practices(page, f)
            drivers = check_drivers(page, specs, f)
            no_investment = check_no_investment(page, f)
        words = check_words(page, f)
    figures = figure_spans(page)
    keys = {html.unescape(k) for k, _, _ in figures}
    for key in expected:
        if key not in keys and not optional_figure(key):
            fail(f"headline figure {key} is missing")
    for key, value, text in figures:
        key, text = html.unescape(key), html.unescape(text)
        if key not in expected:
            fail(f"headline figure {key} is not checked by this test")
            continue
        want = expected[key]
        if not math.isclose(float(value), want, rel_tol=1e-9, abs_tol=1e-9):
            fail(f"{key}: data-value {value}, the file gives {want}")
        check_shown(key, text, want)
    finish(f"check_report: {len(charts)} charts drawn, {len(figures)} figures, {practices} "
           f"practice figures, {sobol_charts} Sobol charts, {drivers} driver charts and tables, "
           f"{no_investment} options without investment, {prices} rates of the price basis, "
           f"{assumptions} assumptions and {words} passages of words checked in {report}")

main()
