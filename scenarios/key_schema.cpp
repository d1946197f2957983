#include "scenarios/key_schema.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "model/age_bands.hpp"
#include "model/parameter_registry.hpp"
#include "scenarios/suggest.hpp"

namespace pcsim::scenarios {

std::string join_path(std::string_view prefix, std::string_view key) {
  if (prefix.empty()) return std::string(key);
  return fmt::format("{}.{}", prefix, key);
}

std::string table_label(const std::string& pattern) {
  if (pattern.empty()) return "the top level (before any [section])";
  std::string shown = pattern;
  for (std::size_t at = shown.find('*'); at != std::string::npos; at = shown.find('*'))
    shown.replace(at, 1, "<name>");
  return "[" + shown + "]";
}

KeySchema::KeySchema() {
  auto add_path = [&](std::string_view path) {
    // Every prefix of a path is a table whose keys include the next segment.
    std::string parent;
    std::size_t start = 0;
    while (true) {
      const std::size_t dot = path.find('.', start);
      const std::string segment(
          path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
      auto& keys = children_[parent];
      if (std::find(keys.begin(), keys.end(), segment) == keys.end()) keys.push_back(segment);
      if (dot == std::string_view::npos) break;
      parent = join_path(parent, segment);
      start = dot + 1;
    }
  };
  for (std::string_view path : model::parameter_paths()) add_path(path);
  for (std::string_view key : kRunSettingKeys) add_path(key);
  for (std::string_view key : kPracticesKeys) add_path(join_path("practices", key));
  for (std::string_view band : model::kAgeBandKeys)
    add_path(join_path("practices.gp_age_profile", band));
  add_path(join_path("roles.*", kRoleTextKey));
  for (std::string_view key : kSamplingKeys) add_path(join_path("sampling", key));
  for (std::string_view key : kCorrelationKeys) add_path(join_path("sampling.correlations", key));
  for (auto& [table, keys] : children_) std::sort(keys.begin(), keys.end());
}

const KeySchema& KeySchema::get() {
  static const KeySchema schema;
  return schema;
}

const std::vector<std::string>& KeySchema::children(const std::string& pattern) const {
  static const std::vector<std::string> none;
  const auto it = children_.find(pattern);
  return it == children_.end() ? none : it->second;
}

bool KeySchema::holds_named_elements(const std::string& pattern) const {
  const auto& keys = children(pattern);
  return keys.size() == 1 && keys.front() == "*";
}

std::vector<std::string> KeySchema::tables_with_key(std::string_view key) const {
  std::vector<std::string> tables;
  for (const auto& [table, keys] : children_)
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) tables.push_back(table);
  return tables;
}

static bool same_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

void report_unknown_key(DiagnosticCollector& out, const toml::key& key, const std::string& label,
                        const std::string& pattern, std::span<const std::string> valid_here) {
  const std::string name(key.str());
  std::string suggestion;
  // An exact key of another table is the likeliest fix ("list_growth" written in
  // [workforce]); otherwise the nearest key of this table.
  const auto elsewhere = KeySchema::get().tables_with_key(name);
  const auto near = nearest_key(name, valid_here);
  // A key that differs only in case is the likeliest fix of all.
  const bool case_only = near && same_ignoring_case(*near, name);
  if (!case_only && !elsewhere.empty() && elsewhere.front() != pattern) {
    suggestion = fmt::format("{} belongs in {}", name, table_label(elsewhere.front()));
    if (elsewhere.front().empty()) suggestion = fmt::format("{} belongs at the top level", name);
  } else if (near) {
    suggestion = fmt::format("did you mean '{}'?", *near);
  }
  std::string keys;
  for (const auto& k : valid_here) keys += (keys.empty() ? "" : ", ") + k;
  out.add(position_of(key), label, fmt::format("unknown key '{}'", name),
          fmt::format("one of the keys of {}: {}", table_label(pattern), keys), suggestion);
}

}  // namespace pcsim::scenarios
