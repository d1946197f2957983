#pragma once
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "scenarios/diagnostics.hpp"

namespace pcsim::scenarios {

// Keys the reader itself owns, beside the registry's parameters.
inline constexpr std::string_view kRunSettingKeys[] = {
    "format",   "name",      "description", "seed",     "iterations",
    "baseline", "practices", "options",     "sampling", "include"};
inline constexpr std::string_view kPracticesKeys[] = {
    "payments_csv",     "ccg_codes",      "icb_codes",        "pcn_codes",   "attributes_csv",
    "gp_headcount_csv", "area_icb_csv",   "pcn_payments_csv", "peer_groups", "neighbourhood_size",
    "patients_per_gp",  "gp_age_profile", "closed_lists"};
inline constexpr std::string_view kRoleTextKey = "attributes_column";
inline constexpr std::string_view kSamplingKeys[] = {"method", "repair_correlation",
                                                     "correlations"};
inline constexpr std::string_view kCorrelationKeys[] = {"a", "b", "rank_correlation"};

// The keys a scenario file may hold, table by table: the parameter paths of the registry
// (model/parameter_registry.hpp) plus the keys above. Tables are named by pattern paths:
// "" is the top level, "roles.*" any role, "workforce.retirement_rate" the band table.
class KeySchema {
 public:
  static const KeySchema& get();  // built once from the registry

  // Valid keys of a table, sorted; empty when the pattern is not a table. A table whose
  // only key is "*" holds named elements (roles, quality standards).
  const std::vector<std::string>& children(const std::string& pattern) const;
  bool is_table(const std::string& pattern) const { return !children(pattern).empty(); }
  bool holds_named_elements(const std::string& pattern) const;
  // Tables (pattern paths) in which `key` is valid: "list_growth" -> {"population"}.
  std::vector<std::string> tables_with_key(std::string_view key) const;

 private:
  KeySchema();
  std::map<std::string, std::vector<std::string>> children_;
};

// "population" + "list_growth" -> "population.list_growth"; "" + "seed" -> "seed".
std::string join_path(std::string_view prefix, std::string_view key);
// How a table is named in messages: "[population]", "[roles.<name>]", "the top level".
std::string table_label(const std::string& pattern);

// Reports a key that is not valid in the table `pattern`, suggesting the nearest of
// `valid_here` or the table where the key belongs. `label` is the key's dotted path as
// shown to the user.
void report_unknown_key(DiagnosticCollector& out, const toml::key& key, const std::string& label,
                        const std::string& pattern, std::span<const std::string> valid_here);

}  // namespace pcsim::scenarios
