// The sensitivity, Assumptions, Warnings and Provenance sheets (xlsx_sheets.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "output/statistics.hpp"
#include "output/xlsx_figures.hpp"
#include "output/xlsx_sheets.hpp"

namespace pcsim::output::xlsx {

namespace {

// A horizontal bar chart of columns `first_col`.. of rows [first_row, last_row] of `sheet`,
// parameter names in column 0; overlapped bars for a tornado.
lxw_chart* bar_chart(XlsxBook& book, const std::string& sheet, int first_row, int last_row,
                     const std::vector<std::pair<int, std::string>>& series_columns, bool overlap) {
  lxw_chart* chart = book.add_chart(LXW_CHART_BAR);
  for (const auto& [col, label] : series_columns) {
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, sheet.c_str(), first_row, 0, last_row, 0);
    chart_series_set_values(series, sheet.c_str(), first_row, col, last_row, col);
    chart_series_set_name(series, label.c_str());
  }
  if (overlap) chart_set_series_overlap(chart, 100);
  chart_axis_set_reverse(chart->y_axis);  // the first row (largest) at the top
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  return chart;
}

void place(lxw_worksheet* sheet, int row, int col, lxw_chart* chart, std::size_t bars) {
  lxw_chart_options options = {};
  options.x_scale = 1.5;
  options.y_scale = std::max(1.0, 0.12 * static_cast<double>(bars) + 0.4);
  worksheet_insert_chart_opt(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), chart,
                             &options);
}

// Why a cell of the Drivers of NPV sheet is blank.
std::string blank_driver_note(const DriverRow& row, const std::string& option, std::size_t o) {
  if (row.varied[o] == 0) {
    return "Blank: option '" + option + "' does not vary " + row.parameter +
           " (it is fixed in that option), so it has no correlation with its NPV.";
  }
  return "Blank: the correlation is undefined (option '" + option +
         "' has the same NPV in every iteration).";
}

// The table of the Drivers of NPV sheet from row 2: one row per parameter, one column per
// option; returns the rows written.
int write_driver_rows(XlsxBook& book, lxw_worksheet* sheet, const ReportData& data,
                      const std::vector<DriverRow>& rows) {
  for (std::size_t p = 0; p < rows.size(); ++p) {
    const int row = 2 + static_cast<int>(p);
    book.text(sheet, row, 0, rows[p].parameter);
    for (std::size_t o = 0; o < data.correlations.size(); ++o) {
      const int col = 1 + static_cast<int>(o);
      if (std::isnan(rows[p].rho[o])) {
        book.note(sheet, row, col, blank_driver_note(rows[p], data.correlations[o].option, o));
      } else {
        book.number(sheet, row, col, rows[p].rho[o], "Spearman rho");
      }
    }
  }
  return static_cast<int>(rows.size());
}

void run_correlations(XlsxBook& book, const ReportData& data) {
  if (data.correlations.empty()) return;
  std::string name;
  lxw_worksheet* sheet = book.add_sheet("Drivers of NPV", &name);
  book.text(sheet, 0, 0,
            "Spearman rank correlation of each uncertain parameter with each option's NPV",
            book.title());
  worksheet_set_column(sheet, 0, 0, 44, nullptr);
  std::vector<std::string> columns = {"parameter"};
  for (const auto& c : data.correlations) columns.push_back(c.option);
  book.headings(sheet, 1, columns);
  book.keep_headings(sheet, 1);
  const std::vector<DriverRow> rows = driver_rows(data.correlations);
  const int count = write_driver_rows(book, sheet, data, rows);
  if (count == 0) return;
  book.text(sheet, 3 + count, 0,
            "Every parameter that any option varies, the largest correlation (either sign) over "
            "the options first. A blank cell: that option does not vary the parameter (it is "
            "fixed there), so it has no correlation; its note says so.");
  std::vector<std::pair<int, std::string>> series;
  for (std::size_t o = 0; o < data.correlations.size(); ++o) {
    series.emplace_back(1 + static_cast<int>(o), data.correlations[o].option);
  }
  lxw_chart* chart = bar_chart(book, name, 2, 1 + count, series, false);
  chart_title_set_name(chart, "Spearman correlation with the NPV");
  chart_axis_set_name(chart->x_axis, "Spearman rho (-1 to 1)");
  place(sheet, 2, static_cast<int>(columns.size()) + 1, chart,
        rows.size());  // below the frozen rows
}

const SensitivityOutput* find_output(const SensitivityResults& r, const std::string& name) {
  for (const auto& out : r.outputs) {
    if (out.name == name) return &out;
  }
  return nullptr;
}

