// The Summary and NPV sheets of the workbook (xlsx_sheets.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "output/base_year_figures.hpp"
#include "output/central_case_position.hpp"
#include "output/headroom_list_growth.hpp"
#include "output/price_basis.hpp"
#include "output/results_layout.hpp"
#include "output/statistics.hpp"
#include "output/xlsx_figures.hpp"
#include "output/xlsx_sheet_parts.hpp"
#include "output/xlsx_sheets.hpp"

namespace pcsim::output::xlsx {

namespace {

// Why a 0/1 flag's percentiles are blank (a note on its blank P10 cell, and a line below
// the table).
std::string flag_note(const std::string& name) {
  return flag_label(name) + ": " + name +
         " is 0 or 1 in each iteration, so its row shows the probability (the mean) and leaves "
         "P10, P50 and P90 blank: each is 0 or 1 and says little (as in pcsim summary).";
}

// One row of the run's summary: `t` of `option` in its row `r` (the last year, or a
// scalar's only row). A 0/1 flag shows as pcsim summary shows it: P(flag), its mean, with
// the percentiles blank and a note saying why.
void summary_row(XlsxBook& book, lxw_worksheet* sheet, const ReportData& data,
                 const std::string& option, const SummaryTable& t, std::size_t r, int row) {
  const bool flag = is_flag(t.unit);
  book.text(sheet, row, 0, option);
  book.text(sheet, row, 1, flag ? flag_label(t.name) : t.name);
  book.text(sheet, row, 2, flag ? "probability" : t.unit);
  book.text(sheet, row, 3, t.per_year && r < data.years.size() ? data.years[r] : "all years");
  book.number(sheet, row, 4, central_at(t, r), t.unit);
  book.number(sheet, row, 5, t.at(r, "mean"), t.unit);
  if (flag) {
    book.note(sheet, row, 6, flag_note(t.name));
  } else {
    int col = 6;
    for (const char* s : {"p10", "p50", "p90"}) book.number(sheet, row, col++, t.at(r, s), t.unit);
  }
  book.number(sheet, row, 9, static_cast<double>(t.n_nan[r]), "count");
}

// P(payback within the horizon) of `option`, or words when it invests nothing; returns the
// next free row.
int payback_row(XlsxBook& book, lxw_worksheet* sheet, const OptionSummary& option, int row) {
  if (!option.invests_nothing && std::isnan(option.p_payback_within_horizon)) return row;
  book.text(sheet, row, 0, option.name);
  book.text(sheet, row, 1, "P(payback within the horizon)");
  book.text(sheet, row, 2, "probability");
  book.text(sheet, row, 3, "all years");
  if (option.invests_nothing) {
    // Said in words: a blank would read as missing, a 0 as "never pays back".
    book.text(sheet, row, 5, "none: the option invests nothing, so nothing to pay back");
  } else {
    book.number(sheet, row, 5, option.p_payback_within_horizon, "probability");
  }
  return row + 1;
}

// The run's summary table from `row`: per option every metric in the last year and every
// scalar, its headings kept in view and printed at the top of every page (not the notes
// above it); returns the next free row.
int summary_table(XlsxBook& book, lxw_worksheet* sheet, const ReportData& data, int row) {
  book.headings(
      sheet, row,
      {"option", "metric", "unit", "year", "central", "mean", "P10", "P50", "P90", "n_nan"});
  book.keep_headings(sheet, row, row);
  ++row;
  const std::size_t last = data.years.empty() ? 0 : data.years.size() - 1;
  for (const auto& option : data.summary.options) {
    for (const auto* list : {&option.metrics, &option.scalars}) {
      for (const auto& t : *list)
        summary_row(book, sheet, data, option.name, t, t.per_year ? last : 0, row++);
    }
    row = payback_row(book, sheet, option, row);
  }
  return row;
}

// Below the summary table, a line per 0/1 flag saying why its percentiles are blank;
// returns the next free row.
int flag_note_rows(XlsxBook& book, lxw_worksheet* sheet, const ReportData& data, int row) {
  if (data.summary.options.empty()) return row;
  for (const auto& metric : data.summary.options.front().metrics) {
    if (is_flag(metric.unit)) book.text(sheet, ++row, 0, flag_note(metric.name));
  }
  return row + 1;
}

// The comparison of options (files with two or more), two rows below `row`.
void comparison_table(XlsxBook& book, lxw_worksheet* sheet, const ReportData& data, int row) {
  if (!data.summary.comparison) return;
  const ComparisonSummary& c = *data.summary.comparison;
  row += 2;
  book.text(sheet, row++, 0,
            "Comparison of options (paired by iteration; baseline " + c.baseline + ")",
            book.bold());
  book.headings(sheet, row++,
                {"option", "E[NPV]", "P(best NPV)", "P(overspend in any year)",
                 "mean appointments gap, last year", "P(NPV beats baseline)", "EVPI"});
  for (std::size_t o = 0; o < c.options.size(); ++o) {
    book.text(sheet, row, 0, c.options[o]);
    book.number(sheet, row, 1, c.expected_npv[o], "GBP");
    book.number(sheet, row, 2, c.p_best_npv[o], "probability");
    book.number(sheet, row, 3, c.p_overspend_any_year[o], "probability");
    book.number(sheet, row, 4, c.expected_gap_last_year[o], "appointments");
    if (o > 0) book.number(sheet, row, 5, c.p_npv_beats_baseline[o - 1], "probability");
    book.number(sheet, row++, 6, c.evpi, "GBP");
  }
}

// What the £ figures are in, once, above them; returns the next free row.
int price_basis_rows(XlsxBook& book, lxw_worksheet* sheet, const ReportData& data, int row) {
  book.text(sheet, row++, 0, price_basis_text(data.summary.price_basis), book.bold());
  for (const auto& [option, basis] : data.summary.option_price_bases) {
    book.text(sheet, row++, 0, option_price_basis_text(option, basis));
  }
  return row;
}

// The base year: a heading, then each figure (label, the whole number the summary and the
// report show, as a number); returns the next free row.
int base_year_rows(XlsxBook& book, lxw_worksheet* sheet, const ReportData& data, int row) {
  const BaseYearFigures figures = base_year_figures(data.provenance);
  const std::vector<BaseYearItem> items = base_year_items(figures);
  if (items.empty() && figures.label.empty()) return row;
  book.text(sheet, row++, 0,
            base_year_heading(figures, data.years.empty() ? "" : data.years.front()), book.bold());
  for (const auto& item : items) {
    book.text(sheet, row, 0, item.label);
    book.number(sheet, row++, 2, item.whole, item.unit);  // as the text shows it
  }
  return row;
}

// Per option, what budget_headroom leaves out as lists change (headroom_list_growth.hpp)
// and a central case outside P10-P90 (central_case_position.hpp); returns the next free
// row (a blank row after any).
int option_note_rows(XlsxBook& book, lxw_worksheet* sheet, const ReportData& data, int row) {
  const BaseYearFigures figures = base_year_figures(data.provenance);
  const int first = row;
  for (const auto& option : data.summary.options) {
    if (const auto growth = headroom_list_growth(option, figures, data.years)) {
      book.text(sheet, row++, 0,
                "Option '" + option.name + "': " + headroom_list_growth_text(*growth, false));
    }
    if (const auto position = central_case_position(option)) {
      book.text(sheet, row++, 0,
                "Option '" + option.name + "': " + central_case_position_text(*position));
    }
  }
  return row == first ? row : row + 1;
}

}  // namespace

void summary_sheet(XlsxBook& book, const ReportData& data) {
  lxw_worksheet* sheet = book.add_sheet("Summary");
  const Provenance& p = data.provenance;
  // The scenario by its name (a file of an older pcsim: by its file), the file below it.
  book.text(sheet, 0, 0, p.scenario_name.empty() ? p.scenario_file : p.scenario_name, book.title());
  book.text(sheet, 1, 0, "scenario file: " + p.scenario_file);
  book.text(sheet, 2, 0,
            fmt::format("{} iteration{}, seed {}, pcsim {}, run {}", p.iterations,
                        p.iterations == 1 ? "" : "s", p.seed, p.pcsim_version, p.start_time));
  book.text(sheet, 3, 0,
            "central: every parameter at its central value, every event at its expectation");
  worksheet_set_column(sheet, 0, 1, 28, nullptr);
  worksheet_set_column(sheet, 2, 9, 14, nullptr);
  int row = 5;
  if (data.kind == ResultsKind::Run) {
    row = price_basis_rows(book, sheet, data, row) + 1;
    row = base_year_rows(book, sheet, data, row) + 1;
    row = option_note_rows(book, sheet, data, row);
    row = summary_table(book, sheet, data, row);
    row = flag_note_rows(book, sheet, data, row);
    comparison_table(book, sheet, data, row);
    return;
  }
  row = base_year_rows(book, sheet, data, row) + 1;
  const SensitivityResults& r = *data.sensitivity;
  book.headings(sheet, row, {"option", "output", "unit", "year", "central"});
  book.keep_headings(sheet, row, row);
  ++row;
  for (const auto& out : r.outputs) {
    for (std::size_t c = 0; c < out.central.size(); ++c) {
      book.text(sheet, row, 0, r.option);
      book.text(sheet, row, 1, out.name);
      book.text(sheet, row, 2, out.unit);
      book.text(sheet, row, 3, out.per_year ? data.years.at(c) : "all years");
      book.number(sheet, row++, 4, out.central[c], out.unit);
    }
  }
}

void npv_sheet(XlsxBook& book, const ReportData& data) {
  std::string name;
  lxw_worksheet* sheet = book.add_sheet("NPV distribution", &name);
  book.text(sheet, 0, 0, "NPV quantiles per option (type 7 percentiles of the iterations)",
            book.title());
  book.text(sheet, 1, 0, "cumulative probability", book.bold());
  book.keep_headings(sheet, 1);
  worksheet_set_column(sheet, 0, static_cast<lxw_col_t>(data.npv.size()), 16, nullptr);
  for (int q = 0; q <= 100; ++q) book.number(sheet, 2 + q, 0, q / 100.0, "probability");
  lxw_chart* chart = book.add_chart(LXW_CHART_SCATTER_STRAIGHT);
  int col = 1;
  for (std::size_t o = 0; o < data.npv.size(); ++o) {
    std::vector<double> sorted;
    for (const double v : data.npv[o]) {
      if (!std::isnan(v)) sorted.push_back(v);
    }
    if (sorted.empty()) continue;
    std::sort(sorted.begin(), sorted.end());
    book.text(sheet, 1, col, data.summary.options[o].name, book.bold());
    for (int q = 0; q <= 100; ++q) {
      book.number(sheet, 2 + q, col, percentile_of_sorted(sorted, q), "GBP");
    }
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, name.c_str(), 2, col, 102, col);
    chart_series_set_values(series, name.c_str(), 2, 0, 102, 0);
    chart_series_set_name(series, data.summary.options[o].name.c_str());
    ++col;
  }
  chart_title_set_name(chart, "Cumulative distribution of the NPV (S-curve)");
  chart_axis_set_name(chart->x_axis, "net present value (£)");
  chart_axis_set_num_format(chart->x_axis, "£#,##0");
  chart_axis_set_name(chart->y_axis, "share of iterations with a lower NPV");
  chart_axis_set_num_format(chart->y_axis, "0%");
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options place = {};
  place.x_scale = 1.6;
  place.y_scale = 1.4;
  worksheet_insert_chart_opt(sheet, 1, static_cast<lxw_col_t>(col + 1), chart, &place);
}

}  // namespace pcsim::output::xlsx
