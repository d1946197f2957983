// Tests of the packed form of a practice's GPs and the bulk GP step that works in it
// (engine/packed_gps.hpp, engine/gp_kernels.hpp): packing round trips, the band of each
// GP by vector compare, the listing of a practice's Philox blocks, and the step from raw
// bits, each against the plain rule written out here (a walk through the GPs).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "engine/gp_kernels.hpp"
#include "engine/packed_gps.hpp"
#include "engine_test_support.hpp"
#include "model/sampling.hpp"

namespace pcsim::engine {
namespace {

using engine_tests::kNaN;

// The members of band counts `counts` (their sum as the total), packed: every case below
// fits (at most kBulkGps in all).
PackedGps packed_counts(const std::array<int, kAgeBands>& counts, GpMembers& members) {
  members.count = counts;
  members.total = 0;
  for (int n : counts) members.total += n;
  PackedGps gps;
  EXPECT_TRUE(pack_gps(members, gps));
  return gps;
}

// Fact: gp_members gives rounded_count of every band, for whole headcounts (the
// branch-free path) and for fractional, negative or NaN ones (the fallback).
TEST(PackedGps, GpMembersAreRoundedCounts) {
  const std::vector<BandArray> cases = {
      {0, 1, 2, 3, 4, 5, 6, 7, 8},     {0, 0, 0, 0, 0, 0, 0, 0, 0},
      {1, 0, 0, 0, 0, 0, 0, 0, 1000},  {0.4, 0.5, 1.5, 2.49, 0, 0, 0, 0, 0},
      {-1, 3, 0, 0, 0, 0, 0, 0, kNaN}, {2e6, 1, 0, 0, 0, 0, 0, 0, 0}};
  for (const BandArray& h : cases) {
    const std::array<int, kAgeBands> members = gp_members(h);
    for (int b = 0; b < kAgeBands; ++b) EXPECT_EQ(members[b], rounded_count(h[b])) << b;
  }
}

// Fact: packing keeps every band's count (read back by band() and unpack_gps), and
// packed_total is their plain sum, for totals up to kBulkGps (here 127 = 20+10+17+0+30+0
// +25+15+10, every band at its largest with 127 in one band, and none); a total over
// kBulkGps does not pack.
TEST(PackedGps, PackedGpsKeepCountsAndTotal) {
  const std::vector<std::array<int, kAgeBands>> cases = {{20, 10, 17, 0, 30, 0, 25, 15, 10},
                                                         {0, 0, 0, 0, 0, 0, 0, 0, 127},
                                                         {127, 0, 0, 0, 0, 0, 0, 0, 0},
                                                         {0, 0, 0, 0, 0, 0, 0, 0, 0},
                                                         {1, 2, 3, 4, 5, 6, 7, 8, 9}};
  for (const auto& counts : cases) {
    GpMembers members;
    const PackedGps gps = packed_counts(counts, members);
    EXPECT_EQ(gps.total, members.total);
    EXPECT_EQ(packed_total(gps.bands), members.total);
    BandArray h{};
    unpack_gps(gps, h);
    for (int b = 0; b < kAgeBands; ++b) {
      EXPECT_EQ(gps.band(b), counts[b]) << b;
      EXPECT_EQ(h[b], counts[b]) << b;
    }
  }
  GpMembers over;
  over.count = {100, 28, 0, 0, 0, 0, 0, 0, 0};
  over.total = 128;
  PackedGps untouched{5, 1};
  EXPECT_FALSE(pack_gps(over, untouched));
  EXPECT_EQ(untouched.bands, 5u);
}

// Fact: recruits join their band and the total when whole and within kBulkGps (3 + 2 in
// band 1 gives 5 there, total 11); a fraction, a negative, NaN or a total over kBulkGps
// is refused and leaves the counts as they were.
TEST(PackedGps, PackedRecruitsJoinTheirBand) {
  GpMembers members;
  members.count = {0, 3, 4, 0, 0, 0, 0, 0, 2};
  members.total = 9;
  PackedGps gps;
  ASSERT_TRUE(pack_gps(members, gps));
  ASSERT_TRUE(add_packed_recruits(gps, 1, 2.0));
  EXPECT_EQ(gps.band(1), 5);
  EXPECT_EQ(gps.total, 11);
  EXPECT_EQ(packed_total(gps.bands), 11);
  const PackedGps before = gps;
  for (double bad : {0.5, -1.0, kNaN, 117.0}) {
    EXPECT_FALSE(add_packed_recruits(gps, 1, bad)) << bad;
    EXPECT_EQ(gps.bands, before.bands);
    EXPECT_EQ(gps.total, before.total);
  }
  EXPECT_TRUE(add_packed_recruits(gps, 0, 116.0));  // exactly kBulkGps = 127
  EXPECT_EQ(gps.band(0), 116);
  EXPECT_EQ(gps.total, 127);
}

// GP j's band by walking the bands: the first n_0 GPs are in band 0, the next n_1 in band
// 1, and so on; every lane past the last GP is kAgeBands ("no GP").
std::array<unsigned, kBulkGps + 1> bands_by_walking(const std::array<int, kAgeBands>& counts) {
  std::array<unsigned, kBulkGps + 1> band_of;
  band_of.fill(kAgeBands);
  std::size_t j = 0;
  for (int b = 0; b < kAgeBands; ++b)
    for (int k = 0; k < counts[b]; ++k) band_of[j++] = static_cast<unsigned>(b);
  return band_of;
}

// The practices the band finder is checked on: no GPs, a band of exactly 8, bands of more
// than 8, 16 and 64, empty bands at either end and between, totals 126 and 127 (every lane
// a GP but the last one or none), and 500 practices drawn by a fixed LCG.
std::vector<std::array<int, kAgeBands>> band_finder_cases() {
  std::vector<std::array<int, kAgeBands>> cases = {
      {0, 0, 0, 0, 0, 0, 0, 0, 0},        {8, 0, 0, 0, 0, 0, 0, 0, 0},
      {0, 0, 0, 0, 0, 0, 0, 0, 8},        {0, 8, 0, 8, 0, 0, 0, 0, 1},
      {9, 17, 0, 33, 1, 0, 0, 2, 64},     {1, 1, 1, 1, 1, 1, 1, 1, 1},
      {20, 10, 17, 0, 30, 0, 25, 15, 10}, {20, 10, 17, 0, 30, 0, 25, 15, 9},
      {127, 0, 0, 0, 0, 0, 0, 0, 0},      {0, 0, 0, 0, 0, 0, 0, 0, 127},
      {0, 0, 0, 0, 126, 0, 0, 0, 0},      {2, 1, 0, 4, 3, 2, 1, 0, 4}};
  std::uint64_t state = 12345;
  for (int i = 0; i < 500; ++i) {
    std::array<int, kAgeBands> counts{};
    int room = kBulkGps;
    for (int b = 0; b < kAgeBands; ++b) {
      state = state * 6364136223846793005u + 1442695040888963407u;
      const int cap = (i % 3 == 0) ? room : std::min(room, 12);  // some large, most small
      counts[b] = static_cast<int>((state >> 33) % static_cast<std::uint64_t>(cap + 1));
      room -= counts[b];
    }
    cases.push_back(counts);
  }
  return cases;
}

template <class Finder>
void expect_bands_of_the_walk() {
  for (const auto& counts : band_finder_cases()) {
    GpMembers members;
    const Finder finder(packed_counts(counts, members));
    const std::array<unsigned, kBulkGps + 1> expected = bands_by_walking(counts);
    for (int j = 0; j <= kBulkGps; ++j)
      ASSERT_EQ(finder.band_of(j), expected[static_cast<std::size_t>(j)])
          << "lane " << j << " of total " << members.total;
  }
}

// Fact: both forms of the band finder (the scalar definition, and SSE2 where the target
// has it) give every lane j in [0, kBulkGps] the band of the walk through the bands, lanes
// past the total kAgeBands, on every practice of band_finder_cases.
TEST(PackedGps, BandFinderMatchesWalkingTheBands) {
  expect_bands_of_the_walk<GpBandFinderScalar>();
#if defined(PCSIM_GP_BANDS_SSE2)
  expect_bands_of_the_walk<GpBandFinderSse2>();
#endif
}

// Fact: in the outcome table a GP who retires adds to the new headcounts what a leaver
// adds (nothing), in every band and the "no GP" band, which the bulk step without exits
// relies on; staying adds 1 to the band's own count and ageing up 1 to the next band's.
TEST(PackedGps, RetireesAndLeaversAddNoHeadcount) {
  WorkforceParameters w;
  w.retirement_multiplier = 1.3;
  const GpOutcomeTable table = gp_outcome_table(w);
  for (int b = 0; b <= kAgeBands; ++b) {
    const std::size_t row = 4 * static_cast<std::size_t>(b);
    EXPECT_EQ(table.headcount_step[row + kRetire], 0u) << b;
    EXPECT_EQ(table.headcount_step[row + kLeave], 0u) << b;
    if (b == kAgeBands) {  // lanes past the last GP add nothing
      EXPECT_EQ(table.headcount_step[row + kAgeUp], 0u);
      EXPECT_EQ(table.headcount_step[row + kStay], 0u);
      continue;
    }
    const PackedGps stay{table.headcount_step[row + kStay], 1};
    EXPECT_EQ(stay.band(b), 1) << b;
    EXPECT_EQ(packed_total(stay.bands), 1) << b;
    const PackedGps up{table.headcount_step[row + kAgeUp], 1};
    EXPECT_EQ(packed_total(up.bands), b + 1 < kAgeBands ? 1 : 0) << b;
    if (b + 1 < kAgeBands) {
      EXPECT_EQ(up.band(b + 1), 1) << b;
    }
  }
}

// Fact: the lister writes practice p's blocks {p, 0} .. {p, count - 1}, always the first
// four, and moves on one practice per next_practice: practices 5 (1 block), 6 (skipped,
// as a closed one is), 7 (6 blocks) and 8 (none) laid end to end as the GP pass lays them
// give {5,0}, then {7,0} .. {7,5}; what is written past the listed blocks is the spare
// first four of the last practice ({8,0} .. {8,3}); in both forms (scalar, and SSE2
// where the target has it).
template <class Lister>
void expect_blocks_listed() {
  std::array<BlockRef, 16> out{};
  BlockRef* at = out.data();
  Lister lister(5);
  lister.list(at, 1);
  at += 1;
  lister.next_practice();  // 6 skipped
  lister.next_practice();
  lister.list(at, 6);
  at += 6;
  lister.next_practice();
  lister.list(at, 0);
  ASSERT_EQ(at - out.data(), 7);
  const std::array<std::pair<std::uint32_t, std::uint32_t>, 11> expected = {
      {{5, 0}, {7, 0}, {7, 1}, {7, 2}, {7, 3}, {7, 4}, {7, 5}, {8, 0}, {8, 1}, {8, 2}, {8, 3}}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(out[i].practice, expected[i].first) << i;
    EXPECT_EQ(out[i].block, expected[i].second) << i;
  }
}

TEST(PackedGps, BlockListerListsEachPracticesBlocks) {
  expect_blocks_listed<GpBlockListerScalar>();
#if defined(PCSIM_GP_BANDS_SSE2)
  expect_blocks_listed<GpBlockListerSse2>();
#endif
}

// Fact: the bulk step reads whole blocks and moves `bits` past them: 0 GPs read nothing,
// 1 and 4 GPs one block (4 bits), 5 GPs two (8 bits), 127 GPs 32 (128 bits).
TEST(PackedGps, StepMovesBitsPastWholeBlocks) {
  const GpOutcomeTable table = gp_outcome_table(WorkforceParameters{});
  std::array<std::uint32_t, kBulkGps + 1> bits{};
  for (const auto& [counts, read] : std::array<std::pair<std::array<int, kAgeBands>, int>, 5>{
           {{{0, 0, 0, 0, 0, 0, 0, 0, 0}, 0},
            {{0, 0, 0, 1, 0, 0, 0, 0, 0}, 4},
            {{1, 1, 1, 0, 0, 0, 0, 0, 1}, 4},
            {{2, 0, 0, 0, 0, 0, 0, 0, 3}, 8},
            {{20, 10, 17, 0, 30, 0, 25, 15, 10}, 128}}}) {
    GpMembers members;
    members.count = counts;
    for (int n : counts) members.total += n;
    PackedGps gps;
    ASSERT_TRUE(pack_gps(members, gps));
    const std::uint32_t* at = bits.data();
    step_gp_packed_from_bits<false>(table, gps, at);
    EXPECT_EQ(at - bits.data(), read) << members.total;
  }
}

// The bulk step's plain rule, by a walk through the GPs: GP j of the practice (bands by
// walking the counts) has uniform (x_j + 1/2) / 2^32 and retires when it is at most
// cumulative[0], leaves when at most cumulative[1], ages up when at most cumulative[2],
// else stays (categorical_from_uniform); the new count of band b is its stayers plus band
// b - 1's risers (band 8's risers have nowhere to go: its age-up share is 0).
struct WalkedStep {
  std::array<int, kAgeBands> next{};
  int retired = 0, left = 0, rose = 0;
};

WalkedStep walk_the_gps(const GpOutcomeTable& table, const std::array<int, kAgeBands>& counts,
                        const std::uint32_t* bits) {
  WalkedStep w;
  std::size_t j = 0;
  for (int b = 0; b < kAgeBands; ++b)
    for (int k = 0; k < counts[b]; ++k, ++j) {
      const double u = (bits[j] + 0.5) / 4294967296.0;
      const auto& c = table.cumulative[static_cast<std::size_t>(b)];
      if (u <= c[0]) {
        ++w.retired;
      } else if (u <= c[1]) {
        ++w.left;
      } else if (u <= c[2]) {
        ++w.rose;
        if (b + 1 < kAgeBands) ++w.next[static_cast<std::size_t>(b) + 1];
      } else {
        ++w.next[static_cast<std::size_t>(b)];
      }
    }
  return w;
}

// Fact: the bulk step, with and without counting exits, gives the new headcounts of the
// walk, and with exits counted (the engine's GP pass) its retirements and leavers, for a
// practice of 28 GPs whose bits are spread over [0, 2^32) by a fixed LCG, at rates high
// enough that every outcome occurs, and for 300 further practices of up to kBulkGps GPs
// (rates as the scenarios use them and extreme ones: nobody leaves, everybody retires).
TEST(PackedGps, StepMatchesAWalkThroughTheGps) {
  WorkforceParameters high;
  high.leaver_rate = 0.25;
  high.retirement_multiplier = 4.0;
  WorkforceParameters usual;
  WorkforceParameters none;
  none.leaver_rate = 0;
  none.retirement_multiplier = 0;
  WorkforceParameters all_retire;
  all_retire.retirement_multiplier = 1e9;
  std::uint64_t state = 99;
  const auto next_bits = [&state] {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return static_cast<std::uint32_t>(state >> 32);
  };
  int cases = 0;
  const std::array<WorkforceParameters, 4> rates = {high, usual, none, all_retire};
  for (std::size_t r = 0; r < rates.size(); ++r) {
    const GpOutcomeTable table = gp_outcome_table(rates[r]);
    ASSERT_TRUE(table.ascending);
    for (int i = 0; i < 300; ++i) {
      std::array<int, kAgeBands> counts = {3, 0, 5, 2, 0, 7, 1, 4, 6};  // 28 GPs
      if (i > 0) {
        int room = kBulkGps;
        for (int b = 0; b < kAgeBands; ++b) {
          const int cap = std::min(room, i % 5 == 0 ? 40 : 6);
          counts[b] = static_cast<int>(next_bits() % static_cast<std::uint32_t>(cap + 1));
          room -= counts[b];
        }
      }
      std::array<std::uint32_t, kBulkGps + 1> bits{};
      for (auto& x : bits) x = next_bits();
      const WalkedStep walked = walk_the_gps(table, counts, bits.data());
      if (i == 0 && r == 0) {
        EXPECT_GT(walked.retired, 0);
        EXPECT_GT(walked.left, 0);
        EXPECT_GT(walked.rose, 0);
      }
      GpMembers members;
      PackedGps with_exits = packed_counts(counts, members);
      PackedGps without = with_exits;
      const std::uint32_t* at = bits.data();
      const std::uint64_t exits = step_gp_packed_from_bits<true>(table, with_exits, at);
      at = bits.data();
      EXPECT_EQ(step_gp_packed_from_bits<false>(table, without, at), 0u);
      int total = 0;
      for (int b = 0; b < kAgeBands; ++b) {
        EXPECT_EQ(with_exits.band(b), walked.next[static_cast<std::size_t>(b)]) << i << " " << b;
        total += walked.next[static_cast<std::size_t>(b)];
      }
      EXPECT_EQ(with_exits.total, total) << i;
      EXPECT_EQ(without.bands, with_exits.bands) << i;
      EXPECT_EQ(without.total, with_exits.total) << i;
      EXPECT_EQ(exits & 0xFFFFFFFFu, static_cast<std::uint64_t>(walked.retired)) << i;
      EXPECT_EQ(exits >> 32, static_cast<std::uint64_t>(walked.left)) << i;
      ++cases;
    }
  }
  EXPECT_EQ(cases, 1200);
}

// Fact: pack_headcounts packs as pack_gps(gp_member_counts(h)) does (the plain loop over
// the bands): a hand case (3, 0, 5, 2, 0, 7, 1, 4, 6: band b's count in bits 7b, total
// 28), 127 GPs in band 8 alone and in band 0 alone, 128 (too many), fractions, a
// negative, -0, NaN, infinity, a count over 127 in one band, and 2000 arrays drawn by a
// fixed LCG (whole counts, some totals over 127, some with a fraction).
TEST(PackedGps, PackHeadcountsIsPackOfMemberCounts) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<BandArray> cases = {{3, 0, 5, 2, 0, 7, 1, 4, 6},    {0, 0, 0, 0, 0, 0, 0, 0, 127},
                                  {127, 0, 0, 0, 0, 0, 0, 0, 0},  {0, 0, 0, 0, 0, 0, 0, 0, 128},
                                  {64, 0, 0, 0, 0, 0, 0, 0, 64},  {1.5, 0, 0, 0, 0, 0, 0, 0, 2},
                                  {1, -1, 0, 0, 0, 0, 0, 0, 2},   {-0.0, 1, 0, 0, 0, 0, 0, 0, 2},
                                  {1, 0, kNaN, 0, 0, 0, 0, 0, 0}, {0, 0, 0, kInf, 0, 0, 0, 0, 0},
                                  {0, 0, 0, 0, 200, 0, 0, 0, 0},  {0, 0, 0, 0, 0, 0, 0, 0, 2.5}};
  std::uint64_t state = 4242;
  for (int i = 0; i < 2000; ++i) {
    BandArray h{};
    for (int b = 0; b < kAgeBands; ++b) {
      state = state * 6364136223846793005u + 1442695040888963407u;
      h[b] = static_cast<double>((state >> 33) % (i % 2 == 0 ? 30u : 12u));
      if (i % 7 == 0 && b == i % kAgeBands) h[b] += 0.25;
    }
    cases.push_back(h);
  }
  PackedGps hand;
  ASSERT_TRUE(pack_headcounts(cases[0], hand));
  EXPECT_EQ(hand.total, 28);
  EXPECT_EQ(hand.bands, 3u + (5u << 14) + (2u << 21) + (std::uint64_t{7} << 35) +
                            (std::uint64_t{1} << 42) + (std::uint64_t{4} << 49) +
                            (std::uint64_t{6} << 56));
  int packed = 0;
  for (const BandArray& h : cases) {
    PackedGps fast{12345, -7}, plain{12345, -7};
    const bool fast_packs = pack_headcounts(h, fast);
    ASSERT_EQ(fast_packs, pack_gps(gp_member_counts(h), plain)) << h[0] << " " << h[8];
    EXPECT_EQ(fast.bands, plain.bands);
    EXPECT_EQ(fast.total, plain.total);
    packed += fast_packs;
  }
  EXPECT_GT(packed, 1000);
  EXPECT_LT(packed, static_cast<int>(cases.size()));
}

}  // namespace
}  // namespace pcsim::engine
