#include "output/compressed_datasets.hpp"

#include <algorithm>

#include "output/file_system.hpp"
#include "output/hdf5_chunk_filter.hpp"
#include "output/hdf5_datasets.hpp"

namespace pcsim::output::h5 {

namespace {

// One chunk to store: its dataset, its first row, and its values (fewer than a whole
// chunk's at the dataset's last rows).
struct ChunkJob {
  std::size_t dataset;
  hsize_t first_row;
  std::span<const double> values;
  std::size_t chunk_elements;
};

}  // namespace

hid_t CompressedDatasets::add(hid_t parent, const std::string& name,
                              const std::vector<hsize_t>& dims, std::span<const double> values) {
  // Both check that the values fill the shape; an empty array has no chunk to filter.
  Dataset dataset = values.empty() ? write_compressed_doubles(parent, name, dims, values)
                                   : create_compressed_doubles(parent, name, dims, values);
  datasets_.push_back({std::move(dataset), name, dims, values});
  return datasets_.back().dataset.get();
}

void CompressedDatasets::write_queued() {
  std::vector<ChunkJob> jobs;
  for (std::size_t d = written_; d < datasets_.size(); ++d) {
    const Queued& q = datasets_[d];
    if (q.values.empty()) continue;
    const std::size_t row_elements = q.values.size() / static_cast<std::size_t>(q.dims.front());
    const std::size_t chunk_rows = static_cast<std::size_t>(compressed_chunk_rows(q.dims));
    const std::size_t chunk_elements = chunk_rows * row_elements;
    for (std::size_t first = 0; first < q.values.size(); first += chunk_elements) {
      const std::size_t count = std::min(chunk_elements, q.values.size() - first);
      jobs.push_back({d, static_cast<hsize_t>(first / row_elements), q.values.subspan(first, count),
                      chunk_elements});
    }
  }
  const std::size_t window = kWindowChunksPerThread * std::max<std::size_t>(1, parallel_.width);
  std::vector<std::vector<unsigned char>> stored(window);
  for (std::size_t start = 0; start < jobs.size(); start += window) {
    run_interruption_check();  // a safe point between windows, as between datasets
    const std::size_t count = std::min(window, jobs.size() - start);
    parallel_(count, [&](std::size_t k) {
      const ChunkJob& job = jobs[start + k];
      stored[k] =
          filter_chunk(job.values, job.chunk_elements, static_cast<int>(kDeflateLevel), search_);
    });
    for (std::size_t k = 0; k < count; ++k) {
      const ChunkJob& job = jobs[start + k];
      const Queued& q = datasets_[job.dataset];
      std::vector<hsize_t> offset(q.dims.size(), 0);
      offset.front() = job.first_row;
      // Filter mask 0: every filter of the dataset's pipeline was applied.
      check_status(H5Dwrite_chunk(q.dataset.get(), H5P_DEFAULT, 0, offset.data(), stored[k].size(),
                                  stored[k].data()),
                   "cannot write dataset '" + q.name + "'");
    }
  }
  written_ = datasets_.size();
}

}  // namespace pcsim::output::h5
