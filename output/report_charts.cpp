#include "output/report_charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "output/html_text.hpp"
#include "output/number_format.hpp"
#include "output/report_chart_parts.hpp"
#include "output/statistics.hpp"

namespace pcsim::output {

namespace report_detail {

// NHS blue, red, green, orange, purple, light blue, dark grey.
constexpr std::array<std::array<int, 3>, 7> kPalette = {{{0, 94, 184},
                                                         {218, 41, 28},
                                                         {0, 150, 57},
                                                         {237, 139, 0},
                                                         {51, 0, 114},
                                                         {0, 169, 206},
                                                         {66, 85, 99}}};

std::string dataset(const std::string& label, const std::string& data, const std::string& extra) {
  return fmt::format(R"({{"label":{},"data":{}{}{}}})", json_string(label), data,
                     extra.empty() ? "" : ",", extra);
}

std::string labels_json(const std::vector<std::string>& labels) {
  std::string out = "[";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += ',';
    out += json_string(labels[i]);
  }
  return out + "]";
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "," : "") + parts[i];
  return out;
}

int decimals_for(double largest) {
  if (largest >= 100) return 0;
  if (largest >= 10) return 1;
  return 2;
}

// A money axis for `values` in £: the scale's word in the title ("£ million").
MetricAxis money_axis(const std::vector<double>& values) {
  const MoneyScale scale = money_scale_for(values);
  MetricAxis axis;
  axis.divisor = scale.divisor;
  axis.unit_text = scale.word.empty() ? "£" : "£ " + std::string(scale.word);
  double largest = 0;
  for (const double v : values) {
    if (std::isfinite(v)) largest = std::max(largest, std::fabs(v) / scale.divisor);
  }
  axis.decimals = decimals_for(largest);
  return axis;
}

}  // namespace report_detail

using namespace report_detail;

std::string palette_colour(int index, double alpha) {
  const auto& c = kPalette[static_cast<std::size_t>(index) % kPalette.size()];
  if (alpha >= 1) return fmt::format("rgb({},{},{})", c[0], c[1], c[2]);
  return fmt::format("rgba({},{},{},{})", c[0], c[1], c[2], alpha);
}

std::string render_chart(const ChartSpec& chart) {
  const auto axis = [](const ChartAxis& a) {
    return fmt::format(R"({{"title":{},"numeric":{},"decimals":{}}})", json_string(a.title),
                       a.numeric ? "true" : "false", a.decimals);
  };
  const std::string spec = fmt::format(
      R"({{"type":{},"data":{},"options":{},"axes":{{"x":{},"y":{}}}{}}})", json_string(chart.type),
      chart.data, chart.options.empty() ? "{}" : chart.options, axis(chart.x), axis(chart.y),
      chart.meta.empty() ? "" : R"(,"meta":)" + chart.meta);
  return fmt::format(
      "<figure class=\"chart\">\n<figcaption class=\"chart-title\">{}</figcaption>\n"
      "<div class=\"canvas-box\" style=\"height:{}px\"><canvas id=\"canvas-{}\" "
      "data-chart=\"{}\" role=\"img\" aria-label=\"{}\"></canvas></div>\n"
      "<p class=\"caption\">{}</p>\n"
      "<script type=\"application/json\" id=\"spec-{}\">{}</script>\n</figure>\n",
      html_escape(chart.title), chart.height, html_escape(chart.id), html_escape(chart.id),
      html_escape(chart.title), html_escape(chart.caption), html_escape(chart.id), spec);
}

MetricAxis metric_axis(const std::string& unit, const std::vector<double>& values) {
  if (unit == "GBP") return money_axis(values);
  MetricAxis axis;
  if (unit == "0/1") {
    axis.unit_text = "%";
    axis.factor = 100;
    axis.decimals = 0;
    return axis;
  }
  axis.unit_text = unit.empty() ? "value" : unit;
  double largest = 0;
  for (const double v : values) {
    if (std::isfinite(v)) largest = std::max(largest, std::fabs(v));
  }
  axis.decimals = decimals_for(largest);
  return axis;
}

