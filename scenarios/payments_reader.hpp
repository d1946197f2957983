#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/units.hpp"
#include "scenarios/base_year.hpp"

namespace pcsim::scenarios {

// One practice row of an NHS Payments to General Practice file, as used by the model.
struct PaymentsRecord {
  int line = 0;      // line of the row in the file
  std::string code;  // practice code, upper case
  std::string name;
  std::string ccg_code;  // CCG (from 2022/23 sub-ICB location) code, upper case
  std::string ccg_name;  // "" where the file has no such column
  std::string pcn_code;  // primary care network, upper case; "" unknown or none
  std::string postcode;
  std::string contract_type;               // GMS, PMS, APMS, UNKNOWN (upper case, as published)
  std::optional<CalendarDate> open_date;   // none where blank or "-"
  std::optional<CalendarDate> close_date;  // none where blank or "-" (still open)
  std::string close_date_text;             // as written, for messages
  Patients registered_patients = 0;
  Patients weighted_patients = 0;
  Pounds global_sum = 0;
  Pounds mpig_correction = 0;
  Pounds pms_balance = 0;
  // The core contract funding of the practice: Global Sum + MPIG Correction factor +
  // Balance of PMS Expenditure (MODEL.md, Funding: f(p,0) = core funding / W(p,0)).
  Pounds core_funding = 0;
};

// Every practice row of a payments file, checked, in file order.
struct PaymentsFile {
  std::string file;
  std::string sha256;           // of the file read (CsvTable::sha256)
  bool has_pcn_column = false;  // `PCN Code` (2019/20-2021/22) or `Code` (2022/23)
  std::vector<PaymentsRecord> rows;
  // "P82001 (line 12): Global Sum blank, read as £0": money cells left blank, one per cell.
  std::vector<std::string> blank_money;
};

// Reads an NHS Payments to General Practice file exactly as published (the 2014/15 to
// 2022/23 layouts; headers matched by column_match, the PCN code from `PCN Code` or, in
// 2022/23, `Code`; "Unknown or no PCN" is no PCN). Every row is checked, whatever the
// scenario selects later, so that one file gives the same practices to every scenario.
// Money cells may carry thousands commas, a '£' and a sign (parse_published_number: only
// where they belong; the published files hold negative
// Global Sum, MPIG and PMS figures: recoveries and corrections); a blank money cell is £0
// and is listed in blank_money. Patient counts may be fractional (from 2018/19 most are
// averages of the quarters' counts, such as 4095.25). Throws InputError (file, line,
// column, practice) for a missing or repeated column, or two columns for one field; a row
// with fewer fields than the header; a patient count that is blank, not a number, negative
// or above 2,000,000; a money cell that is not a number ("n/a", "12x", "inf", a '£' alone);
// a contract type that is blank or other than GMS, PMS, APMS or UNKNOWN (any case); an
// open or close date that is not dd/mm/yyyy (blank or "-" is none); and an empty or
// repeated practice code.
PaymentsFile read_payments_file(const std::filesystem::path& file);

}  // namespace pcsim::scenarios
