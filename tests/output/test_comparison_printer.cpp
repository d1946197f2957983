// `pcsim summary` on a file that compares options: the comparison table comes first, as
// text and as CSV, with the hand-worked values of comparison_example.hpp.
#include "output/comparison_printer.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "comparison_example.hpp"
#include "output/results_writer.hpp"
#include "output/summary_printer.hpp"
#include "sample_results.hpp"

namespace pcsim::output {
namespace {

using namespace testing;
namespace fs = std::filesystem;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

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
  std::string print(bool csv) {
    std::ostringstream out;
    print_summary(path_, out, csv);
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

// Fact: one row per option with E[NPV], the NPV's P10 to P90 (type 7 on 4 values,
// h = 0.3 and 2.7: baseline {0, 1, 2, 5} £m -> 0.3 and 2 + 0.7 x 3 = 4.1; invest
// {0, 1, 3, 7} -> 0.3 and 3 + 0.7 x 4 = 5.8; defer {0, 0, 1, 5} -> 0 and 1 + 0.7 x 4 = 3.8),
// P(best) 1/3, 11/24, 5/24, P(overspend in any year) 2/4, 1/4, 2/4, and the mean gap in the
// last year 65, 25, 65; then the EVPI 3.25 - 2.75 = £0.5m.
TEST_F(ComparisonPrinter, TextTableByHand) {
  const std::string text = print(false);
  EXPECT_EQ(row(text, "baseline"),
            (std::vector<std::string>{"£2,000,000", "£300,000", "to", "£4,100,000", "33.3%",
                                      "50.0%", "65.0"}));
  EXPECT_EQ(row(text, "invest"),
            (std::vector<std::string>{"£2,750,000", "£300,000", "to", "£5,800,000", "45.8%",
                                      "25.0%", "25.0"}));
  EXPECT_EQ(row(text, "defer"),
            (std::vector<std::string>{"£1,500,000", "£0", "to", "£3,800,000", "20.8%", "50.0%",
                                      "65.0"}));
  EXPECT_NE(text.find("EVPI £500,000:"), std::string::npos) << text;
  EXPECT_NE(text.find("gap 2018/19"), std::string::npos) << text;
}

// Fact: the comparison comes after the provenance header and before the per-option
// tables, and no line is wider than 100 characters on screen.
TEST_F(ComparisonPrinter, TextComesFirstWithin100Columns) {
  const std::string text = print(false);
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

// Fact: --csv starts with the comparison table (a header, one row per option with the
// same hand values as numbers: probabilities as shares, £ unformatted, the EVPI on every
// row), then a blank line, then the statistics CSV with its own header.
TEST_F(ComparisonPrinter, CsvTableThenBlankLineThenStatistics) {
  const auto lines = lines_of(print(true));
  ASSERT_GE(lines.size(), 6u);
  EXPECT_EQ(lines[0],
            "option,expected_npv,npv_p10,npv_p90,p_best_npv,p_overspend_any_year,"
            "appointments_gap_last_year,evpi");
  const auto invest = fields_of(lines[2]);
  ASSERT_EQ(invest.size(), 8u);
  EXPECT_EQ(invest[0], "invest");
  const std::vector<double> expected = {2.75e6, 0.3e6, 5.8e6, 11.0 / 24.0, 0.25, 25, 0.5e6};
  for (std::size_t k = 0; k < expected.size(); ++k) {
    EXPECT_NEAR(std::stod(invest[k + 1]), expected[k], 1e-9 * std::max(1.0, expected[k])) << k;
  }
  EXPECT_EQ(fields_of(lines[1])[0], "baseline");
  EXPECT_EQ(fields_of(lines[3])[0], "defer");
  EXPECT_EQ(lines[4], "");
  EXPECT_EQ(lines[5].rfind("option,metric,unit,year,n_nan,", 0), 0u) << lines[5];
}

// Fact: a run with one option has no comparison: the text has no comparison table and
// the CSV starts with the statistics header.
TEST(ComparisonPrinterSingle, OneOptionPrintsNoComparison) {
  TempDir dir;
  RunResults run = example_run();
  run.options.resize(1);
  Provenance provenance = sample_provenance();
  provenance.iterations = kExampleIterations;
  const auto path = dir.path() / "single.h5";
  write_results(path, false, run, provenance);
  std::ostringstream text, csv;
  print_summary(path, text, false);
  print_summary(path, csv, true);
  EXPECT_EQ(text.str().find("Comparison of options"), std::string::npos);
  EXPECT_EQ(csv.str().rfind("option,metric,unit,year,n_nan,", 0), 0u);
}

}  // namespace
}  // namespace pcsim::output
