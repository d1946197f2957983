#pragma once
// Writes the --per-practice figures under /options/<option>/practices while the run goes
// (layout: docs/output-format.md). Used by output/results_file.cpp.
#include <hdf5.h>

#include <cstdint>
#include <vector>

#include "output/hdf5_handles.hpp"
#include "output/practice_batch.hpp"

namespace pcsim::output {

// Rows of a per-practice chunk: the largest power of two up to 256 whose chunk
// (rows x practices x years float64) stays within 1 MiB, and at least 1. Depends on the
// shape only, so a run extended batch by batch is chunked like a run of its final size.
hsize_t practice_chunk_rows(std::size_t practices, std::size_t years);

// Per option: practices/codes at once, practices/<figure> as extendible float64
// [0 x practices x years] datasets grown by each batch (chunked by whole iterations,
// shuffle + deflate), and running sums for practices/summary/<figure> [practices x years],
// the mean over iterations with NaN left out (added in iteration order, so the sums do
// not depend on the thread count).
class PracticeWriter {
 public:
  // Creates the groups (and /options when missing) under the file's root.
  PracticeWriter(hid_t root, PracticeLayout layout);

  // Appends one batch. Batches of an option must come in iteration order without gaps;
  // throws OutputError for a batch out of order or of the wrong shape.
  void append(const PracticeBatch& batch);

  // Iterations written so far for `option`.
  std::int64_t rows(std::size_t option) const { return options_.at(option).rows; }

  // Writes the summaries and closes every dataset. Throws OutputError unless every option
  // holds `iterations` rows.
  void finish(std::int64_t iterations);

 private:
  struct Figure {
    h5::Dataset dataset;
    std::vector<double> sums;          // [practice * years + year], non-NaN values
    std::vector<std::int64_t> counts;  // how many values were added to each sum
    std::int64_t n_nan = 0;
  };
  struct Option {
    h5::Group group;  // /options/<option>/practices
    std::vector<Figure> figures;
    std::int64_t rows = 0;
  };

  void write_rows(Figure& figure, std::int64_t first, std::int64_t count,
                  const std::vector<double>& values);

  PracticeLayout layout_;
  std::vector<Option> options_;
};

}  // namespace pcsim::output
