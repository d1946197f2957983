#include "core/regular_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pcsim {

std::string kind_of_file(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  return "a special file";
}

namespace {

std::string unreadable(int error) {
  return std::string("a file that cannot be read (") + std::strerror(error) + ")";
}

// Closes the descriptor on every path.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

RegularFileText read_regular_file(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  RegularFileText out;
  if (path.string().find('\0') != std::string::npos) {
    out.problem = "a name holding a NUL";
    return out;
  }
  // O_NONBLOCK: opening a FIFO does not wait for a writer; fstat then refuses it.
  const Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  struct stat status {};
  if (file.fd < 0 || ::fstat(file.fd, &status) != 0) {
    out.problem = unreadable(errno);
    return out;
  }
  if (!S_ISREG(status.st_mode)) {
    out.problem = kind_of_file(status.st_mode);
    out.not_regular = true;
    return out;
  }
  const auto size = static_cast<std::uintmax_t>(status.st_size);
  if (size > max_bytes) {
    out.problem = "a file of " + std::to_string(size) + " bytes";
    return out;
  }
  out.text.resize(size);
  std::size_t done = 0;
  while (done < out.text.size()) {
    const ssize_t n = ::read(file.fd, out.text.data() + done, out.text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      out.problem = unreadable(errno);
      out.text.clear();
      return out;
    }
    if (n == 0) break;  // shrank while being read: take what is there
    done += static_cast<std::size_t>(n);
  }
  out.text.resize(done);
  return out;
}

}  // namespace pcsim
