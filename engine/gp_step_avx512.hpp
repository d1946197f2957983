#pragma once
#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>

#include "core/units.hpp"
#include "engine/gp_kernels.hpp"
#include "engine/kernel_mutation.hpp"
#include "engine/packed_gps.hpp"
#include "model/age_bands.hpp"
#include "model/gp_transitions.hpp"

// The bulk GP step of a chunk of packed practices with AVX-512, eight GPs to a register
// (docs/performance.md): exactly what step_gp_packed_from_bits<true> (engine/gp_kernels.hpp)
// computes practice by practice, one GP at a time. Only integers move (bits, thresholds,
// packed counts), so nothing rounds and the results are the same bit for bit;
// tests/engine/test_gp_step_avx512.cpp holds the two to each other on random chunks and
// tests/engine/test_chunk_passes.cpp runs the GP pass both ways.
//
// A GP's band without a walk through the bands: with end_b = n_0 + ... + n_b (band b's
// count n_b, so end_b <= 127), GP j is in the band b with end_{b-1} <= j < end_b, which is
// the number of b whose end_b <= j. The ends of bands 0 to 7 fit one 64-bit word, a byte
// each (bit 7 clear); a lane holding the byte 128 + j in every byte minus that word leaves
// bit 7 of byte b set exactly when end_b <= j (no byte borrows: 128 + j - end_b >= 1), and
// the sum of those bytes (vpsadbw) over 128 is the band. Band 8's end is the total, above
// every GP, so it never counts; lanes past the total are masked off.
//
// PCSIM_SCALAR_KERNELS (the portable preset), a build that is not x86-64 GCC or Clang, and a
// processor without AVX-512 F and BW, BMI2 and POPCNT take the scalar step.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(PCSIM_SCALAR_KERNELS)
#define PCSIM_GP_STEP_AVX512 1
#include <immintrin.h>

#include "core/avx512_warnings.hpp"
#endif

