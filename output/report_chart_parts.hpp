#pragma once
// Pieces shared by the chart builders of report_charts.cpp and report_sensitivity_charts.cpp.
#include <string>
#include <vector>

#include "output/report_charts.hpp"

namespace pcsim::output::report_detail {

// {"label":..., "data":..., <extra>} of a Chart.js dataset.
std::string dataset(const std::string& label, const std::string& data, const std::string& extra);
// A JSON array of strings.
std::string labels_json(const std::vector<std::string>& labels);
// Items joined with commas.
std::string join(const std::vector<std::string>& parts);
// A money axis for amounts in £ (scaled, "£ million" in the title).
MetricAxis money_axis(const std::vector<double>& values);

}  // namespace pcsim::output::report_detail
