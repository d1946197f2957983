#pragma once
// The comparison table of `pcsim summary`: one row per option with its expected NPV, the
// central case's NPV, the NPV's P10 and P90, P(best by NPV), P(overspend in any year) and
// the mean appointments gap of the last year, then the EVPI; as text for people or CSV for
// a spreadsheet.
#include <ostream>

#include "output/summary_reader.hpp"

namespace pcsim::output {

// Prints nothing when `summary` has no comparison (a run with one option).
// Text: a heading, the table with columns as wide as their widest figure (an option name
// longer than 20 characters on a line of its own, its figures on the next), the NPV figures
// in one money scale (£, £k, £m or £bn) named in their headers, the EVPI and how to read it.
void print_comparison_text(const ResultsSummary& summary, std::ostream& out);
// CSV: the header
//   option,expected_npv,central_npv,npv_p10,npv_p90,p_best_npv,p_overspend_any_year,
//   appointments_gap_last_year,p_payback_within_horizon,evpi
// then one row per option, baseline first; evpi (the run's, in £) repeats on every row.
// Probabilities are shares (0 to 1), money in £; undefined values are empty cells.
void print_comparison_csv(const ResultsSummary& summary, std::ostream& out);

}  // namespace pcsim::output
