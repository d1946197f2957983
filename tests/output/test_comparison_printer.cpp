// `pcsim summary` on a file that compares options: the comparison table comes first, as
// text and as CSV, with the hand-worked values of comparison_example.hpp.
#include "output/comparison_printer.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "comparison_example.hpp"
#include "core/errors.hpp"
#include "output/results_writer.hpp"
#include "output/summary_printer.hpp"
#include "sample_results.hpp"
#include "text_lines.hpp"

namespace pcsim::output {
namespace {

using namespace testing;
namespace fs = std::filesystem;

using test_text::lines_of;

std::vector<std::string> words_of(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

class ComparisonPrinter : public ::testing::Test {
 protected:
  void SetUp() override {
    Provenance provenance = sample_provenance();
    provenance.iterations = kExampleIterations;
    path_ = dir_.path() / "compare.h5";
    write_results(path_, false, example_run(), provenance);
  }
  std::string print(SummaryFormat format) {
    std::ostringstream out;
    print_summary(path_, out, format);
    return out.str();
  }
  // The words of the comparison table's row for `option` (the first line starting so).
  std::vector<std::string> row(const std::string& text, const std::string& option) {
    for (const auto& line : lines_of(text)) {
      const auto words = words_of(line);
      if (!words.empty() && words[0] == option) return {words.begin() + 1, words.end()};
    }
    ADD_FAILURE() << "no row for " << option << " in\n" << text;
    return {};
  }
  TempDir dir_;
  fs::path path_;
};

// Fact: one row per option with E[NPV], the central NPV (not in this file: n/a), the NPV's
// P10 and P90 (type 7 on 4 values, h = 0.3 and 2.7: baseline {0, 1, 2, 5} £m -> 0.3 and
// 2 + 0.7 x 3 = 4.1; invest {0, 1, 3, 7} -> 0.3 and 3 + 0.7 x 4 = 5.8; defer {0, 0, 1, 5} ->
// 0 and 1 + 0.7 x 4 = 3.8), all in £m (two decimals),
// P(best) 1/3, 11/24, 5/24, P(overspend in any year) 2/4, 1/4, 2/4, and the mean gap in the
// last year 65, 25, 65; then the EVPI 3.25 - 2.75 = £0.5m, shown as £500.0k.
TEST_F(ComparisonPrinter, TextTableByHand) {
  const std::string text = print(SummaryFormat::Text);
  EXPECT_EQ(row(text, "baseline"),
            (std::vector<std::string>{"2.00", "n/a", "0.30", "4.10", "33.3%", "50.0%", "65.0"}));
  EXPECT_EQ(row(text, "invest"),
            (std::vector<std::string>{"2.75", "n/a", "0.30", "5.80", "45.8%", "25.0%", "25.0"}));
  EXPECT_EQ(row(text, "defer"),
            (std::vector<std::string>{"1.50", "n/a", "0.00", "3.80", "20.8%", "50.0%", "65.0"}));
  EXPECT_NE(text.find("E[NPV] £m"), std::string::npos) << text;
  EXPECT_NE(text.find("EVPI £500.0k:"), std::string::npos) << text;
  EXPECT_NE(text.find("gap 2018/19"), std::string::npos) << text;
}

// Fact: the comparison comes after the provenance header and before the per-option
// tables, and no line is wider than 100 characters on screen.
TEST_F(ComparisonPrinter, TextComesFirstWithin100Columns) {
  const std::string text = print(SummaryFormat::Text);
  const auto comparison = text.find("Comparison of options");
  ASSERT_NE(comparison, std::string::npos);
  EXPECT_LT(text.find("pcsim results:"), comparison);
  EXPECT_LT(comparison, text.find("Option: baseline"));
  for (const auto& line : lines_of(text)) {
    std::size_t shown = 0;
    for (const char c : line) shown += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    EXPECT_LE(shown, 100u) << line;
  }
}

// Fact: --csv-comparison is the comparison table alone (a header, one row per option with
// the same hand values as numbers: probabilities as shares, £ unformatted, the central NPV
// empty when the file has none, P(payback within the horizon) 3/4 for invest, the EVPI on
// every row), readable as one table.
TEST_F(ComparisonPrinter, CsvComparisonIsOneTable) {
  const auto lines = lines_of(print(SummaryFormat::ComparisonCsv));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0],
            "option,expected_npv,central_npv,npv_p10,npv_p90,p_best_npv,p_overspend_any_year,"
            "appointments_gap_last_year,p_payback_within_horizon,evpi");
  const auto invest = fields_of(lines[2]);
  ASSERT_EQ(invest.size(), 10u);
  EXPECT_EQ(invest[0], "invest");
  EXPECT_EQ(invest[2], "");
  const std::vector<std::pair<std::size_t, double>> expected = {
      {1, 2.75e6}, {3, 0.3e6}, {4, 5.8e6}, {5, 11.0 / 24.0},
      {6, 0.25},   {7, 25},    {8, 0.75},  {9, 0.5e6}};
  for (const auto& [k, value] : expected) {
    EXPECT_NEAR(std::stod(invest[k]), value, 1e-9 * std::max(1.0, value)) << k;
  }
  EXPECT_EQ(fields_of(lines[1])[0], "baseline");
  EXPECT_EQ(fields_of(lines[3])[0], "defer");
  // baseline and defer invest nothing: nothing to pay back, so P(payback) is an empty cell
  // (undefined), not 0.
  EXPECT_EQ(fields_of(lines[1])[8], "");
  EXPECT_EQ(fields_of(lines[3])[8], "");
}

// Fact: --csv is the statistics table alone, starting with its header.
TEST_F(ComparisonPrinter, CsvStatisticsIsOneTable) {
  const auto lines = lines_of(print(SummaryFormat::StatisticsCsv));
  EXPECT_EQ(lines[0].rfind("option,metric,unit,year,n_nan,central,mean,", 0), 0u) << lines[0];
  for (std::size_t k = 1; k < lines.size(); ++k) EXPECT_FALSE(lines[k].empty()) << k;
}

// Fact: a run with one option has no comparison: the text has no comparison table, the
// statistics CSV is unchanged and --csv-comparison is refused with a clear message.
TEST(ComparisonPrinterSingle, OneOptionPrintsNoComparison) {
  TempDir dir;
  RunResults run = example_run();
  run.options.resize(1);
  Provenance provenance = sample_provenance();
  provenance.iterations = kExampleIterations;
  const auto path = dir.path() / "single.h5";
  write_results(path, false, run, provenance);
  std::ostringstream text, csv, comparison;
  print_summary(path, text, SummaryFormat::Text);
  print_summary(path, csv, SummaryFormat::StatisticsCsv);
  EXPECT_EQ(text.str().find("Comparison of options"), std::string::npos);
  EXPECT_EQ(csv.str().rfind("option,metric,unit,year,n_nan,central,", 0), 0u);
  try {
    print_summary(path, comparison, SummaryFormat::ComparisonCsv);
    ADD_FAILURE() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("holds a single option"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace pcsim::output
