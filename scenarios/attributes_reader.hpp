#pragma once
#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/units.hpp"
#include "model/age_bands.hpp"
#include "model/parameters.hpp"

namespace pcsim::scenarios {

// What a practice-attributes file says about one practice. Every field is optional: a
// missing column, a blank cell and a cell the publisher suppressed all mean "not given",
// and the loader fills a default (scenarios/practice_loader.hpp). Suppressed cells are
// also listed (PracticeAttributesTable::suppressed) so that the run can name them.
struct PracticeAttributes {
  int line = 0;
  std::string peer_group;     // as written (an integer or a label); "" = not given
  std::string neighbourhood;  // as written; "" = not given
  // GP headcount by model::kAgeBandKeys; given only when every band column the file has
  // holds a number for this practice (a suppressed band would bias the age profile).
  std::optional<model::BandArray> gp_headcount;
  // The bands that are given when some are not (known[b]: band b holds a number), for a
  // practice with a total headcount: the total less these is split over the others.
  model::BandArray gp_bands_known{};
  std::array<bool, model::kAgeBands> gp_band_is_known{};
  // The practice's total GP headcount (TOTAL_GP_EXTGL_HC, TOTAL_GP_EXTG_HC or TOTAL_GP_HC).
  std::optional<int> gp_total;
  std::vector<std::optional<Fte>> role_fte;  // one per role, in the order of `roles`
  std::optional<double> referrals_per_1000_weighted;
  std::optional<PoundsPerPatient> prescribing_per_weighted;
};

struct PracticeAttributesTable {
  std::string file;
  std::string sha256;           // of the file read (CsvTable::sha256)
  std::string gp_total_column;  // the header of the total-headcount column; "" none
  std::map<std::string, PracticeAttributes> by_code;  // practice code (upper case) -> row
  // "Z00005 (line 6): TOTAL_GP_HC_35TO39 'c'": every suppressed cell, in file order.
  std::vector<std::string> suppressed;
  // "Z00001 (line 2): the age bands sum to 7 GPs, TOTAL_GP_HC says 8; the bands are used".
  std::vector<std::string> total_mismatches;
};

// Reads a plain practice-attributes CSV keyed by practice code (column PRAC_CODE or
// practice_code). Optional columns:
//   peer_group, neighbourhood                 integer or label
//   TOTAL_GP_HC_UNDER30, TOTAL_GP_HC_30TO34, ..., TOTAL_GP_HC_60TO64 (NHS Digital
//   workforce names) or gp_hc_under_30, gp_hc_30_34, ... (our band keys); the 65+ band is
//   gp_hc_65_plus, or TOTAL_GP_HC_65TO69 + TOTAL_GP_HC_70PLUS
//   a total GP headcount: TOTAL_GP_EXTGL_HC (excluding locums and GPs in training, the
//   model's GPs), else TOTAL_GP_EXTG_HC, else TOTAL_GP_HC, else gp_headcount
//   role FTE: the column each role names in RoleParameters::attributes_column (required
//   when a role names one)
//   referrals_per_1000_weighted, prescribing_per_weighted
// Blank cells are "not given"; cells with a publisher's suppression marker
// (is_suppression_marker) are "not given" and listed in `suppressed`. Throws InputError
// (file, line, column, practice, value) for a missing practice-code column, a role's
// attributes_column the file lacks, a repeated column, two columns for one field (PRAC_CODE
// and practice_code), a row with fewer fields than the header, an empty or repeated
// practice code, and any other cell that is not a number (text, "inf", "nan", a '£'
// alone), is negative, or is out of range: GP headcounts whole numbers up to 1,000, FTE
// up to 1,000, referrals up to 10,000 per 1,000 weighted patients, prescribing up to
// £10,000 per weighted patient; and for band cells summing to more than the practice's
// total headcount.
PracticeAttributesTable read_attributes(const std::filesystem::path& file,
                                        const std::vector<model::RoleParameters>& roles);

}  // namespace pcsim::scenarios
