#pragma once
// include = ["fragments/x.toml", ...]: a scenario's keys laid together with those of the
// files it includes (docs/scenario-format.md#include).
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "scenarios/diagnostics.hpp"

namespace pcsim::scenarios {

// Included files nest at most this deep (the scenario is depth 0, a file it includes 1).
inline constexpr int kMaxIncludeDepth = 4;

// One file a scenario includes, read.
struct IncludedFile {
  std::string shown;  // its path relative to the scenario's folder ('/' separators), as stored
  std::string text;   // its full text
  std::filesystem::path path;  // where it was read from
};

// Parses the text of one file; throws InputError naming `file` on a syntax error.
using TomlParser =
    std::function<toml::table(std::string_view text, const std::filesystem::path& file)>;

// Reads the files `root` includes (recursively) and lays their keys under the scenario's:
// afterwards `root` holds every key of every file, each node keeping the file and line it
// came from, and no `include` key. Problems go to `out`, each naming the file and line
// where it is: an `include` that is not an array of paths, a file that cannot be read, one
// included twice, a cycle, nesting deeper than kMaxIncludeDepth, a run setting, [practices],
// [[options]] or [sampling] in an included file, and a key set in two files (both named).
// Returns the included files in the order read (depth first).
std::vector<IncludedFile> lay_includes(toml::table& root, const std::filesystem::path& file,
                                       const TomlParser& parse, DiagnosticCollector& out);

// The text stored as the scenario's (results file: scenario_text): the scenario's own text,
// then each included file's, after a header line naming it with its byte count and SHA-256
// (docs/scenario-format.md#include shows how to restore the files from it). A scenario
// without includes is stored as its text alone.
std::string text_with_includes(std::string_view own_text,
                               const std::vector<IncludedFile>& included);

}  // namespace pcsim::scenarios
