#include "output/results_file.hpp"

#include <optional>

#include "core/errors.hpp"
#include "output/atomic_h5_write.hpp"
#include "output/practice_writer.hpp"
#include "output/results_contents.hpp"
#include "output/results_validation.hpp"

namespace pcsim::output {

namespace fs = std::filesystem;

// Members are destroyed in reverse order: the per-practice datasets close before the file.
struct ResultsFile::State {
  explicit State(AtomicH5File created) : file(std::move(created)) {}
  AtomicH5File file;
  std::optional<PracticeWriter> practices;
  bool finished = false;
};

ResultsFile::ResultsFile(std::unique_ptr<State> state) : state_(std::move(state)) {}

ResultsFile::~ResultsFile() { discard(); }

ResultsFile::ResultsFile(ResultsFile&& other) noexcept = default;

ResultsFile& ResultsFile::operator=(ResultsFile&& other) noexcept {
  if (this != &other) {
    discard();
    state_ = std::move(other.state_);
  }
  return *this;
}

ResultsFile ResultsFile::open_temporary(const fs::path& out, bool force) {
  return ResultsFile(std::make_unique<State>(AtomicH5File::create(out, force)));
}

void ResultsFile::start_practices(const PracticeLayout& layout) {
  if (!state_ || state_->finished) throw OutputError("the results file is already finished");
  if (state_->practices) throw OutputError("per-practice figures declared twice");
  State& s = *state_;
  // Part of setting the file up, before the first batch.
  s.file.write_stage(h5::WriteStage::create, [&] { s.practices.emplace(s.file.root(), layout); });
}

void ResultsFile::append_practice_batch(const PracticeBatch& batch) {
  if (!state_ || !state_->practices || state_->finished) {
    throw OutputError("a per-practice batch before start_practices or after finish");
  }
  State& s = *state_;
  s.file.write_stage(h5::WriteStage::practice_batch, [&] { s.practices->append(batch); });
}

void ResultsFile::finish(const RunResults& results, const Provenance& provenance,
                         const ParallelFor& parallel) {
  if (!state_ || state_->finished) throw OutputError("the results file is already finished");
  validate_for_writing(results, provenance);
  State& s = *state_;
  s.file.write_stage(h5::WriteStage::contents, [&] {
    if (s.practices) {
      s.practices->finish(results.iterations);
      s.practices.reset();
    }
    write_contents(s.file.root(), results, provenance, parallel);
  });
  s.file.commit();
  s.finished = true;
}

const fs::path& ResultsFile::path() const { return state_->file.path(); }

const fs::path& ResultsFile::temporary_path() const { return state_->file.temporary_path(); }

const std::vector<StaleTemporary>& ResultsFile::stale_temporaries_removed() const {
  return state_->file.stale_removed();
}

void ResultsFile::discard() noexcept {
  if (!state_ || state_->finished) return;
  state_->practices.reset();  // its datasets close before the file
  state_.reset();             // AtomicH5File closes the file and removes the temporary
}

}  // namespace pcsim::output
