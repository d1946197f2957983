#pragma once
// `pcsim export FILE --csv DIR`: one tidy table per file, each readable with a bare
// pandas.read_csv (one header line, one row per observation, numbers unformatted and
// exact, missing values as empty cells). docs/output-format.md lists the files.
#include <filesystem>
#include <vector>

#include "output/report_data.hpp"

namespace pcsim::output {

// Writes the tables of `data` (its per-iteration values read again from data.path) into
// `dir` (created when missing), each as NAME.tmp renamed when complete. Refuses, before
// writing anything, when one of them exists and `force` is false. Returns the files written.
std::vector<std::filesystem::path> write_csv_tables(const ReportData& data,
                                                    const std::filesystem::path& dir, bool force);

namespace csv_detail {
// The per-iteration tables, read from the file: iterations.csv (option, iteration, year,
// metric, value) and, for a results file, the Spearman part of sensitivity.csv.
void write_iterations(const ReportData& data, const std::filesystem::path& file);
void write_run_spearman(const ReportData& data, const std::filesystem::path& file);
}  // namespace csv_detail

}  // namespace pcsim::output
