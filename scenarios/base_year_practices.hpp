#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/units.hpp"
#include "scenarios/area_membership.hpp"
#include "scenarios/base_year.hpp"
#include "scenarios/closed_list_moves.hpp"
#include "scenarios/payments_reader.hpp"
#include "scenarios/practice_data_spec.hpp"

namespace pcsim::scenarios {

// A practice open at the end of the base year (or closed with nowhere to move its list),
// with its list after the lists of closed practices have moved.
struct YearZeroPractice {
  const PaymentsRecord* record = nullptr;
  std::size_t row = 0;               // index into PaymentsFile::rows
  Patients registered_patients = 0;  // after the moves
  Patients weighted_patients = 0;    // after the moves
  std::string pcn_code;              // "" unknown
  int pcn_year = 0;                  // the file's year the PCN comes from (0: none)
  std::string icb_code;              // "" unknown (no map, or the area is not in it)
  bool opened_in_year = false;
  bool closed_in_year = false;  // only for a closed practice whose list stayed
};

// A row that is not a practice at year 0 (or is one worth a word), and why.
struct RowNote {
  std::size_t row = 0;      // index into PaymentsFile::rows
  std::string text;         // "A81608 (line 123): 0 registered patients"
  std::string reason;       // "without registered patients", ...: its group
  Patients registered = 0;  // the list it had (moved lists)
};

struct BaseYearPractices {
  std::vector<YearZeroPractice> practices;  // file order
  std::vector<std::string> row_pcn;         // per payments row: its PCN ("" unknown)
  std::vector<std::string> row_icb;         // per payments row: its ICB ("" unknown)
  std::vector<RowNote> skipped;
  // "C82065 (line 1165): closed 28/02/2017; 2,310 registered and 2,498.7 weighted patients
  // moved to 3 practices of PCN U12345": one per closed practice whose list moved.
  std::vector<RowNote> moved;
  std::vector<RowNote> unplaced;  // closed practices kept, nowhere to move their list
  // "C82065 (line 1165): closed 28/02/2017; 2,310 registered patients": one per closed
  // practice whose list is not added (ClosedLists::AlreadyCounted).
  std::vector<RowNote> not_counted;
  std::vector<RowNote> closes_after_year;  // open at year end, closed later (kept)
};

// The practices of the base year from its payments file, before any selection:
//  - a row closed on or before the base year's last day (31 March start_year) with
//    registered patients is closed and not a practice. With ClosedLists::AlreadyCounted its
//    last-known list is added to no one (the open practices' lists hold those patients by
//    the file's date: scripts/closed_lists_evidence.py); with ClosedLists::Move its lists move to
//    open practices of its PCN or area (closed_list_moves.hpp). Only PCN codes from the base year's
//    file or an earlier one place patients, so that a back-test never sees a later year;
//  - a row with no registered or no weighted patients is skipped (with its reason);
//  - a row closing after the base year was open at year 0 and is kept;
//  - every other row is a practice, opened_in_year when its open date is in the base year.
// PCN codes come from the base file's own column, else from the nearest year in
// `pcn_files` (ties: the earlier), else none. ICB codes come from `areas` if given.
BaseYearPractices base_year_practices(const PaymentsFile& payments, const BaseYear& base,
                                      const std::vector<PcnMembership>& pcn_files,
                                      const std::optional<AreaIcbMap>& areas,
                                      ClosedLists closed_lists);

}  // namespace pcsim::scenarios
