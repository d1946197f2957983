#pragma once
// Reads the summaries and provenance of a results file (not the per-iteration data), after
// checking that it is a pcsim results file of a format this build understands.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pcsim::output {

// One /options/<o>/summary/<name> dataset: rows (years, or one row for a scalar) by
// statistics.
struct SummaryTable {
  std::string name;
  std::string unit;
  bool per_year = true;                 // false for a scalar such as npv
  std::vector<std::string> statistics;  // column names, e.g. "mean", "p10"
  std::vector<double> values;           // row-major [rows x statistics]
  std::vector<std::int64_t> n_nan;      // [rows]: iterations left out as NaN

  std::size_t rows() const { return n_nan.size(); }
  // The value in `row` under `statistic`; throws OutputError for an unknown statistic.
  double at(std::size_t row, std::string_view statistic) const;
};

struct OptionSummary {
  std::string name;
  std::vector<SummaryTable> metrics;  // in the option's metric_order
  std::vector<SummaryTable> scalars;  // in the option's scalar_order
  // The metric or scalar named `name`, or nullptr.
  const SummaryTable* find(std::string_view name) const;
};

// The run-level part of /comparison (written when a run has at least 2 options): one
// value per option, in `options` order (the baseline first).
struct ComparisonSummary {
  std::string baseline;
  std::vector<std::string> options;
  std::vector<double> expected_npv;            // £
  std::vector<double> p_best_npv;              // probability
  std::vector<double> p_overspend_any_year;    // probability
  std::vector<double> expected_gap_last_year;  // appointments
  double evpi = 0;                             // £
};

struct ResultsSummary {
  std::int64_t format_version = 0;
  std::string pcsim_version;
  std::string git_commit;
  std::string scenario_file;
  std::string start_time;
  std::uint64_t seed = 0;
  std::int64_t iterations = 0;
  bool central = false;
  double wall_seconds = 0;
  std::vector<std::string> years;
  std::vector<OptionSummary> options;  // in option_order, baseline first
  std::optional<ComparisonSummary> comparison;  // when the file has /comparison
};

// Reads `path`. Throws OutputError, in one line, when the file is missing, is not a
// regular file, is not HDF5, is truncated, is a pcsim sensitivity file, is not a pcsim
// results file (no format_version), was written in a newer format than this build reads,
// lacks a part of the documented layout, or is damaged (a checksum fails in what is read).
ResultsSummary read_summary(const std::filesystem::path& path);

// Checks the whole-file checksum of `path` (output/hdf5_file_checksum.hpp) before anything
// parses it, so that damage anywhere in it, not only in the summaries, is reported
// (`pcsim summary`). Throws OutputError in one line: as read_summary does for a file that
// is missing, not HDF5 or truncated, and "'X' is damaged: ..." for a failed checksum.
void verify_results_file(const std::filesystem::path& path);

}  // namespace pcsim::output
