#pragma once
// `pcsim export FILE --xlsx BOOK.xlsx` (libxlsxwriter): a workbook for the spreadsheet
// behind a board paper. Numbers are numbers with formats (£, %, thousands), never text;
// the charts are native Excel charts a user can restyle. docs/output-format.md lists the
// sheets.
#include <filesystem>

#include "output/atomic_file_write.hpp"
#include "output/report_data.hpp"

namespace pcsim::output {

// Writes the workbook to `path`'s temporary in `outputs` (which renames it into place on
// commit()); `path` must have been checked. Throws OutputError naming `path` and the reason.
void write_workbook(const ReportData& data, const std::filesystem::path& path,
                    StagedOutputs& outputs);

}  // namespace pcsim::output
