// Tests of the year's practice counts (engine/year_counts.hpp): the plain loop against a
// hand count and against model::year_counts (and its order of addition, worked by hand),
// and the AVX-512 form (engine/year_counts_avx512.hpp) against the plain loop
// on practices whose figures sit on and beside every edge of the counts (open shares of 0,
// -0, NaN, whole and partial; GPs per open share at 0.5 and 1.5 exactly and one ulp either
// side, NaN, infinite; lists of -0 and NaN), counts from 0 to 40 practices (every
// remainder of 8), every sum the same bit for bit; then whole runs both ways. The AVX-512
// checks are skipped (and said) where the processor has none.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "engine/engine_workspace.hpp"
#include "engine/simulate.hpp"
#include "engine/year_counts.hpp"
#include "engine/year_counts_avx512.hpp"
#include "model/year_accounts.hpp"
#include "tests/engine/engine_test_support.hpp"
#include "tests/engine/wide_kernel_runs.hpp"

namespace pcsim::engine {
namespace {

using engine_tests::Lcg;
using engine_tests::same_bits;

using engine_tests::kNaN;
constexpr double kInf = std::numeric_limits<double>::infinity();

struct Practices {
  std::vector<double> list, weighted, share, gps;
  PracticeCountInput input() const {
    return {list.data(), weighted.data(), share.data(), gps.data(), list.size()};
  }
};

// Fact (hand count): shares {1, 0.5, 0, 0.25} with GPs {1, 0.2, 5, 0.375}: practice 0 has
// one GP (single-handed, 1), practice 1 0.4 GPs per share (none: 0.5), practice 2 is
// closed (counts nowhere), practice 3 1.5 GPs per share (more than one: counts only as
// open). So 1.75 open, 1 single-handed, 0.5 without a GP.
TEST(YearCounts, PlainLoopCountsAsByHand) {
  const Practices p{{100, 200, 0, 50}, {110, 190, 0, 40}, {1, 0.5, 0, 0.25}, {1, 0.2, 5, 0.375}};
  const YearTotals y = count_practices(p.input());
  EXPECT_EQ(y.list, 350.0);
  EXPECT_EQ(y.weighted, 340.0);
  EXPECT_EQ(y.practices_open, 1.75);
  EXPECT_EQ(y.single_handed, 1.0);
  EXPECT_EQ(y.without_gp, 0.5);
  EXPECT_EQ(y.gp_headcount, 0.0);  // nothing else is touched
  if (year_counts_avx512_supported()) {
    const YearTotals wide = count_practices_avx512(p.input());
    EXPECT_EQ(wide.practices_open, 1.75);
    EXPECT_EQ(wide.single_handed, 1.0);
    EXPECT_EQ(wide.without_gp, 0.5);
  }
}

// Fact (by hand, the order of addition): lists {1, 1, 1, 1, 1, 1, 1, 1, 2^53} of nine
// practices. In practice order the eight ones make 8 and 8 + 2^53 is exact: 2^53 + 8. In
// model::year_counts' partials, practice 8 goes to partial 0 with practice 0: 1 + 2^53 lies
// halfway between 2^53 and 2^53 + 2 and rounds to the even 2^53; partials 1 to 7 hold 1
// each, and adding each 1 to 2^53 rounds back to 2^53 the same way: 2^53. The engine's two
// forms give year_counts' 2^53.
TEST(YearCounts, SumsInEightPartialsAsByHand) {
  constexpr double kTwo53 = 9007199254740992.0;
  Practices p;
  for (int i = 0; i < 9; ++i) {
    p.list.push_back(i < 8 ? 1.0 : kTwo53);
    p.weighted.push_back(1.0);
    p.share.push_back(1.0);
    p.gps.push_back(3.0);
  }
  double in_practice_order = 0;
  for (const double x : p.list) in_practice_order += x;
  EXPECT_EQ(in_practice_order, kTwo53 + 8);  // the order the partials replace
  const YearTotals model_counts = model::year_counts(p.list, p.weighted, p.share, p.gps);
  EXPECT_EQ(model_counts.list, kTwo53);
  EXPECT_EQ(model_counts.weighted, 9.0);
  EXPECT_EQ(model_counts.practices_open, 9.0);
  EXPECT_EQ(count_practices(p.input()).list, kTwo53);
  if (year_counts_avx512_supported()) {
    EXPECT_EQ(count_practices_avx512(p.input()).list, kTwo53);
  }
}

double edge_share(Lcg& rng) {
  switch (rng.below(8)) {
    case 0:
      return 0.0;
    case 1:
      return -0.0;
    case 2:
      return kNaN;
    case 3:
      return 1.0;
    default:
      return rng.between(0.001, 1.0);
  }
}

// GPs whose ratio to `share` is on or beside the counts' edges, or ordinary.
double edge_gps(Lcg& rng, double share) {
  const double edge = rng.chance(0.5) ? 0.5 : 1.5;
  switch (rng.below(9)) {
    case 0:
      return edge * share;
    case 1:
      return std::nextafter(edge * share, 0.0);
    case 2:
      return std::nextafter(edge * share, kInf);
    case 3:
      return kNaN;
    case 4:
      return kInf;
    case 5:
      return 0.0;
    default:
      return std::floor(rng.between(0, 6)) * share;
  }
}

// Fact: on 400 random sets of 0 to 40 practices at the edges, the AVX-512 counts equal the
// plain loop's bit for bit, field by field.
TEST(YearCountsAvx512, MatchesThePlainLoopAtTheEdges) {
  if (!year_counts_avx512_supported())
    GTEST_SKIP() << "this processor (or build) has no AVX-512 F: the plain loop runs";
  Lcg rng{5122026};
  int single = 0, none = 0;
  for (int round = 0; round < 400; ++round) {
    const std::size_t n = rng.below(41);
    Practices p;
    for (std::size_t i = 0; i < n; ++i) {
      const double share = edge_share(rng);
      p.share.push_back(share);
      p.gps.push_back(edge_gps(rng, share));
      p.list.push_back(rng.chance(0.1) ? -0.0 : rng.chance(0.02) ? kNaN : rng.between(0, 2e4));
      p.weighted.push_back(rng.between(0, 2e4));
    }
    const YearTotals plain = count_practices(p.input());
    const YearTotals wide = count_practices_avx512(p.input());
    // The plain loop is model::year_counts without its branches.
    const YearTotals model_counts = model::year_counts(p.list, p.weighted, p.share, p.gps);
    ASSERT_TRUE(same_bits(plain.list, model_counts.list)) << round;
    ASSERT_TRUE(same_bits(plain.weighted, model_counts.weighted)) << round;
    ASSERT_TRUE(same_bits(plain.practices_open, model_counts.practices_open)) << round;
    ASSERT_TRUE(same_bits(plain.single_handed, model_counts.single_handed)) << round;
    ASSERT_TRUE(same_bits(plain.without_gp, model_counts.without_gp)) << round;
    ASSERT_TRUE(same_bits(plain.list, wide.list)) << round;
    ASSERT_TRUE(same_bits(plain.weighted, wide.weighted)) << round;
    ASSERT_TRUE(same_bits(plain.practices_open, wide.practices_open)) << round;
    ASSERT_TRUE(same_bits(plain.single_handed, wide.single_handed)) << round;
    ASSERT_TRUE(same_bits(plain.without_gp, wide.without_gp)) << round;
    single += plain.single_handed > 0;
    none += plain.without_gp > 0;
  }
  EXPECT_GT(single, 200);  // the draws reached both counts
  EXPECT_GT(none, 200);
}

// Fact: whole runs with the wide counts give the plain loop's results, every figure.
TEST(YearCountsAvx512, WholeRunsAgree) {
  if (!year_counts_avx512_supported()) GTEST_SKIP() << "no AVX-512 F here";
  engine_tests::expect_closing_runs_agree(&EngineState::wide_counts, 53, 11, 6);
}

}  // namespace
}  // namespace pcsim::engine
