#include "runner/distributed_rows.hpp"

#include <algorithm>
#include <iostream>
#include <vector>

#include "core/errors.hpp"
#include "runner/collective_step.hpp"
#include "runner/interrupts.hpp"

namespace pcsim::runner {

RowRange share_of(RowRange chunk, int rank, int size) {
  const std::int64_t n = std::max(1, size);
  const std::int64_t r = rank;
  const std::int64_t base = chunk.count / n;
  const std::int64_t extra = chunk.count % n;
  const std::int64_t first = chunk.first + r * base + std::min(r, extra);
  return {first, base + (r < extra ? 1 : 0)};
}

DistributedRows::DistributedRows(const Communicator& processes, int threads, std::int64_t grain,
                                 Progress& progress, std::int64_t units_per_row)
    : processes_(processes),
      pool_(threads, grain),
      progress_(progress),
      uncounted_(ProgressStyle::Silent, std::cerr),
      units_per_row_(units_per_row) {}

RowRange DistributedRows::compute(RowRange chunk, const RangeBody& body) {
  const RowRange mine = share_of(chunk, processes_.rank(), processes_.size());
  const bool count_here = processes_.size() == 1;
  all_or_none(processes_, [&] {
    // The pool looks for a signal before each range (cancelling the rest of the share);
    // the last look covers an empty share and a signal during the last range.
    pool_.run(mine.count, uncounted_, [&](std::int64_t begin, std::int64_t end) {
      body(mine.first + begin, mine.first + end);
      if (count_here) progress_.advance((end - begin) * units_per_row_);
    });
    throw_if_interrupted();
  });
  return mine;
}

void DistributedRows::gather(RowRange chunk, std::size_t width, std::span<const double> mine,
                             const RowReceiver& receive) {
  const int size = processes_.size();
  all_or_none(processes_, [&] {
    if (mine.size() !=
        static_cast<std::size_t>(share_of(chunk, processes_.rank(), size).count) * width) {
      throw ModelError("a process's rows do not fill its share of the chunk");
    }
    processes_.gather(mine, [&](int rank, std::span<const double> values) {
      const RowRange share = share_of(chunk, rank, size);
      if (values.size() != static_cast<std::size_t>(share.count) * width) {
        throw ModelError("process " + std::to_string(rank) + " sent rows of the wrong size");
      }
      if (share.count > 0) receive(share, values);
    });
  });
  if (size > 1 && processes_.root()) progress_.advance(chunk.count * units_per_row_);
}

void DistributedRows::run(std::int64_t count, std::int64_t rows_per_process, std::size_t width,
                          const RowBody& body, const RowReceiver& receive) {
  const std::int64_t chunk_rows = std::max<std::int64_t>(1, rows_per_process) * processes_.size();
  std::vector<double> rows;
  for (std::int64_t first = 0; first < count; first += chunk_rows) {
    const RowRange chunk{first, std::min(chunk_rows, count - first)};
    const RowRange mine = share_of(chunk, processes_.rank(), processes_.size());
    rows.assign(static_cast<std::size_t>(mine.count) * width, 0.0);
    compute(chunk, [&](std::int64_t begin, std::int64_t end) {
      const auto offset = static_cast<std::size_t>(begin - mine.first) * width;
      body(begin, end,
           std::span<double>(rows).subspan(offset, static_cast<std::size_t>(end - begin) * width));
    });
    gather(chunk, width, rows, receive);
  }
}

}  // namespace pcsim::runner
