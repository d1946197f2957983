// Tests of the engine's GP workforce holder (engine/gp_workforce.hpp): a reset that starts
// the practices packed leaves every practice as a plain reset followed by the GP pass's
// packing of each would, also when the holder is reused after a year's changes.
#include "engine/gp_workforce.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace pcsim::engine {
namespace {

// Band arrays of every kind the pass meets: small whole counts (they pack), totals over
// kBulkGps, a fractional count and an empty practice (they do not, or pack to 0).
std::vector<BandArray> mixed_practices() {
  std::vector<BandArray> bands = {{}, {0, 0, 0, 0, 0, 0, 0, 0, 200}, {1.5, 0, 0, 0, 0, 0, 0, 0, 2}};
  std::uint64_t state = 99;
  for (int i = 0; i < 500; ++i) {
    BandArray h{};
    for (int b = 0; b < kAgeBands; ++b) {
      state = state * 6364136223846793005u + 1442695040888963407u;
      h[b] = static_cast<double>((state >> 33) % (i % 5 == 0 ? 40u : 6u));
    }
    bands.push_back(h);
  }
  return bands;
}

void expect_same(GpWorkforce& plain, GpWorkforce& prepacked, std::size_t practices) {
  for (std::size_t p = 0; p < practices; ++p) {
    ASSERT_EQ(plain.is_packed(p), prepacked.is_packed(p)) << p;
    EXPECT_EQ(plain.total(p), prepacked.total(p)) << p;
    EXPECT_EQ(plain.headcounts(p), prepacked.headcounts(p)) << p;
    if (plain.is_packed(p)) {
      EXPECT_EQ(plain.packed(p).bands, prepacked.packed(p).bands) << p;
      EXPECT_EQ(plain.packed(p).total, prepacked.packed(p).total) << p;
    } else {
      EXPECT_EQ(plain.bands(p), prepacked.bands(p)) << p;
    }
  }
}

// Fact: reset(bands, totals, packed) with packed[p] = pack_headcounts(bands[p]) (or
// {0, -1}) equals reset(bands, totals) then pack(p) for every practice: the same packed
// form where it packs, the same band array where it does not, the same totals; and again
// after both were changed (recruits, an unpacked practice) and reset once more.
TEST(GpWorkforce, ResetWithPackedBaselineIsResetThenPack) {
  const std::vector<BandArray> bands = mixed_practices();
  std::vector<Headcount> totals;
  std::vector<PackedGps> packed;
  int packable = 0;
  for (const BandArray& h : bands) {
    totals.push_back(total_headcount(h));
    PackedGps gps{0, -1};
    packable += pack_headcounts(h, gps) ? 1 : 0;
    packed.push_back(gps);
  }
  ASSERT_GT(packable, 400);
  ASSERT_LT(packable, static_cast<int>(bands.size()));
  GpWorkforce plain, prepacked;
  for (int round = 0; round < 2; ++round) {
    plain.reset(bands, totals);
    for (std::size_t p = 0; p < bands.size(); ++p) plain.pack(p);
    prepacked.reset(bands, totals, packed);
    expect_same(plain, prepacked, bands.size());
    // A year's changes before the next iteration's reset.
    for (std::size_t p = 0; p < bands.size(); p += 3) {
      plain.add_recruits(p, 2, plain.total(p), 1);
      prepacked.add_recruits(p, 2, prepacked.total(p), 1);
      plain.unpack(p + 1 < bands.size() ? p + 1 : p);
      prepacked.unpack(p + 1 < bands.size() ? p + 1 : p);
    }
    expect_same(plain, prepacked, bands.size());
  }
}

}  // namespace
}  // namespace pcsim::engine
