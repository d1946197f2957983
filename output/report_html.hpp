#pragma once
// `pcsim report`: one self-contained HTML file (docs/cli.md) that opens offline — Chart.js
// inlined, no other third-party code, no network — from a results file or a sensitivity
// file alone.
#include <filesystem>
#include <string>

#include "output/report_data.hpp"

namespace pcsim::output {

// Where Debian's libjs-chart.js puts the one-file build of Chart.js.
inline constexpr const char* kDefaultChartJs = "/usr/share/javascript/chart.js/chart.min.js";

// The text of Chart.js: from `path` when given, else $PCSIM_CHARTJS when set, else
// kDefaultChartJs. Throws OutputError naming the path tried and how to install it.
std::string load_chartjs(const std::filesystem::path& path = {});

// The whole document. `chartjs` is inlined as it is.
std::string render_report(const ReportData& data, const std::string& chartjs);

}  // namespace pcsim::output
