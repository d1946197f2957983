#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/units.hpp"

namespace pcsim::scenarios {

// One practice row of an NHS Payments to General Practice file, as used by the model.
struct PaymentsRecord {
  int line = 0;                 // line of the row in the file
  std::string code;             // practice code, upper case
  std::string name;
  std::string ccg_code;         // CCG (from 2022/23 sub-ICB location) code, upper case
  std::string ccg_name;         // "" where the file has no such column
  std::string postcode;
  std::string contract_type;    // GMS, PMS, APMS, UNKNOWN
  Patients registered_patients = 0;
  Patients weighted_patients = 0;
  Pounds global_sum = 0;
  Pounds mpig_correction = 0;
  Pounds pms_balance = 0;
  // The core contract funding of the practice: Global Sum + MPIG Correction factor +
  // Balance of PMS Expenditure (MODEL.md, Funding: f(p,0) = core funding / W(p,0)).
  Pounds core_funding = 0;
};

// The rows of the chosen CCGs that the model can use, and what was left out.
struct PaymentsSelection {
  std::string file;
  int rows_read = 0;                    // practice rows in the file
  int rows_matching = 0;                // rows of the chosen CCGs (all rows if none chosen)
  std::vector<PaymentsRecord> practices;  // usable rows, in file order
  // "C82065 (line 1234): closed 28/02/2017; 0 registered patients": rows of the chosen
  // CCGs left out because the practice has closed or has no (weighted) patients.
  std::vector<std::string> skipped;
};

// Reads an NHS Payments to General Practice file exactly as published (any of the
// 2015/16 to 2022/23 layouts; headers matched by column_match) and keeps the rows whose CCG
// code is in `ccg_codes` (case-insensitive; empty: every row). Practices with a close date,
// or with registered or weighted patients <= 0, are listed in `skipped` and left out.
// Money cells may carry commas, '£' and spaces; a blank money cell is £0 and a blank
// patient count 0. Throws InputError for missing columns, for a used cell of a chosen row
// that is not a number (file, line, column, value), for an empty practice code or one
// repeated among the chosen rows, and for chosen CCG codes that match no row.
PaymentsSelection read_payments(const std::filesystem::path& file,
                                const std::vector<std::string>& ccg_codes);

}  // namespace pcsim::scenarios
