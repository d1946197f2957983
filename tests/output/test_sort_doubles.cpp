// The radix sort of Monte Carlo columns (output/sort_doubles.hpp) against std::sort and
// std::stable_sort, on both sides of its switch to radix passes, with every kind of double
// a run can hold (negative, zero of either sign, subnormal, infinite, many ties).
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

#include "output/sort_doubles.hpp"

namespace pcsim::output {
namespace {

constexpr double kSortInfinity = std::numeric_limits<double>::infinity();

// A column of n values drawn from a mix: wide-ranging magnitudes of both signs, a few
// repeated values (ties), zeros of both signs, subnormals and infinities.
std::vector<double> mixed_column(std::size_t n, std::uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  std::uniform_int_distribution<int> kind(0, 9), exponent(-300, 300);
  const std::vector<double> repeated = {3.5, -2.25, 1e9, 7.0};
  std::vector<double> column(n);
  for (double& x : column) {
    switch (kind(rng)) {
      case 0:
        x = repeated[rng() % repeated.size()];
        break;
      case 1:
        x = (rng() % 2 == 0) ? 0.0 : -0.0;
        break;
      case 2:
        x = unit(rng) * std::numeric_limits<double>::denorm_min() * 1000;
        break;
      case 3:
        x = (rng() % 2 == 0) ? kSortInfinity : -kSortInfinity;
        break;
      case 4:
        x = unit(rng) * std::ldexp(1.0, exponent(rng));
        break;
      default:
        x = unit(rng) * 1e6;
        break;  // like a metric: one exponent range
    }
  }
  return column;
}

// Equal as std::sort would order them, reading -0 and +0 as the same value.
void expect_sorted_like_std(std::vector<double> values) {
  std::vector<double> expected = values;
  std::sort(expected.begin(), expected.end());
  sort_doubles(values);
  ASSERT_EQ(values.size(), expected.size());
  for (std::size_t i = 0; i < values.size(); ++i) ASSERT_EQ(values[i], expected[i]) << i;
  // And every zero +0, whatever the sign it had.
  for (std::size_t i = 0; i < values.size(); ++i)
    ASSERT_FALSE(values[i] == 0 && std::signbit(values[i])) << i;
}

TEST(SortDoubles, MatchesStdSortEitherSideOfTheRadixSwitch) {
  for (const std::size_t n : {0u, 1u, 2u, 17u, 255u, 256u, 257u, 1000u, 10000u}) {
    for (std::uint32_t seed = 1; seed <= 5; ++seed) {
      SCOPED_TRACE(::testing::Message() << "n " << n << " seed " << seed);
      expect_sorted_like_std(mixed_column(n, seed));
    }
  }
}

// Every value one of a few (each pass but the last skipped) and all equal (every pass).
TEST(SortDoubles, FewDistinctValues) {
  std::vector<double> ties(5000);
  for (std::size_t i = 0; i < ties.size(); ++i) ties[i] = static_cast<double>((i * 7919) % 3);
  expect_sorted_like_std(ties);
  expect_sorted_like_std(std::vector<double>(3000, -1.5));
}

TEST(SortDoubles, OrderKeyFollowsTheDoublesOrder) {
  const std::vector<double> ascending = {-kSortInfinity,
                                         -1e308,
                                         -1.0,
                                         -1e-300,
                                         -std::numeric_limits<double>::denorm_min(),
                                         0.0,
                                         std::numeric_limits<double>::denorm_min(),
                                         1e-300,
                                         1.0,
                                         1e308,
                                         kSortInfinity};
  for (std::size_t i = 1; i < ascending.size(); ++i)
    EXPECT_LT(order_key(ascending[i - 1]), order_key(ascending[i])) << ascending[i];
  EXPECT_EQ(order_key(-0.0), order_key(0.0));  // equal values, one key
}

// Positions in ascending order of value, ties (-0 and +0 among them) by position:
// std::stable_sort's answer.
TEST(SortedPositions, MatchesStableSort) {
  for (const std::size_t n : {0u, 3u, 255u, 256u, 4096u, 10000u}) {
    for (std::uint32_t seed = 11; seed <= 14; ++seed) {
      const std::vector<double> values = mixed_column(n, seed);
      std::vector<std::size_t> expected(n);
      std::iota(expected.begin(), expected.end(), std::size_t{0});
      std::stable_sort(expected.begin(), expected.end(),
                       [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
      EXPECT_EQ(sorted_positions(values), expected) << "n " << n << " seed " << seed;
    }
  }
}

TEST(SortDoubles, NaNIsRefused) {
  std::vector<double> values(1000, 1.0);
  values[500] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(sort_doubles(values), std::invalid_argument);
  EXPECT_THROW(sorted_positions(values), std::invalid_argument);
  std::vector<double> short_values = {1.0, std::numeric_limits<double>::quiet_NaN()};
  EXPECT_THROW(sort_doubles(short_values), std::invalid_argument);
}

}  // namespace
}  // namespace pcsim::output
