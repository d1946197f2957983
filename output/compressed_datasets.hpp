#pragma once
// Per-iteration float64 datasets whose chunks are compressed on the run's threads: HDF5
// runs its filters on the one thread that writes, and at the end of a large run the
// deflate of every per-iteration dataset was most of the serial time left (docs/
// performance.md, "The end of a run"). Here each chunk's stored bytes are computed by
// output/hdf5_chunk_filter (the same shuffle, deflate and Fletcher-32 HDF5 would apply),
// several chunks at once through a ParallelFor, and this thread then stores them in order
// with H5Dwrite_chunk. With DeflateSearch::full the file holds the same datasets, chunks
// and bytes as write_compressed_doubles writes; with ::runs (results files) the deflate
// streams differ and inflate to the same bytes. Either way the file is the same whatever
// the thread count (tests/output/test_compressed_datasets.cpp).
#include <hdf5.h>

#include <span>
#include <string>
#include <vector>

#include "output/hdf5_chunk_filter.hpp"
#include "output/hdf5_handles.hpp"
#include "output/parallel_for.hpp"

namespace pcsim::output::h5 {

class CompressedDatasets {
 public:
  // Chunks filtered at once per thread of the ParallelFor: two keep both busy while the
  // memory of the filtered bytes waiting to be stored stays a few chunks of kMaxChunkRows
  // rows a thread, whatever the run's size (runner/run_estimate.cpp counts it).
  static constexpr std::size_t kWindowChunksPerThread = 2;

  // `search` DeflateSearch::runs for results files (twice as fast; hdf5_chunk_filter.hpp),
  // full for the bytes HDF5's own filters would store.
  CompressedDatasets(ParallelFor parallel, DeflateSearch search)
      : parallel_(std::move(parallel)), search_(search) {}

  // Creates `name` under `parent` as write_compressed_doubles would (row-major `values` of
  // shape `dims`, 1-D or 2-D) and queues its values, which must stay alive and unchanged
  // until write_queued(). Returns the dataset, open until this object is destroyed, for
  // its attributes. An empty array is written at once, as write_compressed_doubles does.
  hid_t add(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims,
            std::span<const double> values);

  // Filters every queued chunk (a window of kWindowChunksPerThread a thread at a time,
  // through the ParallelFor) and
  // stores each in its dataset, in the order they were queued.
  void write_queued();

 private:
  struct Queued {
    Dataset dataset;
    std::string name;
    std::vector<hsize_t> dims;
    std::span<const double> values;
  };
  ParallelFor parallel_;
  DeflateSearch search_;
  std::vector<Queued> datasets_;
  std::size_t written_ = 0;  // datasets_[0, written_) are stored
};

}  // namespace pcsim::output::h5
