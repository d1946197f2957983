// The Summary, per-metric and NPV sheets of the workbook (xlsx_sheets.hpp).
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
#include "output/xlsx_sheets.hpp"

namespace pcsim::output::xlsx {

namespace {

constexpr std::array<lxw_color_t, 6> kColours = {0x005EB8, 0xDA291C, 0x009639,
                                                 0xED8B00, 0x330072, 0x00A9CE};

double central_at(const SummaryTable& t, std::size_t row) {
  return row < t.central.size() ? t.central[row] : std::nan("");
}

// The run's summary: per option every metric in the last year and every scalar.
void run_summary(XlsxBook& book, lxw_worksheet* sheet, const ReportData& data, int row) {
  book.headings(
      sheet, row++,
      {"option", "metric", "unit", "year", "central", "mean", "P10", "P50", "P90", "n_nan"});
  const std::size_t last = data.years.empty() ? 0 : data.years.size() - 1;
  for (const auto& option : data.summary.options) {
    for (const auto* list : {&option.metrics, &option.scalars}) {
      for (const auto& t : *list) {
        const std::size_t r = t.per_year ? last : 0;
        book.text(sheet, row, 0, option.name);
        book.text(sheet, row, 1, t.name);
        book.text(sheet, row, 2, t.unit);
        book.text(sheet, row, 3,
                  t.per_year && !data.years.empty() ? data.years[last] : "all years");
        book.number(sheet, row, 4, central_at(t, r), t.unit);
        int col = 5;
        for (const char* s : {"mean", "p10", "p50", "p90"})
          book.number(sheet, row, col++, t.at(r, s), t.unit);
        book.number(sheet, row, 9, static_cast<double>(t.n_nan[r]), "count");
        ++row;
      }
    }
    if (option.invests_nothing) {
      // Said in words: a blank would read as missing, a 0 as "never pays back".
      book.text(sheet, row, 0, option.name);
      book.text(sheet, row, 1, "P(payback within the horizon)");
      book.text(sheet, row, 2, "probability");
      book.text(sheet, row, 3, "all years");
      book.text(sheet, row++, 5, "none: the option invests nothing, so nothing to pay back");
    } else if (!std::isnan(option.p_payback_within_horizon)) {
      book.text(sheet, row, 0, option.name);
      book.text(sheet, row, 1, "P(payback within the horizon)");
      book.text(sheet, row, 2, "probability");
      book.text(sheet, row, 3, "all years");
      book.number(sheet, row++, 5, option.p_payback_within_horizon, "probability");
    }
  }
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

void fan_chart(XlsxBook& book, lxw_worksheet* sheet, const std::string& sheet_name,
               const SummaryTable& metric, const std::string& option, int first_row, int rows,
               int band_col, int colour) {
  lxw_chart* chart = book.add_chart(LXW_CHART_AREA_STACKED);
  const char* names[] = {"P10 (base)", "P10 to P25", "P25 to median", "median to P75",
                         "P75 to P90"};
  const std::uint8_t transparency[] = {0, 75, 45, 45, 75};
  for (int k = 0; k < 5; ++k) {
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, sheet_name.c_str(), first_row, 0, first_row + rows - 1, 0);
    chart_series_set_values(series, sheet_name.c_str(), first_row, band_col + k,
                            first_row + rows - 1, band_col + k);
    chart_series_set_name(series, names[k]);
    lxw_chart_fill fill = {kColours[static_cast<std::size_t>(colour) % kColours.size()],
                           static_cast<std::uint8_t>(k == 0), transparency[k]};
    chart_series_set_fill(series, &fill);
  }
  chart_title_set_name(chart, (metric.name + ": " + option).c_str());
  chart_axis_set_name(chart->x_axis, "financial year");
  chart_axis_set_name(chart->y_axis, (metric.name + " (" + metric.unit + ")").c_str());
  if (metric.unit == "GBP") chart_axis_set_num_format(chart->y_axis, "£#,##0");
  if (metric.unit == "0/1") chart_axis_set_num_format(chart->y_axis, "0%");
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options place = {};
  place.x_scale = 1.2;
  place.y_scale = 1.1;
  worksheet_insert_chart_opt(sheet, static_cast<lxw_row_t>(first_row - 2),
                             static_cast<lxw_col_t>(band_col + 6), chart, &place);
}

// What the £ figures are in, once, above them; returns the next free row.
int price_basis_rows(XlsxBook& book, lxw_worksheet* sheet, const ReportData& data, int row) {
  book.text(sheet, row++, 0, price_basis_text(data.summary.price_basis), book.bold());
  for (const auto& [option, basis] : data.summary.option_price_bases) {
    book.text(sheet, row++, 0, option_price_basis_text(option, basis));
  }
  return row;
}

// The base year: a heading, then each figure (label, value as a number); returns the next
// free row.
int base_year_rows(XlsxBook& book, lxw_worksheet* sheet, const ReportData& data, int row) {
  const BaseYearFigures figures = base_year_figures(data.provenance);
  const std::vector<BaseYearItem> items = base_year_items(figures);
  if (items.empty() && figures.label.empty()) return row;
  book.text(sheet, row++, 0,
            base_year_heading(figures, data.years.empty() ? "" : data.years.front()), book.bold());
  for (const auto& item : items) {
    book.text(sheet, row, 0, item.label);
    book.number(sheet, row++, 2, item.value, item.unit);
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
                "Option '" + option.name + "': " + headroom_list_growth_text(*growth));
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
    run_summary(book, sheet, data, row);
    return;
  }
  row = base_year_rows(book, sheet, data, row) + 1;
  const SensitivityResults& r = *data.sensitivity;
  book.headings(sheet, row++, {"option", "output", "unit", "year", "central"});
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

void metric_sheets(XlsxBook& book, const ReportData& data) {
  const auto& options = data.summary.options;
  if (options.empty()) return;
  const int years = static_cast<int>(data.years.size());
  const int block = std::max(years + 4, 18);
  std::vector<std::string> columns = {"year", "central"};
  columns.insert(columns.end(), kStatisticNames.begin(), kStatisticNames.end());
  const int band_col = static_cast<int>(columns.size()) + 1;
  for (const auto& first : options.front().metrics) {
    std::string name;
    lxw_worksheet* sheet = book.add_sheet(first.name, &name);
    book.text(sheet, 0, 0, first.name + ": " + first.description + " (" + first.unit + ")",
              book.title());
    worksheet_set_column(sheet, 0, static_cast<lxw_col_t>(band_col + 4), 12, nullptr);
    for (std::size_t o = 0; o < options.size(); ++o) {
      const SummaryTable* t = options[o].find(first.name);
      if (t == nullptr) continue;
      const int top = 2 + static_cast<int>(o) * block;
      book.text(sheet, top, 0, options[o].name, book.bold());
      book.headings(sheet, top + 1, columns);
      book.headings(sheet, top + 1,
                    {"chart: P10", "P10 to P25", "P25 to median", "median to P75", "P75 to P90"},
                    band_col);
      for (int y = 0; y < years; ++y) {
        const int row = top + 2 + y;
        const auto r = static_cast<std::size_t>(y);
        book.text(sheet, row, 0, data.years[r]);
        book.number(sheet, row, 1, central_at(*t, r), t->unit);
        for (std::size_t s = 0; s < kStatisticNames.size(); ++s) {
          book.number(sheet, row, 2 + static_cast<int>(s), t->at(r, kStatisticNames[s]), t->unit);
        }
        const double edges[] = {t->at(r, "p10"), t->at(r, "p25"), t->at(r, "p50"), t->at(r, "p75"),
                                t->at(r, "p90")};
        book.number(sheet, row, band_col, edges[0], t->unit);
        for (int k = 1; k < 5; ++k)
          book.number(sheet, row, band_col + k, edges[k] - edges[k - 1], t->unit);
      }
      if (years > 0) {
        fan_chart(book, sheet, name, *t, options[o].name, top + 2, years, band_col,
                  static_cast<int>(o));
      }
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
