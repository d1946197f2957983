#include "scenarios/sampling_section.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "model/parameter_registry.hpp"
#include "scenarios/correlation_matrix.hpp"
#include "scenarios/key_schema.hpp"
#include "scenarios/suggest.hpp"

namespace pcsim::scenarios {
namespace {

constexpr std::string_view kMethodExpected =
    "\"random\" (independent draws, the default) or \"lhs\" (Latin hypercube sampling)";
constexpr std::string_view kCorrelationsExpected =
    "[[sampling.correlations]] tables, each with a = \"<parameter>\", b = \"<parameter>\" and "
    "rank_correlation = <number from -1 to 1>";

std::vector<std::string> as_strings(std::span<const std::string_view> keys) {
  return {keys.begin(), keys.end()};
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

// Reads the entries of [[sampling.correlations]] against the baseline's parameters.
class CorrelationReader {
 public:
  CorrelationReader(const OptionSpec& baseline, DiagnosticCollector& out)
      : baseline_(baseline), out_(out) {
    for (const auto& entry : baseline.parameters)
      if (!entry.distribution.is_fixed()) uncertain_.push_back(entry.path);
  }

  std::vector<RankCorrelation> read(const toml::node& node) {
    std::vector<RankCorrelation> correlations;
    const toml::array* array = node.as_array();
    if (!array || !(array->empty() || array->is_array_of_tables())) {
      out_.add(position_of(node), "sampling.correlations", describe_node(node),
               std::string(kCorrelationsExpected));
      return correlations;
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::table& table = *array->get(i)->as_table();
      if (auto entry = read_entry(table, fmt::format("sampling.correlations[{}]", i + 1)))
        correlations.push_back(std::move(*entry));
    }
    return correlations;
  }

 private:
  std::optional<RankCorrelation> read_entry(const toml::table& table, const std::string& label) {
    const std::vector<std::string> valid = as_strings(kCorrelationKeys);
    for (const auto& [key, value] : table)
      if (std::find(valid.begin(), valid.end(), key.str()) == valid.end())
        report_unknown_key(out_, key, join_path(label, key.str()), "sampling.correlations", valid);
    const std::size_t problems_before = out_.size();
    RankCorrelation entry;
    entry.line = position_of(table).line;
    const auto a = read_path(table, "a", label);
    const auto b = read_path(table, "b", label);
    const auto rho = read_rank_correlation(table, label);
    if (a && b && *a == *b) {
      out_.add(position_of(*table.get("b")), join_path(label, "b"),
               fmt::format("\"{}\", the same parameter as a", *b),
               "two different parameters (a parameter's rank correlation with itself is 1)");
    }
    if (out_.size() != problems_before || !a || !b || !rho) return std::nullopt;
    const auto pair = std::minmax(*a, *b);
    const auto [earlier, added] = seen_.emplace(pair, entry.line);
    if (!added) {
      out_.add(position_of(table), label,
               fmt::format("the pair {} and {} again (first given at line {})", pair.first,
                           pair.second, earlier->second),
               "each pair of parameters at most once");
      return std::nullopt;
    }
    entry.a = *a;
    entry.b = *b;
    entry.rank_correlation = *rho;
    return entry;
  }

  // The dotted path of a parameter that has a distribution in the baseline.
  std::optional<std::string> read_path(const toml::table& table, std::string_view key,
                                       const std::string& label) {
    const std::string key_label = join_path(label, key);
    const std::string expected =
        uncertain_.empty()
            ? std::string(
                  "the path of a parameter with a distribution in the baseline; the "
                  "baseline has none (give one a dist = ... to correlate it)")
            : fmt::format("the path of a parameter with a distribution in the baseline: {}",
                          joined(uncertain_));
    const toml::node* node = table.get(key);
    if (!node) {
      out_.add(position_of(table), key_label, fmt::format("no {}", key),
               fmt::format("{} = \"<parameter>\": {}", key, expected));
      return std::nullopt;
    }
    const auto* text = node->as_string();
    if (!text) {
      out_.add(position_of(*node), key_label, describe_node(*node), expected);
      return std::nullopt;
    }
    const std::string path = text->get();
    const auto entry = std::find_if(baseline_.parameters.begin(), baseline_.parameters.end(),
                                    [&](const ParameterEntry& e) { return e.path == path; });
    if (entry != baseline_.parameters.end() && !entry->distribution.is_fixed()) return path;
    std::string found;
    std::string suggestion;
    if (entry != baseline_.parameters.end()) {
      found = fmt::format(
          "\"{}\", fixed in the baseline (line {}): only uncertain parameters "
          "are drawn, so only they can be correlated",
          path, entry->line);
    } else if (model::find_parameter_spec(path) != nullptr) {
      found = fmt::format(
          "\"{}\", which the baseline does not set (it keeps its fixed "
          "default)",
          path);
    } else {
      found = fmt::format("\"{}\", not a parameter", path);
      auto near = nearest_key(path, uncertain_);
      if (!near) near = nearest_key(path, as_strings(model::parameter_paths()));
      if (near) suggestion = fmt::format("did you mean '{}'?", *near);
    }
    out_.add(position_of(*node), key_label, found, expected, suggestion);
    return std::nullopt;
  }

  std::optional<double> read_rank_correlation(const toml::table& table, const std::string& label) {
    const std::string key_label = join_path(label, "rank_correlation");
    constexpr std::string_view expected =
        "a Spearman rank correlation from -1 to 1, e.g. rank_correlation = 0.4";
    const toml::node* node = table.get("rank_correlation");
    if (!node) {
      out_.add(position_of(table), key_label, "no rank_correlation", std::string(expected));
      return std::nullopt;
    }
    const bool numeric = node->is_integer() || node->is_floating_point();
    const double rho = numeric ? *node->value<double>() : 0.0;
    if (!numeric || !std::isfinite(rho) || std::fabs(rho) > 1.0) {
      out_.add(position_of(*node), key_label, describe_node(*node), std::string(expected));
      return std::nullopt;
    }
    return rho;
  }

  const OptionSpec& baseline_;
  DiagnosticCollector& out_;
  std::vector<std::string> uncertain_;
  std::map<std::pair<std::string, std::string>, int> seen_;  // pair -> line first given
};

// The target matrix over the correlated paths (sorted), 1 on the diagonal, 0 where no pair
// was given.
void assemble_matrix(SamplingSpec& spec) {
  std::set<std::string> paths;
  for (const auto& c : spec.correlations) paths.insert({c.a, c.b});
  spec.correlated_paths.assign(paths.begin(), paths.end());
  const std::size_t n = spec.correlated_paths.size();
  auto index = [&](const std::string& path) {
    return static_cast<std::size_t>(
        std::lower_bound(spec.correlated_paths.begin(), spec.correlated_paths.end(), path) -
        spec.correlated_paths.begin());
  };
  spec.target_matrix.assign(n * n, 0.0);
  for (std::size_t k = 0; k < n; ++k) spec.target_matrix[k * n + k] = 1.0;
  for (const auto& c : spec.correlations) {
    const std::size_t i = index(c.a), j = index(c.b);
    spec.target_matrix[i * n + j] = spec.target_matrix[j * n + i] = c.rank_correlation;
  }
}

// "a ~ b 0.62, ...": the off-diagonal entries of the matrix, for the repair warning.
std::string describe_pairs(const SamplingSpec& spec) {
  const std::size_t n = spec.correlated_paths.size();
  std::vector<std::string> pairs;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      pairs.push_back(fmt::format("{} ~ {} {:.3f}", spec.correlated_paths[i],
                                  spec.correlated_paths[j], spec.target_matrix[i * n + j]));
  return joined(pairs);
}

// Checks that the assembled matrix is positive semi-definite; repairs it when asked.
void check_positive_semidefinite(SamplingSpec& spec, const Position& where,
                                 DiagnosticCollector& out) {
  const std::size_t n = spec.correlated_paths.size();
  spec.smallest_eigenvalue = smallest_eigenvalue(spec.target_matrix, n);
  if (spec.smallest_eigenvalue >= -kPsdTolerance) return;
  const std::string found = fmt::format(
      "rank correlations that cannot all hold together: their matrix over {} is not positive "
      "semi-definite (smallest eigenvalue {:.6g})",
      joined(spec.correlated_paths), spec.smallest_eigenvalue);
  if (!spec.repair_correlation) {
    out.add(where, "sampling.correlations", found,
            "correlations whose matrix has no negative eigenvalue (weaken or drop some), or "
            "repair_correlation = true in [sampling] to use the nearest valid matrix");
    return;
  }
  const std::vector<double> written = spec.target_matrix;
  spec.target_matrix = nearest_correlation_matrix(written, n);
  spec.repaired = true;
  Diagnostic warning;
  warning.file = out.file();
  warning.line = where.line;
  warning.column = where.column;
  warning.key = "sampling.correlations";
  warning.found = found;
  warning.expected = "a positive semi-definite matrix";
  warning.suggestion = fmt::format(
      "repair_correlation = true: using the nearest correlation matrix (Higham 2002), at "
      "Frobenius distance {:.4f} from the targets: {}",
      frobenius_distance(written, spec.target_matrix), describe_pairs(spec));
  spec.warnings.push_back(std::move(warning));
}

}  // namespace

SamplingSpec read_sampling_section(const toml::node* section, const OptionSpec& baseline,
                                   DiagnosticCollector& out) {
  SamplingSpec spec;
  if (section == nullptr) return spec;
  spec.line = position_of(*section).line;
  const toml::table* table = section->as_table();
  if (!table) {
    out.add(position_of(*section), "sampling", describe_node(*section),
            "a table [sampling] with method, repair_correlation and [[sampling.correlations]]");
    return spec;
  }
  const std::vector<std::string> valid = as_strings(kSamplingKeys);
  for (const auto& [key, value] : *table)
    if (std::find(valid.begin(), valid.end(), key.str()) == valid.end())
      report_unknown_key(out, key, join_path("sampling", key.str()), "sampling", valid);

  if (const toml::node* node = table->get("method")) {
    const auto* text = node->as_string();
    const std::string method = text ? text->get() : std::string();
    if (method == "random") {
      spec.method = SamplingMethod::Random;
    } else if (method == "lhs") {
      spec.method = SamplingMethod::LatinHypercube;
    } else {
      const std::vector<std::string> choices = {"random", "lhs"};
      const auto near = text ? nearest_key(method, choices) : std::nullopt;
      out.add(position_of(*node), "sampling.method", describe_node(*node),
              std::string(kMethodExpected),
              near ? fmt::format("did you mean \"{}\"?", *near) : std::string());
    }
  }
  if (const toml::node* node = table->get("repair_correlation")) {
    if (const auto* flag = node->as_boolean())
      spec.repair_correlation = flag->get();
    else
      out.add(position_of(*node), "sampling.repair_correlation", describe_node(*node),
              "true (replace a matrix that is not positive semi-definite by the nearest "
              "correlation matrix, with a warning) or false (report it as an error)");
  }
  const toml::node* correlations = table->get("correlations");
  if (!correlations) return spec;
  const std::size_t problems_before = out.size();
  spec.correlations = CorrelationReader(baseline, out).read(*correlations);
  if (out.size() != problems_before || spec.correlations.empty()) return spec;
  assemble_matrix(spec);
  const toml::array& array = *correlations->as_array();
  check_positive_semidefinite(spec, position_of(*array.get(0)), out);
  return spec;
}

}  // namespace pcsim::scenarios
