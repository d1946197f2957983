#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "model/events.hpp"
#include "model/funding.hpp"
#include "model/savings.hpp"
#include "random/philox_events.hpp"

namespace pcsim::model {
namespace {

// Seven practices in three peer groups: group 0 has five practices with baseline referral
// rates 250, 310, 280, 400, 330 (per 1,000 weighted); group 1 has two, 200 and 300;
// group 2 has none.
PracticeSet seven_practices_three_groups() {
  PracticeSet set;
  set.peer_groups = 3;
  const std::vector<int> groups = {0, 0, 1, 0, 0, 1, 0};
  for (int g : groups) {
    PracticeBaseline practice;
    practice.peer_group = g;
    set.practices.push_back(practice);
  }
  return set;
}
const std::vector<double> kSevenRates = {250, 310, 200, 280, 400, 300, 330};

// Benchmark = 25th percentile within each group. Group 0 sorted: 250, 280, 310, 330, 400;
// h = 4 * 0.25 = 1 -> 280. Group 1 sorted 200, 300: h = 0.25 -> 200 + 0.25 * 100 = 225.
// Group 2 is empty: NaN. At the 10th percentile group 0 gives h = 0.4 -> 250 + 0.4 * 30 = 262.
TEST(Savings, PeerBenchmarkPercentileByHand) {
  SavingsParameters savings;
  savings.benchmark_percentile = 25;
  const std::vector<double> bench =
      peer_benchmarks(savings, seven_practices_three_groups(), kSevenRates);
  ASSERT_EQ(bench.size(), 3u);
  EXPECT_DOUBLE_EQ(bench[0], 280.0);
  EXPECT_DOUBLE_EQ(bench[1], 225.0);
  EXPECT_TRUE(std::isnan(bench[2]));
  savings.benchmark_percentile = 10;
  EXPECT_NEAR(peer_benchmarks(savings, seven_practices_three_groups(), kSevenRates)[0], 262.0,
              1e-12);
}

// Convergence closes the stated share of the gap each year: with r(0) = 400, bench = 280,
// convergence 0.2, the gap after t years is 120 * 0.8^t; after 3 years 120 * 0.512 =
// 61.44, so r(3) = 341.44. Iterating the one-year step must match the closed form each year.
TEST(Savings, ConvergenceClosesShareOfGapEachYear) {
  SavingsParameters savings;
  savings.benchmarking = true;
  savings.convergence = 0.2;
  double rate = 400;
  for (int t = 1; t <= 10; ++t) {
    rate = benchmarked_rate(savings, rate, 280);
    EXPECT_NEAR(rate - 280, 120 * std::pow(0.8, t), 1e-9) << "year " << t;
  }
  double three_years = 400;
  for (int t = 1; t <= 3; ++t) three_years = benchmarked_rate(savings, three_years, 280);
  EXPECT_NEAR(three_years, 341.44, 1e-9);
}

// A practice already better than its benchmark keeps its rate; with the lever off every
// practice keeps its rate.
TEST(Savings, BenchmarkingNeverRaisesRatesAndIsOffByDefault) {
  SavingsParameters savings;
  savings.benchmarking = true;
  EXPECT_DOUBLE_EQ(benchmarked_rate(savings, 250, 280), 250.0);
  savings.benchmarking = false;
  EXPECT_DOUBLE_EQ(benchmarked_rate(savings, 400, 280), 400.0);
}

// EUR effect e(t) = limited_value_share * eur_reduction * ramp(t, ramp_years):
// 0.05 * 0.28 = 0.014 at full effect; with a 2-year ramp e(1) = 0.007, e(2) = e(5) = 0.014.
// No ramp (ramp_years = 0) acts in full in year 1; lever off: 0.
TEST(Savings, EurEffectWithRamp) {
  SavingsParameters savings;
  savings.eur = true;
  savings.limited_value_share = 0.05;
  savings.eur_reduction = 0.28;
  savings.ramp_years = 2;
  EXPECT_NEAR(eur_effect(savings, 1), 0.007, 1e-15);
  EXPECT_NEAR(eur_effect(savings, 2), 0.014, 1e-15);
  EXPECT_NEAR(eur_effect(savings, 5), 0.014, 1e-15);
  savings.ramp_years = 0;
  EXPECT_NEAR(eur_effect(savings, 1), 0.014, 1e-15);
  savings.eur = false;
  EXPECT_DOUBLE_EQ(eur_effect(savings, 1), 0.0);
}

// Bolton-like referral savings, EUR only: 300,000 weighted patients at 300 referrals per
// 1,000 -> 90,000 baseline referrals; e = 0.014 -> 88,740 referrals, 1,260 avoided;
// savings = 1,260 * £570 * 1.02 = £732,564 (Bolton reported about £750,000).
TEST(Savings, BoltonLikeReferralSavingsByHand) {
  SavingsParameters savings;
  savings.eur = true;
  savings.limited_value_share = 0.05;
  savings.eur_reduction = 0.28;
  savings.ramp_years = 1;
  savings.cost_per_referral = 570;
  const ReferralYear year = referral_year(savings, 300, 300, 300000, 1.02, 1);
  EXPECT_NEAR(year.baseline, 90000.0, 1e-6);
  EXPECT_NEAR(year.referrals, 88740.0, 1e-6);
  EXPECT_NEAR(year.avoided, 1260.0, 1e-6);
  EXPECT_NEAR(year.savings, 732564.0, 1e-4);
}

// Benchmarking and EUR together on one practice: W = 10,000, r(0) = 350, r(1) = 340,
// e = 0.014: referrals = 340 * 10 * 0.986 = 3,352.4; baseline 3,500; avoided 147.6;
// savings = 147.6 * 570 * 1.02 = £85,814.64.
TEST(Savings, ReferralSavingsCombineBenchmarkAndEur) {
  SavingsParameters savings;
  savings.eur = true;
  savings.limited_value_share = 0.05;
  savings.eur_reduction = 0.28;
  savings.ramp_years = 1;
  savings.cost_per_referral = 570;
  const ReferralYear year = referral_year(savings, 350, 340, 10000, 1.02, 1);
  EXPECT_NEAR(year.referrals, 3352.4, 1e-9);
  EXPECT_NEAR(year.avoided, 147.6, 1e-9);
  EXPECT_NEAR(year.savings, 85814.64, 1e-6);
}

// No levers: referrals equal the baseline, nothing avoided, nothing saved.
TEST(Savings, NoLeversNoReferralSavings) {
  const SavingsParameters savings;
  const ReferralYear year = referral_year(savings, 320, 320, 7000, 1.05, 4);
  EXPECT_NEAR(year.referrals, 2240.0, 1e-9);  // 320 * 7
  EXPECT_DOUBLE_EQ(year.avoided, 0.0);
  EXPECT_DOUBLE_EQ(year.savings, 0.0);
}

// Prescribing: £150 per weighted patient, 300,000 weighted -> £45m in year 0.
// Growth 3%: year 1 cost 46,350,000; year 2 cost 45m * 1.0609 = 47,740,500.
// KPI 5% with a 2-year ramp: year 1 46.35m * 0.05 * 0.5 = 1,158,750;
// year 2 47,740,500 * 0.05 = 2,387,025. KPI off: same cost, no savings.
TEST(Savings, PrescribingSavingsWithGrowthAndRamp) {
  SavingsParameters savings;
  savings.prescribing_growth = 0.03;
  savings.prescribing_kpi = true;
  savings.prescribing_reduction = 0.05;
  savings.ramp_years = 2;
  const PrescribingYear one = prescribing_year(savings, 150, 300000, 1);
  EXPECT_NEAR(one.cost, 46350000.0, 1e-4);
  EXPECT_NEAR(one.savings, 1158750.0, 1e-4);
  const PrescribingYear two = prescribing_year(savings, 150, 300000, 2);
  EXPECT_NEAR(two.cost, 47740500.0, 1e-4);
  EXPECT_NEAR(two.savings, 2387025.0, 1e-4);
  savings.prescribing_kpi = false;
  const PrescribingYear off = prescribing_year(savings, 150, 300000, 2);
  EXPECT_NEAR(off.cost, 47740500.0, 1e-4);
  EXPECT_DOUBLE_EQ(off.savings, 0.0);
}

// pres(p,0) and r(p,0) come from the practice file when given, else the defaults.
TEST(Savings, PracticeFileValuesOverrideDefaults) {
  SavingsParameters savings;
  savings.prescribing_per_weighted = 150;
  savings.referrals_per_1000_weighted = 300;
  PracticeBaseline practice;
  EXPECT_DOUBLE_EQ(prescribing_baseline_per_weighted(savings, practice), 150.0);
  EXPECT_DOUBLE_EQ(referral_baseline_rate(savings, practice, 300.0, ExpectationEvents{}), 300.0);
  practice.prescribing_per_weighted = 132.5;
  practice.referrals_per_1000_weighted = 271;
  EXPECT_DOUBLE_EQ(prescribing_baseline_per_weighted(savings, practice), 132.5);
  EXPECT_DOUBLE_EQ(referral_baseline_rate(savings, practice, 300.0, ExpectationEvents{}), 271.0);
  EXPECT_DOUBLE_EQ(referral_baseline_rate(savings, practice, 300.0, 2.5), 271.0);  // z ignored
}

// Fact: a peer group's rate is its file rates weighted by weighted list: group 0 holds
// 200 on 1,000 and 300 on 3,000 weighted patients, (200,000 + 900,000) / 4,000 = 275 (a
// practice with no file rate, and one with no weighted list, add nothing); group 1 has no
// file rate and takes the default 250; a practice in no group (-1, or 2 of 2 groups) is
// left out. A practice's centre is its group's rate, or the default outside the groups.
TEST(Savings, PeerGroupReferralRatesByHand) {
  SavingsParameters savings;
  savings.referrals_per_1000_weighted = 250;
  PracticeSet set;
  set.peer_groups = 2;
  const auto add = [&](int group, double weighted, double rate) {
    PracticeBaseline p;
    p.peer_group = group;
    p.weighted_patients = weighted;
    p.referrals_per_1000_weighted = rate;
    set.practices.push_back(p);
  };
  const double none = std::nan("");
  add(0, 1000, 200);
  add(0, 3000, 300);
  add(0, 5000, none);
  add(0, 0, 900);
  add(1, 2000, none);
  add(-1, 2000, 10);
  add(2, 2000, 10);
  const std::vector<double> rates = peer_group_referral_rates(savings, set);
  ASSERT_EQ(rates.size(), 2U);
  EXPECT_DOUBLE_EQ(rates[0], 275.0);
  EXPECT_EQ(rates[1], 250.0);
  EXPECT_EQ(referral_centre(savings, rates, 0), rates[0]);
  EXPECT_EQ(referral_centre(savings, rates, 1), 250.0);
  EXPECT_EQ(referral_centre(savings, rates, -1), 250.0);
  EXPECT_EQ(referral_centre(savings, rates, 2), 250.0);
  // The central case takes the centre; a draw is centred on it (z = 1: 275 exp(s - s^2/2)
  // with cv 0.15, 275 x 1.1480227 = 315.7062).
  savings.referral_rate_cv = 0.15;
  const PracticeBaseline missing;
  EXPECT_EQ(referral_baseline_rate(savings, missing, rates[0], ExpectationEvents{}), 275.0);
  EXPECT_NEAR(referral_baseline_rate(savings, missing, rates[0], 1.0), 315.7062, 1e-4);
  // The sums the engine keeps from load (group 0: 1,100,000 over 4,000; group 1: none),
  // and the rates from them with another default into a used buffer: 275 and the new 180.
  const PeerGroupReferralSums sums = peer_group_referral_sums(set);
  EXPECT_EQ(sums.referrals, (std::vector<double>{1'100'000.0, 0.0}));
  EXPECT_EQ(sums.weighted, (std::vector<double>{4000.0, 0.0}));
  savings.referrals_per_1000_weighted = 180;
  std::vector<double> reused{1, 2, 3, 4, 5};
  peer_group_referral_rates(savings, sums, reused);
  EXPECT_EQ(reused, (std::vector<double>{275.0, 180.0}));
}

// Lognormal baseline by hand: cv 0.15 -> s^2 = ln(1.0225) = 0.0222506, s = 0.1491664.
// z = 1: 300 exp(s - s^2/2) = 300 exp(0.1380411) = 344.4068; z = 0 gives the median
// 300 exp(-0.0111253) = 300 * 0.9889364 = 296.6809.
TEST(Savings, LognormalBaselineByHand) {
  SavingsParameters savings;
  savings.referrals_per_1000_weighted = 300;
  savings.referral_rate_cv = 0.15;
  const PracticeBaseline practice;
  EXPECT_NEAR(referral_log_sd(savings), 0.1491664, 1e-7);
  EXPECT_NEAR(referral_baseline_rate(savings, practice, 300.0, 1.0), 344.4068, 1e-4);
  EXPECT_NEAR(referral_baseline_rate(savings, practice, 300.0, 0.0), 296.6809, 1e-4);
}

// Mean preservation, by quadrature independent of any random stream: the integral of
// rate(z) phi(z) dz over z in [-10, 10] (midpoint rule, 20,000 steps) equals the default
// 300, and the integral of (rate - 300)^2 phi gives sd = cv * 300 = 45.
TEST(Savings, LognormalBaselineIsMeanPreservingByQuadrature) {
  SavingsParameters savings;
  savings.referrals_per_1000_weighted = 300;
  savings.referral_rate_cv = 0.15;
  const PracticeBaseline practice;
  const int steps = 20000;
  const double dz = 20.0 / steps;
  double mean = 0;
  double second = 0;
  for (int i = 0; i < steps; ++i) {
    const double z = -10.0 + (i + 0.5) * dz;
    const double phi = std::exp(-0.5 * z * z) / std::sqrt(2 * std::numbers::pi);
    const double rate = referral_baseline_rate(savings, practice, 300.0, z);
    mean += rate * phi * dz;
    second += (rate - 300) * (rate - 300) * phi * dz;
  }
  EXPECT_NEAR(mean, 300.0, 1e-8);
  EXPECT_NEAR(std::sqrt(second), 45.0, 1e-6);
}

// Savings(t) = referral + prescribing + urgent care: 732,564 + 2,387,025 - 50,000.
TEST(Savings, TotalSavingsAddsTheThreeParts) {
  EXPECT_DOUBLE_EQ(total_savings(732564, 2387025, -50000), 3069589.0);
}

// Mean preservation, statistically (PhiloxEvents): 40,000 practices without a file rate,
// each drawing z from its own year-0 ReferralBaseline stream. The sample mean lies within
// 4 standard errors of the default 300 (SE about 45 / sqrt(40,000) = 0.225), and the
// sample coefficient of variation is within 0.005 of 0.15 (its SE is about 0.0006).
TEST(Savings, LognormalBaselineIsMeanPreservingStatistically) {
  SavingsParameters savings;
  savings.referrals_per_1000_weighted = 300;
  savings.referral_rate_cv = 0.15;
  const PracticeBaseline practice;
  const random::PhiloxEventsFor events_for(42, 7);
  const int practices = 40000;
  double sum = 0;
  double sum_squares = 0;
  for (int p = 0; p < practices; ++p) {
    const double rate = referral_baseline_rate(savings, practice, 300.0, events_for(p, 0));
    sum += rate;
    sum_squares += rate * rate;
  }
  const double mean = sum / practices;
  const double sd = std::sqrt((sum_squares - practices * mean * mean) / (practices - 1));
  EXPECT_NEAR(mean, 300.0, 4 * sd / std::sqrt(practices));
  EXPECT_NEAR(sd / mean, 0.15, 0.005);
}

}  // namespace
}  // namespace pcsim::model
