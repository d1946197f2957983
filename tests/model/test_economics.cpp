#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/errors.hpp"
#include "model/economics.hpp"

namespace pcsim::model {
namespace {

// Cash and year-0 prices the same: the NPV's discounting alone.
FundingParameters no_inflation() {
  FundingParameters funding;
  funding.inflation = 0;
  return funding;
}

// NPV of a known stream: net benefit -100, 60, 60 in years 1..3 at 3.5%, discounted from
// year 1. By hand: 1.035^1 = 1.035, 1.035^2 = 1.071225, 1.035^3 = 1.108717875;
// -100/1.035 = -96.618357, 60/1.071225 = 56.010642, 60/1.108717875 = 54.116562;
// sum = 13.508847.
TEST(Economics, NpvOfKnownStreamDiscountedFromYearOne) {
  const std::vector<double> investment = {100, 0, 0};
  const std::vector<double> savings = {0, 60, 60};
  EconomicsParameters economics;
  economics.discount_rate = 0.035;
  EXPECT_NEAR(npv(economics, no_inflation(), investment, savings), 13.508847, 1e-6);
}

// At a zero discount rate the NPV is the plain sum of net benefits: -100 + 60 + 60 = 20.
TEST(Economics, NpvAtZeroRateIsUndiscountedSum) {
  const std::vector<double> investment = {100, 0, 0};
  const std::vector<double> savings = {0, 60, 60};
  EconomicsParameters economics;
  economics.discount_rate = 0.0;
  EXPECT_DOUBLE_EQ(npv(economics, no_inflation(), investment, savings), 20.0);
}

// The Green Book rate is real: a flow that is constant in year-0 prices, £100 a year in
// year-0 money paid in cash as 100 x 1.02^t at 2% inflation, is worth what £100 a year is
// at 3.5%, whatever the inflation. By hand: 100/1.035 + 100/1.071225 + 100/1.108717875
// = 96.618357 + 93.351070 + 90.194271 = 280.163698.
TEST(Economics, NpvDeflatesCashFlowsToYearZeroPricesBeforeDiscounting) {
  const std::vector<double> investment = {0, 0, 0};
  const std::vector<double> savings = {102, 104.04, 106.1208};
  EconomicsParameters economics;
  economics.discount_rate = 0.035;
  FundingParameters funding;
  funding.inflation = 0.02;
  EXPECT_NEAR(npv(economics, funding, investment, savings), 280.163698, 1e-6);
  // Deflating then discounting at the real rate r is discounting the cash flows at the
  // nominal rate (1 + r)(1 + inflation) - 1 = 5.57%: 102/1.0557 + 104.04/1.0557^2 +
  // 106.1208/1.0557^3, the same sum.
  const double nominal = 1.035 * 1.02;
  EXPECT_NEAR(npv(economics, funding, investment, savings),
              102 / nominal + 104.04 / (nominal * nominal) + 106.1208 / std::pow(nominal, 3), 1e-9);
  // With no inflation cash and year-0 prices are the same flows.
  funding.inflation = 0;
  EXPECT_NEAR(npv(economics, funding, investment, savings),
              102 / 1.035 + 104.04 / 1.071225 + 106.1208 / 1.108717875, 1e-9);
}

// Payback year: cumulative investment 100, 100, 100 against cumulative savings 0, 60, 120:
// savings first reach the investment in year 3.
TEST(Economics, PaybackYearIsFirstYearCumulativeSavingsCoverInvestment) {
  const std::vector<double> investment = {100, 0, 0};
  const std::vector<double> savings = {0, 60, 60};
  EXPECT_DOUBLE_EQ(payback_year(investment, savings), 3.0);
}

// Savings equal to investment in year 1 (Bolton's 100% ROI) pay back in year 1.
TEST(Economics, PaybackInYearOneWhenSavingsEqualInvestment) {
  const std::vector<double> investment = {3.5e6, 3.5e6};
  const std::vector<double> savings = {3.5e6, 3.0e6};
  EXPECT_DOUBLE_EQ(payback_year(investment, savings), 1.0);
}

// No payback within the series: cumulative savings 10, 20, 30 never reach 100.
TEST(Economics, PaybackIsNanWhenNeverReached) {
  const std::vector<double> investment = {100, 0, 0};
  const std::vector<double> savings = {10, 10, 10};
  EXPECT_TRUE(std::isnan(payback_year(investment, savings)));
}

// With no investment at all there is nothing to pay back (cumulative investment must be
// positive), even though savings are positive.
TEST(Economics, PaybackIsNanWithoutInvestment) {
  const std::vector<double> investment = {0, 0};
  const std::vector<double> savings = {5, 5};
  EXPECT_TRUE(std::isnan(payback_year(investment, savings)));
}

// ROI is savings / investment (750 / 500 = 1.5) and NaN when investment is 0.
TEST(Economics, RoiIsRatioAndNanOnZeroInvestment) {
  EXPECT_DOUBLE_EQ(roi(500, 750), 1.5);
  EXPECT_TRUE(std::isnan(roi(0, 750)));
  EXPECT_TRUE(std::isnan(roi(0, 0)));
}

// Net cost = investment - savings: 3.5m - 2.95m = 0.55m.
TEST(Economics, NetCostIsInvestmentLessSavings) {
  EXPECT_DOUBLE_EQ(net_cost(3.5e6, 2.95e6), 0.55e6);
}

// Cumulative ROI: investment 100, 50, 0 and savings 20, 100, 60 give cumulative
// investment 100, 150, 150 and savings 20, 120, 180, so ROI 0.2, 0.8, 1.2.
TEST(Economics, CumulativeRoiUsesRunningTotals) {
  const std::vector<double> investment = {100, 50, 0};
  const std::vector<double> savings = {20, 100, 60};
  std::vector<double> out(3);
  cumulative_roi(investment, savings, out);
  EXPECT_DOUBLE_EQ(out[0], 0.2);
  EXPECT_DOUBLE_EQ(out[1], 0.8);
  EXPECT_DOUBLE_EQ(out[2], 1.2);
}

// Cumulative ROI is NaN while nothing has been invested, then defined: investment 0, 40
// and savings 10, 10 give NaN then 20/40 = 0.5.
TEST(Economics, CumulativeRoiNanUntilFirstInvestment) {
  const std::vector<double> investment = {0, 40};
  const std::vector<double> savings = {10, 10};
  std::vector<double> out(2);
  cumulative_roi(investment, savings, out);
  EXPECT_TRUE(std::isnan(out[0]));
  EXPECT_DOUBLE_EQ(out[1], 0.5);
}

// Series of different lengths are a caller bug, reported as ModelError.
TEST(Economics, UnequalSeriesLengthsAreRejected) {
  const std::vector<double> investment = {1, 2};
  const std::vector<double> savings = {1};
  std::vector<double> out(2);
  EXPECT_THROW(npv(EconomicsParameters{}, FundingParameters{}, investment, savings), ModelError);
  EXPECT_THROW(payback_year(investment, savings), ModelError);
  EXPECT_THROW(cumulative_roi(investment, savings, out), ModelError);
}

}  // namespace
}  // namespace pcsim::model
