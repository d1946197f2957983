// Tests of the engine's passes that compute a chunk of practices' Philox blocks in one call
// (engine/list_and_workforce_passes.hpp, gp_exits_pass; engine/quality_pass.hpp,
// quality_pass): however they get the bits (a chunk's blocks at once, or practice by
// practice), they must leave every practice exactly as the plain rule for that practice
// alone does: the reference's GP step (model/gp_transitions.hpp, step_gp_bands at the
// practice's leaver rate) and quality payment (model/funding.hpp, quality_payment), each
// with the practice's own events.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/engine_workspace.hpp"
#include "engine/list_and_workforce_passes.hpp"
#include "engine/quality_pass.hpp"
#include "model/funded_capacity.hpp"
#include "model/levelling_targets.hpp"
#include "random/philox_events.hpp"
#include "tests/engine/engine_test_support.hpp"

namespace pcsim::engine {
namespace {

using engine_tests::same_bits;

// 150 practices (three chunks of the pass, the last one partial), with 0 to 30 GPs spread
// over the bands, so some need more than four blocks; practice 40 has 140 GPs (too many to
// pack: the band-by-band step) and practice 77 none.
PracticeSet varied_practices() {
  PracticeSet set = engine_tests::patterned_practices(150);
  set.practices[40].gp_headcount[3] = 140;
  set.practices[77].gp_headcount = {};
  return set;
}

// The factory without bits_of_blocks: the passes then take each practice's bits from its
// own events.
auto practice_by_practice(const random::PhiloxEventsFor& philox) {
  return [&philox](std::size_t p, int t) { return philox(p, t); };
}

// Runs two years of the GP pass on the practice set, practice 9 closed, and steps each
// practice's band array by the plain rule alongside: every practice's headcounts, total
// and the year's retirements and leavers must agree bit for bit. With funded_retention,
// levelling up to the mean changes the leaver rate of the practices below it (their own
// outcome tables, gp_tables), and the plain rule takes each practice's
// retained_leaver_rate. `wide`: the packed practices eight GPs to a register
// (engine/gp_step_avx512.hpp), else one at a time. Returns the practices that had a table
// of their own in year 1.
template <class EventsFor>
int check_gp_pass(EventsFor events_for, bool funded_retention, bool wide) {
  ModelParameters m;
  m.horizon_years = 2;
  m.workforce.leaver_rate = 0.2;
  m.workforce.retirement_multiplier = 3.0;
  if (funded_retention) {
    m.funding.levelling_up = true;
    m.funding.target = LevellingTarget::Mean;
    m.funding.target_scope = TargetScope::File;
    m.funding.levelling_years = 2;
    m.workforce.leaver_reduction_per_uplift = 1.5;
  }
  const PracticeSet set = varied_practices();
  const random::PhiloxEventsFor philox(2024, 3);
  const std::vector<PoundsPerPatient> f0 = baseline_funding_per_weighted(set);
  const std::vector<PoundsPerPatient> target = levelling_baseline(m.funding, set, f0).target;
  Workspace workspace(set);
  EngineState& s = workspace.start(m, events_for);
  s.wide_gp_step = wide;
  s.open[9] = 0;
  std::vector<BandArray> plain;
  for (const PracticeBaseline& practice : set.practices) plain.push_back(practice.gp_headcount);
  int over_sixteen = 0;
  for (const BandArray& h : plain) over_sixteen += total_headcount(h) > 16;
  EXPECT_GT(over_sixteen, 3);
  int own_tables = 0;
  for (int t = 1; t <= 2; ++t) {
    gp_tables(m, year_factors(m, t), s);
    gp_exits_pass(s, t, events_for);
    Headcount retired = 0, left = 0;
    for (std::size_t p = 0; p < plain.size(); ++p) {
      if (p == 9) continue;
      const PoundsPerPatient cash = levelled_funding_per_weighted(m.funding, f0[p], target[p], t);
      const RatePerYear leaver = retained_leaver_rate(
          m.workforce, funding_uplift(cash, f0[p], inflation_index(m.funding, t)));
      if (t == 1) own_tables += s.table_of[p] != &s.gp_probs;
      const GpExits exits = step_gp_bands(m.workforce, leaver, plain[p], philox(p, t));
      retired += exits.retirements;
      left += exits.leavers;
    }
    for (std::size_t p = 0; p < plain.size(); ++p) {
      BandArray stepped = s.gps.bands(p);
      if (s.gps.packed(p).total >= 0) unpack_gps(s.gps.packed(p), stepped);
      for (int b = 0; b < kAgeBands; ++b)
        EXPECT_TRUE(same_bits(stepped[b], plain[p][b])) << p << " band " << b << " year " << t;
      if (p != 9) {
        EXPECT_TRUE(same_bits(s.gps.total(p), total_headcount(plain[p]))) << p << " year " << t;
      }
    }
    EXPECT_EQ(s.retirements, retired) << "year " << t;
    EXPECT_EQ(s.leavers, left) << "year " << t;
    EXPECT_GT(s.retirements + s.leavers, 50) << "year " << t;
  }
  EXPECT_EQ(plain[9], set.practices[9].gp_headcount);  // closed: never stepped
  return own_tables;
}

// The GP step's forms this processor runs: one GP at a time, and eight to a register where
// it has AVX-512.
std::vector<bool> gp_step_forms() {
  if (gp_step_avx512_supported()) return {false, true};
  return {false};
}

// Fact: with the chunk's blocks computed in one call (PhiloxEventsFor::bits_of_blocks).
TEST(GpPass, BlocksInOneCallMatchThePlainStepOfEachPractice) {
  for (const bool wide : gp_step_forms())
    EXPECT_EQ(check_gp_pass(random::PhiloxEventsFor(2024, 3), false, wide), 0) << wide;
}

// Fact: with the bits drawn practice by practice (a factory without bits_of_blocks).
TEST(GpPass, BitsPerPracticeMatchThePlainStepOfEachPractice) {
  const random::PhiloxEventsFor philox(2024, 3);
  for (const bool wide : gp_step_forms())
    EXPECT_EQ(check_gp_pass(practice_by_practice(philox), false, wide), 0) << wide;
}

// Fact: practices whose funding uplift lowers their leaver rate step with their own
// outcome table, both ways, as the plain step at their own rate does (and some do).
TEST(GpPass, FundedRetentionTablesMatchThePlainStepOfEachPractice) {
  const random::PhiloxEventsFor philox(2024, 3);
  for (const bool wide : gp_step_forms()) {
    EXPECT_GT(check_gp_pass(random::PhiloxEventsFor(2024, 3), true, wide), 20) << wide;
    EXPECT_GT(check_gp_pass(practice_by_practice(philox), true, wide), 20) << wide;
  }
}

// Fact: the practice of 140 GPs keeps its band array (too many to pack) and the others
// are packed after a pass, so both paths of the pass are taken above.
TEST(GpPass, BothPathsOccur) {
  ModelParameters m;
  const PracticeSet set = varied_practices();
  Workspace workspace(set);
  const random::PhiloxEventsFor events_for(7, 0);
  EngineState& s = workspace.start(m, events_for);
  gp_tables(m, year_factors(m, 1), s);
  gp_exits_pass(s, 1, events_for);
  EXPECT_EQ(s.gps.packed(40).total, -1);
  EXPECT_GE(s.gps.packed(0).total, 0);
  EXPECT_EQ(s.gps.packed(77).total, 0);
}

// Runs year 1's quality pass on the 150 practices with `standards` standards (the odd
// ones optional, signed up by about 60%), practice 12 closed, and compares every payment
// bit for bit with quality_payment of that practice's own events; returns how many
// practices were paid something and how many nothing.
template <class EventsFor>
std::pair<int, int> check_quality_pass(EventsFor events_for, int standards) {
  ModelParameters m;
  m.horizon_years = 1;
  for (int k = 0; k < standards; ++k) {
    QualityStandard q;
    q.name = std::string("q").append(std::to_string(k));
    q.payment_per_weighted_patient = 1.5 + k;
    q.achievement_rate = 0.3 + 0.1 * (k % 6);
    q.mandatory = k % 2 == 0;
    q.sign_up_share = 0.6;
    m.funding.quality_standards.push_back(q);
  }
  const PracticeSet set = varied_practices();
  const random::PhiloxEventsFor philox(11, 4);
  Workspace workspace(set);
  EngineState& s = workspace.start(m, events_for);
  s.open[12] = 0;
  s.quality_payment[12] = -1.0;  // closed: left untouched
  quality_pass(m, year_factors(m, 1), s, 1, events_for);
  int paid = 0, unpaid = 0;
  for (std::size_t p = 0; p < s.practice_count; ++p) {
    if (p == 12) continue;
    const Pounds plain = quality_payment(m.funding, s.applies(p), philox(p, 1), s.weighted[p], 1);
    EXPECT_TRUE(same_bits(s.quality_payment[p], plain)) << p;
    (plain > 0 ? paid : unpaid) += 1;
  }
  EXPECT_EQ(s.quality_payment[12], -1.0);
  return {paid, unpaid};
}

// Fact: two standards (one block a practice), the blocks in one call; draws both ways
// (paid and unpaid practices occur).
TEST(QualityPass, BlocksInOneCallMatchThePlainPaymentOfEachPractice) {
  const auto [paid, unpaid] = check_quality_pass(random::PhiloxEventsFor(11, 4), 2);
  EXPECT_GT(paid, 20);
  EXPECT_GT(unpaid, 5);
}

// Fact: one, three and four standards (one block a practice, each count its own unrolled
// loop in quality_chunks) give the plain payments.
TEST(QualityPass, EachStandardCountUpToFourMatchesThePlainPayment) {
  for (int standards : {1, 3, 4}) {
    const auto [paid, unpaid] = check_quality_pass(random::PhiloxEventsFor(11, 4), standards);
    EXPECT_GT(paid, 20) << standards;
  }
}

// Fact: six standards take two blocks a practice, still the plain payments.
TEST(QualityPass, TwoBlocksAPracticeMatchThePlainPayment) {
  const auto [paid, unpaid] = check_quality_pass(random::PhiloxEventsFor(11, 4), 6);
  EXPECT_GT(paid, 20);
}

// Fact: no standards: every payment 0.
TEST(QualityPass, NoStandardsPaysNothing) {
  const auto [paid, unpaid] = check_quality_pass(random::PhiloxEventsFor(11, 4), 0);
  EXPECT_EQ(paid, 0);
  EXPECT_EQ(unpaid, 149);
}

// Fact: a factory without bits_of_blocks goes practice by practice, with the same payments.
TEST(QualityPass, PracticeByPracticeMatchesThePlainPayment) {
  const random::PhiloxEventsFor philox(11, 4);
  for (int standards : {2, 6}) {
    const auto [paid, unpaid] = check_quality_pass(practice_by_practice(philox), standards);
    EXPECT_GT(paid, 20) << standards;
  }
}

// Fact: standards added after the state was started (sign-up lists one entry short) are
// the ModelError of quality_payment_at, as the plain payment reports it.
TEST(QualityPass, SignUpsOfTheWrongLengthThrow) {
  ModelParameters m;
  m.horizon_years = 1;
  m.funding.quality_standards.resize(2);
  const PracticeSet set = varied_practices();
  Workspace workspace(set);
  const random::PhiloxEventsFor events_for(11, 4);
  EngineState& s = workspace.start(m, events_for);
  m.funding.quality_standards.resize(3);
  EXPECT_THROW(quality_pass(m, year_factors(m, 1), s, 1, events_for), ModelError);
}

}  // namespace
}  // namespace pcsim::engine
