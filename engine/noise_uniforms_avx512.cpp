// noise_uniforms eight practices to a register (engine/noise_uniforms.hpp).
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "engine/noise_uniforms.hpp"

#if defined(PCSIM_ENGINE_AVX512)
#include <immintrin.h>

#include "core/avx512_warnings.hpp"
#include "engine/avx512_bytes.hpp"
#endif

namespace pcsim::engine {

#if defined(PCSIM_ENGINE_AVX512)

PCSIM_AVX512_WARNINGS_OFF  // GCC bug 105593: core/avx512_warnings.hpp

// Eight practices' words are every fourth of 32: two 16-word loads, and the permute that
// takes words 0, 4, ..., 28 of the pair. A uint32 converts to double exactly, and adding
// 1/2 and scaling by 2^-32 are exact, so each lane is uniform_from_bits bit for bit.
__attribute__((target("avx512f"))) void noise_uniforms_avx512(const std::uint32_t* words,
                                                              const std::uint8_t* open, double* u,
                                                              std::size_t n) {
  constexpr std::size_t kLanes = 8;
  const __m512i every_fourth =
      _mm512_setr_epi32(0, 4, 8, 12, 16, 20, 24, 28, 0, 0, 0, 0, 0, 0, 0, 0);
  const __m512d half = _mm512_set1_pd(0.5), scale = _mm512_set1_pd(0x1.0p-32);
  for (std::size_t p = 0; p < n; p += kLanes) {
    const std::size_t left = std::min(n - p, kLanes);
    const auto lanes = static_cast<__mmask8>((1u << left) - 1u);
    // The words of the practices present (4 each; 16 to a load).
    const auto low_words = static_cast<__mmask16>(left >= 4 ? 0xFFFFu : (1u << (4 * left)) - 1u);
    const auto high_words = static_cast<__mmask16>(left <= 4 ? 0u : (1u << (4 * (left - 4))) - 1u);
    const __m512i low = _mm512_maskz_loadu_epi32(low_words, words + 4 * p);
    const __m512i high = _mm512_maskz_loadu_epi32(high_words, words + 4 * p + 16);
    const __m256i word = _mm512_castsi512_si256(_mm512_permutex2var_epi32(low, every_fourth, high));
    const __m512d uniform = _mm512_mul_pd(_mm512_add_pd(_mm512_cvtepu32_pd(word), half), scale);
    // The open practices (none read past the last practice).
    const __mmask8 is_open = nonzero_bytes(open, p, n);
    _mm512_mask_storeu_pd(u + p, lanes, _mm512_mask_blend_pd(is_open, half, uniform));
  }
}

PCSIM_AVX512_WARNINGS_ON

#else

// A build without the vector form: the plain loop.
void noise_uniforms_avx512(const std::uint32_t* words, const std::uint8_t* open, double* u,
                           std::size_t n) {
  noise_uniforms(words, open, u, n);
}

#endif

}  // namespace pcsim::engine
