#pragma once
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace pcsim::scenarios {

// A calendar date as the payments files write it (dd/mm/yyyy).
struct CalendarDate {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const CalendarDate&) const = default;
};

// "31/03/2017" -> 2017-03-31; nothing for anything else (the day must exist in the month).
std::optional<CalendarDate> parse_uk_date(std::string_view text);

// The scenario's base year (year 0): the NHS financial year that ends in March of
// start_year, i.e. 1 April start_year-1 to 31 March start_year. The payments file of that
// year (2022/23 for start_year 2023) describes the practices at year 0.
class BaseYear {
 public:
  explicit BaseYear(int start_year) : end_year_(start_year) {}
  int end_year() const { return end_year_; }  // 2023
  CalendarDate first_day() const { return {end_year_ - 1, 4, 1}; }
  CalendarDate last_day() const { return {end_year_, 3, 31}; }
  bool contains(const CalendarDate& d) const { return d >= first_day() && d <= last_day(); }
  std::string label() const;  // "2022/23"
  std::string span() const;   // "1 April 2022 to 31 March 2023"

 private:
  int end_year_;
};

// The financial year a fiscal-year cell names, as its end year: "23" (the Health Equity
// Evidence Centre's two digits: 16 = 2015/16), "2023", or "2022/23". Nothing otherwise.
std::optional<int> parse_fiscal_year(std::string_view text);

// The financial-year label of the year ending in March of `end_year`: 2023 -> "2022/23".
std::string financial_year_label(int end_year);

}  // namespace pcsim::scenarios
