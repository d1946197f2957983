#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/file_year_dates.hpp"

namespace pcsim::scenarios {

// Which ICB each commissioning area belongs to: a CSV with the columns `CCG Code` (CCG or
// sub-ICB location code, as in the payments files) and `ICB Code`, such as
// scenarios/data/geography/ccg_icb.csv.
struct AreaIcbMap {
  std::string file;
  std::string sha256;                              // of the file read (CsvTable::sha256)
  std::map<std::string, std::string> icb_of_area;  // area code (upper case) -> ICB code
};

// Throws InputError (file, line, column) for a missing or repeated column, an empty area
// or ICB code, and an area code given twice (even with the same ICB: a sign of a bad join).
AreaIcbMap read_area_icb_map(const std::filesystem::path& file);

// A PCN code cell as published: upper case; "" for a blank cell, "-", "N/A" and the
// payments files' "Unknown or no PCN".
std::string pcn_code_of(std::string_view cell);

// The primary care network of each practice in one year's payments file.
struct PcnMembership {
  std::string file;
  std::string sha256;                         // of the file read (CsvTable::sha256)
  int year = 0;                               // the file's financial year, as its end year
  std::map<std::string, std::string> pcn_of;  // practice code -> PCN code (upper case)
  // Every practice row's open and close dates, for the check of the file's year
  // (pcn_year.hpp): empty when the file lacks either column (a hand-made file of practice
  // and PCN codes). A date cell that is not dd/mm/yyyy counts as no date (the file is read
  // for its PCN codes; its dates are evidence, not data).
  std::vector<DatedRow> dated;
};

// Reads the practice and PCN code columns of a payments file (`PCN Code`, or `Code` as in
// 2022/23; "Unknown or no PCN" and blanks are left out), and `Practice Open Date` and
// `Practice Close Date` where it has both. Throws InputError for a file without a PCN
// column (naming its headers) or a practice given twice.
PcnMembership read_pcn_membership(const std::filesystem::path& file, int year);

}  // namespace pcsim::scenarios
