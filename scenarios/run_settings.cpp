#include "scenarios/run_settings.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "scenarios/option_name.hpp"

namespace pcsim::scenarios {

std::optional<std::string> read_string(const toml::node& node, const std::string& label,
                                       std::string_view expected, DiagnosticCollector& out) {
  if (const auto* text = node.as_string()) return text->get();
  out.add(position_of(node), label, describe_node(node), std::string(expected));
  return std::nullopt;
}

bool check_format(const toml::table& root, DiagnosticCollector& out) {
  const toml::node* node = root.get("format");
  if (!node) {
    out.add(Position{}, "format", "no format key",
            fmt::format("format = {} at the top of the file (the version of this file format)",
                        kScenarioFormat));
    return true;
  }
  if (node->is_integer() && node->as_integer()->get() == kScenarioFormat) return true;
  out.add(position_of(*node), "format", describe_node(*node),
          fmt::format("format = {}: this version of pcsim reads scenario format {} only",
                      kScenarioFormat, kScenarioFormat));
  return !node->is_integer();  // a wrong type is a typo; another version is another format
}

RunSettings read_run_settings(const toml::table& root, const std::filesystem::path& file,
                              DiagnosticCollector& out) {
  RunSettings settings;
  settings.name = file.stem().string();
  if (const auto* node = root.get("name"))
    if (auto v = read_string(*node, "name", "the scenario's name, a string", out)) {
      // The name heads the summary, the report and the workbook on one line: a newline or a
      // tab split `pcsim summary`'s heading (the output probe of 2026-12-07).
      const bool one_line = std::none_of(v->begin(), v->end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
      });
      if (one_line)
        settings.name = *v;
      else
        out.add(position_of(*node), "name", describe_node(*node),
                "the scenario's name on one line, without control characters (a newline, a "
                "tab); the description may run over several lines");
    }
  if (const auto* node = root.get("description"))
    if (auto v = read_string(*node, "description", "a string describing the scenario", out))
      settings.description = *v;
  if (const auto* node = root.get("seed")) {
    if (node->is_integer() && node->as_integer()->get() >= 0)
      settings.seed = static_cast<std::uint64_t>(node->as_integer()->get());
    else
      out.add(position_of(*node), "seed", describe_node(*node),
              "a whole number >= 0 (the seed of every random stream of the run)");
  }
  if (const auto* node = root.get("iterations")) {
    if (node->is_integer() && node->as_integer()->get() >= 1 &&
        node->as_integer()->get() <= kMaxIterations)
      settings.iterations = node->as_integer()->get();
    else
      out.add(position_of(*node), "iterations", describe_node(*node),
              fmt::format("a whole number from 1 to {} (Monte Carlo iterations per option; "
                          "the iteration is one 32-bit word of the random streams)",
                          kMaxIterations));
  }
  if (const auto* node = root.get("baseline")) {
    const std::string expected = fmt::format("the baseline option's name: {}", kOptionNameRule);
    if (auto v = read_string(*node, "baseline", expected, out)) {
      if (const std::string problem = option_name_problem(*v); problem.empty()) {
        settings.baseline_name = *v;
        settings.baseline_line = position_of(*node).line;
      } else {
        out.add(position_of(*node), "baseline", describe_node(*node) + ": " + problem, expected);
      }
    }
  }
  return settings;
}

}  // namespace pcsim::scenarios
