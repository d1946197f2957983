#pragma once
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>

#include "model/binomial_sampling.hpp"
#include "model/branch_free.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pcsim::model {

// Sampling kernels for the hot loop: each maps one uniform u in (0, 1) to a draw by an
// inverse CDF, so a draw depends on its own uniform only (common random numbers). Pure,
// header-only, no allocation, no Boost.

namespace detail {

// Horner evaluation of c[0] + c[1] x + ... + c[7] x^7.
constexpr double poly7(const double (&c)[8], double x) {
  return ((((((c[7] * x + c[6]) * x + c[5]) * x + c[4]) * x + c[3]) * x + c[2]) * x + c[1]) * x +
         c[0];
}

// Coefficients of Wichura (1988), Algorithm AS 241 "The percentage points of the normal
// distribution", Applied Statistics 37(3), 477-484: PPND16, relative accuracy about 1e-16.
// Central region |u - 0.5| <= 0.425, in r = 0.180625 - q^2.
inline constexpr double kAs241A[8] = {3.3871328727963666080e0, 1.3314166789178437745e2,
                                      1.9715909503065514427e3, 1.3731693765509461125e4,
                                      4.5921953931549871457e4, 6.7265770927008700853e4,
                                      3.3430575583588128105e4, 2.5090809287301226727e3};
inline constexpr double kAs241B[8] = {1.0,
                                      4.2313330701600911252e1,
                                      6.8718700749205790830e2,
                                      5.3941960214247511077e3,
                                      2.1213794301586595867e4,
                                      3.9307895800092710610e4,
                                      2.8729085735721942674e4,
                                      5.2264952788528545610e3};
// Intermediate tail, r = sqrt(-ln(min(u, 1-u))) - 1.6 for r <= 5.
inline constexpr double kAs241C[8] = {1.42343711074968357734e0,  4.63033784615654529590e0,
                                      5.76949722146069140550e0,  3.64784832476320460504e0,
                                      1.27045825245236838258e0,  2.41780725177450611770e-1,
                                      2.27238449892691845833e-2, 7.74545014278341407640e-4};
inline constexpr double kAs241D[8] = {1.0,
                                      2.05319162663775882187e0,
                                      1.67638483018380384940e0,
                                      6.89767334985100004550e-1,
                                      1.48103976427480074590e-1,
                                      1.51986665636164571966e-2,
                                      5.47593808499534494600e-4,
                                      1.05075007164441684324e-9};
// Far tail, r = sqrt(-ln(min(u, 1-u))) - 5.
inline constexpr double kAs241E[8] = {6.65790464350110377720e0,  5.46378491116411436990e0,
                                      1.78482653991729133580e0,  2.96560571828504891230e-1,
                                      2.65321895265761230930e-2, 1.24266094738807843860e-3,
                                      2.71155556874348757815e-5, 2.01033439929228813265e-7};
inline constexpr double kAs241F[8] = {1.0,
                                      5.99832206555887937690e-1,
                                      1.36929880922735805310e-1,
                                      1.48753612908506148525e-2,
                                      7.86869131145613259100e-4,
                                      1.84631831751005468180e-5,
                                      1.42151175831644588870e-7,
                                      2.04426310338993978564e-15};

}  // namespace detail

namespace detail {
// normal_quantile in its central region, q = u - 1/2 with |q| <= 0.425 (AS 241's PPND16).
inline double normal_quantile_central(double q) {
  const double r = 0.180625 - q * q;
  return q * poly7(kAs241A, r) / poly7(kAs241B, r);
}

// normal_quantile in its tails, q = u - 1/2 with |q| > 0.425 (or NaN, which gives NaN).
// Which tail is a coin toss, so its two choices are masks (choose), not branches: the
// compiler made the sign's a jump, mispredicted half the time (about a third of
// normal_quantiles' time in a national profile). The same values as the ternaries.
inline double normal_quantile_tail(double u, double q) {
  const bool lower = q < 0.0;
  double r = choose(lower, u, 1.0 - u);  // the nearer tail's probability
  r = std::sqrt(-std::log(r));
  double z;
  if (r <= 5.0) {
    r -= 1.6;
    z = poly7(kAs241C, r) / poly7(kAs241D, r);
  } else {
    r -= 5.0;
    z = poly7(kAs241E, r) / poly7(kAs241F, r);
  }
  return choose(lower, -z, z);
}
}  // namespace detail

