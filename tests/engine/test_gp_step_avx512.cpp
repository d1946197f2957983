// Tests of the GP step eight GPs to a register (engine/gp_step_avx512.hpp) against the
// scalar step one GP at a time (step_gp_packed_from_bits<true>, engine/gp_kernels.hpp, itself
// held to a walk through the GPs in test_packed_gps.cpp): on random chunks of practices of
// every size a practice packs, open and closed, packed and not, with shared and own outcome
// tables (and tables the model does not make: thresholds out of order, a last band that
// ages GPs up), and bits on and either side of every threshold, the new packed headcounts, the
// totals and the exits must be the same. Skipped (and said) on a processor without AVX-512.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "engine/gp_kernels.hpp"
#include "engine/gp_step_avx512.hpp"
#include "engine/packed_gps.hpp"
#include "tests/engine/engine_test_support.hpp"

namespace pcsim::engine {
namespace {

#if defined(PCSIM_GP_STEP_AVX512)

using engine_tests::Lcg;

// Outcome tables at the edges and in between: no exits at all, everyone retiring (the
// thresholds at 0 and 2^32), high and usual rates, and a practice's own lower leaver rate.
std::vector<GpOutcomeTable> varied_tables() {
  WorkforceParameters high;
  high.leaver_rate = 0.25;
  high.retirement_multiplier = 4.0;
  WorkforceParameters usual;
  WorkforceParameters none;
  none.leaver_rate = 0;
  none.retirement_multiplier = 0;
  WorkforceParameters all_retire;
  all_retire.retirement_multiplier = 1e9;
  WorkforceParameters all_leave;
  all_leave.leaver_rate = 1;
  std::vector<GpOutcomeTable> tables = {gp_outcome_table(high),      gp_outcome_table(usual),
                                        gp_outcome_table(none),      gp_outcome_table(all_retire),
                                        gp_outcome_table(all_leave), gp_outcome_table(usual, 0.03)};
  for (const GpOutcomeTable& t : tables) EXPECT_TRUE(t.ascending);
  // And one whose thresholds 1 and 2 are swapped in every band (not a table the model
  // makes, whose practices the pass does not pack): the step still takes the scalar
  // step's entry, one below stay for each threshold the bits are below.
  GpOutcomeTable swapped = gp_outcome_table(high);
  for (std::size_t b = 0; b < kAgeBands; ++b)
    std::swap(swapped.bits_above[1][b], swapped.bits_above[2][b]);
  tables.push_back(swapped);
  // And one whose last band ages GPs up (between its thresholds 1 and 2; the model's last
  // band has no width, so never): the table's entry for them adds nothing, there being no
  // band above, and the vector step must take that entry too.
  GpOutcomeTable last_ages_up = gp_outcome_table(usual);
  const std::uint64_t from = last_ages_up.bits_above[1][kAgeBands - 1];
  last_ages_up.bits_above[2][kAgeBands - 1] = from + (0x100000000u - from) / 2;
  EXPECT_LT(from, last_ages_up.bits_above[2][kAgeBands - 1]);
  tables.push_back(last_ages_up);
  return tables;
}

// Band counts of one practice: usually a few GPs over a few bands, sometimes many (up to
// kBulkGps), everyone in the first or the last band, or none.
std::array<int, kAgeBands> random_counts(Lcg& rng) {
  std::array<int, kAgeBands> counts{};
  const std::uint32_t shape = rng.below(10);
  if (shape == 0) return counts;
  if (shape == 1) {
    counts[rng.below(2) == 0 ? 0 : kAgeBands - 1] = 1 + static_cast<int>(rng.below(kBulkGps));
    return counts;
  }
  int room = kBulkGps;
  const int cap = shape == 2 ? 40 : (shape < 6 ? 3 : 8);
  for (int b = 0; b < kAgeBands; ++b) {
    counts[b] = std::min(room, static_cast<int>(rng.below(static_cast<std::uint32_t>(cap + 1))));
    room -= counts[b];
  }
  return counts;
}

// A GP's bits: random, or on or beside one of its table's thresholds (any band's), or at
// the ends of the range.
std::uint32_t random_bits(Lcg& rng, const GpOutcomeTable& table) {
  const std::uint32_t kind = rng.below(4);
  if (kind == 0) return rng.below(2) == 0 ? 0u : 0xFFFFFFFFu;
  if (kind == 1) {
    const std::uint64_t edge = table.bits_above[rng.below(3)][rng.below(kAgeBands)];
    const std::int64_t x = static_cast<std::int64_t>(edge) + static_cast<int>(rng.below(3)) - 1;
    return static_cast<std::uint32_t>(std::clamp<std::int64_t>(x, 0, 0xFFFFFFFF));
  }
  return rng.next();
}

struct Chunk {
  std::vector<const GpOutcomeTable*> table_of;
  std::vector<PackedGps> packed;
  std::vector<Headcount> totals;
  std::vector<std::uint8_t> open;
  std::vector<std::uint32_t> bits;  // the stepped practices' bits end to end, whole blocks
};

Chunk random_chunk(Lcg& rng, const std::vector<GpOutcomeTable>& tables, std::size_t n) {
  Chunk c;
  const GpOutcomeTable* shared = &tables[rng.below(static_cast<std::uint32_t>(tables.size()))];
  const bool own_tables = rng.below(3) == 0;
  for (std::size_t p = 0; p < n; ++p) {
    const GpOutcomeTable* table =
        own_tables ? &tables[rng.below(static_cast<std::uint32_t>(tables.size()))] : shared;
    GpMembers members;
    members.count = random_counts(rng);
    for (int k : members.count) members.total += k;
    PackedGps gps;
    EXPECT_TRUE(pack_gps(members, gps));
    const bool unpacked = rng.below(12) == 0;
    c.open.push_back(rng.below(10) == 0 ? 0 : 1);
    c.packed.push_back(unpacked ? PackedGps{0, -1} : gps);
    c.totals.push_back(-1.0);  // only the stepped practices' totals are set
    c.table_of.push_back(table);
    if (c.open.back() != 0 && !unpacked)
      for (std::uint32_t j = 0; j < gp_bits_in_blocks(gps.total); ++j)
        c.bits.push_back(random_bits(rng, *table));
  }
  c.bits.resize(c.bits.size() + 4, 0xA5A5A5A5u);  // past the last block: never read as a GP
  return c;
}

// The scalar step over the chunk, as the GP pass's scalar loop runs it.
std::uint64_t scalar_chunk(Chunk& c) {
  std::uint64_t exits = 0;
  const std::uint32_t* own = c.bits.data();
  for (std::size_t p = 0; p < c.packed.size(); ++p) {
    if (c.open[p] == 0 || c.packed[p].total < 0) continue;
    exits += step_gp_packed_from_bits<true>(*c.table_of[p], c.packed[p], own);
    c.totals[p] = c.packed[p].total;
  }
  return exits;
}

// Fact: on 400 random chunks (64 practices, as the pass's chunks, and odd sizes) the
// vector step leaves every practice's packed headcounts and total, and the chunk's exits,
// exactly as the scalar step; closed and unpacked practices are left alone.
TEST(GpStepAvx512, MatchesTheScalarStepOnRandomChunks) {
  if (!gp_step_avx512_supported())
    GTEST_SKIP() << "this processor has no AVX-512 F/BW with BMI2: the scalar step runs";
  const std::vector<GpOutcomeTable> tables = varied_tables();
  Lcg rng{20261204};
  int stepped = 0, retired = 0, left = 0, big = 0;
  for (int round = 0; round < 400; ++round) {
    const std::size_t n = round % 4 == 0 ? 1 + rng.below(70) : 64;
    Chunk scalar = random_chunk(rng, tables, n);
    Chunk wide = scalar;
    const std::uint64_t scalar_exits = scalar_chunk(scalar);
    const std::uint64_t wide_exits =
        step_packed_chunk_avx512(wide.table_of.data(), wide.packed.data(), wide.totals.data(),
                                 wide.open.data(), 0, n, wide.bits.data());
    ASSERT_EQ(wide_exits, scalar_exits) << round;
    for (std::size_t p = 0; p < n; ++p) {
      ASSERT_EQ(wide.packed[p].bands, scalar.packed[p].bands) << round << " practice " << p;
      ASSERT_EQ(wide.packed[p].total, scalar.packed[p].total) << round << " practice " << p;
      ASSERT_EQ(wide.totals[p], scalar.totals[p]) << round << " practice " << p;
      stepped += scalar.open[p] != 0 && scalar.packed[p].total >= 0;
      big += scalar.packed[p].total > 16;
    }
    retired += static_cast<int>(scalar_exits & 0xFFFFFFFFu);
    left += static_cast<int>(scalar_exits >> 32);
  }
  // The cases above are not empty: many practices stepped, some over two registers of
  // GPs, and both kinds of exit.
  EXPECT_GT(stepped, 15000);
  EXPECT_GT(big, 500);
  EXPECT_GT(retired, 1000);
  EXPECT_GT(left, 1000);
}

// Fact: a chunk in the middle of the practices ([first, end) of a longer array) steps only
// those practices, from the first one's bits.
TEST(GpStepAvx512, StepsOnlyItsRangeOfPractices) {
  if (!gp_step_avx512_supported()) GTEST_SKIP() << "no AVX-512 F/BW with BMI2 here";
  const std::vector<GpOutcomeTable> tables = varied_tables();
  Lcg rng{77};
  Chunk all = random_chunk(rng, tables, 30);
  std::fill(all.open.begin(), all.open.end(), 1);
  for (PackedGps& g : all.packed)
    if (g.total < 0) g = {std::uint64_t{3} << (kBandBits * 2), 3};
  // The bits of practices 10 to 19 only, end to end.
  std::vector<std::uint32_t> bits;
  for (std::size_t p = 10; p < 20; ++p)
    for (std::uint32_t j = 0; j < gp_bits_in_blocks(all.packed[p].total); ++j)
      bits.push_back(rng.next());
  bits.resize(bits.size() + 4, 0);
  Chunk wide = all;
  step_packed_chunk_avx512(wide.table_of.data(), wide.packed.data(), wide.totals.data(),
                           wide.open.data(), 10, 20, bits.data());
  Chunk scalar = all;
  const std::uint32_t* own = bits.data();
  for (std::size_t p = 10; p < 20; ++p)
    step_gp_packed_from_bits<true>(*scalar.table_of[p], scalar.packed[p], own);
  for (std::size_t p = 0; p < 30; ++p) {
    EXPECT_EQ(wide.packed[p].bands, scalar.packed[p].bands) << p;
    EXPECT_EQ(wide.totals[p], p >= 10 && p < 20 ? scalar.packed[p].total : -1.0) << p;
  }
}

#else

// Fact: a build without the vector step (the portable preset's PCSIM_SCALAR_KERNELS) never
// offers it, so the GP pass takes the scalar step.
TEST(GpStepAvx512, NotInThisBuild) { EXPECT_FALSE(gp_step_avx512_supported()); }

#endif

}  // namespace
}  // namespace pcsim::engine
