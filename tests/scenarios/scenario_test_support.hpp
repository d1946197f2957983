#pragma once
// Helpers shared by the scenario reader tests: fixture paths, reading a fixture, locating
// a text in it (computed from the text itself, independently of the reader), and
// collecting the diagnostics of a scenario that must fail.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios::testing {

inline std::filesystem::path fixture(std::string_view name) {
  return std::filesystem::path(PCSIM_SOURCE_DIR) / "tests/scenarios/fixtures" / name;
}

// Writes `text` to a file `name` in the test's temporary folder; its path.
inline std::string write_temp(const std::string& name, const std::string& text) {
  const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// 1-based line of the first line containing `needle`, 0 if none.
inline int line_of(std::string_view text, std::string_view needle) {
  int line = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (text.substr(start, end - start).find(needle) != std::string_view::npos) return line;
    start = end + 1;
    ++line;
  }
  return 0;
}

// The head every inline test scenario needs: the format and an existing payments file.
inline const std::string kHead =
    "format = 1\n[practices]\npayments_csv = \"payments-bolton-sample.csv\"\n";

// A path in the fixtures folder, so that relative practice files resolve.
inline std::filesystem::path inline_file() { return fixture("inline.toml"); }

// The diagnostics of a scenario that must be rejected (a test failure if it is accepted).
inline std::vector<Diagnostic> diagnostics_of(std::string_view text,
                                              const std::filesystem::path& file = inline_file()) {
  try {
    parse_scenario(text, file);
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  ADD_FAILURE() << "expected InputError for:\n" << text;
  return {};
}

// The one diagnostic whose key is `key` (a test failure unless there is exactly one).
inline Diagnostic only_for_key(const std::vector<Diagnostic>& diagnostics, std::string_view key) {
  std::vector<Diagnostic> found;
  for (const auto& d : diagnostics)
    if (d.key == key) found.push_back(d);
  if (found.size() != 1) {
    std::string all;
    for (const auto& d : diagnostics) all += d.format() + "\n";
    ADD_FAILURE() << found.size() << " diagnostics for key '" << key << "' in:\n" << all;
    return {};
  }
  return found.front();
}

inline bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace pcsim::scenarios::testing
