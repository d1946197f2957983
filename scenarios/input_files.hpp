#pragma once
// The files a scenario names are checked before anything reads them: each must be a
// regular file (not a directory, device or FIFO: /dev/zero would be read until memory
// runs out, a FIFO would block for ever) and below a stated size.
#include <cstdint>
#include <filesystem>
#include <string>

namespace pcsim::scenarios {

// A scenario file is a few kilobytes; 16 MiB leaves room for any correlation matrix.
inline constexpr std::uintmax_t kMaxScenarioBytes = std::uintmax_t{16} << 20;
// The national payments file is about 4 MB; 512 MiB is far beyond any published file.
inline constexpr std::uintmax_t kMaxPracticeFileBytes = std::uintmax_t{512} << 20;

// The whole text of the scenario file `path`. Opened without blocking (a FIFO is found and
// refused before any read) and read only when fstat shows a regular file of at most
// kMaxScenarioBytes. Throws InputError naming the file and what was found.
std::string read_scenario_file(const std::filesystem::path& path);

// Checks a practice data file named by the scenario (`key` at `line` of `scenario`): an
// existing regular file of at most kMaxPracticeFileBytes, whose name holds no NUL (a
// "\u0000" in the TOML string would cut it short). Throws InputError naming the scenario,
// the line, the key and what was found.
void check_practice_file(const std::filesystem::path& path, const std::string& scenario, int line,
                         const std::string& key);

}  // namespace pcsim::scenarios
