#pragma once
#include "model/additional_roles.hpp"
#include "model/funding.hpp"
#include "model/parameters.hpp"
#include "model/population.hpp"
#include "model/ramp.hpp"
#include "model/savings.hpp"
#include "model/workforce.hpp"

// The quantities of year t that are the same for every practice: powers of growth rates,
// ramps and the inflation index. simulate() computes them once a year instead of once per
// practice-year (a pow() per practice-year was a fifth of the run time). Each field is the
// module function that defines it, so the equations stay in their modules; the per-practice
// functions that take a factor (split_demand_at, levelling_up_cost_at, ...) compute exactly
// what their `int t` versions compute, bit for bit.
namespace pcsim::engine {
using namespace pcsim::model;

struct YearFactors {
  int t = 0;
  double fte_per_head = 0;              // fte_per_head(t) (Workforce)
  double consultation_index = 1;        // (1 + consultation_growth)^t (Population: demand)
  Fraction diversion = 0;               // d(t) (Population: skill mix)
  double inflation = 1;                 // I(t) (Funding)
  double levelling_phase = 0;           // ramp(t, levelling_years) (Funding: levelling up)
  Fraction eur = 0;                     // e(t) (Savings: EUR)
  double prescribing_index = 1;         // (1 + prescribing_growth)^t (Savings: prescribing)
  double savings_phase = 0;             // ramp(t, ramp_years) (Savings: prescribing KPI)
  double additional_roles_density = 0;  // d(t), FTE per 10,000 weighted (Additional roles)
};

inline YearFactors year_factors(const ModelParameters& m, int t) {
  YearFactors f;
  f.t = t;
  f.fte_per_head = fte_per_head(m.workforce, t);
  f.consultation_index = consultation_growth_index(m.population, t);
  f.diversion = diversion_share(m.population, t);
  f.inflation = inflation_index(m.funding, t);
  f.levelling_phase = ramp(t, m.funding.levelling_years);
  f.eur = eur_effect(m.savings, t);
  f.prescribing_index = prescribing_growth_index(m.savings, t);
  f.savings_phase = ramp(t, m.savings.ramp_years);
  f.additional_roles_density = additional_roles_density(m.additional_roles, m.start_year, t);
  return f;
}

}  // namespace pcsim::engine
