#pragma once
// `pcsim summary`: the summaries of a results file as a table for people or as CSV.
#include <filesystem>
#include <ostream>

#include "output/summary_reader.hpp"

namespace pcsim::output {

// Reads `h5` (read_summary: throws OutputError if it is not a pcsim results file of a
// format this build reads) and prints it to `out`.
// Text (csv false): a short provenance header, then, when the file compares options
// (/comparison), the comparison table (comparison_printer.hpp), then per option a table of the key metrics
// (list_size, gp_headcount, appointments_gap, investment, savings, net_cost, roi,
// budget_headroom, overspend, npv, payback_year; whichever the file holds) in the first
// and last year, with columns mean, p10, p50, p90, aligned, within 100 columns; overspend
// is shown as the probability of overspending.
// CSV (csv true): when the file compares options, the comparison table as CSV
// (comparison_printer.hpp) and a blank line; then a header and one row per option, metric
// and year (year empty for scalars) with the unit, the NaN count and every statistic.
void print_summary(const std::filesystem::path& h5, std::ostream& out, bool csv);

// The same from an already-read summary (for callers that read once and print twice).
void print_summary_text(const ResultsSummary& summary, const std::filesystem::path& source,
                        std::ostream& out);
void print_summary_csv(const ResultsSummary& summary, std::ostream& out);

}  // namespace pcsim::output
