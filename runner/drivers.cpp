#include "runner/drivers.hpp"

#include <iterator>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "model/additional_roles.hpp"
#include "model/parameter_registry.hpp"
#include "runner/sensitivity_run.hpp"
#include "runner/shapley.hpp"

namespace pcsim::runner {

namespace {

using model::ModelParameters;

constexpr double zero(const ModelParameters&) { return 0.0; }

// The additional roles held at their year-0 level: a ceiling equal to d(0) makes
// d(t) = d(0) for every t (model/additional_roles.hpp).
double additional_roles_year0(const ModelParameters& p) {
  return model::additional_roles_density(p.additional_roles, p.start_year, 0);
}

constexpr DriverSwitch kPopulation[] = {
    {"population.list_growth", zero, "0"},
    {"population.list_noise_sd", zero, "0"},
};
constexpr DriverSwitch kConsultations[] = {
    {"population.consultation_growth", zero, "0"},
};
constexpr DriverSwitch kWorkforce[] = {
    {"workforce.retirement_multiplier", zero, "0"},
    {"workforce.leaver_rate", zero, "0"},
    {"workforce.fte_trend", zero, "0"},
};
constexpr DriverSwitch kPracticeChanges[] = {
    {"practice_changes.mergers", zero, "false"},
    {"practice_changes.closures", zero, "false"},
    {"workforce.closure_threshold", zero, "0"},
};
constexpr DriverSwitch kLevellingUp[] = {
    {"funding.levelling_up", zero, "false"},
};
constexpr DriverSwitch kQualityContract[] = {
    {"funding.quality_standards.*.payment_per_weighted_patient", zero, "0"},
};
constexpr DriverSwitch kExtendedAccess[] = {
    {"capacity.extended_access_per_1000", zero, "0"},
};
constexpr DriverSwitch kRoles[] = {
    {"roles.*.new_posts_per_30000", zero, "0"},
    {"workforce.extra_gp_posts_per_30000", zero, "0"},
    {"population.diversion_max", zero, "0"},
    {"additional_roles.fte_per_10000_ceiling", additional_roles_year0, "its year-0 level d(0)"},
};
constexpr DriverSwitch kReferrals[] = {
    {"savings.eur", zero, "false"},
    {"savings.benchmarking", zero, "false"},
};
constexpr DriverSwitch kPrescribing[] = {
    {"savings.prescribing_kpi", zero, "false"},
};

constexpr Driver kCatalogue[] = {
    {"population_growth", "population growth", kPopulation},
    {"consultation_rate", "consultation rate", kConsultations},
    {"gp_workforce", "GP retirement, leavers and hours", kWorkforce},
    {"practice_changes", "mergers and closures", kPracticeChanges},
    {"levelling_up", "levelling up", kLevellingUp},
    {"quality_contract", "quality contract", kQualityContract},
    {"extended_access", "extended access", kExtendedAccess},
    {"roles", "new posts, additional roles, skill mix", kRoles},
    {"referral_policies", "referral policies (EUR, benchmarking)", kReferrals},
    {"prescribing_kpi", "prescribing KPI", kPrescribing},
};

// Every subset of the active drivers is run (runner/shapley.hpp), so the catalogue never
// holds more than a split can take: no scenario can ask for too many.
static_assert(std::size(kCatalogue) <= kMaxShapleyPlayers);

const model::ParameterSpec& spec_of(std::string_view path) {
  const model::ParameterSpec* spec = model::find_parameter_spec(path);
  if (spec == nullptr) throw ModelError(fmt::format("driver switch '{}' is not a parameter", path));
  return *spec;
}

// How many elements a path has: the roles or standards for a '*' path, else 1.
std::size_t elements_of(std::string_view path, const ModelParameters& p) {
  if (path.starts_with("roles.*.")) return p.roles.size();
  if (path.starts_with("funding.quality_standards.*.")) return p.funding.quality_standards.size();
  return 1;
}

// "roles.*.x" covers "roles.nurse.x": the same segments, '*' matching any one.
bool pattern_matches(std::string_view pattern, std::string_view path) {
  while (true) {
    const std::size_t a = pattern.find('.'), b = path.find('.');
    const std::string_view head_a = pattern.substr(0, a), head_b = path.substr(0, b);
    if (head_a != "*" && head_a != head_b) return false;
    if (a == std::string_view::npos || b == std::string_view::npos) {
      return a == std::string_view::npos && b == std::string_view::npos;
    }
    pattern.remove_prefix(a + 1);
    path.remove_prefix(b + 1);
  }
}

}  // namespace

std::span<const Driver> driver_catalogue() { return kCatalogue; }

void switch_off(const Driver& driver, ModelParameters& params) {
  // Off values from the parameters as given, before any switch of this driver applies.
  const ModelParameters given = params;
  for (const DriverSwitch& s : driver.switches) {
    const model::ParameterSpec& spec = spec_of(s.path);
    const double value = s.off(given);
    for (std::size_t e = 0; e < elements_of(s.path, given); ++e) spec.set(params, e, value);
  }
}

bool driver_is_on(const Driver& driver, const ModelParameters& params) {
  for (const DriverSwitch& s : driver.switches) {
    const model::ParameterSpec& spec = spec_of(s.path);
    const double value = s.off(params);
    for (std::size_t e = 0; e < elements_of(s.path, params); ++e) {
      if (spec.get(params, e) != value) return true;
    }
  }
  return false;
}

bool driver_covers(const Driver& driver, std::string_view path) {
  for (const DriverSwitch& s : driver.switches) {
    if (pattern_matches(s.path, path)) return true;
  }
  return false;
}

std::string switches_text(const Driver& driver) {
  std::string text;
  for (const DriverSwitch& s : driver.switches) {
    text += fmt::format("{}{} = {}", text.empty() ? "" : "; ", s.path, s.shown);
  }
  return text;
}

ModelParameters with_drivers(const ModelParameters& base, std::span<const Driver* const> drivers,
                             std::size_t mask) {
  ModelParameters params = base;
  for (std::size_t j = 0; j < drivers.size(); ++j) {
    if ((mask >> j & 1u) == 0) switch_off(*drivers[j], params);
  }
  return params;
}

std::vector<const Driver*> active_drivers(const scenarios::Scenario& scenario, bool uncertain_too) {
  std::vector<const Driver*> active;
  for (const Driver& driver : driver_catalogue()) {
    bool on = false;
    for (const auto& option : scenario.options) {
      on = on || driver_is_on(driver, central_parameters(option));
      if (!uncertain_too) continue;
      for (const auto& entry : option.parameters) {
        on = on || (!entry.distribution.is_fixed() && driver_covers(driver, entry.path));
      }
    }
    if (on) active.push_back(&driver);
  }
  return active;
}

}  // namespace pcsim::runner
