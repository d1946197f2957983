// The headline of the HTML report (report_sections.hpp): one paragraph per option.
#include <fmt/format.h>

#include <cmath>
#include <string>

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
  const double percent = share * 100;
  const bool fine = (percent > 0 && percent < 1) || (percent > 99 && percent < 100);
  return group_thousands(percent, fine ? 1 : 0) + "%";
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

std::string option_paragraph(const ReportData& data, std::size_t o) {
  const OptionSummary& option = data.summary.options[o];
  const std::string& name = option.name;
  const auto& years = data.years;
  if (years.empty()) return "";
  const std::size_t last = years.size() - 1;
  const std::string year = years[last];
  std::string text;
  const auto span = [&](const std::string& key, double value, const std::string& shown) {
    return figure_span(key + ":" + name, value, shown);
  };
  if (const SummaryTable* overspend = option.find("overspend")) {
    const double not_over = 1 - overspend->at(last, "mean");
    text += "In " +
            figure_span("p_not_overspent:" + name + ":" + year, not_over, percent_text(not_over)) +
            " of simulated futures the primary care budget is not overspent in " + year;
    const double any =
        o < data.p_overspend_any_year.size() ? data.p_overspend_any_year[o] : std::nan("");
    if (!std::isnan(any)) {
      text += "; in " + span("p_not_overspent_any_year", 1 - any, percent_text(1 - any)) +
              " it is not overspent in any year";
    }
    if (!overspend->central.empty()) {
      text += central_at(*overspend, last) > 0 ? " (the central case overspends in " + year + ")"
                                               : " (the central case does not overspend)";
    }
    text += ". ";
  }
  if (const auto growth =
          headroom_list_growth(option, base_year_figures(data.provenance), data.years)) {
    std::string said = html_escape(headroom_list_growth_text(*growth));
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
      text += "It pays back within the horizon in " + span("p_payback", 0, "0%") +
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

}  // namespace

std::string headline_section(const ReportData& data) {
  std::string html;
  for (std::size_t o = 0; o < data.summary.options.size(); ++o) html += option_paragraph(data, o);
  html +=
      "<p class=\"note\">The central case sets every uncertain parameter to its central "
      "value and every random event to its expectation (one run); the mean and percentiles "
      "are over the Monte Carlo iterations. The two can differ: a skewed input or a "
      "threshold (such as overspending) moves the mean away from the central case.</p>\n";
  return html;
}

}  // namespace pcsim::output
