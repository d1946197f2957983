// The PracticeYear block (model/stream_purpose.hpp): a practice's four single draws of a
// year are the four lanes of one Philox block, so the law of the model rests on the lanes
// being independent uniforms, as the blocks are. Checked on the stream itself, over
// 100,000 practice-years, against the exact uniform law of pairs of lanes.
#include <gtest/gtest.h>

#include <array>
#include <boost/math/distributions/chi_squared.hpp>
#include <cstddef>
#include <cstdint>

#include "model/stream_purpose.hpp"
#include "random/philox_events.hpp"

namespace {

using pcsim::model::Purpose;
using pcsim::random::philox_bits;
using pcsim::random::philox_uniform;
using pcsim::random::PhiloxEvents;

constexpr std::uint64_t kDrawsSeed = 20261207;
constexpr std::uint32_t kDrawsIteration = 3;
constexpr std::uint32_t kDrawsPractices = 10000, kDrawsYears = 10;
constexpr std::size_t kDrawsCells = 10;  // each lane's uniform in ten equal bins: 100 cells a pair

// The uniforms of one practice-year's block, lane by lane.
std::array<double, 4> practice_year_block_uniforms(std::uint32_t practice, std::uint32_t year) {
  std::array<double, 4> u{};
  for (std::uint32_t lane = 0; lane < 4; ++lane)
    u[lane] =
        philox_uniform(kDrawsSeed, kDrawsIteration, practice, year, Purpose::PracticeYear, lane);
  return u;
}

}  // namespace

// The named draws are the block's lanes: index i of PracticeYear is lane i of block 0.
TEST(PracticeYearDraws, EachDrawIsItsLaneOfTheBlock) {
  const PhiloxEvents events(kDrawsSeed, kDrawsIteration, 17, 4);
  for (const std::uint32_t draw : {pcsim::model::kListNoiseDraw, pcsim::model::kRecruitsDraw,
                                   pcsim::model::kPostsDraw, pcsim::model::kChangeDraw}) {
    EXPECT_EQ(events.uniform(Purpose::PracticeYear, draw),
              philox_uniform(kDrawsSeed, kDrawsIteration, 17, 4, Purpose::PracticeYear, draw));
    std::array<std::uint32_t, 4> block{};
    events.bits_in_blocks(Purpose::PracticeYear, 4, block.data());
    EXPECT_EQ(block[draw],
              philox_bits(kDrawsSeed, kDrawsIteration, 17, 4, Purpose::PracticeYear, draw));
  }
  // Four distinct draws (a block's lanes are not copies of one another).
  const std::array<double, 4> u = practice_year_block_uniforms(17, 4);
  for (int i = 0; i < 4; ++i)
    for (int j = i + 1; j < 4; ++j) EXPECT_NE(u[i], u[j]);
}

// Every pair of lanes (list noise and change, recruits and posts, ...) is uniform on the
// unit square: 100,000 practice-years in 10 x 10 cells, the chi-square statistic of the
// uniform law (99 degrees of freedom) below its 1 - 1e-4 quantile for each of the six
// pairs. The test has power about 0.85 against a correlation of 0.03 between two lanes (a
// Gaussian copula) and above 0.99 against 0.04 (a numpy simulation of this statistic, 300
// runs each; no false alarm in 300 runs without correlation).
TEST(PracticeYearDraws, PairsOfLanesAreIndependentUniforms) {
  std::array<std::array<std::array<double, kDrawsCells * kDrawsCells>, 4>, 4> counts{};
  for (std::uint32_t practice = 0; practice < kDrawsPractices; ++practice)
    for (std::uint32_t year = 1; year <= kDrawsYears; ++year) {
      const std::array<double, 4> u = practice_year_block_uniforms(practice, year);
      for (int i = 0; i < 4; ++i)
        for (int j = i + 1; j < 4; ++j) {
          const auto cells = static_cast<double>(kDrawsCells);
          const auto a = static_cast<std::size_t>(u[i] * cells),
                     b = static_cast<std::size_t>(u[j] * cells);
          counts[i][j][a * kDrawsCells + b] += 1;
        }
    }
  const double n = static_cast<double>(kDrawsPractices) * kDrawsYears;
  const double expected = n / static_cast<double>(kDrawsCells * kDrawsCells);
  const double critical = boost::math::quantile(
      boost::math::chi_squared(static_cast<double>(kDrawsCells * kDrawsCells - 1)), 1 - 1e-4);
  for (int i = 0; i < 4; ++i)
    for (int j = i + 1; j < 4; ++j) {
      double chi2 = 0;
      for (const double c : counts[i][j]) chi2 += (c - expected) * (c - expected) / expected;
      EXPECT_LT(chi2, critical) << "lanes " << i << " and " << j;
    }
}

// The block is keyed by practice and year like any other: neighbouring practice-years'
// blocks differ, and a practice's block is not another purpose's.
TEST(PracticeYearDraws, BlocksAreKeyedByPracticeYearAndPurpose) {
  const std::uint32_t base =
      philox_bits(kDrawsSeed, kDrawsIteration, 5, 2, Purpose::PracticeYear, 0);
  EXPECT_NE(philox_bits(kDrawsSeed, kDrawsIteration, 6, 2, Purpose::PracticeYear, 0), base);
  EXPECT_NE(philox_bits(kDrawsSeed, kDrawsIteration, 5, 3, Purpose::PracticeYear, 0), base);
  EXPECT_NE(philox_bits(kDrawsSeed, kDrawsIteration, 5, 2, Purpose::ListNoise, 0), base);
  EXPECT_NE(philox_bits(kDrawsSeed, kDrawsIteration + 1, 5, 2, Purpose::PracticeYear, 0), base);
}
