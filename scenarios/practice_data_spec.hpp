#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/units.hpp"
#include "model/age_bands.hpp"

namespace pcsim::scenarios {

// A payments file of another year, read for its PCN codes only.
struct PcnPaymentsFile {
  PcnPaymentsFile() = default;
  PcnPaymentsFile(int year, std::filesystem::path file, std::string key_file = {}, int line = 0)
      : year(year), file(std::move(file)), key_file(std::move(key_file)), line(line) {}

  int year = 0;  // financial year, as its end year (2020 = 2019/20)
  std::filesystem::path file;
  // Where the year's key is written (the scenario or a file it includes, empty for the
  // scenario; line 0 when unknown), for the check of the file's year (pcn_year.hpp).
  std::string key_file;
  int line = 0;
};

// What becomes of the last-known list of a practice that closed within the base year
// (docs/scenario-format.md, "Which practices are modelled"; scripts/closed_lists_evidence.py).
enum class ClosedLists {
  // Not added to anyone: by the file's date the open practices' lists hold those patients
  // (the default, "already_counted").
  AlreadyCounted,
  // Moved to the open practices of its PCN or area (closed_list_moves.hpp), for a closure
  // whose patients the open practices' lists do not yet hold ("move").
  Move,
};

// The [practices] section of a scenario: which files hold the practice data and the
// defaults for what they lack. Paths are already resolved against the scenario's folder.
struct PracticeDataSpec {
  std::filesystem::path payments_csv;  // NHS Payments to General Practice, as published
  // Selection (a practice is kept when its CCG, its ICB or its PCN is listed; all empty:
  // every practice in the file).
  std::vector<std::string> ccg_codes;
  std::vector<std::string> icb_codes;  // needs area_icb_csv
  std::vector<std::string> pcn_codes;
  std::filesystem::path attributes_csv;           // optional practice-attributes file (empty: none)
  std::filesystem::path gp_headcount_csv;         // optional long-format GP headcount series
  std::filesystem::path area_icb_csv;             // optional CCG/sub-ICB code -> ICB code map
  std::vector<PcnPaymentsFile> pcn_payments_csv;  // PCN codes where the base file has none
  // The scenario's start_year (a model parameter, copied here by parse_scenario): the base
  // year (year 0) runs from 1 April start_year-1 to 31 March start_year.
  int start_year = 2017;
  // Where start_year is set, for the payments file's year check (payments_year.hpp): the
  // scenario or a file it includes, and the line; line 0 when it is not set (the default).
  std::string start_year_file;
  int start_year_line = 0;
  // Defaults where the files lack a value (each use is counted and reported):
  int peer_groups = 6;                  // practices without one are grouped by weighting ratio
  Patients neighbourhood_size = 30000;  // practices without a PCN are grouped by postcode order
  Patients patients_per_gp = 2000;      // GP headcount = round(list / patients_per_gp), at least 1
  model::BandArray gp_age_profile{};    // share of GPs by age band (sums to 1)
  ClosedLists closed_lists = ClosedLists::AlreadyCounted;
  // Where the section and its keys are, for located messages.
  std::string file;                                    // the scenario file
  int line = 0;                                        // where [practices] starts
  std::vector<std::pair<std::string, int>> key_lines;  // key -> line, for the keys written
  bool has_key(std::string_view key) const { return line_of(key) > 0; }
  int line_of(std::string_view key) const {
    for (const auto& [k, l] : key_lines)
      if (k == key) return l;
    return 0;
  }
};

// What the loader did, stored in the output so a finance lead can see how much of the
// practice data was real and how much came from defaults.
struct PracticeLoadReport {
  std::string payments_file;
  std::string attributes_file;
  std::string gp_headcount_file;
  std::string area_icb_file;
  // SHA-256 of each file as read ("" for a file not given), so the results name the exact
  // data, not only its path.
  std::string payments_sha256;
  std::string attributes_sha256;
  std::string gp_headcount_sha256;
  std::string area_icb_sha256;
  // pcn_payments_csv's files, in the scenario's order: "2020/21: PATH" and their SHA-256.
  std::vector<std::string> pcn_payments_files;
  std::vector<std::string> pcn_payments_sha256;
  std::string base_year;  // "2022/23"
  int rows_read = 0;
  int practices_selected = 0;        // rows of the chosen areas, skipped ones included
  int practices_loaded = 0;          // practices_selected less the skipped and moved rows
  int attribute_rows_unused = 0;     // attributes rows for practices not loaded
  std::vector<std::string> skipped;  // "P82001 (line 12): 0 registered patients" ...
  // Practices closed by the base year's end with a last-known list: moved to open practices
  // (closed_lists = "move"), or not added, the open practices' lists holding those patients
  // already (closed_lists = "already_counted").
  std::string closed_lists = "already_counted";
  int closed_lists_moved = 0;
  Patients registered_patients_moved = 0;
  int closed_lists_not_counted = 0;
  Patients registered_patients_not_counted = 0;
  Patients registered_patients = 0;  // of the loaded practices, after the moves
  Patients weighted_patients = 0;    // of the loaded practices, after the moves: sum of W(p,0)
  // Sum of the loaded practices' core_funding (year 0): the baseline spend that
  // funding.baseline_spend = 0 stands for (model::practices_core_funding).
  Pounds core_funding = 0;
  double gp_headcount = 0;       // of the loaded practices at year 0
  int practices_without_gp = 0;  // a headcount of 0 in the data (run by locums)
  int practices_with_pcn = 0;
  int suppressed_cells = 0;  // in the attributes file and the series
  // Where each practice's GP headcount came from: "attributes_bands", "attributes_total",
  // "series", "patients_per_gp" -> practices (zero counts included, in that order).
  std::vector<std::pair<std::string, int>> gp_headcount_sources;
  // default name ("peer_group", "neighbourhood", "gp_headcount", "role_fte.nurse",
  // "referrals_per_1000_weighted", "prescribing_per_weighted") -> practices using it
  std::vector<std::pair<std::string, int>> defaults_used;
};

}  // namespace pcsim::scenarios
