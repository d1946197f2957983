#include "runner/warning_printer.hpp"

#include <fmt/format.h>

#include "core/errors.hpp"

namespace pcsim::runner {

namespace {

// 62134622 -> "62,134,622" (rounded to a whole number).
std::string grouped(double value) {
  std::string digits = fmt::format("{:.0f}", value < 0 ? -value : value);
  std::string text;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) text += ',';
    text += digits[k];
  }
  return (value <= -0.5 ? "-" : "") + text;
}

std::string sources_text(const scenarios::PracticeLoadReport& report) {
  std::string text;
  for (const auto& [name, count] : report.gp_headcount_sources) {
    if (count == 0) continue;
    text += fmt::format("{}{} {}", text.empty() ? "" : ", ", name, grouped(count));
  }
  return text;
}

}  // namespace

std::string practice_report(const scenarios::PracticeLoadReport& report) {
  std::string text = fmt::format(
      "pcsim: {} practices loaded from {} (base year {}; {} of its {} rows selected): {} "
      "registered patients, {} GPs at year 0",
      grouped(report.practices_loaded), report.payments_file, report.base_year,
      grouped(report.practices_selected), grouped(report.rows_read),
      grouped(report.registered_patients), grouped(report.gp_headcount));
  const std::string sources = sources_text(report);
  if (!sources.empty()) text += fmt::format(" (headcount from: {})", sources);
  if (report.closed_lists_moved > 0)
    text +=
        fmt::format("; {} closed practices' lists ({} patients) moved to open practices",
                    grouped(report.closed_lists_moved), grouped(report.registered_patients_moved));
  if (report.closed_lists_not_counted > 0)
    text += fmt::format(
        "; {} closed practices' lists ({} patients) not added: the open practices' lists hold "
        "those patients",
        grouped(report.closed_lists_not_counted), grouped(report.registered_patients_not_counted));
  return text;
}

std::vector<std::string> echoed_names(const scenarios::Scenario& scenario) {
  std::vector<std::string> names;
  for (const auto& option : scenario.options) {
    names.push_back(option.name);
    for (const auto& role : option.central.roles) names.push_back(role.name);
    for (const auto& standard : option.central.funding.quality_standards)
      names.push_back(standard.name);
  }
  return names;
}

void refuse_warnings(const scenarios::Scenario& scenario) {
  if (scenario.warnings.empty()) return;
  std::vector<Diagnostic> problems;
  for (const RunWarning& w : scenario.warnings) {
    Diagnostic d;
    d.file = w.file.empty() ? scenario.file.string() : w.file;
    d.line = w.line;
    d.key = w.key;
    d.found = w.items.empty() ? w.message
                              : fmt::format(
                                    "{} ({} item{}; run without --strict, with "
                                    "--verbose, to list {})",
                                    w.message, w.items.size(), w.items.size() == 1 ? "" : "s",
                                    w.items.size() == 1 ? "it" : "them");
    d.expected = "no warning (--strict)";
    problems.push_back(std::move(d));
  }
  throw InputError(std::move(problems));
}

}  // namespace pcsim::runner
