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

// Where the report's Chart.js comes from: `given` (--chartjs) when not empty, else
// $PCSIM_CHARTJS when set, else kDefaultChartJs; `named_by` says which ("--chartjs",
// "PCSIM_CHARTJS", "the default"), so a command can refuse to write over it.
struct ChartJsSource {
  std::filesystem::path path;
  std::string named_by;
};
ChartJsSource chartjs_source(const std::filesystem::path& given = {});

// The text of Chart.js from chartjs_source(path): a regular, non-empty file of at most
// kMaxChartJsBytes holding Chart.js's browser build (a script with its "Chart.js" banner
// that defines the global Chart: not an ES module, not a binary or unrelated file, which
// would give a report without charts). Throws OutputError naming the path tried, what it
// is instead and how to install it.
std::string load_chartjs(const std::filesystem::path& path = {});

// The whole document. `chartjs` is inlined as it is.
std::string render_report(const ReportData& data, const std::string& chartjs);

}  // namespace pcsim::output
