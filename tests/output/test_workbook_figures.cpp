// What the workbook shows, decided apart from libxlsxwriter (output/xlsx_figures.hpp and
// output/export_attributes.hpp): the rows of the drivers of the NPV, the fan charts' shared
// scale, the words for a metric's NaN and the attributes written as numbers. The workbook
// itself is read back with openpyxl by tests/cli/check_exports.py.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "output/export_attributes.hpp"
#include "output/xlsx_figures.hpp"

namespace pcsim::output::xlsx {
namespace {

const double kNoRho = std::nan("");

// The baseline varies two parameters; an option varies them too, and one of its own that
// the baseline fixes and that drives its NPV most (the workbook audit: such rows were left
// out of the Drivers of NPV sheet).
std::vector<NpvCorrelations> baseline_and_option() {
  return {{"stay joint", {"savings.eur_reduction", "funding.allocation_growth"}, {0.91, -0.07}},
          {"level up",
           {"savings.eur_reduction", "funding.allocation_growth", "savings.prescribing_reduction"},
           {0.22, -0.03, 0.88}}};
}

TEST(WorkbookDrivers, EveryParameterOfEveryOptionOnce) {
  const auto rows = driver_rows(baseline_and_option());
  ASSERT_EQ(rows.size(), 3u);
  std::vector<std::string> names;
  for (const auto& row : rows) names.push_back(row.parameter);
  EXPECT_EQ(names,
            (std::vector<std::string>{"savings.eur_reduction", "savings.prescribing_reduction",
                                      "funding.allocation_growth"}));
}

TEST(WorkbookDrivers, BlankWhereTheOptionDoesNotVaryIt) {
  const auto rows = driver_rows(baseline_and_option());
  const DriverRow& own = rows[1];  // savings.prescribing_reduction
  EXPECT_EQ(own.varied, (std::vector<char>{0, 1}));
  EXPECT_TRUE(std::isnan(own.rho[0]));
  EXPECT_EQ(own.rho[1], 0.88);
  EXPECT_EQ(rows[0].rho, (std::vector<double>{0.91, 0.22}));
}

// Ordered by the largest |rho| over the options, a negative one as large as a positive;
// a parameter with no defined rho (its option's NPV never varies) last.
TEST(WorkbookDrivers, LargestAbsoluteCorrelationOverTheOptionsFirst) {
  const std::vector<NpvCorrelations> correlations = {
      {"a", {"small", "undefined", "negative"}, {0.1, kNoRho, -0.6}},
      {"b", {"small", "large in b"}, {0.2, 0.5}}};
  const auto rows = driver_rows(correlations);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].parameter, "negative");
  EXPECT_EQ(rows[0].largest_abs, 0.6);
  EXPECT_EQ(rows[1].parameter, "large in b");
  EXPECT_EQ(rows[2].parameter, "small");
  EXPECT_EQ(rows[2].largest_abs, 0.2);
  EXPECT_EQ(rows[3].parameter, "undefined");
  EXPECT_EQ(rows[3].varied, (std::vector<char>{1, 0}));
  EXPECT_EQ(rows[3].largest_abs, -1.0);
}

TEST(WorkbookDrivers, NoCorrelationsNoRows) { EXPECT_TRUE(driver_rows({}).empty()); }

// Round steps that hold every value: £-2.9m to £0.4m on steps of £1m.
TEST(WorkbookScale, HoldsEveryValueOnRoundSteps) {
  const std::vector<double> values = {-2.9e6, -1.2e6, 0.4e6, kNoRho};
  const auto scale = shared_scale(values);
  ASSERT_TRUE(scale.has_value());
  EXPECT_EQ(scale->step, 1e6);
  EXPECT_EQ(scale->min, -3e6);
  EXPECT_EQ(scale->max, 1e6);
}

TEST(WorkbookScale, StepsOfTwoAndAHalfAndFive) {
  const std::vector<double> headcount = {253.0, 281.0};  // 28 / 5 = 5.6: steps of 10
  const auto a = shared_scale(headcount);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->step, 10);
  EXPECT_EQ(a->min, 250);
  EXPECT_EQ(a->max, 290);
  const std::vector<double> shares = {0.0, 0.11};  // 0.022: steps of 0.025
  const auto b = shared_scale(shares);
  ASSERT_TRUE(b.has_value());
  EXPECT_DOUBLE_EQ(b->step, 0.025);
  EXPECT_EQ(b->min, 0);
  EXPECT_GE(b->max, 0.11);
  EXPECT_LT(b->max, 0.11 + b->step);
}

