#include "scenarios/distribution_table.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "scenarios/key_schema.hpp"
#include "scenarios/suggest.hpp"

namespace pcsim::scenarios {
namespace {

using model::Distribution;

// The keys of one kind: `required` must all be given, unless the kind has an alternative
// set (`alternative`: lognormal's mu/sigma, beta's mean/sd) and that set is given instead.
struct KindKeys {
  std::vector<std::string> required;
  std::vector<std::string> alternative;
  std::vector<std::string> optional;
  std::string_view rule;  // what valid parameters look like, for "expected ..."
};

const std::map<std::string, KindKeys, std::less<>>& kind_keys() {
  static const std::map<std::string, KindKeys, std::less<>> kinds = {
      {"fixed", {{"value"}, {}, {}, "a finite value"}},
      {"uniform", {{"min", "max"}, {}, {}, "min <= max"}},
      {"triangular", {{"min", "mode", "max"}, {}, {}, "min <= mode <= max"}},
      {"pert",
       {{"min", "mode", "max"},
        {},
        {"lambda"},
        "min <= mode <= max and 0 < lambda <= 1e6 (default 4)"}},
      {"normal",
       {{"mean", "sd"},
        {},
        {"lower", "upper"},
        "sd > 0 and, if given, lower < upper keeping some probability "
        "between them"}},
      {"lognormal",
       {{"mean", "sd"},
        {"mu", "sigma"},
        {"lower", "upper"},
        "mean > 0 and sd > 0 (or any mu and sigma > 0), and 0 <= lower < upper "
        "keeping some probability between them"}},
      {"beta",
       {{"alpha", "beta"},
        {"mean", "sd"},
        {},
        "alpha and beta from 0.001 to 1e7, or 0 < mean < 1 with an sd that gives such "
        "shapes (below sqrt(mean (1 - mean)))"}},
      {"discrete",
       {{"values"},
        {},
        {"weights"},
        "values and as many weights (each >= 0, not all 0; default equal)"}},
  };
  return kinds;
}

std::string list_keys(const std::vector<std::string>& keys, std::string_view joiner) {
  std::string text;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) text += i + 1 == keys.size() ? joiner : std::string_view(", ");
    text += keys[i];
  }
  return text;
}

// Reads one number of the table; nullopt (after reporting) when it is not a finite number.
std::optional<double> number_at(const toml::table& table, std::string_view key,
                                const std::string& label, DiagnosticCollector& out) {
  const toml::node* node = table.get(key);
  if (!node) return std::nullopt;
  const auto value = node->value<double>();  // integers convert exactly below 2^53
  if (!value || (!node->is_integer() && !node->is_floating_point()) || !std::isfinite(*value)) {
    out.add(position_of(*node), join_path(label, key), describe_node(*node), "a finite number");
    return std::nullopt;
  }
  return value;
}

std::optional<std::vector<double>> numbers_at(const toml::table& table, std::string_view key,
                                              const std::string& label, DiagnosticCollector& out) {
  const toml::node* node = table.get(key);
  if (!node) return std::nullopt;
  constexpr std::string_view expected = "a non-empty array of finite numbers, e.g. [1, 2, 3]";
  const toml::array* array = node->as_array();
  if (!array || array->empty()) {
    out.add(position_of(*node), join_path(label, key), describe_node(*node), std::string(expected));
    return std::nullopt;
  }
  std::vector<double> values;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& item = *array->get(i);
    const auto v = item.value<double>();
    if (!v || (!item.is_integer() && !item.is_floating_point()) || !std::isfinite(*v)) {
      // The item itself, so that [1, nan] says which (not "an array of 2 items").
      out.add(position_of(item), join_path(label, key),
              fmt::format("item {} of the array: {}", i + 1, describe_node(item)),
              std::string(expected));
      return std::nullopt;
    }
    values.push_back(*v);
  }
  return values;
}

bool has_all(const toml::table& table, const std::vector<std::string>& keys) {
  return std::all_of(keys.begin(), keys.end(), [&](const auto& k) { return table.contains(k); });
}
bool has_any(const toml::table& table, const std::vector<std::string>& keys) {
  return std::any_of(keys.begin(), keys.end(), [&](const auto& k) { return table.contains(k); });
}

// The keys given are a valid set for the kind; reports unknown, missing or mixed keys.
bool check_keys(const toml::table& table, const std::string& kind, const KindKeys& keys,
                const std::string& label, DiagnosticCollector& out) {
  std::vector<std::string> allowed = {"dist", "rationale"};
  for (const auto* set : {&keys.required, &keys.alternative, &keys.optional})
    allowed.insert(allowed.end(), set->begin(), set->end());
  bool ok = true;
  for (const auto& [key, node] : table) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
    const auto near = nearest_key(key.str(), allowed);
    out.add(position_of(key), join_path(label, key.str()),
            fmt::format("unknown key '{}' in a {} distribution", key.str(), kind),
            fmt::format("the keys of {}: {}", kind, list_keys(allowed, ", ")),
            near ? fmt::format("did you mean '{}'?", *near) : std::string{});
    ok = false;
  }
  const bool main_set = has_any(table, keys.required);
  const bool alternative_set = has_any(table, keys.alternative);
  if (main_set && alternative_set) {
    out.add(position_of(table), label,
            fmt::format("a {} distribution given both by {} and by {}", kind,
                        list_keys(keys.required, " and "), list_keys(keys.alternative, " and ")),
            fmt::format("one of the two: {} or {}", list_keys(keys.required, " and "),
                        list_keys(keys.alternative, " and ")));
    return false;
  }
  const auto& chosen = alternative_set ? keys.alternative : keys.required;
  if (!has_all(table, chosen)) {
    std::vector<std::string> missing;
    for (const auto& k : chosen)
      if (!table.contains(k)) missing.push_back(k);
    std::string needs = list_keys(keys.required, ", ");
    if (!keys.alternative.empty()) needs += " (or " + list_keys(keys.alternative, ", ") + ")";
    out.add(position_of(table), label,
            fmt::format("a {} distribution without {}", kind, list_keys(missing, " and ")),
            fmt::format("{} needs {}", kind, needs));
    ok = false;
  }
  return ok;
}

