// The tables of the HTML report (report_sections.hpp).
#include "output/report_sections.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>
#include <vector>

#include "output/html_text.hpp"
#include "output/number_format.hpp"
#include "output/statistics.hpp"

namespace pcsim::output {

namespace {

std::string cell(const std::string& text, bool number = true) {
  return std::string(number ? "<td class=\"num\">" : "<td>") + text + "</td>";
}

// A cell of text with long unbroken runs (a distribution's parameters to 17 digits, a path
// or a hash in a rationale): it may break them anywhere (td.wrap), so the table fits an A4
// page rather than running off its edge.
std::string wrapping_cell(const std::string& text) {
  return "<td class=\"wrap\">" + text + "</td>";
}

// Headings may wrap after "(": "P(overspend in any year)" in a narrow column. In <thead>,
// which a browser prints again at the top of every page a table runs onto.
std::string header_row(const std::vector<std::string>& headers) {
  std::string row = "<thead><tr>";
  for (const auto& h : headers) row += "<th>" + html_escape_breakable(h, "(") + "</th>";
  return row + "</tr></thead>\n";
}

// A figure in the unit of its metric, for tables.
std::string unit_text(double value, const std::string& unit) {
  if (unit == "GBP") return money_text(value);
  if (unit == "0/1") return percent_text(value);
  return with_true_minus(format_for_unit(value, unit));
}

// What a parameter's column held: the label of a choice, a fixed value, or the mean and
// P10 to P90 of its draws.
std::string values_text(const ParameterRecord& p) {
  if (!p.labels.empty()) {
    const bool same = std::all_of(p.labels.begin(), p.labels.end(),
                                  [&](const std::string& l) { return l == p.labels.front(); });
    return same ? html_escape(p.labels.front()) : "varies";
  }
  if (p.values.empty()) return "";
  const bool fixed = std::all_of(p.values.begin(), p.values.end(),
                                 [&](double v) { return v == p.values.front(); });
  if (fixed) {
    return html_escape(
        with_true_minus(format_parameter(p.values.front(), p.unit, kFixedValueDigits)));
  }
  const auto shown = [&](double v) { return with_true_minus(format_parameter(v, p.unit)); };
  const ColumnSummary s = summarise(p.values);
  return html_escape("mean " + shown(s.values[0]) + " (P10 " + shown(s.values[4]) + ", P90 " +
                     shown(s.values[8]) + ")");
}

// A per-practice mean as a person reads it: a share (a probability over the iterations) as
// every probability of the report ("17.3%", "0%": percent_text), money per patient in £
// with pence, anything else with the decimals its size needs ("2.35" FTE, "1,204").
std::string practice_figure_text(double value, const std::string& unit) {
  if (std::isnan(value)) return "n/a";
  if (unit == "share" || unit == "0/1") return percent_text(value);
  if (unit.rfind("GBP", 0) == 0) {
    return with_true_minus("£" + group_thousands(value, std::fabs(value) < 1000 ? 2 : 0));
  }
  return with_true_minus(format_for_unit(value, unit));
}

// A figure's column header: "P(closed by 2026/27)" for a share, else its name, year and
// unit ("appointments_gap in 2026/27 (appointments)").
std::string practice_header(const std::string& figure, const std::string& unit,
                            const std::string& year) {
  if (unit == "share" || unit == "0/1") return "P(" + figure + " by " + year + ")";
  const std::string shown = unit.rfind("GBP", 0) == 0 ? "£" + unit.substr(3) : unit;
  return figure + " in " + year + " (" + shown + ")";
}

}  // namespace

std::string comparison_table(const ReportData& data) {
  if (!data.summary.comparison) return "";
  const ComparisonSummary& c = *data.summary.comparison;
  const std::string year = data.years.empty() ? "last year" : data.years.back();
  std::string html = "<table class=\"data\">\n" +
                     header_row({"option", "E[NPV]", "central NPV", "NPV P10", "NPV P90",
                                 "P(best NPV)", "P(overspend in any year)", "gap " + year,
                                 "NPV less baseline: mean", "P10 to P90", "P(NPV beats baseline)"});
  for (std::size_t o = 0; o < c.options.size(); ++o) {
    const OptionSummary* option = nullptr;
    for (const auto& candidate : data.summary.options) {
      if (candidate.name == c.options[o]) option = &candidate;
    }
    const SummaryTable* npv = option != nullptr ? option->find("npv") : nullptr;
    html += "<tr>" + cell(html_escape(c.options[o]), false) + cell(money_text(c.expected_npv[o]));
    html += cell(npv && !npv->central.empty() ? money_text(npv->central[0]) : "n/a");
    html += cell(npv ? money_text(npv->at(0, "p10")) : "n/a");
    html += cell(npv ? money_text(npv->at(0, "p90")) : "n/a");
    html += cell(percent_text(c.p_best_npv[o])) + cell(percent_text(c.p_overspend_any_year[o]));
    html += cell(with_true_minus(group_thousands(c.expected_gap_last_year[o], 0)));
    if (o == 0) {
      html += cell("baseline", false) + cell("") + cell("");
    } else {
      const SummaryTable* d = c.differences[o - 1].find("npv");
      html += cell(d ? money_text(d->at(0, "mean")) : "n/a");
      // The range may wrap at " to " (td.range), each figure whole (.nw): the table then
      // fits an A4 page.
      html += d ? "<td class=\"num range\"><span class=\"nw\">" + money_text(d->at(0, "p10")) +
                      "</span> to <span class=\"nw\">" + money_text(d->at(0, "p90")) +
                      "</span></td>"
                : cell("n/a");
      html += cell(percent_text(c.p_npv_beats_baseline[o - 1]));
    }
    html += "</tr>\n";
  }
  html +=
      "</table>\n<p class=\"note\">EVPI (the expected value of perfect information: what "
      "knowing the outcome before choosing would be worth) " +
      figure_span("evpi", c.evpi, money_text(c.evpi)) +
      ". P(best): share of iterations in which the option has the highest NPV. " + kPercentNote +
      "</p>\n";
  return html;
}

std::string assumptions_section(const ReportData& data) {
  std::string html = "<table class=\"data assumptions\">\n";
  if (data.sensitivity) {
    const SensitivityResults& r = *data.sensitivity;
    html += header_row({"parameter", "distribution", "unit", "P10", "P90", "rationale"});
    for (std::size_t k = 0; k < r.parameters.size(); ++k) {
      html +=
          "<tr>" + cell(html_escape_breakable(r.parameters[k]), false) +
          wrapping_cell(html_escape_breakable(r.distributions[k], "(")) +
          cell(html_escape(r.units[k]), false) +
          cell(
              html_escape(with_true_minus(format_parameter(r.tornado_inputs[2 * k], r.units[k])))) +
          cell(html_escape(
              with_true_minus(format_parameter(r.tornado_inputs[2 * k + 1], r.units[k])))) +
          wrapping_cell(k < r.rationales.size() ? html_escape(r.rationales[k]) : "") + "</tr>\n";
    }
    return html +
           "</table>\n<p class=\"note\">The uncertain parameters of the option analysed; "
           "the scenario text under Provenance holds every setting.</p>\n";
  }
  html += header_row(
      {"parameter", "applies to", "distribution", "unit", "values in the run", "rationale"});
  for (const auto& p : data.parameters) {
    html += "<tr>" + cell("<code>" + html_escape_breakable(p.name) + "</code>", false) +
            cell(p.option.empty() ? "every option not setting it" : html_escape(p.option), false) +
            wrapping_cell(html_escape_breakable(p.distribution, "(")) +
            cell(html_escape(p.unit), false) + cell(values_text(p), false) +
            wrapping_cell(html_escape(p.rationale)) + "</tr>\n";
  }
  return html + "</table>\n";
}

std::string warnings_section(const ReportData& data) {
  if (data.kind == ResultsKind::Sensitivity) {
    return "<p>A sensitivity file does not store the run's warnings; see the results file of "
           "<code>pcsim run</code>.</p>\n";
  }
  if (data.warnings.empty()) return "<p>The run raised no warnings.</p>\n";
  std::string html = "<ul class=\"warnings\">\n";
  for (const auto& w : data.warnings) {
    html += "<li><code>" + html_escape(w.key) + "</code>: " + html_escape(w.message);
    if (!w.items.empty()) {
      html += fmt::format("<details><summary>{} item{}</summary><ul>", w.items.size(),
                          w.items.size() == 1 ? "" : "s");
      for (const auto& item : w.items) html += "<li>" + html_escape(item) + "</li>";
      html += "</ul></details>";
    }
    html += "</li>\n";
  }
  return html + "</ul>\n";
}

std::string practices_section(const ReportData& data, std::size_t rows) {
  if (data.practices.empty()) {
    return "<p>No per-practice figures: run <code>pcsim run … --per-practice</code> for the "
           "closure risk of each practice.</p>\n";
  }
  const std::size_t years = data.years.size();
  const std::string year = years ? data.years.back() : "";
  std::string html;
  for (const auto& figures : data.practices) {
    const auto closed = std::find(figures.figures.begin(), figures.figures.end(), "closed");
    if (closed == figures.figures.end() || years == 0) continue;
    const auto& p_closed =
        figures.means[static_cast<std::size_t>(closed - figures.figures.begin())];
    const auto last = [&](std::size_t f, std::size_t p) {
      return figures.means[f][p * years + years - 1];
    };
    std::vector<std::size_t> order(figures.codes.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    const auto risk = [&](std::size_t p) {
      const double v = p_closed[p * years + years - 1];
      return std::isnan(v) ? -1.0 : v;
    };
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return risk(a) > risk(b); });
    const auto above_half =
        std::count_if(order.begin(), order.end(), [&](auto p) { return risk(p) > 0.5; });
    html += "<h3>" + html_escape(figures.option) + "</h3>\n" +
            fmt::format("<p>{} of {} practices have a closure probability above 50% by {}.</p>\n",
                        above_half, figures.codes.size(), html_escape(year));
    // The closure probability first, then the other figures in the file's order.
    std::vector<std::size_t> columns = {static_cast<std::size_t>(closed - figures.figures.begin())};
    for (std::size_t f = 0; f < figures.figures.size(); ++f) {
      if (f != columns.front()) columns.push_back(f);
    }
    html += "<table class=\"data practices\" data-option=\"" + html_escape(figures.option) +
            "\">\n<thead><tr><th>practice</th>";
    for (const std::size_t f : columns) {
      html += "<th data-figure=\"" + html_escape(figures.figures[f]) + "\">" +
              html_escape(practice_header(figures.figures[f], figures.units[f], year)) + "</th>";
    }
    html += "</tr></thead>\n";
    for (std::size_t r = 0; r < std::min(rows, order.size()); ++r) {
      const std::size_t p = order[r];
      html += "<tr>" + cell(html_escape(figures.codes[p]), false);
      for (const std::size_t f : columns) {
        html += "<td class=\"num\" data-value=\"" + json_number(last(f, p)) + "\">" +
                html_escape(practice_figure_text(last(f, p), figures.units[f])) + "</td>";
      }
      html += "</tr>\n";
    }
    html += "</table>\n";
  }
  return html +
         "<p class=\"note\">Means over the iterations, the practices most likely to close "
         "first; a probability P(…) is the share of iterations in which it had happened by "
         "then.</p>\n";
}

