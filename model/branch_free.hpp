#pragma once
#include <bit>
#include <cstdint>
#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

// Selections made with masks rather than branches, for the per-practice passes: whether
// a practice has unmet demand, a vacancy or funding below the target is data, which a
// branch predictor guesses wrong about as often as not. Each gives exactly the value of
// the plain expression it stands for.
namespace pcsim::model {

// max(0, x) as std::max(0.0, x) gives it: x when x > 0, else +0 (NaN and -0 included).
// With SSE2 the mask 0 < x is made and applied in the vector register (cmpltsd, andpd)
// rather than moved to an integer register and back; not a plain x > 0 ? x : 0, which
// the compiler may make a branch, nor maxsd, whose NaN and -0 results it may fold either
// way when x is known.
inline double positive_part(double x) {
#if defined(__SSE2__) && defined(__x86_64__)
  const __m128d v = _mm_set_sd(x);
  return _mm_cvtsd_f64(_mm_and_pd(_mm_cmplt_sd(_mm_setzero_pd(), v), v));
#else
  const std::uint64_t keep = 0 - static_cast<std::uint64_t>(x > 0.0);
  return std::bit_cast<double>(std::bit_cast<std::uint64_t>(x) & keep);
#endif
}

// condition ? if_true : if_false, both already computed.
inline double choose(bool condition, double if_true, double if_false) {
  const std::uint64_t pick_true = 0 - static_cast<std::uint64_t>(condition);
  return std::bit_cast<double>((std::bit_cast<std::uint64_t>(if_true) & pick_true) |
                               (std::bit_cast<std::uint64_t>(if_false) & ~pick_true));
}

}  // namespace pcsim::model
