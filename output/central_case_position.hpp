#pragma once
// Where the central case falls among the simulated futures. The central case takes every
// parameter's central value (the mode of a triangular or PERT distribution, else the mean)
// and every event at its expectation; with skewed inputs those values together can make a
// future more (or less) favourable than nearly every draw, and a board reading the central
// NPV alone would not know it. The summary, the report and the workbook say so when the
// central NPV lies outside the iterations' P10-P90.
#include <optional>
#include <string>

#include "output/summary_reader.hpp"

namespace pcsim::output {

struct CentralCasePosition {
  double central = 0;  // the central case's NPV, £
  double bound = 0;    // the P90 it exceeds, or the P10 it falls short of, £
  bool above = true;   // above the P90 (more favourable than 9 in 10 futures)
};

// From the option's npv table (its central case and percentiles); nullopt when it lies
// within P10-P90, or the file lacks the central case or the NPV.
std::optional<CentralCasePosition> central_case_position(const OptionSummary& option);

// "The central case's NPV, £1.20m, lies above the P90 of the simulated futures (£0.95m): its
// central values together (modes of skewed distributions, every event at its expectation)
// make a future more favourable than 9 in 10 of the draws; plan on the mean and the
// percentiles."
std::string central_case_position_text(const CentralCasePosition& position);

}  // namespace pcsim::output
