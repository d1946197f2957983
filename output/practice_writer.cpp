#include "output/practice_writer.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/errors.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/option_writer.hpp"
#include "output/results_layout.hpp"

namespace pcsim::output {

namespace {

constexpr hsize_t kMaxChunkBytes = hsize_t{1} << 20;
constexpr hsize_t kMaxChunkIterations = 256;
// Room for a few chunks in each dataset's cache, so a chunk filled over two batches is
// completed in memory rather than read back and re-compressed.
constexpr std::size_t kChunkCacheSlots = 521;  // HDF5's default; a prime, as it advises
constexpr double kEvictFullChunksFirst = 1.0;

[[noreturn]] void fail(const std::string& message) {
  throw OutputError("cannot write per-practice results: " + message);
}

h5::Dataset create_extendible(hid_t group, const std::string& name, hsize_t practices,
                              hsize_t years) {
  const std::string what = "cannot create dataset 'practices/" + name + "'";
  const std::vector<hsize_t> dims = {0, practices, years};
  const std::vector<hsize_t> max_dims = {H5S_UNLIMITED, practices, years};
  h5::Dataspace space(H5Screate_simple(3, dims.data(), max_dims.data()), what);

  const std::vector<hsize_t> chunk = {practice_chunk_rows(practices, years), practices, years};
  h5::PropertyList creation(H5Pcreate(H5P_DATASET_CREATE), what);
  h5::check_status(H5Pset_chunk(creation.get(), 3, chunk.data()), what);
  h5::check_status(H5Pset_shuffle(creation.get()), what);
  h5::check_status(H5Pset_deflate(creation.get(), h5::kDeflateLevel), what);
  h5::check_status(H5Pset_fletcher32(creation.get()), what);  // damage is found on reading

  const hsize_t chunk_bytes = chunk[0] * practices * years * sizeof(double);
  h5::PropertyList access(H5Pcreate(H5P_DATASET_ACCESS), what);
  h5::check_status(
      H5Pset_chunk_cache(access.get(), kChunkCacheSlots, std::max(kMaxChunkBytes, 4 * chunk_bytes),
                         kEvictFullChunksFirst),
      what);
  return h5::Dataset(H5Dcreate2(group, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT,
                                creation.get(), access.get()),
                     what);
}

}  // namespace

hsize_t practice_chunk_rows(std::size_t practices, std::size_t years) {
  const hsize_t row_bytes =
      std::max<hsize_t>(1, static_cast<hsize_t>(practices) * years * sizeof(double));
  hsize_t rows = kMaxChunkIterations;
  while (rows > 1 && rows * row_bytes > kMaxChunkBytes) rows /= 2;
  return rows;
}

PracticeWriter::PracticeWriter(hid_t root, PracticeLayout layout) : layout_(std::move(layout)) {
  h5::silence_automatic_error_printing();
  if (layout_.trace_units.size() != layout_.trace_names.size()) {
    fail("one unit per figure expected");
  }
  if (layout_.practice_codes.empty() || layout_.years == 0) fail("no practices or no years");
  const std::size_t cells = layout_.practice_codes.size() * layout_.years;
  h5::Group options = open_or_create_group(root, layout::kOptions);
  for (const auto& name : layout_.option_names) {
    h5::Group option_group = open_or_create_group(options.get(), name);
    Option option;
    option.group = h5::create_group(option_group.get(), layout::kPractices);
    h5::write_strings(option.group.get(), layout::kPracticeCodes, layout_.practice_codes);
    for (std::size_t k = 0; k < layout_.trace_names.size(); ++k) {
      Figure figure;
      figure.dataset = create_extendible(option.group.get(), layout_.trace_names[k],
                                         layout_.practice_codes.size(), layout_.years);
      h5::write_string_attribute(figure.dataset.get(), layout::kUnit, layout_.trace_units[k]);
      figure.sums.assign(cells, 0.0);
      figure.counts.assign(cells, 0);
      option.figures.push_back(std::move(figure));
    }
    options_.push_back(std::move(option));
  }
}

void PracticeWriter::append(const PracticeBatch& batch) {
  h5::silence_automatic_error_printing();
  if (batch.option >= options_.size()) fail("a batch for an unknown option");
  Option& option = options_[batch.option];
  const std::string& name = layout_.option_names[batch.option];
  if (batch.first_iteration != option.rows) {
    fail("option '" + name + "': a batch starting at iteration " +
         std::to_string(batch.first_iteration) + " after " + std::to_string(option.rows) +
         " iterations (batches must come in order)");
  }
  if (batch.count < 0 || batch.traces.size() != option.figures.size()) {
    fail("option '" + name + "': a batch with the wrong number of figures");
  }
  const std::size_t cells = layout_.practice_codes.size() * layout_.years;
  const auto count = static_cast<std::size_t>(batch.count);
  for (std::size_t k = 0; k < option.figures.size(); ++k) {
    if (batch.traces[k].size() != count * cells) {
      fail("option '" + name + "': figure '" + layout_.trace_names[k] + "' has " +
           std::to_string(batch.traces[k].size()) + " values; expected " +
           std::to_string(count * cells));
    }
  }
  if (count == 0) return;
  for (std::size_t k = 0; k < option.figures.size(); ++k) {
    Figure& figure = option.figures[k];
    const std::vector<double>& values = batch.traces[k];
    write_rows(figure, batch.first_iteration, batch.count, values);
    // Iteration by iteration, in order: the same sums whatever the batch sizes.
    for (std::size_t i = 0; i < count; ++i) {
      for (std::size_t c = 0; c < cells; ++c) {
        const double v = values[i * cells + c];
        if (std::isnan(v)) {
          ++figure.n_nan;
        } else {
          figure.sums[c] += v;
          ++figure.counts[c];
        }
      }
    }
  }
  option.rows += batch.count;
}

void PracticeWriter::write_rows(Figure& figure, std::int64_t first, std::int64_t count,
                                const std::vector<double>& values) {
  const std::string what = "cannot append to a per-practice dataset";
  const auto practices = static_cast<hsize_t>(layout_.practice_codes.size());
  const auto years = static_cast<hsize_t>(layout_.years);
  const std::vector<hsize_t> extent = {static_cast<hsize_t>(first + count), practices, years};
  h5::check_status(H5Dset_extent(figure.dataset.get(), extent.data()), what);
  h5::Dataspace file_space(H5Dget_space(figure.dataset.get()), what);
  const std::vector<hsize_t> start = {static_cast<hsize_t>(first), 0, 0};
  const std::vector<hsize_t> block = {static_cast<hsize_t>(count), practices, years};
  h5::check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                       block.data(), nullptr),
                   what);
  h5::Dataspace memory_space = h5::create_dataspace(block);
  h5::check_status(H5Dwrite(figure.dataset.get(), H5T_NATIVE_DOUBLE, memory_space.get(),
                            file_space.get(), H5P_DEFAULT, values.data()),
                   what);
}

