// print_summary on a file written from sample_results.hpp: the text table shows the
// hand-computed statistics with thousands separators, £ and %, within 100 columns; the CSV
// holds every statistic; files that are not pcsim results are refused clearly.
#include "output/summary_printer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/errors.hpp"
#include "output/results_writer.hpp"
#include "output/summary_reader.hpp"
#include "raw_h5.hpp"
#include "sample_results.hpp"
#include "text_lines.hpp"

namespace pcsim::output {
namespace {

using namespace testing;
namespace fs = std::filesystem;

class SummaryPrinter : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.path() / "results.h5";
    write_results(path_, false, sample_results(), sample_provenance());
  }
  std::string print(SummaryFormat format) {
    std::ostringstream out;
    print_summary(path_, out, format);
    return out.str();
  }
  TempDir dir_;
  fs::path path_;
};

using test_text::lines_of;

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

// The line of the table for `metric` in `year` after the "Option: <option>" heading.
std::string table_line(const std::string& text, const std::string& option,
                       const std::string& metric, const std::string& year) {
  const auto lines = lines_of(text);
  bool in_option = false;
  for (const auto& line : lines) {
    if (line.rfind("Option: ", 0) == 0) in_option = line == "Option: " + option;
    std::istringstream words(line);
    std::string first, second;
    words >> first >> second;
    if (in_option && first == metric && second == year) return line;
  }
  ADD_FAILURE() << "no line for " << option << " " << metric << " " << year << " in\n" << text;
  return {};
}

std::vector<std::string> cells_after(const std::string& line, std::size_t skip) {
  std::istringstream words(line);
  std::vector<std::string> cells;
  for (std::string word; words >> word;) cells.push_back(word);
  if (cells.size() < skip) return {};
  return {cells.begin() + static_cast<long>(skip), cells.end()};
}

// Fact: the investment row of "invest" in 2017/18 shows, in £m (two decimals), mean 3.00,
// p10 1.40, p50 3.00, p90 4.60 (values 1e6..5e6; type 7, h = 4q/100: p10 = 1e6 + 0.4e6,
// p90 = 4e6 + 0.6e6); in the last year, 2019/20, each is 0.2m higher; the baseline invests
// nothing (£, whole pounds).
TEST_F(SummaryPrinter, TextScalesMoneyWithTheUnitInItsColumn) {
  const std::string text = print(SummaryFormat::Text);
  EXPECT_EQ(cells_after(table_line(text, "invest", "investment", "2017/18"), 2),
            (std::vector<std::string>{"£m", "3.00", "1.40", "3.00", "4.60"}));
  EXPECT_EQ(cells_after(table_line(text, "invest", "investment", "2019/20"), 2),
            (std::vector<std::string>{"£m", "3.20", "1.60", "3.20", "4.80"}));
  EXPECT_EQ(cells_after(table_line(text, "baseline", "investment", "2017/18"), 2),
            (std::vector<std::string>{"£", "0", "0", "0", "0"}));
}

// Fact: counts get separators (list_size 1000..5000 in 2017/18: mean 3,000, p10 1,400,
// p90 4,600); the ratio roi skips the NaN (2, 4, 6, 8: mean 5, p10 h = 0.3 -> 2.6,
// p90 h = 2.7 -> 7.4); overspend (0, 1, 0, 1, 0) shows as a 40.0% probability, 100.0% in
// the last year; npv (-1000..3000, no year) has p10 -£600 and p90 £2,600; payback_year
// (NaN, NaN, 3, 4, 5) is followed by P(payback) 3/5 = 60.0%.
TEST_F(SummaryPrinter, TextShowsCountsRatiosProbabilitiesAndScalars) {
  const std::string text = print(SummaryFormat::Text);
  EXPECT_EQ(cells_after(table_line(text, "invest", "list_size", "2017/18"), 2),
            (std::vector<std::string>{"patients", "3,000", "1,400", "3,000", "4,600"}));
  EXPECT_EQ(cells_after(table_line(text, "invest", "roi", "2017/18"), 2),
            (std::vector<std::string>{"ratio", "5.00", "2.60", "5.00", "7.40"}));
  EXPECT_EQ(cells_after(table_line(text, "invest", "P(overspend)", "2017/18"), 2),
            (std::vector<std::string>{"%", "40.0"}));
  EXPECT_EQ(cells_after(table_line(text, "invest", "P(overspend)", "2019/20"), 2),
            (std::vector<std::string>{"%", "100.0"}));
  EXPECT_EQ(cells_after(table_line(text, "invest", "npv", "all"), 2),
            (std::vector<std::string>{"£", "1,000", "-600", "1,000", "2,600"}));
  EXPECT_EQ(cells_after(table_line(text, "invest", "P(payback)", "horizon"), 2),
            (std::vector<std::string>{"%", "60.0"}));
}

