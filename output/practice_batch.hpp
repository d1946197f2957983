#pragma once
// The --per-practice figures as the runner hands them over: a layout declared once, then
// batches of consecutive iterations (output/results_file.hpp streams them to the file).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace pcsim::output {

// What every batch holds: the options (results order, baseline first), the per-practice
// figures ("closed", "appointments_gap", "funding_per_weighted") with their units, the
// practices (codes, in the order of every array) and the number of years.
struct PracticeLayout {
  std::vector<std::string> option_names;
  std::vector<std::string> trace_names;
  std::vector<std::string> trace_units;
  std::vector<std::string> practice_codes;
  std::size_t years = 0;
};

// Iterations [first_iteration, first_iteration + count) of one option: traces[k] is figure
// k of the layout, row-major [count][practice][year]. The runner owns the memory; it is
// read during the call only.
struct PracticeBatch {
  std::size_t option = 0;
  std::int64_t first_iteration = 0;
  std::int64_t count = 0;
  std::span<const std::vector<double>> traces;
};

}  // namespace pcsim::output
