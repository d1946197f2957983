#pragma once
// `pcsim export FILE --xlsx BOOK.xlsx` (libxlsxwriter): a workbook for the spreadsheet
// behind a board paper. Numbers are numbers with formats (£, %, thousands), never text;
// the charts are native Excel charts a user can restyle. docs/output-format.md lists the
// sheets.
#include <filesystem>

#include "output/report_data.hpp"

namespace pcsim::output {

// Writes BOOK.xlsx.tmp and renames it to `path` when complete; an existing `path` is
// refused unless `force`. Throws OutputError on failure.
void write_workbook(const ReportData& data, const std::filesystem::path& path, bool force);

}  // namespace pcsim::output
