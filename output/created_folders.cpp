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
  std::vector<fs::path> missing;  // deepest first
  for (fs::path f = folder; !f.empty() && !exists_in_any_form(f); f = f.parent_path()) {
    missing.push_back(f);
    if (f == f.parent_path()) break;
  }
  std::reverse(missing.begin(), missing.end());
  for (const fs::path& f : missing) {
    std::error_code error;
    if (!fs::create_directory(f, error) && error)
      throw OutputError("cannot create the folder '" + f.string() + "': " + error.message());
    folders_.push_back(f);
  }
}

void CreatedFolders::remove_all() noexcept {
  std::error_code error;
  for (auto it = folders_.rbegin(); it != folders_.rend(); ++it) fs::remove(*it, error);
  folders_.clear();
}

}  // namespace pcsim::output
