#pragma once
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "model/age_bands.hpp"
#include "core/units.hpp"

namespace pcsim::model {

inline constexpr double kNotGiven = std::numeric_limits<double>::quiet_NaN();

// One practice in the baseline year (t = 0), as read from the NHS Digital payments file and
// the practice-attributes file, with the scenario's defaults filled in where those lack a
// value (scenarios/practice_loader.hpp). Plain data: the model never reads files.
struct PracticeBaseline {
  std::string code;        // ODS practice code, e.g. "P82001"
  std::string name;
  std::string ccg_code;    // e.g. "00T"
  std::string postcode;
  Patients registered_patients = 0;  // L(p,0)
  Patients weighted_patients = 0;    // W(p,0)
  Pounds core_funding = 0;           // Global Sum + MPIG correction + balance of PMS, year 0
  int peer_group = 0;                // 0 .. peer_groups-1
  int neighbourhood = 0;             // 0 .. neighbourhoods-1
  BandArray gp_headcount{};          // by age band, year 0
  std::vector<Fte> role_fte;         // baseline FTE per ModelParameters::roles entry
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
