#pragma once
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/units.hpp"
#include "model/age_bands.hpp"

namespace pcsim::model {

inline constexpr double kNotGiven = std::numeric_limits<double>::quiet_NaN();

// One practice in the baseline year (t = 0), as read from the NHS Digital payments file and
// the practice-attributes file, with the scenario's defaults filled in where those lack a
// value (scenarios/practice_loader.hpp). Plain data: the model never reads files.
struct PracticeBaseline {
  std::string code;  // ODS practice code, e.g. "P82001"
  std::string name;
  std::string ccg_code;  // commissioning area: CCG, from 2022/23 sub-ICB location, e.g. "00T"
  std::string icb_code;  // the area's ICB (geography/ccg_icb.csv), e.g. "QOP"; "" unknown
  std::string pcn_code;  // primary care network (payments files 2019/20-2021/22); "" unknown
  std::string postcode;
  std::string contract_type;  // GMS, PMS, APMS, UNKNOWN (payments file)
  // Opened or closed within the base year (the payments file's open and close dates): a
  // year's payments of such a practice are for part of a year, so its funding per weighted
  // patient cannot be trusted (docs/model.md, Levelling up: trusted practices).
  bool opened_in_year = false;
  bool closed_in_year = false;
  Patients registered_patients = 0;  // L(p,0)
  Patients weighted_patients = 0;    // W(p,0), after closed practices' lists moved in
  // W as in the payments file, before any list moved in: the denominator of f(p,0) =
  // core_funding / payments_weighted_patients, since a receiving practice's core funding
  // for the year is the payments file's figure (docs/scenario-format.md, closed practices).
  Patients payments_weighted_patients = 0;
  Pounds core_funding = 0;              // Global Sum + MPIG correction + balance of PMS, year 0
  int peer_group = 0;                   // 0 .. peer_groups-1
  int neighbourhood = 0;                // 0 .. neighbourhoods-1
  BandArray gp_headcount{};             // by age band, year 0
  bool gp_headcount_from_data = false;  // false: the scenario's patients_per_gp default
  std::vector<Fte> role_fte;            // baseline FTE per ModelParameters::roles entry
  // Not given in the files: the model draws it around the scenario default (kNotGiven).
  double referrals_per_1000_weighted = kNotGiven;
  PoundsPerPatient prescribing_per_weighted = kNotGiven;
};

// The practices of a run. Indices into `practices` are the practice index of the random
// streams, so the order is fixed (by practice code) by the loader.
struct PracticeSet {
  std::vector<PracticeBaseline> practices;
  int peer_groups = 1;
  int neighbourhoods = 1;
};

}  // namespace pcsim::model
