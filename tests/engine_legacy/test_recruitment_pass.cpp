// Tests of the recruitment pass's own pieces (model/workforce.hpp: recruitment_vacancies,
// has_posts; model/binomial_sampling.hpp: BinomialDraws / binomial_from_draws;
// model/list_and_workforce_passes.hpp:
// join_whole_recruits) and of the pass at fill rates on both sides of 1/2 and at the ends.
#include <gtest/gtest.h>

#include <climits>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "model/simulate.hpp"
#include "runner/philox_events.hpp"

namespace pcsim::model {
namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

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

// Fact: has_posts(v) says whether the posts are positive: stochastic, posts are v rounded
// half up, so 0.49 -> 0 (none), 0.5 -> 1, 2.4 -> 2; central, posts are v itself, so any
// v > 0 has posts (0.3 does) and 0 has none.
TEST(RecruitmentPass, HasPostsWhenRoundedPostsArePositive) {
  EXPECT_FALSE(has_posts(0.0, false));
  EXPECT_FALSE(has_posts(0.49, false));
  EXPECT_TRUE(has_posts(0.5, false));
  EXPECT_TRUE(has_posts(2.4, false));
  EXPECT_TRUE(has_posts(std::numeric_limits<double>::infinity(), false));
  EXPECT_FALSE(has_posts(0.0, true));
  EXPECT_TRUE(has_posts(0.3, true));
  // And on a fine grid of v it agrees with the posts themselves being above 0.
  for (int i = 0; i <= 4000; ++i) {
    const double v = i / 1000.0;
    for (const bool central : {false, true})
      EXPECT_EQ(has_posts(v, central), recruitment_posts(v, 0.0, central) > 0.0) << v;
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

// Fact: the table draw gives binomial_from_uniform's very result (the draw it stands in for),
// for table and larger n, fill rates inside (0, 1), at 1/2, at and beyond the ends, and NaN,
// over uniforms spread across (0, 1) including ones next to the ends.
TEST(RecruitmentPass, TableDrawIsBinomialFromUniform) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  BinomialMemo memo, reference_memo;
  for (const double p : {0.05, 0.3, 0.5, 0.6, 0.8, 0.999, 0.0, 1.0, -0.2, 1.5, nan}) {
    const BinomialDraws draws = binomial_draws(p, memo);
    for (const int n : {0, 1, 2, 3, 4, 5, 9, 70}) {
      for (int i = 0; i <= 2000; ++i) {
        const double u = i == 0 ? 0x1p-33 : i == 2000 ? 1.0 - 0x1p-33 : i / 2000.0;
        EXPECT_EQ(binomial_from_draws(draws, n, u, memo), binomial_from_uniform(n, p, u))
            << p << " " << n << " " << u;
      }
    }
  }
}

// Fact: whole recruits join a packed practice's entry band while the total stays within
// kBulkGps (by hand: 120 + 7 = 127 fits, band 2 from 100 to 107), and otherwise go to the
// band array as join_recruits puts them (120 + 8 = 128: band 2 holds 108, band 5 keeps 20);
// a huge count (INT_MAX) does not overflow the check; gp_total is whole + recruits.
TEST(RecruitmentPass, WholeRecruitsJoinPackedOrBandArray) {
  SimulationState s;
  s.gp_headcount.assign(3, BandArray{});
  s.gp_total.assign(3, 120.0);
  GpMembers members;
  members.count = {0, 0, 100, 0, 0, 20, 0, 0, 0};
  members.total = 120;
  s.gp_packed.assign(3, PackedGps{});
  for (std::size_t p = 0; p < 3; ++p) ASSERT_TRUE(pack_gps(members, s.gp_packed[p]));
  detail::join_whole_recruits(s, 0, 2, 120.0, 7);
  EXPECT_EQ(s.gp_packed[0].total, 127);
  EXPECT_EQ(s.gp_packed[0].band(2), 107);
  EXPECT_EQ(s.gp_packed[0].band(5), 20);
  EXPECT_EQ(s.gp_total[0], 127.0);
  detail::join_whole_recruits(s, 1, 2, 120.0, 8);
  EXPECT_EQ(s.gp_packed[1].total, -1);
  const BandArray expected = {0, 0, 108, 0, 0, 20, 0, 0, 0};
  EXPECT_EQ(s.gp_headcount[1], expected);
  EXPECT_EQ(s.gp_total[1], 128.0);
  detail::join_whole_recruits(s, 2, 2, 120.0, INT_MAX);
  EXPECT_EQ(s.gp_packed[2].total, -1);
  EXPECT_EQ(s.gp_headcount[2][2], 100.0 + INT_MAX);
  EXPECT_EQ(s.gp_total[2], 120.0 + INT_MAX);
}

// Fact: with Philox events the pass (the table draws) leaves every headcount and gp_total
// bit for bit as recruitment_step on one practice at a time, at fill rates below, at and
// above 1/2 and at 0 and 1, over 80 practices whose lists grew by 3 to 23% (so most have
// posts, some not).
TEST(RecruitmentPass, PassIsStepPerPracticeAtAnyFillRate) {
  PracticeSet set;
  set.peer_groups = 1;
  set.neighbourhoods = 1;
  for (int i = 0; i < 80; ++i) {
    PracticeBaseline b;
    b.code = std::string("R").append(std::to_string(i));
    b.registered_patients = 2000 + 150 * i;
    b.weighted_patients = b.registered_patients;
    b.core_funding = b.weighted_patients * 90;
    b.gp_headcount[2 + i % 5] = 1 + i % 6;
    set.practices.push_back(b);
  }
  runner::PhiloxEventsFor events_for(17, 3);
  for (const double fill_rate : {0.25, 0.5, 0.75, 0.0, 1.0}) {
    ModelParameters m;
    m.workforce.fill_rate = fill_rate;
    SimulationWorkspace workspace(set);
    SimulationState before = workspace.start(m, events_for);
    for (std::size_t p = 0; p < before.practice_count; ++p)
      before.list[p] *= 1.03 + 0.0025 * static_cast<double>(p);
    SimulationState one_by_one = before, pass = before;
    for (std::size_t p = 0; p < before.practice_count; ++p)
      detail::recruitment_step(m, one_by_one, p, events_for(p, 1));
    detail::recruitment_pass(m, pass, 1, events_for);
    int grew = 0;
    for (std::size_t p = 0; p < before.practice_count; ++p) {
      grew += one_by_one.gp_total[p] > before.gp_total[p];
      EXPECT_TRUE(same_bits(pass.gp_total[p], one_by_one.gp_total[p])) << p;
      EXPECT_EQ(pass.gp_headcount[p], one_by_one.gp_headcount[p]) << p;
      EXPECT_EQ(pass.gp_packed[p].bands, one_by_one.gp_packed[p].bands) << p;
      EXPECT_EQ(pass.gp_packed[p].total, one_by_one.gp_packed[p].total) << p;
    }
    if (fill_rate > 0.0) {
      EXPECT_GT(grew, 10) << fill_rate;
    }
    if (fill_rate == 0.0) {
      EXPECT_EQ(grew, 0);
    }
  }
}

}  // namespace
}  // namespace pcsim::model
