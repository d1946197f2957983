#include "scenarios/load_text.hpp"

#include <cmath>

#include <fmt/format.h>

namespace pcsim::scenarios {

std::string format_patients(double value) {
  const bool negative = value < 0;
  const double rounded = std::round(std::fabs(value) * 100) / 100;
  const double whole = std::floor(rounded);
  std::string digits = fmt::format("{:.0f}", whole);
  std::string grouped;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) grouped += ',';
    grouped += digits[k];
  }
  const long cents = std::lround((rounded - whole) * 100);
  if (cents > 0) {
    std::string fraction = fmt::format("{:02}", cents);
    if (fraction.back() == '0') fraction.pop_back();
    grouped += "." + fraction;
  }
  return (negative && (whole > 0 || cents > 0) ? "-" : "") + grouped;
}

std::string join_items(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

}  // namespace pcsim::scenarios
