#pragma once
// `pcsim report`: one self-contained HTML file (docs/cli.md) that opens offline — Chart.js
// inlined, no other third-party code, no network — from a results file or a sensitivity
// file alone.
#include <cstdint>
#include <filesystem>
#include <string>

#include "output/report_data.hpp"

namespace pcsim::output {

// Where Debian's libjs-chart.js puts the one-file build of Chart.js.
inline constexpr const char* kDefaultChartJs = "/usr/share/javascript/chart.js/chart.min.js";
// The largest Chart.js file read (Debian's chart.js is 0.55 MB, chart.min.js 0.2 MB).
inline constexpr std::uintmax_t kMaxChartJsBytes = std::uintmax_t{16} << 20;

// The text of Chart.js: from `path` when given, else $PCSIM_CHARTJS when set, else
// kDefaultChartJs: a regular, non-empty file of at most kMaxChartJsBytes. Throws
// OutputError naming the path tried, what it is instead and how to install it.
std::string load_chartjs(const std::filesystem::path& path = {});

// The whole document. `chartjs` is inlined as it is.
std::string render_report(const ReportData& data, const std::string& chartjs);

}  // namespace pcsim::output
