#pragma once
// The names of the results file's groups, datasets and attributes, shared by the writer,
// the reader and the tests so the three cannot drift apart. docs/output-format.md
// documents this layout; change both together, and bump kFormatVersion when an existing
// reader would misread the new layout.
#include <array>
#include <string_view>

namespace pcsim::output::layout {

// Written as the root attribute `format_version`; readers refuse files with a larger one.
inline constexpr int kFormatVersion = 1;

// Root attributes written from Provenance, in the order written. Provenance.extra pairs
// follow as further string attributes and may not reuse these names.
inline constexpr std::array<std::string_view, 17> kRootAttributes = {
    "format_version", "pcsim_version",   "git_commit", "scenario_name", "scenario_file",
    "scenario_text",  "scenario_sha256", "seed",       "iterations",    "threads",
    "processes",      "central",         "start_time", "end_time",      "wall_seconds",
    "host",           "command_line"};

// Root attributes of a run with --until-se (RunResults::convergence), in the order written.
inline constexpr std::array<std::string_view, 5> kConvergenceAttributes = {
    "convergence_metric", "convergence_target_rel_se", "convergence_reached_rel_se",
    "convergence_met", "convergence_iterations"};

inline constexpr const char* kYears = "years";            // /years
inline constexpr const char* kOptions = "options";        // /options
inline constexpr const char* kParameters = "parameters";  // /parameters, /options/<o>/parameters
inline constexpr const char* kSummary = "summary";        // /options/<o>/summary
inline constexpr const char* kStatistics = "statistics";  // summary/statistics + attribute

// /warnings (RunResults::warnings): key[w], message[w]; every item of every warning in
// item[i], with the warning it belongs to in item_warning[i] (a long table).
inline constexpr const char* kWarnings = "warnings";
inline constexpr const char* kWarningKey = "key";
inline constexpr const char* kWarningMessage = "message";
inline constexpr const char* kWarningItem = "item";
inline constexpr const char* kWarningItemOf = "item_warning";

// /options/<o>/central/<metric> [years] and /options/<o>/central/<scalar> (a scalar
// dataset): the central case run beside the Monte Carlo iterations.
inline constexpr const char* kCentral = "central";

// The scalar whose NaN means "never happened within the horizon", and the attribute of its
// summary dataset that holds the share of iterations in which it did happen.
inline constexpr const char* kPaybackYear = "payback_year";
inline constexpr const char* kPPaybackWithinHorizon = "p_payback_within_horizon";
inline constexpr const char* kPercentilesOver = "percentiles_over";  // attribute of that summary
// attribute of that summary (int32 0/1): the option invests nothing, so P(payback) is NaN
inline constexpr const char* kInvestsNothing = "invests_nothing";

// Attributes of each /options/<o>/<metric> dataset from the metric table (model/metrics.hpp).
inline constexpr const char* kDescription = "description";
inline constexpr const char* kChoices = "choices";  // attribute of a choice parameter's labels

// Dimension scales (HDF5 H5DS) of the per-iteration datasets: /iteration (int64 0..n-1),
// /years, and /practices (the practice codes, --per-practice only). xarray and netCDF
// tools name the dimensions after these datasets; the labels are singular.
inline constexpr const char* kIterationScale = "iteration";
inline constexpr const char* kPracticeScale = "practices";
inline constexpr const char* kIterationLabel = "iteration";
inline constexpr const char* kYearLabel = "year";
inline constexpr const char* kPracticeLabel = "practice";

inline constexpr const char* kPractices = "practices";  // /options/<o>/practices (--per-practice)
inline constexpr const char* kPracticeCodes = "codes";  // /options/<o>/practices/codes

inline constexpr const char* kOptionOrder = "option_order";  // attribute of /options
inline constexpr const char* kMetricOrder = "metric_order";  // attribute of /options/<o>
inline constexpr const char* kScalarOrder = "scalar_order";  // attribute of /options/<o>
inline constexpr const char* kUnit = "unit";
inline constexpr const char* kNanCount = "n_nan";
inline constexpr const char* kDistribution = "distribution";
inline constexpr const char* kRationale = "rationale";

// Names a metric or scalar may not take, because an option's group already holds a
// member of that name (and its summary group holds `statistics`).
inline constexpr std::array<std::string_view, 5> kReservedResultNames = {
    kSummary, kParameters, kStatistics, kCentral, kPractices};

}  // namespace pcsim::output::layout
