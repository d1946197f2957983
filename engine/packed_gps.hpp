#pragma once
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
// GpBandFinder's and GpBlockLister's vector forms: SSE2 on x86-64 (they move 64-bit words
// into registers).
// PCSIM_SCALAR_KERNELS (the portable preset) compiles the scalar forms only.
#if defined(__SSE2__) && defined(__x86_64__) && !defined(PCSIM_SCALAR_KERNELS)
#define PCSIM_GP_BANDS_SSE2 1
#include <emmintrin.h>
#endif

#include "engine/event_kernels.hpp"
#include "model/age_bands.hpp"

// A practice's GPs in the packed form of the bulk GP step (engine/gp_kernels.hpp), and
// the two things the GP pass does per practice before the step's arithmetic: listing its
// Philox blocks, and finding each GP's band.
namespace pcsim::engine {
using namespace pcsim::model;

// The largest practice whose GPs step_gp_bands draws in one bulk call (larger ones go band
// by band through events.split, with the same draws): then every band's new headcount,
// at most the practice's GPs, fits in kBandBits bits, and the nine bands in one 64-bit word.
inline constexpr int kBandBits = 7;
inline constexpr int kBulkGps = (1 << kBandBits) - 1;
static_assert(kBandBits * kAgeBands <= 64);

// A practice's GP headcounts by band as whole numbers, kBandBits bits a band in one word
// (band b in bits [kBandBits b, kBandBits (b + 1))), with their total, at most kBulkGps:
// the form the bulk GP step works in (simulate() keeps stochastic practices in it).
struct PackedGps {
  std::uint64_t bands = 0;
  int total = 0;
  int band(int b) const { return static_cast<int>((bands >> (kBandBits * b)) & kBulkGps); }
};

// The sum of the nine bands of `bands` when it is at most kBulkGps: multiplying by
// 1 + 2^7 + ... + 2^56 adds every band into the top band's bits, and no partial sum
// (each at most the total) carries into the next band.
constexpr int packed_total(std::uint64_t bands) {
  constexpr std::uint64_t kOnePerBand = 0x0102040810204081u;  // bits 0, 7, ..., 56
  return static_cast<int>(((bands * kOnePerBand) >> (kBandBits * (kAgeBands - 1))) & kBulkGps);
}

// The number of bits a bulk step of `total` GPs reads: total rounded up to whole blocks.
constexpr std::uint32_t gp_bits_in_blocks(int total) {
  return (static_cast<std::uint32_t>(total) + 3u) & ~3u;
}

// Lists the Philox blocks of the practices of a pass in practice order: for practice p,
// blocks 0 .. count - 1 at out[0 .. count), always writing out[0 .. 4) (blocks 0 .. 3,
// whatever count: the pass moves on by count, so the usual practice, at most 16 GPs, takes
// two 16-byte stores and no branch on its count). `out` must have room for max(count, 4)
// blocks. The scalar form is the definition; the SSE2 form (below) must match it.
class GpBlockListerScalar {
 public:
  explicit GpBlockListerScalar(std::uint32_t practice) : practice_(practice) {}

  // Lists the current practice's blocks (see above).
  void list(BlockRef* out, std::uint32_t count) const {
    for (std::uint32_t b = 0; b < std::max<std::uint32_t>(count, 4); ++b) out[b] = {practice_, b};
  }

  // Moves on to the next practice.
  void next_practice() { ++practice_; }

 private:
  std::uint32_t practice_;
};

// The band of each GP of a packed practice, GPs numbered through the bands in band order:
// GP j is in the band b with end_{b-1} <= j < end_b, where end_b = n_0 + ... + n_b, so its
// band is the number of bands with end_b <= j, and kAgeBands for j >= the total (the lanes
// past the last GP). Multiplying the packed counts by kOnePerBand puts end_b in band b's
// bits (no carries: all at most kBulkGps; bit 63 takes a stray bit, not read). The scalar
// form is the definition; the SSE2 form (below) must match it.
class GpBandFinderScalar {
 public:
  explicit GpBandFinderScalar(const PackedGps& gps) : ends_(gps.bands * 0x0102040810204081u) {}

  // j in [0, kBulkGps]: the number of bands whose end is at most j.
  std::size_t band_of(int j) const {
    std::size_t band = 0;
    for (int b = 0; b < kAgeBands; ++b)
      band += static_cast<std::size_t>(((ends_ >> (kBandBits * b)) & kBulkGps) <=
                                       static_cast<std::uint64_t>(j));
    return band;
  }

