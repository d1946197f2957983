#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/warnings.hpp"
#include "model/parameters.hpp"
#include "scenarios/base_year_practices.hpp"
#include "scenarios/practice_data_spec.hpp"

namespace pcsim::scenarios {

// What the practice loader found that a user must be told, for the selected practices.
struct LoadFindings {
  std::string base_year;  // "2022/23"
  Patients registered_moved = 0;
  Patients registered_not_counted = 0;
  int practices = 0;  // loaded
  std::vector<const RowNote*> skipped, moved, unplaced, closes_after_year, not_counted;
  std::vector<std::string> blank_money;  // payments cells read as £0
  // Practices modelled with no core funding (Global Sum + MPIG + Balance of PMS <= 0):
  // "A81001 (line 12): PMS, 4,321 registered patients", and their and all lists.
  std::vector<std::string> no_core_funding;
  Patients registered_no_core_funding = 0;
  Patients registered_modelled = 0;
  std::vector<std::string> suppressed;  // attributes cells (the series' in headcount_defaults)
  std::vector<std::string> total_mismatches;            // bands against a total headcount
  std::vector<std::string> areas_without_icb;           // "99X (4 practices)"
  bool areas_counted_over_file = false;                 // over every payments row (icb_codes)
  std::vector<std::string> attributes_not_in_payments;  // "Z00099 (line 13)"
  // Sets of peer-group or neighbourhood labels equal but for case and spaces (look_alike_labels).
  std::vector<std::string> look_alike_peer_groups, look_alike_neighbourhoods;
  std::vector<std::string> headcount_defaults;  // "A81001: not in <series> for 2022/23"
  std::vector<std::string> without_gp;          // "A81001: 0 GPs (series)"
  // The peer groups formed by default: the equal-count bins of W/L holding a practice the
  // attributes file does not place (practice_loader.cpp, assign_peer_groups).
  int default_peer_groups = 0;
  // Each default of report.defaults_used with the practices that use it.
  std::vector<std::pair<std::string, std::vector<std::string>>> defaults;
};

// One RunWarning per kind of finding, each naming the scenario key (or file) it concerns,
// saying what was done and what it changes, with every practice concerned in `items`
// (left empty when a default applies to every practice, which the message says):
//   practices.payments_csv      rows skipped (one warning per reason), closed practices'
//                               lists not counted again, moved or kept, money cells read
//                               as £0, practices closing after the base year, practices
//                               with no core funding in the three columns
//   practices.attributes_csv    suppressed cells, bands that disagree with a total
//   practices.gp_headcount_csv  suppressed (NA) cells
//   practices.patients_per_gp   practices given the default GP headcount
//   practices.<file key>        practices with no permanent GP in the data
//   practices.area_icb_csv      areas the map lacks (of the loaded practices; selecting by
//                               icb_codes, of every row of the payments file)
//   practices.attributes_csv    rows of practices the payments file does not have
//   practices.attributes_csv    peer-group or neighbourhood labels equal but for case and
//                               spaces (separate groups)
//   practices.peer_groups, practices.neighbourhood_size, roles.<name>.baseline_fte_per_1000,
//   savings.referrals_per_1000_weighted, savings.prescribing_per_weighted   defaults used
//   practices.attributes_csv    no attributes file and no headcount series at all
std::vector<RunWarning> load_warnings(const PracticeDataSpec& spec,
                                      const std::vector<model::RoleParameters>& roles,
                                      const LoadFindings& findings);

}  // namespace pcsim::scenarios