// Fact: the sample's baseline invests 0 in every iteration and year, so it has nothing to
// pay back: the file stores P(payback) NaN with invests_nothing 1 (not 0, which would read as
// "never pays back"), and the text says so in words instead of a P(payback) row; "invest"
// keeps 3/5. A central case that invests (here £1 in year 0) is investment: then P(payback)
// is the share of iterations again.
TEST_F(SummaryPrinter, AnOptionThatInvestsNothingHasNothingToPayBack) {
  const ResultsSummary summary = read_summary(path_);
  ASSERT_EQ(summary.options.size(), 2u);
  EXPECT_TRUE(summary.options[0].invests_nothing);
  EXPECT_TRUE(std::isnan(summary.options[0].p_payback_within_horizon));
  EXPECT_FALSE(summary.options[1].invests_nothing);
  EXPECT_DOUBLE_EQ(summary.options[1].p_payback_within_horizon, 0.6);

  const std::string text = print(SummaryFormat::Text);
  const std::size_t invest_at = text.find("Option: invest");
  ASSERT_NE(invest_at, std::string::npos);
  const std::string baseline = text.substr(0, invest_at);
  EXPECT_NE(baseline.find("payback_year: the option invests nothing, so there is nothing to pay "
                          "back"),
            std::string::npos)
      << baseline;
  EXPECT_EQ(baseline.find("P(payback)"), std::string::npos) << baseline;
  EXPECT_EQ(text.find("invests nothing", invest_at), std::string::npos);

  RunResults results = sample_results();
  set_central_case(results, {0, kNaN});
  results.options[0].central_by_year[1][0] = 1;  // the baseline's central case invests £1
  const fs::path out = dir_.path() / "central_invests.h5";
  write_results(out, false, results, sample_provenance());
  const ResultsSummary with_central = read_summary(out);
  EXPECT_FALSE(with_central.options[0].invests_nothing);
  EXPECT_DOUBLE_EQ(with_central.options[0].p_payback_within_horizon, 0.6);
}

// Fact: with the central case stored, it shows beside the mean, in the row's scale; and a
// figure of any size (-£54,894,397,578, as the national scenario once gave) is scaled to
// £bn and stays apart from its neighbours: every cell is separated by at least two spaces.
TEST_F(SummaryPrinter, CentralCaseBesideTheMeanAndColumnsNeverRunTogether) {
  RunResults results = sample_results();
  set_central_case(results, {-54894397578.0, 2});
  results.options[1].central_by_year[1] = {2.5e6, 2.6e6, 2.7e6};  // investment
  const fs::path out = dir_.path() / "central.h5";
  write_results(out, false, results, sample_provenance());
  std::ostringstream text;
  print_summary(out, text, SummaryFormat::Text);
  // investment 2017/18: central 2.5m beside mean 3m.
  EXPECT_EQ(cells_after(table_line(text.str(), "invest", "investment", "2017/18"), 2),
            (std::vector<std::string>{"£m", "2.50", "3.00", "1.40", "3.00", "4.60"}));
  // npv: the central -54.89bn sets the scale of the row: £bn, two decimals.
  EXPECT_EQ(cells_after(table_line(text.str(), "invest", "npv", "all"), 2),
            (std::vector<std::string>{"£bn", "-54.89", "0.00", "0.00", "0.00", "0.00"}));
  const std::string line = table_line(text.str(), "invest", "npv", "all");
  EXPECT_NE(line.find("£bn  "), std::string::npos) << line;
}

// Fact: a central NPV outside the iterations' P10-P90 is said below the option's table,
// wrapped within the screen: the sample's NPVs -1000 ... 3000 have P90 2600, and a central
// 2600.4 lies above it (both shown as £2,600); one inside the range is not mentioned.
TEST_F(SummaryPrinter, CentralNpvOutsideTheRangeIsANote) {
  RunResults results = sample_results();
  set_central_case(results, {2600.4, 2});
  results.options[0].central_scalars = {1000, 2};  // within P10-P90
  const fs::path out = dir_.path() / "outside.h5";
  write_results(out, false, results, sample_provenance());
  std::ostringstream text;
  print_summary(out, text, SummaryFormat::Text);
  const std::string s = text.str();
  const std::size_t invest = s.find("Option: invest");
  ASSERT_NE(invest, std::string::npos) << s;
  const std::size_t note =
      s.find("  note: The central case's NPV, £2,600, lies above the P90 of", invest);
  EXPECT_NE(note, std::string::npos) << s;
  EXPECT_NE(s.find("(£2,600)", note), std::string::npos) << s;
  EXPECT_EQ(s.substr(0, invest).find("note: The central case"), std::string::npos) << s;
}

