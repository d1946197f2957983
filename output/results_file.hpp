#pragma once
// A results file written while the run goes (layout: docs/output-format.md): opened as
// OUT.tmp when the run starts, fed the --per-practice figures batch by batch (so their
// memory does not grow with the iterations), then finished - everything else written,
// flushed, synced - and renamed to OUT. Only a complete file ever carries the final name.
#include <filesystem>
#include <memory>

#include "output/practice_batch.hpp"
#include "output/run_results.hpp"

namespace pcsim::output {

class ResultsFile {
 public:
  // Refuses (OutputError "'OUT' exists; use --force to replace it") when `out` exists in
  // any form (a dangling link too) and `force` is false; otherwise creates OUT.tmp
  // (truncating a stale one left by a killed run). OUT's folder must exist.
  static ResultsFile open_temporary(const std::filesystem::path& out, bool force);

  // Without a successful finish(): closes the file and removes OUT.tmp, so a failed or
  // interrupted run leaves nothing behind. An existing OUT is never touched.
  ~ResultsFile();
  ResultsFile(ResultsFile&& other) noexcept;
  ResultsFile& operator=(ResultsFile&& other) noexcept;
  ResultsFile(const ResultsFile&) = delete;
  ResultsFile& operator=(const ResultsFile&) = delete;

  // Declares the per-practice figures (once, before the first batch): creates
  // /options/<option>/practices/ with codes and empty extendible datasets.
  void start_practices(const PracticeLayout& layout);

  // Writes one batch (output/practice_batch.hpp) and adds it to the running sums of the
  // per-practice means. Batches of each option come in iteration order.
  void append_practice_batch(const PracticeBatch& batch);

  // Writes the per-practice summaries (when started; every option must then hold
  // results.iterations rows) and everything else of `results` and `provenance`, flushes,
  // closes and syncs OUT.tmp and renames it to OUT. RunResults::practice_traces is not
  // read here (write_results streams it first). On failure OutputError propagates and the
  // destructor removes OUT.tmp. Call at most once.
  void finish(const RunResults& results, const Provenance& provenance);

  const std::filesystem::path& path() const;            // OUT
  const std::filesystem::path& temporary_path() const;  // OUT.tmp

 private:
  struct State;
  explicit ResultsFile(std::unique_ptr<State> state);
  void discard() noexcept;

  std::unique_ptr<State> state_;
};

}  // namespace pcsim::output
