// Tests of the kernels the engine's hot loops use instead of library calls or per-draw
// work (docs/performance.md): rounding and selection without branches, normal quantiles in
// batches, binomial draws from memoised tables, and the year factors computed once a year.
// Each must give exactly what the plain definition gives.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "engine/year_factors.hpp"
#include "engine_test_support.hpp"
#include "model/additional_roles.hpp"
#include "model/branch_free.hpp"
#include "model/population.hpp"
#include "model/sampling.hpp"
#include "model/savings.hpp"
#include "model/workforce.hpp"

namespace pcsim::model {
namespace {

using engine_tests::kNaN;

// Values around every half-way point and edge a count or a round can meet.
std::vector<double> rounding_cases() {
  std::vector<double> xs = {0.0,
                            -0.0,
                            0.25,
                            0.5,
                            0.75,
                            1.0,
                            1.5,
                            2.5,
                            3.49999999999999955591,
                            7.5,
                            12.0,
                            1e6 + 0.5,
                            2147483646.5,
                            2147483647.0,
                            3e9,
                            0.49999999999999994,
                            1.0 - 1e-16};
  for (int i = 0; i < 400; ++i) xs.push_back(i * 0.125);
  for (double x : {0.5, 1.5, 2.5, 10.5}) {
    xs.push_back(std::nextafter(x, 0.0));
    xs.push_back(std::nextafter(x, 100.0));
  }
  return xs;
}

// Fact: rounded_count is std::lround (halves away from zero) for counts in int range, 0
// for negatives and NaN, and 2^31 - 1 above it.
TEST(FastKernels, RoundedCountIsLround) {
  for (double x : rounding_cases()) {
    const long expected = x >= 2147483647.0 ? 2147483647L : std::lround(x);
    EXPECT_EQ(rounded_count(x), expected) << x;
  }
  EXPECT_EQ(rounded_count(-3.7), 0);
  EXPECT_EQ(rounded_count(kNaN), 0);
}

// Fact: round_non_negative is std::round for x >= 0, including 2^52 and above (whole
// already) and NaN.
TEST(FastKernels, RoundNonNegativeIsRound) {
  for (double x : rounding_cases()) {
    if (x < 0) continue;
    EXPECT_EQ(round_non_negative(x), std::round(x)) << x;
  }
  EXPECT_EQ(round_non_negative(0x1p52 + 1), 0x1p52 + 1);
  EXPECT_EQ(round_non_negative(1e300), 1e300);
  EXPECT_TRUE(std::isnan(round_non_negative(kNaN)));
}

// Fact: round_non_negative gives std::round's bits for x >= 0 (+0 stays +0: the branch-free
// form adds 0 or 1 to the whole part).
TEST(FastKernels, RoundNonNegativeHasRoundsBits) {
  for (double x : rounding_cases()) {
    if (std::signbit(x)) continue;
    const double mine = round_non_negative(x), expected = std::round(x);
    EXPECT_EQ(std::memcmp(&mine, &expected, sizeof(double)), 0) << x;
  }
}

// Fact: positive_part(x) has the bits of std::max(0.0, x): x when x > 0; +0 for zero of
// either sign, negatives, -inf and NaN.
TEST(FastKernels, PositivePartIsMaxWithZero) {
  const double inf = std::numeric_limits<double>::infinity();
  for (double x :
       {0.0, -0.0, 1e-310, -1e-310, 0.3, -0.3, 2.0, -2.0, 1e300, -1e300, inf, -inf, kNaN, -kNaN}) {
    const double mine = positive_part(x), expected = std::max(0.0, x);
    EXPECT_EQ(std::memcmp(&mine, &expected, sizeof(double)), 0) << x;
  }
}

// Fact: categorical_counts counts each uniform in the category categorical_from_uniform
// gives it, for valid probabilities (the branch-free path) and for probabilities whose
// running sums are not ascending or are NaN (the lookup path).
TEST(FastKernels, CategoricalCountsMatchOneByOneLookup) {
  const std::vector<std::array<double, 4>> cases = {
      {0.1, 0.2, 0.3, 0.4}, {0.0, 0.0, 0.5, 0.5}, {0.3, -0.2, 0.5, 0.4}, {kNaN, 0.2, 0.3, 0.5}};
  std::vector<double> us;
  for (int i = 0; i < 997; ++i) us.push_back((i + 0.5) / 997.0);
  us.push_back(0.1);  // exactly on a threshold: u <= c goes to the lower category
  us.push_back(0.3);
  for (const auto& probs : cases) {
    std::array<double, 4> by_hand{};
    for (double u : us) by_hand[categorical_from_uniform(probs, u)] += 1.0;
    std::array<double, 4> counts{};
    categorical_counts(cumulative_probabilities(probs), std::span<const double>(us), counts);
    EXPECT_EQ(counts, by_hand);
  }
}

// Fact: normal_quantiles gives normal_quantile of every uniform bit for bit: on a grid
// through both tails and the centre, at the region edges u = 0.075 and 0.925 (|u - 1/2| =
// 0.425) and next to them, near 0 and 1, and for NaN (NaN either way).
TEST(FastKernels, NormalQuantilesAreNormalQuantile) {
  std::vector<double> u;
  for (int i = 0; i < 4001; ++i) u.push_back((i + 0.5) / 4001.0);
  for (double edge : {0.075, 0.925})
    u.insert(u.end(), {edge, std::nextafter(edge, 0.0), std::nextafter(edge, 1.0)});
  u.insert(u.end(), {0x1.0p-33, 1e-300, 1.0 - 0x1.0p-33, 0.5, kNaN});
  std::vector<double> z(u.size());
  normal_quantiles(u, z);
  for (std::size_t i = 0; i < u.size(); ++i) {
    const double expected = normal_quantile(u[i]);
    if (std::isnan(expected)) {
      EXPECT_TRUE(std::isnan(z[i])) << i;
    } else {
      EXPECT_EQ(std::bit_cast<std::uint64_t>(z[i]), std::bit_cast<std::uint64_t>(expected)) << u[i];
    }
  }
}

// Fact: normal_quantiles is normal_quantile bit for bit for odd and even lengths (the
// last uniform of an odd length has no pair), with tails and NaN in either lane of a pair.
TEST(FastKernels, NormalQuantilesOfAnyLength) {
  const double pattern[] = {0.3, 0.01, kNaN, 0.7, 0.99, 0.5, 0.075, 0.0751, 1e-9};
  for (std::size_t n : {1u, 2u, 3u, 8u, 9u, 255u, 257u, 513u}) {
    std::vector<double> u(n), z(n);
    for (std::size_t i = 0; i < n; ++i) u[i] = pattern[(i * 7) % 9];
    normal_quantiles(u, z);
    for (std::size_t i = 0; i < n; ++i)
      EXPECT_EQ(std::bit_cast<std::uint64_t>(z[i]),
                std::bit_cast<std::uint64_t>(normal_quantile(u[i])))
          << n << " " << i;
  }
}

// Fact: normal_quantiles gives normal_quantile of every uniform bit for bit for inputs
// longer than its chunk of 256 and not a multiple of it, in random order (so tails and
// centre alternate unpredictably), with tails making up most of some chunks and none of
// others: 2000 uniforms spread over (2^-33, 1 - 2^-33) on a log scale towards both ends
// (about 3 in 4 in the tails), then 700 all central, then 300 all in the tails.
TEST(FastKernels, NormalQuantilesAreNormalQuantileForManyTails) {
  std::vector<double> u;
  std::uint64_t state = 12345;
  const auto next_unit = [&state] {  // a 53-bit LCG fraction in [0, 1): any spread will do
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) * 0x1.0p-53;
  };
  for (int i = 0; i < 2000; ++i) {
    const double tail = std::exp2(-33.0 * next_unit());  // 2^-33 .. 1, log-uniform
    const double half = 0.5 * tail;                      // distance from the nearer end
    u.push_back(next_unit() < 0.5 ? half : 1.0 - half);
  }
  for (int i = 0; i < 700; ++i) u.push_back(0.08 + 0.84 * next_unit());
  for (int i = 0; i < 300; ++i) {
    const double into_tail = 0.07 * next_unit();
    u.push_back(next_unit() < 0.5 ? into_tail : 1.0 - into_tail);
  }
  std::size_t tails = 0;
  for (double x : u) tails += std::fabs(x - 0.5) > 0.425;
  ASSERT_GT(tails, u.size() / 2);  // the case is the many-tails one it claims to be
  std::vector<double> z(u.size());
  normal_quantiles(u, z);
  for (std::size_t i = 0; i < u.size(); ++i)
    EXPECT_EQ(std::bit_cast<std::uint64_t>(z[i]),
              std::bit_cast<std::uint64_t>(normal_quantile(u[i])))
        << i << " " << u[i];
}

// Fact: each vector form of the central region on its own (the SSE2 pairs, and the
// AVX-512 octets where this processor runs them; normal_quantiles uses the widest) gives
// normal_quantile_central bit for bit for every u it covers, and queues exactly the u
// outside the central region (NaN included), in order.
TEST(FastKernels, NormalQuantileVectorFormsAreTheScalarCentral) {
  std::vector<double> u;
  for (int i = 0; i < 203; ++i) u.push_back((i + 0.5) / 203.0);
  u.insert(u.end(), {0.075, std::nextafter(0.075, 1.0), 0.925, std::nextafter(0.925, 0.0), kNaN});
  const std::size_t n = u.size();
  std::vector<std::uint32_t> expected_tails;
  for (std::size_t i = 0; i < n; ++i)
    if (!(std::fabs(u[i] - 0.5) <= 0.425)) expected_tails.push_back(static_cast<std::uint32_t>(i));
  for (const bool octets : {false, true}) {
    std::vector<double> z(n, -1.0);
    std::vector<std::uint32_t> tails(n);
    std::size_t queued = 0;
    const std::size_t covered = octets ? detail::normal_quantile_central_octets(
                                             u.data(), z.data(), 0, n, tails.data(), queued)
                                       : detail::normal_quantile_central_pairs(
                                             u.data(), z.data(), 0, 0, n, tails.data(), queued);
    if (covered == 0) continue;  // this processor has no AVX-512 (or no SSE2)
    EXPECT_GE(covered + (octets ? 8 : 2), n + 1) << "stopped early";
    std::size_t expected_queued = 0;
    for (std::size_t i = 0; i < covered; ++i) {
      const double central = detail::normal_quantile_central(u[i] - 0.5);
      if (std::isnan(central)) {
        EXPECT_TRUE(std::isnan(z[i])) << i;
      } else {
        EXPECT_EQ(std::bit_cast<std::uint64_t>(z[i]), std::bit_cast<std::uint64_t>(central))
            << octets << " " << u[i];
      }
      expected_queued += !(std::fabs(u[i] - 0.5) <= 0.425);
    }
    ASSERT_EQ(queued, expected_queued) << octets;
    for (std::size_t j = 0; j < queued; ++j) EXPECT_EQ(tails[j], expected_tails[j]) << octets;
  }
}

// Fact: the AVX-512 tails (where this processor runs them) give normal_quantile_tail bit
// for bit for every queued u they cover, eight at a time, in both tails, at the region's
// edges, beyond the first polynomial's range (sqrt(-log r) > 5: u = 1e-12, 1e-300 and
// their mirrors, left to the scalar function in their lanes) and for NaN; they write only
// the queued positions, and leave the last queued % 8 to the caller.
TEST(FastKernels, NormalQuantileTailOctetsAreTheScalarTail) {
  std::vector<double> u = {0.5, 0.3};  // central: never queued, so never written
  for (int i = 0; i < 40; ++i) {
    const double into_tail = 0.075 * (i + 0.5) / 40.0;
    u.push_back(i % 2 == 0 ? into_tail : 1.0 - into_tail);
  }
  u.insert(u.end(), {std::nextafter(0.075, 0.0), std::nextafter(0.925, 1.0), 1e-12, 1.0 - 1e-12,
                     1e-300, 0x1.0p-33, 1.0 - 0x1.0p-33, kNaN, 0.01});
  std::vector<std::uint32_t> tails;
  for (std::size_t i = 0; i < u.size(); ++i)
    if (!(std::fabs(u[i] - 0.5) <= 0.425)) tails.push_back(static_cast<std::uint32_t>(i));
  ASSERT_EQ(tails.size() % 8, 1u);  // one left over for the caller
  std::vector<double> z(u.size(), -7.0);
  const std::size_t handled =
      detail::normal_quantile_tail_octets(u.data(), z.data(), 0, tails.data(), tails.size());
  if (handled == 0) GTEST_SKIP() << "this processor has no AVX-512";
  ASSERT_EQ(handled, tails.size() - 1);
  for (std::size_t j = 0; j < handled; ++j) {
    const std::size_t i = tails[j];
    const double expected = detail::normal_quantile_tail(u[i], u[i] - 0.5);
    EXPECT_EQ(std::bit_cast<std::uint64_t>(z[i]), std::bit_cast<std::uint64_t>(expected)) << u[i];
  }
  EXPECT_EQ(z[0], -7.0);
  EXPECT_EQ(z[1], -7.0);
  EXPECT_EQ(z[tails.back()], -7.0);
}

// Fact: choose(c, a, b) is c ? a : b bit for bit, for ordinary values, signed zeros,
// infinities and NaN on either side.
TEST(FastKernels, ChooseIsTheConditional) {
  const std::vector<double> values = {
      1.5, -2.25, 0.0, -0.0, kNaN, std::numeric_limits<double>::infinity(), 1e-310};
  for (double a : values)
    for (double b : values)
      for (bool c : {true, false}) {
        const double expected = c ? a : b;
        EXPECT_EQ(std::bit_cast<std::uint64_t>(choose(c, a, b)),
                  std::bit_cast<std::uint64_t>(expected));
      }
}

// The running cdf F(0), ..., F(n-1) of Bin(n, q) for 0 < q <= 1/2 as the walk of
// binomial_inverse_cdf adds it up (f(0) = (1-q)^n, f(k+1) = f(k) (n-k)/(k+1) q/(1-q)),
// written out here so the test can put uniforms exactly on the walk's steps.
std::vector<double> walk_cdf(int n, double q) {
  const double odds = q / (1.0 - q);
  double pmf = std::exp(n * std::log1p(-q));
  std::vector<double> cdf = {pmf};
  for (int k = 0; k + 1 < n; ++k) {
    pmf *= odds * (n - k) / (k + 1);
    cdf.push_back(cdf.back() + pmf);
  }
  return cdf;
}

// Uniforms for Bin(n, p): a grid over (0, 1) and near its ends, and every step F(j) of the
// walk (for p > 1/2 the walk is at 1 - p and 1 - u, so 1 - F(j)) with its neighbours two
// ulps either way, where the table draw and the walk could part.
std::vector<double> binomial_test_uniforms(int n, double p) {
  std::vector<double> us;
  for (int i = 0; i < 50; ++i) us.push_back((i + 0.37) / 50.0);
  us.insert(us.end(), {0x1.0p-33, 1e-300, 1.0 - 0x1.0p-33, 0.5});
  if (n < 1 || !(p > 0.0) || p >= 1.0) return us;
  const bool mirrored = p > 0.5;
  for (double c : walk_cdf(n, mirrored ? 1.0 - p : p)) {
    double at = mirrored ? 1.0 - c : c;
    us.push_back(at);
    double below = at, above = at;
    for (int step = 0; step < 2; ++step) {
      below = std::nextafter(below, 0.0);
      above = std::nextafter(above, 1.0);
      us.insert(us.end(), {below, above});
    }
  }
  return us;
}

// Fact: the memo gives the same binomial draws as the direct computation, bit for bit,
// whatever the order of n and p (it recomputes when p changes): n = 0..70 (table draws up
// to BinomialMemo::kTable, remembered starts below kSmall, the plain walk above), p above
// and below 1/2 (mirrored), 1/2 itself, tiny p (the cdf is 1 from F(0)) and p one ulp
// either side of 1/2, with uniforms on and next to every step of the walk.
TEST(FastKernels, BinomialMemoChangesNoDraw) {
  BinomialMemo memo;
  const std::vector<double> ps = {0.8,
                                  0.3,
                                  0.8,
                                  0.5,
                                  0.05,
                                  1e-9,
                                  0.999999,
                                  1e-300,
                                  0.9999,
                                  0.2,
                                  0.3,
                                  std::nextafter(0.5, 0.0),
                                  std::nextafter(0.5, 1.0),
                                  0.65};
  for (double p : ps) {
    for (int n = 0; n <= 70; ++n) {
      for (double u : binomial_test_uniforms(n, p)) {
        EXPECT_EQ(binomial_from_uniform(n, p, u, &memo), binomial_from_uniform(n, p, u))
            << n << " " << p << " " << u;
      }
    }
  }
  // p changing at every draw, as two iterations sharing a memo never do, still agrees.
  for (int n = 1; n <= 12; ++n)
    for (int i = 0; i < 40; ++i)
      for (double p : {0.2, 0.7, 0.45}) {
        const double u = (i + 0.5) / 40.0;
        EXPECT_EQ(binomial_from_uniform(n, p, u, &memo), binomial_from_uniform(n, p, u));
      }
}

// Fact: a draw is the smallest k with F(k) >= u, capped at n, where F is the walk's
// running cdf: a uniform exactly on a step F(j) draws the first k whose F(k) reaches it
// (j, or earlier when the pmf rounds to 0 and F stays flat), one ulp above draws the next
// such k, or n past F(n-1); with and without the memo.
TEST(FastKernels, BinomialDrawIsFirstStepReachingU) {
  for (double p : {0.2, 0.5, 0.05, 1e-9}) {
    BinomialMemo memo;
    for (int n = 1; n <= 70; ++n) {
      const std::vector<double> cdf = walk_cdf(n, p);
      const auto first_reaching = [&](double u) {
        int k = 0;
        while (k < n && cdf[static_cast<std::size_t>(k)] < u) ++k;
        return k;
      };
      for (double c : cdf) {
        for (double u : {c, std::nextafter(c, 1.0), std::nextafter(c, 0.0)}) {
          if (!(u > 0.0 && u < 1.0)) continue;
          EXPECT_EQ(binomial_from_uniform(n, p, u, &memo), first_reaching(u)) << n << " " << p;
          EXPECT_EQ(binomial_from_uniform(n, p, u), first_reaching(u)) << n << " " << p;
        }
      }
    }
  }
}

// Fact: the year factors are the closed forms of docs/model.md at t = 3: I(3) = 1.02^3,
// (1 + 0.01)^3, ramp(3, 2) = 1, d(3) = 0.3 min(1, 3/6), fte_per_head(3) = 0.75 x 0.99^3,
// (1 + 0.03)^3 for prescribing, and the additional roles' density 4 - (4 - 1) 0.7^k with
// k = 3 scheme years (start 2023, the scheme from 2019: year 0 in it); and the demand split
// from the factors equals the t version bit for bit.
TEST(FastKernels, YearFactorsAreTheClosedForms) {
  ModelParameters m;
  m.start_year = 2023;
  m.funding.inflation = 0.02;
  m.population.consultation_growth = 0.01;
  m.funding.levelling_years = 2;
  m.population.diversion_max = 0.3;
  m.population.diversion_ramp_years = 6;
  m.workforce.fte_per_head = 0.75;
  m.workforce.fte_trend = -0.01;
  m.savings.prescribing_growth = 0.03;
  m.additional_roles.fte_per_10000_start = 1;
  m.additional_roles.fte_per_10000_ceiling = 4;
  m.additional_roles.growth_share = 0.3;
  m.additional_roles.first_calendar_year = 2019;
  const engine::YearFactors f = engine::year_factors(m, 3);
  EXPECT_EQ(f.t, 3);
  EXPECT_DOUBLE_EQ(f.inflation, 1.02 * 1.02 * 1.02);
  EXPECT_DOUBLE_EQ(f.consultation_index, 1.01 * 1.01 * 1.01);
  EXPECT_EQ(f.levelling_phase, 1.0);
  EXPECT_DOUBLE_EQ(f.diversion, 0.3 * 0.5);
  EXPECT_DOUBLE_EQ(f.fte_per_head, 0.75 * 0.99 * 0.99 * 0.99);
  EXPECT_DOUBLE_EQ(f.prescribing_index, 1.03 * 1.03 * 1.03);
  EXPECT_DOUBLE_EQ(f.additional_roles_density, 4.0 - 3.0 * 0.7 * 0.7 * 0.7);
  const DemandSplit a = split_demand(m.population, 1234.5, 3);
  const DemandSplit b = split_demand_at(m.population, 1234.5, f.consultation_index, f.diversion);
  EXPECT_EQ(std::bit_cast<std::uint64_t>(a.gp), std::bit_cast<std::uint64_t>(b.gp));
  EXPECT_EQ(std::bit_cast<std::uint64_t>(a.other), std::bit_cast<std::uint64_t>(b.other));
}

}  // namespace
}  // namespace pcsim::model
