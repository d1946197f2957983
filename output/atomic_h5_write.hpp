#pragma once
// Writing an HDF5 file so that only a complete file ever carries its final name: the data
// go to a temporary file unique to the run (OUT.<pid>.<random>.tmp, beside OUT), which is
// flushed, closed and synced, then renamed to OUT in one atomic step. A failure at any
// stage is one OutputError naming OUT and the system's reason; the temporary is removed
// and an existing OUT is never touched.
#include <hdf5.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "output/file_system.hpp"
#include "output/hdf5_write_guard.hpp"

namespace pcsim::output {

class AtomicH5File {
 public:
  // Checks `out` (check_output_path: an existing non-regular file is refused, and an
  // existing file without `force`), removes the temporaries of OUT left by runs that are
  // no longer running (stale_removed() lists them), and creates this run's temporary.
  // OUT's folder must exist.
  static AtomicH5File create(const std::filesystem::path& out, bool force);

  // Without a successful commit(): closes the file (HDF5 releases every id, whatever
  // failed) and removes the temporary. An existing OUT is never touched.
  ~AtomicH5File();
  AtomicH5File(AtomicH5File&& other) noexcept;
  AtomicH5File& operator=(AtomicH5File&& other) noexcept;
  AtomicH5File(const AtomicH5File&) = delete;
  AtomicH5File& operator=(const AtomicH5File&) = delete;

  hid_t root() const { return file_.get(); }
  const std::filesystem::path& path() const { return out_; }
  const std::filesystem::path& temporary_path() const { return temporary_; }
  const std::vector<StaleTemporary>& stale_removed() const { return stale_removed_; }

  // Runs one stage of writing (`write` making HDF5 calls on root()) and then checks that
  // every byte HDF5 wrote reached the file: throws the OutputError of write_failure()
  // when a write failed during the stage (whatever HDF5 itself then threw), and rethrows
  // anything else. The test seam's fault for `stage` (hdf5_write_guard.hpp) strikes here.
  void write_stage(h5::WriteStage stage, const std::function<void()>& write);

  // Flushes and closes, writes the file checksum (hdf5_file_checksum.hpp), syncs and renames the
  // temporary to OUT (replacing an existing OUT only with `force`: without it, an OUT created
  // meanwhile by another run is an error); the check of set_interruption_check() (file_system.hpp)
  // runs just before the rename, and again when a step fails (a signal may have removed the
  // temporary meanwhile). Throws OutputError on failure; the destructor then removes the temporary.
  void commit();

 private:
  AtomicH5File() = default;
  // "cannot write 'OUT': <reason> (...)": the message of every write failure.
  OutputError write_failure(const std::string& reason) const;
  void discard() noexcept;

  std::filesystem::path out_;
  std::filesystem::path temporary_;
  bool force_ = false;
  bool out_existed_ = false;
  bool committed_ = false;
  std::vector<StaleTemporary> stale_removed_;
  h5::GuardedFile file_;
};

// Creates the file (AtomicH5File::create), calls write(root) with its root group and
// commits it. On any failure the temporary is removed and the error propagates.
void write_h5_atomically(const std::filesystem::path& out, bool force,
                         const std::function<void(hid_t root)>& write);

}  // namespace pcsim::output
