#include "runner/run_estimate.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "core/warnings.hpp"
#include "model/metrics.hpp"
#include "output/file_system.hpp"
#include "runner/analytics_estimate.hpp"
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
  estimate.output_bytes =
      to_bytes(iteration_output + practice_output + summaries + datasets * kBytesPerDataset + text +
               kFileBytes + added.file_bytes_most());
  estimate.output_typical_bytes =
      to_bytes((iteration_output + summaries) * kTypicalRatioPerIteration +
               practice_output * kTypicalRatioPerPractice + datasets * kTypicalBytesPerDataset +
               text + kFileBytes + added.file_bytes_typical());
  estimate.output_min_bytes =
      to_bytes((iteration_output + practice_output + summaries) * kBestRatio +
               least_datasets * kLeastBytesPerDataset + text + added.file_bytes_least());
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
