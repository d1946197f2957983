#pragma once
// The 8 x 8 transpose of doubles for the AVX-512 kernels that compute a figure of eight
// practices per register and must add each practice's figures to the sums in practice
// order (engine/accounts_avx512.cpp; the year's counts, summed in eight partial sums since
// pcsim 0.3.1, need none). Included only where <immintrin.h> and AVX-512 are.
#include <immintrin.h>

namespace pcsim::engine {

// row[j] lane k = figure[k] lane j: pairs within 128-bit lanes, then 128-bit lanes across
// registers. Moves only: every value comes out with its bits.
__attribute__((target("avx512f"))) inline void transpose_8x8(const __m512d* figure, __m512d* row) {
  __m512d t[8], u[8];
  for (int k = 0; k < 8; k += 2) {
    t[k] = _mm512_unpacklo_pd(figure[k], figure[k + 1]);
    t[k + 1] = _mm512_unpackhi_pd(figure[k], figure[k + 1]);
  }
  for (int k = 0; k < 8; k += 4) {
    u[k] = _mm512_shuffle_f64x2(t[k], t[k + 2], 0x88);
    u[k + 1] = _mm512_shuffle_f64x2(t[k + 1], t[k + 3], 0x88);
    u[k + 2] = _mm512_shuffle_f64x2(t[k], t[k + 2], 0xDD);
    u[k + 3] = _mm512_shuffle_f64x2(t[k + 1], t[k + 3], 0xDD);
  }
  for (int j = 0; j < 4; ++j) {
    row[j] = _mm512_shuffle_f64x2(u[j], u[j + 4], 0x88);
    row[j + 4] = _mm512_shuffle_f64x2(u[j], u[j + 4], 0xDD);
  }
}

}  // namespace pcsim::engine
