#include "output/atomic_h5_write.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "core/errors.hpp"
#include "output/file_system.hpp"
#include "output/hdf5_handles.hpp"

namespace pcsim::output {

namespace fs = std::filesystem;

void write_h5_atomically(const fs::path& out, bool force,
                         const std::function<void(hid_t root)>& write) {
  if (!force && exists_in_any_form(out)) {
    throw OutputError("'" + out.string() + "' exists; use --force to replace it");
  }
  fs::path temporary = out;
  temporary += ".tmp";
  // Only remove what this call created: say, a directory named like the .tmp must survive
  // a failed H5Fcreate.
  bool created = false;
  try {
    h5::File file = h5::create_file(temporary);
    created = true;
    write(file.get());
    h5::check_status(H5Fflush(file.get(), H5F_SCOPE_GLOBAL),
                     "cannot flush '" + temporary.string() + "'");
    file.close("cannot close '" + temporary.string() + "'");
    sync_to_disk(temporary);
    std::error_code error;
    fs::rename(temporary, out, error);
    if (error) {
      throw OutputError("cannot rename '" + temporary.string() + "' to '" + out.string() +
                        "': " + error.message());
    }
  } catch (...) {
    if (created) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
    }
    throw;
  }
}

}  // namespace pcsim::output