// Phi^-1(u), the standard normal quantile, by Wichura's AS 241 (0 < u < 1; u = 0 and
// u = 1 give -inf and +inf).
inline double normal_quantile(double u) {
  const double q = u - 0.5;
  if (std::fabs(q) <= 0.425) return detail::normal_quantile_central(q);
  return detail::normal_quantile_tail(u, q);
}

// A N(0, sd) draw from its uniform u and z = normal_quantile(u): sd z. The normal draw of
// stochastic events (random/philox_events.hpp), and of simulate()'s batched list noise.
constexpr double normal_from_quantile(double z, double sd) { return sd * z; }

namespace detail {
// normal_quantile_central of q = u[i] - 1/2 into z[i] for i = start, start + 2, ... while
// a pair remains, two at a time in SSE2 (the same operations in the same order as the
// scalar expression, so the same roundings), queueing in `tails` (i - first) of each u
// outside the central region as normal_quantiles does; returns the next i.
inline std::size_t normal_quantile_central_pairs(const double* u, double* z, std::size_t first,
                                                 std::size_t start, std::size_t end,
                                                 std::uint32_t* tails, std::size_t& queued) {
  std::size_t i = start;
#if defined(__SSE2__)
  const __m128d half = _mm_set1_pd(0.5), edge = _mm_set1_pd(0.180625);
  const __m128d bound = _mm_set1_pd(0.425);
  const __m128d magnitude = _mm_castsi128_pd(_mm_set1_epi64x(0x7fffffffffffffff));
  for (; i + 2 <= end; i += 2) {
    const __m128d q = _mm_sub_pd(_mm_loadu_pd(u + i), half);
    const __m128d r = _mm_sub_pd(edge, _mm_mul_pd(q, q));
    __m128d num = _mm_set1_pd(kAs241A[7]), den = _mm_set1_pd(kAs241B[7]);
    for (int k = 6; k >= 0; --k) {  // poly7's Horner steps
      num = _mm_add_pd(_mm_mul_pd(num, r), _mm_set1_pd(kAs241A[k]));
      den = _mm_add_pd(_mm_mul_pd(den, r), _mm_set1_pd(kAs241B[k]));
    }
    _mm_storeu_pd(z + i, _mm_div_pd(_mm_mul_pd(q, num), den));
    // !(|q| <= 0.425), NaN a tail: the test of normal_quantile, on the q just computed.
    const int tail = _mm_movemask_pd(_mm_cmpnle_pd(_mm_and_pd(q, magnitude), bound));
    tails[queued] = static_cast<std::uint32_t>(i - first);
    queued += static_cast<std::size_t>(tail & 1);
    tails[queued] = static_cast<std::uint32_t>(i + 1 - first);
    queued += static_cast<std::size_t>(tail >> 1);
  }
#endif
  return i;
}

// The same eight at a time with AVX-512, when this processor runs it (else it does
// nothing and returns first): i = first, first + 8, ... while eight remain. Out of line in
// model/normal_quantiles_wide.cpp, compiled without contracting a product and a sum into
// one fused multiply-add, so the roundings are the scalar expression's.
std::size_t normal_quantile_central_octets(const double* u, double* z, std::size_t first,
                                           std::size_t end, std::uint32_t* tails,
                                           std::size_t& queued);

// normal_quantile_tail of the queued u[first + tails[j]] into z[first + tails[j]] for
// j = 0, 8, ... while eight remain, eight at a time with AVX-512 (std::log lane by lane,
// the rest the scalar expression's operations in its order; a lane beyond the first
// polynomial's range, or NaN, by the scalar function), when this processor runs it;
// returns how many it handled (0 without AVX-512). Where the tails fell is random, so the
// scalar loop's long chain a tail (a call, a square root, two polynomials and a division)
// overlapped little: in a national profile the tails were most of normal_quantiles' time.
std::size_t normal_quantile_tail_octets(const double* u, double* z, std::size_t first,
                                        const std::uint32_t* tails, std::size_t queued);
}  // namespace detail

