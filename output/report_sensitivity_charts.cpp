// The tornado and Sobol charts (report_charts.hpp): of a sensitivity file, and the Sobol
// indices of a run made with --sobol.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "output/html_text.hpp"
#include "output/report_chart_parts.hpp"
#include "output/report_charts.hpp"

namespace pcsim::output {

using namespace report_detail;

namespace {

const SensitivityOutput* npv_output(const SensitivityResults& r) {
  for (const auto& out : r.outputs) {
    if (out.name == "npv") return &out;
  }
  return nullptr;
}

}  // namespace

ChartSpec tornado_chart(const std::string& id, const SensitivityResults& r, std::size_t rows) {
  const SensitivityOutput* npv = npv_output(r);
  ChartSpec chart;
  chart.id = id;
  chart.type = "bar";
  if (npv == nullptr || npv->central.empty()) return chart;
  const double central = npv->central.front();
  const std::size_t shown = std::min(rows, r.tornado_order.size());
  std::vector<std::string> names;
  std::vector<double> lows, highs, all = {central};
  for (std::size_t row = 0; row < shown; ++row) {
    const std::size_t k = r.tornado_order[row];  // largest swing first
    names.push_back(r.parameters[k]);
    lows.push_back(npv->tornado[k * 3 + 0]);
    highs.push_back(npv->tornado[k * 3 + 1]);
    all.push_back(lows.back());
    all.push_back(highs.back());
  }
  const MetricAxis axis = money_axis(all);
  const auto bars = [&](const std::vector<double>& ends) {
    std::string out = "[";
    for (std::size_t k = 0; k < ends.size(); ++k) {
      out += fmt::format("{}[{},{}]", k ? "," : "", json_number(central, axis.divisor),
                         json_number(ends[k], axis.divisor));
    }
    return out + "]";
  };
  chart.data = fmt::format(
      R"({{"labels":{},"datasets":[{},{}]}})", labels_json(names),
      dataset("parameter at its P10", bars(lows),
              fmt::format(R"("backgroundColor":"{}","grouped":false)", palette_colour(1, 0.75))),
      dataset("parameter at its P90", bars(highs),
              fmt::format(R"("backgroundColor":"{}","grouped":false)", palette_colour(0, 0.75))));
  chart.options = R"({"indexAxis":"y"})";
  chart.x = {"NPV (" + axis.unit_text + ")", true, axis.decimals};
  chart.y = {"parameter", false, 0};
  chart.title = "Tornado of the NPV: " + r.option;
  chart.caption =
      "Each bar runs from the central case's NPV to the NPV with that parameter "
      "alone at its 10th (red) or 90th (blue) percentile, every other parameter "
      "central and events at expectation; largest swing first.";
  chart.height = 80 + 32 * static_cast<int>(names.size());  // a bar's label may take two lines
  return chart;
}

SobolBars sobol_bars(const SensitivityResults& r) {
  SobolBars bars;
  bars.option = r.option;
  bars.output = "npv";
  bars.column = "horizon";
  bars.parameters = r.parameters;
  bars.rows = r.sobol_rows;
  bars.bootstrap = r.bootstrap;
  if (const SensitivityOutput* npv = npv_output(r)) bars.indices = npv->sobol;
  return bars;
}

SobolBars sobol_bars(const RunSobol& run, const OptionSobol& option,
                     const std::vector<std::string>& years,
                     const std::vector<std::string>& preferred) {
  SobolBars bars;
  bars.option = option.option;
  bars.parameters = option.parameters;
  bars.rows = run.rows;
  bars.bootstrap = run.bootstrap;
  const SobolByYearTable* table = nullptr;
  for (const auto& name : preferred) {
    for (const auto& t : option.outputs) table = table == nullptr && t.name == name ? &t : table;
  }
  if (table == nullptr && !option.outputs.empty()) table = &option.outputs.front();
  if (table == nullptr || table->columns == 0) return bars;
  const std::size_t last = table->columns - 1;
  bars.output = table->name;
  bars.column = !table->per_year ? "horizon" : last < years.size() ? years[last] : "last year";
  const std::size_t width = kSobolColumns.size();
  for (std::size_t p = 0; p < option.parameters.size(); ++p) {
    const auto from =
        table->indices.begin() + static_cast<std::ptrdiff_t>((p * table->columns + last) * width);
    bars.indices.insert(bars.indices.end(), from, from + static_cast<std::ptrdiff_t>(width));
  }
  return bars;
}

ChartSpec sobol_chart(const std::string& id, const SobolBars& bars, std::size_t rows) {
  ChartSpec chart;
  chart.id = id;
  chart.type = "bar";
  const std::size_t width = kSobolColumns.size();
  if (bars.indices.size() != bars.parameters.size() * width || bars.indices.empty()) return chart;
  const auto index = [&](std::size_t k, std::size_t column) {
    return bars.indices[k * width + column];
  };
  const auto total = [&](std::size_t k) {
    const double st = index(k, 3);
    return std::isnan(st) ? -1.0 : st;
  };
  std::vector<std::size_t> order(bars.parameters.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return total(a) > total(b); });
  order.resize(std::min(rows, order.size()));
  std::vector<std::string> names;
  std::vector<double> first, totals;
  for (const std::size_t k : order) {
    names.push_back(bars.parameters[k]);
    first.push_back(index(k, 0));
    totals.push_back(index(k, 3));
  }
  // The bootstrap intervals, [lo, hi] per bar (null when not computed), drawn as whiskers
  // by the page's "intervals" plugin; the axis is widened to hold them.
  double low = 0, high = 0;
  const auto intervals = [&](std::size_t lo) {
    std::string out = "[";
    for (std::size_t r = 0; r < order.size(); ++r) {
      const double a = index(order[r], lo), b = index(order[r], lo + 1);
      out += r ? "," : "";
      if (std::isfinite(a) && std::isfinite(b)) {
        out += fmt::format("[{},{}]", json_number(a), json_number(b));
        low = std::min({low, a, b});
        high = std::max({high, a, b});
      } else {
        out += "null";
      }
    }
    return out + "]";
  };
  const std::string s1_intervals = intervals(1), st_intervals = intervals(4);
  for (const auto* values : {&first, &totals}) {
    for (const double v : *values) {
      if (std::isfinite(v)) low = std::min(low, v), high = std::max(high, v);
    }
  }
  chart.data = fmt::format(R"({{"labels":{},"datasets":[{},{}]}})", labels_json(names),
                           dataset("first-order S1", json_numbers(first),
                                   fmt::format(R"("backgroundColor":"{}","intervals":{})",
                                               palette_colour(0), s1_intervals)),
                           dataset("total ST", json_numbers(totals),
                                   fmt::format(R"("backgroundColor":"{}","intervals":{})",
                                               palette_colour(5), st_intervals)));
  const bool scalar = bars.column == "horizon";
  const std::string what = bars.output + (scalar ? "" : " in " + bars.column);
  chart.options =
      fmt::format(R"({{"indexAxis":"y","scales":{{"x":{{"suggestedMin":{},"suggestedMax":{}}}}}}})",
                  json_number(low), json_number(std::max(high, 1e-9)));
  chart.x = {"share of the variance of " + what + " (0 to 1)", true, 2};
  chart.y = {"parameter", false, 0};
  chart.title = "Sobol indices of " + what + ": " + bars.option;
  chart.caption = fmt::format(
      "S1: the share of the variance of {} due to the parameter alone; ST: including its "
      "interactions. From a Saltelli design of {} rows, events at expectation (parameter "
      "uncertainty only). {}",
      what, bars.rows,
      bars.bootstrap > 0
          ? fmt::format("Whiskers: 95% bootstrap intervals ({} resamples); an estimate "
                        "below 0 is noise around 0.",
                        bars.bootstrap)
          : std::string("No bootstrap intervals (run with --bootstrap above 0)."));
  chart.meta =
      fmt::format(R"({{"kind":"sobol","option":{},"output":{},"column":{}}})",
                  json_string(bars.option), json_string(bars.output), json_string(bars.column));
  chart.height = 80 + 34 * static_cast<int>(names.size());
  return chart;
}

}  // namespace pcsim::output
