#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/errors.hpp"

namespace pcsim::scenarios {

// Where something is written (1-based; 0 when unknown). `file` is the file the node was
// parsed from (a scenario or a file it includes); empty means the collector's own file.
struct Position {
  int line = 0;
  int column = 0;
  std::string file;
};
Position position_of(const toml::node& node);
Position position_of(const toml::key& key);

// What a value is, for "found ...": "\"five\" (string)", "5 (integer)", "0.5 (float)",
// "true (boolean)", "a table", "an array of 3 items", "a date".
std::string describe_node(const toml::node& node);

// 0.5 -> "0.5", 1e6 -> "1000000", infinity -> "infinity".
std::string format_number(double value);

// A valid range in words: "from 0 to 1", "at least 0", "at most 5", "any number".
std::string describe_range(double min_valid, double max_valid);

// Gathers every problem found in a scenario (the file and those it includes), so that the
// user sees them all at once.
class DiagnosticCollector {
 public:
  explicit DiagnosticCollector(std::string file) : file_(std::move(file)) {}

  void add(Position where, std::string key, std::string found, std::string expected,
           std::string suggestion = {});
  bool empty() const { return diagnostics_.empty(); }
  std::size_t size() const { return diagnostics_.size(); }
  const std::string& file() const { return file_; }

  // The scenario file's problems first, then each included file's (by name); within a
  // file in order of line, then column; each distinct problem once.
  std::vector<Diagnostic> sorted() const;
  // Throws InputError with sorted() when any problem was found.
  void throw_if_any() const;

 private:
  std::string file_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace pcsim::scenarios
