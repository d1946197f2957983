#include "scenarios/diagnostics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include <fmt/format.h>

namespace pcsim::scenarios {

static Position from_region(const toml::source_region& region) {
  return {static_cast<int>(region.begin.line), static_cast<int>(region.begin.column),
          region.path ? *region.path : std::string{}};
}

Position position_of(const toml::node& node) { return from_region(node.source()); }
Position position_of(const toml::key& key) { return from_region(key.source()); }

std::string format_number(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "infinity" : "-infinity";
  if (value == std::floor(value) && std::fabs(value) < 1e15)
    return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{:.10g}", value);  // enough digits to tell values apart, no noise
}

std::string describe_range(double min_valid, double max_valid) {
  const bool has_min = std::isfinite(min_valid), has_max = std::isfinite(max_valid);
  if (has_min && has_max)
    return fmt::format("from {} to {}", format_number(min_valid), format_number(max_valid));
  if (has_min) return fmt::format("at least {}", format_number(min_valid));
  if (has_max) return fmt::format("at most {}", format_number(max_valid));
  return "any number";
}

std::string describe_node(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return fmt::format("\"{}\" (string)", node.as_string()->get());
    case toml::node_type::integer:
      return fmt::format("{} (integer)", node.as_integer()->get());
    case toml::node_type::floating_point:
      return fmt::format("{} (float)", format_number(node.as_floating_point()->get()));
    case toml::node_type::boolean:
      return node.as_boolean()->get() ? "true (boolean)" : "false (boolean)";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array: {
      const auto n = node.as_array()->size();
      return n == 1 ? "an array of 1 item" : fmt::format("an array of {} items", n);
    }
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "nothing";
  }
}

void DiagnosticCollector::add(Position where, std::string key, std::string found,
                              std::string expected, std::string suggestion) {
  Diagnostic d;
  d.file = where.file.empty() ? file_ : std::move(where.file);
  d.line = where.line;
  d.column = where.column;
  d.key = std::move(key);
  d.found = std::move(found);
  d.expected = std::move(expected);
  d.suggestion = std::move(suggestion);
  diagnostics_.push_back(std::move(d));
}

static auto order_key(const Diagnostic& d, const std::string& own_file) {
  // Problems with no line (a missing section) go last in their file, after everything located.
  const int line = d.line > 0 ? d.line : std::numeric_limits<int>::max();
  return std::tuple<bool, const std::string&, int, int, const std::string&, const std::string&,
                    const std::string&, const std::string&>(
      d.file != own_file, d.file, line, d.column, d.key, d.found, d.expected, d.suggestion);
}

std::vector<Diagnostic> DiagnosticCollector::sorted() const {
  std::vector<Diagnostic> out = diagnostics_;
  std::stable_sort(out.begin(), out.end(), [this](const Diagnostic& a, const Diagnostic& b) {
    return order_key(a, file_) < order_key(b, file_);
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [this](const Diagnostic& a, const Diagnostic& b) {
                          return order_key(a, file_) == order_key(b, file_);
                        }),
            out.end());
  return out;
}

void DiagnosticCollector::throw_if_any() const {
  if (!diagnostics_.empty()) throw InputError(sorted());
}

}  // namespace pcsim::scenarios
