// Tests of the year-0 draws of SimulationWorkspace::start (model/simulation_workspace.hpp):
// the referral baselines r(p,0) drawn in one batch of normal quantiles, the quality
// sign-ups, and the baseline spend kept from the first call, each against an independent
// calculation; and drawn_referral_rate_at (model/savings.hpp).
#include <gtest/gtest.h>

#include <bit>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "model/simulation_workspace.hpp"
#include "runner/philox_events.hpp"

namespace pcsim::model {
namespace {

constexpr std::uint64_t kSeed = 77;
constexpr std::uint32_t kIteration = 3;

// Six practices; practices 1 and 4 give their referral rate in the file.
PracticeSet six_practices() {
  PracticeSet set;
  set.peer_groups = 1;
  set.neighbourhoods = 1;
  for (int i = 0; i < 6; ++i) {
    PracticeBaseline p;
    p.code = std::string(1, static_cast<char>('A' + i));
    p.registered_patients = 3000 + 1000 * i;
    p.weighted_patients = p.registered_patients;
    p.core_funding = 100.0 * (i + 1);  // sum 100 (1 + 2 + ... + 6) = 2,100
    p.gp_headcount[3] = 2;
    if (i == 1) p.referrals_per_1000_weighted = 180;
    if (i == 4) p.referrals_per_1000_weighted = 310;
    set.practices.push_back(p);
  }
  return set;
}

ModelParameters drawn_rate_parameters() {
  ModelParameters m;
  m.savings.referrals_per_1000_weighted = 237;
  m.savings.referral_rate_cv = 0.15;
  return m;
}

// PhiloxEvents with only the draws of the interface (no uniform()): start takes the
// practice-by-practice path, referral_baseline_rate with events.normal.
struct NormalOnlyEvents {
  runner::PhiloxEvents events;
  static constexpr bool central() { return false; }
  double normal(Purpose purpose, std::uint32_t index, double sd) const {
    return events.normal(purpose, index, sd);
  }
  double bernoulli(Purpose purpose, std::uint32_t index, double p) const {
    return events.bernoulli(purpose, index, p);
  }
};
struct NormalOnlyEventsFor {
  runner::PhiloxEventsFor inner{kSeed, kIteration};
  NormalOnlyEvents operator()(std::size_t p, int t) const { return {inner(p, t)}; }
};

// Fact: a drawn r(p,0) is 237 exp(s z - s^2/2), s = sqrt(ln(1 + 0.15^2)), z the standard
// normal quantile (Boost's, independent of AS 241) of the practice's ReferralBaseline
// uniform in year 0; a file rate is kept as given. Tolerance 1e-12 relative: AS 241 is
// accurate to about 1e-16 in z.
TEST(WorkspaceStart, DrawnReferralBaselinesFollowTheLognormalOfTheirUniform) {
  const PracticeSet set = six_practices();
  const ModelParameters m = drawn_rate_parameters();
  SimulationWorkspace workspace(set);
  runner::PhiloxEventsFor events_for(kSeed, kIteration);
  const SimulationState& s = workspace.start(m, events_for);
  const double log_sd = std::sqrt(std::log(1.0 + 0.15 * 0.15));
  const boost::math::normal standard;
  for (std::uint32_t p = 0; p < 6; ++p) {
    if (p == 1 || p == 4) {
      EXPECT_EQ(s.referral_rate0[p], p == 1 ? 180.0 : 310.0);
      continue;
    }
    const double u =
        runner::philox_uniform(kSeed, kIteration, p, 0, Purpose::ReferralBaseline, 0);
    const double z = boost::math::quantile(standard, u);
    const double expected = 237.0 * std::exp(log_sd * z - 0.5 * log_sd * log_sd);
    EXPECT_NEAR(s.referral_rate0[p], expected, 1e-12 * expected) << "practice " << p;
  }
}

// Fact: the batched draws give r(p,0) bit for bit as the practice-by-practice path
// (events without uniform()), for every practice.
TEST(WorkspaceStart, BatchedReferralBaselinesEqualThePracticeByPracticeOnes) {
  const PracticeSet set = six_practices();
  const ModelParameters m = drawn_rate_parameters();
  SimulationWorkspace batched(set), single(set);
  runner::PhiloxEventsFor events_for(kSeed, kIteration);
  NormalOnlyEventsFor normal_only;
  const SimulationState& a = batched.start(m, events_for);
  const SimulationState& b = single.start(m, normal_only);
  for (std::size_t p = 0; p < 6; ++p)
    EXPECT_EQ(std::bit_cast<std::uint64_t>(a.referral_rate0[p]),
              std::bit_cast<std::uint64_t>(b.referral_rate0[p]))
        << "practice " << p;
}

// Fact: at z = 0 the drawn rate is 237 exp(-s^2/2) = 237 / sqrt(1 + cv^2) (since
// s^2 = ln(1 + cv^2)): 237 / sqrt(1.0225) = 234.3783...
TEST(WorkspaceStart, DrawnRateAtZeroIsTheLognormalMedian) {
  SavingsParameters savings;
  savings.referrals_per_1000_weighted = 237;
  savings.referral_rate_cv = 0.15;
  const double rate = drawn_referral_rate_at(savings, referral_log_sd(savings), 0.0);
  EXPECT_NEAR(rate, 237.0 / std::sqrt(1.0225), 1e-12 * 237.0);
}

// Fact: with every standard mandatory each sign-up is 1; an optional standard of share
// 0.4 signs a practice up exactly when its QualitySignUp uniform (index = the standard's
// position) is below 0.4.
TEST(WorkspaceStart, QualitySignUpsAreOneWhenMandatoryElseTheirBernoulliDraw) {
  const PracticeSet set = six_practices();
  ModelParameters m = drawn_rate_parameters();
  m.funding.quality_standards.resize(2);
  SimulationWorkspace workspace(set);
  runner::PhiloxEventsFor events_for(kSeed, kIteration);
  const SimulationState& all = workspace.start(m, events_for);
  for (std::size_t p = 0; p < 6; ++p) {
    EXPECT_EQ(all.applies(p)[0], 1.0);
    EXPECT_EQ(all.applies(p)[1], 1.0);
  }
  m.funding.quality_standards[1].mandatory = false;
  m.funding.quality_standards[1].sign_up_share = 0.4;
  const SimulationState& some = workspace.start(m, events_for);
  for (std::uint32_t p = 0; p < 6; ++p) {
    const double u = runner::philox_uniform(kSeed, kIteration, p, 0, Purpose::QualitySignUp, 1);
    EXPECT_EQ(some.applies(p)[0], 1.0);
    EXPECT_EQ(some.applies(p)[1], u < 0.4 ? 1.0 : 0.0) << "practice " << p;
  }
}

// Fact: the baseline spend is the practices' core funding summed, 100 (1 + ... + 6) =
// 2,100, on every call, unless the parameters give one (then that one).
TEST(WorkspaceStart, BaselineSpendIsTheFileSumUnlessGiven) {
  const PracticeSet set = six_practices();
  ModelParameters m = drawn_rate_parameters();
  SimulationWorkspace workspace(set);
  runner::PhiloxEventsFor events_for(kSeed, kIteration);
  EXPECT_EQ(workspace.start(m, events_for).baseline_spend, 2100.0);
  m.funding.baseline_spend = 5000;
  EXPECT_EQ(workspace.start(m, events_for).baseline_spend, 5000.0);
  m.funding.baseline_spend = 0;
  EXPECT_EQ(workspace.start(m, events_for).baseline_spend, 2100.0);
}

}  // namespace
}  // namespace pcsim::model
