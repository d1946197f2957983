#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/base_year.hpp"

namespace pcsim::scenarios {

// What the practices' open and close dates of an NHS Payments to General Practice file say
// about the financial year it is of, against the year a scenario says it is of: the rules
// of payments_year.hpp (the base file) and pcn_year.hpp (the files of pcn_payments_csv),
// with their thresholds from the published files of 2014/15-2022/23.

// One row's dates, as the file gives them.
struct DatedRow {
  std::string code;  // practice code
  int line = 0;      // line of the row in the file
  std::optional<CalendarDate> open_date;
  std::optional<CalendarDate> close_date;
};

// How the year is named in the evidence: for the base file "the base year" and "the base
// year 2016/17"; for a file of pcn_payments_csv "2019/20" twice.
struct YearWords {
  std::string name;             // "... opened after <name> ended"
  std::string name_with_label;  // "1 practice of F opened after <name_with_label> (...)"
};

// One finding. A conclusive one is an error; a suggestive one a warning.
struct YearFinding {
  bool conclusive = false;
  // The evidence in words: "2 practice rows of F opened after the base year ended (...)".
  std::string evidence;
  // A suggestive finding's message adds the year the dates give (as the caller words it).
  bool cites_year_by_dates = false;
  std::vector<std::string> items;  // the rows concerned, "P82001 (line 12): opened 01/04/2022"
};

// The years the dates allow, as end years (low <= high); nothing without any date.
struct YearRange {
  int low = 0;
  int high = 0;
};

struct FileYearEvidence {
  std::vector<YearFinding> findings;  // in rule order; a conclusive one first of its rule
  std::optional<YearRange> by_dates;
};

// Rule 1 (practices opened after the year ended: 2 or more conclusive, 1 suggestive) and
// rule 2 (no date on or after the year's first day: conclusive in a file of 2,000 rows or
// more, suggestive in one of 500 to 1,999, nothing in a smaller one), over every row of
// `file`. The findings stop at the first conclusive one.
FileYearEvidence weigh_file_year(const std::string& file, const std::vector<DatedRow>& rows,
                                 const BaseYear& year, const YearWords& words);

// "2016/17" or "2017/18 or 2018/19"; `with_start_year` adds " (start_year = 2017)" or
// " (start_year = 2018 or 2019)".
std::string year_range_text(const YearRange& range, bool with_start_year);

// Primary care networks began in July 2019: the first financial year whose payments files
// carry PCN codes is 2019/20 (as its end year). Rule 3 of payments_year.hpp.
inline constexpr int kFirstPcnYear = 2020;
// "12 practice rows of F have a PCN code, but <year_name> ended before primary care networks
// began (July 2019; NHS Digital's payments files carry PCN codes from 2019/20)".
std::string pcn_codes_before_pcns(std::size_t pcn_rows, const std::string& file,
                                  const std::string& year_name);

}  // namespace pcsim::scenarios
