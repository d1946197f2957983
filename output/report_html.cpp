#include "output/report_html.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <string_view>
#include <utility>

#include "core/errors.hpp"
#include "core/regular_file.hpp"
#include "output/html_text.hpp"
#include "output/report_charts.hpp"
#include "output/report_sections.hpp"

namespace pcsim::output {

namespace {

// The metrics charted year by year, in this order, when the file holds them.
constexpr const char* kFanMetrics[] = {"net_cost",        "investment",       "savings",
                                       "budget_headroom", "appointments_gap", "gp_headcount"};

// The output whose Sobol indices a run's report charts: the first of these stored.
const std::vector<std::string> kSobolOutputs = {"npv", "net_cost", "appointments_gap"};

constexpr std::size_t kMaxBars = 15;       // parameters in a tornado or Sobol chart
constexpr std::size_t kPracticeRows = 20;  // practices in the risk table

constexpr const char* kStyle = R"css(
body{font-family:"Segoe UI",Arial,Helvetica,sans-serif;color:#212b32;max-width:1180px;margin:0 auto;padding:16px 28px;line-height:1.45;overflow-wrap:anywhere}
h1{color:#005eb8;margin-bottom:4px}h2{color:#005eb8;border-bottom:2px solid #005eb8;padding-bottom:3px;margin-top:34px}
.sub{color:#4c6272;margin-top:0}nav ol{columns:2}.prices{background:#fff9c4;border-left:5px solid #ffb81c;padding:6px 14px}
.headline{border-left:5px solid #005eb8;background:#f0f4f5;padding:6px 14px;margin:10px 0}.headline h3{margin:4px 0}
.figure{font-weight:600;white-space:nowrap}.note,.caption{color:#4c6272;font-size:0.9em}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:14px}
figure.chart{margin:8px 0;break-inside:avoid}.chart-title{font-weight:600}.canvas-box{position:relative;width:100%}
table.data{border-collapse:collapse;margin:8px 0;font-size:0.9em}table.data th,table.data td{border:1px solid #d8dde0;padding:3px 7px;vertical-align:top}
table.data th{background:#e8edee;text-align:left}td.num{text-align:right;white-space:nowrap}table.small{font-size:0.8em}
table.assumptions{width:100%}table.assumptions td:last-child{width:42%}
td.wrap{overflow-wrap:anywhere}td.range{white-space:normal}.nw{white-space:nowrap}
.central{color:#4c6272}.pre{white-space:pre-wrap}pre{white-space:pre-wrap;font-size:0.8em;background:#f7f7f7;padding:8px}
@page{size:A4;margin:14mm}@page wide{size:A4 landscape;margin:14mm}@media print{body{max-width:none;padding:0}.grid{grid-template-columns:1fr}nav{display:none}h2{break-before:auto}
.canvas-box{height:auto!important}.canvas-box canvas{max-width:100%!important;height:auto!important}
table.data{font-size:0.7em}table.data td,table.data th{padding:2px 3px}table.small{font-size:0.6em}
table.small td,table.small th{padding:1px 3px}#appendix{page:wide}
details.appendix::details-content{content-visibility:visible}details.appendix>summary{list-style:none}}
)css";

// Draws every <canvas data-chart>: Chart.js with animation off (the page is final as soon
// as it loads, for print and PDF), axis titles and tick labels in en-GB format.
constexpr const char* kScript = R"js(
(function () {
  'use strict';
  var formats = {};
  function fmt(v, d) {
    if (v === null || v === undefined || isNaN(v)) return 'n/a';
    if (!formats[d]) formats[d] = new Intl.NumberFormat('en-GB', {minimumFractionDigits: d, maximumFractionDigits: d});
    return formats[d].format(v).replace('-', '\u2212');
  }
  // A long category label (a parameter's dotted name, an option's name) on lines of at
  // most 28 characters, broken after a space, '.', '_' or ',' (a word longer than a line
  // every 28 characters): Chart.js would otherwise cut it at the canvas's edge in a narrow
  // (printed) chart.
  function lines(label) {
    var text = String(label);
    if (text.length <= 28) return text;
    var parts = [];
    text.match(/[^ ._,]*[ ._,]?/g).forEach(function (p) {
      for (var i = 0; i < p.length; i += 28) parts.push(p.slice(i, i + 28));
    });
    var out = [], line = '';
    parts.forEach(function (part) {
      if (line.length > 0 && (line + part).trim().length > 28) { out.push(line.trim()); line = ''; }
      line += part;
    });
    if (line.trim().length > 0) out.push(line.trim());
    return out;
  }
  function merge(a, b) {
    Object.keys(b).forEach(function (k) {
      var v = b[k];
      if (v && typeof v === 'object' && !Array.isArray(v)) { a[k] = merge(a[k] || {}, v); } else { a[k] = v; }
    });
    return a;
  }
  // Whiskers for a bar dataset's "intervals" ([[lo, hi] or null per bar], in axis units):
  // drawn across each bar after the datasets, with end caps.
  Chart.register({id: 'intervals', afterDatasetsDraw: function (chart) {
    var ctx = chart.ctx, horizontal = chart.options.indexAxis === 'y';
    var scale = horizontal ? chart.scales.x : chart.scales.y;
    chart.data.datasets.forEach(function (set, i) {
      var meta = chart.getDatasetMeta(i);
      if (!set.intervals || meta.hidden) return;
      ctx.save();
      ctx.strokeStyle = '#212b32';
      ctx.lineWidth = 1.5;
      meta.data.forEach(function (bar, j) {
        var range = set.intervals[j];
        if (!range || range[0] === null || range[1] === null) return;
        var a = scale.getPixelForValue(range[0]), b = scale.getPixelForValue(range[1]);
        var at = horizontal ? bar.y : bar.x, cap = Math.max(3, (horizontal ? bar.height : bar.width) / 4);
        ctx.beginPath();
        if (horizontal) {
          ctx.moveTo(a, at); ctx.lineTo(b, at);
          ctx.moveTo(a, at - cap); ctx.lineTo(a, at + cap); ctx.moveTo(b, at - cap); ctx.lineTo(b, at + cap);
        } else {
          ctx.moveTo(at, a); ctx.lineTo(at, b);
          ctx.moveTo(at - cap, a); ctx.lineTo(at + cap, a); ctx.moveTo(at - cap, b); ctx.lineTo(at + cap, b);
        }
        ctx.stroke();
      });
      ctx.restore();
    });
  }});
  Chart.defaults.font.family = '"Segoe UI", Arial, Helvetica, sans-serif';
  Chart.defaults.color = '#212b32';
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var spec = JSON.parse(document.getElementById('spec-' + canvas.getAttribute('data-chart')).textContent);
    // A dataset may name itself otherwise in the legend (legendText: a band's fill is
    // "P10 to P90", its tooltip still "P90") or stay out of it (legendHidden: the band's
    // lower edge, whose entry would be a second, meaningless swatch).
    var legendLabels = {generateLabels: function (chart) {
      return Chart.defaults.plugins.legend.labels.generateLabels(chart).filter(function (item) {
        return !chart.data.datasets[item.datasetIndex].legendHidden;
      }).map(function (item) {
        var text = chart.data.datasets[item.datasetIndex].legendText;
        if (text) item.text = text;
        return item;
      });
    }};
    var options = merge({animation: false, responsive: true, maintainAspectRatio: false,
                         scales: {x: {}, y: {}}, plugins: {legend: {position: 'bottom', labels: legendLabels}}},
                        spec.options);
    ['x', 'y'].forEach(function (name) {
      var axis = spec.axes[name], scale = options.scales[name];
      scale.type = axis.numeric ? 'linear' : 'category';
      scale.title = {display: true, text: axis.title};
      if (axis.numeric) {
        scale.ticks = merge(scale.ticks || {}, {callback: function (v) { return fmt(v, axis.decimals); }});
      } else {
        // Every bar of a horizontal bar chart keeps its label (two lines fit a bar's row).
        scale.ticks = merge(scale.ticks || {}, {autoSkip: !(options.indexAxis === 'y' && name === 'y'),
                                                callback: function (v) { return lines(this.getLabelForValue(v)); }});
      }
    });
    var valueAxis = options.indexAxis === 'y' ? spec.axes.x : spec.axes.y;
    options.plugins.tooltip = {callbacks: {label: function (ctx) {
      var r = ctx.raw, d = valueAxis.decimals + 1, text;
      if (Array.isArray(r)) { text = fmt(r[0], d) + ' to ' + fmt(r[1], d); }
      else if (r && typeof r === 'object') { text = fmt(r.x, spec.axes.x.decimals + 1) + ' at ' + fmt(r.y, 0) + '%'; }
      else { text = fmt(r, d); }
      var range = ctx.dataset.intervals && ctx.dataset.intervals[ctx.dataIndex];
      if (range && range[0] !== null) { text += ' (95% interval ' + fmt(range[0], d) + ' to ' + fmt(range[1], d) + ')'; }
      return ctx.dataset.label + ': ' + text;
    }}};
    new Chart(canvas, {type: spec.type, data: spec.data, options: options});
  });
})();
)js";

std::string section(const std::string& id, const std::string& title, const std::string& body) {
  return "<section id=\"" + id + "\">\n<h2>" + html_escape(title) + "</h2>\n" + body +
         "</section>\n";
}

// Fan charts: per metric, one chart per option on a common scale.
std::string outlook_section(const ReportData& data) {
  std::string html =
      "<p>Each chart shows one option; the options of a metric share one "
      "scale.</p>\n";
  int chart = 0;
  for (const char* name : kFanMetrics) {
    std::vector<const SummaryTable*> tables;
    std::vector<double> values;
    for (const auto& option : data.summary.options) {
      const SummaryTable* table = option.find(name);
      tables.push_back(table);
      if (table == nullptr) continue;
      for (std::size_t row = 0; row < table->rows(); ++row) {
        for (const char* s : {"p10", "p90", "mean"}) values.push_back(table->at(row, s));
      }
      values.insert(values.end(), table->central.begin(), table->central.end());
    }
    const SummaryTable* first = nullptr;
    for (const auto* t : tables) first = first ? first : t;
    if (first == nullptr) continue;
    const MetricAxis axis = metric_axis(first->unit, values);
    double low = INFINITY, high = -INFINITY;
    for (const double v : values) {
      if (std::isfinite(v)) low = std::min(low, v * axis.factor / axis.divisor);
      if (std::isfinite(v)) high = std::max(high, v * axis.factor / axis.divisor);
    }
    html += "<h3><code>" + html_escape(name) + "</code>: " + html_escape(first->description) +
            "</h3>\n<div class=\"grid\">\n";
    for (std::size_t o = 0; o < tables.size(); ++o) {
      if (tables[o] == nullptr) continue;
      html += render_chart(fan_chart(fmt::format("fan-{}", chart++), *tables[o],
                                     data.summary.options[o].name, data.years, axis,
                                     static_cast<int>(o), low, high));
    }
    html += "</div>\n";
  }
  return html;
}

std::string run_body(const ReportData& data, std::string& nav) {
  std::string body;
  const auto add = [&](const std::string& id, const std::string& title, const std::string& html) {
    nav += "<li><a href=\"#" + id + "\">" + html_escape(title) + "</a></li>";
    body += section(id, title, html);
  };
  // The price basis first: every £ figure below is read by it.
  add("headline", "Headline", price_basis_paragraph(data) + headline_section(data));
  add("base-year", "Base year", base_year_section(data));
  add("outlook", "Year by year", outlook_section(data));
  bool any_npv = false;
  for (const auto& npv : data.npv) any_npv = any_npv || !npv.empty();
  if (any_npv) add("npv", "Net present value", render_chart(npv_s_curve("s-curve", data)));
  if (data.summary.comparison) {
    add("comparison", "Options compared",
        comparison_table(data) + render_chart(paired_difference_chart("paired", data)));
  }
  std::string drivers;
  for (std::size_t k = 0; k < data.correlations.size(); ++k) {
    drivers += render_chart(
        correlation_chart(fmt::format("spearman-{}", k), data.correlations[k], kMaxBars));
  }
  if (drivers.empty()) {
    // Why there is nothing to rank: a central run draws nothing, and a rank correlation
    // needs three draws (two said "no parameter varied" while six did; the output probe).
    const std::int64_t n = data.provenance.iterations;
    drivers = data.provenance.central
                  ? "<p>A central-case run draws no parameter: there is nothing to rank.</p>\n"
              : n < 3 ? fmt::format(
                            "<p>Rank correlations with the uncertain parameters need at "
                            "least 3 iterations; this run has {}.</p>\n",
                            n)
                      : "<p>No uncertain parameter varied in this run.</p>\n";
  }
  if (const auto& sobol = data.analytics.sobol) {
    for (std::size_t k = 0; k < sobol->options.size(); ++k) {
      const SobolBars bars = sobol_bars(*sobol, sobol->options[k], data.years, kSobolOutputs);
      if (!bars.indices.empty()) {
        drivers += render_chart(sobol_chart(fmt::format("sobol-{}", k), bars, kMaxBars));
      }
    }
  } else {
    drivers +=
        "<p class=\"note\">For Sobol indices run <code>pcsim run … --sobol N</code>; for a "
        "tornado, <code>pcsim sensitivity</code>, and report its file.</p>\n";
  }
  add("drivers", "What drives the NPV", drivers);
  add("change", "Change by driver", drivers_section(data));
  add("practices", "Practices at risk", practices_section(data, kPracticeRows));
  add("assumptions", "Assumptions", assumptions_section(data));
  add("warnings", "Warnings of the run", warnings_section(data));
  add("provenance", "Provenance", provenance_section(data));
  add("appendix", "Every metric", metrics_appendix(data));
  return body;
}

std::string sensitivity_body(const ReportData& data, std::string& nav) {
  const SensitivityResults& r = *data.sensitivity;
  std::string body;
  const auto add = [&](const std::string& id, const std::string& title, const std::string& html) {
    nav += "<li><a href=\"#" + id + "\">" + html_escape(title) + "</a></li>";
    body += section(id, title, html);
  };
  std::string headline = "<div class=\"headline\"><h3>" + html_escape(r.option) + "</h3><p>";
  for (const auto& out : r.outputs) {
    if (out.name != "npv" || out.central.empty()) continue;
    headline += "Central case NPV " +
                figure_span("npv_central:" + r.option, out.central[0], money_text(out.central[0])) +
                ".";
    if (!r.tornado_order.empty()) {
      const std::size_t k = r.tornado_order.front();
      headline += " The largest swing comes from <code>" + html_escape(r.parameters[k]) +
                  "</code>: " +
                  figure_span("npv_swing:" + r.parameters[k], out.tornado[k * 3 + 2],
                              money_text(out.tornado[k * 3 + 2])) +
                  " between its P10 and P90.";
    }
  }
  add("headline", "Headline", headline + "</p></div>\n");
  add("base-year", "Base year", base_year_section(data));
  add("tornado", "Tornado", render_chart(tornado_chart("tornado", r, kMaxBars)));
  if (r.sobol_rows > 0)
    add("sobol", "Sobol indices", render_chart(sobol_chart("sobol", sobol_bars(r), kMaxBars)));
  add("assumptions", "Assumptions", assumptions_section(data));
  add("provenance", "Provenance", provenance_section(data));
  return body;
}

}  // namespace

ChartJsSource chartjs_source(const std::filesystem::path& given) {
  if (!given.empty()) return {given, "--chartjs"};
  const char* variable = std::getenv("PCSIM_CHARTJS");
  if (variable != nullptr && *variable != '\0') return {variable, "PCSIM_CHARTJS"};
  return {kDefaultChartJs, "the default"};
}

namespace {

// Why `text` is not Chart.js's browser build, or "" when it is: the banner every build
// of Chart.js opens with, no NUL byte, not an ES module (its import and export lines
// cannot run inlined as a plain script: the page's charts would be missing, "Chart is
// not defined"), and the wrapper that defines the global Chart.
std::string not_chartjs_because(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) return "a binary file, not a script";
  if (text.substr(0, 4096).find("Chart.js") == std::string_view::npos)
    return "not Chart.js (no \"Chart.js\" banner in its first 4 KiB)";
  for (const std::string_view word : {"\nimport ", "\nimport{", "\nexport ", "\nexport{"})
    if (text.find(word) != std::string_view::npos)
      return "an ES module build (chart.esm.js, chart.mjs), which a report cannot inline as a "
             "plain script";
  if (text.find("typeof exports") == std::string_view::npos &&
      text.find("define.amd") == std::string_view::npos)
    return "not the browser build (no wrapper that defines the global Chart)";
  return {};
}

}  // namespace

std::string load_chartjs(const std::filesystem::path& path) {
  const std::filesystem::path chosen = chartjs_source(path).path;
  // Chart.js 3 is about 0.5 MB; a regular file of at most kMaxChartJsBytes, so that
  // --chartjs /dev/zero or a FIFO is refused rather than read for ever.
  RegularFileText file = read_regular_file(chosen, kMaxChartJsBytes);
  if (file.problem.empty() && file.text.empty()) file.problem = "an empty file";
  if (file.problem.empty()) file.problem = not_chartjs_because(file.text);
  if (!file.problem.empty()) {
    throw OutputError(fmt::format(
        "cannot read Chart.js at '{}': {}; expected Chart.js's browser build, a regular file "
        "of at most {} MiB such as Debian's {} (install libjs-chart.js: apt-get install "
        "libjs-chart.js, or name the file with --chartjs or PCSIM_CHARTJS)",
        printable_text(chosen.string(), 1000), file.problem, kMaxChartJsBytes >> 20,
        kDefaultChartJs));
  }
  return std::move(file.text);
}

std::string render_report(const ReportData& data, const std::string& chartjs) {
  std::string nav;
  const std::string body =
      data.kind == ResultsKind::Sensitivity ? sensitivity_body(data, nav) : run_body(data, nav);
  const Provenance& p = data.provenance;
  // The scenario by its name (a file of an older pcsim: by its file), the file beside it.
  const std::string& scenario = p.scenario_name.empty() ? p.scenario_file : p.scenario_name;
  // A --central run is one deterministic run, not a Monte Carlo sample of one (its
  // percentiles and probabilities are of that one run; the output probe of 2026-12-07).
  const std::string kind = data.kind == ResultsKind::Sensitivity ? "Sensitivity analysis"
                           : p.central
                               ? "Central case: one run, every parameter at its central value"
                               : "Monte Carlo results";
  const std::string subtitle =
      p.central
          ? fmt::format("{} · pcsim {} · run {}", kind, p.pcsim_version, p.start_time)
          : fmt::format("{} · pcsim {} · {} iteration{}, seed {} · run {}", kind, p.pcsim_version,
                        p.iterations, p.iterations == 1 ? "" : "s", p.seed, p.start_time);
  const std::string files =
      (p.scenario_name.empty()
           ? ""
           : "scenario file <code>" + html_escape(p.scenario_file) + "</code> · ") +
      "results file <code>" + html_escape(data.path.filename().string()) + "</code>";
  // The library's text must not close the script element early.
  std::string library = chartjs;
  for (std::size_t at = library.find("</script"); at != std::string::npos;
       at = library.find("</script", at)) {
    library.replace(at, 2, "<\\/");
  }
  return "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>pcsim report: " +
         html_escape(scenario) +
         (p.scenario_name.empty() ? "" : " (" + html_escape(p.scenario_file) + ")") +
         "</title>\n<style>" + kStyle + "</style>\n<script>\n" + library +
         "\n</script>\n</head>\n<body>\n<h1>" + html_escape(scenario) + "</h1>\n<p class=\"sub\">" +
         files + "<br>" + html_escape(subtitle) + "</p>\n<nav><ol>" + nav + "</ol></nav>\n" + body +
         "<script>" + kScript + "</script>\n</body>\n</html>\n";
}

}  // namespace pcsim::output
