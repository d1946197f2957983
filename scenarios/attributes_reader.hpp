#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/age_bands.hpp"
#include "model/parameters.hpp"
#include "core/units.hpp"

namespace pcsim::scenarios {

// What a practice-attributes file says about one practice. Every field is optional: a
// missing column, a blank cell and a non-numeric (suppressed) cell all mean "not given",
// and the loader fills a default (scenarios/practice_loader.hpp).
struct PracticeAttributes {
  int line = 0;
  std::string peer_group;       // as written (an integer or a label); "" = not given
  std::string neighbourhood;    // as written; "" = not given
  // GP headcount by model::kAgeBandKeys; given only when every band column the file has
  // holds a number for this practice (a suppressed band would bias the age profile).
  std::optional<model::BandArray> gp_headcount;
  std::vector<std::optional<Fte>> role_fte;  // one per role, in the order of `roles`
  std::optional<double> referrals_per_1000_weighted;
  std::optional<PoundsPerPatient> prescribing_per_weighted;
};

struct PracticeAttributesTable {
  std::string file;
  std::map<std::string, PracticeAttributes> by_code;  // practice code (upper case) -> row
};

// Reads a plain practice-attributes CSV keyed by practice code (column PRAC_CODE or
// practice_code). Optional columns:
//   peer_group, neighbourhood                 integer or label
//   TOTAL_GP_HC_UNDER30, TOTAL_GP_HC_30TO34, ..., TOTAL_GP_HC_60TO64 (NHS Digital
//   workforce names) or gp_hc_under_30, gp_hc_30_34, ... (our band keys); the 65+ band is
//   gp_hc_65_plus, or TOTAL_GP_HC_65TO69 + TOTAL_GP_HC_70PLUS
//   role FTE: the column each role names in RoleParameters::attributes_column
//   referrals_per_1000_weighted, prescribing_per_weighted
// Throws InputError (file, line, column, value) for a missing practice-code column, an
// empty or repeated practice code, and a negative count, FTE, rate or cost.
PracticeAttributesTable read_attributes(const std::filesystem::path& file,
                                        const std::vector<model::RoleParameters>& roles);

}  // namespace pcsim::scenarios
