#include "scenarios/input_files.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/regular_file.hpp"

namespace pcsim::scenarios {

namespace {

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

}  // namespace

std::string read_scenario_file(const std::filesystem::path& path) {
  const std::string expected = fmt::format(
      "a readable scenario file (TOML, docs/scenario-format.md), a regular file of at most {}",
      megabytes(kMaxScenarioBytes));
  RegularFileText file = read_regular_file(path, kMaxScenarioBytes);
  if (!file.problem.empty()) refuse(path.string(), 0, "", file.problem, expected);
  return std::move(file.text);
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
           fmt::format("'{}', which is {}, not a regular file", name, kind_of_file(status.st_mode)),
           expected);
  }
  const auto size = static_cast<std::uintmax_t>(status.st_size);
  if (size > kMaxPracticeFileBytes) {
    refuse(scenario, line, key, fmt::format("'{}', a file of {} bytes", name, size), expected);
  }
}

}  // namespace pcsim::scenarios
