// Tests of the bulk draws of PhiloxEvents (random/philox_events.hpp), the raw-bits
// capability the engine uses (engine/event_kernels.hpp), and of the engine's GP step that
// uses them (engine/gp_kernels.hpp): the same uniforms as one uncached Philox call per
// index, and the same GP counts as the per-GP rule written out by hand. Also the counting
// events of the RNG-bound reference (benchmarks/counting_events.hpp).
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "benchmarks/counting_events.hpp"
#include "engine/gp_kernels.hpp"
#include "random/philox_events.hpp"

namespace pcsim::runner {
// The keyed random streams (random/philox_events.hpp).
using namespace pcsim::random;
namespace {

using model::Purpose;

// Fact: uniforms() returns, at position j, the uncached philox_uniform of index first + j,
// and bits_in_blocks() the uncached philox_bits of index j; the lanes past `count` are the
// rest of the last block.
TEST(PhiloxBulk, BulkUniformsAreTheIndexedUniforms) {
  const PhiloxEvents events(99, 7, 123, 4);
  std::vector<double> out(11);
  events.uniforms(Purpose::GpTransitions, 5, out);
  for (std::uint32_t j = 0; j < out.size(); ++j)
    EXPECT_EQ(out[j], philox_uniform(99, 7, 123, 4, Purpose::GpTransitions, 5 + j)) << j;
  std::array<std::uint32_t, 12> blocks{};
  events.bits_in_blocks(Purpose::GpTransitions, 9, blocks.data());
  for (std::uint32_t j = 0; j < blocks.size(); ++j)
    EXPECT_EQ(blocks[j], philox_bits(99, 7, 123, 4, Purpose::GpTransitions, j)) << j;
}

// Fact: bits_of_blocks puts at out[4 i + lane] the uncached philox_bits of index
// 4 refs[i].block + lane of practice refs[i].practice, in any order of practices and
// blocks (the same bits as each practice's own events give).
TEST(PhiloxBulk, BlocksOfManyPracticesAreTheirIndexedBits) {
  const PhiloxEventsFor events_for(99, 7);
  const std::vector<model::BlockRef> refs = {{123, 0}, {123, 1}, {5, 0}, {6000, 31}, {5, 2}};
  std::vector<std::uint32_t> out(4 * refs.size());
  events_for.bits_of_blocks(4, Purpose::GpTransitions, refs, out.data());
  for (std::size_t i = 0; i < refs.size(); ++i)
    for (std::uint32_t lane = 0; lane < 4; ++lane)
      EXPECT_EQ(out[4 * i + lane], philox_bits(99, 7, refs[i].practice, 4, Purpose::GpTransitions,
                                               4 * refs[i].block + lane))
          << i << " " << lane;
}

// The GP step by hand (docs/model.md, Workforce): GP j of the practice-year, counted
// across the bands in order, takes uniform j; its outcome is the first whose cumulative
// probability reaches the uniform; stayers stay, age-ups move one band up.
model::BandArray step_by_hand(const model::WorkforceParameters& w, const model::BandArray& h,
                              std::uint32_t practice, std::uint32_t year, double& retired,
                              double& left) {
  model::BandArray next{};
  std::uint32_t j = 0;
  for (int b = 0; b < model::kAgeBands; ++b) {
    const model::GpOutcomeArray probs = model::gp_outcome_probabilities(w, b);
    for (int k = 0; k < model::rounded_count(h[b]); ++k, ++j) {
      const double u = philox_uniform(5, 2, practice, year, Purpose::GpTransitions, j);
      const std::size_t outcome = model::categorical_from_uniform(probs, u);
      if (outcome == model::kRetire) retired += 1;
      if (outcome == model::kLeave) left += 1;
      if (outcome == model::kStay) next[b] += 1;
      if (outcome == model::kAgeUp && b + 1 < model::kAgeBands) next[b + 1] += 1;
    }
  }
  return next;
}

// Fact: the engine's GP step with PhiloxEvents (kernel_gp_step: the bulk path, and the
// band-by-band split path for a practice of more than kBulkGps GPs or with fractional
// headcounts) gives the headcounts, retirements and leavers of the rule by hand, for 300
// practice-years.
TEST(PhiloxBulk, GpStepMatchesTheRuleByHand) {
  model::WorkforceParameters w;
  w.retirement_multiplier = 1.2;
  w.leaver_rate = 0.08;
  const engine::GpOutcomeTable table = engine::gp_outcome_table(w);
  for (std::uint32_t practice = 0; practice < 300; ++practice) {
    model::BandArray h{};
    for (int b = 0; b < model::kAgeBands; ++b) h[b] = (practice * (b + 3)) % 5;
    if (practice % 50 == 7) h[4] = 150;            // more than kBulkGps GPs
    if (practice % 50 == 9) h[2] = 2.6;            // fractional: rounds to 3
    if (practice % 50 == 11) h[3] = 19;            // a band of more than 8 (and 16) GPs
    if (practice % 50 == 13) h[0] = 9, h[8] = 12;  // large first and last bands
    if (practice % 50 == 15) h = {20, 10, 17, 0, 30, 0, 25, 15, 10};  // 127 GPs: bulk
    if (practice % 50 == 17) h = {20, 10, 17, 0, 30, 0, 25, 15, 11};  // 128: band by band
    double retired_by_hand = 0, left_by_hand = 0;
    const model::BandArray expected =
        step_by_hand(w, h, practice, 3, retired_by_hand, left_by_hand);
    const PhiloxEvents events(5, 2, practice, 3);
    const engine::GpExitsStep exits = engine::kernel_gp_step(table, h, events);
    EXPECT_EQ(h, expected) << practice;
    EXPECT_EQ(exits.retirements, retired_by_hand) << practice;
    EXPECT_EQ(exits.leavers, left_by_hand) << practice;
  }
}

// Fact: the bulk step of the headcounts alone (step_gp_packed_headcounts, simulate's
// path, which does not compare the retirement threshold) gives the headcounts of the rule
// by hand and their total, for 300 practice-years of at most kBulkGps GPs (none, a band
// of 8, bands of more than 8, totals 126 and 127), under usual rates, under no exits at
// all (the first two thresholds 0, always reached) and under certain retirement in the
// bands with a retirement rate (thresholds 2^32, never reached).
TEST(PhiloxBulk, HeadcountStepMatchesTheRuleByHand) {
  model::WorkforceParameters usual;
  usual.retirement_multiplier = 1.2;
  model::WorkforceParameters no_exits;
  no_exits.retirement_multiplier = 0;
  no_exits.leaver_rate = 0;
  model::WorkforceParameters all_retire;
  all_retire.retirement_multiplier = 1e9;
  for (const model::WorkforceParameters& w : {usual, no_exits, all_retire}) {
    const engine::GpOutcomeTable table = engine::gp_outcome_table(w);
    ASSERT_TRUE(table.ascending);
    for (std::uint32_t practice = 0; practice < 300; ++practice) {
      model::BandArray h{};
      for (int b = 0; b < model::kAgeBands; ++b) h[b] = (practice * (b + 3)) % 7;
      if (practice % 50 == 1) h = {};                                   // no GPs
      if (practice % 50 == 3) h[5] = 8;                                 // a band of 8
      if (practice % 50 == 11) h[3] = 19, h[8] = 33;                    // more than 8, 16, 32
      if (practice % 50 == 15) h = {20, 10, 17, 0, 30, 0, 25, 15, 10};  // 127 GPs
      if (practice % 50 == 17) h = {20, 10, 17, 0, 30, 0, 25, 15, 9};   // 126 GPs
      double retired = 0, left = 0;
      const model::BandArray expected = step_by_hand(w, h, practice, 3, retired, left);
      engine::PackedGps gps;
      ASSERT_TRUE(engine::pack_gps(engine::gp_member_counts(h), gps)) << practice;
      engine::step_gp_packed_headcounts(table, gps, PhiloxEvents(5, 2, practice, 3));
      model::BandArray stepped{};
      engine::unpack_gps(gps, stepped);
      EXPECT_EQ(stepped, expected) << practice;
      double expected_total = 0;
      for (double n : expected) expected_total += n;
      EXPECT_EQ(gps.total, expected_total) << practice;
    }
  }
}

// Fact: bits x pass a threshold c (uniform_from_bits(x) > c) exactly when x >=
// first_bits_above(c), checked at the two bits either side of the returned value for
// thresholds at, just off and between grid points of (x + 1/2) 2^-32, and at the ends.
TEST(PhiloxBulk, FirstBitsAboveIsTheExactIntegerThreshold) {
  EXPECT_EQ(model::first_bits_above(-0.5), 0u);
  EXPECT_EQ(model::first_bits_above(0.0), 0u);        // every uniform is above 0
  EXPECT_EQ(model::first_bits_above(0x1.0p-33), 1u);  // uniform of x = 0 is 2^-33 itself
  EXPECT_EQ(model::first_bits_above(1.0), std::uint64_t{1} << 32);
  EXPECT_EQ(model::first_bits_above(1.0 - 0x1.0p-33), std::uint64_t{1} << 32);
  EXPECT_EQ(model::first_bits_above(0.5), 0x80000000u);  // (2^31 + 1/2) 2^-32 > 1/2
  std::vector<double> thresholds = {1e-300, 0.0025, 0.05, 0.1234567, 0.97, 0.999999999};
  for (std::uint32_t x : {0u, 1u, 12345u, 0x7fffffffu, 0xfffffffeu}) {
    const double u = uniform_from_bits(x);
    thresholds.insert(thresholds.end(), {u, std::nextafter(u, 0.0), std::nextafter(u, 1.0)});
  }
  for (const double c : thresholds) {
    const std::uint64_t t = model::first_bits_above(c);
    if (t > 0) {
      EXPECT_FALSE(uniform_from_bits(static_cast<std::uint32_t>(t - 1)) > c) << c;
    }
    if (t < (std::uint64_t{1} << 32)) {
      EXPECT_TRUE(uniform_from_bits(static_cast<std::uint32_t>(t)) > c) << c;
    }
  }
}

// Fact: CountingEvents counts what it is asked for, by hand: a normal (1 uniform, block
// 0), two Bernoullis at indexes 0 and 1 (2 uniforms, 1 block: the same four lanes), a
// split of 6 members from index 0 (6 uniforms, blocks 0 and 1) and bits_in_blocks of 5
// (5 uniforms, 2 blocks, counted again: another purpose came between).
TEST(PhiloxBulk, CountingEventsCountsUniformsAndBlocks) {
  bench::DrawCounts counts;
  const bench::CountingEvents events(5, 2, 8, 1, counts);
  events.normal(Purpose::ListNoise, 0, 1.0);
  events.bernoulli(Purpose::QualityAchievement, 0, 0.5);
  events.bernoulli(Purpose::QualityAchievement, 1, 0.5);
  std::array<double, 4> out{};
  events.split(Purpose::GpTransitions, 0, 6.0, std::array<double, 4>{0.1, 0.1, 0.2, 0.6}, out);
  events.normal(Purpose::ListNoise, 1, 1.0);
  std::array<std::uint32_t, 8> u{};
  events.bits_in_blocks(Purpose::GpTransitions, 5, u.data());
  const auto at = [](const std::array<std::uint64_t, 256>& a, Purpose p) {
    return a[static_cast<std::size_t>(p)];
  };
  EXPECT_EQ(at(counts.uniforms, Purpose::ListNoise), 2u);
  EXPECT_EQ(at(counts.blocks, Purpose::ListNoise), 2u);  // index 1 follows another purpose
  EXPECT_EQ(at(counts.uniforms, Purpose::QualityAchievement), 2u);
  EXPECT_EQ(at(counts.blocks, Purpose::QualityAchievement), 1u);
  EXPECT_EQ(at(counts.uniforms, Purpose::GpTransitions), 11u);
  EXPECT_EQ(at(counts.blocks, Purpose::GpTransitions), 4u);
  EXPECT_EQ(counts.total_blocks(), 7u);
  EXPECT_EQ(counts.counters.size(), 7u);
}

}  // namespace
}  // namespace pcsim::runner
