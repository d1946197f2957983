#pragma once
// The drivers of a change (docs/model.md, "Change by driver"): named groups of parameters
// that move the model away from its base year. Each driver is switched off by a set of
// parameter overrides; with every driver off the model stands still at its base year
// (list, demand, GPs, roles and unmet demand stay at their year-0 values), so the change
// from year 0 to year t is the change the drivers make, and runner/driver_run.hpp splits
// it between them by Shapley values.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/parameters.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// One override: parameter `path` (a registry path; '*' for every role or quality
// standard) takes off(params) when its driver is switched off.
struct DriverSwitch {
  std::string_view path;
  double (*off)(const model::ModelParameters&);
  std::string_view shown;  // the off value as the docs and the results file state it
};

struct Driver {
  std::string_view name;   // stored in the results file: never rename one
  std::string_view label;  // for people
  std::span<const DriverSwitch> switches;
};

// Every driver, in the order they are reported: the context (population growth,
// consultation rate, GP workforce, practice changes), then the levers.
std::span<const Driver> driver_catalogue();

// Switches `driver` off in `params`.
void switch_off(const Driver& driver, model::ModelParameters& params);

// True when switching `driver` off would change `params` (some switch is not at its off
// value already).
bool driver_is_on(const Driver& driver, const model::ModelParameters& params);

// True when one of the driver's switches covers `path` ("roles.nurse.new_posts_per_30000"
// is covered by "roles.*.new_posts_per_30000").
bool driver_covers(const Driver& driver, std::string_view path);

// "population.list_growth = 0; population.list_noise_sd = 0".
std::string switches_text(const Driver& driver);

// The parameters of `base` with every driver of `drivers` whose bit in `mask` is clear
// switched off (bit j set: drivers[j] stays as in `base`).
model::ModelParameters with_drivers(const model::ModelParameters& base,
                                    std::span<const Driver* const> drivers, std::size_t mask);

// The drivers that can change something in this scenario, in catalogue order: on in the
// central parameters of some option or, when `uncertain_too`, covering a parameter some
// option draws from a distribution. Every other driver adds exactly 0 in every subset (a
// dummy player), so leaving it out changes no Shapley value and halves the runs.
std::vector<const Driver*> active_drivers(const scenarios::Scenario& scenario, bool uncertain_too);

}  // namespace pcsim::runner
