#pragma once
#include <bit>
#include <cstddef>
#include <cstdint>

#include "core/units.hpp"
#include "engine/change_queues.hpp"
#include "engine/hazard_screen.hpp"

// The year end's decisions (engine/simulate.hpp, year_end_changes) eight practices to an
// AVX-512 register: the queues of queue_changes, with the hazard screen's bound of every
// practice that draws (HazardScreen::bound, the same cells read the same way), then which
// uniforms fall below their bounds. Only compares, integer arithmetic and table reads: the
// same queues, bounds and practices as the plain loops, which
// tests/engine/test_year_end_avx512.cpp holds them to on random practices. Header-only, like
// the other kernels. PCSIM_SCALAR_KERNELS (the portable preset), a build that is not x86-64
// GCC or Clang, and a processor without AVX-512 F take the plain loops.
#include "engine/avx512_kernels.hpp"
#if defined(PCSIM_ENGINE_AVX512)
#define PCSIM_YEAR_END_AVX512 1
#include <immintrin.h>

#include "core/avx512_warnings.hpp"
#include "engine/avx512_bytes.hpp"
#endif

namespace pcsim::engine {

// Whether this build and processor run the vector year end (AVX-512 F).
inline bool year_end_avx512_supported() { return avx512f_supported(); }

#if defined(PCSIM_YEAR_END_AVX512)

PCSIM_AVX512_WARNINGS_OFF  // GCC bug 105593: core/avx512_warnings.hpp

// queue_changes, and bound[i] = screen->bound(x) for x = {list, gp_total, apms} of
// queue[i]: the cells of the drawing practices' lists in [kLowestList, kListLimit) read
// (filled first when stale: HazardScreen::cell), 1 for the other lists. `screen` may be null
// only when the hazards are off (then nothing draws and no bound is written).
__attribute__((target("avx512f"))) inline ChangeQueues queue_changes_avx512(
    const ChangeQueueInput& in, HazardScreen* screen, std::uint32_t* queue,
    std::uint32_t* rule_queue, double* bound) {
  const __m512d threshold = _mm512_set1_pd(in.threshold);
  const __m512d lowest = _mm512_set1_pd(HazardScreen::kLowestList);
  const __m512d limit = _mm512_set1_pd(HazardScreen::kListLimit);
  const __m512d half = _mm512_set1_pd(0.5), one_and_half = _mm512_set1_pd(1.5);
  const __m512i first_key = _mm512_set1_epi64(static_cast<long long>(HazardScreen::kFirstKey));
  const __m512i lane = _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7);
  const double* const cell_bounds = screen != nullptr ? screen->bounds() : nullptr;
  ChangeQueues q;
  for (std::size_t p = 0; p < in.practices; p += 8) {
    const std::size_t left = in.practices - p;
    const auto lanes = static_cast<__mmask8>(left >= 8 ? 0xFFu : (1u << left) - 1u);
    const __mmask8 open = nonzero_bytes(in.open, p, in.practices);
    const __m512d gps = _mm512_maskz_loadu_pd(lanes, in.gp_total + p);
    const __m512d list = _mm512_maskz_loadu_pd(lanes, in.list + p);
    const __mmask8 rule = _mm512_mask_cmp_pd_mask(open, gps, threshold, _CMP_LT_OQ);
    const __mmask8 draws =
        in.hazards ? _mm512_mask_cmp_pd_mask(open & ~rule, list, _mm512_setzero_pd(), _CMP_GT_OQ)
                   : __mmask8{0};
    const __m512i practice = _mm512_add_epi64(_mm512_set1_epi64(static_cast<long long>(p)), lane);
    _mm512_mask_cvtepi64_storeu_epi32(rule_queue + q.by_rule,
                                      static_cast<__mmask8>((1u << std::popcount(rule)) - 1u),
                                      _mm512_maskz_compress_epi64(rule, practice));
    q.by_rule += static_cast<std::size_t>(std::popcount(rule));
    if (draws == 0) continue;
    // The screen: cell ((key - first) * 3 + heads class) * 2 + APMS of each list in range.
    const __mmask8 screened = _mm512_mask_cmp_pd_mask(
        _mm512_mask_cmp_pd_mask(draws, list, lowest, _CMP_GE_OQ), list, limit, _CMP_LT_OQ);
    const __m512i key = _mm512_sub_epi64(
        _mm512_srli_epi64(_mm512_castpd_si512(list), HazardScreen::kKeyShift), first_key);
    // rounded_gps: 0 below 0.5, 1 below 1.5, else 2 (NaN included).
    const __mmask8 none = _mm512_cmp_pd_mask(gps, half, _CMP_LT_OQ);
    const __mmask8 one = _mm512_cmp_pd_mask(gps, one_and_half, _CMP_LT_OQ) & ~none;
    const __m512i heads = _mm512_mask_mov_epi64(
        _mm512_maskz_mov_epi64(static_cast<__mmask8>(~none & ~one), _mm512_set1_epi64(2)), one,
        _mm512_set1_epi64(1));
    const __m512i key_times_6 =
        _mm512_add_epi64(_mm512_slli_epi64(key, 2), _mm512_slli_epi64(key, 1));
    const __m512i index =
        _mm512_add_epi64(_mm512_add_epi64(key_times_6, _mm512_slli_epi64(heads, 1)),
                         bytes_as_lanes(in.apms, p, in.practices));
    __m512d bounds = _mm512_mask_i64gather_pd(_mm512_set1_pd(1.0), screened, index, cell_bounds, 8);
    // A cell not yet filled this year (NaN) is filled by the screen itself, then read again
    // (rare: about a hundred a year nationally, on first reading).
    if (const __mmask8 unfilled = _mm512_mask_cmp_pd_mask(screened, bounds, bounds, _CMP_UNORD_Q)) {
      alignas(64) std::uint64_t indexes[8];
      _mm512_store_si512(indexes, index);
      for (unsigned lanes_left = unfilled; lanes_left != 0; lanes_left &= lanes_left - 1)
        static_cast<void>(screen->cell(indexes[std::countr_zero(lanes_left)]));
      bounds = _mm512_mask_i64gather_pd(_mm512_set1_pd(1.0), screened, index, cell_bounds, 8);
    }
    const auto drawn = static_cast<__mmask8>((1u << std::popcount(draws)) - 1u);
    _mm512_mask_cvtepi64_storeu_epi32(queue + q.drawing, drawn,
                                      _mm512_maskz_compress_epi64(draws, practice));
    _mm512_mask_storeu_pd(bound + q.drawing, drawn, _mm512_maskz_compress_pd(draws, bounds));
    q.drawing += static_cast<std::size_t>(std::popcount(draws));
  }
  return q;
}

