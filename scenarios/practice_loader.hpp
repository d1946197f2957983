#pragma once
#include <vector>

#include "core/warnings.hpp"
#include "model/parameters.hpp"
#include "model/practice.hpp"
#include "scenarios/practice_data_spec.hpp"

namespace pcsim::scenarios {

struct LoadedPractices {
  model::PracticeSet practices;
  PracticeLoadReport report;
  // Practices skipped, lists moved, defaults used, suppressed cells ... (load_warnings.hpp),
  // each with every practice concerned, for the results file.
  std::vector<RunWarning> warnings;
};

// Builds the practices of a run at year 0 (the base year, April start_year-1 to March
// start_year) from the payments file, the optional attributes file, GP headcount series,
// area-to-ICB map and PCN files, joined by practice code and sorted by it (the practice
// index of the random streams):
//  1. every row of the payments file is read and checked (payments_reader.hpp); practices
//     closed by the base year's end pass their lists to open practices of their PCN or area
//     (base_year_practices.hpp), rows without patients are skipped;
//  2. the practices of the chosen CCGs, ICBs or PCNs are kept (practice_selection.hpp);
//  3. each practice's GP headcount comes from the attributes file (bands, else a total),
//     else the series for the base year, else the default (gp_headcount_assignment.hpp);
//  4. what the files lack is filled by a default, and each use is counted in
//     report.defaults_used (zero counts included, in a fixed order):
//   peer_group     the equal-count quantile group of the weighting ratio W/L among all
//                  loaded practices, G = spec.peer_groups. Assumption: the ratio reflects
//                  the age and need of the list, which is what Bolton's demographic peer
//                  groups capture. Default groups are numbered after the groups the file
//                  gives, so a file's groups are never merged with invented ones.
//   neighbourhood  the attributes file's label, else the practice's PCN (groups numbered
//                  after the file's), else (the default) postcode order, grouped
//                  consecutively until each group has spec.neighbourhood_size patients;
//   gp_headcount   max(1, round(L / spec.patients_per_gp)) spread over the age bands by
//                  spec.gp_age_profile with largest-remainder rounding (integer bands).
//   role_fte.<name>  role.baseline_fte_per_1000 * L / 1000.
//   referrals_per_1000_weighted, prescribing_per_weighted  left as model::kNotGiven (the
//                  model draws them around the scenario default); counted all the same.
// Throws InputError for a bad spec value, for anything a reader rejects, and when the
// selection leaves no practice (naming the codes).
LoadedPractices load_practices(const PracticeDataSpec& spec,
                               const std::vector<model::RoleParameters>& roles);

}  // namespace pcsim::scenarios