// normal_quantile(u[i]) into z[i] for every i, bit for bit, a chunk of kChunk at a time:
// the central expression for every u without a branch (eight or two at a time, with the
// same operations in the same order, so the same roundings), then the tail expression again
// for the u in the tails (about 15%). Many quantiles' long chains of multiplications and
// the division then overlap, where one call at a time waits for each. Which u are in the
// tails is random, so a branch on each would mispredict: the tail indexes are queued
// instead, in the same loop (each index is written, and the queue grows by one only for a
// tail), and only the queued ones are recomputed. The chunks keep the queue a small array
// on the stack: no allocation per call.
inline void normal_quantiles(std::span<const double> u, std::span<double> z) {
  constexpr std::size_t kChunk = 256;
  std::array<std::uint32_t, kChunk> tails;
  const std::size_t n = u.size();
  for (std::size_t first = 0; first < n; first += kChunk) {
    const std::size_t end = first + kChunk < n ? first + kChunk : n;
    std::size_t queued = 0;
    std::size_t i = detail::normal_quantile_central_octets(u.data(), z.data(), first, end,
                                                           tails.data(), queued);
    i = detail::normal_quantile_central_pairs(u.data(), z.data(), first, i, end, tails.data(),
                                              queued);
    for (; i < end; ++i) {
      const double q = u[i] - 0.5;
      z[i] = detail::normal_quantile_central(q);
      tails[queued] = static_cast<std::uint32_t>(i - first);
      queued += !(std::fabs(q) <= 0.425);  // normal_quantile's test, NaN a tail
    }
    for (std::size_t j =
             detail::normal_quantile_tail_octets(u.data(), z.data(), first, tails.data(), queued);
         j < queued; ++j) {
      const std::size_t i = first + tails[j];
      z[i] = detail::normal_quantile_tail(u[i], u[i] - 0.5);
    }
  }
}

// A count held in a double, rounded to the nearest integer with halves away from zero (as
// std::lround); negative or NaN gives 0, and the result is capped at 2^31 - 1. The number
// of trials of a binomial and of members of a split (random/philox_events.hpp), and so the
// number of uniforms a split consumes. Exact without a library call: for 0.5 <= n < 2^31
// the fraction n - trunc(n) is computed exactly.
inline int rounded_count(double n) {
  if (!(n >= 0.5)) return 0;
  if (n >= 2147483647.0) return 2147483647;
  const int whole = static_cast<int>(n);  // truncates
  return n - whole >= 0.5 ? whole + 1 : whole;
}

// 32 random bits mapped to the open interval (0, 1): (x + 1/2) 2^-32, exact in double,
// never 0 or 1 (so quantiles of unbounded distributions stay finite). The uniform of a
// stochastic events type (random/philox_events.hpp) is this of its Philox lane.
constexpr double uniform_from_bits(std::uint32_t x) {
  return (static_cast<double>(x) + 0.5) * 0x1.0p-32;
}

// 1.0 when `hit`, else 0.0, masked rather than chosen by a branch: a drawn outcome is
// random, so a branch on it would mispredict, and a plain 0.0/1.0 lets the compiler turn
// the caller's product by it back into a branch.
inline double one_if(bool hit) {
  const std::uint64_t mask = 0 - static_cast<std::uint64_t>(hit);
  return std::bit_cast<double>(mask & std::bit_cast<std::uint64_t>(1.0));
}

// A Bernoulli(p) draw from its uniform: 1 when u < p, else 0.
inline double bernoulli_from_uniform(double u, double p) { return one_if(u < p); }

// The smallest x whose uniform_from_bits(x) exceeds c, as a 64-bit number: 2^32 when no
// 32-bit x does. So uniform_from_bits(x) > c exactly when x >= first_bits_above(c), which
// lets a threshold fixed for a run be compared with raw bits, in integers. Exact: c 2^32
// and c 2^32 - 1/2 are exact in double for c in [0, 1] (and x + 1/2 <= c 2^32 is the
// same as x <= floor(c 2^32 - 1/2)); c below 0 gives 0, c of 1 or more 2^32. NaN gives
// 2^32, but a NaN threshold is not compared (model/gp_transitions.hpp checks first).
inline std::uint64_t first_bits_above(double c) {
  if (!(c >= 0.0)) return c < 0.0 ? 0 : std::uint64_t{1} << 32;
  if (c >= 1.0) return std::uint64_t{1} << 32;
  const double last_not_above = std::floor(c * 0x1.0p32 - 0.5);  // may be -1
  return static_cast<std::uint64_t>(static_cast<std::int64_t>(last_not_above) + 1);
}