ChartSpec fan_chart(const std::string& id, const SummaryTable& metric, const std::string& option,
                    const std::vector<std::string>& years, const MetricAxis& axis, int colour,
                    double y_min, double y_max) {
  const double divisor = axis.divisor / axis.factor;
  const auto column = [&](std::string_view statistic) {
    std::vector<double> values;
    for (std::size_t row = 0; row < metric.rows(); ++row)
      values.push_back(metric.at(row, statistic));
    return json_numbers(values, divisor);
  };
  const std::string line = palette_colour(colour);
  const std::string no_point = R"("pointRadius":0,"borderWidth":0)";
  std::vector<std::string> sets = {
      // Each band is its upper edge filled down to its lower edge: the legend shows the
      // band by its range and leaves the lower edge out (report_html.cpp's legend labels).
      dataset("P90", column("p90"),
              fmt::format(R"({},"fill":"+1","backgroundColor":"{}","legendText":"P10 to P90")",
                          no_point, palette_colour(colour, 0.15))),
      dataset("P10", column("p10"), no_point + R"(,"legendHidden":true)"),
      dataset("P75", column("p75"),
              fmt::format(R"({},"fill":"+1","backgroundColor":"{}","legendText":"P25 to P75")",
                          no_point, palette_colour(colour, 0.3))),
      dataset("P25", column("p25"), no_point + R"(,"legendHidden":true)"),
      dataset("median", column("p50"),
              fmt::format(R"("borderColor":"{}","borderWidth":2,"pointRadius":2)", line)),
      dataset("mean", column("mean"),
              fmt::format(R"("borderColor":"{}","borderWidth":1,"borderDash":[2,3],)"
                          R"("pointRadius":0)",
                          line))};
  if (!metric.central.empty()) {
    sets.push_back(dataset("central case", json_numbers(metric.central, divisor),
                           R"("borderColor":"#000000","borderWidth":2,"borderDash":[6,4],)"
                           R"("pointRadius":0)"));
  }
  ChartSpec chart;
  chart.id = id;
  chart.type = "line";
  chart.data = fmt::format(R"({{"labels":{},"datasets":[{}]}})", labels_json(years), join(sets));
  chart.options = fmt::format(R"({{"scales":{{"y":{{"suggestedMin":{},"suggestedMax":{}}}}}}})",
                              json_number(y_min), json_number(y_max));
  chart.x = {"financial year", false, 0};
  chart.y = {metric.name + " (" + axis.unit_text + ")", true, axis.decimals};
  chart.title = option;
  chart.caption =
      "Shaded: P10 to P90 (light) and P25 to P75 (dark) of the iterations; solid: "
      "median; dotted: mean; dashed black: the central case.";
  return chart;
}

ChartSpec npv_s_curve(const std::string& id, const ReportData& data) {
  std::vector<double> all;
  for (const auto& npv : data.npv) all.insert(all.end(), npv.begin(), npv.end());
  const MetricAxis axis = money_axis(all);
  std::vector<std::string> sets;
  for (std::size_t o = 0; o < data.npv.size(); ++o) {
    std::vector<double> sorted;
    for (const double v : data.npv[o]) {
      if (!std::isnan(v)) sorted.push_back(v);
    }
    if (sorted.empty()) continue;
    std::sort(sorted.begin(), sorted.end());
    std::string points = "[";
    for (int q = 0; q <= 100; ++q) {
      points += fmt::format(R"({}{{"x":{},"y":{}}})", q ? "," : "",
                            json_number(percentile_of_sorted(sorted, q), axis.divisor), q);
    }
    points += "]";
    sets.push_back(dataset(
        data.summary.options[o].name, points,
        fmt::format(R"("showLine":true,"pointRadius":0,"borderWidth":2,)"
                    R"("borderColor":"{}","backgroundColor":"{}")",
                    palette_colour(static_cast<int>(o)), palette_colour(static_cast<int>(o)))));
  }
  ChartSpec chart;
  chart.id = id;
  chart.type = "scatter";
  chart.data = fmt::format(R"({{"datasets":[{}]}})", join(sets));
  chart.options = R"({"scales":{"y":{"min":0,"max":100}}})";
  chart.x = {"net present value (" + axis.unit_text + ")", true, axis.decimals};
  chart.y = {"share of iterations with a lower NPV (%)", true, 0};
  chart.title = "Cumulative distribution of the NPV (S-curve)";
  chart.caption =
      "Read across from a probability to the NPV: the curve at 10% is the P10, at "
      "50% the median. A curve further right is better.";
  chart.height = 320;
  return chart;
}

