#include "output/base_year_figures.hpp"

#include <cmath>
#include <cstdlib>

#include "output/number_format.hpp"

namespace pcsim::output {

namespace {

double number_of(const Provenance& p, std::string_view name) {
  for (const auto& [key, value] : p.extra) {
    if (key != name || value.empty()) continue;
    char* end = nullptr;
    const double number = std::strtod(value.c_str(), &end);
    return end != nullptr && *end == '\0' ? number : BaseYearFigures::kUnknown;
  }
  return BaseYearFigures::kUnknown;
}

}  // namespace

BaseYearFigures base_year_figures(const Provenance& provenance) {
  BaseYearFigures figures;
  for (const auto& [key, value] : provenance.extra) {
    if (key == "practices_base_year") figures.label = value;
  }
  figures.practices = number_of(provenance, "practices_loaded");
  figures.registered_patients = number_of(provenance, "practices_registered_patients");
  figures.weighted_patients = number_of(provenance, "practices_weighted_patients");
  figures.core_funding = number_of(provenance, "practices_core_funding");
  return figures;
}

std::vector<BaseYearItem> base_year_items(const BaseYearFigures& figures) {
  std::vector<BaseYearItem> items;
  const auto add = [&](std::string_view key, std::string_view label, std::string_view unit,
                       double value) {
    if (std::isnan(value)) return;
    // Patients are whole people (a weighted list is shown whole too); £ to the pound:
    // halves to even, as the text rounds them. A workbook cell holds that whole number, not
    // the value, which a spreadsheet would round half away from zero (62,134,482.5
    // patients: 62,134,482 in the summary, the report and the workbook alike).
    const double whole = std::nearbyint(value);
    const std::string text =
        unit == "GBP" ? format_for_unit(whole, "GBP") : group_thousands(whole, 0);
    items.push_back({key, label, unit, value, whole, text});
  };
  add("practices", "practices modelled", "count", figures.practices);
  add("registered_patients", "registered patients", "count", figures.registered_patients);
  add("weighted_patients", "weighted patients", "count", figures.weighted_patients);
  add("core_funding", "core funding (what funding.baseline_spend = 0 stands for)", "GBP",
      figures.core_funding);
  return items;
}

std::string base_year_heading(const BaseYearFigures& figures, std::string_view first_year) {
  std::string heading =
      "Base year " + (figures.label.empty() ? "" : figures.label + " ") + "(year 0";
  if (!first_year.empty()) heading += "; the projection starts in " + std::string(first_year);
  return heading + ")";
}

}  // namespace pcsim::output