namespace pcsim::engine {

// Whether this build and processor run step_packed_chunk_avx512.
inline bool gp_step_avx512_supported() {
#if defined(PCSIM_GP_STEP_AVX512)
  static const bool supported =
      __builtin_cpu_supports("avx512f") != 0 && __builtin_cpu_supports("avx512bw") != 0 &&
      __builtin_cpu_supports("bmi2") != 0 && __builtin_cpu_supports("popcnt") != 0;
  return supported;
#else
  return false;
#endif
}

#if defined(PCSIM_GP_STEP_AVX512)

PCSIM_AVX512_WARNINGS_OFF  // GCC bug 105593: core/avx512_warnings.hpp

namespace detail {

// One outcome table in registers, each a 16-entry lookup by band (two registers, bands 0
// to 7 and 8 to 9) for vpermt2q: the three thresholds, and what a GP adds to the packed
// headcounts when it stays, ages up, or neither (table.headcount_step at 4 b + kStay, one
// below, two below: the entries the scalar step reaches from its thresholds).
struct GpTableLanes {
  __m512i low[6], high[6];  // thresholds 0, 1, 2, then stay, age-up, neither
};

__attribute__((target("avx512f,avx512bw,bmi2,popcnt"))) inline GpTableLanes gp_table_lanes(
    const GpOutcomeTable& table) {
  alignas(64) std::uint64_t rows[6][16] = {};
  for (int b = 0; b <= kAgeBands; ++b) {
    for (int k = 0; k < 3; ++k) rows[k][b] = table.bits_above[k][b];
    const std::size_t stay = 4 * static_cast<std::size_t>(b) + kStay;
    for (int k = 0; k < 3; ++k) rows[3 + k][b] = table.headcount_step[stay - k];
  }
  GpTableLanes lanes;
  for (int r = 0; r < 6; ++r) {
    lanes.low[r] = _mm512_load_si512(rows[r]);
    lanes.high[r] = _mm512_load_si512(rows[r] + 8);
  }
  return lanes;
}

// Row r of the table at each lane's band.
__attribute__((target("avx512f"))) inline __m512i by_band(const GpTableLanes& t, int r,
                                                          __m512i band) {
  return _mm512_permutex2var_epi64(t.low[r], band, t.high[r]);
}

// Steps the GPs g to g + 7 of a practice of `before` GPs, those below `before` (an empty
// mask past the total): their bits from bits[g], their bands from `ends` (the running sums
// of the band counts, a byte each, in every lane) and `lanes` (128 + j in every byte of
// GP j's lane, moved on by 8 a byte); adds each GP's headcount step to `next` and the
// retirements to `retired`.
__attribute__((target("avx512f,avx512bw,bmi2,popcnt"))) inline void step_eight(
    const GpTableLanes& t, __m512i ends, const std::uint32_t* bits, int before, int g,
    __m512i& lanes, __m512i& next, std::uint64_t& retired) {
  constexpr std::uint64_t kEveryByte = 0x0101010101010101u;
  const __m512i zero = _mm512_setzero_si512();
  const __m512i bit7 = _mm512_set1_epi64(static_cast<long long>(0x8080808080808080u));
  const auto valid =
      static_cast<__mmask8>(_bzhi_u32(0xFFu, static_cast<unsigned>(std::max(before - g, 0))));
  const __m512i x = _mm512_cvtepu32_epi64(
      _mm512_castsi512_si256(_mm512_maskz_loadu_epi32(static_cast<__mmask16>(valid), bits + g)));
  __m512i band = _mm512_srli_epi64(
      _mm512_sad_epu8(_mm512_and_si512(_mm512_sub_epi64(lanes, ends), bit7), zero), 7);
  if constexpr (kKernelMutation == 2)
    band = _mm512_min_epu64(_mm512_add_epi64(band, _mm512_set1_epi64(1)),
                            _mm512_set1_epi64(kAgeBands - 1));
  const __mmask8 below0 = _mm512_mask_cmplt_epu64_mask(valid, x, by_band(t, 0, band));
  const __mmask8 below1 = _mm512_cmplt_epu64_mask(x, by_band(t, 1, band));
  const __mmask8 below2 = _mm512_cmplt_epu64_mask(x, by_band(t, 2, band));
  // The scalar step's entry: 4 b + kStay less one for each of thresholds 1 and 2 that x is
  // below (with ascending thresholds: stay, age up, or neither).
  __m512i step = by_band(t, 3, band);
  step = _mm512_mask_mov_epi64(step, below1 ^ below2, by_band(t, 4, band));
  step = _mm512_mask_mov_epi64(step, below1 & below2, by_band(t, 5, band));
  next = _mm512_mask_add_epi64(next, valid, next, step);
  retired += static_cast<std::uint64_t>(std::popcount(static_cast<unsigned>(below0)));
  constexpr std::uint64_t kEightInEveryByte = 8 * kEveryByte;
  lanes = _mm512_add_epi64(lanes, _mm512_set1_epi64(static_cast<long long>(kEightInEveryByte)));
}

}  // namespace detail

// The outcome table whose lanes step_packed_chunk_avx512 loaded last, kept by the GP pass
// from one chunk to the next within a year (a table's contents are fixed for the year): with
// one table for every practice, the usual case, its lanes are loaded once a year rather
// than once a chunk (each load was a store of the rows to the stack and wide reads of
// them, which wait for the stores).
struct GpTableCache {
  const GpOutcomeTable* loaded = nullptr;
  detail::GpTableLanes lanes{};
};

// Steps every open, packed practice p of [first, end) (open[p] != 0, packed[p].total >= 0)
// as step_gp_packed_from_bits<true>(*table_of[p], packed[p], bits) does, their bits laid
// end to end in practice order from `bits` (whole blocks each, as the GP pass lists them);
// sets totals[p] to the new packed total and returns the packed exits of them all
// (retirements in the low 32 bits, leavers in the high 32). `cache` holds the lanes of the
// table loaded last (GpTableCache); its tables must not have changed since.
__attribute__((target("avx512f,avx512bw,bmi2,popcnt"))) inline std::uint64_t
step_packed_chunk_avx512(const GpOutcomeTable* const* table_of, PackedGps* packed,
                         Headcount* totals, const std::uint8_t* open, std::size_t first,
                         std::size_t end, const std::uint32_t* bits, GpTableCache& cache) {
  constexpr std::uint64_t kEveryByte = 0x0101010101010101u;
  const __m512i zero = _mm512_setzero_si512();
  // Lane i of the first eight GPs: 128 + i in every byte; the next eight add 8 a byte.
  const auto lane = [](std::uint64_t i) {
    return static_cast<long long>((i * kEveryByte) | 0x8080808080808080u);
  };
  const __m512i first_lanes =
      _mm512_setr_epi64(lane(0), lane(1), lane(2), lane(3), lane(4), lane(5), lane(6), lane(7));
  const GpOutcomeTable* loaded = cache.loaded;
  detail::GpTableLanes t = cache.lanes;
  std::uint64_t exits = 0;
  for (std::size_t p = first; p < end; ++p) {
    if (open[p] == 0 || packed[p].total < 0) continue;
    if (table_of[p] != loaded) {
      loaded = table_of[p];
      t = detail::gp_table_lanes(*loaded);
    }
    const int before = packed[p].total;
    // Bands 0 to 7's counts a byte each, then their running sums: end_b in byte b.
    const std::uint64_t counts = _pdep_u64(packed[p].bands, 0x7F7F7F7F7F7F7F7Fu);
    const std::uint64_t ends_bytes = counts * kEveryByte;
    const __m512i ends = _mm512_set1_epi64(static_cast<long long>(ends_bytes));
    __m512i lanes = first_lanes;
    __m512i next = zero;
    std::uint64_t retired = 0;
    // The first sixteen GPs without a branch on the count (most practices have 16 or fewer,
    // more or fewer than 8 in no order a predictor could learn): a practice of 8 or fewer
    // steps its second eight under an empty mask. Then eight at a time.
    detail::step_eight(t, ends, bits, before, 0, lanes, next, retired);
    detail::step_eight(t, ends, bits, before, 8, lanes, next, retired);
    for (int g = 16; g < before; g += 8)
      detail::step_eight(t, ends, bits, before, g, lanes, next, retired);
    bits += gp_bits_in_blocks(before);
    const auto word = static_cast<std::uint64_t>(_mm512_reduce_add_epi64(next));
    packed[p] = {word, packed_total(word)};
    totals[p] = packed[p].total;
    const auto gone = static_cast<std::uint64_t>(before - packed[p].total);
    exits += retired | ((gone - retired) << 32);
  }
  cache = {loaded, t};
  return exits;
}

// The same with no table loaded before.
__attribute__((target("avx512f,avx512bw,bmi2,popcnt"))) inline std::uint64_t
step_packed_chunk_avx512(const GpOutcomeTable* const* table_of, PackedGps* packed,
                         Headcount* totals, const std::uint8_t* open, std::size_t first,
                         std::size_t end, const std::uint32_t* bits) {
  GpTableCache cache;
  return step_packed_chunk_avx512(table_of, packed, totals, open, first, end, bits, cache);
}

PCSIM_AVX512_WARNINGS_ON

#endif

}  // namespace pcsim::engine
