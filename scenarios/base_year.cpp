#include "scenarios/base_year.hpp"

#include <charconv>

#include <fmt/format.h>

#include "scenarios/csv_numbers.hpp"

namespace pcsim::scenarios {

namespace {

std::optional<int> digits(std::string_view text, std::size_t count) {
  if (text.size() != count) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : kDays[month - 1];
}

}  // namespace

std::optional<CalendarDate> parse_uk_date(std::string_view text) {
  const std::string t = trim(text);
  if (t.size() != 10 || t[2] != '/' || t[5] != '/') return std::nullopt;
  const auto day = digits(std::string_view(t).substr(0, 2), 2);
  const auto month = digits(std::string_view(t).substr(3, 2), 2);
  const auto year = digits(std::string_view(t).substr(6, 4), 4);
  if (!day || !month || !year || *month < 1 || *month > 12 || *day < 1 ||
      *day > days_in_month(*year, *month))
    return std::nullopt;
  return CalendarDate{*year, *month, *day};
}

std::string financial_year_label(int end_year) {
  return fmt::format("{}/{:02}", end_year - 1, ((end_year % 100) + 100) % 100);
}

std::string BaseYear::label() const { return financial_year_label(end_year_); }

std::string BaseYear::span() const {
  return fmt::format("1 April {} to 31 March {}", end_year_ - 1, end_year_);
}

std::optional<int> parse_fiscal_year(std::string_view text) {
  const std::string t = trim(text);
  if (const auto two = digits(t, 2)) return 2000 + *two;
  if (const auto four = digits(t, 4)) return *four;
  // "2022/23": the second part must follow the first.
  if (t.size() == 7 && t[4] == '/') {
    const auto first = digits(std::string_view(t).substr(0, 4), 4);
    const auto second = digits(std::string_view(t).substr(5, 2), 2);
    if (first && second && (*first + 1) % 100 == *second) return *first + 1;
  }
  return std::nullopt;
}

}  // namespace pcsim::scenarios
