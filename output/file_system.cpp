#include "output/file_system.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "core/errors.hpp"

namespace pcsim::output {

bool exists_in_any_form(const std::filesystem::path& path) {
  std::error_code error;
  // symlink_status: a dangling link still occupies the name.
  return std::filesystem::exists(std::filesystem::symlink_status(path, error));
}

void sync_to_disk(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    const std::string reason = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    throw OutputError("cannot sync '" + path.string() + "' to disk: " + reason);
  }
  ::close(fd);
}

}  // namespace pcsim::output
