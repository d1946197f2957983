#include "output/xlsx_export.hpp"

#include <vector>

#include "output/atomic_file_write.hpp"
#include "output/export_attributes.hpp"
#include "output/xlsx_book.hpp"
#include "output/xlsx_sheets.hpp"

namespace pcsim::output {

void write_workbook(const ReportData& data, const std::filesystem::path& path,
                    StagedOutputs& outputs) {
  // Read before the workbook is begun: failing to read the results file is no failure to
  // write the workbook.
  const std::vector<ExportAttribute> attributes = export_attributes(data);
  const std::filesystem::path temporary = outputs.add(path);
  try {
    XlsxBook book(temporary);
    xlsx::summary_sheet(book, data);
    if (data.kind == ResultsKind::Run) {
      xlsx::metric_sheets(book, data);
      xlsx::npv_sheet(book, data);
    }
    xlsx::sensitivity_sheets(book, data);
    xlsx::assumptions_sheet(book, data);
    if (data.kind == ResultsKind::Run) xlsx::warnings_sheet(book, data);
    xlsx::provenance_sheet(book, data, attributes);
    book.close();
  } catch (const OutputError& error) {
    throw outputs.write_failure(path, error.what());
  }
}

}  // namespace pcsim::output
