#pragma once
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>

#include "core/units.hpp"
#include "model/funding.hpp"

// The quality pass (engine/quality_pass.hpp, quality_chunks) eight practices to an AVX-512
// register: each open practice's payment by quality_payment_from_bits's expression, the same
// operations in the same order (the achievement decided in integers, each signed-up
// standard's term added in standard order to a payment that starts at 0), so the same
// payments. tests/engine/test_quality_avx512.cpp holds the two to each other on random
// practices. Header-only, like the other kernels. PCSIM_SCALAR_KERNELS (the portable
// preset), a build that is not x86-64 GCC or Clang, and a processor without AVX-512 F take
// the scalar loop.
#include "engine/avx512_kernels.hpp"
#if defined(PCSIM_ENGINE_AVX512)
#define PCSIM_QUALITY_AVX512 1
#include <immintrin.h>

#include "core/avx512_warnings.hpp"
#include "engine/avx512_bytes.hpp"
#endif

namespace pcsim::engine {

// Whether this build and processor run the vector quality pass (AVX-512 F).
inline bool quality_avx512_supported() { return avx512f_supported(); }

#if defined(PCSIM_QUALITY_AVX512)

PCSIM_AVX512_WARNINGS_OFF  // GCC bug 105593: core/avx512_warnings.hpp
#if defined(__GNUC__) && !defined(__clang__)
// GCC would contract the term's last multiply and the payment's add into one fused
// multiply-add (rounded once, where the scalar expression rounds twice): off here.
#pragma GCC push_options
#pragma GCC optimize("fp-contract=off")
#endif

namespace quality_detail {
// Standard k's sign-up of practices p .. p + 7 (those below p + left; 0 past them),
// applies[(p + i) K + k], for each k: one or two loads and a permute for K = 1 or 2 (the
// shipped scenarios have two standards), a gather for more.
struct SignUps {
  __m512d of[4];  // of[k]: standard k's (a plain array: std::array drops the vector's alignment)
};

template <std::size_t K>
__attribute__((target("avx512f"))) inline SignUps sign_ups(const Fraction* applies, std::size_t p,
                                                           std::size_t left) {
  const auto lanes = static_cast<__mmask8>(left >= 8 ? 0xFFu : (1u << left) - 1u);
  SignUps out;
  if constexpr (K == 1) {
    out.of[0] = _mm512_maskz_loadu_pd(lanes, applies + p);
  } else if constexpr (K == 2) {
    const auto first_four = static_cast<__mmask8>(left >= 4 ? 0xFFu : (1u << (2 * left)) - 1u);
    const auto last_four =
        static_cast<__mmask8>(left >= 8 ? 0xFFu : (left > 4 ? (1u << (2 * (left - 4))) - 1u : 0u));
    const __m512d a = _mm512_maskz_loadu_pd(first_four, applies + 2 * p);
    const __m512d b = _mm512_maskz_loadu_pd(last_four, applies + 2 * p + 8);
    out.of[0] = _mm512_permutex2var_pd(a, _mm512_setr_epi64(0, 2, 4, 6, 8, 10, 12, 14), b);
    out.of[1] = _mm512_permutex2var_pd(a, _mm512_setr_epi64(1, 3, 5, 7, 9, 11, 13, 15), b);
  } else {
    const __m512i practice = _mm512_add_epi64(_mm512_set1_epi64(static_cast<long long>(p)),
                                              _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7));
    // K (3 or 4) times the practice, by shifts and adds.
    const __m512i row = K == 3 ? _mm512_add_epi64(_mm512_slli_epi64(practice, 1), practice)
                               : _mm512_slli_epi64(practice, 2);
    for (std::size_t k = 0; k < K; ++k) {
      out.of[k] = _mm512_mask_i64gather_pd(
          _mm512_setzero_pd(), lanes,
          _mm512_add_epi64(row, _mm512_set1_epi64(static_cast<long long>(k))), applies, 8);
    }
  }
  return out;
}
}  // namespace quality_detail

