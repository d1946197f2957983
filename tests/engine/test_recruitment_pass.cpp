// Tests of the engine's recruitment pass (engine/list_and_workforce_passes.hpp,
// recruitment_pass) and its pieces: the vacancies (model/workforce.hpp,
// recruitment_vacancies), the binomial table draws (model/binomial_sampling.hpp,
// BinomialDraws / binomial_from_draws), recruits joining packed headcounts or the band
// array (GpWorkforce::add_recruits), and the pass's posts and recruits against the rule written out
// by hand from the Philox uniforms: posts = floor(v) + [u1 < v - floor(v)], recruits = Bin(posts,
// fill_rate) by inverse cdf at u0 (docs/model.md, Recruitment).
#include <gtest/gtest.h>

#include <climits>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "engine/engine_workspace.hpp"
#include "engine/list_and_workforce_passes.hpp"
#include "random/philox_events.hpp"
#include "tests/engine/engine_test_support.hpp"

namespace pcsim::engine {
namespace {

using engine_tests::same_bits;

// Fact: the vacancies are max(0, E - total), and +0 (not -0, not NaN) when E - total is
// not above 0: 5.5 - 3 = 2.5; 3 - 5 = -2 -> 0; 3 - 3 = 0; -0 - 0 = -0 -> +0; NaN -> 0.
TEST(RecruitmentPass, VacanciesArePositivePartOfTheGap) {
  EXPECT_EQ(recruitment_vacancies(5.5, 3.0), 2.5);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const double zero : {recruitment_vacancies(3.0, 5.0), recruitment_vacancies(3.0, 3.0),
                            recruitment_vacancies(-0.0, 0.0), recruitment_vacancies(nan, 1.0)}) {
    EXPECT_EQ(zero, 0.0);
    EXPECT_FALSE(std::signbit(zero));
  }
}

// Binomial(n, p) cdf by the closed form sum_{j <= k} C(n, j) p^j (1-p)^(n-j).
double binomial_cdf(int n, double p, int k) {
  double sum = 0.0, choose = 1.0;
  for (int j = 0; j <= k; ++j) {
    sum += choose * std::pow(p, j) * std::pow(1.0 - p, n - j);
    choose = choose * (n - j) / (j + 1);
  }
  return sum;
}

// Fact: a table draw is the inverse cdf of Bin(n, p): the smallest k with F(k) >= u, for
// n = 0..4 and p on both sides of 1/2 (u kept 1e-9 away from every F(k), where rounding
// could decide). For n = 1, p = 0.3 by hand: F(0) = 0.7, so u = 0.69 -> 0 and u = 0.71 -> 1.
TEST(RecruitmentPass, TableDrawIsTheInverseCdf) {
  BinomialMemo memo;
  const BinomialDraws low = binomial_draws(0.3, memo);
  EXPECT_EQ(binomial_from_draws(low, 1, 0.69, memo), 0);
  EXPECT_EQ(binomial_from_draws(low, 1, 0.71, memo), 1);
  for (const double p : {0.1, 0.3, 0.5, 0.7, 0.85}) {
    const BinomialDraws draws = binomial_draws(p, memo);
    for (int n = 0; n <= 4; ++n) {
      for (int i = 1; i < 1000; ++i) {
        const double u = (i + 0.5) / 1000.0;
        int expected = 0;
        bool near = false;
        for (int k = 0; k < n; ++k) {
          const double f = binomial_cdf(n, p, k);
          near = near || std::abs(f - u) < 1e-9;
          expected += f < u;  // k below the draw exactly when F(k) < u
        }
        if (near) continue;
        EXPECT_EQ(binomial_from_draws(draws, n, u, memo), expected) << p << " " << n << " " << u;
      }
    }
  }
}

// Fact: the table draw gives binomial_from_uniform's very result (the draw it stands in
// for), for table and larger n, fill rates inside (0, 1), at 1/2, at and beyond the ends,
// and NaN, over uniforms spread across (0, 1) including ones next to the ends; n = 0 (no
// posts, which the pass draws without a branch) gives 0 at every fill rate.
TEST(RecruitmentPass, TableDrawIsBinomialFromUniform) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  BinomialMemo memo;
  for (const double p : {0.05, 0.3, 0.5, 0.6, 0.8, 0.999, 0.0, 1.0, -0.2, 1.5, nan}) {
    const BinomialDraws draws = binomial_draws(p, memo);
    for (const int n : {0, 1, 2, 3, 4, 5, 9, 70}) {
      for (int i = 0; i <= 2000; ++i) {
        const double u = i == 0 ? 0x1p-33 : i == 2000 ? 1.0 - 0x1p-33 : i / 2000.0;
        const int draw = binomial_from_draws(draws, n, u, memo);
        EXPECT_EQ(draw, binomial_from_uniform(n, p, u)) << p << " " << n << " " << u;
        if (n == 0) {
          EXPECT_EQ(draw, 0) << p << " " << u;
        }
      }
    }
  }
}

