#include "runner/parameter_draws.hpp"

#include <algorithm>
#include <string>

#include "core/errors.hpp"
#include "model/parameter_registry.hpp"
#include "random/philox_events.hpp"

namespace pcsim::runner {
// The keyed random streams (random/philox_events.hpp).
using namespace pcsim::random;

double entry_value(const scenarios::ParameterEntry& entry, std::uint64_t seed,
                   std::int64_t iteration, bool central) {
  if (central) return entry.distribution.central();
  if (entry.distribution.is_fixed()) return entry.distribution.central();
  return entry.distribution.quantile(
      parameter_uniform(seed, static_cast<std::uint32_t>(iteration), entry.path));
}

bool overrides_baseline(const scenarios::ParameterEntry& entry,
                        const scenarios::OptionSpec& baseline) {
  return std::none_of(baseline.parameters.begin(), baseline.parameters.end(),
                      [&](const scenarios::ParameterEntry& b) {
                        return b.path == entry.path && b.line == entry.line;
                      });
}

namespace {

std::vector<UniformSource> sources_for(const scenarios::OptionSpec& option,
                                       const auto& source_of_path) {
  std::vector<UniformSource> sources;
  sources.reserve(option.parameters.size());
  for (const auto& entry : option.parameters) sources.push_back(source_of_path(entry.path));
  return sources;
}

}  // namespace

ParameterDraws::ParameterDraws(const scenarios::OptionSpec& option, std::uint64_t seed,
                               bool central, std::int64_t iterations)
    : ParameterDraws(option,
                     sources_for(option,
                                 [seed](const std::string& path) {
                                   return UniformSource::direct(seed, path);
                                 }),
                     central, iterations) {}

ParameterDraws::ParameterDraws(const scenarios::OptionSpec& option, const SamplingPlan& plan,
                               bool central, std::int64_t iterations)
    : ParameterDraws(
          option,
          sources_for(option, [&plan](const std::string& path) { return plan.source(path); }),
          central, iterations) {}

ParameterDraws::ParameterDraws(const scenarios::OptionSpec& option,
                               std::vector<UniformSource> sources, bool central,
                               std::int64_t iterations)
    : option_(option), sources_(std::move(sources)), central_(central) {
  columns_.reserve(option.parameters.size());
  for (const auto& entry : option.parameters) {
    if (entry.spec == nullptr) {
      // The scenario reader attaches a registry spec to every entry it accepts.
      throw ModelError("parameter '" + entry.path + "' of option '" + option.name +
                       "' has no registry entry");
    }
    output::ParameterColumn column;
    column.name = entry.path;
    column.distribution = entry.distribution.describe();
    column.rationale = entry.rationale;
    column.unit = std::string(entry.spec->unit);
    column.values.assign(static_cast<std::size_t>(iterations), 0.0);
    if (entry.spec->type == model::ParameterType::Choice) {
      // Stored as its labels (the index the model reads means nothing to a reader).
      column.choices.assign(entry.spec->choices.begin(), entry.spec->choices.end());
      const auto index = static_cast<std::size_t>(entry.distribution.central());
      if (index < column.choices.size()) {
        column.distribution = "fixed(value=\"" + column.choices[index] + "\")";
      }
    }
    columns_.push_back(std::move(column));
  }
}

template <class SetValue>
void ParameterDraws::compute(std::int64_t iteration, model::ModelParameters& params,
                             SetValue&& set_value) const {
  params = option_.central;
  for (std::size_t k = 0; k < option_.parameters.size(); ++k) {
    const auto& entry = option_.parameters[k];
    if (entry.distribution.is_fixed()) {
      // Already in `central`: record it as the model will read it, and leave it alone.
      set_value(k, entry.spec->get(params, entry.element));
      continue;
    }
    const double value = central_ ? entry.distribution.central()
                                  : entry.distribution.quantile(sources_[k](iteration));
    entry.spec->set(params, entry.element, value);
    set_value(k, value);
  }
}

void ParameterDraws::draw(std::int64_t iteration, model::ModelParameters& params) {
  const auto slot = static_cast<std::size_t>(iteration);
  compute(iteration, params,
          [&](std::size_t k, double value) { columns_[k].values.at(slot) = value; });
}

void ParameterDraws::draw_values(std::int64_t iteration, model::ModelParameters& params,
                                 std::span<double> values) const {
  if (values.size() != option_.parameters.size()) {
    throw ModelError("draw_values: one value per entry of option '" + option_.name + "' expected");
  }
  compute(iteration, params, [&](std::size_t k, double value) { values[k] = value; });
}

void ParameterDraws::record(std::int64_t iteration, std::span<const double> values) {
  if (values.size() != columns_.size()) {
    throw ModelError("record: one value per entry of option '" + option_.name + "' expected");
  }
  const auto slot = static_cast<std::size_t>(iteration);
  for (std::size_t k = 0; k < columns_.size(); ++k) columns_[k].values.at(slot) = values[k];
}

}  // namespace pcsim::runner
