#include "output/results_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <system_error>

#include "core/errors.hpp"
#include "output/file_system.hpp"
#include "output/hdf5_handles.hpp"
#include "output/practice_writer.hpp"
#include "output/results_contents.hpp"
#include "output/results_validation.hpp"

namespace pcsim::output {

namespace fs = std::filesystem;

// Members are destroyed in reverse order: the per-practice datasets close before the file.
struct ResultsFile::State {
  fs::path out;
  fs::path temporary;
  h5::File file;
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
  if (!force && exists_in_any_form(out)) {
    throw OutputError("'" + out.string() + "' exists; use --force to replace it");
  }
  auto state = std::make_unique<State>();
  state->out = out;
  state->temporary = out;
  state->temporary += ".tmp";
  // Only a file this call created is ever removed: when H5Fcreate fails (say a directory
  // holds the .tmp name) no ResultsFile exists to remove anything.
  state->file = h5::create_file(state->temporary);
  return ResultsFile(std::move(state));
}

void ResultsFile::start_practices(const PracticeLayout& layout) {
  if (!state_ || state_->finished) throw OutputError("the results file is already finished");
  if (state_->practices) throw OutputError("per-practice figures declared twice");
  state_->practices.emplace(state_->file.get(), layout);
}

void ResultsFile::append_practice_batch(const PracticeBatch& batch) {
  if (!state_ || !state_->practices || state_->finished) {
    throw OutputError("a per-practice batch before start_practices or after finish");
  }
  state_->practices->append(batch);
}

void ResultsFile::finish(const RunResults& results, const Provenance& provenance) {
  if (!state_ || state_->finished) throw OutputError("the results file is already finished");
  validate_for_writing(results, provenance);
  State& s = *state_;
  if (s.practices) {
    s.practices->finish(results.iterations);
    s.practices.reset();
  }
  write_contents(s.file.get(), results, provenance);
  const std::string name = s.temporary.string();
  h5::check_status(H5Fflush(s.file.get(), H5F_SCOPE_GLOBAL), "cannot flush '" + name + "'");
  s.file.close("cannot close '" + name + "'");
  sync_to_disk(s.temporary);
  std::error_code error;
  fs::rename(s.temporary, s.out, error);
  if (error) {
    throw OutputError("cannot rename '" + name + "' to '" + s.out.string() +
                      "': " + error.message());
  }
  s.finished = true;
}

const fs::path& ResultsFile::path() const { return state_->out; }

const fs::path& ResultsFile::temporary_path() const { return state_->temporary; }

void ResultsFile::discard() noexcept {
  if (!state_ || state_->finished) return;
  state_->practices.reset();
  state_->file = h5::File();  // closes without reporting: nothing to report to here
  std::error_code ignored;
  fs::remove(state_->temporary, ignored);
}

}  // namespace pcsim::output