void PracticeWriter::finish(std::int64_t iterations) {
  h5::silence_automatic_error_printing();
  const std::vector<hsize_t> shape = {layout_.practice_codes.size(), layout_.years};
  for (std::size_t o = 0; o < options_.size(); ++o) {
    Option& option = options_[o];
    if (option.rows != iterations) {
      fail("option '" + layout_.option_names[o] + "' holds " + std::to_string(option.rows) +
           " iterations; the run has " + std::to_string(iterations));
    }
    h5::Group summary = h5::create_group(option.group.get(), layout::kSummary);
    for (std::size_t k = 0; k < option.figures.size(); ++k) {
      Figure& figure = option.figures[k];
      std::vector<double> means(figure.sums.size());
      for (std::size_t c = 0; c < means.size(); ++c) {
        means[c] = figure.counts[c] == 0 ? std::nan("")
                                         : figure.sums[c] / static_cast<double>(figure.counts[c]);
      }
      h5::Dataset dataset =
          h5::write_plain_doubles(summary.get(), layout_.trace_names[k], shape, means);
      h5::write_string_attribute(dataset.get(), layout::kUnit, layout_.trace_units[k]);
      h5::write_int64_attribute(dataset.get(), layout::kNanCount, figure.n_nan);
      figure.dataset.close("cannot close per-practice dataset '" + layout_.trace_names[k] + "'");
    }
    option.group.close("cannot close a per-practice group");
  }
}

}  // namespace pcsim::output