// Calls the factory of `kind` with the table's numbers. Only called once check_keys
// passed, so every required number is present (though perhaps not numeric).
std::optional<Distribution> build(const toml::table& table, const std::string& kind,
                                  const std::string& label, DiagnosticCollector& out) {
  auto num = [&](std::string_view key) { return number_at(table, key, label, out); };
  auto opt = [&](std::string_view key, double fallback) -> std::optional<double> {
    return table.contains(key) ? num(key) : std::optional<double>(fallback);
  };
  constexpr double inf = Distribution::kInf;
  if (kind == "fixed") {
    const auto v = num("value");
    if (v) return Distribution::fixed(*v);
  } else if (kind == "uniform") {
    const auto lo = num("min"), hi = num("max");
    if (lo && hi) return Distribution::uniform(*lo, *hi);
  } else if (kind == "triangular" || kind == "pert") {
    const auto lo = num("min"), mode = num("mode"), hi = num("max");
    const auto lambda = opt("lambda", 4.0);
    if (lo && mode && hi && lambda)
      return kind == "pert" ? Distribution::pert(*lo, *mode, *hi, *lambda)
                            : Distribution::triangular(*lo, *mode, *hi);
  } else if (kind == "normal") {
    const auto mean = num("mean"), sd = num("sd");
    const auto lower = opt("lower", -inf), upper = opt("upper", inf);
    if (mean && sd && lower && upper) return Distribution::normal(*mean, *sd, *lower, *upper);
  } else if (kind == "lognormal") {
    const auto lower = opt("lower", 0.0), upper = opt("upper", inf);
    if (table.contains("mu")) {
      const auto mu = num("mu"), sigma = num("sigma");
      if (mu && sigma && lower && upper)
        return Distribution::lognormal(*mu, *sigma, *lower, *upper);
    } else {
      const auto mean = num("mean"), sd = num("sd");
      if (mean && sd && lower && upper)
        return Distribution::lognormal_from_moments(*mean, *sd, *lower, *upper);
    }
  } else if (kind == "beta") {
    if (table.contains("alpha")) {
      const auto a = num("alpha"), b = num("beta");
      if (a && b) return Distribution::beta(*a, *b);
    } else {
      const auto mean = num("mean"), sd = num("sd");
      if (mean && sd) return Distribution::beta_from_moments(*mean, *sd);
    }
  } else if (kind == "discrete") {
    const auto values = numbers_at(table, "values", label, out);
    std::optional<std::vector<double>> weights;
    if (table.contains("weights"))
      weights = numbers_at(table, "weights", label, out);
    else if (values)
      weights = std::vector<double>(values->size(), 1.0);
    if (values && weights) return Distribution::discrete(*values, *weights);
  }
  return std::nullopt;
}

}  // namespace

std::optional<model::Distribution> read_distribution_table(const toml::table& table,
                                                           const std::string& label,
                                                           DiagnosticCollector& out) {
  const toml::node* dist = table.get("dist");
  const std::vector<std::string> kinds(std::begin(kDistributionKinds),
                                       std::end(kDistributionKinds));
  const auto* kind_node = dist ? dist->as_string() : nullptr;
  const auto& all = kind_keys();
  const auto found = kind_node ? all.find(kind_node->get()) : all.end();
  if (found == all.end()) {
    const std::string given = kind_node ? kind_node->get() : std::string{};
    const auto near = kind_node ? nearest_key(given, kinds) : std::nullopt;
    out.add(dist ? position_of(*dist) : position_of(table), join_path(label, "dist"),
            dist ? (kind_node ? fmt::format("unknown distribution \"{}\"", given)
                              : describe_node(*dist))
                 : std::string("no dist"),
            fmt::format("a distribution kind: one of {}", list_keys(kinds, ", ")),
            near ? fmt::format("did you mean '{}'?", *near) : std::string{});
    return std::nullopt;
  }
  const std::string& kind = found->first;
  if (!check_keys(table, kind, found->second, label, out)) return std::nullopt;
  try {
    return build(table, kind, label, out);
  } catch (const std::invalid_argument& e) {
    out.add(position_of(table), label,
            fmt::format("an impossible {} distribution: {}", kind, e.what()),
            fmt::format("{} parameters with {}", kind, found->second.rule));
    return std::nullopt;
  }
}

}  // namespace pcsim::scenarios
