#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "model/age_bands.hpp"
#include "core/units.hpp"

namespace pcsim::scenarios {

// The [practices] section of a scenario: which files hold the practice data and the
// defaults for what they lack. Paths are already resolved against the scenario's folder.
struct PracticeDataSpec {
  std::filesystem::path payments_csv;       // NHS Payments to General Practice, as published
  std::vector<std::string> ccg_codes;       // empty: every practice in the file
  std::filesystem::path attributes_csv;     // optional practice-attributes file (empty: none)
  // Defaults where the attributes file lacks a value (each use is counted and reported):
  int peer_groups = 6;                      // practices without one are grouped by weighting ratio
  Patients neighbourhood_size = 30000;      // practices without one are grouped by postcode order
  Patients patients_per_gp = 2000;          // GP headcount = round(list / patients_per_gp), at least 1
  model::BandArray gp_age_profile{};        // share of GPs by age band (sums to 1)
  int line = 0;                             // where [practices] starts, for error messages
};

// What the loader did, stored in the output so a finance lead can see how much of the
// practice data was real and how much came from defaults.
struct PracticeLoadReport {
  std::string payments_file;
  std::string attributes_file;
  int rows_read = 0;
  int practices_selected = 0;               // rows of the chosen CCGs, skipped ones included
  int practices_loaded = 0;                 // practices_selected less the skipped rows
  int attribute_rows_unused = 0;            // attributes rows for practices not loaded
  std::vector<std::string> skipped;         // "P82001: zero registered patients" ...
  // default name ("peer_group", "neighbourhood", "gp_headcount", "role_fte.nurse",
  // "referrals_per_1000_weighted", "prescribing_per_weighted") -> practices using it
  std::vector<std::pair<std::string, int>> defaults_used;
};

}  // namespace pcsim::scenarios
