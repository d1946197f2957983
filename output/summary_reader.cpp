#include "output/summary_reader.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "output/comparison_reader.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"
#include "output/hdf5_file_checksum.hpp"
#include "output/results_layout.hpp"

namespace pcsim::output {

namespace {

SummaryTable read_table(hid_t summary_group, const std::string& name, bool per_year) {
  SummaryTable table;
  table.name = name;
  table.per_year = per_year;
  h5::DoubleArray array = h5::read_doubles(summary_group, name);
  h5::Dataset dataset = h5::open_dataset(summary_group, name);
  table.statistics = h5::read_string_array_attribute(dataset.get(), layout::kStatistics);
  table.n_nan = h5::read_int64_array_attribute(dataset.get(), layout::kNanCount);
  table.unit = h5::read_string_attribute(dataset.get(), layout::kUnit);
  if (array.dims.size() != 2 || array.dims[0] != table.n_nan.size() ||
      array.dims[1] != table.statistics.size()) {
    throw OutputError("summary '" + name + "' does not match its statistics and n_nan");
  }
  table.values = std::move(array.values);
  return table;
}

OptionSummary read_option(hid_t options_group, const std::string& name, std::size_t years) {
  OptionSummary option;
  option.name = name;
  h5::Group group = h5::open_group(options_group, name);
  h5::Group summary = h5::open_group(group.get(), layout::kSummary);
  for (const auto& metric : h5::read_string_array_attribute(group.get(), layout::kMetricOrder)) {
    option.metrics.push_back(read_table(summary.get(), metric, true));
    if (option.metrics.back().rows() != years) {
      throw OutputError("summary '" + metric + "' of option '" + name + "' has " +
                        std::to_string(option.metrics.back().rows()) + " rows for " +
                        std::to_string(years) + " years");
    }
  }
  for (const auto& scalar : h5::read_string_array_attribute(group.get(), layout::kScalarOrder)) {
    option.scalars.push_back(read_table(summary.get(), scalar, false));
  }
  return option;
}

// "'X' is damaged: <what failed>; ...": the one message for a failed checksum.
OutputError damaged(const std::filesystem::path& path, const std::string& detail) {
  return OutputError("'" + path.string() + "' is damaged: " + detail +
                     "; its bytes changed after pcsim wrote them (a faulty disk or copy): "
                     "restore it from a copy or run again");
}

void check_format(hid_t root, const std::filesystem::path& path) {
  if (h5::has_attribute(root, "sensitivity_option")) {
    throw OutputError("'" + path.string() +
                      "' is a sensitivity file (written by pcsim sensitivity), not a results "
                      "file: read it with h5py (docs/output-format.md, \"Sensitivity files\")");
  }
  if (!h5::has_attribute(root, "format_version")) {
    throw OutputError("'" + path.string() +
                      "' is not a pcsim results file (it has no format_version attribute)");
  }
  const std::int64_t version = h5::read_int64_attribute(root, "format_version");
  if (version > layout::kFormatVersion) {
    throw OutputError("'" + path.string() + "' has results format " + std::to_string(version) +
                      ", newer than this pcsim reads (format " +
                      std::to_string(layout::kFormatVersion) + "); use a newer pcsim");
  }
  if (version < 1) {
    throw OutputError("'" + path.string() + "' has an invalid format_version " +
                      std::to_string(version) + " (expected 1 to " +
                      std::to_string(layout::kFormatVersion) + ")");
  }
}

ResultsSummary read_all(hid_t root) {
  ResultsSummary summary;
  summary.format_version = h5::read_int64_attribute(root, "format_version");
  summary.pcsim_version = h5::read_string_attribute(root, "pcsim_version");
  summary.git_commit = h5::read_string_attribute(root, "git_commit");
  summary.scenario_file = h5::read_string_attribute(root, "scenario_file");
  summary.start_time = h5::read_string_attribute(root, "start_time");
  summary.seed = h5::read_uint64_attribute(root, "seed");
  summary.iterations = h5::read_int64_attribute(root, "iterations");
  summary.central = h5::read_int64_attribute(root, "central") != 0;
  summary.wall_seconds = h5::read_double_attribute(root, "wall_seconds");
  summary.years = h5::read_string_dataset(root, layout::kYears);
  h5::Group options = h5::open_group(root, layout::kOptions);
  for (const auto& name : h5::read_string_array_attribute(options.get(), layout::kOptionOrder)) {
    summary.options.push_back(read_option(options.get(), name, summary.years.size()));
  }
  summary.comparison = read_comparison(root);
  return summary;
}

}  // namespace

double SummaryTable::at(std::size_t row, std::string_view statistic) const {
  const auto found = std::find(statistics.begin(), statistics.end(), statistic);
  if (found == statistics.end()) {
    throw OutputError("summary '" + name + "' has no statistic '" + std::string(statistic) + "'");
  }
  if (row >= rows()) throw OutputError("summary '" + name + "' has no row " + std::to_string(row));
  return values[row * statistics.size() + static_cast<std::size_t>(found - statistics.begin())];
}

const SummaryTable* OptionSummary::find(std::string_view wanted) const {
  for (const auto* list : {&metrics, &scalars}) {
    for (const auto& table : *list) {
      if (table.name == wanted) return &table;
    }
  }
  return nullptr;
}

ResultsSummary read_summary(const std::filesystem::path& path) {
  h5::File file = h5::open_file_read_only(path);
  try {
    check_format(file.get(), path);
    return read_all(file.get());
  } catch (const h5::DamagedFileError& error) {
    throw damaged(path, error.what());
  } catch (const OutputError& error) {
    if (std::string(error.what()).starts_with("'" + path.string() + "'")) throw;
    throw OutputError("'" + path.string() + "' does not have the pcsim results layout: " +
                      error.what());
  }
}

void verify_results_file(const std::filesystem::path& path) {
  {
    // Missing, not a file, not HDF5, truncated: one line each. HDF5 reads no more than
    // the superblock here, which its own checksum covers.
    h5::File file = h5::open_file_read_only(path);
    h5::FileChecksum checksum = h5::FileChecksum::absent;
    try {
      checksum = h5::verify_file_checksum(path);
    } catch (const h5::DamagedFileError& error) {
      throw damaged(path, error.what());
    }
    // pcsim writes the record into a user block of its size: the block without the record
    // is a damaged record (a file of an older pcsim has no user block).
    if (checksum == h5::FileChecksum::absent &&
        h5::user_block_bytes(file.get()) == h5::kUserBlockBytes) {
      throw damaged(path, "its checksum record (the first 512 bytes) is missing");
    }
  }
}

}  // namespace pcsim::output