// Fact: the header names the file's provenance, the options come baseline first, and no
// line is wider than 100 characters on screen.
TEST_F(SummaryPrinter, TextHasProvenanceOrderAndWidth) {
  const std::string text = print(SummaryFormat::Text);
  EXPECT_NE(text.find("pcsim 0.1.0"), std::string::npos);
  EXPECT_NE(text.find("scenarios/example.toml"), std::string::npos);
  EXPECT_NE(text.find("5 iterations, seed 18446744073709551557"), std::string::npos);
  EXPECT_LT(text.find("Option: baseline"), text.find("Option: invest"));
  for (const auto& line : lines_of(text)) {
    std::size_t shown = 0;
    for (const char c : line) shown += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    EXPECT_LE(shown, 100u) << line;
  }
}

// Fact: the header names the scenario by its name, its file beside it; the base year block
// gives the year-0 figures of the practices_* attributes (patients whole with separators:
// 654,321.6 weighted patients show as 654,322; the core funding £48,281,234.57 to the pound)
// with the base year's label and the first projected year; the price basis names the run's
// inflation (0.02: "2%") and discount rate (five draws of 0.035: exactly "3.5%"), and the
// option that inflates at 0.03 itself.
TEST(SummaryPrinterBaseYear, NameBaseYearAndPriceBasis) {
  TempDir dir;
  Provenance provenance = sample_provenance();
  provenance.extra = base_year_attributes();
  write_results(dir.path() / "r.h5", false, priced_results(), provenance);
  std::ostringstream out;
  print_summary(dir.path() / "r.h5", out, SummaryFormat::Text);
  const std::string text = out.str();
  EXPECT_NE(text.find("  scenario: Example area 2016/17: delegate & invest\n"
                      "  scenario file scenarios/example.toml\n"),
            std::string::npos)
      << text;
  const std::size_t block =
      text.find("\nBase year 2016/17 (year 0; the projection starts in 2017/18)\n");
  ASSERT_NE(block, std::string::npos) << text;
  const std::vector<std::pair<std::string, std::string>> figures = {
      {"practices modelled", "85"},
      {"registered patients", "620,761"},
      {"weighted patients", "654,322"},
      {"core funding (what funding.baseline_spend = 0 stands for)", "£48,281,235"}};
  for (const auto& [label, shown] : figures) {
    const std::size_t at = text.find("\n  " + label + " ", block);
    ASSERT_NE(at, std::string::npos) << label << " in\n" << text;
    const std::string line = text.substr(at + 1, text.find('\n', at + 1) - at - 1);
    EXPECT_EQ(line.substr(line.find_last_of(' ') + 1), shown) << line;
  }
  EXPECT_NE(text.find("£ by year: cash terms, year-0 prices inflated at 2% a year;\n"
                      "  NPV: year-0 prices, discounted at 3.5% a year (real)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  Option 'invest' sets its own: year-0 prices inflated at 3% a year;\n"
                      "    NPV discounted at 3.5% a year (real).\n"),
            std::string::npos)
      << text;
  EXPECT_LT(text.find("£ by year"), text.find("Option: baseline"));
}

// Fact: the CSV is one table: a header with the central case and every statistic, and one
// row per option, metric and year (2 options x (4 metrics x 3 years + 2 scalars) = 28
// rows). The invest investment row for 2017/18 holds mean 3e6, sd 1e6 sqrt(2.5), se
// sd / sqrt(5), p5 1.2e6 (h = 0.2), p95 4.8e6 (h = 3.8), and an empty central (this file
// has none); payback_year (3, 4, 5 and two NaN) has an empty year, n_nan 2, mean 4, sd 1.
TEST_F(SummaryPrinter, CsvHoldsEveryStatistic) {
  const auto lines = lines_of(print(SummaryFormat::StatisticsCsv));
  ASSERT_EQ(lines.size(), 29u);
  EXPECT_EQ(lines[0],
            "option,metric,unit,year,n_nan,central,mean,sd,se,p5,p10,p25,p50,p75,p90,p95");
  const auto find_row = [&](const std::string& prefix) {
    for (const auto& line : lines) {
      if (line.rfind(prefix, 0) == 0) return fields_of(line);
    }
    ADD_FAILURE() << "no row " << prefix;
    return std::vector<std::string>{};
  };
  const auto investment = find_row("invest,investment,GBP,2017/18,0,");
  ASSERT_EQ(investment.size(), 16u);
  EXPECT_EQ(investment[5], "");
  const std::vector<double> expected = {
      3e6, 1e6 * std::sqrt(2.5), 1e6 * std::sqrt(0.5), 1.2e6, 1.4e6, 2e6, 3e6, 4e6, 4.6e6, 4.8e6};
  for (std::size_t s = 0; s < expected.size(); ++s) {
    EXPECT_NEAR(std::stod(investment[6 + s]), expected[s], 1e-6) << s;
  }
  const auto payback = find_row("invest,payback_year,year,,2,");
  ASSERT_EQ(payback.size(), 16u);
  EXPECT_DOUBLE_EQ(std::stod(payback[6]), 4);
  EXPECT_DOUBLE_EQ(std::stod(payback[7]), 1);
}