void tornado_sheet(XlsxBook& book, const ReportData& data) {
  const SensitivityResults& r = *data.sensitivity;
  const SensitivityOutput* npv = find_output(r, "npv");
  if (npv == nullptr || npv->central.empty()) return;
  std::string name;
  lxw_worksheet* sheet = book.add_sheet("Tornado", &name);
  book.text(sheet, 0, 0,
            fmt::format("Tornado of the NPV, option '{}': each parameter alone at its P10 and P90, "
                        "the others central, events at expectation",
                        r.option),
            book.title());
  book.text(sheet, 1, 0, "central case NPV");
  book.number(sheet, 1, 1, npv->central[0], "GBP");
  worksheet_set_column(sheet, 0, 0, 44, nullptr);
  worksheet_set_column(sheet, 1, 7, 16, nullptr);
  book.headings(sheet, 3,
                {"parameter", "P10 value", "P90 value", "NPV at P10", "NPV at P90", "swing",
                 "NPV at P10 less central", "NPV at P90 less central"});
  book.keep_headings(sheet, 3);
  int row = 4;
  for (const std::size_t k : r.tornado_order) {
    const double low = npv->tornado[k * 3], high = npv->tornado[k * 3 + 1];
    book.text(sheet, row, 0, r.parameters[k]);
    book.parameter_number(sheet, row, 1, r.tornado_inputs[2 * k], r.units[k]);
    book.parameter_number(sheet, row, 2, r.tornado_inputs[2 * k + 1], r.units[k]);
    book.number(sheet, row, 3, low, "GBP");
    book.number(sheet, row, 4, high, "GBP");
    book.number(sheet, row, 5, npv->tornado[k * 3 + 2], "GBP");
    book.number(sheet, row, 6, low - npv->central[0], "GBP");
    book.number(sheet, row++, 7, high - npv->central[0], "GBP");
  }
  if (r.tornado_order.empty()) return;
  lxw_chart* chart = bar_chart(book, name, 4, row - 1,
                               {{6, "parameter at its P10"}, {7, "parameter at its P90"}}, true);
  chart_title_set_name(chart, "Tornado of the NPV");
  chart_axis_set_name(chart->x_axis, "NPV less the central case's (£)");
  chart_axis_set_num_format(chart->x_axis, "£#,##0");
  place(sheet, 3, 9, chart, r.tornado_order.size());
}

void sobol_sheet(XlsxBook& book, const ReportData& data) {
  const SensitivityResults& r = *data.sensitivity;
  if (r.sobol_rows <= 0) return;
  std::string name;
  lxw_worksheet* sheet = book.add_sheet("Sobol", &name);
  book.text(sheet, 0, 0,
            fmt::format("Sobol indices (Saltelli design of {} rows, events at expectation)",
                        r.sobol_rows),
            book.title());
  worksheet_set_column(sheet, 0, 1, 30, nullptr);
  std::vector<std::string> columns = {"parameter", "output"};
  columns.insert(columns.end(), kSobolColumns.begin(), kSobolColumns.end());
  book.headings(sheet, 1, columns);
  book.keep_headings(sheet, 1);
  int row = 2;
  for (const auto& out : r.outputs) {
    for (std::size_t p = 0; p < r.parameters.size(); ++p) {
      book.text(sheet, row, 0, r.parameters[p]);
      book.text(sheet, row, 1, out.name);
      for (std::size_t k = 0; k < kSobolColumns.size(); ++k) {
        book.number(sheet, row, 2 + static_cast<int>(k), out.sobol[p * kSobolColumns.size() + k],
                    "share of variance");
      }
      ++row;
    }
  }
  // The NPV's rows for the chart, which the table lists first among the scalars.
  std::size_t npv_index = 0;
  while (npv_index < r.outputs.size() && r.outputs[npv_index].name != "npv") ++npv_index;
  if (npv_index == r.outputs.size() || r.parameters.empty()) return;
  const int first = 2 + static_cast<int>(npv_index * r.parameters.size());
  lxw_chart* chart = book.add_chart(LXW_CHART_BAR);
  for (const auto& [col, label] : std::vector<std::pair<int, std::string>>{{2, "S1"}, {5, "ST"}}) {
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, name.c_str(), first, 0,
                                first + static_cast<int>(r.parameters.size()) - 1, 0);
    chart_series_set_values(series, name.c_str(), first, col,
                            first + static_cast<int>(r.parameters.size()) - 1, col);
    chart_series_set_name(series, label.c_str());
  }
  chart_title_set_name(chart, "Sobol indices of the NPV");
  chart_axis_set_name(chart->x_axis, "share of the NPV's variance");
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  place(sheet, 1, 10, chart, r.parameters.size());
}

}  // namespace

void sensitivity_sheets(XlsxBook& book, const ReportData& data) {
  if (!data.sensitivity) {
    run_correlations(book, data);
    return;
  }
  tornado_sheet(book, data);
  sobol_sheet(book, data);
}

