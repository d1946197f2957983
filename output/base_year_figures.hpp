#pragma once
// The base year (year 0) a results file rests on, from its practices_* provenance
// attributes (docs/output-format.md): the figures a reader needs to reconcile the results
// with the payments file. The summary, the report and the workbook show the same items.
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "output/provenance.hpp"

namespace pcsim::output {

struct BaseYearFigures {
  static constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();
  std::string label;            // practices_base_year, "2017/18"; "" when the file does not say
  double practices = kUnknown;  // practices_loaded
  double registered_patients = kUnknown;  // practices_registered_patients, after the moves
  double weighted_patients = kUnknown;    // practices_weighted_patients, after the moves
  double core_funding = kUnknown;         // practices_core_funding, £
};

// Read from `provenance.extra`; a figure the file lacks (an older pcsim) or cannot be read
// as a number stays NaN.
BaseYearFigures base_year_figures(const Provenance& provenance);

// One figure for people: its key ("registered_patients", the report's figure key after
// "base_year_"), its label, its unit ("count" or "GBP") and its value and text ("620,761",
// "£48,281,235"), and the whole number the text shows (a half to the even one).
struct BaseYearItem {
  std::string_view key;
  std::string_view label;
  std::string_view unit;
  double value = 0;
  double whole = 0;
  std::string text;
};
// The figures the file holds, in the order shown; empty when it holds none.
std::vector<BaseYearItem> base_year_items(const BaseYearFigures& figures);

// The heading of the block: "Base year 2017/18 (year 0; the projection starts in 2018/19)";
// `first_year` may be "".
std::string base_year_heading(const BaseYearFigures& figures, std::string_view first_year);

}  // namespace pcsim::output
