#pragma once
// The names of the /comparison group of a results file (docs/output-format.md), shared by
// comparison_writer.cpp, comparison_reader.cpp and the tests. The general names (unit,
// summary, statistics, metric_order, ...) are those of results_layout.hpp.
#include <array>
#include <string_view>

namespace pcsim::output::layout {

inline constexpr const char* kComparison = "comparison";  // /comparison
inline constexpr const char* kBaseline = "baseline";      // attribute of /comparison

// Run-level datasets of /comparison, one value per option in option_order.
inline constexpr const char* kPBestNpv = "p_best_npv";
inline constexpr const char* kExpectedNpv = "expected_npv";
inline constexpr const char* kPOverspendAnyYear = "p_overspend_any_year";
inline constexpr const char* kExpectedGapLastYear = "expected_gap_last_year";
inline constexpr const char* kEvpi = "evpi";            // scalar dataset, £
inline constexpr const char* kEvppiGroup = "evppi";     // group: EVPPI by parameter group
inline constexpr const char* kOptionNames = "options";  // attribute: the option of each value

// Within /comparison/<option>: P(beats baseline) [metrics x years] and [scalars], with
// the attributes `metrics` / `scalars` (names) and `better` (direction per name).
inline constexpr const char* kPBeatsBaseline = "p_beats_baseline";
inline constexpr const char* kPBeatsBaselineScalars = "p_beats_baseline_scalars";
inline constexpr const char* kMetricNames = "metrics";
inline constexpr const char* kScalarNames = "scalars";
inline constexpr const char* kBetter = "better";  // also on every difference dataset

// Links of /comparison besides the option groups: an option may not take one of these
// names, or the two would collide.
inline constexpr std::array<std::string_view, 6> kComparisonRunItems = {
    kPBestNpv, kExpectedNpv, kPOverspendAnyYear, kExpectedGapLastYear, kEvpi, kEvppiGroup};

}  // namespace pcsim::output::layout
