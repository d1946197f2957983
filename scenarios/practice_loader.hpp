#pragma once
#include <vector>

#include "model/parameters.hpp"
#include "model/practice.hpp"
#include "scenarios/practice_data_spec.hpp"

namespace pcsim::scenarios {

struct LoadedPractices {
  model::PracticeSet practices;
  PracticeLoadReport report;
};

// Builds the practices of a run from the payments file (selected by CCG) and the optional
// attributes file, joined by practice code and sorted by it (the practice index of the
// random streams). What the attributes file lacks is filled by a default, and each use of
// a default is counted in report.defaults_used (zero counts included, in a fixed order):
//   peer_group     the equal-count quantile group of the weighting ratio W/L among all
//                  loaded practices, G = spec.peer_groups. Assumption: the ratio reflects
//                  the age and need of the list, which is what Bolton's demographic peer
//                  groups capture. Default groups are numbered after the groups the file
//                  gives, so a file's groups are never merged with invented ones.
//   neighbourhood  practices without one, in postcode order, grouped consecutively until
//                  each group has spec.neighbourhood_size patients (a geographic proxy:
//                  postcode order keeps a district's practices together); numbered after
//                  the file's neighbourhoods.
//   gp_headcount   max(1, round(L / spec.patients_per_gp)) spread over the age bands by
//                  spec.gp_age_profile with largest-remainder rounding (integer bands).
//   role_fte.<name>  role.baseline_fte_per_1000 * L / 1000.
//   referrals_per_1000_weighted, prescribing_per_weighted  left as model::kNotGiven (the
//                  model draws them around the scenario default); counted all the same.
// Throws InputError for a bad spec value, for anything read_payments or read_attributes
// rejects, and when the selection leaves no practice (naming the CCG codes).
LoadedPractices load_practices(const PracticeDataSpec& spec,
                               const std::vector<model::RoleParameters>& roles);

}  // namespace pcsim::scenarios
