#pragma once
// A hand-made run of 4 iterations, 2 years and 3 options (baseline, invest, defer) whose
// comparison is worked out by hand below; shared by the comparison tests.
#include <limits>
#include <string>
#include <vector>

#include "output/run_results.hpp"

namespace pcsim::output::testing {

// Rows are iterations i = 0..3, each row (year 0, year 1).
//
// baseline: net_cost (100,100) (200,200) (300,300) (400,400)
//           appointments_capacity (1000,1000) in every iteration
//           overspend (0,0) (1,0) (1,1) (0,0)          -> any year in 2 of 4: 50%
//           investment (0,0) in every iteration
//           appointments_gap (50,50) (60,60) (70,70) (80,80)  -> last year mean 65
//           npv £m {1, 5, 2, 0}; payback_year {NaN, 5, 5, 5}
// invest:   net_cost (90,120) (200,150) (310,250) (350,380)
//             difference year 0: -10, 0, +10, -50; year 1: +20, -50, -50, -20
//           appointments_capacity (1100) (1000) (900) (1200), both years
//             difference 100, 0, -100, 200
//           overspend (0,0) (0,0) (0,0) (1,0)           -> any year in 1 of 4: 25%
//             difference year 0: 0, -1, -1, +1; year 1: 0, 0, -1, 0
//           investment (10) (20) (30) (40), both years  -> difference 10, 20, 30, 40
//           appointments_gap (10) (20) (30) (40), both years -> last year mean 25
//             difference -40 in every cell
//           npv £m {1, 3, 7, 0}; payback_year {3, 4, 6, NaN}
//             npv difference £m 0, -2, +5, 0; payback difference NaN, -1, +1, NaN
//           extra_only (1,1) x 4: a metric the baseline lacks
// defer:    the baseline's metrics and payback_year, but npv £m {0, 5, 1, 0}
inline constexpr int kExampleIterations = 4;
inline constexpr int kExampleYears = 2;
inline constexpr double kExampleNaN = std::numeric_limits<double>::quiet_NaN();

// Rows of (year 0, year 1) flattened row-major.
inline std::vector<double> example_rows(std::vector<std::vector<double>> rows) {
  std::vector<double> flat;
  for (const auto& row : rows) flat.insert(flat.end(), row.begin(), row.end());
  return flat;
}

inline OptionResults example_baseline(const std::string& name) {
  OptionResults option;
  option.name = name;
  option.metric_names = {"net_cost", "appointments_capacity", "overspend", "investment",
                         "appointments_gap"};
  option.metric_units = {"GBP", "appointments", "0/1", "GBP", "appointments"};
  option.by_year = {example_rows({{100, 100}, {200, 200}, {300, 300}, {400, 400}}),
                    example_rows({{1000, 1000}, {1000, 1000}, {1000, 1000}, {1000, 1000}}),
                    example_rows({{0, 0}, {1, 0}, {1, 1}, {0, 0}}),
                    example_rows({{0, 0}, {0, 0}, {0, 0}, {0, 0}}),
                    example_rows({{50, 50}, {60, 60}, {70, 70}, {80, 80}})};
  option.scalar_names = {"npv", "payback_year"};
  option.scalar_units = {"GBP", "year"};
  option.scalars = {{1e6, 5e6, 2e6, 0}, {kExampleNaN, 5, 5, 5}};
  return option;
}

inline OptionResults example_invest() {
  OptionResults option;
  option.name = "invest";
  option.metric_names = {"net_cost",   "appointments_capacity", "overspend",
                         "investment", "appointments_gap",      "extra_only"};
  option.metric_units = {"GBP", "appointments", "0/1", "GBP", "appointments", "GBP"};
  option.by_year = {example_rows({{90, 120}, {200, 150}, {310, 250}, {350, 380}}),
                    example_rows({{1100, 1100}, {1000, 1000}, {900, 900}, {1200, 1200}}),
                    example_rows({{0, 0}, {0, 0}, {0, 0}, {1, 0}}),
                    example_rows({{10, 10}, {20, 20}, {30, 30}, {40, 40}}),
                    example_rows({{10, 10}, {20, 20}, {30, 30}, {40, 40}}),
                    example_rows({{1, 1}, {1, 1}, {1, 1}, {1, 1}})};
  option.scalar_names = {"npv", "payback_year"};
  option.scalar_units = {"GBP", "year"};
  option.scalars = {{1e6, 3e6, 7e6, 0}, {3, 4, 6, kExampleNaN}};
  return option;
}

inline OptionResults example_defer() {
  OptionResults option = example_baseline("defer");
  option.scalars[0] = {0, 5e6, 1e6, 0};
  return option;
}

inline RunResults example_run() {
  RunResults results;
  results.year_labels = {"2017/18", "2018/19"};
  results.iterations = kExampleIterations;
  results.options = {example_baseline("baseline"), example_invest(), example_defer()};
  return results;
}

}  // namespace pcsim::output::testing
