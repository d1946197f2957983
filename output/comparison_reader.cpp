#include "output/comparison_reader.hpp"

#include <string>
#include <vector>

#include "core/errors.hpp"
#include "output/comparison_layout.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"
#include "output/results_layout.hpp"

namespace pcsim::output {

namespace {

// A per-option dataset of /comparison, one value per name in `options`.
std::vector<double> read_per_option(hid_t group, const char* name,
                                    const std::vector<std::string>& options) {
  h5::DoubleArray array = h5::read_doubles(group, name);
  if (array.dims.size() != 1 || array.values.size() != options.size()) {
    throw OutputError("comparison '" + std::string(name) +
                      "' does not hold one value per option (" + std::to_string(options.size()) +
                      ")");
  }
  return std::move(array.values);
}

}  // namespace

std::optional<ComparisonSummary> read_comparison(hid_t root) {
  if (!h5::has_link(root, layout::kComparison)) return std::nullopt;
  h5::Group group = h5::open_group(root, layout::kComparison);
  ComparisonSummary comparison;
  comparison.baseline = h5::read_string_attribute(group.get(), layout::kBaseline);
  comparison.options = h5::read_string_array_attribute(group.get(), layout::kOptionOrder);
  const auto& options = comparison.options;
  comparison.expected_npv = read_per_option(group.get(), layout::kExpectedNpv, options);
  comparison.p_best_npv = read_per_option(group.get(), layout::kPBestNpv, options);
  comparison.p_overspend_any_year =
      read_per_option(group.get(), layout::kPOverspendAnyYear, options);
  comparison.expected_gap_last_year =
      read_per_option(group.get(), layout::kExpectedGapLastYear, options);
  h5::DoubleArray evpi = h5::read_doubles(group.get(), layout::kEvpi);
  if (evpi.values.size() != 1) throw OutputError("comparison 'evpi' is not a single value");
  comparison.evpi = evpi.values.front();
  return comparison;
}

}  // namespace pcsim::output
