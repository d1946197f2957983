// Tests of simulate()'s passes that can compute a chunk of practices' Philox blocks in one
// call (model/simulate.hpp, gp_exits_pass and quality_pass): however they get the bits
// (per practice, or a chunk's blocks at once), they must leave every practice exactly as
// the step of that practice alone (gp_exits_step, quality_step) does.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "model/simulate.hpp"
#include "runner/philox_events.hpp"

namespace pcsim::model {
namespace {

// 150 practices (three chunks of the pass, the last one partial), with 0 to 30 GPs spread
// over the bands, so some need more than four blocks; practice 40 has 140 GPs (too many to
// pack: the band-by-band step) and practice 77 none.
PracticeSet varied_practices() {
  PracticeSet set;
  set.peer_groups = 1;
  set.neighbourhoods = 5;
  for (int i = 0; i < 150; ++i) {
    PracticeBaseline p;
    p.code = std::string("G").append(std::to_string(i));
    p.registered_patients = 2000 + 150 * i;
    p.weighted_patients = p.registered_patients;
    p.core_funding = p.weighted_patients * 90;
    p.neighbourhood = i % 5;
    for (int b = 0; b < kAgeBands; ++b) p.gp_headcount[b] = (i * (b + 3)) % 5 * (i % 4 == 0 ? 2 : 1);
    if (i == 40) p.gp_headcount[3] = 140;
    if (i == 77) p.gp_headcount = {};
    set.practices.push_back(p);
  }
  return set;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Runs two years of GP exits both ways on one practice set, with practice 9 closed, and
// compares every practice's headcounts, packed form and total.
template <class EventsFor>
void check_pass_matches_steps(EventsFor events_for) {
  ModelParameters m;
  m.horizon_years = 2;
  m.workforce.leaver_rate = 0.2;
  m.workforce.retirement_multiplier = 3.0;
  const PracticeSet set = varied_practices();
  SimulationWorkspace w1(set), w2(set);
  SimulationState& by_step = w1.start(m, events_for);
  SimulationState& by_pass = w2.start(m, events_for);
  by_step.open[9] = by_pass.open[9] = 0;
  int over_sixteen = 0;
  for (std::size_t p = 0; p < by_step.practice_count; ++p)
    over_sixteen += total_headcount(by_step.gp_headcount[p]) > 16;
  EXPECT_GT(over_sixteen, 3);
  for (int t = 1; t <= 2; ++t) {
    for (std::size_t p = 0; p < by_step.practice_count; ++p)
      if (by_step.open[p] != 0) detail::gp_exits_step(by_step, p, events_for(p, t));
    detail::gp_exits_pass(by_pass, t, events_for);
    for (std::size_t p = 0; p < by_step.practice_count; ++p) {
      EXPECT_TRUE(same_bits(by_pass.gp_total[p], by_step.gp_total[p])) << p << " year " << t;
      EXPECT_EQ(by_pass.gp_packed[p].bands, by_step.gp_packed[p].bands) << p;
      EXPECT_EQ(by_pass.gp_packed[p].total, by_step.gp_packed[p].total) << p;
      for (int b = 0; b < kAgeBands; ++b)
        EXPECT_TRUE(same_bits(by_pass.gp_headcount[p][b], by_step.gp_headcount[p][b])) << p;
    }
  }
  EXPECT_EQ(by_pass.gp_total[9], 0.0);  // closed: never stepped
}

// Fact: with the chunk's blocks computed in one call (PhiloxEventsFor::bits_of_blocks).
TEST(GpPass, BlocksInOneCallMatchTheStepOfEachPractice) {
  check_pass_matches_steps(runner::PhiloxEventsFor(2024, 3));
}

// Fact: with the bits drawn practice by practice (a factory without bits_of_blocks).
TEST(GpPass, BitsPerPracticeMatchTheStepOfEachPractice) {
  const runner::PhiloxEventsFor philox(2024, 3);
  check_pass_matches_steps([&philox](std::size_t p, int t) { return philox(p, t); });
}

// Fact: the central case (no bits at all) goes practice by practice.
TEST(GpPass, CentralCaseMatchesTheStepOfEachPractice) {
  check_pass_matches_steps([](std::size_t, int) { return ExpectationEvents{}; });
}

// Fact: the practice of 140 GPs keeps its band array (too many to pack) and the others
// are packed after a stochastic pass, so both paths of the pass are taken above.
TEST(GpPass, BothPathsOccur) {
  ModelParameters m;
  const PracticeSet set = varied_practices();
  SimulationWorkspace w(set);
  const runner::PhiloxEventsFor events_for(7, 0);
  SimulationState& s = w.start(m, events_for);
  detail::gp_exits_pass(s, 1, events_for);
  EXPECT_EQ(s.gp_packed[40].total, -1);
  EXPECT_GE(s.gp_packed[0].total, 0);
  EXPECT_EQ(s.gp_packed[77].total, 0);
}

// Runs year 1's quality pass and quality_step per practice on the 150 practices with
// `standards` standards (the odd ones optional, signed up by about 60%), practice 12
// closed, and compares every payment bit for bit; returns how many practices were paid
// something and how many nothing.
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
  SimulationWorkspace w1(set), w2(set);
  SimulationState& by_step = w1.start(m, events_for);
  SimulationState& by_pass = w2.start(m, events_for);
  by_step.open[12] = by_pass.open[12] = 0;
  const YearFactors f = year_factors(m, 1);
  for (std::size_t p = 0; p < by_step.practice_count; ++p)
    if (by_step.open[p] != 0) detail::quality_step(m, f, by_step, p, events_for(p, 1));
  by_pass.quality_payment[12] = by_step.quality_payment[12] = -1.0;  // closed: untouched
  detail::quality_pass(m, f, by_pass, 1, events_for);
  int paid = 0, unpaid = 0;
  for (std::size_t p = 0; p < by_step.practice_count; ++p) {
    EXPECT_TRUE(same_bits(by_pass.quality_payment[p], by_step.quality_payment[p])) << p;
    if (p != 12) (by_step.quality_payment[p] > 0 ? paid : unpaid) += 1;
  }
  EXPECT_EQ(by_pass.quality_payment[12], -1.0);
  return {paid, unpaid};
}

// Fact: two standards (one block a practice), the blocks in one call; draws both ways
// (paid and unpaid practices occur).
TEST(QualityPass, BlocksInOneCallMatchTheStepOfEachPractice) {
  const auto [paid, unpaid] = check_quality_pass(runner::PhiloxEventsFor(11, 4), 2);
  EXPECT_GT(paid, 20);
  EXPECT_GT(unpaid, 5);
}

// Fact: one, three and four standards (one block a practice, each count its own unrolled
// loop in quality_chunks) give the same payments as the step of each practice.
TEST(QualityPass, EachStandardCountUpToFourMatchesTheStepOfEachPractice) {
  for (int standards : {1, 3, 4}) {
    const auto [paid, unpaid] = check_quality_pass(runner::PhiloxEventsFor(11, 4), standards);
    EXPECT_GT(paid, 20) << standards;
  }
}

// Fact: standards added after the state was started (sign-up lists one entry short) are
// the ModelError of quality_payment_at, as the step of a practice reports it.
TEST(QualityPass, SignUpsOfTheWrongLengthThrow) {
  ModelParameters m;
  m.horizon_years = 1;
  m.funding.quality_standards.resize(2);
  const PracticeSet set = varied_practices();
  SimulationWorkspace w(set);
  const runner::PhiloxEventsFor events_for(11, 4);
  SimulationState& s = w.start(m, events_for);
  m.funding.quality_standards.resize(3);
  EXPECT_THROW(detail::quality_pass(m, year_factors(m, 1), s, 1, events_for), ModelError);
}

// Fact: six standards take two blocks a practice, still the same payments.
TEST(QualityPass, TwoBlocksAPracticeMatchTheStepOfEachPractice) {
  check_quality_pass(runner::PhiloxEventsFor(11, 4), 6);
}

// Fact: no standards: every payment 0 both ways.
TEST(QualityPass, NoStandardsPaysNothing) {
  const auto [paid, unpaid] = check_quality_pass(runner::PhiloxEventsFor(11, 4), 0);
  EXPECT_EQ(paid, 0);
  EXPECT_EQ(unpaid, 149);
}

// Fact: a factory without bits_of_blocks and the central case go practice by practice.
TEST(QualityPass, OtherFactoriesMatchTheStepOfEachPractice) {
  const runner::PhiloxEventsFor philox(11, 4);
  check_quality_pass([&philox](std::size_t p, int t) { return philox(p, t); }, 3);
  check_quality_pass([](std::size_t, int) { return ExpectationEvents{}; }, 3);
}

}  // namespace
}  // namespace pcsim::model

