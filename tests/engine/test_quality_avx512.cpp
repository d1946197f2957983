// Tests of the quality payments eight practices to a register (engine/quality_avx512.hpp)
// against quality_payment_from_bits practice by practice (the scalar loop of
// quality_chunks): for 1 to 4 standards, on random practices (open and closed, sign-ups of
// 1, fractions, 0, -0, negative and NaN, weighted lists of 0 and NaN, draws on and beside
// each achievement threshold, thresholds of 0 and 2^32, rates of 0 and negative), counts
// not a multiple of 8, every open practice's payment must be the same bit for bit and every
// closed one's left as it was; then whole runs both ways. Skipped (and said) without
// AVX-512.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/engine_workspace.hpp"
#include "engine/quality_avx512.hpp"
#include "engine/simulate.hpp"
#include "model/funding.hpp"
#include "random/philox_events.hpp"
#include "tests/engine/engine_test_support.hpp"
#include "tests/engine/wide_kernel_runs.hpp"

namespace pcsim::engine {
namespace {

using engine_tests::Lcg;
using engine_tests::same_bits;

using engine_tests::kNaN;

double random_sign_up(Lcg& rng) {
  switch (rng.below(8)) {
    case 0:
      return 0.0;
    case 1:
      return -0.0;
    case 2:
      return rng.chance(0.5) ? kNaN : -rng.uniform();
    case 3:
      return rng.uniform();
    default:
      return 1.0;
  }
}

template <std::size_t K>
void check_standards(Lcg& rng, int rounds, int& open_seen, int& achieved_seen) {
  for (int round = 0; round < rounds; ++round) {
    std::array<model::QualityDraw, K> draws;
    for (std::size_t k = 0; k < K; ++k) {
      switch (rng.below(5)) {
        case 0:
          draws[k].achieved_below = 0;
          break;
        case 1:
          draws[k].achieved_below = std::uint64_t{1} << 32;
          break;
        default:
          draws[k].achieved_below = rng.next();
      }
      draws[k].payment_per_weighted_patient =
          rng.chance(0.2) ? 0.0 : (rng.chance(0.1) ? -1.5 : rng.between(0, 12));
    }
    const double index = rng.between(0.9, 1.4);
    const std::size_t n = round % 4 == 0 ? 1 + rng.below(9) : 1 + rng.below(150);
    std::vector<std::uint8_t> open(n);
    std::vector<double> applies(n * K), weighted(n);
    std::vector<std::uint32_t> bits;
    for (std::size_t p = 0; p < n; ++p) {
      open[p] = rng.chance(0.15) ? 0 : 1;
      for (std::size_t k = 0; k < K; ++k) applies[p * K + k] = random_sign_up(rng);
      weighted[p] = rng.chance(0.05) ? (rng.chance(0.5) ? 0.0 : kNaN) : rng.between(500, 30000);
      if (open[p] == 0) continue;
      for (std::size_t w = 0; w < 4; ++w) {  // the practice's block: word k is standard k's
        const std::uint64_t below = w < K ? draws[w].achieved_below : 0;
        std::uint32_t x = rng.next();
        if (w < K && below > 0 && below <= 0xFFFFFFFFu && rng.chance(0.3))
          x = static_cast<std::uint32_t>(below - (rng.chance(0.5) ? 1 : 0));  // on the edge
        bits.push_back(x);
      }
    }
    bits.resize(bits.size() + 64, 0xDEADBEEFu);  // what lies past the blocks is not read
    std::vector<double> wide(n, -7.0), plain(n, -7.0);
#if defined(PCSIM_QUALITY_AVX512)
    quality_payments_avx512<K>(draws, applies.data(), open.data(), weighted.data(), bits.data(),
                               index, 0, n, wide.data());
#endif
    const std::uint32_t* at = bits.data();
    for (std::size_t p = 0; p < n; ++p) {
      if (open[p] == 0) continue;
      plain[p] =
          model::quality_payment_from_bits(draws, applies.data() + p * K, at, weighted[p], index);
      for (std::size_t k = 0; k < K; ++k) achieved_seen += at[k] < draws[k].achieved_below;
      at += 4;
      ++open_seen;
    }
    for (std::size_t p = 0; p < n; ++p)
      ASSERT_TRUE(same_bits(wide[p], plain[p]))
          << K << " standards, round " << round << ", practice " << p << ": " << wide[p]
          << " against " << plain[p];
  }
}

// Fact: on random practices the vector payments are the scalar ones, bit for bit, for 1 to
// 4 standards, and a closed practice's is left as it was.
TEST(QualityAvx512, MatchesTheScalarPaymentsOnRandomPractices) {
  if (!quality_avx512_supported())
    GTEST_SKIP() << "this processor (or build) has no AVX-512 F: the scalar loop runs";
  Lcg rng{515};
  int open_seen = 0, achieved_seen = 0;
  check_standards<1>(rng, 100, open_seen, achieved_seen);
  check_standards<2>(rng, 150, open_seen, achieved_seen);
  check_standards<3>(rng, 100, open_seen, achieved_seen);
  check_standards<4>(rng, 100, open_seen, achieved_seen);
  EXPECT_GT(open_seen, 10000);
  EXPECT_GT(achieved_seen, 5000);
}

// Fact: whole runs with a quality contract give every figure the same with the vector
// payments as with the scalar loop, and the workspace turns them on where it can.
TEST(QualityAvx512, WholeRunsAgree) {
  if (!quality_avx512_supported()) GTEST_SKIP() << "no AVX-512 F here";
  Lcg rng{808};
  for (int round = 0; round < 16; ++round) {
    ModelParameters m;
    m.horizon_years = 5;
    const std::size_t standards = 1 + rng.below(5);  // 1 to 4 by the vector form, 5 by K = 0
    for (std::size_t k = 0; k < standards; ++k) {
      QualityStandard standard;
      standard.name = "standard";
      standard.payment_per_weighted_patient = rng.between(0, 10);
      standard.achievement_rate = rng.uniform();
      standard.mandatory = rng.chance(0.5);
      standard.sign_up_share = rng.uniform();
      m.funding.quality_standards.push_back(standard);
    }
    m.practice_changes.closures = true;  // closed practices in later years
    m.practice_changes.closure.intercept = -2;
    const PracticeSet set = engine_tests::patterned_practices(70);
    engine_tests::Results wide(m.horizon_years), plain(m.horizon_years);
    engine_tests::run_both_ways(m, set, &EngineState::wide_quality, 3,
                                static_cast<std::uint32_t>(round), wide, plain);
    ASSERT_TRUE(same_bits(wide.by_year, plain.by_year)) << round;
    ASSERT_TRUE(same_bits(wide.scalars, plain.scalars)) << round;
    EXPECT_GT(wide.at(Metric::QualityContractCost, m.horizon_years), 0) << round;
  }
  const PracticeSet few = engine_tests::patterned_practices(10);
  Workspace workspace(few);
  random::PhiloxEventsFor events(1, 0);
  workspace.use_wide_kernels(false);
  EXPECT_FALSE(workspace.start(ModelParameters{}, events).wide_quality);
}

}  // namespace
}  // namespace pcsim::engine
