#include "output/atomic_file_write.hpp"

#include <fstream>
#include <system_error>

#include "core/errors.hpp"
#include "output/file_system.hpp"

namespace pcsim::output {

namespace fs = std::filesystem;

void write_file_atomically(const fs::path& out, bool force,
                           const std::function<void(const fs::path& temporary)>& write) {
  if (!force && exists_in_any_form(out)) {
    throw OutputError("'" + out.string() + "' exists; use --force to replace it");
  }
  std::error_code error;
  if (!out.parent_path().empty()) {
    fs::create_directories(out.parent_path(), error);
    if (error) {
      throw OutputError("cannot create the folder '" + out.parent_path().string() +
                        "': " + error.message());
    }
  }
  const fs::path temporary = fs::path(out.string() + ".tmp");
  try {
    write(temporary);
    sync_to_disk(temporary);
    fs::rename(temporary, out, error);
    if (error) {
      throw OutputError("cannot rename '" + temporary.string() + "' to '" + out.string() +
                        "': " + error.message());
    }
  } catch (...) {
    fs::remove(temporary, error);
    throw;
  }
}

void write_text_atomically(const fs::path& out, bool force, std::string_view text) {
  write_file_atomically(out, force, [&](const fs::path& temporary) {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file.write(text.data(), static_cast<std::streamsize>(text.size()));
    file.close();
    if (!file) throw OutputError("cannot write '" + temporary.string() + "'");
  });
}

}  // namespace pcsim::output
