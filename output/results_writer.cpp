#include "output/results_writer.hpp"

#include <algorithm>
#include <cstddef>
#include <string>

#include "core/errors.hpp"
#include "output/analytics_writer.hpp"
#include "output/comparison_writer.hpp"
#include "output/dimension_scales.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"
#include "output/option_writer.hpp"
#include "output/provenance_attributes.hpp"
#include "output/results_contents.hpp"
#include "output/results_file.hpp"
#include "output/results_layout.hpp"
#include "output/results_validation.hpp"
#include "output/run_spearman_writer.hpp"

namespace pcsim::output {

namespace fs = std::filesystem;

namespace {

void write_convergence(hid_t root, const ConvergenceRecord& c) {
  const auto& names = layout::kConvergenceAttributes;
  h5::write_string_attribute(root, std::string(names[0]), c.metric);
  h5::write_double_attribute(root, std::string(names[1]), c.target_rel_se);
  h5::write_double_attribute(root, std::string(names[2]), c.reached_rel_se);
  h5::write_int32_attribute(root, std::string(names[3]), c.met ? 1 : 0);
  h5::write_int64_attribute(root, std::string(names[4]), c.iterations);
}

void write_provenance(hid_t root, const RunResults& results, const Provenance& p) {
  // The results' own count: the number of rows of every per-iteration dataset.
  write_provenance_attributes(root, p, results.iterations);
  if (results.convergence) write_convergence(root, *results.convergence);
}

// /warnings: one row per warning, and the items as a long table (layout::kWarnings).
void write_warnings(hid_t root, const std::vector<RunWarning>& warnings) {
  std::vector<std::string> keys, messages, items;
  std::vector<double> item_of;
  for (std::size_t w = 0; w < warnings.size(); ++w) {
    keys.push_back(warnings[w].key);
    messages.push_back(warnings[w].message);
    for (const auto& item : warnings[w].items) {
      items.push_back(item);
      item_of.push_back(static_cast<double>(w));
    }
  }
  h5::Group group = h5::create_group(root, layout::kWarnings);
  h5::write_strings(group.get(), layout::kWarningKey, keys);
  h5::write_strings(group.get(), layout::kWarningMessage, messages);
  h5::write_strings(group.get(), layout::kWarningItem, items);
  h5::write_plain_doubles(group.get(), layout::kWarningItemOf, {item_of.size()}, item_of);
}

// --per-practice figures held in memory, streamed to `file` as one batch per option.
void write_practice_traces(ResultsFile& file, const RunResults& results) {
  const bool any = std::any_of(results.options.begin(), results.options.end(),
                               [](const OptionResults& o) { return !o.practice_traces.empty(); });
  if (!any) return;
  PracticeLayout practices;
  for (const auto& option : results.options) practices.option_names.push_back(option.name);
  practices.trace_names = results.options.front().practice_trace_names;
  practices.trace_units = results.options.front().practice_trace_units;
  practices.practice_codes = results.practice_codes;
  practices.years = results.year_labels.size();
  file.start_practices(practices);
  for (std::size_t o = 0; o < results.options.size(); ++o) {
    file.append_practice_batch({o, 0, results.iterations, results.options[o].practice_traces});
  }
}

}  // namespace

void write_contents(hid_t root, const RunResults& results, const Provenance& provenance,
                    const ParallelFor& parallel) {
  const auto iterations = static_cast<std::size_t>(results.iterations);
  const std::size_t years = results.year_labels.size();
  write_provenance(root, results, provenance);
  h5::write_strings(root, layout::kYears, results.year_labels);
  write_warnings(root, results.warnings);

  h5::Group parameters = h5::create_group(root, layout::kParameters);
  write_parameter_columns(parameters.get(), results.parameters);

  h5::Group options = open_or_create_group(root, layout::kOptions);
  std::vector<std::string> order;
  for (const auto& option : results.options) order.push_back(option.name);
  h5::write_string_array_attribute(options.get(), layout::kOptionOrder, order);
  for (const auto& option : results.options) {
    write_option(options.get(), option, iterations, years, parallel);
  }
  write_comparison(root, results);              // /comparison, when there are at least 2 options
  write_run_spearman(root, results, parallel);  // /sensitivity/<option>/spearman
  write_analytics(root, results);               // drivers, EVPPI, Sobol by year (when computed)
  attach_dimension_scales(root, results);       // last: every dataset it labels exists now
}

void write_results(const fs::path& out, bool force, const RunResults& results,
                   const Provenance& provenance, const ParallelFor& parallel) {
  validate_for_writing(results, provenance);
  ResultsFile file = ResultsFile::open_temporary(out, force);
  write_practice_traces(file, results);
  file.finish(results, provenance, parallel);
}

}  // namespace pcsim::output