// The positions i < count whose uniform u[i] is not at or above bound[i] (the scalar
// screen's `if (u >= bound) continue;` lets exactly these through: below, or unordered),
// ascending, into `below`; returns how many.
__attribute__((target("avx512f"))) inline std::size_t below_bound_avx512(const double* u,
                                                                         const double* bound,
                                                                         std::size_t count,
                                                                         std::uint32_t* below) {
  const __m512i lane = _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7);
  std::size_t found = 0;
  for (std::size_t i = 0; i < count; i += 8) {
    const std::size_t left = count - i;
    const auto lanes = static_cast<__mmask8>(left >= 8 ? 0xFFu : (1u << left) - 1u);
    const __mmask8 through =
        _mm512_mask_cmp_pd_mask(lanes, _mm512_maskz_loadu_pd(lanes, u + i),
                                _mm512_maskz_loadu_pd(lanes, bound + i), _CMP_NGE_UQ);
    if (through == 0) continue;
    const __m512i position = _mm512_add_epi64(_mm512_set1_epi64(static_cast<long long>(i)), lane);
    _mm512_mask_cvtepi64_storeu_epi32(below + found,
                                      static_cast<__mmask8>((1u << std::popcount(through)) - 1u),
                                      _mm512_maskz_compress_epi64(through, position));
    found += static_cast<std::size_t>(std::popcount(through));
  }
  return found;
}

PCSIM_AVX512_WARNINGS_ON

#endif  // PCSIM_YEAR_END_AVX512

}  // namespace pcsim::engine