namespace pcsim::model {
namespace {

// Fact: the lister writes practice p's blocks {p, 0} .. {p, count - 1}, always the first
// four, and moves on one practice per next_practice: practices 5 (1 block), 6 (skipped,
// as a closed one is), 7 (6 blocks) and 8 (none) laid end to end as the GP pass lays them
// give {5,0}, then {7,0} .. {7,5}; what is written past the listed blocks is the spare
// first four of the last practice ({8,0} .. {8,3}).
TEST(GpPass, BlockListerListsEachPracticesBlocks) {
  std::array<BlockRef, 16> out{};
  BlockRef* at = out.data();
  GpBlockLister lister(5);
  lister.list(at, 1);
  at += 1;
  lister.next_practice();  // 6 skipped
  lister.next_practice();
  lister.list(at, 6);
  at += 6;
  lister.next_practice();
  lister.list(at, 0);
  ASSERT_EQ(at - out.data(), 7);
  const std::array<std::pair<std::uint32_t, std::uint32_t>, 11> expected = {
      {{5, 0}, {7, 0}, {7, 1}, {7, 2}, {7, 3}, {7, 4}, {7, 5}, {8, 0}, {8, 1}, {8, 2}, {8, 3}}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(out[i].practice, expected[i].first) << i;
    EXPECT_EQ(out[i].block, expected[i].second) << i;
  }
}

// Fact: the bulk step reads whole blocks and moves `bits` past them: 0 GPs read nothing,
// 1 and 4 GPs one block (4 bits), 5 GPs two (8 bits), 127 GPs 32 (128 bits).
TEST(GpPass, StepMovesBitsPastWholeBlocks) {
  const GpOutcomeTable table = gp_outcome_table(WorkforceParameters{});
  std::array<std::uint32_t, kBulkGps + 1> bits{};
  for (const auto& [counts, read] : std::array<std::pair<std::array<int, kAgeBands>, int>, 5>{
           {{{0, 0, 0, 0, 0, 0, 0, 0, 0}, 0},
            {{0, 0, 0, 1, 0, 0, 0, 0, 0}, 4},
            {{1, 1, 1, 0, 0, 0, 0, 0, 1}, 4},
            {{2, 0, 0, 0, 0, 0, 0, 0, 3}, 8},
            {{20, 10, 17, 0, 30, 0, 25, 15, 10}, 128}}}) {
    GpMembers members;
    members.count = counts;
    for (int n : counts) members.total += n;
    PackedGps gps;
    ASSERT_TRUE(pack_gps(members, gps));
    const std::uint32_t* at = bits.data();
    step_gp_packed_from_bits<false>(table, gps, at);
    EXPECT_EQ(at - bits.data(), read) << members.total;
  }
}

// Fact: the bulk step gives each GP the outcome of its uniform against its band's running
// sums, counted by a plain walk: GP j of the practice below (bands by walking the counts)
// has uniform (x_j + 1/2) / 2^32 and retires or leaves below cumulative[1], ages up below
// cumulative[2], else stays; the new count of band b is its stayers plus band b - 1's
// risers (band 8's risers have nowhere to go: its age-up share is 0). Bits spread over
// [0, 2^32) by a fixed LCG, with rates high enough that every outcome occurs.
TEST(GpPass, StepMatchesAWalkThroughTheGps) {
  WorkforceParameters w;
  w.leaver_rate = 0.25;
  w.retirement_multiplier = 4.0;
  const GpOutcomeTable table = gp_outcome_table(w);
  const std::array<int, kAgeBands> counts = {3, 0, 5, 2, 0, 7, 1, 4, 6};  // 28 GPs
  std::array<std::uint32_t, 28> bits{};
  std::uint64_t state = 99;
  for (auto& x : bits) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    x = static_cast<std::uint32_t>(state >> 32);
  }
  std::array<int, kAgeBands> expected{};
  std::array<int, 3> outcomes{};  // leave or retire, age up, stay
  std::size_t j = 0;
  for (int b = 0; b < kAgeBands; ++b)
    for (int k = 0; k < counts[b]; ++k, ++j) {
      const double u = (bits[j] + 0.5) / 4294967296.0;
      const auto& c = table.cumulative[static_cast<std::size_t>(b)];
      if (u <= c[1]) {
        ++outcomes[0];
      } else if (u <= c[2]) {
        ++outcomes[1];
        if (b + 1 < kAgeBands) ++expected[static_cast<std::size_t>(b) + 1];
      } else {
        ++outcomes[2];
        ++expected[static_cast<std::size_t>(b)];
      }
    }
  for (int n : outcomes) EXPECT_GT(n, 0);
  GpMembers members;
  members.count = counts;
  members.total = 28;
  PackedGps gps;
  ASSERT_TRUE(pack_gps(members, gps));
  const std::uint32_t* at = bits.data();
  step_gp_packed_from_bits<false>(table, gps, at);
  int total = 0;
  for (int b = 0; b < kAgeBands; ++b) {
    EXPECT_EQ(gps.band(b), expected[static_cast<std::size_t>(b)]) << b;
    total += expected[static_cast<std::size_t>(b)];
  }
  EXPECT_EQ(gps.total, total);
}

}  // namespace
}  // namespace pcsim::model

