#pragma once
// `pcsim report` and `pcsim export` (docs/cli.md): deliverables made from a results file or
// a sensitivity file alone, so any file can be reported again later.
#include <filesystem>
#include <optional>
#include <ostream>

namespace pcsim::runner {

struct ReportCommand {
  std::filesystem::path results;
  std::optional<std::filesystem::path> output;   // default: RESULTS with .html
  std::optional<std::filesystem::path> pdf;      // --pdf: also print it through Chromium
  std::optional<std::filesystem::path> chartjs;  // --chartjs: Chart.js to inline
  bool force = false;
};

// Writes the HTML report (OUT.tmp, renamed when complete) and, with --pdf, the PDF; says
// on `out` what it wrote. Throws OutputError for an unreadable file, a missing Chart.js or
// Chromium, or a failed write (an existing output without --force).
void report_command(const ReportCommand& command, std::ostream& out);

struct ExportCommand {
  std::filesystem::path results;
  std::optional<std::filesystem::path> xlsx;  // --xlsx BOOK.xlsx
  std::optional<std::filesystem::path> csv;   // --csv DIR
  bool force = false;
};

// Writes the workbook and/or the CSV tables. UsageError when neither is asked for.
void export_command(const ExportCommand& command, std::ostream& out);

}  // namespace pcsim::runner
