// Tests of the list and recruitment passes of an engine year
// (engine/list_and_workforce_passes.hpp): each must leave every practice exactly as the
// reference's plain rule for that practice alone does (model/population.hpp,
// list_growth_factor; model/workforce.hpp, recruit_gps on the band array), whatever
// batching the pass uses for speed (noise quantiles together; vacancies of all practices
// first, then the draws of those with any, from raw bits and binomial tables).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/engine_workspace.hpp"
#include "engine/list_and_workforce_passes.hpp"
#include "random/philox_events.hpp"
#include "tests/engine/engine_test_support.hpp"

namespace pcsim::engine {
namespace {

using engine_tests::same_bits;

// 60 practices of 1,500 to 13,300 patients with 1 to 6 GPs in varied bands; practices 20
// and 40 also hold 130 GPs in band 7 (too many to pack: they stay in the band array).
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
    if (i == 20 || i == 40) p.gp_headcount[7] += 130;
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

// Fact: the list pass (noise uniforms of all open practices, then their quantiles
// together) leaves every list and weighted list bit for bit as the reference's list step
// (L and W times list_growth_factor of the practice's own events) does, over five years
// with wide noise (sd 0.6: some factors floored at 0), practice 5 closed (left as it was).
TEST(SimulatePasses, ListPassIsTheListStepOfEachPractice) {
  ModelParameters m = growing_lists();
  m.population.list_noise_sd = 0.6;
  const PracticeSet set = sixty_practices();
  const random::PhiloxEventsFor events_for(11, 2);
  Workspace workspace(set);
  EngineState& s = workspace.start(m, events_for);
  s.open[5] = 0;
  std::vector<Patients> list, weighted;
  for (const PracticeBaseline& p : set.practices) {
    list.push_back(p.registered_patients);
    weighted.push_back(p.weighted_patients);
  }
  int floored = 0;
  for (int t = 1; t <= 5; ++t) {
    list_pass(m, s, t, events_for);
    for (std::size_t p = 0; p < list.size(); ++p) {
      if (p == 5) continue;
      const double growth = list_growth_factor(m.population, events_for(p, t));
      floored += growth == 0.0;
      list[p] *= growth;
      weighted[p] *= growth;
    }
  }
  for (std::size_t p = 0; p < list.size(); ++p) {
    EXPECT_TRUE(same_bits(s.list[p], list[p])) << p;
    EXPECT_TRUE(same_bits(s.weighted[p], weighted[p])) << p;
  }
  EXPECT_EQ(s.list[5], set.practices[5].registered_patients);
  EXPECT_GT(floored, 0);  // lists emptied by a factor floored at 0
}

// The state after year 1's list and GP passes, with practice 5 closed and every third
// practice given 3 GPs more than it had (so above its establishment: no posts to fill).
EngineState state_before_recruitment(const ModelParameters& m, Workspace& w,
                                     const random::PhiloxEventsFor& events_for) {
  EngineState& s = w.start(m, events_for);
  s.open[5] = 0;
  list_pass(m, s, 1, events_for);
  gp_tables(m, year_factors(m, 1), s);
  gp_exits_pass(s, 1, events_for);
  for (std::size_t p = 0; p < s.practice_count; p += 3) {
    if (s.gps.packed(p).total >= 0) {
      s.gps.packed(p).bands += std::uint64_t{3} << (kBandBits * 4);
      s.gps.packed(p).total += 3;
    } else {
      s.gps.bands(p)[4] += 3;
    }
    s.gps.set_total(p, s.gps.total(p) + 3);
  }
  return s;
}

// Fact: the recruitment pass leaves every practice's headcounts and total bit for bit as
// the reference's recruit_gps on that practice's band array (establishment
// establishment_for_ratio of its ratio and list, its own events), and the year's recruits
// their sum, at fill rates below, at and above 1/2 and at 0 and 1, with and without extra
// GP posts; practices with and without posts to fill, packed and in the band array, occur.
TEST(SimulatePasses, RecruitmentPassIsRecruitGpsOfEachPractice) {
  const PracticeSet set = sixty_practices();
  const random::PhiloxEventsFor events_for(11, 2);
  for (const double fill : {0.7, 0.25, 0.5, 0.0, 1.0}) {
    for (const double extra_posts : {0.0, 2.5}) {
      ModelParameters m = growing_lists();
      m.workforce.fill_rate = fill;
      m.workforce.extra_gp_posts_per_30000 = extra_posts;
      Workspace workspace(set);
      EngineState s = state_before_recruitment(m, workspace, events_for);
      std::vector<BandArray> plain(s.practice_count);
      Headcount recruits = 0;
      int with_recruits = 0, without = 0, unpacked = 0;
      for (std::size_t p = 0; p < s.practice_count; ++p) {
        plain[p] = s.gps.bands(p);
        if (s.gps.packed(p).total >= 0) unpack_gps(s.gps.packed(p), plain[p]);
        unpacked += s.gps.packed(p).total < 0;
        if (s.open[p] == 0) continue;
        const Headcount posts =
            establishment_for_ratio(m.workforce, s.gps_per_patient[p], s.list[p]);
        const Headcount r = recruit_gps(m.workforce, posts, plain[p], events_for(p, 1));
        recruits += r;
        (r > 0 ? with_recruits : without) += 1;
      }
      const Headcount closed_total = s.gps.total(5);
      recruitment_pass(m, s, 1, events_for);
      for (std::size_t p = 0; p < s.practice_count; ++p) {
        BandArray stepped = s.gps.bands(p);
        if (s.gps.packed(p).total >= 0) unpack_gps(s.gps.packed(p), stepped);
        for (int b = 0; b < kAgeBands; ++b)
          EXPECT_TRUE(same_bits(stepped[b], plain[p][b])) << fill << " " << p << " band " << b;
        if (p != 5) {
          EXPECT_TRUE(same_bits(s.gps.total(p), total_headcount(plain[p]))) << fill << " " << p;
        }
      }
      EXPECT_TRUE(same_bits(s.gps.total(5), closed_total));  // closed: untouched
      EXPECT_EQ(s.recruits, recruits) << fill;
      EXPECT_GE(unpacked, 2);
      EXPECT_GT(without, 10) << fill;
      if (fill > 0) {
        EXPECT_GT(with_recruits, 3) << fill << " " << extra_posts;
      } else {
        EXPECT_EQ(with_recruits, 0);
      }
    }
  }
}

}  // namespace
}  // namespace pcsim::engine
