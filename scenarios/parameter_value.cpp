#include "scenarios/parameter_value.hpp"

#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "scenarios/distribution_table.hpp"
#include "scenarios/key_schema.hpp"
#include "scenarios/suggest.hpp"

namespace pcsim::scenarios {
namespace {

using model::Distribution;
using model::ParameterSpec;
using model::ParameterType;

std::string choices_text(const ParameterSpec& spec) {
  std::string text;
  for (std::size_t i = 0; i < spec.choices.size(); ++i)
    text += fmt::format("{}\"{}\"", i == 0 ? "" : ", ", spec.choices[i]);
  return text;
}

// A bare value of the parameter's type; nullopt after reporting.
std::optional<double> read_scalar(const toml::node& node, const ParameterSpec& spec,
                                  const std::string& label, DiagnosticCollector& out) {
  auto wrong_type = [&](std::string suggestion = {}) {
    out.add(position_of(node), label, describe_node(node), describe_expected(spec),
            std::move(suggestion));
    return std::nullopt;
  };
  switch (spec.type) {
    case ParameterType::Number:
      if (node.is_integer()) return static_cast<double>(node.as_integer()->get());
      if (node.is_floating_point()) {
        const double v = node.as_floating_point()->get();
        if (std::isfinite(v)) return v;
      }
      return wrong_type();
    case ParameterType::Integer:
      if (node.is_integer()) return static_cast<double>(node.as_integer()->get());
      return wrong_type();
    case ParameterType::Boolean:
      if (node.is_boolean()) return node.as_boolean()->get() ? 1.0 : 0.0;
      return wrong_type();
    case ParameterType::Choice: {
      if (!node.is_string()) return wrong_type();
      const std::string& given = node.as_string()->get();
      std::vector<std::string> choices(spec.choices.begin(), spec.choices.end());
      for (std::size_t i = 0; i < choices.size(); ++i)
        if (choices[i] == given) return static_cast<double>(i);
      const auto near = nearest_key(given, choices);
      return wrong_type(near ? fmt::format("did you mean '{}'?", *near) : std::string{});
    }
  }
  return wrong_type();
}

// Every value the distribution can take lies within the registry's valid range.
bool check_support(const Distribution& d, const ParameterSpec& spec, const toml::node& where,
                   const std::string& label, DiagnosticCollector& out) {
  const double lo = d.support_min(), hi = d.support_max();
  if (lo >= spec.min_valid && hi <= spec.max_valid) return true;
  const std::string range = describe_range(spec.min_valid, spec.max_valid);
  if (d.is_fixed()) {
    out.add(position_of(where), label, describe_node(where), describe_expected(spec));
    return false;
  }
  std::string expected = fmt::format("every value {} ({})", range, spec.unit);
  const bool truncatable =
      d.kind() == model::DistributionKind::Normal || d.kind() == model::DistributionKind::Lognormal;
  if (truncatable)
    expected += fmt::format(": give lower and upper bounds inside [{}, {}]",
                            format_number(spec.min_valid), format_number(spec.max_valid));
  out.add(position_of(where), label,
          fmt::format("{}, which takes values from {} to {}", d.describe(), format_number(lo),
                      format_number(hi)),
          expected);
  return false;
}

// { value = ..., rationale = ... } or { dist = ..., ... }: the rationale, if well formed.
std::optional<std::string> read_rationale(const toml::table& table, const std::string& label,
                                          DiagnosticCollector& out) {
  const toml::node* node = table.get("rationale");
  if (!node) return std::string{};
  if (const auto* text = node->as_string()) return text->get();
  out.add(position_of(*node), join_path(label, "rationale"), describe_node(*node),
          "a string saying where the value comes from, e.g. rationale = \"ONS 2016 projection\"");
  return std::nullopt;
}

std::optional<Distribution> read_value_table(const toml::table& table, const ParameterSpec& spec,
                                             const std::string& label, DiagnosticCollector& out,
                                             const toml::node*& value_node) {
  static const std::vector<std::string> allowed = {"value", "dist", "rationale"};
  bool ok = true;
  for (const auto& [key, node] : table) {
    if (key.str() == "value" || key.str() == "rationale") continue;
    if (key.str() == "dist") {
      out.add(position_of(node), join_path(label, "dist"), describe_node(node),
              fmt::format("no dist: only number parameters may be uncertain; {} takes {} "
                          "as {{ value = ..., rationale = \"...\" }}",
                          label, describe_expected(spec)));
    } else {
      const auto near = nearest_key(key.str(), allowed);
      out.add(position_of(key), join_path(label, key.str()),
              fmt::format("unknown key '{}'", key.str()),
              spec.type == ParameterType::Number
                  ? "{ value = ..., rationale = \"...\" } or { dist = \"<kind>\", ..., "
                    "rationale = \"...\" }"
                  : "{ value = ..., rationale = \"...\" }",
              near ? fmt::format("did you mean '{}'?", *near) : std::string{});
    }
    ok = false;
  }
  value_node = table.get("value");
  if (!value_node) {
    if (ok)  // an empty table, or only a rationale
      out.add(position_of(table), label, "a table without 'value'",
              spec.type == ParameterType::Number
                  ? "{ value = ..., rationale = \"...\" } or { dist = \"<kind>\", ..., "
                    "rationale = \"...\" }"
                  : "{ value = ..., rationale = \"...\" }");
    return std::nullopt;
  }
  const auto v = read_scalar(*value_node, spec, join_path(label, "value"), out);
  if (!ok || !v) return std::nullopt;
  return Distribution::fixed(*v);
}

}  // namespace

std::string describe_expected(const ParameterSpec& spec) {
  const std::string range = describe_range(spec.min_valid, spec.max_valid);
  switch (spec.type) {
    case ParameterType::Number:
      return fmt::format(
          "a number {} ({}), or {{ value = ..., rationale = \"...\" }}, or "
          "{{ dist = \"<kind>\", ... }}",
          range, spec.unit);
    case ParameterType::Integer:
      return fmt::format("a whole number {} ({})", range, spec.unit);
    case ParameterType::Boolean:
      return "true or false";
    case ParameterType::Choice:
      return fmt::format("one of {}", choices_text(spec));
  }
  return {};
}

std::optional<ParsedValue> read_parameter_value(const toml::node& node, const ParameterSpec& spec,
                                                const std::string& label,
                                                DiagnosticCollector& out) {
  const toml::table* table = node.as_table();
  if (!table) {
    const auto v = read_scalar(node, spec, label, out);
    if (!v) return std::nullopt;
    const auto d = Distribution::fixed(*v);
    if (!check_support(d, spec, node, label, out)) return std::nullopt;
    return ParsedValue{d, {}};
  }
  const auto rationale = read_rationale(*table, label, out);
  std::optional<Distribution> d;
  const toml::node* where = table;
  if (table->contains("dist") && spec.is_read_at_load()) {
    out.add(position_of(*table->get("dist")), join_path(label, "dist"),
            describe_node(*table->get("dist")),
            fmt::format("one value, not a distribution: {} is read once ({}); give "
                        "{{ value = ..., rationale = \"...\" }}",
                        label, spec.load_time));
    return std::nullopt;
  }
  if (table->contains("dist") && spec.type == ParameterType::Number) {
    d = read_distribution_table(*table, label, out);
    if (d && d->is_fixed() && table->contains("value")) where = table->get("value");
  } else {
    d = read_value_table(*table, spec, label, out, where);
  }
  if (!d || !rationale || !check_support(*d, spec, *where, label, out)) return std::nullopt;
  return ParsedValue{*d, *rationale};
}

}  // namespace pcsim::scenarios
