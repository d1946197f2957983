#include "output/dimension_scales.hpp"

#include <hdf5_hl.h>

#include <numeric>
#include <string>
#include <vector>

#include "output/comparison_layout.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"
#include "output/results_layout.hpp"

namespace pcsim::output {

namespace {

// One dimension of a dataset: which scale, and the label written beside it.
struct Dimension {
  hid_t scale;
  const char* label;
};

void attach(hid_t parent, const std::string& name, const std::vector<Dimension>& dimensions) {
  h5::Dataset dataset = h5::open_dataset(parent, name);
  const std::string what = "cannot attach dimension scales to '" + name + "'";
  const std::vector<hsize_t> dims = h5::dataset_dims(dataset.get());
  if (dims.size() != dimensions.size()) return;  // not the shape these scales describe
  for (unsigned k = 0; k < dimensions.size(); ++k) {
    h5::check_status(H5DSattach_scale(dataset.get(), dimensions[k].scale, k), what);
    h5::check_status(H5DSset_label(dataset.get(), k, dimensions[k].label), what);
  }
}

// /iteration: 0..n-1 as int64, chunked and deflated like the data it indexes.
h5::Dataset write_iteration_scale(hid_t root, std::size_t iterations) {
  const std::string what = "cannot write the iteration scale";
  std::vector<std::int64_t> values(iterations);
  std::iota(values.begin(), values.end(), std::int64_t{0});
  h5::Dataspace space = h5::create_dataspace({iterations});
  h5::PropertyList list(H5Pcreate(H5P_DATASET_CREATE), what);
  if (iterations > 0) {
    const hsize_t chunk = std::min<hsize_t>(iterations, h5::kMaxChunkRows);
    h5::check_status(H5Pset_chunk(list.get(), 1, &chunk), what);
    h5::check_status(H5Pset_shuffle(list.get()), what);
    h5::check_status(H5Pset_deflate(list.get(), h5::kDeflateLevel), what);
  }
  h5::Dataset dataset(H5Dcreate2(root, layout::kIterationScale, H5T_STD_I64LE, space.get(),
                                 H5P_DEFAULT, list.get(), H5P_DEFAULT),
                      what);
  if (iterations > 0) {
    h5::check_status(
        H5Dwrite(dataset.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
        what);
  }
  return dataset;
}

// Marks `dataset` as a dimension scale named like the dataset itself (the netCDF-4
// convention for a coordinate variable).
void make_scale(hid_t dataset, const char* name) {
  h5::check_status(H5DSset_scale(dataset, name),
                   std::string("cannot make '") + name + "' a dimension scale");
}

void attach_group_items(hid_t group, const std::vector<std::string>& metrics,
                        const std::vector<std::string>& scalars, Dimension iteration,
                        Dimension year) {
  for (const auto& name : metrics) attach(group, name, {iteration, year});
  for (const auto& name : scalars) attach(group, name, {iteration});
}

void attach_parameters(hid_t group, const std::vector<ParameterColumn>& columns,
                       Dimension iteration) {
  for (const auto& column : columns) attach(group, column.name, {iteration});
}

// /options/<o>/practices: the figures and their summaries.
void attach_practices(hid_t practices, Dimension iteration, Dimension practice, Dimension year) {
  h5::Group summary = h5::open_group(practices, layout::kSummary);
  for (const auto& name : h5::link_names(practices)) {
    if (name == layout::kPracticeCodes || name == layout::kSummary) continue;
    attach(practices, name, {iteration, practice, year});
    attach(summary.get(), name, {practice, year});
  }
  attach(practices, layout::kPracticeCodes, {practice});
}

}  // namespace

void attach_dimension_scales(hid_t root, const RunResults& results) {
  const auto iterations = static_cast<std::size_t>(results.iterations);
  h5::Dataset iteration_scale = write_iteration_scale(root, iterations);
  make_scale(iteration_scale.get(), layout::kIterationScale);
  h5::Dataset year_scale = h5::open_dataset(root, layout::kYears);
  make_scale(year_scale.get(), layout::kYears);
  const Dimension iteration{iteration_scale.get(), layout::kIterationLabel};
  const Dimension year{year_scale.get(), layout::kYearLabel};

  h5::Group parameters = h5::open_group(root, layout::kParameters);
  attach_parameters(parameters.get(), results.parameters, iteration);

  h5::Group options = h5::open_group(root, layout::kOptions);
  h5::Dataset practice_scale;
  for (const auto& option : results.options) {
    h5::Group group = h5::open_group(options.get(), option.name);
    attach_group_items(group.get(), option.metric_names, option.scalar_names, iteration, year);
    h5::Group own_parameters = h5::open_group(group.get(), layout::kParameters);
    attach_parameters(own_parameters.get(), option.parameters, iteration);
    if (h5::has_link(group.get(), layout::kCentral)) {
      h5::Group central = h5::open_group(group.get(), layout::kCentral);
      for (const auto& name : option.metric_names) attach(central.get(), name, {year});
    }
    if (!h5::has_link(group.get(), layout::kPractices)) continue;
    h5::Group practices = h5::open_group(group.get(), layout::kPractices);
    if (!practice_scale.valid()) {
      practice_scale =
          h5::write_strings(root, layout::kPracticeScale,
                            h5::read_string_dataset(practices.get(), layout::kPracticeCodes));
      make_scale(practice_scale.get(), layout::kPracticeScale);
    }
    attach_practices(practices.get(), iteration, {practice_scale.get(), layout::kPracticeLabel},
                     year);
  }

  if (!h5::has_link(root, layout::kComparison)) return;
  h5::Group comparison = h5::open_group(root, layout::kComparison);
  for (std::size_t o = 1; o < results.options.size(); ++o) {
    h5::Group group = h5::open_group(comparison.get(), results.options[o].name);
    attach_group_items(
        group.get(), h5::read_string_array_attribute(group.get(), layout::kMetricOrder),
        h5::read_string_array_attribute(group.get(), layout::kScalarOrder), iteration, year);
  }
}

}  // namespace pcsim::output
