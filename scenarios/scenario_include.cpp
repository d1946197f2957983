#include "scenarios/scenario_include.hpp"

#include <algorithm>
#include <map>
#include <system_error>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "model/parameter_registry.hpp"
#include "scenarios/input_files.hpp"
#include "scenarios/key_schema.hpp"

namespace pcsim::scenarios {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kIncludeKey = "include";
constexpr std::string_view kIncludeExpected =
    "include = [\"path.toml\", ...]: an array of paths to TOML files, each relative to the "
    "folder of the file that includes it";

// "a.toml line 3" for messages that point at another place than their own.
std::string place(const Position& where) {
  return where.line > 0 ? fmt::format("{} line {}", where.file, where.line) : where.file;
}

fs::path canonical_or_normal(const fs::path& path) {
  std::error_code error;
  fs::path canonical = fs::weakly_canonical(path, error);
  return error ? path.lexically_normal() : canonical;
}

class Includer {
 public:
  Includer(const fs::path& scenario, const TomlParser& parse, DiagnosticCollector& out)
      : folder_(canonical_or_normal(scenario).parent_path()), parse_(parse), out_(out) {
    stack_.push_back(canonical_or_normal(scenario));
  }

  // Replaces `table`'s include key by the keys of the files it names, recursively.
  void expand(toml::table& table, const fs::path& file, int depth) {
    toml::node* node = table.get(kIncludeKey);
    if (!node) return;
    std::vector<std::pair<std::string, Position>> paths;
    const toml::array* array = node->as_array();
    if (!array) {
      out_.add(position_of(*node), std::string(kIncludeKey), describe_node(*node),
               std::string(kIncludeExpected));
    } else {
      for (const toml::node& element : *array) {
        if (const auto* text = element.as_string(); text && !text->get().empty())
          paths.emplace_back(text->get(), position_of(element));
        else
          out_.add(position_of(element), std::string(kIncludeKey), describe_node(element),
                   std::string(kIncludeExpected));
      }
    }
    table.erase(kIncludeKey);
    for (const auto& [text, where] : paths) include_one(table, file, text, where, depth + 1);
  }

  std::vector<IncludedFile> take() { return std::move(read_); }

 private:
  void include_one(toml::table& into, const fs::path& from, const std::string& text,
                   const Position& where, int depth) {
    const fs::path path = (from.parent_path() / fs::path(text)).lexically_normal();
    const fs::path canonical = canonical_or_normal(path);
    const std::string key(kIncludeKey);
    if (depth > kMaxIncludeDepth) {
      out_.add(where, key, fmt::format("\"{}\", an include {} levels deep", text, depth),
               fmt::format("included files nested at most {} levels deep", kMaxIncludeDepth));
      return;
    }
    if (std::find(stack_.begin(), stack_.end(), canonical) != stack_.end()) {
      std::string chain;
      for (const auto& file : stack_) chain += file.filename().string() + " -> ";
      out_.add(where, key,
               fmt::format("\"{}\", which is already being read: a cycle ({}{})", text, chain,
                           canonical.filename().string()),
               "no file that includes itself, directly or through the files it includes");
      return;
    }
    if (const auto it = seen_.find(canonical); it != seen_.end()) {
      out_.add(
          where, key, fmt::format("\"{}\" included a second time", text),
          fmt::format("each file included once (it is already included at {})", place(it->second)));
      return;
    }
    seen_.emplace(canonical, where);
    // As the scenario itself: a regular file of bounded size (no FIFO, device or folder).
    std::string contents;
    try {
      contents = read_scenario_file(path);
    } catch (const InputError& e) {
      out_.add(where, key, fmt::format("\"{}\" ({}): {}", text, path.string(), e.what()),
               "a readable TOML file; paths are relative to the folder of the including file");
      return;
    }
    read_.push_back({shown(canonical), std::move(contents), path});
    toml::table included = parse_(read_.back().text, path);  // throws on a syntax error
    reject_scenario_keys(included);
    stack_.push_back(canonical);
    expand(included, path, depth);
    stack_.pop_back();
    lay_under(into, included, "", "");
  }

  // Run settings, [practices], [[options]] and [sampling] belong to the scenario itself.
  void reject_scenario_keys(toml::table& included) {
    for (std::string_view key : kRunSettingKeys) {
      if (key == kIncludeKey) continue;
      const auto it = included.find(key);
      if (it == included.end()) continue;
      out_.add(position_of(it->first), std::string(key), fmt::format("{} in an included file", key),
               "run settings, [practices], [[options]] and [sampling] in the scenario file "
               "itself: an included file sets model parameters only (and may include others)");
      included.erase(it);
    }
  }

  // Moves every key of `from` into `into` (moved nodes keep their file and line). Tables
  // found in both are laid together key by key; anything else set in both is an error.
  void lay_under(toml::table& into, toml::table& from, const std::string& pattern,
                 const std::string& path) {
    const KeySchema& schema = KeySchema::get();
    for (auto&& [key, node] : from) {
      const std::string name(key.str());
      const std::string label = join_path(path, name);
      const auto existing = into.find(key.str());
      if (existing == into.end()) {
        into.insert(key, std::move(node));
        continue;
      }
      const std::string child =
          join_path(pattern, schema.holds_named_elements(pattern) ? "*" : name);
      toml::table* both = existing->second.as_table();
      if (both && node.is_table() && !model::find_parameter_spec(child)) {
        lay_under(*both, *node.as_table(), child, label);
        continue;
      }
      out_.add(position_of(key), label, fmt::format("{} set a second time", label),
               fmt::format("each key set in one file only: it is already set at {}",
                           place(position_of(existing->first))));
    }
  }

  // The included file's path relative to the scenario's folder, with '/' separators.
  std::string shown(const fs::path& canonical) const {
    std::error_code error;
    const fs::path relative = fs::relative(canonical, folder_, error);
    return (error || relative.empty() ? canonical : relative).generic_string();
  }

  fs::path folder_;
  const TomlParser& parse_;
  DiagnosticCollector& out_;
  std::vector<fs::path> stack_;        // files being read, the scenario first
  std::map<fs::path, Position> seen_;  // every file included, and where
  std::vector<IncludedFile> read_;
};

std::string quoted_path(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::vector<IncludedFile> lay_includes(toml::table& root, const std::filesystem::path& file,
                                       const TomlParser& parse, DiagnosticCollector& out) {
  Includer includer(file, parse, out);
  includer.expand(root, file, 0);
  return includer.take();
}

std::string text_with_includes(std::string_view own_text,
                               const std::vector<IncludedFile>& included) {
  std::string stored(own_text);
  for (const auto& file : included)
    stored +=
        fmt::format("\n#@pcsim include {} {} bytes\n", quoted_path(file.shown), file.text.size()) +
        file.text;
  return stored;
}

}  // namespace pcsim::scenarios
