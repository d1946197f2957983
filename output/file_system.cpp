#include "output/file_system.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <climits>
#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <system_error>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/regular_file.hpp"
#include "output/hdf5_write_guard.hpp"

namespace pcsim::output {

namespace fs = std::filesystem;

namespace {

bool all_of(std::string_view text, bool (*accept)(char)) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (!accept(c)) return false;
  }
  return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }

// True unless the process is known to be gone (kill(pid, 0) says ESRCH). A process of
// another user (EPERM) counts as running: its file is left alone.
bool process_running(pid_t pid) { return ::kill(pid, 0) == 0 || errno != ESRCH; }

void (*g_interruption_check)() = nullptr;

// The most bytes unique_temporary_path adds to OUT's name: ".<pid>.<8 hex digits>.tmp"
// with a pid of 7 digits (Linux's pid_max is at most 4,194,304).
constexpr std::size_t kTemporarySuffixBytes = 1 + 7 + 1 + 8 + 4;

// The longest file name `out`'s folder takes (pathconf of it, or of its nearest existing
// ancestor when it is still to be made), NAME_MAX when it cannot be told.
std::size_t name_limit(const fs::path& out) {
  fs::path folder = out.parent_path();
  std::error_code error;
  while (!folder.empty() && !fs::is_directory(folder, error)) folder = folder.parent_path();
  const long limit = ::pathconf(folder.empty() ? "." : folder.c_str(), _PC_NAME_MAX);
  return limit > 0 ? static_cast<std::size_t>(limit) : std::size_t{NAME_MAX};
}

}  // namespace

void set_interruption_check(void (*check)()) { g_interruption_check = check; }

void run_interruption_check() {
  if (g_interruption_check != nullptr) g_interruption_check();
}

bool exists_in_any_form(const fs::path& path) {
  std::error_code error;
  // symlink_status: a dangling link still occupies the name.
  return fs::exists(fs::symlink_status(path, error));
}

std::optional<fs::path> dangling_link_target(const fs::path& path) {
  std::error_code error;
  if (!fs::is_symlink(fs::symlink_status(path, error))) return std::nullopt;
  if (fs::exists(fs::status(path, error)) || error.value() != ENOENT) return std::nullopt;
  fs::path target = fs::read_symlink(path, error);
  if (error) return std::nullopt;
  return target;
}

