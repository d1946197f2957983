#include "output/sensitivity_printer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "output/number_format.hpp"

namespace pcsim::output {

namespace {

// Columns: 2 + at most 40 + 2 x 10 + 3 x 13 + 2 x 7 = 115 characters.
constexpr std::size_t kMinNameWidth = 12;
constexpr std::size_t kMaxNameWidth = 40;
constexpr std::size_t kInputWidth = 10;
constexpr std::size_t kValueWidth = 13;
constexpr std::size_t kIndexWidth = 7;

const SensitivityOutput* find_output(const SensitivityResults& results, std::string_view name) {
  for (const auto& out : results.outputs) {
    if (out.name == name) return &out;
  }
  return nullptr;
}

// A parameter value in few characters: money and counts grouped ("103,300"), shares and
// rates with four significant digits ("0.009317").
std::string input_text(double value) {
  if (std::isfinite(value) && std::fabs(value) >= 1000) return group_thousands(value, 0);
  return fmt::format("{:.4g}", value);
}

std::string index_text(double value) {
  return std::isnan(value) ? "n/a" : fmt::format("{:.2f}", value);
}

void trim_right(std::string& line) { line.erase(line.find_last_not_of(' ') + 1); }

// A long dotted name keeps its end, which says most: "...access.achievement_rate".
std::string fit_name(const std::string& name, std::size_t width) {
  if (name.size() + 2 <= width) return name;
  return "..." + name.substr(name.size() - (width - 5));
}

}  // namespace

void print_npv_tornado(const SensitivityResults& results, std::ostream& out, std::size_t max_rows) {
  const SensitivityOutput* npv = find_output(results, "npv");
  if (npv == nullptr || npv->central.empty()) return;
  const bool sobol = !npv->sobol.empty();
  out << "Tornado of npv for option '" << results.option << "' (each parameter alone at its "
      << "P10 and P90, the others central, events at expectation)\n";
  out << "  central case: " << format_for_unit(npv->central[0], npv->unit) << "\n";
  if (results.parameters.empty()) {
    out << "  no uncertain parameters\n";
    return;
  }
  std::size_t name_width = kMinNameWidth;
  for (const auto& name : results.parameters) name_width = std::max(name_width, name.size() + 2);
  name_width = std::min(name_width, kMaxNameWidth);
  std::string header = "  " + align_left("parameter", name_width) +
                       align_right("P10", kInputWidth) + align_right("P90", kInputWidth) +
                       align_right("npv at P10", kValueWidth) +
                       align_right("npv at P90", kValueWidth) + align_right("swing", kValueWidth);
  if (sobol) header += align_right("S1", kIndexWidth) + align_right("ST", kIndexWidth);
  trim_right(header);
  out << header << '\n';
  const std::size_t shown = std::min(max_rows, results.tornado_order.size());
  for (std::size_t r = 0; r < shown; ++r) {
    const std::size_t k = results.tornado_order[r];
    const double* cell = &npv->tornado[k * 3];
    std::string line = "  " + align_left(fit_name(results.parameters[k], name_width), name_width) +
                       align_right(input_text(results.tornado_inputs[2 * k]), kInputWidth) +
                       align_right(input_text(results.tornado_inputs[2 * k + 1]), kInputWidth) +
                       align_right(format_for_unit(cell[0], npv->unit), kValueWidth) +
                       align_right(format_for_unit(cell[1], npv->unit), kValueWidth) +
                       align_right(format_for_unit(cell[2], npv->unit), kValueWidth);
    if (sobol) {
      line += align_right(index_text(npv->sobol[k * kSobolColumns.size()]), kIndexWidth);
      line += align_right(index_text(npv->sobol[k * kSobolColumns.size() + 3]), kIndexWidth);
    }
    trim_right(line);
    out << line << '\n';
  }
  if (shown < results.tornado_order.size()) {
    out << "  ... and " << results.tornado_order.size() - shown
        << " more parameters with smaller swings (all are in the file)\n";
  }
}

}  // namespace pcsim::output
