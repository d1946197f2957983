// Tests of year 0 as engine::Workspace::start sets it (engine/engine_workspace.hpp): the
// whole state against the reference's start (model/reference/reference_state.hpp), field
// by field, bit for bit; the referral baselines r(p,0), drawn in one batch of normal
// quantiles, against Boost's normal quantile; the quality sign-ups and the baseline spend
// against hand values; drawn_referral_rate_at (model/savings.hpp); and which practices start
// packed (the GP pass's form) against hand-packed words.
#include <gtest/gtest.h>

#include <bit>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "engine/engine_workspace.hpp"
#include "model/reference/reference_state.hpp"
#include "random/philox_events.hpp"
#include "tests/engine/oracle_support.hpp"

namespace pcsim::engine {
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

// Bit-for-bit equality of two vectors of numbers (NaN equal to NaN: an unlevelled target).
template <class T>
std::string differs(const std::vector<T>& a, const std::vector<T>& b, const char* what) {
  if (a.size() != b.size()) return std::string(what) + ": sizes differ";
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double x = static_cast<double>(a[i]), y = static_cast<double>(b[i]);
    if (std::bit_cast<std::uint64_t>(x) != std::bit_cast<std::uint64_t>(y) &&
        !(std::isnan(x) && std::isnan(y)))
      return std::string(what) + " [" + std::to_string(i) + "]: " + std::to_string(x) + " vs " +
             std::to_string(y);
  }
  return {};
}

// The first field of year 0 in which the engine's state and the reference's differ.
std::string first_difference(const EngineState& e, const model::reference::State& r) {
  std::vector<double> bands_e, bands_r;
  for (std::size_t p = 0; p < e.gps.size(); ++p) {
    const BandArray h = e.gps.headcounts(p);
    bands_e.insert(bands_e.end(), h.begin(), h.end());
  }
  for (const BandArray& h : r.gps) bands_r.insert(bands_r.end(), h.begin(), h.end());
  const std::vector<std::string> found = {
      differs(e.open_share, r.open_share, "open share"),
      differs(e.closed_share, r.closed_share, "closed share"),
      differs(e.merged_share, r.merged_share, "merged share"),
      differs(e.list, r.list, "list"),
      differs(e.weighted, r.weighted, "weighted"),
      differs(bands_e, bands_r, "GP bands"),
      differs(std::vector<Headcount>(e.gps.totals_span().begin(), e.gps.totals_span().end()),
              r.gp_total, "GP total"),
      differs(e.gps_per_patient, r.gps_per_patient, "GPs per patient"),
      differs(e.role_fte, r.role_fte, "role FTE"),
      differs(e.neighbourhood, r.neighbourhood, "neighbourhood"),
      differs(e.area, r.area, "area"),
      differs(e.peer_group, r.peer_group, "peer group"),
      differs(e.apms, r.apms, "APMS"),
      differs(e.funding0, r.funding0, "f(p,0)"),
      differs(e.funding_target, r.target, "target"),
      differs(e.quality_applies, r.quality_applies, "quality sign-ups"),
      differs(e.referral_rate0, r.referral_rate0, "r(p,0)"),
      differs(e.referral_rate, r.referral_rate, "r(p,t)"),
      differs(e.peer_benchmark, r.peer_benchmark, "peer benchmarks"),
      differs(e.prescribing0, r.prescribing0, "pres(p,0)"),
      differs(std::vector<double>{e.baseline.baseline_spend},
              std::vector<double>{r.baseline.baseline_spend}, "baseline spend")};
  for (const std::string& f : found)
    if (!f.empty()) return f;
  return {};
}

// Fact: year 0 of the engine is the reference's year 0, every field bit for bit, for 200
// random parameter and practice sets (every module on or off; file rates given or drawn),
// started in one workspace in turn, as the runner reuses it.
TEST(WorkspaceStart, StartIsTheReferenceStart) {
  std::mt19937_64 rng(4242);
  for (int k = 0; k < 200; ++k) {
    const model::ModelParameters m = oracle::random_parameters(rng);
    const PracticeSet set = oracle::random_practices(rng, m.roles.size());
    const random::PhiloxEventsFor events_for(rng(), static_cast<std::uint32_t>(k));
    Workspace workspace(set);
    for (int again = 0; again < 2; ++again) {
      const EngineState& engine_state = workspace.start(m, events_for);
      const model::reference::State reference = model::reference::start(m, set, events_for);
      EXPECT_EQ(first_difference(engine_state, reference), "")
          << "set " << k << ", start " << again;
    }
  }
}

// Fact: a drawn r(p,0) is c exp(s z - s^2/2), s = sqrt(ln(1 + 0.15^2)), c the peer group's
// rate (one group: B's 180 on 4,000 and E's 310 on 7,000 weighted patients, 2,890,000 /
// 11,000 = 262.727...; not the default 237), z the standard
// normal quantile (Boost's, independent of AS 241) of the practice's ReferralBaseline
// uniform in year 0; a file rate is kept as given. Tolerance 1e-12 relative: AS 241 is
// accurate to about 1e-16 in z.
TEST(WorkspaceStart, DrawnReferralBaselinesFollowTheLognormalOfTheirUniform) {
  const PracticeSet set = six_practices();
  const ModelParameters m = drawn_rate_parameters();
  Workspace workspace(set);
  random::PhiloxEventsFor events_for(kSeed, kIteration);
  const EngineState& s = workspace.start(m, events_for);
  const double log_sd = std::sqrt(std::log(1.0 + 0.15 * 0.15));
  const boost::math::normal standard;
  for (std::uint32_t p = 0; p < 6; ++p) {
    if (p == 1 || p == 4) {
      EXPECT_EQ(s.referral_rate0[p], p == 1 ? 180.0 : 310.0);
      continue;
    }
    const double u = random::philox_uniform(kSeed, kIteration, p, 0, Purpose::ReferralBaseline, 0);
    const double z = boost::math::quantile(standard, u);
    const double expected = 2890000.0 / 11000.0 * std::exp(log_sd * z - 0.5 * log_sd * log_sd);
    EXPECT_NEAR(s.referral_rate0[p], expected, 1e-12 * expected) << "practice " << p;
  }
}