TEST(WorkbookScale, ConstantValuesGetAStepEitherSide) {
  const std::vector<double> zeros = {0.0, 0.0};
  const auto zero = shared_scale(zeros);
  ASSERT_TRUE(zero.has_value());
  EXPECT_EQ(zero->min, 0);
  EXPECT_EQ(zero->max, 1);
  const std::vector<double> spend = {45455184.3, 45455184.3};
  const auto constant = shared_scale(spend);
  ASSERT_TRUE(constant.has_value());
  EXPECT_LT(constant->min, 45455184.3);
  EXPECT_GT(constant->max, 45455184.3);
  const std::vector<double> on_step = {50.0};
  const auto both = shared_scale(on_step);
  ASSERT_TRUE(both.has_value());
  EXPECT_LT(both->min, 50);
  EXPECT_GT(both->max, 50);
}

TEST(WorkbookScale, NothingFiniteNoScale) {
  const std::vector<double> none = {kNoRho, std::numeric_limits<double>::infinity()};
  EXPECT_FALSE(shared_scale(none).has_value());
  EXPECT_FALSE(shared_scale({}).has_value());
}

TEST(WorkbookWords, FlagsAndTheirLabel) {
  EXPECT_TRUE(is_flag("0/1"));
  EXPECT_FALSE(is_flag("probability"));
  EXPECT_FALSE(is_flag("GBP"));
  EXPECT_EQ(flag_label("overspend"), "P(overspend)");
}

TEST(WorkbookWords, NaNIsSaidInPlainEnglish) {
  EXPECT_EQ(description_in_words("savings / investment (NaN when investment is 0)"),
            "savings / investment (undefined when the option invests nothing)");
  EXPECT_EQ(description_in_words("x / y (NaN when y is 0)"), "x / y (undefined when y is 0)");
  EXPECT_EQ(description_in_words("NaNometre count"), "NaNometre count");
  EXPECT_EQ(description_in_words("patients registered"), "patients registered");
}

}  // namespace
}  // namespace pcsim::output::xlsx

namespace pcsim::output {
namespace {

// Numbers where a spreadsheet cell holds the text without loss; text otherwise.
TEST(ExportAttributes, NumbersThatLoseNothing) {
  EXPECT_EQ(number_in_text("471705"), 471705.0);
  EXPECT_EQ(number_in_text("-3"), -3.0);
  EXPECT_EQ(number_in_text("0"), 0.0);
  EXPECT_EQ(number_in_text("37289083.19999999"), 37289083.19999999);
  EXPECT_EQ(number_in_text("0.5"), 0.5);
  EXPECT_EQ(number_in_text("999999999999999"), 999999999999999.0);  // 15 digits
}

TEST(ExportAttributes, TextThatANumberWouldChange) {
  EXPECT_FALSE(number_in_text("12345678901234567890").has_value());  // a seed of 20 digits
  EXPECT_FALSE(number_in_text("1000000000000000").has_value());      // 16 digits
  EXPECT_FALSE(number_in_text("007").has_value());
  EXPECT_FALSE(number_in_text("1.50").has_value());
  EXPECT_FALSE(number_in_text("1e5").has_value());
  EXPECT_FALSE(number_in_text("0.1000000000000000055511").has_value());  // not the shortest
  EXPECT_FALSE(number_in_text("0.2.0").has_value());
  EXPECT_FALSE(number_in_text("").has_value());
  EXPECT_FALSE(number_in_text("-").has_value());
  EXPECT_FALSE(number_in_text("2016/17").has_value());
  EXPECT_FALSE(number_in_text("c66aa106351e4f2c").has_value());
  EXPECT_FALSE(number_in_text("+5").has_value());
  EXPECT_FALSE(number_in_text(" 5").has_value());
}

}  // namespace
}  // namespace pcsim::output