// payment[p] = quality_payment_from_bits(draws, applies + p K, block, weighted[p], index)
// for every open practice p of [first, end), `block` its Philox block in `bits` (the open
// practices' blocks end to end, 4 words each, as open_practices_blocks lays them out; word
// k is standard k's draw). The closed practices' payments are left as they are.
template <std::size_t K>
__attribute__((target("avx512f"))) inline void quality_payments_avx512(
    const std::array<model::QualityDraw, K>& draws, const Fraction* applies,
    const std::uint8_t* open, const Patients* weighted, const std::uint32_t* bits, double index,
    std::size_t first, std::size_t end, Pounds* payment) {
  static_assert(K >= 1 && K <= 4, "one Philox block a practice holds at most 4 draws");
  const __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1.0);
  const __m512d year_index = _mm512_set1_pd(index);
  const __m512i block_starts =
      _mm512_setr_epi32(0, 4, 8, 12, 16, 20, 24, 28, 0, 0, 0, 0, 0, 0, 0, 0);
  std::size_t block = 0;  // the next open practice's block
  for (std::size_t p = first; p < end; p += 8) {
    const std::size_t left = end - p;
    const auto lanes = static_cast<__mmask8>(left >= 8 ? 0xFFu : (1u << left) - 1u);
    const __mmask8 is_open = nonzero_bytes(open, p, end) & lanes;
    if (is_open == 0) continue;
    const auto count = static_cast<unsigned>(std::popcount(static_cast<unsigned>(is_open)));
    // The open practices' blocks, 4 words each: words 0-15 and 16-31.
    const std::uint32_t* const own = bits + 4 * block;
    const unsigned words = 4 * count;
    const __m512i low = _mm512_maskz_loadu_epi32(
        static_cast<__mmask16>(words >= 16 ? 0xFFFFu : (1u << words) - 1u), own);
    const __m512i high = _mm512_maskz_loadu_epi32(
        static_cast<__mmask16>(words <= 16 ? 0u : (1u << (words - 16)) - 1u), own + 16);
    const __m512d list = _mm512_maskz_loadu_pd(is_open, weighted + p);
    const quality_detail::SignUps sign_ups = quality_detail::sign_ups<K>(applies, p, left);
    __m512d pay = zero;
    for (std::size_t k = 0; k < K; ++k) {
      const __m512d signed_up = sign_ups.of[k];
      // Word k of each open practice's block (block i's at 4 i + k), to the open lanes.
      const __m512i pick = _mm512_add_epi32(block_starts, _mm512_set1_epi32(static_cast<int>(k)));
      const __m512i drawn = _mm512_maskz_expand_epi64(
          is_open, _mm512_cvtepu32_epi64(
                       _mm512_castsi512_si256(_mm512_permutex2var_epi32(low, pick, high))));
      const __mmask8 achieved = _mm512_cmplt_epu64_mask(
          drawn, _mm512_set1_epi64(static_cast<long long>(draws[k].achieved_below)));
      // applies * achieved * rate * index * weighted, left to right, added when
      // !(applies <= 0).
      const __m512d term = _mm512_mul_pd(
          _mm512_mul_pd(
              _mm512_mul_pd(_mm512_mul_pd(signed_up, _mm512_mask_mov_pd(zero, achieved, one)),
                            _mm512_set1_pd(draws[k].payment_per_weighted_patient)),
              year_index),
          list);
      pay = _mm512_mask_add_pd(pay, _mm512_mask_cmp_pd_mask(is_open, signed_up, zero, _CMP_NLE_UQ),
                               pay, term);
    }
    _mm512_mask_storeu_pd(payment + p, is_open, pay);
    block += count;
  }
}

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC pop_options
#endif
PCSIM_AVX512_WARNINGS_ON

#endif  // PCSIM_QUALITY_AVX512

}  // namespace pcsim::engine