// Fact: whole recruits join a packed practice's entry band while the total stays within
// kBulkGps (by hand: 120 + 7 = 127 fits, band 2 from 100 to 107), and otherwise go to the
// band array (120 + 8 = 128: band 2 holds 108, band 5 keeps 20); a huge count (INT_MAX)
// does not overflow the check; gp_total is whole + recruits. No recruits change nothing:
// a packed practice keeps its word and total, a practice in the band array its bands (bit
// for bit) and its total.
TEST(RecruitmentPass, WholeRecruitsJoinPackedOrBandArray) {
  EngineState s;
  const std::vector<BandArray> empty(5, BandArray{});
  const std::vector<Headcount> totals(5, 120.0);
  s.gps.reset(empty, totals);
  GpMembers members;
  members.count = {0, 0, 100, 0, 0, 20, 0, 0, 0};
  members.total = 120;
  for (std::size_t p = 0; p < 4; ++p) ASSERT_TRUE(pack_gps(members, s.gps.packed(p)));
  s.gps.add_recruits(0, 2, 120.0, 7);
  EXPECT_EQ(s.gps.packed(0).total, 127);
  EXPECT_EQ(s.gps.packed(0).band(2), 107);
  EXPECT_EQ(s.gps.packed(0).band(5), 20);
  EXPECT_EQ(s.gps.total(0), 127.0);
  s.gps.add_recruits(1, 2, 120.0, 8);
  EXPECT_EQ(s.gps.packed(1).total, -1);
  const BandArray expected = {0, 0, 108, 0, 0, 20, 0, 0, 0};
  EXPECT_EQ(s.gps.bands(1), expected);
  EXPECT_EQ(s.gps.total(1), 128.0);
  s.gps.add_recruits(2, 2, 120.0, INT_MAX);
  EXPECT_EQ(s.gps.packed(2).total, -1);
  EXPECT_EQ(s.gps.bands(2)[2], 100.0 + INT_MAX);
  EXPECT_EQ(s.gps.total(2), 120.0 + INT_MAX);
  const PackedGps before = s.gps.packed(3);
  s.gps.add_recruits(3, 2, 120.0, 0);
  EXPECT_EQ(s.gps.packed(3).bands, before.bands);
  EXPECT_EQ(s.gps.packed(3).total, 120);
  EXPECT_TRUE(same_bits(s.gps.total(3), 120.0));
  s.gps.packed(4).total = -1;
  s.gps.bands(4) = {0, 0, 100, 0, 0, 20, 0, 0, 130};
  s.gps.set_total(4, 250.0);
  s.gps.add_recruits(4, 2, 250.0, 0);
  EXPECT_EQ(s.gps.bands(4), (BandArray{0, 0, 100, 0, 0, 20, 0, 0, 130}));
  EXPECT_FALSE(std::signbit(s.gps.bands(4)[2]));
  EXPECT_TRUE(same_bits(s.gps.total(4), 250.0));
}

// 60 practices of 3 to 8 GPs in bands 2 to 6 and 1,000 patients per GP; practices 0, 5,
// 10, ... also hold 150 GPs in band 8 (too many to pack: band array).
PracticeSet recruiting_practices() {
  PracticeSet set;
  set.peer_groups = 1;
  set.neighbourhoods = 1;
  for (int i = 0; i < 60; ++i) {
    PracticeBaseline b;
    b.code = std::string("R").append(std::to_string(i));
    b.gp_headcount[2 + i % 5] = 3 + i % 6;
    if (i % 5 == 0) b.gp_headcount[8] = 150;
    b.registered_patients = 1000.0 * total_headcount(b.gp_headcount);
    b.weighted_patients = b.registered_patients;
    b.core_funding = b.weighted_patients * 90;
    set.practices.push_back(b);
  }
  return set;
}

