#pragma once
// Reads the summaries, provenance and warnings of a results file (not the per-iteration
// data), after checking that it is a pcsim results file of a format this build understands.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/warnings.hpp"
#include "output/price_basis.hpp"
#include "output/provenance.hpp"

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
  // [rows]: the central case (every parameter central, events at expectation) beside the
  // statistics; empty when the file has none (written before pcsim stored it).
  std::vector<double> central;
  std::string description;  // the metric table's line; "" when not stored

  std::size_t rows() const { return n_nan.size(); }
  // The value in `row` under `statistic`; throws OutputError for an unknown statistic.
  double at(std::size_t row, std::string_view statistic) const;
};

struct OptionSummary {
  std::string name;
  std::vector<SummaryTable> metrics;  // in the option's metric_order
  std::vector<SummaryTable> scalars;  // in the option's scalar_order
  // Share of iterations that pay back within the horizon (the payback_year percentiles are
  // over those iterations only); NaN when the file does not say.
  double p_payback_within_horizon = std::numeric_limits<double>::quiet_NaN();
  // The option invests nothing in any iteration or year, so it has nothing to pay back (and
  // p_payback_within_horizon is NaN); false when the file does not say (older files).
  bool invests_nothing = false;
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
  // Per option after the baseline (options[1..]): the summaries of the paired differences
  // option - baseline (/comparison/<option>/summary; no central case), with P(beats the
  // baseline) of the NPV (NaN when the file does not hold it).
  std::vector<OptionSummary> differences;
  std::vector<double> p_npv_beats_baseline;
};

struct ResultsSummary {
  std::int64_t format_version = 0;
  Provenance provenance;  // the root attributes (output/provenance.hpp)
  std::vector<std::string> years;
  std::vector<OptionSummary> options;           // in option_order, baseline first
  std::optional<ComparisonSummary> comparison;  // when the file has /comparison
  // The run's warnings (/warnings), in the order the run printed them, each with every item;
  // nullopt for a file that does not hold /warnings (an empty list: the run raised none).
  std::optional<std::vector<RunWarning>> warnings;
  // What the £ figures are in (price_basis.hpp), from /parameters; and, for each option
  // that sets funding.inflation or economics.discount_rate to something else itself
  // (/options/<o>/parameters), its own, in option order.
  PriceBasis price_basis;
  std::vector<std::pair<std::string, PriceBasis>> option_price_bases;
};

// Reads `path`. Throws OutputError, in one line, when the file is missing, is not a
// regular file, is not HDF5, is truncated, is a pcsim sensitivity file, is not a pcsim
// results file (no format_version), was written in a newer format than this build reads,
// lacks a part of the documented layout, or is damaged (the whole-file checksum or a dataset's
// checksum fails): output/results_open.hpp.
ResultsSummary read_summary(const std::filesystem::path& path);

}  // namespace pcsim::output
