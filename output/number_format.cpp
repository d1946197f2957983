#include "output/number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <system_error>

#include "core/utf8_text.hpp"

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

std::string percent_one_decimal(double share) {
  const double tenths = share * 1000;
  const double rounded = std::round(tenths + std::copysign(1e-12 * std::fabs(tenths), tenths));
  return group_thousands(rounded / 10, 1);
}

std::string format_for_unit(double value, std::string_view unit) {
  if (std::isnan(value)) return "n/a";
  if (unit == "GBP") {
    const std::string amount = group_thousands(value, 0);
    // The sign goes before the currency symbol: "-£1,234".
    if (!amount.empty() && amount.front() == '-') return "-£" + amount.substr(1);
    return "£" + amount;
  }
  if (unit == "0/1") return percent_one_decimal(value) + "%";
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

int significant_decimals(double value, int digits) {
  if (!std::isfinite(value) || value == 0) return 0;
  const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(value))));
  const int decimals = std::max(0, digits - 1 - magnitude);
  const std::string text = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const std::size_t point = text.find('.');
  if (point == std::string::npos) return 0;
  const std::size_t last = text.find_last_not_of('0');
  return last <= point ? 0 : static_cast<int>(last - point);
}

ValueReading reading_for_unit(double value, std::string_view unit, int digits) {
  const auto starts = [unit](std::string_view prefix) { return unit.rfind(prefix, 0) == 0; };
  constexpr int kMostDecimals = 8;
  if (starts("£") || starts("GBP")) {
    // Pence only where they are a visible part of the amount.
    const bool pence = std::fabs(value) < 1000 && std::round(value) != value;
    return {ValueKind::Money, pence ? 2 : 0};
  }
  if (unit == "share" || starts("share ") || unit == "per year" || unit == "probability") {
    return {ValueKind::Percent, std::min(kMostDecimals, significant_decimals(value * 100, digits))};
  }
  if (unit == "calendar year" || unit == "year") return {ValueKind::Year, 0};
  if (unit == "on/off") return {ValueKind::Switch, 0};
  return {ValueKind::Number, std::min(kMostDecimals, significant_decimals(value, digits))};
}

std::string format_reading(double value, const ValueReading& reading) {
  if (std::isnan(value)) return "n/a";
  switch (reading.kind) {
    case ValueKind::Money: {
      const std::string amount = group_thousands(value, reading.decimals);
      if (!amount.empty() && amount.front() == '-') return "-£" + amount.substr(1);
      return "£" + amount;
    }
    case ValueKind::Percent:
      return group_thousands(value * 100, reading.decimals) + "%";
    case ValueKind::Year:
      return fmt::format("{:.0f}", value);
    case ValueKind::Switch:
      return value != 0 ? "on" : "off";
    case ValueKind::Number:
      break;
  }
  return group_thousands(value, reading.decimals);
}

std::string format_parameter(double value, std::string_view unit, int digits) {
  return format_reading(value, reading_for_unit(value, unit, digits));
}

std::string spreadsheet_format(const ValueReading& reading) {
  // Appended, not "." + std::string(...): GCC 12 warns falsely (-Wrestrict) on the latter.
  std::string fraction;
  if (reading.decimals > 0)
    fraction.append(".").append(static_cast<std::size_t>(reading.decimals), '0');
  switch (reading.kind) {
    case ValueKind::Money:
      return "£#,##0" + fraction + ";-£#,##0" + fraction;
    case ValueKind::Percent:
      return "0" + fraction + "%";
    case ValueKind::Year:
      return "0";
    case ValueKind::Switch:
      return "\"on\";\"on\";\"off\"";
    case ValueKind::Number:
      break;
  }
  return "#,##0" + fraction;
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

namespace {

// A cell a spreadsheet would evaluate on opening (OWASP's "CSV injection"): text that begins
// with = + - @, a tab or a carriage return and is not a plain number (-0.5 and +3 stay
// numbers; "-10% referrals" and "=1+2" do not).
bool reads_as_formula(std::string_view text) {
  if (text.empty() || std::string_view("=+-@\t\r").find(text.front()) == std::string_view::npos) {
    return false;
  }
  std::string_view number = text;
  if (number.front() == '+') number.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
  const bool has_digit =
      std::any_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; });
  const bool is_number = error == std::errc() && end == number.data() + number.size() && has_digit;
  return !is_number;
}

}  // namespace

std::string csv_field(std::string_view raw) {
  std::string text = valid_utf8(raw);  // the tables are UTF-8: a path's 0xE9 as \xE9
  if (reads_as_formula(text)) text.insert(0, 1, '\'');  // shown as text, never evaluated
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return text;
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

std::string count_number(double value) {
  const double whole = std::round(value);
  if (std::isfinite(value) && std::fabs(value - whole) <= 1e-12 * std::max(1.0, std::fabs(value))) {
    return fmt::format("{:.0f}", whole + 0.0);  // + 0.0: never "-0"
  }
  return csv_number(value);
}

}  // namespace pcsim::output
