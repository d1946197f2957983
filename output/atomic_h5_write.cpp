#include "output/atomic_h5_write.hpp"

#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "output/hdf5_file_checksum.hpp"

namespace pcsim::output {

namespace fs = std::filesystem;

AtomicH5File AtomicH5File::create(const fs::path& out, bool force) {
  check_output_path(out, force);
  AtomicH5File file;
  file.out_ = out;
  file.force_ = force;
  file.out_existed_ = exists_in_any_form(out);
  for (auto& stale : find_stale_temporaries(out)) {
    std::error_code error;
    if (fs::remove(stale.path, error)) file.stale_removed_.push_back(std::move(stale));
  }
  file.temporary_ = unique_temporary_path(out);
  // Only a file this call created is ever removed: when the creation fails there is no
  // AtomicH5File to remove anything.
  try {
    file.file_ = h5::GuardedFile::create(file.temporary_);
  } catch (const OutputError& error) {
    const std::string left = file.out_existed_
                                 ? fmt::format("'{}' is unchanged", out.filename().string())
                                 : std::string("nothing was written");
    throw OutputError(fmt::format("cannot write '{}': {} ({})", out.string(), error.what(), left));
  }
  return file;
}

AtomicH5File::~AtomicH5File() { discard(); }

AtomicH5File::AtomicH5File(AtomicH5File&& other) noexcept
    : out_(std::move(other.out_)),
      temporary_(std::move(other.temporary_)),
      force_(other.force_),
      out_existed_(other.out_existed_),
      committed_(std::exchange(other.committed_, true)),  // the source owns nothing now
      stale_removed_(std::move(other.stale_removed_)),
      file_(std::move(other.file_)) {}

AtomicH5File& AtomicH5File::operator=(AtomicH5File&& other) noexcept {
  if (this != &other) {
    discard();
    out_ = std::move(other.out_);
    temporary_ = std::move(other.temporary_);
    force_ = other.force_;
    out_existed_ = other.out_existed_;
    committed_ = std::exchange(other.committed_, true);
    stale_removed_ = std::move(other.stale_removed_);
    file_ = std::move(other.file_);
  }
  return *this;
}

OutputError AtomicH5File::write_failure(const std::string& reason) const {
  const std::string left = out_existed_ ? fmt::format("'{}' is unchanged", out_.filename().string())
                                        : std::string("nothing was written");
  return OutputError(fmt::format("cannot write '{}': {} (the incomplete '{}' is removed; {})",
                                 out_.string(), reason, temporary_.filename().string(), left));
}

void AtomicH5File::write_stage(h5::WriteStage stage, const std::function<void()>& write) {
  if (committed_ || !file_.valid()) throw OutputError("the results file is already finished");
  h5::WriteRecord& record = file_.record();
  if (const int error = h5::injected_error(stage)) record.fail(error, "write");
  try {
    write();
  } catch (const OutputError&) {
    // HDF5 may stumble on what a failed write left behind: the write is the cause.
    if (record.failed()) throw write_failure(record.reason());
    throw;
  }
  if (record.failed()) throw write_failure(record.reason());
}

void AtomicH5File::commit() {
  write_stage(h5::WriteStage::flush, [&] {
    h5::check_status(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), "cannot flush the results file");
    file_.close();
  });
  try {
    h5::write_file_checksum(temporary_);  // covers what HDF5's own checksums do not
    sync_to_disk(temporary_);
    run_interruption_check();
    rename_into_place(temporary_, out_, force_);
  } catch (const OutputError& error) {
    // The runner's signal handler removes the temporary at once (runner/interrupts.hpp):
    // a signal between the check and the rename makes the rename fail, and the signal,
    // not the file system, is then the reason.
    run_interruption_check();
    throw write_failure(error.what());
  }
  committed_ = true;
}

void AtomicH5File::discard() noexcept {
  if (committed_) return;
  file_ = h5::GuardedFile();  // closes: the guard driver lets HDF5 release everything
  if (temporary_.empty()) return;
  std::error_code ignored;
  fs::remove(temporary_, ignored);
}

void write_h5_atomically(const fs::path& out, bool force,
                         const std::function<void(hid_t root)>& write) {
  AtomicH5File file = AtomicH5File::create(out, force);
  file.write_stage(h5::WriteStage::contents, [&] { write(file.root()); });
  file.commit();
}

}  // namespace pcsim::output
