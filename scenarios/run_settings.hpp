#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <toml++/toml.h>

#include "scenarios/diagnostics.hpp"

namespace pcsim::scenarios {

// The only format version this reader understands.
inline constexpr int kScenarioFormat = 1;

// The most iterations a run takes: the iteration is one 32-bit word of the random streams'
// counter (runner/run_engine.hpp holds the same number).
inline constexpr std::int64_t kMaxIterations = 4294967295LL;

// The settings of the whole run, at the top level of the file.
struct RunSettings {
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  std::int64_t iterations = 1000;
  std::string baseline_name = "baseline";
  int baseline_line = 0;  // where baseline = "..." is; 0 when not given
};

// Checks `format`: false (after reporting) when it is present but not kScenarioFormat, in
// which case the rest of the file is not read (a future format may mean other keys). A
// missing format is reported but reading goes on.
bool check_format(const toml::table& root, DiagnosticCollector& out);

// name (default: the file's stem), description, seed (>= 0), iterations (1 to
// kMaxIterations) and baseline (the baseline option's name).
RunSettings read_run_settings(const toml::table& root, const std::filesystem::path& file,
                              DiagnosticCollector& out);

// A string value, or nullopt after reporting that it is not one.
std::optional<std::string> read_string(const toml::node& node, const std::string& label,
                                       std::string_view expected, DiagnosticCollector& out);

}  // namespace pcsim::scenarios
