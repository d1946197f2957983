#pragma once
// Eight bytes of a per-practice flag array (open, APMS) as 64-bit lanes, for the AVX-512
// kernels that work on eight practices at a time. Included only where
// <immintrin.h> and AVX-512 are (engine/recruitment_avx512.hpp, engine/year_end_avx512.hpp,
// engine/accounts_avx512.cpp, engine/noise_uniforms_avx512.cpp).
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <immintrin.h>

namespace pcsim::engine {

// Bytes p .. p + 7 of `bytes` (those below n; 0 past it, which is never read),
// zero-extended to 64-bit lanes.
__attribute__((target("avx512f"))) inline __m512i bytes_as_lanes(const std::uint8_t* bytes,
                                                                 std::size_t p, std::size_t n) {
  std::uint64_t word = 0;
  if (n - p >= 8) {
    std::memcpy(&word, bytes + p, 8);
  } else {
    for (std::size_t j = 0; p + j < n; ++j) word |= std::uint64_t{bytes[p + j]} << (8 * j);
  }
  return _mm512_cvtepu8_epi64(_mm_cvtsi64_si128(static_cast<long long>(word)));
}

// The lanes of p .. p + 7 whose byte is not 0.
__attribute__((target("avx512f"))) inline __mmask8 nonzero_bytes(const std::uint8_t* bytes,
                                                                 std::size_t p, std::size_t n) {
  const __m512i lanes = bytes_as_lanes(bytes, p, n);
  return _mm512_test_epi64_mask(lanes, lanes);
}

}  // namespace pcsim::engine