void check_output_path(const fs::path& out, bool force, const OutputNoun& noun) {
  const std::string name = out.string();
  if (out.empty()) throw OutputError(fmt::format("the {} name is empty", noun.file));
  if (!out.has_filename()) {
    throw OutputError(fmt::format("'{}' names a folder, not a {}: give a file name, e.g. '{}{}'",
                                  name, noun.file, name, noun.example));
  }
  // The temporary's name must fit too: a name that fits only without its suffix failed
  // when the file was opened, and validate -o passed it.
  const std::size_t bytes = out.filename().string().size();
  if (const std::size_t limit = name_limit(out); bytes + kTemporarySuffixBytes > limit) {
    throw OutputError(fmt::format(
        "'{}' is a file name of {} bytes: pcsim writes {} first to '{}.<pid>.<hex>.tmp', up "
        "to {} bytes more, and the file system takes names of at most {} bytes; give a name "
        "of at most {} bytes",
        name, bytes, noun.contents, out.filename().string(), kTemporarySuffixBytes, limit,
        limit > kTemporarySuffixBytes ? limit - kTemporarySuffixBytes : 0));
  }
  struct stat status {};
  if (::stat(out.c_str(), &status) == 0) {
    if (!S_ISREG(status.st_mode)) {
      throw OutputError(
          fmt::format("'{}' is {}: pcsim writes {} only to a new file or over a regular file "
                      "(with --force); give another name",
                      name, kind_of_file(status.st_mode), noun.contents));
    }
  } else if (errno != ENOENT) {
    const int error = errno;
    // ENOTDIR: some folder of the path is a file; say which (the audit: "Not a directory"
    // alone left the user to find it).
    std::string where;
    if (error == ENOTDIR) {
      for (fs::path folder = out.parent_path(); !folder.empty(); folder = folder.parent_path()) {
        struct stat part {};
        if (::stat(folder.c_str(), &part) == 0 && !S_ISDIR(part.st_mode)) {
          where = fmt::format(
              " ('{}' is {}, not a folder)", printable_text(folder.string(), 1000),
              S_ISREG(part.st_mode) ? std::string("a regular file") : kind_of_file(part.st_mode));
          break;
        }
        if (folder == folder.parent_path()) break;
      }
    }
    throw OutputError(fmt::format("cannot use '{}' for the {}: {}{}", name, noun.file,
                                  std::strerror(error), where));
  }
  if (!force && exists_in_any_form(out)) {
    // A symbolic link is a name like any other: --force replaces the link itself (the
    // rename puts the new file in its place), never the file it points to; so a link to a
    // missing file is refused as an existing name, saying what it is and that --force does
    // not create its target.
    if (const auto target = dangling_link_target(out)) {
      throw OutputError(fmt::format(
          "'{}' is a symbolic link to a missing file ('{}'); pcsim does not write through "
          "links: use --force to replace the link itself with the {} ('{}' is not created), "
          "or give another name",
          name, target->string(), noun.file, target->string()));
    }
    std::error_code link_error;
    if (fs::is_symlink(out, link_error)) {
      // A link to an existing file: --force replaces the link, and the file it points to
      // stays as it is (the audit: the plain message left the user to guess which).
      throw OutputError(fmt::format(
          "'{}' exists (a symbolic link to '{}'); use --force to replace the link itself "
          "with the {} (the file it points to is left as it is), or give another name",
          name, fs::read_symlink(out, link_error).string(), noun.file));
    }
    throw OutputError(fmt::format("'{}' exists; use --force to replace it", name));
  }
}

void check_output_folder(const fs::path& dir) {
  const std::string name = dir.string();
  if (dir.empty()) throw OutputError("the folder name is empty");
  struct stat status {};
  if (::stat(dir.c_str(), &status) == 0) {
    if (!S_ISDIR(status.st_mode)) {
      throw OutputError(fmt::format(
          "'{}' is {}, not a folder: the CSV tables are written into a folder; give a folder "
          "(it is created when missing)",
          name,
          S_ISREG(status.st_mode) ? std::string("a regular file") : kind_of_file(status.st_mode)));
    }
    return;
  }
  if (errno != ENOENT) {
    throw OutputError(
        fmt::format("cannot use '{}' for the tables: {}", name, std::strerror(errno)));
  }
  if (exists_in_any_form(dir)) {
    throw OutputError(
        fmt::format("'{}' is a link to nothing, not a folder: give a folder (it is created when "
                    "missing)",
                    name));
  }
}

void check_output_is_not_an_input(const fs::path& out, const std::vector<CommandInput>& inputs) {
  struct stat written {};
  if (::stat(out.c_str(), &written) != 0) return;  // a new file replaces nothing
  for (const CommandInput& input : inputs) {
    struct stat read {};
    if (input.path.empty() || ::stat(input.path.c_str(), &read) != 0) continue;
    if (read.st_dev == written.st_dev && read.st_ino == written.st_ino) {
      throw OutputError(
          fmt::format("'{}' is {} ('{}'), which this command reads: --force would replace it; "
                      "give the output another name",
                      out.string(), input.what, input.path.string()));
    }
  }
}

void sync_to_disk(const fs::path& path) {
  const auto failure = [&](int error) {
    return OutputError("cannot sync '" + path.string() + "' to disk: " + std::strerror(error));
  };
  if (const int error = h5::injected_error(h5::WriteStage::sync)) throw failure(error);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw failure(errno);
  if (::fsync(fd) != 0) {
    const int error = errno;
    ::close(fd);
    throw failure(error);
  }
  ::close(fd);
}

