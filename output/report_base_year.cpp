// The report's base year and price basis (report_sections.hpp).
#include <string>

#include "output/base_year_figures.hpp"
#include "output/html_text.hpp"
#include "output/price_basis.hpp"
#include "output/report_sections.hpp"

namespace pcsim::output {

std::string price_basis_paragraph(const ReportData& data) {
  if (data.kind != ResultsKind::Run) return "";
  std::string html =
      "<p class=\"prices\">" + html_escape(price_basis_text(data.summary.price_basis)) + ".";
  for (const auto& [option, basis] : data.summary.option_price_bases) {
    html += " " + html_escape(option_price_basis_text(option, basis));
  }
  return html + "</p>\n";
}

std::string base_year_section(const ReportData& data) {
  const BaseYearFigures figures = base_year_figures(data.provenance);
  const std::vector<BaseYearItem> items = base_year_items(figures);
  if (items.empty() && figures.label.empty()) {
    return "<p>This file does not record its base year (it was written by an older pcsim); "
           "the Provenance table holds what it does record.</p>\n";
  }
  std::string html =
      "<p>" +
      html_escape(base_year_heading(figures, data.years.empty() ? "" : data.years.front())) +
      ": the practices as the payments file gives them, closed practices' lists "
      "moved to the practices that took them on.</p>\n"
      "<table class=\"data base-year\">\n";
  for (const auto& item : items) {
    html +=
        "<tr><td>" + html_escape(item.label) + "</td><td class=\"num\">" +
        figure_span("base_year_" + std::string(item.key), item.value, with_true_minus(item.text)) +
        "</td></tr>\n";
  }
  return html + "</table>\n";
}

}  // namespace pcsim::output
