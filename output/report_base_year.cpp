// The report's base year and price basis (report_sections.hpp).
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "output/base_year_figures.hpp"
#include "output/html_text.hpp"
#include "output/number_format.hpp"
#include "output/price_basis.hpp"
#include "output/report_sections.hpp"

namespace pcsim::output {

std::string price_basis_paragraph(const ReportData& data) {
  if (data.kind != ResultsKind::Run) return "";
  // Appended piece by piece: "text" + std::string&& here draws GCC 12's false -Wrestrict
  // (bug 105329).
  std::string html = "<p class=\"prices\">";
  html += html_escape(price_basis_text(data.summary.price_basis));
  html += '.';
  for (const auto& [option, basis] : data.summary.option_price_bases) {
    html += ' ';
    html += html_escape(option_price_basis_text(option, basis));
  }
  return html + "</p>\n";
}

namespace {

// The root attribute `name` of the practice load report, or nullopt when the file lacks it.
std::optional<std::string> load_attribute(const Provenance& provenance, std::string_view name) {
  for (const auto& [key, value] : provenance.extra) {
    if (key == name) return value;
  }
  return std::nullopt;
}

// The count in attribute `name` (0 when absent or not a number: nothing was recorded).
double load_count(const Provenance& provenance, std::string_view name) {
  const std::optional<std::string> text = load_attribute(provenance, name);
  if (!text || text->empty()) return 0;
  char* end = nullptr;
  const double value = std::strtod(text->c_str(), &end);
  return *end == '\0' && std::isfinite(value) ? value : 0;
}

// "2 closed practices (13,196 registered patients)": the practices and their patients as
// figures, keyed "base_year_<practices_key>" and "base_year_<patients_key>".
std::string closed_practices_text(const Provenance& provenance, std::string_view practices_key,
                                  std::string_view patients_key) {
  const double practices = load_count(provenance, "practices_" + std::string(practices_key));
  const double patients = load_count(provenance, "practices_" + std::string(patients_key));
  return fmt::format("{} closed practice{} ({} registered patients)",
                     figure_span("base_year_" + std::string(practices_key), practices,
                                 group_thousands(practices, 0)),
                     practices == 1 ? "" : "s",
                     figure_span("base_year_" + std::string(patients_key), patients,
                                 group_thousands(patients, 0)));
}

// What became of the lists of practices closed within the base year, as the file records it
// (practices_closed_lists and its counts, docs/output-format.md): moved only when lists were
// moved (closed_lists = "move"); by default (already_counted) not counted again, the open
// practices' lists holding those patients by the file's date. It said "moved" of every file.
// "" for a file that does not record it (an older pcsim).
std::string closed_lists_text(const Provenance& provenance) {
  const std::optional<std::string> rule = load_attribute(provenance, "practices_closed_lists");
  if (rule == "move") {
    if (load_count(provenance, "practices_closed_lists_moved") == 0) {
      return "; no closed practice's list was moved to another practice";
    }
    return ", with the lists of " +
           closed_practices_text(provenance, "closed_lists_moved", "registered_patients_moved") +
           " moved to the open practices of their PCN or area";
  }
  if (rule == "already_counted") {
    if (load_count(provenance, "practices_closed_lists_not_counted") == 0) {
      return "; no practice closed by the end of the base year still had patients listed";
    }
    return "; the last-known lists of " +
           closed_practices_text(provenance, "closed_lists_not_counted",
                                 "registered_patients_not_counted") +
           " were not counted again, because by the file's date their patients are on open "
           "practices' lists";
  }
  return "";
}

}  // namespace

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
      ": the practices as the payments file gives them" + closed_lists_text(data.provenance) +
      ".</p>\n<table class=\"data base-year\">\n";
  for (const auto& item : items) {
    html +=
        "<tr><td>" + html_escape(item.label) + "</td><td class=\"num\">" +
        figure_span("base_year_" + std::string(item.key), item.value, with_true_minus(item.text)) +
        "</td></tr>\n";
  }
  return html + "</table>\n";
}

}  // namespace pcsim::output