std::string provenance_section(const ReportData& data) {
  std::string html = "<table class=\"data provenance\">\n" + header_row({"item", "value"});
  for (const auto& [key, value] : data.attributes) {
    html += "<tr>" + cell("<code>" + html_escape_breakable(key) + "</code>", false) +
            wrapping_cell("<span class=\"pre\">" + html_escape_breakable(value) + "</span>") +
            "</tr>\n";
  }
  html += "</table>\n<details><summary>The scenario file as run</summary><pre>" +
          html_escape(data.provenance.scenario_text) + "</pre></details>\n";
  return html;
}

std::string metrics_appendix(const ReportData& data) {
  // At most kAppendixYears year columns to a table: fifteen fit a landscape A4 page, and a
  // longer horizon (20 years were 1,226 CSS pixels against the page's 1,017) made Chromium
  // shrink every page of the PDF to fit. Longer horizons split into even blocks of years.
  constexpr std::size_t kAppendixYears = 12;
  const std::size_t years = data.years.size();
  const std::size_t block_count =
      std::max<std::size_t>(1, (years + kAppendixYears - 1) / kAppendixYears);
  const std::size_t per_block = std::max<std::size_t>(1, (years + block_count - 1) / block_count);
  std::vector<std::pair<std::size_t, std::size_t>> blocks;  // [first, end) of each table
  for (std::size_t first = 0; first < years; first += per_block)
    blocks.emplace_back(first, std::min(years, first + per_block));
  if (blocks.empty()) blocks.emplace_back(0, 0);
  std::string html;
  for (const auto& option : data.summary.options) {
    // Closed on screen; printed in full (ten years of national figures are wider than
    // portrait A4: the section prints on landscape pages, the CSS's named page "wide").
    html += "<details class=\"appendix\"><summary>" + html_escape(option.name) +
            ": every metric, year by year (mean, with the central case below)</summary>\n";
    for (const auto& [first, end] : blocks) {
      html += "<table class=\"data small\">\n<thead><tr><th>metric</th><th>unit</th>";
      for (std::size_t y = first; y < end; ++y)
        html += "<th>" + html_escape(data.years[y]) + "</th>";
      html += "</tr></thead>\n";
      for (const auto& metric : option.metrics) {
        html += "<tr><td title=\"" + html_escape(metric.description) + "\"><code>" +
                html_escape_breakable(metric.name) + "</code></td>" +
                cell(html_escape(metric.unit), false);
        for (std::size_t row = first; row < std::min(end, metric.rows()); ++row) {
          html += "<td class=\"num\">" + unit_text(metric.at(row, "mean"), metric.unit);
          if (row < metric.central.size()) {
            html += "<br><span class=\"central\">" + unit_text(metric.central[row], metric.unit) +
                    "</span>";
          }
          html += "</td>";
        }
        html += "</tr>\n";
      }
      html += "</table>\n";
    }
    html += "</details>\n";
  }
  return html;
}

}  // namespace pcsim::output
