#pragma once
#include "engine/avx512_kernels.hpp"
#include "engine/year_counts.hpp"

// count_practices (engine/year_counts.hpp) eight practices to an AVX-512 register: each
// practice's GPs per open share divided and rounded in the lanes (one vector division for
// eight, and selects where the plain loop's compiled form branched on the random headcounts),
// then the five figures of each practice added to the sums in practice order, as the plain
// loop adds them: the same sums bit for bit (tests/engine/test_year_counts_avx512.cpp).
namespace pcsim::engine {

// Whether this build and processor run count_practices_avx512 (AVX-512 F).
inline bool year_counts_avx512_supported() { return avx512f_supported(); }

// count_practices(in), eight practices at a time. Only where year_counts_avx512_supported().
model::YearTotals count_practices_avx512(const PracticeCountInput& in);

}  // namespace pcsim::engine
