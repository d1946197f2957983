#pragma once
// `pcsim export FILE --csv DIR`: one tidy table per file, each readable with a bare
// pandas.read_csv (one header line, one row per observation, numbers unformatted and
// exact, missing values as empty cells). docs/output-format.md lists the files.
#include <filesystem>
#include <ostream>
#include <vector>

#include "output/atomic_file_write.hpp"
#include "output/report_data.hpp"

namespace pcsim::output {

// The tables `data` gives, as files of `dir` (docs/output-format.md): check each before
// anything is written.
std::vector<std::filesystem::path> csv_table_paths(const ReportData& data,
                                                   const std::filesystem::path& dir);

// Writes the tables of `data` (its per-iteration values read again from data.path) into
// `dir` as temporaries of `outputs` (its folder created when missing), which renames them
// into place on commit(). Returns the files, in order.
std::vector<std::filesystem::path> write_csv_tables(const ReportData& data,
                                                    const std::filesystem::path& dir,
                                                    StagedOutputs& outputs);

namespace csv_detail {
// The per-iteration tables, read from the file: iterations.csv (option, iteration, year,
// metric, value) and, for a results file, the Spearman part of sensitivity.csv.
void write_iterations(const ReportData& data, std::ostream& out);
void write_run_spearman(const ReportData& data, std::ostream& out);
}  // namespace csv_detail

}  // namespace pcsim::output
