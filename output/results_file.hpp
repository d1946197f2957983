#pragma once
// A results file written while the run goes (layout: docs/output-format.md): opened as a
// temporary unique to the run (OUT.<pid>.<random>.tmp) when the run starts, fed the
// --per-practice figures batch by batch (so their memory does not grow with the
// iterations), then finished - everything else written, flushed, synced - and renamed to
// OUT. Only a complete file ever carries the final name (output/atomic_h5_write.hpp).
#include <filesystem>
#include <memory>
#include <vector>

#include "output/file_system.hpp"
#include "output/parallel_for.hpp"
#include "output/practice_batch.hpp"
#include "output/run_results.hpp"

namespace pcsim::output {

class ResultsFile {
 public:
  // Refuses an existing non-regular `out` (a directory, device, FIFO), and an existing
  // `out` in any form (a dangling link too) unless `force`; removes the temporaries of OUT
  // left by runs no longer running (stale_temporaries_removed()); creates this run's
  // temporary. OUT's folder must exist. Throws OutputError.
  static ResultsFile open_temporary(const std::filesystem::path& out, bool force);

  // Without a successful finish(): closes the file and removes the temporary, so a failed
  // or interrupted run leaves nothing behind. An existing OUT is never touched.
  ~ResultsFile();
  ResultsFile(ResultsFile&& other) noexcept;
  ResultsFile& operator=(ResultsFile&& other) noexcept;
  ResultsFile(const ResultsFile&) = delete;
  ResultsFile& operator=(const ResultsFile&) = delete;

  // Declares the per-practice figures (once, before the first batch): creates
  // /options/<option>/practices/ with codes and empty extendible datasets.
  void start_practices(const PracticeLayout& layout);

  // Writes one batch (output/practice_batch.hpp) and adds it to the running sums of the
  // per-practice means. Batches of each option come in iteration order. A write that did
  // not reach the disk (full, quota, file-size limit, I/O error) is an OutputError naming
  // OUT and the system's reason, here rather than at the end of the run.
  void append_practice_batch(const PracticeBatch& batch);

  // Writes the per-practice summaries (when started; every option must then hold
  // results.iterations rows) and everything else of `results` and `provenance`, flushes,
  // closes and syncs the temporary and renames it to OUT (replacing an existing OUT only
  // with `force`; an OUT that another run created meanwhile is an error without it).
  // RunResults::practice_traces is not read here (write_results streams it first). On
  // failure OutputError propagates and the destructor removes the temporary. Call at
  // most once. The summaries, correlations and compression of the per-iteration datasets
  // run through `parallel` (the runner's threads); HDF5 is called on this thread only.
  void finish(const RunResults& results, const Provenance& provenance,
              const ParallelFor& parallel = sequential_for);

  const std::filesystem::path& path() const;            // OUT
  const std::filesystem::path& temporary_path() const;  // OUT.<pid>.<random>.tmp
  // Temporaries of OUT left by killed runs, removed by open_temporary().
  const std::vector<StaleTemporary>& stale_temporaries_removed() const;

 private:
  struct State;
  explicit ResultsFile(std::unique_ptr<State> state);
  void discard() noexcept;

  std::unique_ptr<State> state_;
};

}  // namespace pcsim::output
