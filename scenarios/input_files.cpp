#include "scenarios/input_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "core/errors.hpp"

namespace pcsim::scenarios {

namespace {

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  return "a special file";
}

std::string megabytes(std::uintmax_t bytes) { return fmt::format("{} MiB", bytes >> 20); }

[[noreturn]] void refuse(const std::string& file, int line, const std::string& key,
                         const std::string& found, const std::string& expected) {
  Diagnostic d;
  d.file = file;
  d.line = line;
  d.key = key;
  d.found = found;
  d.expected = expected;
  throw InputError(std::vector<Diagnostic>{d});
}

// Closes the descriptor on every path.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string read_scenario_file(const std::filesystem::path& path) {
  const std::string name = path.string();
  const std::string expected = fmt::format(
      "a readable scenario file (TOML, docs/scenario-format.md), a regular file of at most {}",
      megabytes(kMaxScenarioBytes));
  if (name.find('\0') != std::string::npos) refuse(name, 0, "", "a name holding a NUL", expected);
  // O_NONBLOCK: opening a FIFO does not wait for a writer; fstat then refuses it.
  const Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) {
    refuse(name, 0, "", fmt::format("a file that cannot be read ({})", std::strerror(errno)),
           expected);
  }
  struct stat status {};
  if (::fstat(file.fd, &status) != 0) {
    refuse(name, 0, "", fmt::format("a file that cannot be read ({})", std::strerror(errno)),
           expected);
  }
  if (!S_ISREG(status.st_mode)) refuse(name, 0, "", kind_of(status.st_mode), expected);
  const auto size = static_cast<std::uintmax_t>(status.st_size);
  if (size > kMaxScenarioBytes) {
    refuse(name, 0, "", fmt::format("a file of {} bytes", size), expected);
  }
  std::string text(size, '\0');
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::read(file.fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      refuse(name, 0, "", fmt::format("a file that cannot be read ({})", std::strerror(errno)),
             expected);
    }
    if (n == 0) break;  // shrank while being read: take what is there
    done += static_cast<std::size_t>(n);
  }
  text.resize(done);
  return text;
}

void check_practice_file(const std::filesystem::path& path, const std::string& scenario, int line,
                         const std::string& key) {
  const std::string name = path.string();
  const std::string expected = fmt::format("the path of a regular file (CSV) of at most {}",
                                           megabytes(kMaxPracticeFileBytes));
  if (name.find('\0') != std::string::npos) {
    refuse(scenario, line, key,
           fmt::format("a path holding a NUL character (\"{}\" and more)", name.c_str()), expected);
  }
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) {
    refuse(scenario, line, key,
           fmt::format("'{}', which cannot be read ({})", name, std::strerror(errno)), expected);
  }
  if (!S_ISREG(status.st_mode)) {
    // Worded as [practices] validation words it: the path exists, it is the wrong kind.
    refuse(scenario, line, key,
           fmt::format("'{}', which is {}, not a regular file", name, kind_of(status.st_mode)),
           expected);
  }
  const auto size = static_cast<std::uintmax_t>(status.st_size);
  if (size > kMaxPracticeFileBytes) {
    refuse(scenario, line, key, fmt::format("'{}', a file of {} bytes", name, size), expected);
  }
}

}  // namespace pcsim::scenarios
