#pragma once
#include <algorithm>
#include <cmath>

#include "core/units.hpp"
#include "model/events.hpp"
#include "model/parameters.hpp"
#include "model/practice.hpp"
#include "model/ramp.hpp"
#include "model/stream_purpose.hpp"

// Population and demand module (MODEL.md, "Population and demand"; docs/model.md,
// Population and demand): pure functions of one practice-year. The caller
// (model/reference/reference_simulation.hpp, and engine/simulate.hpp) owns the lists and steps them
// year by year.
namespace pcsim::model {

// The factor a practice list grows by in one year: 1 + list_growth + e, with
// e = events.normal(PracticeYear, kListNoiseDraw, list_noise_sd) (0 in the central case). Never
// below 0, so a list cannot turn negative (docs/model.md: "Never below 0").
inline double list_growth_factor_for_noise(const PopulationParameters& population, double noise) {
  return std::max(0.0, 1.0 + population.list_growth + noise);
}

template <class Events>
double list_growth_factor(const PopulationParameters& population, const Events& events) {
  return list_growth_factor_for_noise(
      population, events.normal(Purpose::PracticeYear, kListNoiseDraw, population.list_noise_sd));
}

// L(p,t) = L(p,t-1) (1 + list_growth + e(p,t))  (MODEL.md, Population: List).
template <class Events>
Patients next_list_size(const PopulationParameters& population, Patients previous,
                        const Events& events) {
  return previous * list_growth_factor(population, events);
}

// w(p) = W(p,0) / L(p,0): the practice's weighting (MODEL.md, Population: Weighted list).
// A practice with no registered patients has weight 1 (it has no patients to weight).
inline double list_weight(const PracticeBaseline& practice) {
  return practice.registered_patients > 0
             ? practice.weighted_patients / practice.registered_patients
             : 1.0;
}

// W(p,t) = L(p,t) w(p)  (MODEL.md, Population: Weighted list). simulate() steps W by the
// same factor as L, which is the same thing until a practice receives a dispersed list
// (whose weighted patients come with it, changing w(p) from then on).
constexpr Patients weighted_list(Patients list, double weight) { return list * weight; }

// D(p,t) = L(p,t) consultations_per_patient (1 + consultation_growth)^t, appointments a
// year demanded of all clinicians before skill mix (MODEL.md, Population: Appointment
// demand).
// (1 + consultation_growth)^t: the same for every practice of year t, so simulate()
// computes it once a year (engine/year_factors.hpp).
inline double consultation_growth_index(const PopulationParameters& population, int t) {
  return std::pow(1.0 + population.consultation_growth, t);
}

// D(p,t) given growth_index = consultation_growth_index(population, t).
inline Appointments appointment_demand_at(const PopulationParameters& population, Patients list,
                                          double growth_index) {
  return list * population.consultations_per_patient * growth_index;
}

inline Appointments appointment_demand(const PopulationParameters& population, Patients list,
                                       int t) {
  return appointment_demand_at(population, list, consultation_growth_index(population, t));
}

// d(t) = diversion_max ramp(t, diversion_ramp_years): the share of GP demand the skill-mix
// lever redirects (MODEL.md, Population: Skill mix lever). Levers act from year 1, so the
// baseline year t = 0 has none.
inline Fraction diversion_share(const PopulationParameters& population, int t) {
  if (t < 1) return 0.0;
  return population.diversion_max * ramp(t, population.diversion_ramp_years);
}

// Demand of one practice-year split by who meets it (docs/model.md, Population):
//   gp        = gp_share D (1 - d(t))
//   diverted  = gp_share D d(t)                  redirected from GPs by the skill-mix lever
//   self_care = diverted self_care_share         leaves the system (self-care, pharmacy, online)
//   other     = (1 - gp_share) D + diverted (1 - self_care_share)
//   total     = gp + other                       appointments_demand
struct DemandSplit {
  Appointments gp = 0;
  Appointments diverted = 0;
  Appointments self_care = 0;
  Appointments other = 0;
  Appointments total() const { return gp + other; }
};

// The split given the year's growth_index = consultation_growth_index(population, t) and
// d = diversion_share(population, t), which simulate() computes once a year.
inline DemandSplit split_demand_at(const PopulationParameters& population, Patients list,
                                   double growth_index, Fraction d) {
  const Appointments demand = appointment_demand_at(population, list, growth_index);
  const Appointments gp_before_diversion = population.gp_share * demand;
  DemandSplit split;
  split.gp = gp_before_diversion * (1.0 - d);
  split.diverted = gp_before_diversion * d;
  split.self_care = split.diverted * population.self_care_share;
  split.other =
      (1.0 - population.gp_share) * demand + split.diverted * (1.0 - population.self_care_share);
  return split;
}

inline DemandSplit split_demand(const PopulationParameters& population, Patients list, int t) {
  return split_demand_at(population, list, consultation_growth_index(population, t),
                         diversion_share(population, t));
}

}  // namespace pcsim::model
