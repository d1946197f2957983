#pragma once
#include <vector>

#include "scenarios/base_year_practices.hpp"
#include "scenarios/payments_reader.hpp"
#include "scenarios/practice_data_spec.hpp"

namespace pcsim::scenarios {

// Which rows of the payments file the scenario models: those whose CCG / sub-ICB code is in
// spec.ccg_codes, or whose ICB is in spec.icb_codes, or whose PCN is in spec.pcn_codes
// (any of the three); every row when all three lists are empty. Codes compare in upper
// case. Returns one flag per row of `payments`. Throws InputError naming, at the key's line
// in the scenario, each listed code that no row of the file has (a typo must not silently
// drop an area).
std::vector<bool> select_rows(const PaymentsFile& payments, const BaseYearPractices& year_zero,
                              const PracticeDataSpec& spec);

}  // namespace pcsim::scenarios
