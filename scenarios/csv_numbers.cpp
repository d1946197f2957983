#include "scenarios/csv_numbers.hpp"

#include <charconv>
#include <cmath>

namespace pcsim::scenarios {

namespace {

constexpr std::string_view kPound = "\xC2\xA3";  // '£' in UTF-8

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// True when `digits` (an optional sign already removed, no '.') is "1,234,567" or "1234".
bool valid_thousands_grouping(std::string_view integer_part) {
  const auto first_comma = integer_part.find(',');
  if (first_comma == std::string_view::npos) return true;
  if (first_comma == 0 || first_comma > 3) return false;
  std::size_t digits_since_comma = 0;
  for (std::size_t k = first_comma + 1; k < integer_part.size(); ++k) {
    if (integer_part[k] == ',') {
      if (digits_since_comma != 3) return false;
      digits_since_comma = 0;
    } else {
      ++digits_since_comma;
    }
  }
  return digits_since_comma == 3;
}

}  // namespace

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

bool is_suppression_marker(std::string_view text) {
  static constexpr std::string_view kMarkers[] = {"c",   "*",   "..", "x",   "z",   "[c]",
                                                  "[x]", "[z]", "-",  "N/A", "n/a", "NA"};
  for (std::string_view marker : kMarkers)
    if (text == marker) return true;
  return false;
}

std::string upper_ascii(std::string text) {
  for (char& c : text)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return text;
}

NumericCell parse_published_number(std::string_view text) {
  if (is_suppression_marker(trim(text))) return {CellKind::Suppressed, 0};
  // Drop spaces and the pound sign wherever they are.
  std::string s;
  bool pound = false;
  for (std::size_t k = 0; k < text.size();) {
    if (text.substr(k, kPound.size()) == kPound) {
      pound = true;
      k += kPound.size();
    } else if (text[k] == ' ' || text[k] == '\t') {
      ++k;
    } else {
      s += text[k++];
    }
  }
  // A '£' with no figure is not a blank cell: something was written, and it is no amount.
  if (s.empty()) return pound ? NumericCell{CellKind::Invalid, 0} : NumericCell{};

  bool negative = false;
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    negative = true;
    s = s.substr(1, s.size() - 2);
  }
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = negative != (s.front() == '-');
    s.erase(0, 1);
  }
  // Only digits, at most one '.', grouping commas before it and an exponent are allowed.
  const auto exponent_at = s.find_first_of("eE");
  const std::string_view mantissa = std::string_view(s).substr(0, exponent_at);
  const auto dot = mantissa.find('.');
  const std::string_view integer_part = mantissa.substr(0, dot);
  if (mantissa.empty() || (!is_digit(mantissa.front()) && mantissa.front() != '.'))
    return {CellKind::Invalid, 0};
  if (!valid_thousands_grouping(integer_part)) return {CellKind::Invalid, 0};
  if (dot != std::string_view::npos &&
      mantissa.substr(dot + 1).find_first_not_of("0123456789") != std::string_view::npos)
    return {CellKind::Invalid, 0};

  std::string plain;
  for (char c : s)
    if (c != ',') plain += c;
  double value = 0;
  const char* end = plain.data() + plain.size();
  const auto [ptr, ec] = std::from_chars(plain.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return {CellKind::Invalid, 0};
  return {CellKind::Number, negative ? -value : value};
}

}  // namespace pcsim::scenarios
