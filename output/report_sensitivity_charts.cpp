// The tornado and Sobol charts of a sensitivity file (report_charts.hpp).
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
  chart.height = 80 + 26 * static_cast<int>(names.size());
  return chart;
}

ChartSpec sobol_chart(const std::string& id, const SensitivityResults& r, std::size_t rows) {
  const SensitivityOutput* npv = npv_output(r);
  ChartSpec chart;
  chart.id = id;
  chart.type = "bar";
  if (npv == nullptr || npv->sobol.empty()) return chart;
  const std::size_t p = r.parameters.size();
  const auto total = [&](std::size_t k) {
    const double st = npv->sobol[k * kSobolColumns.size() + 3];
    return std::isnan(st) ? -1.0 : st;
  };
  std::vector<std::size_t> order(p);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return total(a) > total(b); });
  order.resize(std::min(rows, p));
  std::vector<std::string> names;
  std::vector<double> first, totals;
  for (const std::size_t k : order) {
    names.push_back(r.parameters[k]);
    first.push_back(npv->sobol[k * kSobolColumns.size() + 0]);
    totals.push_back(npv->sobol[k * kSobolColumns.size() + 3]);
  }
  chart.data = fmt::format(R"({{"labels":{},"datasets":[{},{}]}})", labels_json(names),
                           dataset("first-order S1", json_numbers(first),
                                   fmt::format(R"("backgroundColor":"{}")", palette_colour(0))),
                           dataset("total ST", json_numbers(totals),
                                   fmt::format(R"("backgroundColor":"{}")", palette_colour(5))));
  chart.options = R"({"indexAxis":"y"})";
  chart.x = {"share of the NPV's variance (0 to 1)", true, 2};
  chart.y = {"parameter", false, 0};
  chart.title = "Sobol indices of the NPV: " + r.option;
  chart.caption = fmt::format(
      "S1: the share of the NPV's variance due to the parameter alone; ST: including its "
      "interactions. From a Saltelli design of {} rows, events at expectation (parameter "
      "uncertainty only).",
      r.sobol_rows);
  chart.height = 80 + 30 * static_cast<int>(names.size());
  return chart;
}

}  // namespace pcsim::output