// Fact: at z = 0 the drawn rate is 237 exp(-s^2/2) = 237 / sqrt(1 + cv^2) (since
// s^2 = ln(1 + cv^2)): 237 / sqrt(1.0225) = 234.3783...
TEST(WorkspaceStart, DrawnRateAtZeroIsTheLognormalMedian) {
  SavingsParameters savings;
  savings.referrals_per_1000_weighted = 237;
  savings.referral_rate_cv = 0.15;
  const double rate = drawn_referral_rate_at(237, referral_log_sd(savings), 0.0);
  EXPECT_NEAR(rate, 237.0 / std::sqrt(1.0225), 1e-12 * 237.0);
}

// Fact: with every standard mandatory each sign-up is 1; an optional standard of share
// 0.4 signs a practice up exactly when its QualitySignUp uniform (index = the standard's
// position) is below 0.4.
TEST(WorkspaceStart, QualitySignUpsAreOneWhenMandatoryElseTheirBernoulliDraw) {
  const PracticeSet set = six_practices();
  ModelParameters m = drawn_rate_parameters();
  m.funding.quality_standards.resize(2);
  Workspace workspace(set);
  random::PhiloxEventsFor events_for(kSeed, kIteration);
  const EngineState& all = workspace.start(m, events_for);
  for (std::size_t p = 0; p < 6; ++p) {
    EXPECT_EQ(all.applies(p)[0], 1.0);
    EXPECT_EQ(all.applies(p)[1], 1.0);
  }
  m.funding.quality_standards[1].mandatory = false;
  m.funding.quality_standards[1].sign_up_share = 0.4;
  const EngineState& some = workspace.start(m, events_for);
  int signed_up = 0;
  for (std::uint32_t p = 0; p < 6; ++p) {
    const double u = random::philox_uniform(kSeed, kIteration, p, 0, Purpose::QualitySignUp, 1);
    EXPECT_EQ(some.applies(p)[0], 1.0);
    EXPECT_EQ(some.applies(p)[1], u < 0.4 ? 1.0 : 0.0) << "practice " << p;
    signed_up += u < 0.4;
  }
  EXPECT_GT(signed_up, 0);
  EXPECT_LT(signed_up, 6);
}

// Fact: the baseline spend is the practices' core funding summed, 100 (1 + ... + 6) =
// 2,100, on every call, unless the parameters give one (then that one).
TEST(WorkspaceStart, BaselineSpendIsTheFileSumUnlessGiven) {
  const PracticeSet set = six_practices();
  ModelParameters m = drawn_rate_parameters();
  Workspace workspace(set);
  random::PhiloxEventsFor events_for(kSeed, kIteration);
  EXPECT_EQ(workspace.start(m, events_for).baseline.baseline_spend, 2100.0);
  m.funding.baseline_spend = 5000;
  EXPECT_EQ(workspace.start(m, events_for).baseline.baseline_spend, 5000.0);
  m.funding.baseline_spend = 0;
  EXPECT_EQ(workspace.start(m, events_for).baseline.baseline_spend, 2100.0);
}

// Fact: with the shared GP table for every practice (leaver_reduction_per_uplift 0, valid
// rates), a practice whose year-0 headcounts are whole numbers starts packed, as the first
// GP pass would pack it: 2 GPs in band 3 are the word 2 << (7 x 3) with total 2, and 1 in
// band 0 plus 3 in band 8 are 1 + (3 << 56), total 4; a practice of 130 GPs, over the
// packed form's 127, does not pack and starts unpacked. With funding changing the leaver rate
// (practice by practice tables, set by the GP pass) none starts packed; the same workspace
// started again without it starts them packed again.
TEST(WorkspaceStart, PracticesStartPackedWhenTheFirstGpPassWouldPackThem) {
  PracticeSet set = six_practices();
  set.practices[2].gp_headcount = {};
  set.practices[2].gp_headcount[0] = 1;
  set.practices[2].gp_headcount[8] = 3;
  set.practices[5].gp_headcount[3] = 130;
  const random::PhiloxEventsFor events_for(kSeed, kIteration);
  Workspace workspace(set);
  ModelParameters m = drawn_rate_parameters();
  for (int round = 0; round < 3; ++round) {
    m.workforce.leaver_reduction_per_uplift = round == 1 ? 0.5 : 0.0;
    EngineState& s = workspace.start(m, events_for);
    for (std::size_t p = 0; p < set.practices.size(); ++p) {
      const bool packed = round != 1 && p != 5;
      EXPECT_EQ(s.gps.is_packed(p), packed) << "round " << round << ", practice " << p;
      if (!packed) continue;
      const std::uint64_t bands = p == 2 ? 1u + (std::uint64_t{3} << 56) : std::uint64_t{2} << 21;
      EXPECT_EQ(s.gps.packed(p).bands, bands) << "round " << round << ", practice " << p;
      EXPECT_EQ(s.gps.packed(p).total, p == 2 ? 4 : 2) << "round " << round << ", practice " << p;
    }
    EXPECT_EQ(s.gps.total(5), 130);
  }
}

}  // namespace
}  // namespace pcsim::engine
