// The HTML report of the hand-checkable sample run (sample_results.hpp): the headline
// figures carry the values worked out by hand, text from the file is escaped, and the page
// is self-contained. (tests/cli/report.sh loads real reports in Chromium.)
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <regex>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "output/html_text.hpp"
#include "output/report_data.hpp"
#include "output/report_html.hpp"
#include "output/results_writer.hpp"
#include "sample_results.hpp"

namespace pcsim::output {
namespace {

using namespace testing;

// The data-value of the figure `key`, or NaN when the page has none.
double figure(const std::string& page, const std::string& key) {
  const std::regex pattern("data-figure=\"" + key + "\" data-value=\"([^\"]*)\"");
  std::smatch match;
  if (!std::regex_search(page, match, pattern)) return kNaN;
  return std::stod(match[1]);
}

class ReportHtml : public ::testing::Test {
 protected:
  void SetUp() override {
    RunResults results = sample_results();
    results.options[1].parameters[0].rationale = "Green Book </script><b>rate</b>";
    set_central_case(results, {1500, 4});
    path_ = dir_.path() / "results.h5";
    write_results(path_, false, results, sample_provenance());
    page_ = render_report(read_report_data(path_), "/* chart.js </script> stand-in */");
  }
  TempDir dir_;
  std::filesystem::path path_;
  std::string page_;
};

// Fact: the NPV of "invest" is -1000, 0, 1000, 2000, 3000: mean 1000, P10 -600 (type 7,
// h = 0.4), P90 2600; the central case 1500 is shown beside the mean; payback (NaN, NaN, 3,
// 4, 5) happens in 3 of 5 iterations, median year 4 of those; overspend in the last year
// is 1 in every iteration: not overspent in 0% of futures.
TEST_F(ReportHtml, HeadlineFiguresByHand) {
  EXPECT_DOUBLE_EQ(figure(page_, "npv_mean:invest"), 1000);
  EXPECT_DOUBLE_EQ(figure(page_, "npv_central:invest"), 1500);
  EXPECT_DOUBLE_EQ(figure(page_, "npv_p10:invest"), -600);
  EXPECT_DOUBLE_EQ(figure(page_, "npv_p90:invest"), 2600);
  EXPECT_DOUBLE_EQ(figure(page_, "p_payback:invest"), 0.6);
  EXPECT_DOUBLE_EQ(figure(page_, "payback_median:invest"), 4);
  EXPECT_DOUBLE_EQ(figure(page_, "p_not_overspent:invest:2019/20"), 0);
  EXPECT_NE(page_.find(">\u2212£600</span>"), std::string::npos);  // a true minus sign
  EXPECT_NE(page_.find(">year 4</span>"), std::string::npos);      // beyond the 3 labelled years
}

// Fact: text from the file is escaped wherever it appears, and nothing, not even the
// library's own text, can close a <script> element early: the page holds exactly the
// report's own closing tags.
TEST_F(ReportHtml, TextFromTheFileIsEscaped) {
  EXPECT_EQ(page_.find("<b>rate</b>"), std::string::npos);
  EXPECT_NE(page_.find("Green Book &lt;/script&gt;&lt;b&gt;rate&lt;/b&gt;"), std::string::npos);
  std::size_t opened = 0, closed = 0;
  for (std::size_t at = 0; (at = page_.find("<script", at)) != std::string::npos; ++at) ++opened;
  for (std::size_t at = 0; (at = page_.find("</script", at)) != std::string::npos; ++at) ++closed;
  EXPECT_EQ(opened, closed);
  EXPECT_NE(page_.find("<\\/script> stand-in"), std::string::npos);
}

// Fact: nothing is loaded from outside the page.
TEST_F(ReportHtml, SelfContained) {
  EXPECT_EQ(page_.find("<script src"), std::string::npos);
  EXPECT_EQ(page_.find("<link"), std::string::npos);
  EXPECT_EQ(page_.find("http://"), std::string::npos);
  EXPECT_NE(page_.find("<canvas"), std::string::npos);
}

// Fact: the page is titled by the scenario's name (escaped: "&" is "&amp;"), its file beside
// it; the price basis comes first in the headline, with the run's rates (2%, and 3.5% from
// five equal draws) and the option's own 3%; the base year's figures are figures with their
// exact values; the assumptions show rates as percentages: the list growth's five draws
// 0.01, 0.012, 0.009, 0.015, 0.011 have mean 0.0114 (1.14%), P10 0.0094 (type 7, h = 0.4:
// 0.009 + 0.4 x 0.001) and P90 0.0138 (h = 3.6: 0.012 + 0.6 x 0.003).
TEST(ReportHtmlScenario, NameBaseYearPricesAndAssumptions) {
  TempDir dir;
  Provenance provenance = sample_provenance();
  provenance.extra = base_year_attributes();
  write_results(dir.path() / "r.h5", false, priced_results(), provenance);
  const std::string page = render_report(read_report_data(dir.path() / "r.h5"), "");
  EXPECT_NE(page.find("<title>pcsim report: Example area 2016/17: delegate &amp; invest "
                      "(scenarios/example.toml)</title>"),
            std::string::npos);
  EXPECT_NE(page.find("<h1>Example area 2016/17: delegate &amp; invest</h1>"), std::string::npos);
  EXPECT_NE(page.find("scenario file <code>scenarios/example.toml</code>"), std::string::npos);
  const std::size_t prices = page.find(
      "<p class=\"prices\">£ by year: cash terms, year-0 prices inflated at 2% a year; NPV: "
      "year-0 prices, discounted at 3.5% a year (real). Option &#39;invest&#39; sets its own: "
      "year-0 prices inflated at 3% a year; NPV discounted at 3.5% a year (real).</p>");
  ASSERT_NE(prices, std::string::npos) << page.substr(page.find("id=\"headline\""), 800);
  EXPECT_LT(prices, page.find("<div class=\"headline\">"));
  EXPECT_NE(page.find("Base year 2016/17 (year 0; the projection starts in 2017/18)"),
            std::string::npos);
  EXPECT_DOUBLE_EQ(figure(page, "base_year_practices"), 85);
  EXPECT_DOUBLE_EQ(figure(page, "base_year_registered_patients"), 620761);
  EXPECT_DOUBLE_EQ(figure(page, "base_year_weighted_patients"), 654321.6);
  EXPECT_DOUBLE_EQ(figure(page, "base_year_core_funding"), 48281234.57);
  EXPECT_NE(page.find("data-value=\"654321.6\">654,322</span>"), std::string::npos);
  EXPECT_NE(page.find("data-value=\"48281234.57\">£48,281,235</span>"), std::string::npos);
  EXPECT_NE(page.find("<td>mean 1.14% (P10 0.94%, P90 1.38%)</td>"), std::string::npos);
  EXPECT_NE(page.find("<td>3.5%</td>"), std::string::npos);  // finance.discount_rate, fixed
  EXPECT_EQ(page.find("0.035</td>"), std::string::npos);
}

// Fact: a missing Chart.js is an OutputError that says what to install.
TEST(ReportChartJs, MissingLibraryNamesThePackage) {
  try {
    load_chartjs("/nonexistent/chart.min.js");
    ADD_FAILURE() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("libjs-chart.js"), std::string::npos) << e.what();
  }
}

// Fact: only a regular, non-empty file of at most 16 MiB is read as Chart.js, each other
// kind refused at once saying what it is (the audit: --chartjs /dev/zero read for ever):
// a character device, a directory, a FIFO (without waiting for a writer), an empty file, a
// sparse file of 16 MiB + 1 byte. A file of some text is read whole.
TEST(ReportChartJs, OnlyABoundedRegularFileIsRead) {
  const auto refusal = [](const std::filesystem::path& path) {
    try {
      load_chartjs(path);
    } catch (const OutputError& e) {
      return std::string(e.what());
    }
    return std::string("read");
  };
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("pcsim-chartjs-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  EXPECT_NE(refusal("/dev/zero").find("'/dev/zero': a character device"), std::string::npos);
  EXPECT_NE(refusal(folder).find(": a directory"), std::string::npos);
  ASSERT_EQ(::mkfifo((folder / "fifo").c_str(), 0600), 0);
  EXPECT_NE(refusal(folder / "fifo").find(": a FIFO"), std::string::npos);
  { std::ofstream empty(folder / "empty.js"); }
  EXPECT_NE(refusal(folder / "empty.js").find(": an empty file"), std::string::npos);
  { std::ofstream big(folder / "big.js"); }
  std::filesystem::resize_file(folder / "big.js", kMaxChartJsBytes + 1);  // sparse
  EXPECT_NE(refusal(folder / "big.js").find(": a file of 16777217 bytes"), std::string::npos);
  // Chart.js's browser build in small: its banner and the wrapper that defines the global.
  const std::string umd =
      "/*!\n * Chart.js v3.9.1\n */\n!function(t,e){\"object\"==typeof exports?module.exports="
      "e():t.Chart=e()}(this,function(){return 1});";
  std::ofstream(folder / "chart.js") << umd;
  EXPECT_EQ(load_chartjs(folder / "chart.js"), umd);
  std::filesystem::remove_all(folder);
}

// Fact: a file that is not Chart.js's browser build is refused, saying what it is (the
// audit: --chartjs /etc/passwd or Debian's chart.esm.js wrote a report without charts,
// exit 0): an ES module, a script without the banner, a banner without the global's
// wrapper, a binary file.
TEST(ReportChartJs, OnlyTheBrowserBuildIsInlined) {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("pcsim-chartjs-kind-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const auto refusal = [&](const std::string& name, const std::string& text) {
    std::ofstream(folder / name, std::ios::binary) << text;
    try {
      load_chartjs(folder / name);
    } catch (const OutputError& e) {
      return std::string(e.what());
    }
    return std::string("read");
  };
  const std::string banner = "/*!\n * Chart.js v3.9.1\n */\n";
  EXPECT_NE(refusal("esm.js", banner + "import { r as a } from './chunks/helpers.js';\nvar x;")
                .find("an ES module build"),
            std::string::npos);
  EXPECT_NE(refusal("exports.js", banner + "var Chart;\nexport { Chart };").find("ES module"),
            std::string::npos);
  EXPECT_NE(refusal("passwd", "root:x:0:0:root:/root:/bin/bash\n").find("not Chart.js"),
            std::string::npos);
  EXPECT_NE(refusal("plain.js", banner + "var Chart = 1;").find("not the browser build"),
            std::string::npos);
  EXPECT_NE(
      refusal("binary.js", banner + std::string(1, '\0') + "typeof exports").find("a binary file"),
      std::string::npos);
  // Debian's own files, where installed: the browser builds read, the ES modules refused.
  const std::filesystem::path debian = "/usr/share/javascript/chart.js";
  if (std::filesystem::exists(debian / "chart.min.js")) {
    EXPECT_NO_THROW(load_chartjs(debian / "chart.min.js"));
    EXPECT_NO_THROW(load_chartjs(debian / "chart.js"));
    EXPECT_THROW(load_chartjs(debian / "chart.esm.js"), OutputError);
  }
  std::filesystem::remove_all(folder);
}

// Fact: JSON strings escape quotes, backslashes, control characters and the characters
// that could end a <script> element; non-finite numbers are null.
TEST(ReportJson, Escaping) {
  EXPECT_EQ(json_string("a\"b\\c\n</script>"), "\"a\\\"b\\\\c\\n\\u003c/script\\u003e\"");
  EXPECT_EQ(json_number(kNaN), "null");
  EXPECT_EQ(json_number(2.5e6, 1e6), "2.5");
  EXPECT_EQ(html_escape("<a href='x'>&</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
}

// Fact: a name or path may wrap after each '.', '_' and '/' (a <wbr> there, escaped text
// otherwise), so a table of them fits an A4 page; entities are not split.
TEST(ReportHtmlText, BreakableNamesWrapAfterTheirSeparators) {
  EXPECT_EQ(html_escape_breakable("funding.quality_standards"),
            "funding.<wbr>quality_<wbr>standards");
  EXPECT_EQ(html_escape_breakable("data/a&b.csv"), "data/<wbr>a&amp;b.<wbr>csv");
  EXPECT_EQ(html_escape_breakable("plain"), "plain");
  EXPECT_EQ(html_escape_breakable(""), "");
}

// Fact: in the Assumptions table a parameter's name wraps at its separators and its
// distribution and rationale may wrap anywhere (td.wrap), so the table can fit the printed
// page (tests/cli/check_report.py lays real reports out at A4's width, print rules on, and
// finds nothing past the page).
TEST(ReportHtmlScenario, AssumptionsFitThePrintedPage) {
  TempDir dir;
  write_results(dir.path() / "r.h5", false, priced_results(), sample_provenance());
  const std::string page = render_report(read_report_data(dir.path() / "r.h5"), "");
  EXPECT_NE(page.find("<td><code>finance.<wbr>discount_<wbr>rate</code></td>"), std::string::npos);
  const std::size_t table = page.find("<table class=\"data assumptions\">");
  ASSERT_NE(table, std::string::npos);
  const std::string assumptions = page.substr(table, page.find("</table>", table) - table);
  // Every row but the heading's holds two wrapping cells: its distribution and rationale.
  const auto count = [&](const std::string& what) {
    std::ptrdiff_t n = 0;
    for (std::size_t at = assumptions.find(what); at != std::string::npos;
         at = assumptions.find(what, at + 1))
      ++n;
    return n;
  };
  const std::ptrdiff_t rows = count("<tr>") - 1;
  ASSERT_GT(rows, 0);
  EXPECT_EQ(count("<td class=\"wrap\">"), 2 * rows);
}

// A table that runs over printed pages repeats its headings at the top of each (a browser
// does so for <thead>); the appendix of every metric prints on landscape pages.
TEST(ReportHtmlScenario, TablesRepeatTheirHeadingsOnEveryPrintedPage) {
  TempDir dir;
  write_results(dir.path() / "r.h5", false, priced_results(), sample_provenance());
  const std::string page = render_report(read_report_data(dir.path() / "r.h5"), "");
  std::size_t headed = 0;  // tables whose first row is of headings (not a list of items)
  for (std::size_t at = page.find("<table class=\"data"); at != std::string::npos;
       at = page.find("<table class=\"data", at + 1)) {
    const std::size_t first_row = page.find("<tr", at);
    const std::string row = page.substr(first_row, page.find("</tr>", first_row) - first_row);
    if (row.find("<th") == std::string::npos) continue;
    ++headed;
    EXPECT_EQ(page.rfind("<thead>", first_row), first_row - 7) << page.substr(at, 120);
  }
  EXPECT_GE(headed, 3u);  // the assumptions, the provenance, the appendix at least
  EXPECT_NE(page.find("<details class=\"appendix\">"), std::string::npos);
  EXPECT_NE(page.find("@page wide{size:A4 landscape;"), std::string::npos);
  EXPECT_NE(page.find("#appendix{page:wide}"), std::string::npos);
}

}  // namespace
}  // namespace pcsim::output