namespace pcsim::model {
namespace {

// Fact: pack_headcounts packs as pack_gps(gp_member_counts(h)) does (the plain loop over
// the bands): a hand case (3, 0, 5, 2, 0, 7, 1, 4, 6: band b's count in bits 7b, total
// 28), 127 GPs in band 8 alone and in band 0 alone, 128 (too many), fractions, a
// negative, -0, NaN, infinity, a count over 127 in one band, and 2000 arrays drawn by a
// fixed LCG (whole counts, some totals over 127, some with a fraction).
TEST(GpPass, PackHeadcountsIsPackOfMemberCounts) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<BandArray> cases = {
      {3, 0, 5, 2, 0, 7, 1, 4, 6},   {0, 0, 0, 0, 0, 0, 0, 0, 127}, {127, 0, 0, 0, 0, 0, 0, 0, 0},
      {0, 0, 0, 0, 0, 0, 0, 0, 128}, {64, 0, 0, 0, 0, 0, 0, 0, 64}, {1.5, 0, 0, 0, 0, 0, 0, 0, 2},
      {1, -1, 0, 0, 0, 0, 0, 0, 2},  {-0.0, 1, 0, 0, 0, 0, 0, 0, 2}, {1, 0, kNaN, 0, 0, 0, 0, 0, 0},
      {0, 0, 0, kInf, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 200, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 0, 2.5}};
  std::uint64_t state = 4242;
  for (int i = 0; i < 2000; ++i) {
    BandArray h{};
    for (int b = 0; b < kAgeBands; ++b) {
      state = state * 6364136223846793005u + 1442695040888963407u;
      h[b] = static_cast<double>((state >> 33) % (i % 2 == 0 ? 30u : 12u));
      if (i % 7 == 0 && b == i % kAgeBands) h[b] += 0.25;
    }
    cases.push_back(h);
  }
  PackedGps hand;
  ASSERT_TRUE(pack_headcounts(cases[0], hand));
  EXPECT_EQ(hand.total, 28);
  EXPECT_EQ(hand.bands, 3u + (5u << 14) + (2u << 21) + (std::uint64_t{7} << 35) +
                            (std::uint64_t{1} << 42) + (std::uint64_t{4} << 49) +
                            (std::uint64_t{6} << 56));
  int packed = 0;
  for (const BandArray& h : cases) {
    PackedGps fast{12345, -7}, plain{12345, -7};
    const bool fast_packs = pack_headcounts(h, fast);
    ASSERT_EQ(fast_packs, pack_gps(gp_member_counts(h), plain)) << h[0] << " " << h[8];
    EXPECT_EQ(fast.bands, plain.bands);
    EXPECT_EQ(fast.total, plain.total);
    packed += fast_packs;
  }
  EXPECT_GT(packed, 1000);
  EXPECT_LT(packed, static_cast<int>(cases.size()));
}

}  // namespace
}  // namespace pcsim::model
