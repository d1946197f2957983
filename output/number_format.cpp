#include "output/number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace pcsim::output {

std::string group_thousands(double value, int decimals) {
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  const std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const std::size_t point = digits.find('.');
  const std::string whole = digits.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : digits.substr(point);

  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  const bool rounds_to_zero = digits.find_first_not_of("0.") == std::string::npos;
  return (value < 0 && !rounds_to_zero ? "-" : "") + grouped + fraction;
}

std::string format_for_unit(double value, std::string_view unit) {
  if (std::isnan(value)) return "n/a";
  if (unit == "GBP") {
    const std::string amount = group_thousands(value, 0);
    // The sign goes before the currency symbol: "-£1,234".
    if (!amount.empty() && amount.front() == '-') return "-£" + amount.substr(1);
    return "£" + amount;
  }
  if (unit == "0/1") return group_thousands(value * 100.0, 1) + "%";
  if (unit == "ratio") return group_thousands(value, 2);
  const double size = std::fabs(value);
  if (size >= 99.95) return group_thousands(value, 0);
  if (size >= 9.95) return group_thousands(value, 1);
  return group_thousands(value, 2);
}

MoneyScale money_scale_for(std::span<const double> values) {
  double largest = 0;
  for (const double value : values) {
    if (std::isfinite(value)) largest = std::max(largest, std::fabs(value));
  }
  // £k to the nearest £100, £m and £bn to two decimals: small figures beside large ones
  // (an NPV of £38,868 beside one of £15.8m) still show.
  if (largest >= 1e9) return {1e9, "£bn", "billion", 2};
  if (largest >= 1e6) return {1e6, "£m", "million", 2};
  if (largest >= 1e4) return {1e3, "£k", "thousand", 1};
  return {1, "£", "", 0};
}

std::string format_scaled(double value, const MoneyScale& scale) {
  if (std::isnan(value)) return "n/a";
  return group_thousands(value / scale.divisor, scale.decimals);
}

std::string format_money(double value) {
  if (std::isnan(value)) return "n/a";
  const MoneyScale scale = money_scale_for(std::span<const double>(&value, 1));
  std::string amount = format_scaled(value, scale);
  const bool negative = !amount.empty() && amount.front() == '-';
  if (negative) amount.erase(0, 1);
  const std::string_view suffix = scale.unit.substr(std::string_view("£").size());
  return (negative ? "-£" : "£") + amount + std::string(suffix);
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (const char c : text) {
    // Count every byte that is not a UTF-8 continuation byte (10xxxxxx).
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++width;
  }
  return width;
}

std::string align_right(std::string_view text, std::size_t width) {
  const std::size_t shown = display_width(text);
  return std::string(shown < width ? width - shown : 0, ' ') + std::string(text);
}

std::string align_left(std::string_view text, std::size_t width) {
  const std::size_t shown = display_width(text);
  return std::string(text) + std::string(shown < width ? width - shown : 0, ' ');
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string csv_number(double value) {
  if (std::isnan(value)) return "";
  return fmt::format("{}", value);
}

}  // namespace pcsim::output
