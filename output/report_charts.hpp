#pragma once
// The charts of the HTML report, as Chart.js configurations (JSON) beside a <canvas>.
// Every axis has a title with its unit; money axes are scaled (£ thousand / million /
// billion) and probabilities shown in %.
#include <string>
#include <vector>

#include "output/report_data.hpp"

namespace pcsim::output {

struct ChartAxis {
  std::string title;    // with the unit, e.g. "net cost (£ million)"
  bool numeric = true;  // false for a category axis (years, options, parameters)
  int decimals = 0;     // of the tick labels
};

struct ChartSpec {
  std::string id;       // unique in the document
  std::string type;     // Chart.js type: "line", "bar", "scatter"
  std::string data;     // Chart.js `data` (JSON)
  std::string options;  // further Chart.js options (a JSON object), merged by the page
  ChartAxis x, y;
  std::string title;    // above the chart
  std::string caption;  // below it
  int height = 260;     // pixels
};

// <figure> with the title, the canvas, the caption, and the JSON in a <script> element.
std::string render_chart(const ChartSpec& chart);

// How one metric is shown on an axis: divisor and title.
struct MetricAxis {
  double divisor = 1;
  std::string unit_text;  // "£ million", "%", "appointments"
  int decimals = 0;
  double factor = 1;  // 100 for a 0/1 indicator shown in %
};
// From every value the charts of `unit` will show.
MetricAxis metric_axis(const std::string& unit, const std::vector<double>& values);

// Fan chart of one metric of one option: P10-P90 and P25-P75 bands, the median, the mean
// and the central case, per year. `y_min`/`y_max` (in shown units) keep the options of one
// metric on one scale.
ChartSpec fan_chart(const std::string& id, const SummaryTable& metric, const std::string& option,
                    const std::vector<std::string>& years, const MetricAxis& axis, int colour,
                    double y_min, double y_max);

// Cumulative distribution (S-curve) of the NPV, one line per option with an NPV.
ChartSpec npv_s_curve(const std::string& id, const ReportData& data);

// Paired NPV difference of each option from the baseline: P10-P90 and P25-P75 bars.
ChartSpec paired_difference_chart(const std::string& id, const ReportData& data);

// Spearman correlations of the parameters with the NPV (at most `rows`, largest first).
ChartSpec correlation_chart(const std::string& id, const NpvCorrelations& correlations,
                            std::size_t rows);

// Tornado of the NPV (each parameter alone at its P10 and P90) and the Sobol indices of the
// NPV (first-order and total), at most `rows` parameters each.
ChartSpec tornado_chart(const std::string& id, const SensitivityResults& r, std::size_t rows);
ChartSpec sobol_chart(const std::string& id, const SensitivityResults& r, std::size_t rows);

// A colour of the report's palette (NHS identity colours), solid or with alpha.
std::string palette_colour(int index, double alpha = 1);

}  // namespace pcsim::output
