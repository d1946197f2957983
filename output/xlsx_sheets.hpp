#pragma once
// The sheets of the workbook (xlsx_export.hpp), one function per kind of sheet.
#include <vector>

#include "output/export_attributes.hpp"
#include "output/report_data.hpp"
#include "output/xlsx_book.hpp"

namespace pcsim::output::xlsx {

void summary_sheet(XlsxBook& book, const ReportData& data);
// One sheet per metric: per option, the year-by-year central case and statistics, and a
// fan chart (stacked areas: P10 to P25, P25 to median, median to P75, P75 to P90) on the
// scale the options share. A 0/1 flag (overspend): per option and year P(flag), its mean,
// and one line chart of it, a line per option (xlsx_figures.hpp, is_flag).
void metric_sheets(XlsxBook& book, const ReportData& data);
// The NPV's quantiles 0..100% per option and an S-curve (scatter with lines).
void npv_sheet(XlsxBook& book, const ReportData& data);
// Run files: Spearman correlations with the NPV of every parameter any option varies, per
// option, and a bar chart. Sensitivity files: the
// tornado (with its bar chart), the Sobol indices and the central case.
void sensitivity_sheets(XlsxBook& book, const ReportData& data);
void assumptions_sheet(XlsxBook& book, const ReportData& data);
void warnings_sheet(XlsxBook& book, const ReportData& data);
// Every root attribute (`attributes`: export_attributes.hpp), numbers as numbers, and the
// scenario text.
void provenance_sheet(XlsxBook& book, const ReportData& data,
                      const std::vector<ExportAttribute>& attributes);

}  // namespace pcsim::output::xlsx