// Fact: the pass recruits by the rule written out from the Philox uniforms of each
// practice-year. With no exits and lists grown by a factor 1 + g_p, practice p has
// v = g_p H(p,0) vacancies (E = H(p,0)/L(p,0) L); g_p = 0.013 + 0.037 (p mod 29) gives
// vacancies from a fraction of a post to several posts, all with a fraction. Then posts =
// floor(v) + [u1 < v - floor(v)] and recruits = Bin(posts, fill) by inverse cdf at u0
// (u_k = philox_uniform(seed, iteration, p, 1, PracticeYear, k), k = kRecruitsDraw, kPostsDraw);
// each practice's recruits join band 2 (entry_band), its total becomes H + recruits, and the pass's
// recruits are their sum. Practices whose lists shrank (every seventh) have no vacancies and
// recruit none. Both outcomes of the extra post occur, and so do practices with no posts at all.
TEST(RecruitmentPass, PostsAndRecruitsFollowTheRuleFromTheUniforms) {
  const PracticeSet set = recruiting_practices();
  constexpr std::uint64_t kSeed = 17;
  constexpr std::uint32_t kIteration = 3;
  const random::PhiloxEventsFor events_for(kSeed, kIteration);
  for (const double fill : {1.0, 0.6, 0.3}) {
    ModelParameters m;
    m.workforce.fill_rate = fill;
    m.workforce.entry_band = 2;
    Workspace workspace(set);
    EngineState& s = workspace.start(m, events_for);
    std::vector<Headcount> expected_total;
    std::vector<double> expected_band2;
    int extra_posts = 0, no_extra = 0, no_posts = 0;
    double expected_recruits = 0;
    for (std::size_t p = 0; p < s.practice_count; ++p) {
      const Headcount h = total_headcount(set.practices[p].gp_headcount);
      const double g = p % 7 == 3 ? -0.02 : 0.013 + 0.037 * static_cast<double>(p % 29);
      s.list[p] *= 1.0 + g;
      if (p % 2 == 1 && p % 5 != 0) {  // half of the small ones packed, as the GP pass leaves them
        ASSERT_TRUE(pack_headcounts(s.gps.bands(p), s.gps.packed(p)));
      }
      const double v = std::max(0.0, h / set.practices[p].registered_patients * s.list[p] - h);
      int recruits = 0;
      if (v > 0) {
        const auto uniform = [&](std::uint32_t k) {
          return random::philox_uniform(kSeed, kIteration, static_cast<std::uint32_t>(p), 1,
                                        Purpose::PracticeYear, k);
        };
        const double whole = std::floor(v);
        const int extra = uniform(kPostsDraw) < v - whole ? 1 : 0;
        (extra == 1 ? extra_posts : no_extra) += 1;
        const int posts = static_cast<int>(whole) + extra;
        no_posts += posts == 0;
        recruits = binomial_from_uniform(posts, fill, uniform(kRecruitsDraw));
      }
      expected_recruits += recruits;
      expected_total.push_back(h + recruits);
      expected_band2.push_back(set.practices[p].gp_headcount[2] + recruits);
    }
    recruitment_pass(m, s, 1, events_for);
    for (std::size_t p = 0; p < s.practice_count; ++p) {
      BandArray bands = s.gps.bands(p);
      if (s.gps.packed(p).total >= 0) unpack_gps(s.gps.packed(p), bands);
      EXPECT_EQ(bands[2], expected_band2[p]) << fill << " practice " << p;
      EXPECT_EQ(s.gps.total(p), expected_total[p]) << fill << " practice " << p;
    }
    EXPECT_EQ(s.recruits, expected_recruits) << fill;
    EXPECT_GT(extra_posts, 5) << fill;
    EXPECT_GT(no_extra, 5) << fill;
    EXPECT_GT(no_posts, 2) << fill;
  }
}

}  // namespace
}  // namespace pcsim::engine