ChartSpec paired_difference_chart(const std::string& id, const ReportData& data) {
  const ComparisonSummary& c = *data.summary.comparison;
  std::vector<std::string> names;
  std::vector<double> all;
  std::vector<std::array<double, 5>> rows;  // p10, p25, p75, p90, mean
  for (const auto& difference : c.differences) {
    const SummaryTable* npv = difference.find("npv");
    if (npv == nullptr) continue;
    names.push_back(difference.name);
    rows.push_back({npv->at(0, "p10"), npv->at(0, "p25"), npv->at(0, "p75"), npv->at(0, "p90"),
                    npv->at(0, "mean")});
    all.insert(all.end(), rows.back().begin(), rows.back().end());
  }
  const MetricAxis axis = money_axis(all);
  const auto bars = [&](std::size_t low, std::size_t high) {
    std::string out = "[";
    for (std::size_t k = 0; k < rows.size(); ++k) {
      out += fmt::format("{}[{},{}]", k ? "," : "", json_number(rows[k][low], axis.divisor),
                         json_number(rows[k][high], axis.divisor));
    }
    return out + "]";
  };
  std::vector<double> means;
  for (const auto& row : rows) means.push_back(row[4]);
  ChartSpec chart;
  chart.id = id;
  chart.type = "bar";
  chart.data = fmt::format(
      R"({{"labels":{},"datasets":[{},{},{}]}})", labels_json(names),
      dataset("P10 to P90", bars(0, 3),
              fmt::format(R"("backgroundColor":"{}","grouped":false)", palette_colour(0, 0.3))),
      dataset("P25 to P75", bars(1, 2),
              fmt::format(R"("backgroundColor":"{}","grouped":false)", palette_colour(0, 0.7))),
      dataset("mean", json_numbers(means, axis.divisor),
              R"("type":"scatter","backgroundColor":"#000000","pointRadius":4)"));
  chart.options = R"({"indexAxis":"y"})";
  chart.x = {"NPV of the option less the baseline's, same iteration (" + axis.unit_text + ")", true,
             axis.decimals};
  chart.y = {"option", false, 0};
  chart.title = "Paired difference in NPV from the baseline (" + c.baseline + ")";
  chart.caption =
      "Each iteration runs every option on the same draws, so the difference is "
      "measured within an iteration. Bars right of zero: the option adds value.";
  chart.height = 80 + 50 * static_cast<int>(names.size());
  return chart;
}

ChartSpec correlation_chart(const std::string& id, const NpvCorrelations& correlations,
                            std::size_t rows) {
  std::vector<std::size_t> order(correlations.rho.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const auto size = [&](std::size_t k) {
    return std::isnan(correlations.rho[k]) ? -1.0 : std::fabs(correlations.rho[k]);
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return size(a) > size(b); });
  order.resize(std::min(rows, order.size()));
  std::vector<std::string> names;
  std::vector<double> rho;
  for (const std::size_t k : order) {
    names.push_back(correlations.parameters[k]);
    rho.push_back(correlations.rho[k]);
  }
  ChartSpec chart;
  chart.id = id;
  chart.type = "bar";
  chart.data = fmt::format(R"({{"labels":{},"datasets":[{}]}})", labels_json(names),
                           dataset("Spearman rho with the NPV", json_numbers(rho),
                                   fmt::format(R"("backgroundColor":"{}")", palette_colour(0))));
  chart.options = R"({"indexAxis":"y","scales":{"x":{"min":-1,"max":1}}})";
  chart.x = {"Spearman rank correlation with the NPV (-1 to 1)", true, 1};
  chart.y = {"parameter", false, 0};
  chart.title = "What drives the NPV: " + correlations.option;
  chart.caption =
      "Rank correlation of each uncertain parameter with the NPV over the run's "
      "iterations; near +1 or -1 the NPV rises or falls steadily with it.";
  chart.height = 80 + 32 * static_cast<int>(names.size());  // a bar's label may take two lines
  return chart;
}

}  // namespace pcsim::output
