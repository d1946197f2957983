// The central region of normal_quantiles eight at a time (model/sampling.hpp): AS 241's
// PPND16 rational in r = 0.180625 - q^2, the same operations in the same order as
// normal_quantile_central, so the same roundings; and the tails eight at a time but for
// their logs. CMakeLists.txt compiles this file with
// -ffp-contract=off: AVX-512 has fused multiply-adds, and a Horner step contracted into
// one would round once where the scalar expression rounds twice.
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "core/avx512_warnings.hpp"
#include "model/sampling.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(PCSIM_SCALAR_KERNELS)
#define PCSIM_QUANTILE_AVX512 1
#include <immintrin.h>
#endif

namespace pcsim::model::detail {

#if defined(PCSIM_QUANTILE_AVX512)

PCSIM_AVX512_WARNINGS_OFF  // GCC bug 105593: core/avx512_warnings.hpp

namespace {

__attribute__((target("avx512f"))) std::size_t central_octets_avx512(const double* u, double* z,
                                                                     std::size_t first,
                                                                     std::size_t end,
                                                                     std::uint32_t* tails,
                                                                     std::size_t& queued) {
  const __m512d half = _mm512_set1_pd(0.5), edge = _mm512_set1_pd(0.180625);
  const __m512d bound = _mm512_set1_pd(0.425);
  std::size_t i = first;
  for (; i + 8 <= end; i += 8) {
    const __m512d q = _mm512_sub_pd(_mm512_loadu_pd(u + i), half);
    const __m512d r = _mm512_sub_pd(edge, _mm512_mul_pd(q, q));
    __m512d num = _mm512_set1_pd(kAs241A[7]), den = _mm512_set1_pd(kAs241B[7]);
    for (int k = 6; k >= 0; --k) {  // poly7's Horner steps
      num = _mm512_add_pd(_mm512_mul_pd(num, r), _mm512_set1_pd(kAs241A[k]));
      den = _mm512_add_pd(_mm512_mul_pd(den, r), _mm512_set1_pd(kAs241B[k]));
    }
    _mm512_storeu_pd(z + i, _mm512_div_pd(_mm512_mul_pd(q, num), den));
    // !(|q| <= 0.425), NaN a tail: normal_quantile's test. Tails are about 15 %: the
    // loop below runs about once an octet.
    unsigned tail = _mm512_cmp_pd_mask(_mm512_abs_pd(q), bound, _CMP_NLE_UQ);
    while (tail != 0) {
      tails[queued++] = static_cast<std::uint32_t>(i - first + __builtin_ctz(tail));
      tail &= tail - 1;
    }
  }
  return i;
}

// -v: the sign bit flipped, as the scalar -v (AVX-512 F has no xor of doubles).
__attribute__((target("avx512f"))) inline __m512d negated(__m512d v) {
  const __m512i sign = _mm512_set1_epi64(static_cast<long long>(0x8000000000000000u));
  return _mm512_castsi512_pd(_mm512_xor_si512(_mm512_castpd_si512(v), sign));
}

// The queued tails (tails[0, queued), positions from `first`) eight at a time, as
// normal_quantile_tail computes each: the nearer tail's probability r, sqrt(-log r), AS
// 241's PPND16 tail rational in sqrt(-log r) - 1.6, the sign of the lower tail. The log is
// std::log lane by lane (a vector log would round otherwise); the rest is the scalar
// expression's operations in its order, so the same roundings. A lane whose sqrt(-log r)
// is not at most 5 (u within about 1e-11 of 0 or 1, which 32-bit uniforms never reach, or
// NaN) is left to the scalar function. Returns how many it handled (a multiple of 8).
__attribute__((target("avx512f"))) std::size_t tail_octets_avx512(const double* u, double* z,
                                                                  std::size_t first,
                                                                  const std::uint32_t* tails,
                                                                  std::size_t queued) {
  const __m512d half = _mm512_set1_pd(0.5), one = _mm512_set1_pd(1.0);
  const __m512d five = _mm512_set1_pd(5.0), shift = _mm512_set1_pd(1.6);
  const double* const base = u + first;
  std::size_t j = 0;
  for (; j + 8 <= queued; j += 8) {
    const __m256i at = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(tails + j));
    const __m512d x = _mm512_i32gather_pd(at, base, 8);
    const __mmask8 lower = _mm512_cmp_pd_mask(_mm512_sub_pd(x, half), _mm512_setzero_pd(),
                                              _CMP_LT_OQ);  // q < 0, NaN not
    alignas(64) double r[8];
    _mm512_store_pd(r, _mm512_mask_blend_pd(lower, _mm512_sub_pd(one, x), x));
    for (double& lane : r) lane = std::log(lane);
    const __m512d s = _mm512_sqrt_pd(negated(_mm512_load_pd(r)));  // sqrt(-log r)
    const __mmask8 near = _mm512_cmp_pd_mask(s, five, _CMP_LE_OQ);
    const __m512d t = _mm512_sub_pd(s, shift);
    __m512d num = _mm512_set1_pd(kAs241C[7]), den = _mm512_set1_pd(kAs241D[7]);
    for (int k = 6; k >= 0; --k) {  // poly7's Horner steps
      num = _mm512_add_pd(_mm512_mul_pd(num, t), _mm512_set1_pd(kAs241C[k]));
      den = _mm512_add_pd(_mm512_mul_pd(den, t), _mm512_set1_pd(kAs241D[k]));
    }
    const __m512d magnitude = _mm512_div_pd(num, den);
    const __m512d signed_z = _mm512_mask_blend_pd(lower, magnitude, negated(magnitude));
    _mm512_mask_i32scatter_pd(z + first, near, at, signed_z, 8);
    for (unsigned far = static_cast<unsigned>(near) ^ 0xFFu; far != 0; far &= far - 1) {
      const std::size_t i = first + tails[j + static_cast<unsigned>(__builtin_ctz(far))];
      z[i] = normal_quantile_tail(u[i], u[i] - 0.5);
    }
  }
  return j;
}

bool has_avx512() {
  static const bool has = __builtin_cpu_supports("avx512f") != 0;
  return has;
}

}  // namespace

PCSIM_AVX512_WARNINGS_ON

std::size_t normal_quantile_central_octets(const double* u, double* z, std::size_t first,
                                           std::size_t end, std::uint32_t* tails,
                                           std::size_t& queued) {
  return has_avx512() ? central_octets_avx512(u, z, first, end, tails, queued) : first;
}

std::size_t normal_quantile_tail_octets(const double* u, double* z, std::size_t first,
                                        const std::uint32_t* tails, std::size_t queued) {
  return has_avx512() ? tail_octets_avx512(u, z, first, tails, queued) : 0;
}

#else

std::size_t normal_quantile_central_octets(const double*, double*, std::size_t first, std::size_t,
                                           std::uint32_t*, std::size_t&) {
  return first;
}

std::size_t normal_quantile_tail_octets(const double*, double*, std::size_t, const std::uint32_t*,
                                        std::size_t) {
  return 0;
}

#endif

}  // namespace pcsim::model::detail
