#pragma once
#include <vector>

#include "core/warnings.hpp"
#include "scenarios/base_year.hpp"
#include "scenarios/payments_reader.hpp"
#include "scenarios/practice_data_spec.hpp"

namespace pcsim::scenarios {

// Is the payments file of the scenario's base year? A file of another year would run
// silently with the wrong lists, funding and GP headcounts under the wrong year labels.
// NHS Digital's files carry no year column (2014/15-2017/18's "Quarter used for patient
// data" names a quarter, not a year), so the evidence is the practices' open and close
// dates, over every row of the file whatever the scenario selects:
//  1. A practice is paid only once it has opened: no published file of 2014/15-2022/23
//     has an open date after its own year (each file's latest open date falls in its
//     year). Two or more rows opened after the base year are conclusive: an InputError
//     at start_year. One row is suggestive (it may be a mistyped date): a warning.
//  2. Each published file records its year's openings and closures (48 to 252 rows of
//     England's 6,669-7,959 dated on or after the first day of the file's year). A file
//     with no date on or after the base year's first day is of an earlier year: with
//     2,000 rows or more (a file of England) that is conclusive, an InputError; with 500
//     to 1,999 rows a warning; a smaller file (one area: an area of 351 rows of 2022/23
//     has no such date) says nothing.
//  3. Primary care networks began in July 2019: PCN codes in the file's own column with
//     a base year before 2019/20 suggest a later file (a warning: a hand-made file may
//     have added them).
// Rules 1 and 2 are shared with the check of pcn_payments_csv's files
// (file_year_dates.hpp, pcn_year.hpp). Returns the warnings of the suggestive cases; throws
// InputError (the file and line of start_year, or the scenario file when start_year is left
// to its default, key 'start_year') naming the payments file, its rows and the year its
// dates give.
std::vector<RunWarning> check_payments_year(const PaymentsFile& payments, const BaseYear& base,
                                            const PracticeDataSpec& spec);

}  // namespace pcsim::scenarios
