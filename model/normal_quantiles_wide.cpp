// The central region of normal_quantiles eight at a time (model/sampling.hpp): AS 241's
// PPND16 rational in r = 0.180625 - q^2, the same operations in the same order as
// normal_quantile_central, so the same roundings. CMakeLists.txt compiles this file with
// -ffp-contract=off: AVX-512 has fused multiply-adds, and a Horner step contracted into
// one would round once where the scalar expression rounds twice.
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

#else

std::size_t normal_quantile_central_octets(const double*, double*, std::size_t first, std::size_t,
                                           std::uint32_t*, std::size_t&) {
  return first;
}

#endif

}  // namespace pcsim::model::detail
