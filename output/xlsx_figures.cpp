#include "output/xlsx_figures.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>

namespace pcsim::output::xlsx {

namespace {

// The step of about five that covers `span` (> 0): 1, 2, 2.5 or 5 times a power of ten,
// so that the axis reads in round numbers.
double round_step(double span) {
  const double raw = span / 5;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double multiple : {1.0, 2.0, 2.5, 5.0}) {
    if (multiple * power >= raw) return multiple * power;
  }
  return 10 * power;
}

// Replaces every `from` in `text` that stands as a word of its own with `to`.
void replace_word(std::string& text, std::string_view from, std::string_view to) {
  const auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    const std::size_t end = at + from.size();
    if ((at > 0 && is_word(text[at - 1])) || (end < text.size() && is_word(text[end]))) {
      at = end;
      continue;
    }
    text.replace(at, from.size(), to);
    at += to.size();
  }
}

}  // namespace

std::vector<DriverRow> driver_rows(const std::vector<NpvCorrelations>& correlations) {
  const std::size_t options = correlations.size();
  std::vector<DriverRow> rows;
  std::map<std::string, std::size_t, std::less<>> row_of;
  for (std::size_t o = 0; o < options; ++o) {
    const NpvCorrelations& c = correlations[o];
    for (std::size_t k = 0; k < c.parameters.size() && k < c.rho.size(); ++k) {
      const auto [at, added] = row_of.try_emplace(c.parameters[k], rows.size());
      if (added) {
        rows.push_back({c.parameters[k], std::vector<double>(options, std::nan("")),
                        std::vector<char>(options, 0), -1.0});
      }
      DriverRow& row = rows[at->second];
      row.rho[o] = c.rho[k];
      row.varied[o] = 1;
      if (!std::isnan(c.rho[k])) row.largest_abs = std::max(row.largest_abs, std::fabs(c.rho[k]));
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const DriverRow& a, const DriverRow& b) {
    return a.largest_abs > b.largest_abs;
  });
  return rows;
}

std::optional<AxisScale> shared_scale(std::span<const double> values) {
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  for (const double v : values) {
    if (!std::isfinite(v)) continue;
    low = std::min(low, v);
    high = std::max(high, v);
  }
  if (low > high) return std::nullopt;
  if (low == high && low == 0) return AxisScale{0, 1, 0.2};
  const double step = round_step(high > low ? high - low : std::fabs(low));
  AxisScale scale{std::floor(low / step) * step, std::ceil(high / step) * step, step};
  // A quotient rounded to a whole number can put a bound a hair inside the values.
  if (scale.min > low) scale.min -= step;
  if (scale.max < high) scale.max += step;
  if (scale.min == scale.max) {  // a constant on a step: a step either side
    scale.min -= step;
    scale.max += step;
  }
  return scale;
}

bool is_flag(std::string_view unit) { return unit == "0/1"; }

std::string flag_label(std::string_view name) { return "P(" + std::string(name) + ")"; }

std::string description_in_words(std::string description) {
  replace_word(description, "NaN when investment is 0",
               "undefined when the option invests nothing");
  replace_word(description, "NaN", "undefined");
  return description;
}

}  // namespace pcsim::output::xlsx
