#include "output/results_validation.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "core/errors.hpp"
#include "output/results_layout.hpp"

namespace pcsim::output {

namespace {

[[noreturn]] void fail(const std::string& message) {
  throw OutputError("cannot write results: " + message);
}

// A name usable as one HDF5 link: non-empty, no path separator, not "." (the group itself).
void check_link_name(const std::string& kind, const std::string& name) {
  if (name.empty()) fail(kind + " with an empty name");
  if (name.find('/') != std::string::npos) {
    fail(kind + " '" + name + "' contains '/' (expected a plain name)");
  }
  if (name == ".") fail(kind + " named '.'");
}

// Each name valid, not reserved, and used once within `seen` (which may already hold
// names from other lists). `kind` reads like "option 'x': metric".
void check_names(const std::string& kind, const std::vector<std::string>& names,
                 std::set<std::string>& seen) {
  for (const auto& name : names) {
    check_link_name(kind, name);
    const bool reserved =
        std::find(layout::kReservedResultNames.begin(), layout::kReservedResultNames.end(), name) !=
        layout::kReservedResultNames.end();
    if (reserved) {
      fail(kind + " may not be named '" + name +
           "' (reserved: summary, parameters, statistics, central, practices)");
    }
    if (!seen.insert(name).second) fail(kind + " '" + name + "' appears twice");
  }
}

void check_length(const std::string& what, std::size_t found, std::size_t expected) {
  if (found != expected) {
    fail(what + " has " + std::to_string(found) + " values; expected " + std::to_string(expected));
  }
}

void check_parameters(const std::string& where, const std::vector<ParameterColumn>& columns,
                      std::size_t iterations) {
  std::set<std::string> seen;
  for (const auto& column : columns) {
    check_link_name("parameter in " + where, column.name);
    if (!seen.insert(column.name).second) {
      fail("parameter '" + column.name + "' appears twice in " + where);
    }
    check_length("parameter '" + column.name + "' in " + where, column.values.size(), iterations);
    for (const double index : column.values) {
      if (!column.choices.empty() &&
          !(index >= 0 && index < static_cast<double>(column.choices.size()) &&
            index == static_cast<double>(static_cast<std::size_t>(index)))) {
        fail("choice parameter '" + column.name + "' in " + where + " has the value " +
             std::to_string(index) + ", not an index of its " +
             std::to_string(column.choices.size()) + " labels");
      }
    }
  }
}

void check_option(const OptionResults& option, std::size_t iterations, std::size_t years) {
  const std::string where = "option '" + option.name + "'";
  std::set<std::string> seen;
  check_names(where + ": metric", option.metric_names, seen);
  check_names(where + ": scalar", option.scalar_names, seen);
  const std::size_t metrics = option.metric_names.size();
  check_length(where + ": metric_units", option.metric_units.size(), metrics);
  check_length(where + ": by_year (one array per metric)", option.by_year.size(), metrics);
  for (std::size_t m = 0; m < metrics; ++m) {
    check_length(where + ": metric '" + option.metric_names[m] + "' (iterations x years)",
                 option.by_year[m].size(), iterations * years);
  }
  const std::size_t scalars = option.scalar_names.size();
  check_length(where + ": scalars (one array per scalar)", option.scalars.size(), scalars);
  if (!option.scalar_units.empty()) {
    check_length(where + ": scalar_units", option.scalar_units.size(), scalars);
  }
  for (std::size_t s = 0; s < scalars; ++s) {
    check_length(where + ": scalar '" + option.scalar_names[s] + "'", option.scalars[s].size(),
                 iterations);
  }
  check_parameters(where, option.parameters, iterations);
  // The central case: absent (both empty) or one value per metric and year and per scalar.
  if (!option.central_by_year.empty() || !option.central_scalars.empty()) {
    check_length(where + ": central_by_year (one array per metric)", option.central_by_year.size(),
                 metrics);
    for (std::size_t m = 0; m < metrics; ++m) {
      check_length(where + ": central '" + option.metric_names[m] + "'",
                   option.central_by_year[m].size(), years);
    }
    check_length(where + ": central_scalars", option.central_scalars.size(), scalars);
  }
}

}  // namespace

void validate_for_writing(const RunResults& results, const Provenance& provenance) {
  if (results.iterations < 0) fail("negative iteration count");
  if (provenance.iterations != 0 && provenance.iterations != results.iterations) {
    fail("provenance says " + std::to_string(provenance.iterations) +
         " iterations but the results hold " + std::to_string(results.iterations));
  }
  if (results.options.empty()) fail("no options (expected at least the baseline)");
  const auto iterations = static_cast<std::size_t>(results.iterations);
  const std::size_t years = results.year_labels.size();

  std::set<std::string> option_names;
  for (const auto& option : results.options) {
    check_link_name("option", option.name);
    if (!option_names.insert(option.name).second) {
      fail("option '" + option.name + "' appears twice");
    }
  }
  for (const auto& option : results.options) check_option(option, iterations, years);
  check_parameters("the baseline", results.parameters, iterations);

  std::set<std::string> extra_keys;
  for (const auto& [key, value] : provenance.extra) {
    if (key.empty()) fail("provenance attribute with an empty name");
    const bool reserved = std::find(layout::kRootAttributes.begin(), layout::kRootAttributes.end(),
                                    key) != layout::kRootAttributes.end();
    if (reserved) fail("provenance attribute '" + key + "' would replace a standard attribute");
    if (!extra_keys.insert(key).second) fail("provenance attribute '" + key + "' appears twice");
  }
}

}  // namespace pcsim::output