// How many 32-bit x have uniform_from_bits(x) < p, as a 64-bit number (0 to 2^32): so
// bernoulli_from_uniform(uniform_from_bits(x), p) is 1 exactly when x < bits_below(p), a
// comparison in integers for a p fixed over many draws. Exact: c = p 2^32 is exact, and
// for 1/2 < c < 2^32 so is c - 1/2 (both multiples of c's last place); x + 1/2 < c holds
// for the integers x < ceil(c - 1/2). c <= 1/2 (NaN too: u < NaN is false) gives 0.
inline std::uint64_t bits_below(double p) {
  const double c = p * 0x1.0p32;
  if (!(c > 0.5)) return 0;
  if (c >= 0x1.0p32) return std::uint64_t{1} << 32;
  return static_cast<std::uint64_t>(std::ceil(c - 0.5));
}

// bernoulli_from_uniform(uniform_from_bits(x), p) from the bits, below = bits_below(p).
inline double bernoulli_from_bits(std::uint32_t x, std::uint64_t below) {
  return one_if(x < below);
}

// std::round(x) for x >= 0 (halves away from zero), without a library call: exact, since
// x - trunc(x) is exact below 2^52 and every double from 2^52 up is already whole. NaN
// gives NaN. The rounding up is added as 0 or 1 rather than chosen by a branch (the
// fraction is data, so a branch would mispredict); whole is never -0, so whole + 0 = whole.
inline double round_non_negative(double x) {
  if (!(x < 0x1p52)) return x;
  const auto whole = static_cast<double>(static_cast<std::int64_t>(x));
  return whole + static_cast<double>(x - whole >= 0.5);
}

// The running sums c[k] = probs[0] + ... + probs[k] for k < size - 1, summed in that order
// from 0 (the last entry is left as probs' last: the last category takes the rest).
template <class Probs>
inline Probs cumulative_probabilities(const Probs& probs) {
  Probs cumulative = probs;
  double sum = 0.0;
  for (std::size_t k = 0; k + 1 < probs.size(); ++k) {
    sum += probs[k];
    cumulative[k] = sum;
  }
  return cumulative;
}

// The category of u given cumulative = cumulative_probabilities(probs): the first k whose
// cumulative probability reaches u, else the last category.
template <class Probs>
inline std::size_t categorical_from_cumulative(const Probs& cumulative, double u) {
  const std::size_t last = cumulative.size() - 1;
  for (std::size_t k = 0; k < last; ++k)
    if (u <= cumulative[k]) return k;
  return last;
}

// The category k of one uniform u in (0, 1) for probabilities probs (a non-empty indexable
// container with size()): the first k whose cumulative probability reaches u. Whatever
// the probabilities leave short of 1 falls to the last category.
template <class Probs>
inline std::size_t categorical_from_uniform(const Probs& probs, double u) {
  return categorical_from_cumulative(cumulative_probabilities(probs), u);
}

// How many of `uniforms` fall in each category (out[k], as whole numbers in doubles), each
// by categorical_from_cumulative(cumulative, u). When the thresholds cumulative[0..K-2] are
// numbers in non-decreasing order (valid probabilities), the category of u is the number
// of thresholds below it, so the counts follow from how many uniforms pass each threshold,
// with no branch per uniform; otherwise each uniform is looked up.
template <std::size_t K>
inline void categorical_counts(const std::array<double, K>& cumulative,
                               std::span<const double> uniforms, std::array<double, K>& out) {
  out.fill(0.0);
  bool ascending = true;
  for (std::size_t k = 0; k + 1 < K; ++k) {
    if (std::isnan(cumulative[k])) ascending = false;
    if (k + 2 < K && !(cumulative[k] <= cumulative[k + 1])) ascending = false;
  }
  if constexpr (K > 1) {
    if (ascending) {
      std::array<int, K - 1> above{};
      for (const double u : uniforms)
        for (std::size_t k = 0; k + 1 < K; ++k) above[k] += u > cumulative[k];
      out[0] = static_cast<double>(static_cast<int>(uniforms.size()) - above[0]);
      for (std::size_t k = 1; k + 1 < K; ++k) out[k] = above[k - 1] - above[k];
      out[K - 1] = above[K - 2];
      return;
    }
  }
  for (const double u : uniforms) out[categorical_from_cumulative(cumulative, u)] += 1.0;
}

}  // namespace pcsim::model
