#pragma once
// The folders a command creates for its outputs, removed again when it fails: a refused or
// failed command leaves the file system as it found it (docs/cli.md, "Write failures").
#include <filesystem>
#include <vector>

namespace pcsim::output {

class CreatedFolders {
 public:
  CreatedFolders() = default;
  // Removes the folders create() made, deepest first, unless keep() was called; a folder
  // that holds anything else stays.
  ~CreatedFolders();
  CreatedFolders(const CreatedFolders&) = delete;
  CreatedFolders& operator=(const CreatedFolders&) = delete;
  CreatedFolders(CreatedFolders&& other) noexcept;
  CreatedFolders& operator=(CreatedFolders&& other) noexcept;

  // Creates `folder` and whichever of its parents are missing, shallowest first,
  // remembering each. Throws OutputError naming the folder that could not be made.
  void create(const std::filesystem::path& folder);
  // The command succeeded: the folders stay.
  void keep() noexcept { folders_.clear(); }

 private:
  void remove_all() noexcept;
  std::vector<std::filesystem::path> folders_;  // deepest last
};

}  // namespace pcsim::output
