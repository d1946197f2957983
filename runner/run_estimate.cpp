#include "runner/run_estimate.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "core/warnings.hpp"
#include "model/metrics.hpp"
#include "output/file_system.hpp"
#include "runner/drivers.hpp"
#include "runner/evppi.hpp"
#include "runner/penalised_regression.hpp"
#include "runner/sampling_plan.hpp"
#include "runner/sensitivity_run.hpp"
#include "scenarios/run_settings.hpp"

namespace pcsim::runner {

namespace fs = std::filesystem;

static_assert(scenarios::kMaxIterations == kMaxIterations,
              "the scenario reader and the run engine must agree on the largest run");

namespace {

constexpr double kDouble = sizeof(double);
// Measured (docs/cli.md, "Estimates"): a process with the libraries loaded and a small
// scenario; about five bytes per byte of the payments file while it is read; the
// practices and, per thread, one simulation workspace.
constexpr double kFixedBytes = 20.0 * (1 << 20);
constexpr double kBytesPerCsvByte = 5;
constexpr double kBytesPerPractice = 2048;
constexpr double kBytesPerPracticeAndThread = 512;
constexpr double kAllocatorOverhead = 1.1;
// Compression (shuffle + deflate) of pcsim's datasets, measured on the shipped scenarios:
// per-iteration figures and parameter columns keep about half their size, per-practice
// figures (many 0/1 closure flags) about a third. No real run compresses by more than
// ten: below that, the results surely do not fit.
constexpr double kTypicalRatioPerIteration = 0.5;
constexpr double kTypicalRatioPerPractice = 0.35;
constexpr double kBestRatio = 0.1;
constexpr int kTraceFigures = 3;  // closed, appointments_gap, funding_per_weighted
// The file's fixed part, measured on the shipped scenarios from 1 to 3,000 iterations:
// each dataset's object header, chunk index, dimension scales and attributes take 870 to
// 1,070 bytes beside its values, whatever the iterations (1,100 at most, 1,000 typically,
// 700 at least); a variable-length string (the warnings' texts) about 16 more than its
// characters; the superblock, user block and root group a few KB. Without it a run of 10
// iterations was estimated at a third of its file (254 KB, "up to 280 KB", for 756 KB).
constexpr double kBytesPerDataset = 1100;
constexpr double kTypicalBytesPerDataset = 1000;
constexpr double kLeastBytesPerDataset = 700;
constexpr double kBytesPerString = 16;
constexpr double kFileBytes = 16.0 * 1024;

std::uint64_t file_bytes(const fs::path& path) {
  std::error_code error;
  const auto size = path.empty() ? 0 : fs::file_size(path, error);
  return error ? 0 : size;
}

// The run engine's batch of iterations (run_engine.hpp): halved while one batch's
// per-practice figures pass kMaxBatchPracticeBytes.
double batch_iterations(double row_bytes) {
  double batch = static_cast<double>(kBatchIterations);
  while (batch > 1 && batch * row_bytes > static_cast<double>(kMaxBatchPracticeBytes)) batch /= 2;
  return batch;
}

std::uint64_t to_bytes(double value) {
  if (!(value < 1.8e19)) return UINT64_MAX;
  return static_cast<std::uint64_t>(std::ceil(value));
}

// "MemAvailable:   12345 kB" -> bytes; nullopt when absent.
std::optional<std::uint64_t> meminfo_field(const std::string& field) {
  std::ifstream in("/proc/meminfo");
  std::string name;
  std::uint64_t value = 0;
  std::string unit;
  while (in >> name >> value) {
    std::getline(in, unit);
    if (name == field + ":") return value * 1024;
  }
  return std::nullopt;
}

// A number in a one-line file (cgroup limits); nullopt for "max", absent or unreadable.
std::optional<std::uint64_t> number_in(const fs::path& file) {
  std::ifstream in(file);
  std::string text;
  if (!(in >> text) || text == "max") return std::nullopt;
  try {
    return std::stoull(text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The memory this process may still take under a cgroup limit (v2, then v1).
std::optional<std::uint64_t> cgroup_room() {
  const fs::path v2 = "/sys/fs/cgroup";
  if (const auto limit = number_in(v2 / "memory.max")) {
    const auto used = number_in(v2 / "memory.current").value_or(0);
    return *limit > used ? *limit - used : 0;
  }
  const fs::path v1 = "/sys/fs/cgroup/memory";
  if (const auto limit = number_in(v1 / "memory.limit_in_bytes"); limit && *limit < (1ULL << 60)) {
    const auto used = number_in(v1 / "memory.usage_in_bytes").value_or(0);
    return *limit > used ? *limit - used : 0;
  }
  return std::nullopt;
}

std::uint64_t rlimit_of(int resource) {
  struct rlimit limit {};
  if (::getrlimit(resource, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return UINT64_MAX;
  return static_cast<std::uint64_t>(limit.rlim_cur);
}

// The planner analytics (runner/analytics.hpp). Their tables are written uncompressed
// (output/hdf5_datasets.hpp, write_plain_doubles), so their values count the same in every
// bound of the file. Their datasets are small: measured on the shipped scenarios, each
// takes 450 to 600 bytes of HDF5 metadata beside its values and its string attributes
// (counted at 700 at most, 550 typically, 450 at least), and each string, in an attribute
// or a string dataset, 32 bytes beside its characters rounded up to 8 (its reference and
// its object in the global heap): a decomposition by driver of delegation-options.toml at
// 120 iterations (10 drivers, 854 datasets) added 2,032,071 bytes, 765,912 of them values.
constexpr double kAnalyticsBytesPerDataset = 700;
constexpr double kAnalyticsTypicalBytesPerDataset = 550;
constexpr double kAnalyticsLeastBytesPerDataset = 450;
// Writing them, HDF5's metadata cache and free lists grow, after the analytics' working
// sets are freed: measured at 10 to 18 KB a dataset written (delegation-options.toml at
// 120 iterations: +8.6 MB for the 854 datasets of --drivers, +9 MB for the 488 of
// --sobol 1), counted at 20 KB, up to 32 MiB (the metadata cache's largest size).
constexpr double kAnalyticsMemoryPerDataset = 20.0 * 1024;
constexpr double kAnalyticsMemoryOfDatasets = 32.0 * (1 << 20);
// The drivers' stochastic splits are gathered in chunks of 32 iterations a process
// (runner/driver_run.cpp, kBatch), the Sobol design in chunks of 16 rows
// (runner/sobol_by_year.cpp, kSobolRowsPerProcess).
constexpr double kDriverChunkIterations = 32;
constexpr double kSobolChunkRows = 16;

// The file bytes of one string of `characters` characters (above).
double string_bytes(double characters) { return 32 + 8 * std::ceil(characters / 8); }
double string_bytes(std::string_view text) {
  return string_bytes(static_cast<double>(text.size()));
}

// What the analytics add: to the file (`values` bytes of doubles, `names` bytes of strings
// and of other attributes, `datasets` datasets and groups with their fixed metadata) and
// to memory (`working`: the largest of the phases' working sets, which run one after the
// other, or HDF5's caches while their tables are written; `held`: the tables each hands to
// the writer, held until the file is written).
struct AnalyticsEstimate {
  double values = 0, names = 0, datasets = 0;
  double working = 0, held = 0;
};

// The bytes of one regression of the EVPPI (runner/penalised_regression.cpp) on `g`
// inputs and `n` pairs: the design (sparse, about 12 bytes a cell), the fitted values and
// the posterior factor it keeps; and, while it is fitted, the ranks of its inputs, the
// design's cells (16 bytes each), its penalties and the normal equations of a trial (four
// more matrices of its coefficients).
struct FitBytes {
  double kept = 0, fitting = 0;
};
FitBytes evppi_fit_bytes(double n, double g) {
  double cells = 0, coefficients = 0, penalties = 0;
  if (n < static_cast<double>(kMinSplinePairs)) {
    cells = g + 1;
    coefficients = g + 1;
  } else if (g == 1) {
    cells = 4;
    coefficients = std::clamp(std::floor(n / 50), 3.0, 20.0) + 3;
    penalties = 1;
  } else if (g == 2) {
    cells = 16;
    const double m = std::clamp(std::floor(std::sqrt(n / 50)), 3.0, 7.0) + 3;
    coefficients = m * m;
    penalties = 2;
  } else {
    cells = 4 * g;
    coefficients = (std::clamp(std::floor(n / (50 * g)), 3.0, 6.0) + 3) * g;
    penalties = g;
  }
  const double square = coefficients * coefficients * kDouble;
  FitBytes bytes;
  bytes.kept = n * cells * 12 + n * 4 + n * kDouble + square;
  bytes.fitting = 2 * g * n * kDouble + n * cells * 16 + (penalties + 4) * square;
  return bytes;
}

AnalyticsEstimate estimate_analytics(const scenarios::Scenario& scenario,
                                     const RunSettings& settings, const AnalyticsOptions& options,
                                     double n, double threads, bool stored_uniforms) {
  AnalyticsEstimate a;
  const double option_count = static_cast<double>(scenario.options.size());
  const double compared = option_count > 1 ? option_count - 1 : 0;
  const double years = scenario.options.empty()
                           ? 0.0
                           : static_cast<double>(scenario.options.front().central.horizon_years);
  // C: every column of every output (the years of each metric, one of each scalar).
  const double columns = static_cast<double>(model::kMetricCount) * years +
                         static_cast<double>(model::kScalarMetricCount);
  const double outputs = static_cast<double>(model::kOutputCount);
  // Each dataset's attribute `columns`: a year label ("2024/25") or "horizon" a column.
  const double column_names = columns * string_bytes(7);
  const double unit = string_bytes(16);  // an output's unit ("appointments", "GBP")
  double working = 0;

  if (options.drivers) {
    // Every option with every subset of the k active drivers switched on, split into a
    // waterfall (k + 2 rows) and the drivers alone (k + 1 rows) of every column, for each
    // option's change and each option's difference from the baseline: 2 O - 1
    // decompositions of 2 datasets an output (and their standard errors, stochastic).
    const bool stochastic = options.driver_iterations > 0;
    const auto active = active_drivers(scenario, stochastic);
    const double k = static_cast<double>(active.size());
    const double subsets = std::ldexp(1.0, static_cast<int>(active.size()));
    const double split = (2 * k + 3) * columns;  // one decomposition's values
    const double decompositions = option_count + compared;
    const double tables = stochastic ? 2 : 1;
    a.values += decompositions * tables * split * kDouble;
    a.held += decompositions * tables * split * kDouble;
    // The groups: drivers of each option, and change, change_alone, ... of each.
    a.datasets += decompositions * tables * (2 * outputs + 2) + option_count;
    double rows = 0, labels = 0;
    for (const Driver* d : active) {
      rows += string_bytes(d->name);
      labels += string_bytes(d->label) + string_bytes(switches_text(*d));
    }
    // Each dataset names its rows (start, the drivers, end; the drivers, interaction), its
    // columns and its unit; each option's drivers group its drivers, their labels and
    // switches, the drivers left out and the outputs in order.
    const double waterfall_names = rows + 2 * string_bytes(5) + unit;
    const double alone_names = rows + string_bytes(11) + unit;
    a.names +=
        decompositions * tables * (outputs * (waterfall_names + alone_names) + 2 * column_names);
    const double catalogue = static_cast<double>(driver_catalogue().size());
    a.names += option_count * (rows + labels + (catalogue - k) * string_bytes(24) +
                               outputs * string_bytes(24) + 3 * string_bytes(64));
    double driver_work = 2 * option_count * split * kDouble;  // the means ([o][kind])
    if (stochastic) {
      // Per thread: one iteration's runs of every option and their differences; the chunk
      // of splits being gathered (32 iterations of 2 O decompositions); the sums of the
      // splits (four rows each) and their standard errors; the run's stored uniforms,
      // drawn again.
      driver_work += threads * (option_count + 1) * subsets * columns * kDouble;
      driver_work +=
          std::min(kDriverChunkIterations, static_cast<double>(options.driver_iterations)) * 2 *
          option_count * split * kDouble;
      driver_work += 5 * decompositions * split * kDouble;
      if (stored_uniforms) {
        driver_work += 2 * n * static_cast<double>(uncertain_parameter_count(scenario)) * kDouble;
      }
    } else {
      // The central runs of every option and subset (rank 0), and their differences from
      // the baseline's.
      driver_work += (option_count + 1) * subsets * columns * kDouble;
    }
    working = std::max(working, driver_work);
  }

  if (options.sobol_rows > 0) {
    // Each option with Po uncertain parameters, one after the other: the design's
    // N (Po + 2) runs of every column (rank 0), the design itself, the chunk being
    // gathered and, per thread, one column's estimates: its rows' terms (grown, so up to
    // twice their size) and the bootstrap's resampled indices (B resamples).
    const double rows = static_cast<double>(options.sobol_rows);
    const double bootstrap = static_cast<double>(std::max(0, options.bootstrap));
    for (const auto& option : scenario.options) {
      const auto entries = uncertain_entries(option);
      const double p = static_cast<double>(entries.size());
      if (entries.empty()) continue;
      const double sobol_work =
          kDouble * (columns * rows * (p + 2) + 2 * rows * p + kSobolChunkRows * (p + 2) * columns +
                     threads * (6 * rows + 4 * rows * p + 2 * bootstrap * p + 3 * bootstrap));
      working = std::max(working, sobol_work);
      // Per output: the indices [Po x columns x 6] and the variance [columns] (rows_used,
      // a number a column, an attribute).
      a.values += columns * (6 * p + 1) * kDouble;
      a.held += columns * (6 * p + 2) * kDouble;
      a.datasets += 2 * outputs + 3;  // and the groups sensitivity/<o>, sobol_by_year, variance
      // The indices name the parameters, the columns, the six values, their unit and the
      // output's; the variance its columns and unit.
      double parameters = 0;
      for (const auto* entry : entries) parameters += string_bytes(entry->path);
      a.names += outputs * (parameters + 6 * string_bytes(5) + 3 * unit) + 2 * column_names +
                 columns * kDouble + 2 * string_bytes(100);
    }
  }

  // The EVPPI, whenever the run compares options over enough iterations
  // (runner/analytics.cpp, runner/evppi.hpp): no flag asks for it. One row a parameter
  // group: three string datasets and four of numbers (two of one column an option after
  // the baseline).
  const auto paths = uncertain_paths(scenario);
  if (!settings.central && option_count >= 2 && n >= static_cast<double>(kMinEvppiIterations) &&
      !paths.empty()) {
    const auto groups = parameter_groups(paths);
    const double g = static_cast<double>(groups.size());
    a.values += g * (2 + 2 * compared) * kDouble;
    a.datasets += 8;
    a.names += option_count * 3 * string_bytes(40) + 2 * string_bytes(256);
    double fits = 0;
    for (const auto& group : groups) {
      double joined = 0;
      for (const auto& parameter : group.parameters)
        joined += static_cast<double>(parameter.size()) + 2;
      a.names += string_bytes(group.name) + string_bytes(joined) + string_bytes(80);
      // The group's draws, each option's fit kept while the next is fitted, the fitted
      // values and one posterior draw of them.
      const double inputs = static_cast<double>(group.parameters.size());
      const FitBytes fit = evppi_fit_bytes(n, inputs);
      fits = std::max(fits, inputs * n * kDouble + compared * fit.kept + fit.fitting +
                                2 * compared * n * kDouble);
    }
    // The npv of every option and every parameter's draws, copied; the usable iterations
    // and each option's gain over the baseline.
    const double evppi_work =
        kDouble * (option_count + static_cast<double>(paths.size()) + 1 + compared) * n + fits;
    working = std::max(working, evppi_work);
  }
  // Their working sets are freed before the file is written, when HDF5's caches grow.
  a.working = std::max(
      working, std::min(kAnalyticsMemoryOfDatasets, a.datasets * kAnalyticsMemoryPerDataset));
  return a;
}

}  // namespace

RunEstimate estimate_run(const scenarios::Scenario& scenario, const RunSettings& settings,
                         const AnalyticsOptions& analytics) {
  RunEstimate estimate;
  const std::int64_t iterations =
      settings.central ? 1 : (settings.until_se ? settings.max_iterations : settings.iterations);
  estimate.iterations = iterations;
  const double n = static_cast<double>(std::max<std::int64_t>(iterations, 1));
  const double options = static_cast<double>(scenario.options.size());
  const double years = scenario.options.empty()
                           ? 0.0
                           : static_cast<double>(scenario.options.front().central.horizon_years);
  const double practices = static_cast<double>(scenario.practices.practices.size());
  const double row = static_cast<double>(model::kMetricCount) * years +
                     static_cast<double>(model::kScalarMetricCount);
  const double uncertain = static_cast<double>(uncertain_parameter_count(scenario));
  double entries = 0;          // every option records every entry while running
  double entries_written = 0;  // the baseline's, and each other option's own overrides
  for (std::size_t o = 0; o < scenario.options.size(); ++o) {
    const auto& option = scenario.options[o];
    entries += static_cast<double>(option.parameters.size());
    if (o == 0) {
      entries_written += static_cast<double>(option.parameters.size());
    } else {
      std::set<std::string> baseline_paths;
      for (const auto& entry : scenario.options.front().parameters)
        baseline_paths.insert(entry.path);
      for (const auto& entry : option.parameters) {
        if (!baseline_paths.contains(entry.path) || !entry.distribution.is_fixed()) {
          entries_written += 1;
        }
      }
    }
  }
  const bool stored_uniforms =
      !settings.central && (scenario.sampling.method == scenarios::SamplingMethod::LatinHypercube ||
                            !scenario.sampling.correlations.empty());

  const double per_iteration = n * (options * row + entries) * kDouble;
  const double growth = settings.until_se ? 2.0 : 1.0;  // old and new arrays while growing
  double memory = per_iteration * growth;
  if (stored_uniforms) memory += 2 * n * uncertain * kDouble;         // columns and their ranking
  memory += n * (uncertain + (options > 1 ? row : 0) + 4) * kDouble;  // the writer
  const double threads = static_cast<double>(std::max(1, settings.threads));
  // The end of a run on each thread: a window of two deflated chunks waiting to be stored
  // and the chunk being filtered (its values, shuffled, deflated: three more), of 4096
  // rows at most (output/compressed_datasets.hpp, h5::kMaxChunkRows), and a series being
  // summarised or ranked (about six columns of the iterations).
  memory += threads * (5 * 4096.0 * std::max(years, 1.0) * kDouble + 6 * n * kDouble);
  memory += kFixedBytes + kBytesPerCsvByte * static_cast<double>(
                                                 file_bytes(scenario.practice_data.payments_csv) +
                                                 file_bytes(scenario.practice_data.attributes_csv));
  memory += practices * (kBytesPerPractice + threads * kBytesPerPracticeAndThread);
  const AnalyticsEstimate added =
      estimate_analytics(scenario, settings, analytics, n, threads, stored_uniforms);
  memory += added.working + added.held;

  double practice_output = 0;
  if (settings.per_practice) {
    const double practice_row = practices * years * kTraceFigures * options * kDouble;
    memory += batch_iterations(practice_row) * practice_row;  // one batch of every option
    // Chunk caches: room for four chunks (at most 1 MiB each) of each dataset
    // (output/practice_writer.cpp).
    memory += kTraceFigures * options * 4.0 * (1 << 20);
    practice_output = n * practice_row + practices * years * kTraceFigures * options * kDouble;
  }
  // Every option's figures and parameter columns, and the comparison's paired differences
  // (each option after the baseline less the baseline) of every figure.
  const double compared = options > 1 ? options - 1 : 0;
  const double iteration_output = n * ((options + compared) * row + entries_written) * kDouble;
  // The datasets, whose metadata is the fixed part of the file: each option's figures,
  // central case, summaries and Spearman columns (F datasets each; no Spearman columns for
  // the fewest iterations, so not in the least count), the comparison's differences and their
  // summaries, the parameter columns and a few more (years, warnings, the run-level figures
  // of the comparison).
  const double figures =
      static_cast<double>(model::kMetricCount) + static_cast<double>(model::kScalarMetricCount);
  const double datasets =
      options * (4 * figures + 2) + compared * (2 * figures + 4) + entries_written + 16;
  const double least_datasets = options * 3 * figures + compared * 2 * figures + entries_written;
  // Text stored whole: the scenario with its includes, and every warning with its items.
  double text = static_cast<double>(scenario.text.size());
  for (const RunWarning& warning : scenario.warnings) {
    text += static_cast<double>(warning.key.size() + warning.message.size()) + 2 * kBytesPerString;
    for (const auto& item : warning.items)
      text += static_cast<double>(item.size()) + kBytesPerString;
  }
  // Summaries (10 statistics a row), correlations and practice lists (100 bytes a practice),
  // compressed as the figures are.
  const double summaries = options * row * (10 + uncertain + 4) * kDouble + practices * 100;
  // Allocators round up and keep freed blocks: a tenth more than the arrays themselves.
  estimate.memory_bytes = to_bytes(memory * kAllocatorOverhead);
  // The analytics' tables are not compressed: the same in every bound.
  const double analytics_output = added.values + added.names;
  estimate.output_bytes =
      to_bytes(iteration_output + practice_output + summaries + datasets * kBytesPerDataset + text +
               kFileBytes + analytics_output + added.datasets * kAnalyticsBytesPerDataset);
  estimate.output_typical_bytes = to_bytes(
      (iteration_output + summaries) * kTypicalRatioPerIteration +
      practice_output * kTypicalRatioPerPractice + datasets * kTypicalBytesPerDataset + text +
      kFileBytes + analytics_output + added.datasets * kAnalyticsTypicalBytesPerDataset);
  estimate.output_min_bytes =
      to_bytes((iteration_output + practice_output + summaries) * kBestRatio +
               least_datasets * kLeastBytesPerDataset + text + analytics_output +
               added.datasets * kAnalyticsLeastBytesPerDataset);
  return estimate;
}

MachineLimits machine_limits(const fs::path& output_folder) {
  MachineLimits limits;
  std::uint64_t memory = UINT64_MAX;
  if (const auto available = meminfo_field("MemAvailable")) {
    memory = *available;
  } else {
    const long pages = ::sysconf(_SC_AVPHYS_PAGES);
    const long page = ::sysconf(_SC_PAGESIZE);
    if (pages > 0 && page > 0) memory = static_cast<std::uint64_t>(pages) * page;
  }
  if (const auto room = cgroup_room()) memory = std::min(memory, *room);
  memory = std::min({memory, rlimit_of(RLIMIT_AS), rlimit_of(RLIMIT_DATA)});
  limits.available_memory = memory;
  limits.free_disk = output::free_disk_bytes(output_folder);
  limits.file_size_limit = rlimit_of(RLIMIT_FSIZE);
  return limits;
}

std::string format_bytes(std::uint64_t bytes) {
  constexpr const char* kUnits[] = {"bytes", "KB", "MB", "GB", "TB", "PB", "EB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  // 999,600 bytes is "1 MB": three significant figures of 999.6 KB would print "1e+03 KB".
  while (value >= 999.5 && unit + 1 < std::size(kUnits)) {
    value /= 1000;
    ++unit;
  }
  if (unit == 0) return fmt::format("{} bytes", bytes);
  if (value < 10) return fmt::format("{:.2g} {}", value, kUnits[unit]);
  return fmt::format("{:.3g} {}", value, kUnits[unit]);
}

std::string describe(const RunEstimate& estimate) {
  return fmt::format(
      "estimated for {} iterations: peak memory about {}; results file about {} (up to {} "
      "before compression)",
      estimate.iterations, format_bytes(estimate.memory_bytes),
      format_bytes(estimate.output_typical_bytes), format_bytes(estimate.output_bytes));
}

std::vector<std::string> check_fits(const RunEstimate& estimate, const MachineLimits& limits,
                                    const fs::path& output) {
  const std::string folder =
      output.has_parent_path() ? output.parent_path().string() : std::string(".");
  if (estimate.memory_bytes > limits.available_memory) {
    throw ResourceError(fmt::format(
        "the run needs about {} of memory for {} iterations; this machine has {} available: "
        "use fewer iterations (--iterations) or a larger machine",
        format_bytes(estimate.memory_bytes), estimate.iterations,
        format_bytes(limits.available_memory)));
  }
  const std::uint64_t room = std::min(limits.free_disk, limits.file_size_limit);
  const std::string where =
      limits.file_size_limit < limits.free_disk
          ? fmt::format("the file-size limit (ulimit -f) is {}",
                        format_bytes(limits.file_size_limit))
          : fmt::format("{} is free in {}", format_bytes(limits.free_disk), folder);
  if (estimate.output_min_bytes > room) {
    throw ResourceError(fmt::format(
        "the results of {} iterations will not fit: about {} on disk ({} before "
        "compression, and never below {}); {}: free some space, write elsewhere (-o) or run "
        "fewer iterations",
        estimate.iterations, format_bytes(estimate.output_typical_bytes),
        format_bytes(estimate.output_bytes), format_bytes(estimate.output_min_bytes), where));
  }
  std::vector<std::string> warnings;
  if (estimate.output_typical_bytes > room) {
    warnings.push_back(fmt::format(
        "the results file will probably not fit: about {} ({} before compression), and {}; "
        "if it does not fit, the run stops with exit code 4 and leaves nothing behind",
        format_bytes(estimate.output_typical_bytes), format_bytes(estimate.output_bytes), where));
  }
  return warnings;
}

}  // namespace pcsim::runner
