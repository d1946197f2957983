#pragma once
#include <cstddef>
#include <cstdint>

#include "engine/avx512_kernels.hpp"
#include "model/sampling.hpp"

// The list pass's uniforms (engine/list_and_workforce_passes.hpp): practice p's noise
// uniform is its PracticeYear block's list-noise word as uniform_from_bits maps it, or 1/2
// for a closed practice (whose factor stays 1). The plain loop here is the definition;
// noise_uniforms_avx512 computes it eight practices to a register, the same doubles bit for
// bit (tests/engine/test_noise_uniforms.cpp).
namespace pcsim::engine {

// u[p] for p < n from words[4 p] (the practice's word of the draw, every fourth word).
inline void noise_uniforms(const std::uint32_t* words, const std::uint8_t* open, double* u,
                           std::size_t n) {
  for (std::size_t p = 0; p < n; ++p)
    u[p] = open[p] != 0 ? model::uniform_from_bits(words[4 * p]) : 0.5;
}

// Whether this build and processor run noise_uniforms_avx512 (AVX-512 F).
inline bool noise_uniforms_avx512_supported() { return avx512f_supported(); }

// noise_uniforms, eight practices at a time: the word and its conversion in the lanes, and
// a select where the plain loop's compiled form branched on whether each practice is open.
// Only where noise_uniforms_avx512_supported().
void noise_uniforms_avx512(const std::uint32_t* words, const std::uint8_t* open, double* u,
                           std::size_t n);

}  // namespace pcsim::engine
