// parse_scenario: the text of a scenario file in, a validated Scenario out, with every
// problem of the file reported at once (docs/scenario-format.md).
#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "scenarios/diagnostics.hpp"
#include "scenarios/key_schema.hpp"
#include "scenarios/layer_reader.hpp"
#include "scenarios/level_rules.hpp"
#include "scenarios/option_merge.hpp"
#include "scenarios/option_name.hpp"
#include "scenarios/practices_section.hpp"
#include "scenarios/run_settings.hpp"
#include "scenarios/sampling_section.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/scenario_include.hpp"
#include "scenarios/toml_key_reuse.hpp"
#include "scenarios/toml_text_guard.hpp"

namespace pcsim::scenarios {
namespace {

// Keys of an [[options]] entry that belong to the whole scenario.
constexpr std::string_view kScenarioOnlyKeys[] = {"format",    "seed",    "iterations", "baseline",
                                                  "practices", "options", "sampling",   "include"};

// One [[options]] entry, read but not yet merged.
struct OptionLayer {
  std::string name;
  std::string description;
  Layer layer;
  int name_line = 0;  // the line of its name = "..."
};

toml::table parse_toml(std::string_view text, const std::filesystem::path& file) {
  check_toml_text(text, file);  // toml++ must never see a non-ASCII byte outside strings
  try {
    return toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    const int line = static_cast<int>(e.source().begin.line);
    if (auto reuse = key_reuse_problem(text, line, e.description(), file))
      throw InputError(std::vector<Diagnostic>{*reuse});
    Diagnostic d;
    d.file = file.string();
    d.line = line;
    d.column = static_cast<int>(e.source().begin.column);
    d.found = fmt::format("a TOML syntax error: {}", e.description());
    d.expected = "valid TOML (https://toml.io)";
    throw InputError(std::vector<Diagnostic>{d});
  }
}

// The name of the option at `index` (0-based); reports a missing, invalid or repeated name.
// Returns the name, or "" when it is unusable.
std::string read_option_name(const toml::table& table, std::size_t index,
                             const std::string& baseline_name, std::set<std::string>& seen,
                             DiagnosticCollector& out) {
  const std::string label = fmt::format("options[{}].name", index + 1);
  const std::string expected = fmt::format(
      "name = \"...\" in each [[options]]: {}, different from the baseline's and every other "
      "option's name",
      kOptionNameRule);
  const toml::node* node = table.get("name");
  if (!node) {
    out.add(position_of(table), label, "an option without a name", std::string(expected));
    return {};
  }
  const auto name = read_string(*node, label, expected, out);
  if (!name) return {};
  std::string problem;
  if (const std::string wrong = option_name_problem(*name); !wrong.empty())
    problem = describe_node(*node) + ": " + wrong;
  else if (*name == baseline_name)
    problem = fmt::format("\"{}\", the name of the baseline (set by baseline = ...)", *name);
  else if (!seen.insert(*name).second)
    problem = fmt::format("\"{}\", the name of an earlier option", *name);
  if (problem.empty()) return *name;
  out.add(position_of(*node), label, problem, std::string(expected));
  return {};
}

std::vector<OptionLayer> read_options(const toml::table& root, const std::string& baseline_name,
                                      DiagnosticCollector& out) {
  std::vector<OptionLayer> options;
  const toml::node* node = root.get("options");
  if (!node) return options;
  const toml::array* array = node->as_array();
  if (!array || !array->is_array_of_tables()) {
    out.add(position_of(*node), "options", describe_node(*node),
            "[[options]] tables, one per option, each with name = \"...\" and the keys it "
            "changes");
    return options;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::table& table = *array->get(i)->as_table();
    const std::string name = read_option_name(table, i, baseline_name, seen, out);
    const std::string prefix =
        name.empty() ? fmt::format("options[{}].", i + 1) : fmt::format("options.{}.", name);
    OptionLayer option{name, {}, {}, 0};
    if (const toml::node* name_node = table.get("name"))
      option.name_line = position_of(*name_node).line;
    if (const auto* d = table.get("description"))
      if (auto text = read_string(*d, prefix + "description", "a string", out))
        option.description = *text;
    LayerContext context{prefix, true, {"name", "description"}, {}};
    for (std::string_view key : kScenarioOnlyKeys) {
      context.skip.emplace_back(key);
      context.not_allowed.emplace_back(key);
      if (const auto* misplaced = table.get(key))
        out.add(position_of(*misplaced), prefix + std::string(key),
                fmt::format("{} in an option", key),
                fmt::format("{} only at the top level: it is a setting of the whole scenario; "
                            "an option changes model parameters only",
                            key));
    }
    option.layer = read_layer(table, context, out);
    options.push_back(std::move(option));
  }
  return options;
}

// The merged option's full settings, after its cross-field rules are checked.
OptionSpec finish_option(const MergedOption& merged, DiagnosticCollector& out) {
  OptionSpec spec = to_option_spec(merged);
  check_cross_field_rules(merged, spec.central, out);
  return spec;
}

}  // namespace

Scenario parse_scenario(std::string_view text, const std::filesystem::path& file) {
  toml::table root = parse_toml(text, file);
  DiagnosticCollector out(file.string());
  // include = [...]: the included files' keys laid under the scenario's (scenario_include.hpp)
  const std::vector<IncludedFile> included = lay_includes(root, file, parse_toml, out);
  out.throw_if_any();
  if (!check_format(root, out)) out.throw_if_any();

  Scenario scenario;
  scenario.file = file;
  scenario.text = text_with_includes(text, included);
  for (const IncludedFile& f : included) scenario.included_files.push_back(f.path);
  scenario.format = kScenarioFormat;
  const RunSettings settings = read_run_settings(root, file, out);
  scenario.name = settings.name;
  scenario.description = settings.description;
  scenario.seed = settings.seed;
  scenario.iterations = settings.iterations;
  scenario.practice_data =
      read_practices_section(root.get("practices"), root, file.parent_path(), out);

  LayerContext baseline_context;
  for (std::string_view key : kRunSettingKeys) baseline_context.skip.emplace_back(key);
  const Layer baseline = read_layer(root, baseline_context, out);
  const auto options = read_options(root, settings.baseline_name, out);

  scenario.options.push_back(finish_option(baseline_option(baseline, settings.baseline_name), out));
  scenario.options.back().name_line = settings.baseline_line;
  scenario.sampling = read_sampling_section(root.get("sampling"), scenario.options.front(), out);
  for (const auto& option : options) {
    const MergedOption merged =
        merge_option(baseline, option.layer, option.name, option.description, out);
    scenario.options.push_back(finish_option(merged, out));
    scenario.options.back().name_line = option.name_line;
  }
  out.throw_if_any();
  // The practice loader needs the base year (year 0 ends in March of start_year).
  scenario.practice_data.start_year = scenario.options.front().central.start_year;
  scenario.practice_data.start_year_file = file.string();
  for (const ParameterEntry& entry : scenario.options.front().parameters)
    if (entry.path == "start_year") {
      if (!entry.file.empty()) scenario.practice_data.start_year_file = entry.file;  // included
      scenario.practice_data.start_year_line = entry.line;
    }
  return scenario;
}

}  // namespace pcsim::scenarios
