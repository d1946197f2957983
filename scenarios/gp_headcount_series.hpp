#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pcsim::scenarios {

// One practice's row of a GP headcount series for the base year.
struct SeriesHeadcount {
  int line = 0;
  std::optional<int> headcount;  // nothing where the publisher gives no figure (NA)
  std::string marker;            // the cell as written where it is not a number ("NA")
};

// The base year's figures of a long-format GP headcount series (one row per practice per
// year), such as the Health Equity Evidence Centre's practice_gp_headcount_by_year.csv.
struct GpHeadcountSeries {
  std::string file;
  std::string sha256;  // of the file read (CsvTable::sha256)
  std::string column;  // the headcount column used, as headed in the file
  int year = 0;        // the financial year read, as its end year (2023 = 2022/23)
  std::map<std::string, SeriesHeadcount> by_code;  // practice code (upper case) -> figure
};

// Reads the rows of the financial year ending in March of `end_year` (the scenario's base
// year) from a long-format series with the columns
//   Practice Code (or Practice.Code, PRAC_CODE)  the practice
//   fiscal_year                                  "23", "2023" or "2022/23" (16 = 2015/16)
//   TOTAL_GP_EXTGL_HC (else TOTAL_GP_EXTG_HC, TOTAL_GP_HC)  the GP headcount
// Rows of other years are not used (only their year cell is read). A suppression marker
// (`NA`, `c`, `*`, ...; csv_numbers.hpp) gives no figure; zero is zero (a practice run by
// locums has no permanent GP). Throws InputError (file, line, column, practice, value) for
// a missing or repeated column, a year cell that is no year, a headcount that is not a
// whole number from 0 to 1,000, an empty practice code, a practice given twice for the
// year, and a file with no row for the year (naming the years it has).
GpHeadcountSeries read_gp_headcount_series(const std::filesystem::path& file, int end_year);

}  // namespace pcsim::scenarios
