// Exact Shapley values (runner/shapley.hpp) against games whose values are known in closed
// form: additive games, a pairwise interaction, the two-player "both needed" game and the
// three-player glove game, plus the axioms (efficiency, symmetry, dummy) on random games.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

#include "runner/shapley.hpp"

namespace pcsim::runner {
namespace {

// v(S) for every mask from a function of the mask.
template <class F>
std::vector<double> game(std::size_t players, F value) {
  std::vector<double> v(std::size_t{1} << players);
  for (std::size_t m = 0; m < v.size(); ++m) v[m] = value(m);
  return v;
}

bool has(std::size_t mask, std::size_t j) { return (mask >> j & 1u) != 0; }

TEST(Shapley, AdditiveGameGivesEachPlayerItsOwnEffect) {
  const std::vector<double> a = {3.0, -1.5, 0.25, 7.0};
  const auto v = game(4, [&](std::size_t m) {
    double total = 10.0;  // the start
    for (std::size_t j = 0; j < 4; ++j) total += has(m, j) ? a[j] : 0.0;
    return total;
  });
  const ShapleySplit s = shapley_split(v, 4);
  EXPECT_DOUBLE_EQ(s.start, 10.0);
  EXPECT_DOUBLE_EQ(s.end, 10.0 + 3.0 - 1.5 + 0.25 + 7.0);
  for (std::size_t j = 0; j < 4; ++j) {
    EXPECT_NEAR(s.contribution[j], a[j], 1e-12);
    EXPECT_NEAR(s.alone[j], a[j], 1e-12);
  }
  EXPECT_NEAR(s.interaction, 0.0, 1e-12);
}

// v = sum a_j + b [players 0 and 2 both on]: each of the two takes half of b.
TEST(Shapley, PairwiseInteractionIsSharedEqually) {
  const std::vector<double> a = {1.0, 2.0, 4.0};
  const double b = 6.0;
  const auto v = game(3, [&](std::size_t m) {
    double total = 0;
    for (std::size_t j = 0; j < 3; ++j) total += has(m, j) ? a[j] : 0.0;
    return total + (has(m, 0) && has(m, 2) ? b : 0.0);
  });
  const ShapleySplit s = shapley_split(v, 3);
  EXPECT_NEAR(s.contribution[0], 1.0 + 3.0, 1e-12);
  EXPECT_NEAR(s.contribution[1], 2.0, 1e-12);
  EXPECT_NEAR(s.contribution[2], 4.0 + 3.0, 1e-12);
  EXPECT_NEAR(s.interaction, b, 1e-12);
  EXPECT_NEAR(s.alone[0], 1.0, 1e-12);
}

// The product of two growth factors, as list growth and consultation growth make demand:
// v(empty) = D, v(1) = D g1, v(2) = D g2, v(12) = D g1 g2. Shapley: phi_1 =
// D (g1 - 1)(1 + g2) / 2, phi_2 = D (g2 - 1)(1 + g1) / 2.
TEST(Shapley, ProductOfTwoFactorsSplitsByTheAverageOfBothOrders) {
  const double d = 1000, g1 = 1.2, g2 = 1.05;
  const std::vector<double> v = {d, d * g1, d * g2, d * g1 * g2};
  const ShapleySplit s = shapley_split(v, 2);
  EXPECT_NEAR(s.contribution[0], d * (g1 - 1) * (1 + g2) / 2, 1e-9);
  EXPECT_NEAR(s.contribution[1], d * (g2 - 1) * (1 + g1) / 2, 1e-9);
  EXPECT_NEAR(s.interaction, d * (g1 - 1) * (g2 - 1), 1e-9);
}

// Glove game: player 0 holds a left glove, players 1 and 2 a right glove each; a pair is
// worth 1. Known values: 2/3, 1/6, 1/6.
TEST(Shapley, GloveGame) {
  const auto v = game(3, [](std::size_t m) {
    const int left = has(m, 0) ? 1 : 0;
    const int right = (has(m, 1) ? 1 : 0) + (has(m, 2) ? 1 : 0);
    return static_cast<double>(std::min(left, right));
  });
  const ShapleySplit s = shapley_split(v, 3);
  EXPECT_NEAR(s.contribution[0], 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(s.contribution[1], 1.0 / 6.0, 1e-15);
  EXPECT_NEAR(s.contribution[2], 1.0 / 6.0, 1e-15);
}

TEST(Shapley, WeightsOfEveryOrderAddUpToOne) {
  for (std::size_t k = 1; k <= 12; ++k) {
    double total = 0;  // over the subsets without one given player
    for (std::size_t s = 0; s < k; ++s) {
      double subsets = 1;  // C(k - 1, s)
      for (std::size_t i = 1; i <= s; ++i)
        subsets = subsets * static_cast<double>(k - s - 1 + i) / i;
      total += subsets * shapley_weight(s, k);
    }
    EXPECT_NEAR(total, 1.0, 1e-14) << k;
  }
  EXPECT_DOUBLE_EQ(shapley_weight(0, 3), 1.0 / 3.0);  // 0! 2! / 3!
  EXPECT_DOUBLE_EQ(shapley_weight(1, 3), 1.0 / 6.0);  // 1! 1! / 3!
}

// Efficiency, symmetry and the dummy axiom on random games of 1 to 10 players.
TEST(Shapley, AxiomsHoldOnRandomGames) {
  std::mt19937_64 rng(20240101);
  std::normal_distribution<double> normal(0.0, 1000.0);
  for (std::size_t k = 1; k <= 10; ++k) {
    // Player k - 1 is a dummy: v(S + dummy) = v(S).
    std::vector<double> base(std::size_t{1} << (k - 1));
    for (auto& x : base) x = normal(rng);
    const auto v = game(k, [&](std::size_t m) { return base[m & (base.size() - 1)]; });
    const ShapleySplit s = shapley_split(v, k);
    const double sum = std::accumulate(s.contribution.begin(), s.contribution.end(), 0.0);
    EXPECT_NEAR(sum, s.end - s.start, 1e-9 * (1 + std::abs(s.end - s.start)));
    EXPECT_EQ(s.contribution[k - 1], 0.0);
    if (k >= 3) {
      // Swapping players 0 and 1 swaps their values.
      const auto swapped = game(k, [&](std::size_t m) {
        const std::size_t b0 = m & 1u, b1 = m >> 1 & 1u;
        return v[(m & ~std::size_t{3}) | (b0 << 1) | b1];
      });
      const ShapleySplit t = shapley_split(swapped, k);
      EXPECT_NEAR(t.contribution[0], s.contribution[1], 1e-9);
      EXPECT_NEAR(t.contribution[1], s.contribution[0], 1e-9);
    }
  }
}

TEST(Shapley, NanEntersOnlyWhatItTouches) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const ShapleySplit s = shapley_split(std::vector<double>{0.0, nan, 2.0, 3.0}, 2);
  EXPECT_TRUE(std::isnan(s.contribution[0]));
  EXPECT_TRUE(std::isnan(s.contribution[1]));
  EXPECT_DOUBLE_EQ(s.alone[1], 2.0);
}

TEST(Shapley, RejectsWrongSizes) {
  EXPECT_THROW(shapley_split(std::vector<double>(3), 2), std::invalid_argument);
  EXPECT_THROW(shapley_split(std::vector<double>(2), kMaxShapleyPlayers + 1),
               std::invalid_argument);
  const ShapleySplit none = shapley_split(std::vector<double>{5.0}, 0);
  EXPECT_EQ(none.start, 5.0);
  EXPECT_EQ(none.interaction, 0.0);
}

}  // namespace
}  // namespace pcsim::runner
