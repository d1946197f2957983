// The headline of the HTML report (report_sections.hpp): one paragraph per option.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "output/base_year_figures.hpp"
#include "output/central_case_position.hpp"
#include "output/headroom_list_growth.hpp"
#include "output/html_text.hpp"
#include "output/number_format.hpp"
#include "output/report_sections.hpp"
#include "output/results_layout.hpp"

namespace pcsim::output {

std::string percent_text(double share) {
  if (std::isnan(share)) return "n/a";
  // None and all of the iterations read as such; a share near either keeps its tenth
  // (0.0%, 100.0%), so "never" is said only of what never happened.
  if (share == 0) return "0%";
  if (share == 1) return "100%";
  return percent_one_decimal(share) + "%";
}

std::string money_text(double value) { return with_true_minus(format_money(value)); }

namespace {

std::string count_text(double value) {
  return std::isnan(value) ? "n/a" : with_true_minus(group_thousands(value, 0));
}

// A payback year t (1-based, possibly interpolated) as a year label when whole.
std::string payback_text(double t, const std::vector<std::string>& years) {
  if (std::isnan(t)) return "n/a";
  const double whole = std::round(t);
  if (std::fabs(t - whole) > 1e-9) return fmt::format("year {:.1f}", t);
  if (whole >= 1 && whole <= static_cast<double>(years.size())) {
    return fmt::format("year {} ({})", whole, years[static_cast<std::size_t>(whole) - 1]);
  }
  return fmt::format("year {}", whole);
}

double central_at(const SummaryTable& table, std::size_t row) {
  return row < table.central.size() ? table.central[row] : std::nan("");
}

// The years of the horizon in which the central case overspends (overspend > 0), in order.
std::vector<std::size_t> central_overspend_years(const SummaryTable& overspend) {
  std::vector<std::size_t> over;
  for (std::size_t y = 0; y < overspend.central.size(); ++y) {
    if (overspend.central[y] > 0) over.push_back(y);
  }
  return over;
}

// The central case over the whole horizon, as the sentence it closes speaks of the last year
// and of any year: "does not overspend in any year", "overspends in every year", "in 2019/20
// only", or "in 9 of the 10 years, first in 2017/18, last in 2025/26". (It tested the last
// year alone, and said "does not overspend" of a central case overspending in 9 years of 10.)
std::string central_overspend_clause(const SummaryTable& overspend,
                                     const std::vector<std::string>& years) {
  const std::vector<std::size_t> over = central_overspend_years(overspend);
  const std::size_t horizon = years.size();
  const auto year = [&](std::size_t y) { return html_escape(years[y]); };
  if (over.empty()) return "the central case does not overspend in any year";
  if (over.size() == horizon) {
    return horizon == 1 ? "the central case overspends in " + year(0)
                        : "the central case overspends in every year";
  }
  if (over.size() == 1) return "the central case overspends in " + year(over[0]) + " only";
  return fmt::format("the central case overspends in {} of the {} years, first in {}, last in {}",
                     over.size(), horizon, year(over.front()), year(over.back()));
}

// "In 92.0% of simulated futures the primary care budget is not overspent in 2026/27; in
// 84.3% it is not overspent in any year (the central case ...). "; "" without the metric.
std::string overspend_sentence(const ReportData& data, std::size_t o) {
  const OptionSummary& option = data.summary.options[o];
  const SummaryTable* overspend = option.find("overspend");
  if (overspend == nullptr) return "";
  const std::size_t last = data.years.size() - 1;
  const std::string& year = data.years[last];
  const double not_over = 1 - overspend->at(last, "mean");
  std::string text =
      "In " +
      figure_span("p_not_overspent:" + option.name + ":" + year, not_over, percent_text(not_over)) +
      " of simulated futures the primary care budget is not overspent in " + html_escape(year);
  const double any =
      o < data.p_overspend_any_year.size() ? data.p_overspend_any_year[o] : std::nan("");
  if (!std::isnan(any)) {
    text += "; in " +
            figure_span("p_not_overspent_any_year:" + option.name, 1 - any, percent_text(1 - any)) +
            " it is not overspent in any year";
  }
  // A central case for every year, or none said (a file written before pcsim stored it).
  if (overspend->central.size() == data.years.size()) {
    text += " (" + central_overspend_clause(*overspend, data.years) + ")";
  }
  return text + ". ";
}

std::string option_paragraph(const ReportData& data, std::size_t o) {
  const OptionSummary& option = data.summary.options[o];
  const std::string& name = option.name;
  const auto& years = data.years;
  if (years.empty()) return "";
  const std::size_t last = years.size() - 1;
  const std::string year = years[last];
  const auto span = [&](const std::string& key, double value, const std::string& shown) {
    return figure_span(key + ":" + name, value, shown);
  };
  std::string text = overspend_sentence(data, o);
  if (const auto growth =
          headroom_list_growth(option, base_year_figures(data.provenance), data.years)) {
    std::string said = html_escape(headroom_list_growth_text(*growth, false));
    // "budget_headroom holds ..." as a sentence of the paragraph: the metric's name in code.
    const std::string name = "budget_headroom";
    said.replace(0, name.size(), "<code>" + name + "</code>");
    const std::string money = format_money(std::fabs(growth->core_funding_outside));
    if (const auto at = said.find(money); at != std::string::npos) {
      said.replace(
          at, money.size(),
          span("headroom_list_growth_core_funding", std::fabs(growth->core_funding_outside),
               money_text(std::fabs(growth->core_funding_outside))));
    }
    text += said + " ";
  }
  if (const SummaryTable* npv = option.find("npv")) {
    text += "NPV: mean " + span("npv_mean", npv->at(0, "mean"), money_text(npv->at(0, "mean")));
    if (!npv->central.empty()) {
      text += ", central case " + span("npv_central", npv->central[0], money_text(npv->central[0]));
    }
    text += " (P10 " + span("npv_p10", npv->at(0, "p10"), money_text(npv->at(0, "p10"))) +
            ", P90 " + span("npv_p90", npv->at(0, "p90"), money_text(npv->at(0, "p90"))) + "). ";
  }
  if (const auto position = central_case_position(option)) {
    // The plain sentence, its two £ figures as checked spans, in the order said: the search
    // for the second starts after the first's span, which may show the same text.
    std::string said = html_escape(central_case_position_text(*position));
    std::size_t from = 0;
    const auto figure = [&](const std::string& key, double value) {
      const std::string plain = format_money(value);
      if (const auto at = said.find(plain, from); at != std::string::npos) {
        const std::string shown = span(key, value, money_text(value));
        said.replace(at, plain.size(), shown);
        from = at + shown.size();
      }
    };
    figure("central_npv_outside", position->central);
    figure(position->above ? "central_npv_outside_p90" : "central_npv_outside_p10",
           position->bound);
    text += said + " ";
  }
  const SummaryTable* payback = option.find(layout::kPaybackYear);
  const double p_payback = option.p_payback_within_horizon;
  const bool no_investment =
      option.invests_nothing || (o < data.no_investment.size() && data.no_investment[o] != 0);
  if (no_investment) {
    // Nothing to recover: "pays back in 0% of futures" would read as a failure.
    text += "It invests nothing, so there is no investment to pay back. ";
  } else if (payback != nullptr && !std::isnan(p_payback)) {
    if (p_payback == 0) {
      text += "It pays back within the horizon in " + span("p_payback", 0, percent_text(0)) +
              " of simulated futures. ";
    } else {
      const double median = payback->at(0, "p50");
      text += "It pays back within the horizon in " +
              span("p_payback", p_payback, percent_text(p_payback)) +
              " of simulated futures; of those, half by " +
              span("payback_median", median, payback_text(median, years)) + ". ";
    }
  }
  if (const auto& c = data.summary.comparison; c && o < c->p_best_npv.size()) {
    text += "It has the highest NPV of the options in " +
            span("p_best", c->p_best_npv[o], percent_text(c->p_best_npv[o])) + " of futures. ";
  }
  if (const SummaryTable* net = option.find("net_cost")) {
    text += "Net cost in " + year + ": mean " +
            figure_span("net_cost_mean:" + name + ":" + year, net->at(last, "mean"),
                        money_text(net->at(last, "mean")));
    if (!net->central.empty()) {
      text += ", central case " + figure_span("net_cost_central:" + name + ":" + year,
                                              central_at(*net, last),
                                              money_text(central_at(*net, last)));
    }
    text += ". ";
  }
  if (const SummaryTable* gap = option.find("appointments_gap")) {
    text += "Unmet demand in " + year + ": " +
            figure_span("appointments_gap_mean:" + name + ":" + year, gap->at(last, "mean"),
                        count_text(gap->at(last, "mean"))) +
            " appointments on average";
    if (!gap->central.empty()) {
      text += " (central case " +
              figure_span("appointments_gap_central:" + name + ":" + year, central_at(*gap, last),
                          count_text(central_at(*gap, last))) +
              ")";
    }
    text += ".";
  }
  return "<div class=\"headline\"><h3>" + html_escape(name) + "</h3>\n<p>" + text + "</p></div>\n";
}

// True when some option's paragraph says what budget_headroom leaves out as lists change.
bool any_headroom_note(const ReportData& data) {
  const BaseYearFigures base_year = base_year_figures(data.provenance);
  return std::any_of(data.summary.options.begin(), data.summary.options.end(),
                     [&](const OptionSummary& option) {
                       return headroom_list_growth(option, base_year, data.years).has_value();
                     });
}

}  // namespace

std::string headline_section(const ReportData& data) {
  std::string html;
  for (std::size_t o = 0; o < data.summary.options.size(); ++o) html += option_paragraph(data, o);
  html +=
      "<p class=\"note\">The central case sets every uncertain parameter to its central "
      "value and every random event to its expectation (one run); the mean and percentiles "
      "are over the Monte Carlo iterations. The two can differ: a skewed input or a "
      "threshold (such as overspending) moves the mean away from the central case. " +
      std::string(data.summary.comparison
                      ? "Each option's payback, return on investment and NPV set its own savings "
                        "against its own investment, savings the baseline would make too "
                        "included; how an option compares with the baseline is its NPV less "
                        "the baseline's, in the comparison below. "
                      : "") +
      std::string(kPercentNote);
  if (any_headroom_note(data)) {
    // The reference the paragraphs leave out (headroom_list_growth_text), once.
    html +=
        " The budget, its headroom and what the headroom leaves out as lists change: the "
        "Budget section of the model documentation (docs/model.md).";
  }
  return html + "</p>\n";
}

}  // namespace pcsim::output
