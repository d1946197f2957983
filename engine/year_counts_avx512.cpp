// count_practices eight practices to a register (engine/year_counts_avx512.hpp).
#include "engine/year_counts_avx512.hpp"

#include <cstddef>

#if defined(PCSIM_ENGINE_AVX512)
#include <immintrin.h>

#include "core/avx512_warnings.hpp"
#endif

namespace pcsim::engine {

#if defined(PCSIM_ENGINE_AVX512)

PCSIM_AVX512_WARNINGS_OFF  // GCC bug 105593: core/avx512_warnings.hpp

namespace {

using V = __m512d;
constexpr std::size_t kPracticesPerRegister = 8;
static_assert(kPracticesPerRegister == model::kCountPartials);

// A figure's partial sums, lane k partial k, added in lane order from 0.
__attribute__((target("avx512f"))) double partials_total(V partials) {
  alignas(64) double lane[kPracticesPerRegister];
  _mm512_store_pd(lane, partials);
  double sum = 0;
  for (const double x : lane) sum += x;
  return sum;
}

}  // namespace

// Lane k of each figure's register holds its partial sum k (model::year_counts: practice p
// to partial p mod 8), so each eight practices' figures, one register per figure (lane j:
// practice j, the loop's p a multiple of 8), are added to the partials by one vector add a
// figure, five chains side by side rather than one add a practice; lanes past the last
// practice are loaded as 0 and add +0.0, which leaves a partial as it was (never -0). At
// the end each figure's partials are added in lane order, as year_counts adds them.
__attribute__((target("avx512f"))) model::YearTotals count_practices_avx512(
    const PracticeCountInput& in) {
  const V zero = _mm512_setzero_pd();
  const V half = _mm512_set1_pd(0.5), one_and_half = _mm512_set1_pd(1.5);
  V list = zero, weighted = zero, open = zero, single = zero, none_gp = zero;
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
    list = _mm512_add_pd(list, _mm512_maskz_loadu_pd(lanes, in.list + p));
    weighted = _mm512_add_pd(weighted, _mm512_maskz_loadu_pd(lanes, in.weighted + p));
    open = _mm512_add_pd(open, share);
    single = _mm512_add_pd(single, _mm512_maskz_mov_pd(one, share));
    none_gp = _mm512_add_pd(none_gp, _mm512_maskz_mov_pd(none, share));
  }
  model::YearTotals counted;
  counted.list = partials_total(list);
  counted.weighted = partials_total(weighted);
  counted.practices_open = partials_total(open);
  counted.single_handed = partials_total(single);
  counted.without_gp = partials_total(none_gp);
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
