#pragma once
// Every HDF5 file pcsim writes goes through a small file driver of its own (POSIX pwrite
// and pread, like HDF5's default "sec2" driver) that never reports a failed write to
// HDF5: it records the first failure (the system's errno and what was being written) and
// from then on discards what HDF5 writes. The writers ask the record after each stage.
//
// Why: HDF5 1.10.8 cannot close a file once a flush has failed (its metadata cache is left
// inconsistent, H5C_set_slist_enabled, so every later flush and H5Fclose fail too). The
// file's id then stays open for ever and HDF5's exit handler (H5_term_library ->
// H5F__close_cb) crashes on it: a full disk ended in a segmentation fault. With this
// driver HDF5 always succeeds in closing, so every id is released on every path.
#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "output/hdf5_handles.hpp"

namespace pcsim::output::h5 {

// The first failed system call on one file written through the driver.
class WriteRecord {
 public:
  bool failed() const { return error_ != 0; }
  int error() const { return error_; }                         // its errno
  const std::string& operation() const { return operation_; }  // "write", "truncate", ...
  std::string reason() const;                                  // strerror(error())
  std::uint64_t bytes_written() const { return bytes_written_; }

  // Called by the driver (and by the test seam below). Only the first failure is kept.
  void fail(int error, const std::string& operation);
  void add_written(std::uint64_t bytes) { bytes_written_ += bytes; }

 private:
  int error_ = 0;
  std::string operation_;
  std::uint64_t bytes_written_ = 0;
};

// An HDF5 file created for writing through the driver, with the record of its writes.
class GuardedFile {
 public:
  // Creates `path`, which must not exist yet (O_EXCL), in the HDF5 1.10 file format, whose
  // metadata (superblock, object headers, chunk indexes) carries checksums, with a user
  // block for the whole-file checksum (hdf5_file_checksum.hpp), and with
  // H5F_CLOSE_STRONG (closing the file closes every object still open in it). Throws
  // OutputError naming the path and the system's reason when it cannot be created.
  static GuardedFile create(const std::filesystem::path& path);

  GuardedFile() = default;
  GuardedFile(GuardedFile&&) noexcept = default;
  // Closes the file it held before its record goes (the driver writes into the record).
  GuardedFile& operator=(GuardedFile&& other) noexcept {
    file_ = std::move(other.file_);
    record_ = std::move(other.record_);
    return *this;
  }
  ~GuardedFile() = default;  // file_ is destroyed (closed) first, then record_

  hid_t get() const { return file_.get(); }
  bool valid() const { return file_.valid(); }
  const WriteRecord& record() const { return *record_; }
  WriteRecord& record() { return *record_; }

  // Closes the file (flushing it) and reports a failure: an HDF5 error, or a write that
  // did not reach the file. Every identifier of the file is released either way.
  void close();

 private:
  std::unique_ptr<WriteRecord> record_;  // outlives file_, whose driver writes into it
  File file_;
};

// --- Test seam: failures on purpose, as a full disk or a failing device would give. ---
// It costs the writers one comparison per stage and the driver one per write.

// The stages of writing a results file (output/atomic_h5_write.hpp, results_file.hpp).
enum class WriteStage { create, practice_batch, contents, flush, sync, rename };

struct WriteFault {
  std::optional<WriteStage> stage;  // fail on entering this stage, with `error`
  int error = 0;                    // an errno value, e.g. ENOSPC, EIO, EDQUOT, EFBIG
  // Writes that would take a file past this many bytes fail with `error` (a small disk).
  std::uint64_t byte_budget = UINT64_MAX;
};

// Replaces the process's injected fault (WriteFault{} clears it). Tests only.
void set_write_fault(const WriteFault& fault);
// The errno to fail `stage` with, or 0 (no fault injected for it).
int injected_error(WriteStage stage);

}  // namespace pcsim::output::h5
