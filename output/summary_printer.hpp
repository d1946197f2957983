#pragma once
// `pcsim summary`: the summaries of a results file as a table for people or as CSV.
#include <filesystem>
#include <ostream>

#include "output/summary_reader.hpp"

namespace pcsim::output {

enum class SummaryFormat {
  Text,           // the tables for people
  StatisticsCsv,  // --csv: one CSV table, every statistic of every option, metric and year
  ComparisonCsv,  // --csv-comparison: one CSV table, one row per option
};

// Reads `h5` (read_summary: throws OutputError if it is not a pcsim results file of a
// format this build reads) and prints it to `out`.
// Text: a short provenance header, then, when the file compares options (/comparison), the
// comparison table (comparison_printer.hpp), then per option a table of the key metrics
// (list_size, gp_headcount, appointments_gap, investment, savings, net_cost, roi,
// budget_headroom, overspend, npv, payback_year; whichever the file holds) in the first
// and last year: unit, central case, mean, p10, p50, p90. Columns are as wide as their
// widest figure; money is scaled per row (£, £k, £m, £bn, named in the unit column);
// overspend shows as the probability of overspending (%); payback_year is followed by
// P(payback within the horizon), since its percentiles are over the iterations that pay
// back. After the tables, the run's warnings (/warnings) one line each with their number of
// items, as `pcsim run` printed them on standard error (output/warnings_text.hpp; every item
// with `every_warning_item`), or "Warnings of the run: none".
// StatisticsCsv: a header and one row per option, metric and year (year empty for scalars)
// with the unit, the NaN count, the central case and every statistic.
// ComparisonCsv: the comparison table (comparison_printer.hpp); OutputError for a file with
// a single option.
void print_summary(const std::filesystem::path& h5, std::ostream& out, SummaryFormat format,
                   bool every_warning_item = false);

// The same from an already-read summary (for callers that read once and print twice).
void print_summary_text(const ResultsSummary& summary, const std::filesystem::path& source,
                        std::ostream& out, bool every_warning_item = false);
void print_summary_csv(const ResultsSummary& summary, std::ostream& out);

}  // namespace pcsim::output
