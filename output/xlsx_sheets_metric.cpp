// The per-metric sheets of the workbook (xlsx_sheets.hpp): a fan chart per option on a
// scale the options share, or, for a 0/1 flag, P(flag) by year.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "output/statistics.hpp"
#include "output/xlsx_figures.hpp"
#include "output/xlsx_sheet_parts.hpp"
#include "output/xlsx_sheets.hpp"

namespace pcsim::output::xlsx {

namespace {

// `scale` on `axis`, a chart's value axis. libxlsxwriter 1.1.4 leaves the value axis of an
// area chart unmarked as one (its line and bar charts mark theirs) and refuses a scale on
// it with a warning on standard error: it is marked here.
void set_scale(lxw_chart_axis* axis, const AxisScale& scale) {
  axis->is_value = LXW_TRUE;
  chart_axis_set_min(axis, scale.min);
  chart_axis_set_max(axis, scale.max);
  chart_axis_set_major_unit(axis, scale.step);
}

// The outer edges of the fans of metric `name` over every option and year (P10 and P90):
// the values the options' charts share a scale for.
std::vector<double> fan_edges(const ReportData& data, const std::string& name) {
  std::vector<double> edges;
  for (const auto& option : data.summary.options) {
    const SummaryTable* t = option.find(name);
    if (t == nullptr) continue;
    for (std::size_t r = 0; r < t->rows(); ++r) {
      edges.push_back(t->at(r, "p10"));
      edges.push_back(t->at(r, "p90"));
    }
  }
  return edges;
}

// The fan chart of `metric` for `option` (its years in rows first_row.., the bands from
// column band_col), at the right of the table, on `scale` when given.
void fan_chart(XlsxBook& book, lxw_worksheet* sheet, const std::string& sheet_name,
               const SummaryTable& metric, const std::string& option, int first_row, int rows,
               int band_col, int colour, const std::optional<AxisScale>& scale) {
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
  if (scale) set_scale(chart->y_axis, *scale);
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options place = {};
  place.x_scale = 1.2;
  place.y_scale = 1.1;
  worksheet_insert_chart_opt(sheet, static_cast<lxw_row_t>(first_row - 1),
                             static_cast<lxw_col_t>(band_col + 6), chart, &place);
}

// "roi: savings / investment (undefined when the option invests nothing) (ratio)".
std::string metric_title(const SummaryTable& metric) {
  return metric.name + ": " + description_in_words(metric.description) + " (" + metric.unit + ")";
}

// One metric's sheet: the column headings once, below the title (every option's block
// shares them, so they stay in view and head each printed page), then per option its name,
// the year-by-year central case and statistics, the band widths behind its fan chart, and
// the chart, on the scale every option's chart of the metric shares.
void fan_sheet(XlsxBook& book, const ReportData& data, const SummaryTable& first) {
  const auto& options = data.summary.options;
  const int years = static_cast<int>(data.years.size());
  const int block = std::max(years + 3, 18);  // the chart is about 17 rows high
  std::vector<std::string> columns = {"year", "central"};
  columns.insert(columns.end(), kStatisticNames.begin(), kStatisticNames.end());
  const int band_col = static_cast<int>(columns.size()) + 1;
  std::string name;
  lxw_worksheet* sheet = book.add_sheet(first.name, &name);
  book.text(sheet, 0, 0, metric_title(first), book.title());
  worksheet_set_column(sheet, 0, static_cast<lxw_col_t>(band_col + 4), 12, nullptr);
  book.headings(sheet, 1, columns);
  book.headings(sheet, 1,
                {"chart: P10", "P10 to P25", "P25 to median", "median to P75", "P75 to P90"},
                band_col);
  book.keep_headings(sheet, 1);
  const std::optional<AxisScale> scale = shared_scale(fan_edges(data, first.name));
  for (std::size_t o = 0; o < options.size(); ++o) {
    const SummaryTable* t = options[o].find(first.name);
    if (t == nullptr) continue;
    const int top = 2 + static_cast<int>(o) * block;
    book.text(sheet, top, 0, options[o].name, book.bold());
    for (int y = 0; y < years; ++y) {
      const int row = top + 1 + y;
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
      fan_chart(book, sheet, name, *t, options[o].name, top + 1, years, band_col,
                static_cast<int>(o), scale);
    }
  }
}

// The line chart of a flag's sheet: P(flag) by year, a line per option (column 2 of each
// option's block), from 0 on the options' shared scale.
void flag_chart(XlsxBook& book, lxw_worksheet* sheet, const std::string& sheet_name,
                const ReportData& data, const SummaryTable& first,
                const std::vector<int>& first_rows) {
  const auto& options = data.summary.options;
  const int years = static_cast<int>(data.years.size());
  lxw_chart* chart = book.add_chart(LXW_CHART_LINE);
  std::vector<double> shown = {0};
  for (std::size_t o = 0; o < options.size(); ++o) {
    const SummaryTable* t = options[o].find(first.name);
    if (t == nullptr || first_rows[o] < 0) continue;
    for (std::size_t r = 0; r < t->rows(); ++r) shown.push_back(t->at(r, "mean"));
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, sheet_name.c_str(), first_rows[o], 0,
                                first_rows[o] + years - 1, 0);
    chart_series_set_values(series, sheet_name.c_str(), first_rows[o], 2, first_rows[o] + years - 1,
                            2);
    chart_series_set_name(series, options[o].name.c_str());
    lxw_chart_line line = {};
    line.color = kColours[o % kColours.size()];
    line.width = 2.25;
    chart_series_set_line(series, &line);
  }
  chart_title_set_name(chart, (flag_label(first.name) + " by year").c_str());
  chart_axis_set_name(chart->x_axis, "financial year");
  chart_axis_set_name(chart->y_axis, ("probability of " + first.name).c_str());
  chart_axis_set_num_format(chart->y_axis, "0%");
  if (const auto scale = shared_scale(shown)) set_scale(chart->y_axis, *scale);
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options place = {};
  place.x_scale = 1.4;
  place.y_scale = 1.3;
  // Below the frozen headings (rows 0 to 2), beside the first option's block.
  worksheet_insert_chart_opt(sheet, 3, 6, chart, &place);
}

// A 0/1 flag's sheet (overspend): per option and year P(flag), the mean over the
// iterations, with the central case (0 or 1) and the standard error of P; no sd,
// percentiles or fan of a 0/1 variable (each percentile is 0 or 1), as in pcsim summary,
// but one line chart of P(flag) by year.
void flag_sheet(XlsxBook& book, const ReportData& data, const SummaryTable& first) {
  const auto& options = data.summary.options;
  const int years = static_cast<int>(data.years.size());
  const std::string label = flag_label(first.name);
  std::string name;
  lxw_worksheet* sheet = book.add_sheet(first.name, &name);
  book.text(sheet, 0, 0, metric_title(first), book.title());
  book.text(sheet, 1, 0,
            label + ": the share of iterations in which " + first.name +
                " is 1 that year (its mean). Its sd and percentiles (each 0 or 1) say little "
                "and are left out, as in pcsim summary; se is the Monte Carlo standard error "
                "of " +
                label + ".");
  worksheet_set_column(sheet, 0, 3, 14, nullptr);
  book.headings(sheet, 2, {"year", "central", label, "se"});
  book.keep_headings(sheet, 2);
  std::vector<int> first_rows(options.size(), -1);
  for (std::size_t o = 0; o < options.size(); ++o) {
    const SummaryTable* t = options[o].find(first.name);
    if (t == nullptr) continue;
    const int top = 3 + static_cast<int>(o) * (years + 2);
    book.text(sheet, top, 0, options[o].name, book.bold());
    first_rows[o] = top + 1;
    for (int y = 0; y < years; ++y) {
      const auto r = static_cast<std::size_t>(y);
      book.text(sheet, top + 1 + y, 0, data.years[r]);
      book.number(sheet, top + 1 + y, 1, central_at(*t, r), t->unit);
      book.number(sheet, top + 1 + y, 2, t->at(r, "mean"), t->unit);
      book.number(sheet, top + 1 + y, 3, t->at(r, "se"), t->unit);
    }
  }
  if (years > 0) flag_chart(book, sheet, name, data, first, first_rows);
}

}  // namespace

void metric_sheets(XlsxBook& book, const ReportData& data) {
  if (data.summary.options.empty()) return;
  for (const auto& first : data.summary.options.front().metrics) {
    if (is_flag(first.unit)) {
      flag_sheet(book, data, first);
    } else {
      fan_sheet(book, data, first);
    }
  }
}

}  // namespace pcsim::output::xlsx