// Fact: a statistic that is undefined (sd of a column whose values are all NaN) is an
// empty CSV cell, not "nan", so spreadsheets treat it as missing.
TEST_F(SummaryPrinter, CsvLeavesUndefinedStatisticsEmpty) {
  RunResults results = sample_results();
  results.options[0].scalars[1] = {kNaN, kNaN, kNaN, kNaN, kNaN};
  const fs::path out = dir_.path() / "nan.h5";
  write_results(out, false, results, sample_provenance());
  std::ostringstream csv;
  print_summary(out, csv, SummaryFormat::StatisticsCsv);
  EXPECT_NE(csv.str().find("baseline,payback_year,year,,5,,,,,,,,,,,\n"), std::string::npos)
      << csv.str();
}

// Fact: a text file, an HDF5 file without format_version, a newer format and a pcsim
// header without the layout are each refused with a message saying which.
TEST_F(SummaryPrinter, RefusesFilesThatAreNotReadableResults) {
  std::ostringstream sink;
  const auto message = [&](const fs::path& path) {
    try {
      print_summary(path, sink, SummaryFormat::Text);
    } catch (const OutputError& error) {
      return std::string(error.what());
    }
    ADD_FAILURE() << "expected OutputError for " << path;
    return std::string();
  };
  const fs::path text = dir_.path() / "text.h5";
  std::ofstream(text) << "hello\n";
  EXPECT_NE(message(text).find("is not an HDF5 file"), std::string::npos);

  const auto make = [&](const std::string& name, int version) {
    const fs::path path = dir_.path() / name;
    RawId file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
    if (version > 0) {
      RawId space(H5Screate(H5S_SCALAR), H5Sclose);
      RawId attribute(H5Acreate2(file.get(), "format_version", H5T_STD_I32LE, space.get(),
                                 H5P_DEFAULT, H5P_DEFAULT),
                      H5Aclose);
      H5Awrite(attribute.get(), H5T_NATIVE_INT, &version);
    }
    return path;
  };
  EXPECT_NE(message(make("plain.h5", 0)).find("is an HDF5 file, but not one pcsim wrote"),
            std::string::npos);
  EXPECT_NE(message(make("newer.h5", 2)).find("results format 2, newer than this pcsim reads"),
            std::string::npos);
  EXPECT_NE(message(make("hollow.h5", 1)).find("is a pcsim file of an unknown kind"),
            std::string::npos);
  // Messages are one line: HDF5's error stack is never shown.
  for (const char* name : {"text.h5", "plain.h5", "newer.h5", "hollow.h5"}) {
    EXPECT_EQ(message(dir_.path() / name).find('\n'), std::string::npos) << name;
  }
}

// Fact: a file whose option has no scalars and only metrics outside the key list still
// prints: every metric is shown when none of the key metrics is present.
TEST_F(SummaryPrinter, ShowsAllMetricsWhenNoKeyMetricIsPresent) {
  RunResults results;
  results.year_labels = {"2020/21"};
  results.iterations = 2;
  OptionResults option;
  option.name = "baseline";
  option.metric_names = {"referrals"};
  option.metric_units = {"referrals"};
  option.by_year = {{1500, 2500}};  // mean 2,000; p10 (h = 0.1) 1,600; p90 2,400
  results.options.push_back(option);
  const fs::path out = dir_.path() / "other.h5";
  write_results(out, false, results, Provenance{});
  std::ostringstream text;
  print_summary(out, text, SummaryFormat::Text);
  EXPECT_EQ(cells_after(table_line(text.str(), "baseline", "referrals", "2020/21"), 2),
            (std::vector<std::string>{"referrals", "2,000", "1,600", "2,000", "2,400"}));
}

}  // namespace
}  // namespace pcsim::output
