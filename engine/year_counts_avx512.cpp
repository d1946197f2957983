// count_practices eight practices to a register (engine/year_counts_avx512.hpp).
#include "engine/year_counts_avx512.hpp"

#include <cstddef>

#if defined(PCSIM_ENGINE_AVX512)
#include <immintrin.h>

#include "core/avx512_warnings.hpp"
#include "engine/avx512_transpose.hpp"
#endif

namespace pcsim::engine {

#if defined(PCSIM_ENGINE_AVX512)

PCSIM_AVX512_WARNINGS_OFF  // GCC bug 105593: core/avx512_warnings.hpp

namespace {

using V = __m512d;
constexpr std::size_t kPracticesPerRegister = 8;

}  // namespace

// Lane k of `sum` holds figure k's total (list, weighted, open, single-handed, without a
// GP; lanes 5 to 7 stay 0). Each eight practices' figures, one register per figure (lane
// j: practice j), are turned into eight rows (row j: practice j's figures, 0 in lanes 5
// to 7) by transpose_8x8 (engine/avx512_transpose.hpp), and the rows added in practice
// order; the lanes past the last practice are loaded as 0 but never added.
__attribute__((target("avx512f"))) model::YearTotals count_practices_avx512(
    const PracticeCountInput& in) {
  const V zero = _mm512_setzero_pd();
  const V half = _mm512_set1_pd(0.5), one_and_half = _mm512_set1_pd(1.5);
  V sum = zero;
  for (std::size_t p = 0; p < in.practice_count; p += kPracticesPerRegister) {
    const std::size_t left = in.practice_count - p;
    const auto lanes =
        static_cast<__mmask8>(left >= kPracticesPerRegister ? 0xFFu : (1u << left) - 1u);
    const V share = _mm512_maskz_loadu_pd(lanes, in.open_share + p);
    const V gps = _mm512_maskz_loadu_pd(lanes, in.gp_total + p);
    // rounded_gps(gps / share) where share > 0: None below 0.5, One from 0.5 below 1.5
    // (a NaN is neither: More, as in the plain loop).
    const __mmask8 counts = _mm512_cmp_pd_mask(share, zero, _CMP_GT_OQ);
    const V heads = _mm512_maskz_div_pd(counts, gps, share);
    const __mmask8 none = counts & _mm512_cmp_pd_mask(heads, half, _CMP_LT_OQ);
    const __mmask8 one = counts & _mm512_cmp_pd_mask(heads, half, _CMP_GE_OQ) &
                         _mm512_cmp_pd_mask(heads, one_and_half, _CMP_LT_OQ);
    const V figure[kPracticesPerRegister] = {_mm512_maskz_loadu_pd(lanes, in.list + p),
                                             _mm512_maskz_loadu_pd(lanes, in.weighted + p),
                                             share,
                                             _mm512_maskz_mov_pd(one, share),
                                             _mm512_maskz_mov_pd(none, share),
                                             zero,
                                             zero,
                                             zero};
    V row[kPracticesPerRegister];
    transpose_8x8(figure, row);
    for (unsigned j = 0; j < kPracticesPerRegister; ++j) {
      const auto practice = static_cast<__mmask8>(-static_cast<int>((lanes >> j) & 1u));
      sum = _mm512_mask_add_pd(sum, practice, sum, row[j]);
    }
  }
  alignas(64) double total[kPracticesPerRegister];
  _mm512_store_pd(total, sum);
  model::YearTotals counted;
  counted.list = total[0];
  counted.weighted = total[1];
  counted.practices_open = total[2];
  counted.single_handed = total[3];
  counted.without_gp = total[4];
  return counted;
}

PCSIM_AVX512_WARNINGS_ON

#else

// A build without the vector form: the plain loop, the same sums.
model::YearTotals count_practices_avx512(const PracticeCountInput& in) {
  return count_practices(in);
}

#endif

}  // namespace pcsim::engine
