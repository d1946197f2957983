#pragma once
// `pcsim summary --drivers`, `--evppi` and `--sobol`: the planner analytics of a results
// file (output/analytics_reader.hpp) as tables for people or as long CSV for spreadsheets
// and the report. Each prints a line saying so when the file does not hold that part: to
// `out` for people; with `csv`, to `note` (standard error), `out` then holding the CSV
// header alone, so that a pipeline reads an empty table rather than an empty file.
#include <ostream>

#include "output/analytics_reader.hpp"

namespace pcsim::output {

// The waterfalls of the headline outputs (appointments_gap, gp_headcount, net_cost, npv)
// in the first and last year, each option's change and its difference from the baseline.
// CSV: option,comparison,output,unit,row,year,value,se with every output, row and year.
void print_drivers(const AnalyticsFile& file, std::ostream& out, bool csv, std::ostream& note);

// EVPPI of every parameter group beside the EVPI. CSV: group,parameters,evppi,se,method,
// then r_squared and edf per option.
void print_evppi(const AnalyticsFile& file, std::ostream& out, bool csv, std::ostream& note);

// Total and first-order Sobol indices year by year of the headline outputs. CSV:
// option,output,parameter,year,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi for every output.
void print_sobol_by_year(const AnalyticsFile& file, std::ostream& out, bool csv,
                         std::ostream& note);

}  // namespace pcsim::output
