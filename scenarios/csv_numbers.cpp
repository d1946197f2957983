#include "scenarios/csv_numbers.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <string>

namespace pcsim::scenarios {

namespace {

constexpr std::string_view kPound = "\xC2\xA3";  // '£' in UTF-8

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim_view(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::size_t skip_spaces(std::string_view t, std::size_t k) {
  while (k < t.size() && t[k] == ' ') ++k;
  return k;
}

constexpr NumericCell kInvalid{CellKind::Invalid, 0};

// An unsigned figure, the whole of `t`: digits grouped by commas or single spaces (one kind;
// the first group 1 to 3 digits, every other 3) or not grouped, an optional decimal part and
// an optional exponent. Its value, or nothing.
std::optional<double> unsigned_figure(std::string_view t) {
  char buffer[128];
  std::string plain;  // only for figures longer than the buffer
  std::size_t used = 0;
  const auto put = [&](char c) {
    if (used < sizeof buffer) {
      buffer[used++] = c;
    } else {
      if (plain.empty()) plain.assign(buffer, used);
      plain += c;
      ++used;
    }
  };
  std::size_t k = 0;
  std::size_t integer_digits = 0, group = 0;
  char separator = 0;
  while (k < t.size()) {
    const char c = t[k];
    if (is_digit(c)) {
      put(c);
      ++integer_digits;
      ++group;
      ++k;
      continue;
    }
    if (c == ',' || c == ' ') {
      // A separator between groups: after 1 to 3 digits (the first group) or exactly 3,
      // always the same character, and followed by a digit.
      if (separator != 0 && c != separator) return std::nullopt;
      if (separator == 0 ? (group == 0 || group > 3) : group != 3) return std::nullopt;
      if (k + 1 >= t.size() || !is_digit(t[k + 1])) return std::nullopt;
      separator = c;
      group = 0;
      ++k;
      continue;
    }
    break;
  }
  if (separator != 0 && group != 3) return std::nullopt;
  std::size_t fraction_digits = 0;
  if (k < t.size() && t[k] == '.') {
    put('.');
    ++k;
    while (k < t.size() && is_digit(t[k])) {
      put(t[k++]);
      ++fraction_digits;
    }
  }
  if (integer_digits + fraction_digits == 0) return std::nullopt;
  if (k < t.size() && (t[k] == 'e' || t[k] == 'E')) {
    put(t[k++]);
    if (k < t.size() && (t[k] == '+' || t[k] == '-')) put(t[k++]);
    if (k >= t.size() || !is_digit(t[k])) return std::nullopt;
    while (k < t.size() && is_digit(t[k])) put(t[k++]);
  }
  if (k != t.size()) return std::nullopt;
  const char* begin = plain.empty() ? buffer : plain.data();
  const char* end = begin + used;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
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

NumericCell parse_published_number(std::string_view text, NumberUnit unit) {
  const std::string_view t = trim_view(text);
  if (t.empty()) return {};
  if (is_suppression_marker(t)) return {CellKind::Suppressed, 0};
  const bool money = unit == NumberUnit::Pounds;
  bool negative = false;
  std::string_view figure;
  if (t.front() == '(') {
    // An accounting negative: brackets around an unsigned figure, a '£' for money.
    if (t.size() < 3 || t.back() != ')') return kInvalid;
    std::size_t k = skip_spaces(t, 1);
    if (money && t.substr(k, kPound.size()) == kPound) k = skip_spaces(t, k + kPound.size());
    std::size_t last = t.size() - 1;
    while (last > k && t[last - 1] == ' ') --last;
    figure = t.substr(k, last - k);
    negative = true;
  } else {
    // A sign and, for money, a '£', in either order, each followed by optional spaces.
    std::size_t k = 0;
    bool signed_ = false, pound = false;
    for (int part = 0; part < 2 && k < t.size(); ++part) {
      if (!signed_ && (t[k] == '+' || t[k] == '-')) {
        signed_ = true;
        negative = t[k] == '-';
        k = skip_spaces(t, k + 1);
      } else if (money && !pound && t.substr(k, kPound.size()) == kPound) {
        pound = true;
        k = skip_spaces(t, k + kPound.size());
      }
    }
    figure = t.substr(k);
  }
  if (figure.empty() || !(is_digit(figure.front()) || figure.front() == '.')) return kInvalid;
  const std::optional<double> value = unsigned_figure(figure);
  if (!value) return kInvalid;
  return {CellKind::Number, negative ? -*value : *value};
}

}  // namespace pcsim::scenarios
