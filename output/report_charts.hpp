#pragma once
// The charts of the HTML report, as Chart.js configurations (JSON) beside a <canvas>.
// Every axis has a title with its unit; money axes are scaled (£ thousand / million /
// billion) and probabilities shown in %.
#include <cstdint>
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
  // What the chart shows, for a reader of the page's JSON (a JSON object; "" for none): the
  // page ignores it, tests use it to find the stored values a chart must equal.
  std::string meta;
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

// Tornado of the NPV (each parameter alone at its P10 and P90), at most `rows` parameters.
ChartSpec tornado_chart(const std::string& id, const SensitivityResults& r, std::size_t rows);

// The Sobol indices of one output of one option, in one column (a year, or the horizon of
// a scalar): from a sensitivity file or from a run's sobol_by_year.
struct SobolBars {
  std::string option;
  std::string output;  // "npv", "appointments_gap", ...
  std::string column;  // "horizon" for a scalar, else the year label
  std::vector<std::string> parameters;
  std::vector<double> indices;  // [parameters x 6] in kSobolColumns order; empty: none
  std::int64_t rows = 0;        // N of the Saltelli design
  std::int64_t bootstrap = 0;   // resamples behind the intervals; 0: no intervals
};
// A sensitivity file's indices of the NPV (empty `indices` without them).
SobolBars sobol_bars(const SensitivityResults& r);
// A run's (`pcsim run --sobol`): the last column of the first output of `preferred` that
// `option` holds, else of its first output; empty `indices` when it holds none.
SobolBars sobol_bars(const RunSobol& run, const OptionSobol& option,
                     const std::vector<std::string>& years,
                     const std::vector<std::string>& preferred);
// First-order and total indices with their bootstrap intervals, at most `rows` parameters,
// largest total first.
ChartSpec sobol_chart(const std::string& id, const SobolBars& bars, std::size_t rows);

// The change by driver of one output of one option in its last column (docs/model.md,
// "Change by driver"): a waterfall from the start (every driver off) through each driver's
// Shapley value to the end (the option as run). Drivers whose part is exactly 0 are left
// out. `base_year` labels the start ("" when unknown).
ChartSpec driver_waterfall_chart(const std::string& id, const DriverResults& drivers,
                                 const std::string& option, const DriverTable& table,
                                 const std::vector<std::string>& years,
                                 const std::string& base_year);

// A colour of the report's palette (NHS identity colours), solid or with alpha.
std::string palette_colour(int index, double alpha = 1);

}  // namespace pcsim::output
