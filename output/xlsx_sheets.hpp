#pragma once
// The sheets of the workbook (xlsx_export.hpp), one function per kind of sheet.
#include "output/report_data.hpp"
#include "output/xlsx_book.hpp"

namespace pcsim::output::xlsx {

void summary_sheet(XlsxBook& book, const ReportData& data);
// One sheet per metric: per option, the year-by-year central case and statistics, and a
// fan chart (stacked areas: P10 to P25, P25 to median, median to P75, P75 to P90).
void metric_sheets(XlsxBook& book, const ReportData& data);
// The NPV's quantiles 0..100% per option and an S-curve (scatter with lines).
void npv_sheet(XlsxBook& book, const ReportData& data);
// Run files: Spearman correlations with the NPV and a bar chart. Sensitivity files: the
// tornado (with its bar chart), the Sobol indices and the central case.
void sensitivity_sheets(XlsxBook& book, const ReportData& data);
void assumptions_sheet(XlsxBook& book, const ReportData& data);
void warnings_sheet(XlsxBook& book, const ReportData& data);
void provenance_sheet(XlsxBook& book, const ReportData& data);

}  // namespace pcsim::output::xlsx
