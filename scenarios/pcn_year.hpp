#pragma once
#include <vector>

#include "core/warnings.hpp"
#include "scenarios/area_membership.hpp"
#include "scenarios/practice_data_spec.hpp"

namespace pcsim::scenarios {

// Is each file of pcn_payments_csv of the year the scenario gives it ("2019/20" = FILE)?
// The year decides which file a practice's PCN is taken from (the nearest year to the base
// year) and whether those codes may place a closed practice's patients (never from a later
// year): a file of 2020/21 given as 2019/20 would put later networks into an earlier year.
// The evidence is that of the base file's check (payments_year.hpp, file_year_dates.hpp),
// over every row of the file:
//  1. two or more practices opened after the year ended: an InputError; one: a warning;
//  2. no open or close date on or after the year's first day: an InputError in a file of
//     2,000 rows or more (England's), a warning in one of 500 to 1,999, nothing below;
//  3. PCN codes in a file given a year before 2019/20, when PCNs began: a warning.
// A file without the open and close date columns (a hand-made file of practice and PCN
// codes) holds nothing to tell its year by: rules 1 and 2 say nothing of it.
// The error is located at the year's key (file and line, key
// 'practices.pcn_payments_csv.2019/20') and names the file and the year its dates give;
// each warning names the same key, file and line. `scenario_file` stands for the key's
// file when the spec does not name one.
std::vector<RunWarning> check_pcn_file_year(const PcnMembership& membership,
                                            const PcnPaymentsFile& given,
                                            const std::string& scenario_file);

}  // namespace pcsim::scenarios
