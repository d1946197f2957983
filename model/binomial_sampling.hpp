#pragma once
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

// Binomial draws by inverse CDF from one uniform (model/sampling.hpp includes this): the
// small counts of a practice (GPs to recruit), exact to rounding, with a memo of what
// does not depend on u and, for a pass drawing many with one p, those lookups done once.
namespace pcsim::model {

namespace detail {
// One step of the binomial pmf recurrence, f(k+1) = f(k) (n-k)/(k+1) p/(1-p), with
// odds = p/(1-p): the one expression both the walk and BinomialMemo's cdf tables use, so
// a table entry has the bits the walk would compute.
inline double binomial_next_pmf(double pmf, double odds, int n, int k) {
  return pmf * (odds * (n - k) / (k + 1));
}
}  // namespace detail

// What the binomial walk of binomial_inverse_cdf computes before it looks at u, for the
// small n of a practice while p stays the same (the fill rate, fixed within an
// iteration), computed once per n rather than once per draw:
// - for n < kSmall, the start f(0) = (1-p)^n = exp(n log1p(-p)) (two library calls);
// - for n <= kTable (99.8% of recruitment draws: posts are mostly 1 to 3), the whole cdf
//   F(0), ..., F(n-1) the walk would add up, padded with +infinity to kTable entries, so
//   a draw is a fixed count of the entries below u instead of a loop whose exit, random
//   in u, the processor mispredicts. Four entries, not more: each costs a comparison in
//   every draw, and larger n are rare.
// Computed by the same expressions in the same order, so a draw is bit-identical with or
// without the memo. One memo per thread (it is mutable).
class BinomialMemo {
 public:
  static constexpr int kSmall = 64;  // n below this is remembered (no underflow: p <= 1/2)
  static constexpr int kTable = 4;   // n up to this gets its cdf table
  using CdfTable = std::array<double, kTable>;

  double start(int n, double p) {
    use(p);
    const auto i = static_cast<std::size_t>(n);
    if (!known_[i]) {
      pmf0_[i] = std::exp(n * log_q_);
      known_[i] = true;
    }
    return pmf0_[i];
  }

  // F(0), ..., F(n-1) of Bin(n, p), then +infinity, for 1 <= n <= kTable and 0 < p <= 1/2:
  // the running sums of the walk, f(0) = start(n, p), f(k+1) = binomial_next_pmf(f(k)).
  const CdfTable& cdf_table(int n, double p) {
    const auto i = static_cast<std::size_t>(n);
    if (!(p == p_ && table_known_[i])) fill_table(n, p);
    return tables_[i];
  }

 private:
  // Once per n and p: kept out of cdf_table so that the draw, called for every practice
  // with posts to fill, stays small enough to inline.
  void fill_table(int n, double p) {
    const double pmf0 = start(n, p);  // also forgets the tables of another p
    CdfTable& cdf = tables_[static_cast<std::size_t>(n)];
    const double odds = p / (1.0 - p);
    double pmf = pmf0;
    cdf[0] = pmf;
    for (int k = 0; k + 1 < n; ++k) {
      pmf = detail::binomial_next_pmf(pmf, odds, n, k);
      cdf[static_cast<std::size_t>(k) + 1] = cdf[static_cast<std::size_t>(k)] + pmf;
    }
    for (int k = n; k < kTable; ++k)
      cdf[static_cast<std::size_t>(k)] = std::numeric_limits<double>::infinity();
    table_known_[static_cast<std::size_t>(n)] = true;
  }

  // Makes p the memo's p, forgetting what was remembered for another.
  void use(double p) {
    if (p == p_) return;
    p_ = p;
    log_q_ = std::log1p(-p);
    known_.fill(false);
    table_known_.fill(false);
  }