 private:
  std::uint64_t ends_;  // end_b in band b's bits
};

#if defined(PCSIM_GP_BANDS_SSE2)
// GpBlockListerScalar with the two rows {p, 0, p, 1} and {p, 2, p, 3} kept in registers and
// moved on to p + 1 by one add each.
class GpBlockListerSse2 {
 public:
  explicit GpBlockListerSse2(std::uint32_t practice) : practice_(practice) {
    const __m128i p = _mm_set1_epi32(static_cast<int>(practice));
    const __m128i k = _mm_setr_epi32(0, 1, 2, 3);
    low_ = _mm_unpacklo_epi32(p, k);
    high_ = _mm_unpackhi_epi32(p, k);
  }

  void list(BlockRef* out, std::uint32_t count) const {
    static_assert(sizeof(BlockRef) == 8 && offsetof(BlockRef, block) == 4);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), low_);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 2), high_);
    for (std::uint32_t b = 4; b < count; ++b) out[b] = {practice_, b};
  }

  void next_practice() {
    ++practice_;
    const __m128i one = _mm_setr_epi32(1, 0, 1, 0);
    low_ = _mm_add_epi32(low_, one);
    high_ = _mm_add_epi32(high_, one);
  }

 private:
  std::uint32_t practice_;
  __m128i low_, high_;  // {p, 0, p, 1} and {p, 2, p, 3}
};

// GpBandFinderScalar with the nine ends as bytes of one vector: a GP's band is one compare
// of them all with j.
class GpBandFinderSse2 {
 public:
  explicit GpBandFinderSse2(const PackedGps& gps) {
    const std::uint64_t ends = gps.bands * 0x0102040810204081u;
    // 16-bit lane b (b < 8) takes bytes b - 1 and b of `ends`, which hold end_b from bit
    // 8 - b; multiplying by 2^(b + 1) moves it to the lane's top 7 bits, and shifting
    // down by 9 leaves it alone. end_8 is the total. The compare is signed, so bytes 0-8
    // are stored as end_b - 128 (and the lanes as j - 128): then bytes 9-15, 0, are above
    // every lane, and byte 9 stops the band count at kAgeBands with no further step.
    const __m128i word = _mm_cvtsi64_si128(static_cast<long long>(ends));
    const __m128i pairs = _mm_unpacklo_epi8(_mm_slli_si128(word, 1), word);
    const __m128i first_eight =
        _mm_srli_epi16(_mm_mullo_epi16(pairs, _mm_setr_epi16(2, 4, 8, 16, 32, 64, 128, 256)), 9);
    const __m128i unsigned_ends = _mm_packus_epi16(first_eight, _mm_cvtsi32_si128(gps.total));
    ends_ = _mm_xor_si128(unsigned_ends, _mm_setr_epi8(-128, -128, -128, -128, -128, -128, -128,
                                                       -128, -128, 0, 0, 0, 0, 0, 0, 0));
  }

  // Ends are in ascending band order, so the bands with end_b > j are those from j's band
  // up: its band is the lowest of them (kAgeBands when none).
  std::size_t band_of(int j) const {
    const __m128i lane = _mm_load_si128(reinterpret_cast<const __m128i*>(kLaneBytes[j].data()));
    const auto above = static_cast<std::uint64_t>(
        static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpgt_epi8(ends_, lane))));
    // The lowest set bit of `above`, never 0 (byte 9 is 0, above every lane).
    return static_cast<std::uint32_t>(std::countr_zero(above));
  }

 private:
  // kLaneBytes[j] is 16 bytes of j - 128: the compare reads it rather than building it.
  using LaneBytes = std::array<std::int8_t, 16>;
  alignas(16) static constexpr std::array<LaneBytes, kBulkGps + 1> kLaneBytes = [] {
    std::array<LaneBytes, kBulkGps + 1> lanes{};
    for (int j = 0; j <= kBulkGps; ++j) lanes[j].fill(static_cast<std::int8_t>(j - 128));
    return lanes;
  }();
  __m128i ends_;  // byte b = end_b - 128 for b < kAgeBands, then zeros
};

// The forms the GP pass uses: SSE2 where the target has it (tests/engine/test_packed_gps.cpp
// holds both forms to each other), else the scalar definitions (the portable preset).
using GpBlockLister = GpBlockListerSse2;
using GpBandFinder = GpBandFinderSse2;
#else
using GpBlockLister = GpBlockListerScalar;
using GpBandFinder = GpBandFinderScalar;
#endif

}  // namespace pcsim::engine
