#include "output/created_folders.hpp"

#include <algorithm>
#include <system_error>
#include <utility>

#include "core/errors.hpp"
#include "output/file_system.hpp"

namespace pcsim::output {

namespace fs = std::filesystem;

CreatedFolders::~CreatedFolders() { remove_all(); }

CreatedFolders::CreatedFolders(CreatedFolders&& other) noexcept
    : folders_(std::exchange(other.folders_, {})) {}

CreatedFolders& CreatedFolders::operator=(CreatedFolders&& other) noexcept {
  if (this != &other) {
    remove_all();
    folders_ = std::exchange(other.folders_, {});
  }
  return *this;
}

void CreatedFolders::create(const fs::path& folder) {
  // The path as written: in "new/../kept" every part looks missing until "new" exists, then
  // "new/.." and "new/../kept" are folders the user had. Only a folder this call made
  // (create_directory true) is recorded, and so may be removed again.
  std::vector<fs::path> missing;  // deepest first
  for (fs::path f = folder; !f.empty() && !exists_in_any_form(f); f = f.parent_path()) {
    missing.push_back(f);
    if (f == f.parent_path()) break;
  }
  std::reverse(missing.begin(), missing.end());
  for (const fs::path& f : missing) {
    std::error_code error;
    const bool made = fs::create_directory(f, error);
    if (error)
      throw OutputError("cannot create the folder '" + f.string() + "': " + error.message());
    if (made) folders_.push_back(f);  // else it exists after all, and is not ours
  }
}

void CreatedFolders::remove_all() noexcept {
  std::error_code error;
  for (auto it = folders_.rbegin(); it != folders_.rend(); ++it) fs::remove(*it, error);
  folders_.clear();
}

}  // namespace pcsim::output
