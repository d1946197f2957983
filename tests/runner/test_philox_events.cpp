#include "random/philox_events.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "model/events.hpp"

namespace pcsim::runner {
// The keyed random streams (random/philox_events.hpp).
using namespace pcsim::random;
namespace {

using model::Purpose;

TEST(Philox, MatchesThePublishedKnownAnswer) {
  // Random123's kat_vectors: Philox4x32-10 with counter 0 and key 0 gives
  // 6627e8d5 e169c58d bc57ac4c 9b00dbd8. With seed 0 and every counter word 0, our draws
  // at indexes 0..3 are those lanes (Purpose values start at 1, so the word-2 zero is
  // reached only through the raw generator here).
  const auto block = detail::Philox()({{0, 0, 0, 0}}, detail::philox_key(0));
  EXPECT_EQ(block[0], 0x6627e8d5u);
  EXPECT_EQ(block[1], 0xe169c58du);
  EXPECT_EQ(block[2], 0xbc57ac4cu);
  EXPECT_EQ(block[3], 0x9b00dbd8u);
}

TEST(Philox, KeyAndCounterFollowTheDocumentedLayout) {
  // seed 0x0000000500000007 -> key {7, 5}; draw (it 11, practice 13, year 3, Recruitment,
  // index 9) -> counter {11, 13, (3 << 8) | 4, 9 >> 2 = 2}, lane 9 & 3 = 1.
  const auto block = detail::Philox()({{11, 13, (3u << 8) | 4u, 2}}, {{7, 5}});
  EXPECT_EQ(philox_bits(0x0000000500000007ull, 11, 13, 3, Purpose::Recruitment, 9), block[1]);
}

TEST(Philox, UniformsLieStrictlyInsideTheUnitInterval) {
  // (x + 1/2) 2^-32: x = 0 gives 2^-33, x = 2^32 - 1 gives 1 - 2^-33.
  EXPECT_EQ(uniform_from_bits(0), 0x1.0p-33);
  EXPECT_EQ(uniform_from_bits(0xffffffffu), 1.0 - 0x1.0p-33);
  EXPECT_LT(uniform_from_bits(0xffffffffu), 1.0);
}

TEST(Philox, ADrawIsAPureFunctionOfItsKey) {
  // The same 200 draws made forwards, backwards and through fresh objects agree bit for bit.
  std::vector<double> forward, backward(200);
  const PhiloxEvents events(42, 7, 3, 2);
  for (std::uint32_t i = 0; i < 200; ++i) forward.push_back(events.uniform(Purpose::ListNoise, i));
  const PhiloxEvents other(42, 7, 3, 2);
  for (std::uint32_t i = 200; i-- > 0;) backward[i] = other.uniform(Purpose::ListNoise, i);
  for (std::uint32_t i = 0; i < 200; ++i) {
    EXPECT_EQ(forward[i], backward[i]);
    EXPECT_EQ(forward[i], philox_uniform(42, 7, 3, 2, Purpose::ListNoise, i));
  }
}

TEST(Philox, ChangingAnyOneKeyFieldChangesTheDraw) {
  const std::uint32_t base = philox_bits(42, 7, 3, 2, Purpose::ListNoise, 5);
  EXPECT_NE(philox_bits(43, 7, 3, 2, Purpose::ListNoise, 5), base);
  EXPECT_NE(philox_bits(42ull | (1ull << 40), 7, 3, 2, Purpose::ListNoise, 5), base);  // high word
  EXPECT_NE(philox_bits(42, 8, 3, 2, Purpose::ListNoise, 5), base);
  EXPECT_NE(philox_bits(42, 7, 4, 2, Purpose::ListNoise, 5), base);
  EXPECT_NE(philox_bits(42, 7, 3, 1, Purpose::ListNoise, 5), base);
  EXPECT_NE(philox_bits(42, 7, 3, 2, Purpose::GpTransitions, 5), base);
  EXPECT_NE(philox_bits(42, 7, 3, 2, Purpose::ListNoise, 4), base);  // same block, other lane
  EXPECT_NE(philox_bits(42, 7, 3, 2, Purpose::ListNoise, 9), base);  // next block, same lane
}

TEST(Philox, UniformMomentsAndLagOneCorrelation) {
  // 1e6 uniforms: mean 1/2 within 4 SE (SE = sqrt(1/12 / N)); variance 1/12 within 4 SE
  // (SE = sqrt(Var[(U - 1/2)^2] / N), Var = 1/80 - 1/144); lag-1 correlation within
  // 4 / sqrt(N) of 0.
  constexpr int kN = 1000000;
  const PhiloxEvents events(20240401, 1, 17, 4);
  double sum = 0, sum_sq = 0, sum_lag = 0, previous = 0.5;
  for (int i = 0; i < kN; ++i) {
    const double d = events.uniform(Purpose::GpTransitions, static_cast<std::uint32_t>(i)) - 0.5;
    sum += d;
    sum_sq += d * d;
    if (i > 0) sum_lag += d * previous;
    previous = d;
  }
  EXPECT_NEAR(sum / kN, 0.0, 4 * std::sqrt(1.0 / 12.0 / kN));
  EXPECT_NEAR(sum_sq / kN, 1.0 / 12.0, 4 * std::sqrt((1.0 / 80.0 - 1.0 / 144.0) / kN));
  EXPECT_NEAR(sum_lag / (kN - 1) / (1.0 / 12.0), 0.0, 4.0 / std::sqrt(kN));
}

TEST(PhiloxEvents, CachedAndUncachedPathsAgree) {
  // Interleaving purposes and jumping between blocks forces cache misses; every value must
  // equal the uncached philox_uniform of the same key.
  const PhiloxEvents events(7, 2, 9, 5);
  const std::array<Purpose, 3> purposes = {Purpose::ListNoise, Purpose::Recruitment,
                                           Purpose::QualityAchievement};
  const std::array<std::uint32_t, 10> indexes = {0, 1, 2, 3, 4, 3, 2, 17, 16, 1000003};
  for (std::uint32_t index : indexes)
    for (Purpose purpose : purposes)
      EXPECT_EQ(events.uniform(purpose, index), philox_uniform(7, 2, 9, 5, purpose, index));
  for (std::uint32_t index : indexes)
    EXPECT_EQ(events.uniform(Purpose::ListNoise, index),
              philox_uniform(7, 2, 9, 5, Purpose::ListNoise, index));
}

TEST(PhiloxEvents, FactoryGivesTheEventsOfThatPracticeAndYear) {
  const PhiloxEventsFor events_for(11, 4);
  const PhiloxEvents events = events_for(6, 3);
  EXPECT_FALSE(PhiloxEvents::central());
  EXPECT_EQ(events.uniform(Purpose::ListNoise, 2),
            philox_uniform(11, 4, 6, 3, Purpose::ListNoise, 2));
}

TEST(PhiloxEvents, NormalHasMeanZeroAndTheGivenSd) {
  // 200,000 draws of N(0, 0.03): mean within 4 SE (0.03 / sqrt(N)); variance within 4 SE
  // (sd^2 sqrt(2 / N) for a normal).
  constexpr int kN = 200000;
  const PhiloxEvents events(5, 1, 2, 3);
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < kN; ++i) {
    const double x = events.normal(Purpose::ListNoise, static_cast<std::uint32_t>(i), 0.03);
    sum += x;
    sum_sq += x * x;
  }
  const double mean = sum / kN;
  EXPECT_NEAR(mean, 0.0, 4 * 0.03 / std::sqrt(kN));
  EXPECT_NEAR(sum_sq / kN - mean * mean, 0.0009, 4 * 0.0009 * std::sqrt(2.0 / kN));
}

TEST(PhiloxEvents, BinomialMeanIsNTimesP) {
  // 100,000 draws of Bin(12, 0.35) (n given as 11.6, rounded to 12): mean 4.2 within
  // 4 SE, SE = sqrt(12 * 0.35 * 0.65 / N); every draw within [0, 12].
  constexpr int kN = 100000;
  double sum = 0;
  for (int i = 0; i < kN; ++i) {
    const PhiloxEvents events(8, static_cast<std::uint32_t>(i), 1, 1);
    const double k = events.binomial(Purpose::Recruitment, 0, 11.6, 0.35);
    ASSERT_GE(k, 0.0);
    ASSERT_LE(k, 12.0);
    ASSERT_EQ(k, std::round(k));
    sum += k;
  }
  EXPECT_NEAR(sum / kN, 12 * 0.35, 4 * std::sqrt(12 * 0.35 * 0.65 / kN));
}

TEST(PhiloxEvents, BernoulliFrequencyIsP) {
  // 100,000 Bernoulli(0.12) draws: frequency within 4 SE, SE = sqrt(0.12 * 0.88 / N);
  // p = 0 never and p = 1 always fires.
  constexpr int kN = 100000;
  const PhiloxEvents events(3, 3, 3, 3);
  double hits = 0;
  for (int i = 0; i < kN; ++i) {
    const auto index = static_cast<std::uint32_t>(i);
    hits += events.bernoulli(Purpose::QualityAchievement, index, 0.12);
    ASSERT_EQ(events.bernoulli(Purpose::QualityAchievement, index, 0.0), 0.0);
    ASSERT_EQ(events.bernoulli(Purpose::QualityAchievement, index, 1.0), 1.0);
  }
  EXPECT_NEAR(hits / kN, 0.12, 4 * std::sqrt(0.12 * 0.88 / kN));
}

TEST(PhiloxEvents, SplitCountsSumToNAndFollowTheMultinomial) {
  // 20,000 splits of n = 10 members over probs (0.1, 0.2, 0.3, 0.4): each split sums to
  // 10; pooled category totals (200,000 members) pass a chi-square test with 3 degrees of
  // freedom (0.999 quantile 16.266, tables); member j of a split is category of uniform
  // index first_index + j.
  const std::array<double, 4> probs = {0.1, 0.2, 0.3, 0.4};
  std::array<double, 4> totals{};
  for (std::uint32_t practice = 0; practice < 20000; ++practice) {
    const PhiloxEvents events(12, 0, practice, 1);
    std::array<double, 4> out{};
    events.split(Purpose::GpTransitions, 100, 9.7, probs, out);  // 9.7 rounds to 10
    ASSERT_EQ(out[0] + out[1] + out[2] + out[3], 10.0);
    for (int k = 0; k < 4; ++k) totals[k] += out[k];
  }
  double chi2 = 0;
  for (int k = 0; k < 4; ++k) {
    const double expected = 200000 * probs[k];
    chi2 += (totals[k] - expected) * (totals[k] - expected) / expected;
  }
  EXPECT_LT(chi2, 16.266);
}

TEST(PhiloxEvents, SplitUsesOneUniformPerMemberFromFirstIndex) {
  // Rebuild one split by hand from the member uniforms and the cumulative probabilities
  // 0.25, 0.75, 1 (the first category whose cumulative probability reaches u).
  const std::array<double, 3> probs = {0.25, 0.5, 0.25};
  const PhiloxEvents events(77, 5, 4, 2);
  std::array<double, 3> out{};
  events.split(Purpose::GpTransitions, 40, 6, probs, out);
  std::array<double, 3> by_hand{};
  for (std::uint32_t j = 0; j < 6; ++j) {
    const double u = philox_uniform(77, 5, 4, 2, Purpose::GpTransitions, 40 + j);
    by_hand[u <= 0.25 ? 0 : (u <= 0.75 ? 1 : 2)] += 1;
  }
  EXPECT_EQ(out, by_hand);
  // n = 0 (or negative) gives all zeros.
  events.split(Purpose::GpTransitions, 40, -1, probs, out);
  EXPECT_EQ(out, (std::array<double, 3>{0, 0, 0}));
}

TEST(PhiloxEvents, ExpectationEventsAreTheCentralCounterpart) {
  // The central events return expectations, and declare themselves central.
  const model::ExpectationEvents central;
  EXPECT_TRUE(model::ExpectationEvents::central());
  EXPECT_EQ(central.binomial(Purpose::Recruitment, 0, 12, 0.35), 12 * 0.35);
}

TEST(ParameterStream, IdIsFnv1a32OfThePath) {
  // Published FNV-1a 32-bit test vectors: "" -> 811c9dc5, "a" -> e40c292c,
  // "foobar" -> bf9cf968.
  static_assert(parameter_stream_id("") == 0x811c9dc5u);
  EXPECT_EQ(parameter_stream_id("a"), 0xe40c292cu);
  EXPECT_EQ(parameter_stream_id("foobar"), 0xbf9cf968u);
}

TEST(ParameterStream, UniformIsThePhiloxDrawOfTheParameterStream) {
  const std::string_view name = "workforce.recruitment.fill_rate";
  EXPECT_EQ(parameter_uniform(9, 3, name),
            philox_uniform(9, 3, parameter_stream_id(name), 0, Purpose::Parameter, 0));
  EXPECT_NE(parameter_uniform(9, 3, name), parameter_uniform(9, 3, "demand.list_growth"));
  EXPECT_NE(parameter_uniform(9, 3, name), parameter_uniform(9, 4, name));
}

}  // namespace
}  // namespace pcsim::runner