  double p_ = -1.0, log_q_ = 0.0;
  std::array<double, kSmall> pmf0_{};
  std::array<bool, kSmall> known_{};
  std::array<CdfTable, kTable + 1> tables_;  // by n; entry 0 unused
  std::array<bool, kTable + 1> table_known_{};
};

namespace detail {

// The walk behind binomial_inverse_cdf (see there), for any n >= 1 and 0 < p <= 1/2:
// f(0) = (1-p)^n, from the memo for n < kSmall, else from log1p; then F(k) summed until
// it reaches u or k reaches n. With p <= 1/2, f(0) >= 2^-n, which only underflows for
// n > ~1000; then the walk starts in logarithms and switches to plain arithmetic once f
// is representable (the skipped left tail holds less than n e^-700 of probability).
inline int binomial_walk(int n, double p, double u, BinomialMemo* memo) {
  const double odds = p / (1.0 - p);
  int k = 0;
  double pmf;
  if (memo != nullptr && n < BinomialMemo::kSmall) {
    pmf = memo->start(n, p);
  } else {
    double log_pmf = n * std::log1p(-p);
    while (log_pmf < -700.0 && k < n) {
      log_pmf += std::log(odds * (n - k) / (k + 1));
      ++k;
    }
    pmf = std::exp(log_pmf);
  }
  double cdf = pmf;
  // k < n guards the right tail: rounding can leave the summed cdf just below u near 1.
  while (cdf < u && k < n) {
    pmf = binomial_next_pmf(pmf, odds, n, k);
    ++k;
    cdf += pmf;
  }
  return k;
}

// Inverse CDF of Binomial(n, p) for 0 < p <= 1/2 and n >= 1: the smallest k with
// F(k) >= u, capped at n, walking the pmf recurrence f(k+1) = f(k) (n-k)/(k+1) p/(1-p)
// from f(0) = (1-p)^n (binomial_walk). `memo`, when given, remembers f(0) for n < kSmall
// and, for n <= kTable, the walk's whole cdf (see BinomialMemo). The walk stops at the
// first k < n with F(k) >= u, else at n; F never decreases (adding f >= 0 cannot round
// down), so F(j) < u exactly for the j before that k: k is the number of j < n with
// F(j) < u. The table draw counts them with no branch on u (the entries past n - 1 are
// +infinity, never below u; a NaN u gives 0 either way). Kept apart from the walk so that
// this, the draw of nearly every recruitment, is small enough to inline.
// The number of entries of a cdf table below u (c < u is false for a NaN u).
inline int count_below(const BinomialMemo::CdfTable& cdf, double u) {
  static_assert(BinomialMemo::kTable == 4);
#if defined(__SSE2__) && defined(__x86_64__)
  // Two compares of two entries each: a true one is an all-ones lane, -1, so their sum
  // is minus the count, with no per-entry flag and add.
  const __m128d uu = _mm_set1_pd(u);
  const __m128i pair =
      _mm_add_epi64(_mm_castpd_si128(_mm_cmplt_pd(_mm_loadu_pd(cdf.data()), uu)),
                    _mm_castpd_si128(_mm_cmplt_pd(_mm_loadu_pd(cdf.data() + 2), uu)));
  return -static_cast<int>(_mm_cvtsi128_si64(_mm_add_epi64(pair, _mm_unpackhi_epi64(pair, pair))));
#else
  int k = 0;
  for (const double c : cdf) k += c < u;
  return k;
#endif
}

inline int binomial_inverse_cdf(int n, double p, double u, BinomialMemo* memo = nullptr) {
  if (memo != nullptr && n <= BinomialMemo::kTable) return count_below(memo->cdf_table(n, p), u);
  return binomial_walk(n, p, u, memo);
}

}  // namespace detail

// A Binomial(n, p) draw from one uniform u in (0, 1), by inverse CDF; exact (to rounding)
// for the small counts of a practice. n <= 0 gives 0, p <= 0 gives 0, p >= 1 gives n; the
// result is always within [0, n]. For p > 1/2 the mirror Bin(n, p) = n - Bin(n, 1-p) at
// 1 - u keeps (1-p)^n from underflowing and the draw non-decreasing in u.
inline int binomial_from_uniform(int n, double p, double u, BinomialMemo* memo = nullptr) {
  if (n <= 0 || !(p > 0.0)) return 0;
  if (p >= 1.0) return n;
  if (p > 0.5) return n - detail::binomial_inverse_cdf(n, 1.0 - p, 1.0 - u, memo);
  return detail::binomial_inverse_cdf(n, p, u, memo);
}

// Bin(n, p) draws for one p over a pass (the recruitment pass's fill rate, for events
// whose binomial is binomial_from_uniform of their uniform: runner PhiloxEvents,
// the engine's recruitment pass): p's checks, its mirror (p > 1/2 draws n - Bin(n, 1 - p) at
// 1 - u) and the memo's cdf tables of n = 1..kTable looked up once rather than per draw.
// Row 0 is all +infinity: no entry below u, so n = 0 gives 0, mirrored or not.
struct BinomialDraws {
  static constexpr int kTable = BinomialMemo::kTable;
  double p = 0.0;
  bool tabled = false;  // 0 < p < 1; else every draw goes to binomial_from_uniform
  bool mirror = false;  // p > 1/2
  std::array<BinomialMemo::CdfTable, kTable + 1> cdf{};  // by n
};

inline BinomialDraws binomial_draws(double p, BinomialMemo& memo) {
  BinomialDraws d;
  d.p = p;
  d.tabled = p > 0.0 && p < 1.0;
  d.mirror = p > 0.5;
  d.cdf[0].fill(std::numeric_limits<double>::infinity());
  if (!d.tabled) return d;
  const double q = d.mirror ? 1.0 - p : p;  // as binomial_from_uniform
  for (int n = 1; n <= BinomialDraws::kTable; ++n)
    d.cdf[static_cast<std::size_t>(n)] = memo.cdf_table(n, q);
  return d;
}

// binomial_from_uniform(n, d.p, u, &memo), bit for bit: for 0 <= n <= kTable the count of
// the cdf entries below u (at 1 - u mirrored, then n minus it), as
// detail::binomial_inverse_cdf counts them; the rest by binomial_from_uniform itself.
inline int binomial_from_draws(const BinomialDraws& d, int n, double u, BinomialMemo& memo) {
  if (!d.tabled || n > BinomialDraws::kTable || n < 0)
    return binomial_from_uniform(n, d.p, u, &memo);
  const double v = d.mirror ? 1.0 - u : u;
  const int below = detail::count_below(d.cdf[static_cast<std::size_t>(n)], v);
  return d.mirror ? n - below : below;
}

}  // namespace pcsim::model