void assumptions_sheet(XlsxBook& book, const ReportData& data) {
  lxw_worksheet* sheet = book.add_sheet("Assumptions");
  worksheet_set_column(sheet, 0, 0, 44, nullptr);
  worksheet_set_column(sheet, 1, 6, 16, nullptr);
  worksheet_set_column(sheet, 7, 7, 80, book.wrap());
  book.headings(sheet, 0,
                {"parameter", "applies to", "distribution", "unit", "value or mean", "P10", "P90",
                 "rationale"});
  book.keep_headings(sheet, 0);
  int row = 1;
  if (data.sensitivity) {
    const auto& r = *data.sensitivity;
    for (std::size_t k = 0; k < r.parameters.size(); ++k, ++row) {
      book.text(sheet, row, 0, r.parameters[k]);
      book.text(sheet, row, 1, r.option);
      book.text(sheet, row, 2, r.distributions[k]);
      book.text(sheet, row, 3, r.units[k]);
      book.parameter_number(sheet, row, 5, r.tornado_inputs[2 * k], r.units[k]);
      book.parameter_number(sheet, row, 6, r.tornado_inputs[2 * k + 1], r.units[k]);
      if (k < r.rationales.size()) book.text(sheet, row, 7, r.rationales[k]);
    }
    return;
  }
  for (const auto& p : data.parameters) {
    book.text(sheet, row, 0, p.name);
    book.text(sheet, row, 1, p.option.empty() ? "every option not setting it" : p.option);
    book.text(sheet, row, 2, p.distribution);
    book.text(sheet, row, 3, p.unit);
    if (!p.labels.empty()) {
      book.text(sheet, row, 4, p.labels.front());
    } else if (!p.values.empty()) {
      const ColumnSummary s = summarise(p.values);
      const bool fixed = std::all_of(p.values.begin(), p.values.end(),
                                     [&](double v) { return v == p.values.front(); });
      const int digits = fixed ? kFixedValueDigits : kStatisticDigits;
      book.parameter_number(sheet, row, 4, s.values[0], p.unit, digits);
      book.parameter_number(sheet, row, 5, s.values[4], p.unit, digits);
      book.parameter_number(sheet, row, 6, s.values[8], p.unit, digits);
    }
    book.text(sheet, row++, 7, p.rationale);
  }
}

void warnings_sheet(XlsxBook& book, const ReportData& data) {
  lxw_worksheet* sheet = book.add_sheet("Warnings");
  worksheet_set_column(sheet, 0, 0, 30, nullptr);
  worksheet_set_column(sheet, 1, 1, 90, book.wrap());
  worksheet_set_column(sheet, 2, 2, 40, nullptr);
  book.headings(sheet, 0, {"key", "message", "item"});
  book.keep_headings(sheet, 0);
  int row = 1;
  if (data.warnings.empty()) book.text(sheet, row, 1, "The run raised no warnings.");
  for (const auto& w : data.warnings) {
    const std::size_t lines = std::max<std::size_t>(1, w.items.size());
    for (std::size_t i = 0; i < lines; ++i, ++row) {
      book.text(sheet, row, 0, w.key);
      book.text(sheet, row, 1, w.message);
      if (i < w.items.size()) book.text(sheet, row, 2, w.items[i]);
    }
  }
}

void provenance_sheet(XlsxBook& book, const ReportData& data,
                      const std::vector<ExportAttribute>& attributes) {
  lxw_worksheet* sheet = book.add_sheet("Provenance");
  worksheet_set_column(sheet, 0, 0, 30, nullptr);
  worksheet_set_column(sheet, 1, 1, 100, book.wrap());
  book.headings(sheet, 0, {"attribute", "value"});
  book.keep_headings(sheet, 0);
  int row = 1;
  for (const auto& attribute : attributes) {
    book.text(sheet, row, 0, attribute.name);
    if (attribute.number) {
      book.plain_number(sheet, row++, 1, *attribute.number);
    } else {
      book.text(sheet, row++, 1, attribute.text);
    }
  }
  book.text(sheet, row, 0, "scenario_text");
  if (book.text(sheet, row++, 1, data.provenance.scenario_text)) {
    // An Excel cell holds 32,767 characters: a longer scenario is cut, and says where the
    // whole text is.
    book.text(sheet, row, 0, "scenario_text_cut");
    book.text(sheet, row, 1,
              fmt::format("the scenario text above is cut: it has {} bytes, more than an Excel "
                          "cell holds (32,767 characters); the whole text is the results file's "
                          "scenario_text attribute, and provenance.csv of pcsim export --csv",
                          data.provenance.scenario_text.size()));
  }
}

}  // namespace pcsim::output::xlsx
