// The report's analytics sections, from hand-made data whose figures are worked out by
// hand: the per-practice risk table, the change by driver (reading, waterfall and table),
// the Sobol chart of a --sobol run, the headline of an option that invests nothing, the
// headline's central-case overspend and its note, every probability's rounding, and the
// base year's account of closed practices' lists.
// (tests/cli/report.sh checks real reports against real files in Chromium.)
#include <gtest/gtest.h>

#include <regex>

#include "output/report_charts.hpp"
#include "output/report_data.hpp"
#include "output/report_html.hpp"
#include "output/report_sections.hpp"
#include "output/results_writer.hpp"
#include "sample_results.hpp"

namespace pcsim::output {
namespace {

using namespace testing;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The text between `from` and the next `to` after it ("" when absent).
std::string between(const std::string& text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos) return "";
  const std::size_t end = text.find(to, at + from.size());
  return text.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

// Fact: a share (unit "share") is a probability and reads as a percentage with one decimal
// (0.1733 -> 17.3%, 0.0 -> 0%), never rounded to 0 or 1; money per patient keeps its pence
// and FTE its decimals; the practice most likely to close comes first.
TEST(ReportPractices, SharesArePercentages) {
  ReportData data;
  data.years = {"2017/18"};
  PracticeFigures figures;
  figures.option = "delegate";
  figures.codes = {"A1", "B2"};
  figures.figures = {"merged", "closed", "funding_per_weighted", "arrs_fte"};
  figures.units = {"share", "share", "GBP per weighted patient", "FTE"};
  figures.means = {{0.0, 0.6633}, {0.0, 0.1733}, {81.5, 92.3125}, {1.0, 2.354}};
  data.practices.push_back(figures);
  const std::string html = practices_section(data, 20);
  const std::string first_row = between(html, "<tr><td>B2</td>", "</tr>");
  EXPECT_TRUE(contains(first_row, ">17.3%</td>")) << html;  // closed, shown first
  EXPECT_TRUE(contains(first_row, ">66.3%</td>")) << html;  // merged
  EXPECT_TRUE(contains(first_row, ">£92.31</td>")) << html;
  EXPECT_TRUE(contains(first_row, ">2.35</td>")) << html;
  EXPECT_TRUE(contains(first_row, "data-value=\"0.1733\"")) << html;
  EXPECT_TRUE(contains(between(html, "<tr><td>A1</td>", "</tr>"), ">0%</td>")) << html;
  EXPECT_LT(html.find("<tr><td>B2</td>"), html.find("<tr><td>A1</td>"));
  EXPECT_TRUE(contains(html, "P(closed by 2017/18)"));
  EXPECT_TRUE(contains(html, "P(merged by 2017/18)"));
  EXPECT_TRUE(contains(html, "0 of 2 practices have a closure probability above 50%"));
}

// Two drivers, one option, one year: start 100, population growth +30, levelling up -10,
// end 120; alone +25 and -8, so the interaction is (120 - 100) - (25 - 8) = 3.
ReportData driver_data(double levelling_part) {
  ReportData data;
  data.years = {"2017/18"};
  data.attributes = {{"practices_base_year", "2016/17"}};
  DriverResults d;
  d.drivers = {"population_growth", "levelling_up"};
  d.labels = {"population growth", "levelling up"};
  d.switches = {"population.list_growth = 0", "funding.levelling_up = false"};
  d.evaluation = "central";
  d.iterations = 1;
  DriverTable gap;
  gap.name = "appointments_gap";
  gap.unit = "appointments";
  gap.columns = 1;
  gap.waterfall = {100, 30, levelling_part, 130 + levelling_part};
  gap.alone = {25, levelling_part * 0.8, (30 + levelling_part) - (25 + levelling_part * 0.8)};
  d.options.push_back({"delegate", {gap}, {}});
  data.analytics.drivers = d;
  return data;
}

// Fact: the reading gives the levels with every driver off and as run, the size and
// direction of the change, the driver making most of it and the one pulling against it,
// and the interaction; the waterfall chains 0-100, 100-130, 130-120, 0-120.
TEST(ReportDrivers, ReadingAndWaterfallByHand) {
  const std::string html = drivers_section(driver_data(-10));
  EXPECT_TRUE(contains(html, "the base year 2016/17 held still")) << html;
  EXPECT_TRUE(contains(html,
                       "data-figure=\"driver_start:delegate:appointments_gap\" "
                       "data-value=\"100\">100<"));
  EXPECT_TRUE(contains(html,
                       "data-figure=\"driver_end:delegate:appointments_gap\" "
                       "data-value=\"120\">120<"));
  EXPECT_TRUE(contains(html,
                       "a rise of <span class=\"figure\" "
                       "data-figure=\"driver_change_size:delegate:appointments_gap\" "
                       "data-value=\"20\">20.0<"));
  EXPECT_TRUE(contains(html, "Most of the rise comes from population growth"));
  EXPECT_TRUE(contains(html, "data-value=\"30\">+30.0<"));
  EXPECT_TRUE(contains(html, "Against it, levelling up"));
  EXPECT_TRUE(contains(html, "data-value=\"-10\">\u221210.0<"));
  EXPECT_TRUE(contains(html, "pulls it down"));
  EXPECT_TRUE(contains(html,
                       "data-figure=\"driver_interaction:delegate:appointments_gap\" "
                       "data-value=\"3\">+3.00<"))
      << html;
  EXPECT_TRUE(contains(html, "[[0,100],null,null,[0,120]]")) << html;  // levels
  EXPECT_TRUE(contains(html, "[null,[100,130],null,null]"));           // rises
  EXPECT_TRUE(contains(html, "[null,null,[130,120],null]"));           // falls
  EXPECT_TRUE(contains(html, R"("rows":["start","population_growth","levelling_up","end"])"));
  // The table: every row, with the switch behind each driver as its title.
  EXPECT_TRUE(contains(html, "<tr data-row=\"interaction\">"));
  EXPECT_TRUE(contains(html, "title=\"switched off: funding.levelling_up = false\""));
}

// Fact: a driver that changes nothing is left out of the waterfall but stays in the table;
// with no driver pulling against, the reading says nothing of one.
TEST(ReportDrivers, ZeroPartLeftOutOfTheChart) {
  const std::string html = drivers_section(driver_data(0));
  EXPECT_TRUE(contains(html, R"("rows":["start","population_growth","end"])")) << html;
  EXPECT_TRUE(contains(html, "<tr data-row=\"levelling_up\">"));
  EXPECT_FALSE(contains(html, "Against it"));
}

// Fact: without /options/<o>/drivers the section says how to get it.
TEST(ReportDrivers, WithoutDriversSaysHow) {
  EXPECT_TRUE(contains(drivers_section(ReportData{}), "--drivers"));
}

// Fact: a run's Sobol chart shows the stored indices of the NPV (preferred) in its last
// column, largest total index first, each with its [lo, hi] interval; without npv the last
// year of the next preferred output.
TEST(ReportSobol, RunIndicesLargestTotalFirst) {
  RunSobol run;
  run.rows = 64;
  run.bootstrap = 10;
  OptionSobol option;
  option.option = "delegate";
  option.parameters = {"a.one", "a.two"};
  SobolByYearTable gap;
  gap.name = "appointments_gap";
  gap.columns = 2;
  // [parameters x columns x 6]: a.one then a.two; the last column decides.
  gap.indices = {0, 0, 0, 0, 0, 0, 0.1, 0.05, 0.2, 0.3, 0.2, 0.4,
                 0, 0, 0, 0, 0, 0, 0.5, 0.4,  0.6, 0.7, 0.6, 0.8};
  SobolByYearTable npv;
  npv.name = "npv";
  npv.per_year = false;
  npv.columns = 1;
  npv.indices = {0.6, 0.5, 0.7, 0.65, 0.55, 0.75, 0.2, kNaN, kNaN, 0.25, kNaN, kNaN};
  option.outputs = {gap, npv};
  const std::vector<std::string> years = {"2017/18", "2018/19"};

  const SobolBars bars = sobol_bars(run, option, years, {"npv", "appointments_gap"});
  EXPECT_EQ(bars.output, "npv");
  EXPECT_EQ(bars.column, "horizon");
  const ChartSpec chart = sobol_chart("sobol-0", bars, 15);
  EXPECT_TRUE(contains(chart.data, R"("labels":["a.one","a.two"])")) << chart.data;
  EXPECT_TRUE(contains(chart.data, R"("data":[0.6,0.2],)"));
  EXPECT_TRUE(contains(chart.data, R"("intervals":[[0.5,0.7],null])"));
  EXPECT_TRUE(contains(chart.data, R"("data":[0.65,0.25],)"));
  EXPECT_TRUE(contains(chart.data, R"("intervals":[[0.55,0.75],null])"));
  EXPECT_TRUE(contains(chart.meta, R"("output":"npv")"));

  option.outputs = {gap};
  const SobolBars by_year = sobol_bars(run, option, years, {"npv", "appointments_gap"});
  EXPECT_EQ(by_year.column, "2018/19");
  const ChartSpec second = sobol_chart("sobol-1", by_year, 15);
  EXPECT_TRUE(contains(second.data, R"("labels":["a.two","a.one"])")) << second.data;
  EXPECT_TRUE(contains(second.data, R"("data":[0.7,0.3],)"));
  EXPECT_TRUE(contains(second.data, R"("intervals":[[0.6,0.8],[0.2,0.4]])"));
  EXPECT_EQ(second.title, "Sobol indices of appointments_gap in 2018/19: delegate");
}

// Fact: the sample's "baseline" invests 0 in every iteration and year, so its headline says
// there is nothing to pay back (not "pays back in 0%"); "invest" keeps P(payback) = 3/5;
// an option whose iterations invest nothing but whose central case does is not "nothing".
TEST(ReportHeadline, NoInvestmentToPayBack) {
  TempDir dir;
  RunResults results = sample_results();
  set_central_case(results, {0, kNaN});
  write_results(dir.path() / "a.h5", false, results, sample_provenance());
  const std::string page = render_report(read_report_data(dir.path() / "a.h5"), "");
  const std::string baseline = between(page, "<h3>baseline</h3>", "</div>");
  EXPECT_TRUE(contains(baseline, "no investment to pay back")) << baseline;
  EXPECT_FALSE(contains(baseline, "p_payback"));
  EXPECT_TRUE(contains(between(page, "<h3>invest</h3>", "</div>"),
                       "data-figure=\"p_payback:invest\" data-value=\"0.6\""));

  results.options[0].central_by_year[1][kYears - 1] = 5e5;  // investment, central case
  write_results(dir.path() / "b.h5", false, results, sample_provenance());
  const std::string other = render_report(read_report_data(dir.path() / "b.h5"), "");
  EXPECT_FALSE(contains(between(other, "<h3>baseline</h3>", "</div>"), "no investment"));
}

// The sample's NPVs are -1000, 0, ..., 3000: P10 = -600, P90 = 2600 (linear interpolation).
// A central NPV of 2600.4 lies above the P90 yet shows the same text, £2,600: the headline
// says so with both figures, each its own span (the second not found inside the first's).
TEST(ReportHeadline, CentralNpvOutsideTheRangeIsSaidWithBothFigures) {
  TempDir dir;
  RunResults results = sample_results();
  set_central_case(results, {2600.4, kNaN});
  write_results(dir.path() / "c.h5", false, results, sample_provenance());
  const std::string page = render_report(read_report_data(dir.path() / "c.h5"), "");
  const std::string invest = between(page, "<h3>invest</h3>", "</div>");
  EXPECT_TRUE(contains(invest, "lies above the") && contains(invest, "P90")) << invest;
  EXPECT_TRUE(contains(invest,
                       "data-figure=\"central_npv_outside:invest\" data-value=\"2600.4\">"
                       "£2,600</span>"))
      << invest;
  EXPECT_TRUE(contains(invest,
                       "data-figure=\"central_npv_outside_p90:invest\" "
                       "data-value=\"2600\">£2,600</span>"))
      << invest;
}

// A per-year table of one statistic, the mean, with its central case: enough for the
// headline's sentences, which read the mean and the central case.
SummaryTable mean_table(const std::string& name, const std::string& unit,
                        const std::vector<double>& means, const std::vector<double>& central) {
  SummaryTable table;
  table.name = name;
  table.unit = unit;
  table.statistics = {"mean"};
  table.values = means;
  table.n_nan.assign(means.size(), 0);
  table.central = central;
  return table;
}

// One option, "invest", over 2017/18 to 2019/20, with an overspend indicator whose central
// case is `central` and which some iteration overspends in some year (P = 0.6).
ReportData overspend_data(const std::vector<double>& central) {
  ReportData data;
  data.years = {"2017/18", "2018/19", "2019/20"};
  OptionSummary option;
  option.name = "invest";
  option.metrics.push_back(mean_table("overspend", "0/1", {0.5, 0.5, 0.2}, central));
  data.summary.options.push_back(option);
  data.p_overspend_any_year = {0.6};
  return data;
}

// The parenthesis after "in 40% it is not overspent in any year", without its ")".
std::string central_clause(const std::vector<double>& central) {
  const std::string html = headline_section(overspend_data(central));
  return between(between(html, "it is not overspent in any year", ". "), " (", ")");
}

// Fact: the central case's overspend is said over the whole horizon, never from the last
// year alone (the audit: "the central case does not overspend" of an option whose central
// case overspent in 9 of 10 years, all but the last): overspending in the first two of
// three years is 2 of the 3, first in 2017/18, last in 2018/19; one year is that year only;
// every year and no year are said so.
TEST(ReportHeadline, CentralOverspendOverTheWholeHorizon) {
  EXPECT_EQ(central_clause({1, 1, 0}),
            " (the central case overspends in 2 of the 3 years, first in 2017/18, last in "
            "2018/19");
  EXPECT_EQ(central_clause({0, 1, 0}), " (the central case overspends in 2018/19 only");
  EXPECT_EQ(central_clause({1, 1, 1}), " (the central case overspends in every year");
  EXPECT_EQ(central_clause({0, 0, 0}), " (the central case does not overspend in any year");
  EXPECT_EQ(central_clause({0, 0, 1}), " (the central case overspends in 2019/20 only");
  // A file without the central case says nothing of it.
  EXPECT_FALSE(contains(headline_section(overspend_data({})), "central case overspends"));
}

// Fact: every probability of the report reads in % to one decimal, the summary's and the
// workbook's precision, rounded half away from zero on its decimal value as a spreadsheet
// rounds (the audit: P(payback) 66.5% showed "66%", P(overspend) 16.3% "16%", and two
// options tied on P(best) 5.5% each "6%"); none and all of the iterations read "0%" and
// "100%".
TEST(ReportPercent, OneDecimalHalfAwayFromZero) {
  EXPECT_EQ(percent_text(0.665), "66.5%");
  EXPECT_EQ(percent_text(0.163), "16.3%");
  EXPECT_EQ(percent_text(0.055), "5.5%");
  EXPECT_EQ(percent_text(0.1625), "16.3%");  // a tie, up (fmt alone gave 16.2)
  EXPECT_EQ(percent_text(1.0 / 400), "0.3%");
  EXPECT_EQ(percent_text(0.0004), "0.0%");    // not never
  EXPECT_EQ(percent_text(0.9996), "100.0%");  // not always
  EXPECT_EQ(percent_text(0), "0%");
  EXPECT_EQ(percent_text(1), "100%");
  EXPECT_EQ(percent_text(kNaN), "n/a");
  // Every share k / n of 400 and 2,000 iterations (where half of them are ties at one
  // decimal), against the rounding done in whole numbers: tenths = floor((2000 k + n) / 2n).
  for (const long n : {400L, 2000L}) {
    for (long k = 1; k < n; ++k) {
      const long tenths = (2000 * k + n) / (2 * n);
      const std::string want =
          std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
      ASSERT_EQ(percent_text(static_cast<double>(k) / static_cast<double>(n)), want)
          << k << " of " << n;
    }
  }
}

// Fact: the comparison table shows each probability with its tenth (two options tied on
// P(best) 5.5% each, the third 89%: the column adds to 100%, not 101%), and its note says
// how they are rounded.
TEST(ReportComparison, ProbabilitiesToOneDecimalWithTheRuleSaid) {
  ReportData data;
  data.years = {"2017/18"};
  ComparisonSummary c;
  c.options = {"baseline", "a", "b"};
  c.expected_npv = {1, 2, 3};
  c.p_best_npv = {0.055, 0.055, 0.89};
  c.p_overspend_any_year = {0.163, 0.665, 1};
  c.expected_gap_last_year = {0, 0, 0};
  c.differences.resize(2);
  c.p_npv_beats_baseline = {0.1625, 0};
  data.summary.comparison = c;
  const std::string html = comparison_table(data);
  const auto cells = [&](const std::string& option) {
    return between(html, "<tr><td>" + option + "</td>", "</tr>");
  };
  EXPECT_TRUE(contains(cells("baseline"), ">5.5%</td><td class=\"num\">16.3%<")) << html;
  EXPECT_TRUE(contains(cells("a"), ">5.5%</td><td class=\"num\">66.5%<")) << html;
  EXPECT_TRUE(contains(cells("a"), ">16.3%</td>")) << html;  // P(beats), a tie
  EXPECT_TRUE(contains(cells("b"), ">89.0%</td><td class=\"num\">100%<")) << html;
  EXPECT_TRUE(contains(cells("b"), ">0%</td>")) << html;
  EXPECT_TRUE(contains(html, kPercentNote));
}

// The sample provenance's base year with what the file records of closed practices' lists.
ReportData closed_lists_data(const std::vector<std::pair<std::string, std::string>>& closed) {
  ReportData data;
  data.years = {"2017/18"};
  data.provenance.extra = base_year_attributes();
  data.provenance.extra.insert(data.provenance.extra.end(), closed.begin(), closed.end());
  return data;
}

// Fact: the base year says what became of closed practices' lists as the file records it
// (the audit: "closed practices' lists moved to the practices that took them on" of a file
// whose closed_lists was already_counted and which moved none): not counted again, with how
// many and their patients, by default; moved, with how many, only when they were; nothing
// of them for a file that does not record it.
TEST(ReportBaseYear, ClosedListsAsTheFileRecordsThem) {
  const std::string counted = base_year_section(
      closed_lists_data({{"practices_closed_lists", "already_counted"},
                         {"practices_closed_lists_moved", "0"},
                         {"practices_registered_patients_moved", "0"},
                         {"practices_closed_lists_not_counted", "2"},
                         {"practices_registered_patients_not_counted", "13196"}}));
  EXPECT_FALSE(contains(counted, "moved")) << counted;
  EXPECT_TRUE(contains(counted,
                       "; the last-known lists of <span class=\"figure\" "
                       "data-figure=\"base_year_closed_lists_not_counted\" data-value=\"2\">2"
                       "</span> closed practices (<span class=\"figure\" "
                       "data-figure=\"base_year_registered_patients_not_counted\" "
                       "data-value=\"13196\">13,196</span> registered patients) were not counted "
                       "again, because by the file's date their patients are on open "
                       "practices' lists.</p>"))
      << counted;

  const std::string none =
      base_year_section(closed_lists_data({{"practices_closed_lists", "already_counted"},
                                           {"practices_closed_lists_not_counted", "0"},
                                           {"practices_registered_patients_not_counted", "0"}}));
  EXPECT_FALSE(contains(none, "moved")) << none;
  EXPECT_TRUE(contains(none,
                       "; no practice closed by the end of the base year still had "
                       "patients listed.</p>"))
      << none;

  const std::string moved =
      base_year_section(closed_lists_data({{"practices_closed_lists", "move"},
                                           {"practices_closed_lists_moved", "1"},
                                           {"practices_registered_patients_moved", "1234"},
                                           {"practices_closed_lists_not_counted", "0"}}));
  EXPECT_TRUE(contains(moved,
                       ", with the lists of <span class=\"figure\" "
                       "data-figure=\"base_year_closed_lists_moved\" data-value=\"1\">1</span> "
                       "closed practice (<span class=\"figure\" "
                       "data-figure=\"base_year_registered_patients_moved\" "
                       "data-value=\"1234\">1,234</span> registered patients) moved to the open "
                       "practices of their PCN or area.</p>"))
      << moved;
  EXPECT_FALSE(contains(moved, "not counted"));

  const std::string older = base_year_section(closed_lists_data({}));
  EXPECT_TRUE(contains(older, ": the practices as the payments file gives them.</p>")) << older;
}

// Fact: an option's headline paragraph cites no developer document (the audit: every
// paragraph said "(docs/model.md, Budget)"); the headline's note names the Budget section of
// the model documentation once. The weighted list grows from 654,321.6 at year 0 to
// 719,753.76 (+10%), so the headroom note is said.
TEST(ReportHeadline, NoDocumentPathInTheProse) {
  ReportData data = closed_lists_data({});
  OptionSummary option;
  option.name = "invest";
  option.metrics.push_back(mean_table("budget_headroom", "GBP", {1e6}, {1e6}));
  option.metrics.push_back(mean_table("weighted_list", "patients", {719753.76}, {719753.76}));
  option.metrics.push_back(mean_table("baseline_spend", "GBP", {5e7}, {5e7}));
  data.summary.options.push_back(option);
  const std::string html = headline_section(data);
  const std::string paragraph = between(html, "<div class=\"headline\">", "</div>");
  EXPECT_TRUE(contains(paragraph, "<code>budget_headroom</code> holds core funding")) << html;
  EXPECT_TRUE(contains(paragraph, "than the money left.")) << paragraph;
  EXPECT_FALSE(contains(paragraph, "docs/")) << paragraph;
  EXPECT_TRUE(contains(between(html, "<p class=\"note\">", "</p>"),
                       "the Budget section of the model documentation"))
      << html;
}

}  // namespace
}  // namespace pcsim::output
