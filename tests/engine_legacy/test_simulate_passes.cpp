// Tests of the passes simulate() runs over all practices (model/simulate.hpp): each must
// leave the state exactly as the one-practice steps of the same equations do, whatever
// order or batching the pass uses for speed.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

#include "model/simulate.hpp"
#include "runner/philox_events.hpp"

namespace pcsim::model {
namespace {

// 60 practices of 1,500 to 13,300 patients with 1 to 6 GPs in varied bands.
PracticeSet sixty_practices() {
  PracticeSet set;
  set.peer_groups = 1;
  set.neighbourhoods = 4;
  for (int i = 0; i < 60; ++i) {
    PracticeBaseline p;
    p.code = std::string("P").append(std::to_string(i));
    p.registered_patients = 1500 + 200 * i;
    p.weighted_patients = p.registered_patients * 1.05;
    p.core_funding = p.weighted_patients * 90;
    p.neighbourhood = i % 4;
    p.gp_headcount[1 + i % 7] = 1 + i % 4;
    p.gp_headcount[8] = i % 3 == 0 ? 1 : 0;
    set.practices.push_back(p);
  }
  return set;
}

ModelParameters growing_lists() {
  ModelParameters m;
  m.horizon_years = 3;
  m.population.list_growth = 0.03;
  m.population.list_noise_sd = 0.05;
  m.workforce.leaver_rate = 0.15;
  m.workforce.fill_rate = 0.7;
  return m;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// The state after year 1's list and GP-exit passes, with practice 5 closed, practices
// 7 and 8 marked as having no whole-number total (gp_total NaN, as a fractional step
// leaves it) and every third practice given 3 GPs more than it had (so above its
// establishment: no posts to fill).
template <class EventsFor>
SimulationState state_before_recruitment(const ModelParameters& m, SimulationWorkspace& w,
                                         EventsFor& events_for) {
  SimulationState s = w.start(m, events_for);
  s.open[5] = 0;
  for (std::size_t p = 0; p < s.practice_count; ++p) {
    if (s.open[p] == 0) continue;
    detail::list_step(m, s, p, events_for(p, 1));
    detail::gp_exits_step(s, p, events_for(p, 1));
  }
  for (std::size_t p = 0; p < s.practice_count; p += 3) {
    if (s.gp_packed[p].total >= 0) {  // stochastic: the headcounts are packed
      s.gp_packed[p].bands += std::uint64_t{3} << (kBandBits * 4);
      s.gp_packed[p].total += 3;
    } else {
      s.gp_headcount[p][4] += 3;
    }
    s.gp_total[p] += 3;
  }
  for (std::size_t p : {7, 8}) {  // back in the band array, as no whole total implies
    if (s.gp_packed[p].total >= 0) unpack_gps(s.gp_packed[p], s.gp_headcount[p]);
    s.gp_packed[p].total = -1;
    s.gp_total[p] = std::numeric_limits<double>::quiet_NaN();
  }
  return s;
}

// Fact: the recruitment pass (posts of all practices, then the draws of those with posts)
// leaves every headcount band and gp_total bit for bit as recruitment_step (recruit_gps
// on one practice at a time) does, stochastic and central, and both kinds of practice
// (with and without posts to fill) occur.
template <class EventsFor>
void check_recruitment_pass(EventsFor events_for) {
  const ModelParameters m = growing_lists();
  const PracticeSet set = sixty_practices();
  SimulationWorkspace workspace(set);
  const SimulationState before = state_before_recruitment(m, workspace, events_for);
  SimulationState one_by_one = before, pass = before;
  int with_recruits = 0, without = 0;
  for (std::size_t p = 0; p < before.practice_count; ++p) {
    if (before.open[p] == 0) continue;
    detail::recruitment_step(m, one_by_one, p, events_for(p, 1));
    const Headcount heads_before =
        std::isnan(before.gp_total[p]) ? total_headcount(before.gp_headcount[p])
                                       : before.gp_total[p];
    (one_by_one.gp_total[p] > heads_before ? with_recruits : without) += 1;
    if (p % 3 == 0) {
      EXPECT_EQ(one_by_one.gp_total[p], heads_before) << p;
    }
  }
  detail::recruitment_pass(m, pass, 1, events_for);
  EXPECT_GT(with_recruits, 5);
  EXPECT_GT(without, 5);
  for (std::size_t p = 0; p < before.practice_count; ++p) {
    EXPECT_TRUE(same_bits(pass.gp_total[p], one_by_one.gp_total[p])) << p;
    for (int b = 0; b < kAgeBands; ++b)
      EXPECT_TRUE(same_bits(pass.gp_headcount[p][b], one_by_one.gp_headcount[p][b])) << p;
    EXPECT_EQ(pass.gp_packed[p].bands, one_by_one.gp_packed[p].bands) << p;
    EXPECT_EQ(pass.gp_packed[p].total, one_by_one.gp_packed[p].total) << p;
  }
  EXPECT_TRUE(same_bits(pass.gp_total[5], before.gp_total[5]));  // closed: untouched
}

// Fact: recruits join a packed practice's entry band while the total stays within
// kBulkGps (120 + 7 = 127), and otherwise (120 + 8 = 128) the practice goes back to the
// band array with its bands as they were plus the recruits (by hand: band 2 holds 100 + 8
// = 108, band 5 holds 20), gp_total the whole total after recruitment either way.
TEST(SimulatePasses, RecruitsJoinPackedHeadcountsOrTheBandArray) {
  ModelParameters m;
  m.workforce.entry_band = 2;
  SimulationState s;
  s.gp_headcount.assign(2, BandArray{});
  s.gp_total.assign(2, 120.0);
  GpMembers members;
  members.count = {0, 0, 100, 0, 0, 20, 0, 0, 0};
  members.total = 120;
  s.gp_packed.assign(2, PackedGps{});
  ASSERT_TRUE(pack_gps(members, s.gp_packed[0]));
  ASSERT_TRUE(pack_gps(members, s.gp_packed[1]));
  detail::join_recruits(s, 0, recruit_entry_band(m.workforce), 120.0, 7.0);
  EXPECT_EQ(s.gp_packed[0].total, 127);
  EXPECT_EQ(s.gp_packed[0].band(2), 107);
  EXPECT_EQ(s.gp_total[0], 127.0);
  detail::join_recruits(s, 1, recruit_entry_band(m.workforce), 120.0, 8.0);
  EXPECT_EQ(s.gp_packed[1].total, -1);
  const BandArray expected = {0, 0, 108, 0, 0, 20, 0, 0, 0};
  EXPECT_EQ(s.gp_headcount[1], expected);
  EXPECT_EQ(s.gp_total[1], 128.0);
}

// Fact: the list pass (noise uniforms of all open practices, then their quantiles
// together) leaves every list and weighted list bit for bit as list_step on one practice
// at a time does (events.normal per practice), stochastic and central, over five years
// with practice 5 closed (left as it was).
template <class EventsFor>
void check_list_pass(EventsFor events_for) {
  ModelParameters m = growing_lists();
  m.population.list_noise_sd = 0.4;  // wide: many quantiles in the tails
  const PracticeSet set = sixty_practices();
  SimulationWorkspace workspace(set);
  SimulationState one_by_one = workspace.start(m, events_for);
  one_by_one.open[5] = 0;
  SimulationState pass = one_by_one;
  for (int t = 1; t <= 5; ++t) {
    for (std::size_t p = 0; p < one_by_one.practice_count; ++p)
      if (one_by_one.open[p] != 0) detail::list_step(m, one_by_one, p, events_for(p, t));
    detail::list_pass(m, pass, t, events_for);
  }
  for (std::size_t p = 0; p < pass.practice_count; ++p) {
    EXPECT_TRUE(same_bits(pass.list[p], one_by_one.list[p])) << p;
    EXPECT_TRUE(same_bits(pass.weighted[p], one_by_one.weighted[p])) << p;
  }
}

TEST(SimulatePasses, ListPassIsListStepPerPractice) {
  check_list_pass(runner::PhiloxEventsFor(11, 2));
  check_list_pass([](std::size_t, int) { return ExpectationEvents{}; });
}

TEST(SimulatePasses, RecruitmentPassIsRecruitmentStepPerPractice) {
  check_recruitment_pass(runner::PhiloxEventsFor(11, 2));
  check_recruitment_pass([](std::size_t, int) { return ExpectationEvents{}; });
}

}  // namespace
}  // namespace pcsim::model