fs::path unique_temporary_path(const fs::path& out) {
  static std::mt19937 random{std::random_device{}()};
  fs::path temporary = out;
  temporary += fmt::format(".{}.{:08x}.tmp", ::getpid(), random());
  return temporary;
}

std::vector<StaleTemporary> find_stale_temporaries(const fs::path& out) {
  std::vector<StaleTemporary> stale;
  const std::string base = out.filename().string();
  const std::string prefix = base + ".";
  const fs::path folder = out.has_parent_path() ? out.parent_path() : fs::path(".");
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    const fs::path path = out.parent_path() / name;
    if (name == base + ".tmp") {  // OUT.tmp, as older versions named it
      stale.push_back({path, 0});
      continue;
    }
    if (name.size() <= prefix.size() + 4 || !name.starts_with(prefix) || !name.ends_with(".tmp")) {
      continue;
    }
    const std::string_view middle =
        std::string_view(name).substr(prefix.size(), name.size() - prefix.size() - 4);
    const std::size_t dot = middle.find('.');
    if (dot == std::string_view::npos) continue;
    const std::string_view pid_text = middle.substr(0, dot);
    const std::string_view random_text = middle.substr(dot + 1);
    if (!all_of(pid_text, is_digit) || !all_of(random_text, is_hex_digit)) continue;
    pid_t pid = 0;
    const auto parsed = std::from_chars(pid_text.data(), pid_text.data() + pid_text.size(), pid);
    if (parsed.ec != std::errc() || pid <= 0) continue;
    if (pid == ::getpid() || process_running(pid)) continue;
    stale.push_back({path, pid});
  }
  return stale;
}

void rename_into_place(const fs::path& from, const fs::path& to, bool replace) {
  const auto failure = [&](int error) {
    return OutputError(fmt::format("cannot rename '{}' to '{}': {}", from.string(), to.string(),
                                   std::strerror(error)));
  };
  if (const int error = h5::injected_error(h5::WriteStage::rename)) throw failure(error);
  if (replace) {
    if (::rename(from.c_str(), to.c_str()) != 0) throw failure(errno);
    return;
  }
  int result = ::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE);
  if (result != 0 && (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP)) {
    // The file system cannot rename without replacing: a hard link fails as atomically
    // when the name is taken; then the temporary name is dropped.
    result = ::link(from.c_str(), to.c_str());
    if (result == 0) {
      ::unlink(from.c_str());
    } else if (errno == EPERM || errno == EOPNOTSUPP) {
      // No hard links either (FAT, some network file systems): look, then rename, leaving
      // a short window in which another run's file could be replaced.
      if (exists_in_any_form(to)) {
        errno = EEXIST;
      } else {
        result = ::rename(from.c_str(), to.c_str());
      }
    }
  }
  if (result == 0) return;
  if (errno == EEXIST) {
    throw OutputError(
        fmt::format("'{}' was created by another process while this run was writing (another pcsim "
                    "run?); it was not replaced: run again with --force to replace it",
                    to.string()));
  }
  throw failure(errno);
}

std::uint64_t free_disk_bytes(const fs::path& folder) {
  struct statvfs status {};
  const fs::path where = folder.empty() ? fs::path(".") : folder;
  if (::statvfs(where.c_str(), &status) != 0) return UINT64_MAX;
  // A file system of no blocks (/proc, /sys) has no disk to fill: unknown, and the write
  // itself then fails with the system's reason (it said "0 bytes free: free some space").
  if (status.f_blocks == 0) return UINT64_MAX;
  // Root may also use the blocks reserved for it.
  const auto blocks = ::geteuid() == 0 ? status.f_bfree : status.f_bavail;
  return static_cast<std::uint64_t>(blocks) * status.f_frsize;
}

}  // namespace pcsim::output
