#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/errors.hpp"
#include "model/events.hpp"
#include "model/funding.hpp"
#include "model/percentile.hpp"
#include "model/ramp.hpp"
#include "random/philox_events.hpp"

namespace pcsim::model {
namespace {

// The three-practice example used throughout: f0 = 70, 80, 95 £ per weighted patient,
// weighted lists W = 5000, 8000, 4000 (held constant), inflation 2%, phase-in Y = 2.
constexpr std::array<double, 3> kF0 = {70, 80, 95};
constexpr std::array<double, 3> kW = {5000, 8000, 4000};

FundingParameters three_practice_funding() {
  FundingParameters funding;
  funding.levelling_up = true;
  funding.target = LevellingTarget::Median;
  funding.levelling_years = 2;
  funding.inflation = 0.02;
  return funding;
}

// f* of the three practices by levelling_baseline: one area, every practice trusted (no
// minimum list, no ratio rule), core funding f0 W.
double levelling_target(const FundingParameters& funding_in, const std::array<double, 3>& f0) {
  FundingParameters funding = funding_in;
  funding.trust_min_weighted_list = 0;
  funding.trust_max_ratio_to_median = 1e9;
  PracticeSet set;
  for (std::size_t p = 0; p < f0.size(); ++p) {
    PracticeBaseline practice;
    practice.code = std::string("P").append(std::to_string(p));
    practice.ccg_code = "00A";
    practice.registered_patients = kW[p];
    practice.weighted_patients = kW[p];
    practice.core_funding = f0[p] * kW[p];
    set.practices.push_back(practice);
  }
  return levelling_baseline(funding, set, baseline_funding_per_weighted(set)).target.at(0);
}

Pounds levelling_up_total(const FundingParameters& funding, double f_star, int t) {
  Pounds total = 0;
  for (std::size_t p = 0; p < kF0.size(); ++p)
    total += levelling_up_cost(funding, kF0[p], f_star, kW[p], t);
  return total;
}

// I(t) = 1.02^t: I(0) = 1, I(1) = 1.02, I(2) = 1.0404.
TEST(Funding, InflationIndexCompounds) {
  const FundingParameters funding = three_practice_funding();
  EXPECT_DOUBLE_EQ(inflation_index(funding, 0), 1.0);
  EXPECT_DOUBLE_EQ(inflation_index(funding, 1), 1.02);
  EXPECT_NEAR(inflation_index(funding, 2), 1.0404, 1e-12);
}

// ramp(t, Y) = min(1, t/Y), 1 when Y <= 0: ramp(1, 2) = 0.5, ramp(3, 2) = 1, ramp(1, 0) = 1.
TEST(Funding, RampPhasesInAndSaturates) {
  EXPECT_DOUBLE_EQ(ramp(0, 2), 0.0);
  EXPECT_DOUBLE_EQ(ramp(1, 2), 0.5);
  EXPECT_DOUBLE_EQ(ramp(3, 2), 1.0);
  EXPECT_DOUBLE_EQ(ramp(1, 0), 1.0);
}

// Hand-worked levelling up, median target f* = 80 (middle of 70, 80, 95):
// year 1: practice A (70 < 80): f = 1.02 (70 + 10 * 1/2) = 76.5; f0 I = 71.4;
//         cost = 5.1 * 5000 = 25,500. B sits at the target (0), C is above (0, no level
//         down). LU(1) = 25,500.
// year 2: A: f = 1.0404 * 80 = 83.232; f0 I = 72.828; cost = 10.404 * 5000 = 52,020.
// year 3: A: 10 * 1.061208 * 5000 = 53,060.40 (fully phased in, inflation only).
TEST(Funding, LevellingUpCostThreePracticesByHand) {
  const FundingParameters funding = three_practice_funding();
  const double f_star = levelling_target(funding, kF0);
  EXPECT_DOUBLE_EQ(f_star, 80.0);
  EXPECT_NEAR(levelled_funding_per_weighted(funding, 70, f_star, 1), 76.5, 1e-9);
  EXPECT_NEAR(levelling_up_total(funding, f_star, 1), 25500.0, 1e-6);
  EXPECT_NEAR(levelling_up_total(funding, f_star, 2), 52020.0, 1e-6);
  EXPECT_NEAR(levelling_up_total(funding, f_star, 3), 53060.4, 1e-6);
}

// Mean target, weighted by weighted patients: total core funding / total weighted list =
// (70 x 5000 + 80 x 8000 + 95 x 4000) / 17000 = 1,370,000 / 17,000 = 1370/17 = 80.588...
// (the unweighted mean of the ratios would be 81.667). Year 2 (fully phased) cost:
// A: (1370/17 - 70) x 1.0404 x 5000 = 180/17 x 5202 = 55,080; B: 10/17 x 1.0404 x 8000 =
// 4,896; C above target: 0. Total 59,976.
TEST(Funding, MeanTargetIsWeightedByWeightedPatients) {
  FundingParameters funding = three_practice_funding();
  funding.target = LevellingTarget::Mean;
  const double f_star = levelling_target(funding, kF0);
  EXPECT_NEAR(f_star, 1370.0 / 17.0, 1e-12);
  EXPECT_NEAR(levelling_up_total(funding, f_star, 2), 59976.0, 1e-6);
}

// Percentile target by linear interpolation between order statistics of 70, 80, 95:
// 25th: h = 2 * 0.25 = 0.5 -> 70 + 0.5 * 10 = 75; 90th: h = 1.8 -> 80 + 0.8 * 15 = 92;
// 0th = 70, 100th = 95.
TEST(Funding, PercentileTargetInterpolates) {
  FundingParameters funding = three_practice_funding();
  funding.target = LevellingTarget::Percentile;
  funding.target_percentile = 25;
  EXPECT_DOUBLE_EQ(levelling_target(funding, kF0), 75.0);
  funding.target_percentile = 90;
  EXPECT_NEAR(levelling_target(funding, kF0), 92.0, 1e-12);
  funding.target_percentile = 0;
  EXPECT_DOUBLE_EQ(levelling_target(funding, kF0), 70.0);
  funding.target_percentile = 100;
  EXPECT_DOUBLE_EQ(levelling_target(funding, kF0), 95.0);
}

// The percentile does not depend on the order of the values: 95, 70, 80 has the same
// median 80; a single value is its own percentile; no values is an error.
TEST(Funding, PercentileIsOrderFreeAndRejectsEmpty) {
  const std::vector<double> shuffled = {95, 70, 80};
  EXPECT_DOUBLE_EQ(percentile(shuffled, 50), 80.0);
  const std::vector<double> one = {42};
  EXPECT_DOUBLE_EQ(percentile(one, 25), 42.0);
  EXPECT_THROW(percentile(std::vector<double>{}, 50), ModelError);
  EXPECT_THROW(percentile(shuffled, 101), ModelError);
}

// A £ target is taken as given (year-0 prices): target_pounds = 85; year 1, Y = 2:
// A: 1.02 (70 + 15/2) - 71.4 = 7.65 -> 38,250; B: 1.02 (80 + 5/2) - 81.6 = 2.55 -> 20,400;
// C (95 > 85): 0. Total 58,650.
TEST(Funding, PoundsTargetAndItsCost) {
  FundingParameters funding = three_practice_funding();
  funding.target = LevellingTarget::Pounds;
  funding.target_pounds = 85;
  const double f_star = levelling_target(funding, kF0);
  EXPECT_DOUBLE_EQ(f_star, 85.0);
  EXPECT_NEAR(levelling_up_total(funding, f_star, 1), 58650.0, 1e-6);
}

// Level down capped: C (f0 = 95, f* = 80, Y = 2, max_reduction_per_year = 2%).
// year 1: phased 95 - 15/2 = 87.5; cap 95 (1 - 0.02) = 93.1; max = 93.1;
//         cost = (93.1 - 95) * 1.02 * 4000 = -7,752.
// year 2: phased 80; cap 95 (1 - 0.04) = 91.2; cost = -3.8 * 1.0404 * 4000 = -15,814.08.
TEST(Funding, LevelDownIsCappedByMaxReductionPerYear) {
  FundingParameters funding = three_practice_funding();
  funding.level_down = true;
  funding.max_reduction_per_year = 0.02;
  EXPECT_NEAR(levelled_funding_per_weighted(funding, 95, 80, 1), 1.02 * 93.1, 1e-9);
  EXPECT_NEAR(levelling_up_cost(funding, 95, 80, 4000, 1), -7752.0, 1e-6);
  EXPECT_NEAR(levelling_up_cost(funding, 95, 80, 4000, 2), -15814.08, 1e-6);
}

// With a loose cap (50% a year) the phased path binds: year 1 f = 87.5 in year-0 prices;
// cost = -7.5 * 1.02 * 4000 = -30,600. Without level_down C keeps its funding (cost 0).
TEST(Funding, LevelDownFollowsPhaseInWhenCapIsLoose) {
  FundingParameters funding = three_practice_funding();
  funding.level_down = true;
  funding.max_reduction_per_year = 0.5;
  EXPECT_NEAR(levelling_up_cost(funding, 95, 80, 4000, 1), -30600.0, 1e-6);
  funding.level_down = false;
  EXPECT_DOUBLE_EQ(levelling_up_cost(funding, 95, 80, 4000, 1), 0.0);
}

// Lever off: no levelling-up cost, and f(p,t) = f0 I(t) (70 * 1.0404 = 72.828 in year 2).
TEST(Funding, LeverOffCostsNothing) {
  FundingParameters funding = three_practice_funding();
  funding.levelling_up = false;
  EXPECT_DOUBLE_EQ(levelling_up_total(funding, 80, 1), 0.0);
  EXPECT_DOUBLE_EQ(levelling_up_total(funding, 80, 2), 0.0);
  EXPECT_NEAR(levelled_funding_per_weighted(funding, 70, 80, 2), 72.828, 1e-9);
}

// f(p,0) = core funding / W(p,0): 350,000 / 5,000 = 70; a non-positive list is a ModelError.
TEST(Funding, BaselineFundingPerWeightedPatient) {
  PracticeBaseline practice;
  practice.core_funding = 350000;
  practice.weighted_patients = 5000;
  EXPECT_DOUBLE_EQ(baseline_funding_per_weighted(practice), 70.0);
  practice.weighted_patients = 0;
  EXPECT_THROW(baseline_funding_per_weighted(practice), ModelError);
}

// Two standards: mandatory "access" (£2.00 per weighted patient, achieved with p = 0.8)
// and optional "prevention" (£1.50, sign-up share 0.6, achieved with p = 0.5).
FundingParameters two_standard_contract() {
  FundingParameters funding;
  funding.inflation = 0.02;
  QualityStandard access;
  access.name = "access";
  access.payment_per_weighted_patient = 2.0;
  access.achievement_rate = 0.8;
  access.mandatory = true;
  QualityStandard prevention;
  prevention.name = "prevention";
  prevention.payment_per_weighted_patient = 1.5;
  prevention.achievement_rate = 0.5;
  prevention.mandatory = false;
  prevention.sign_up_share = 0.6;
  funding.quality_standards = {access, prevention};
  return funding;
}

// Central case: payment = sum of applies * rate * payment * I * W. Year 2, W = 5000,
// I = 1.0404 (so I W = 5,202): access 1 * 0.8 * 2.0 * 5202 = 8,323.2; prevention
// 0.6 * 0.5 * 1.5 * 5202 = 2,340.9; total 10,664.1.
TEST(Funding, QualityContractCentralIsExpectedPayment) {
  const FundingParameters funding = two_standard_contract();
  const ExpectationEvents events;
  const std::vector<Fraction> applies = quality_sign_ups(funding, events);
  ASSERT_EQ(applies.size(), 2u);
  EXPECT_DOUBLE_EQ(applies[0], 1.0);  // mandatory
  EXPECT_DOUBLE_EQ(applies[1], 0.6);  // expectation of the sign-up
  EXPECT_NEAR(quality_payment(funding, applies, events, 5000, 2), 10664.1, 1e-6);
}

// A practice signed up to nothing optional is paid only the mandatory standard:
// 0.8 * 2.0 * 5202 = 8,323.2. No standards: no payment.
TEST(Funding, QualityContractSkipsStandardsNotApplying) {
  const FundingParameters funding = two_standard_contract();
  const ExpectationEvents events;
  const std::vector<Fraction> applies = {1.0, 0.0};
  EXPECT_NEAR(quality_payment(funding, applies, events, 5000, 2), 8323.2, 1e-6);
  const FundingParameters none;
  EXPECT_DOUBLE_EQ(quality_payment(none, std::vector<Fraction>{}, events, 5000, 2), 0.0);
  // Sign-ups for one standard against a two-standard contract are a caller bug.
  EXPECT_THROW(quality_payment(funding, std::vector<Fraction>{1.0}, events, 5000, 2), ModelError);
}

// Running cost £1m applies only at level 3, in cash terms: 1,000,000 * 1.0404 in year 2.
TEST(Funding, RunningCostOnlyAtLevelThree) {
  ModelParameters parameters;
  parameters.funding.inflation = 0.02;
  parameters.funding.running_cost = 1e6;
  parameters.commissioning_level = 3;
  EXPECT_NEAR(running_cost(parameters, 2), 1040400.0, 1e-6);
  parameters.commissioning_level = 2;
  EXPECT_DOUBLE_EQ(running_cost(parameters, 2), 0.0);
  parameters.commissioning_level = 1;
  EXPECT_DOUBLE_EQ(running_cost(parameters, 2), 0.0);
}

// Extended access: 60,000 appointments at £30 in year 1 = 1,800,000 * 1.02 = 1,836,000.
// New roles: 3 filled FTE at £50,000 in year 2 = 150,000 * 1.0404 = 156,060.
// Investment adds its five parts: 25,500 + 10,664.1 + 1,836,000 + 156,060 + 0.
TEST(Funding, OtherInvestmentInCashTerms) {
  ModelParameters parameters;
  parameters.funding.inflation = 0.02;
  parameters.capacity.extended_access_cost = 30;
  EXPECT_NEAR(extended_access_cost(parameters, 60000, 1), 1836000.0, 1e-6);
  RoleParameters pharmacist;
  pharmacist.cost_per_fte = 50000;
  EXPECT_NEAR(new_role_cost(pharmacist, parameters.funding, 3, 2), 156060.0, 1e-6);
  // Extra GP posts: 0.3 filled posts x 0.8 FTE (no trend) x 7,000 appointments x £39 in
  // year 1 = 65,520 x 1.02 = 66,830.4.
  parameters.workforce.fte_per_head = 0.8;
  parameters.workforce.fte_trend = 0;
  parameters.capacity.appointments_per_gp_fte = 7000;
  parameters.capacity.gp_appointment_cost = 39;
  EXPECT_NEAR(extra_gp_posts_cost(parameters, 0.3, 1), 66830.4, 1e-6);
  EXPECT_EQ(extra_gp_posts_cost(parameters, 0, 1), 0.0);
  InvestmentParts parts;
  parts.levelling_up = 25500;
  parts.quality_contract = 10664.1;
  parts.extended_access = 1836000;
  parts.new_roles = 156060;
  EXPECT_NEAR(parts.total(), 2028224.1, 1e-6);
}

PracticeSet three_practice_set() {
  PracticeSet set;
  for (std::size_t p = 0; p < kF0.size(); ++p) {
    PracticeBaseline practice;
    practice.weighted_patients = kW[p];
    practice.core_funding = kF0[p] * kW[p];  // 350,000; 640,000; 380,000
    set.practices.push_back(practice);
  }
  return set;
}

// Baseline spend defaults to the sum of core funding: 350,000 + 640,000 + 380,000 =
// 1,370,000; an explicit baseline_spend wins.
TEST(Funding, BaselineSpendDefaultsToCoreFunding) {
  FundingParameters funding;
  EXPECT_DOUBLE_EQ(baseline_spend(funding, three_practice_set()), 1370000.0);
  funding.baseline_spend = 2e6;
  EXPECT_DOUBLE_EQ(baseline_spend(funding, three_practice_set()), 2e6);
}

// Allocation defaults to the baseline spend: B(1) = 1,370,000 * 1.03 = 1,411,100.
// Headroom(1) = 1,411,100 - (1,370,000 * 1.02 + 25,500 + 0) = 1,411,100 - 1,422,900 =
// -11,800: an overspend. With allocation £1.5m: B(1) = 1,545,000, headroom 122,100, none.
TEST(Funding, HeadroomAndOverspendByHand) {
  FundingParameters funding;
  funding.inflation = 0.02;
  funding.allocation_growth = 0.03;
  const Pounds spend = baseline_spend(funding, three_practice_set());
  EXPECT_NEAR(budget_allocation(funding, spend, 1), 1411100.0, 1e-6);
  const Pounds short_headroom = budget_headroom(funding, spend, 25500, 0, 1);
  EXPECT_NEAR(short_headroom, -11800.0, 1e-6);
  EXPECT_DOUBLE_EQ(overspend(short_headroom), 1.0);
  funding.allocation = 1.5e6;
  const Pounds headroom = budget_headroom(funding, spend, 25500, 0, 1);
  EXPECT_NEAR(headroom, 122100.0, 1e-6);
  EXPECT_DOUBLE_EQ(overspend(headroom), 0.0);
}

// Headroom identity: each extra £ of investment or dispersal cost removes exactly £1 of
// headroom, and headroom + committed spend = B(t). Zero headroom is not an overspend.
TEST(Funding, HeadroomIdentities) {
  FundingParameters funding;
  funding.inflation = 0.025;
  funding.allocation_growth = 0.01;
  funding.allocation = 5e6;
  const Pounds spend = 4.8e6;
  const int t = 3;
  const Pounds base = budget_headroom(funding, spend, 0, 0, t);
  EXPECT_NEAR(budget_headroom(funding, spend, 1000, 0, t), base - 1000, 1e-6);
  EXPECT_NEAR(budget_headroom(funding, spend, 0, 250, t), base - 250, 1e-6);
  EXPECT_NEAR(base + spend * std::pow(1.025, 3), 5e6 * std::pow(1.01, 3), 1e-6);
  EXPECT_DOUBLE_EQ(overspend(0.0), 0.0);
}

// Stochastic quality contract (PhiloxEvents): over 20,000 iterations of one practice the
// mean year-2 payment lies within 4 standard errors of the central 10,664.1 computed above,
// the optional standard is signed up by about 60% of iterations (within 4 SE,
// SE = sqrt(0.6 * 0.4 / 20,000) = 0.0035), and every sign-up is 0 or 1.
TEST(Funding, QualityContractStochasticMeanMatchesCentral) {
  const FundingParameters funding = two_standard_contract();
  const int iterations = 20000;
  double sum = 0;
  double sum_squares = 0;
  double signed_up = 0;
  for (int i = 0; i < iterations; ++i) {
    const random::PhiloxEventsFor events_for(20171, static_cast<std::uint32_t>(i));
    const std::vector<Fraction> applies = quality_sign_ups(funding, events_for(3, 0));
    ASSERT_DOUBLE_EQ(applies[0], 1.0);
    ASSERT_TRUE(applies[1] == 0.0 || applies[1] == 1.0);
    signed_up += applies[1];
    const Pounds payment = quality_payment(funding, applies, events_for(3, 2), 5000, 2);
    sum += payment;
    sum_squares += payment * payment;
  }
  const double mean = sum / iterations;
  const double variance = (sum_squares - iterations * mean * mean) / (iterations - 1);
  const double standard_error = std::sqrt(variance / iterations);
  EXPECT_NEAR(mean, 10664.1, 4 * standard_error);
  EXPECT_NEAR(signed_up / iterations, 0.6, 4 * std::sqrt(0.6 * 0.4 / iterations));
}

}  // namespace
}  // namespace pcsim::model

namespace pcsim::model {
namespace {

// Fact: who bears an overspend. Headroom -200,000: the overspend is 200,000. Delegated
// (level 3) with the commissioner bearing 75%: 150,000 and 50,000 to NHS England; joint
// (level 2) with the default share 0: all 200,000 to NHS England; no overspend, nothing.
TEST(Funding, OverspendIsSharedByTheRiskSharingRule) {
  ModelParameters m;
  m.commissioning_level = 3;
  m.funding.commissioner_overspend_share_delegated = 0.75;
  const OverspendBorne delegated = overspend_borne(m, -200000);
  EXPECT_EQ(delegated.total, 200000);
  EXPECT_EQ(delegated.commissioner, 150000);
  EXPECT_EQ(delegated.nhs_england, 50000);
  m.commissioning_level = 2;
  const OverspendBorne joint = overspend_borne(m, -200000);
  EXPECT_EQ(joint.commissioner, 0);
  EXPECT_EQ(joint.nhs_england, 200000);
  const OverspendBorne none = overspend_borne(m, 5000);
  EXPECT_EQ(none.total + none.commissioner + none.nhs_england, 0);
}

}  // namespace
}  // namespace pcsim::model
