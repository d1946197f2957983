#pragma once
#include <bit>
#include <cstddef>
#include <cstdint>

#include "core/units.hpp"
#include "engine/engine_state.hpp"
#include "engine/kernel_mutation.hpp"
#include "model/binomial_sampling.hpp"
#include "model/parameters.hpp"

// The recruitment pass (engine/list_and_workforce_passes.hpp, recruitment_pass) eight
// practices to an AVX-512 register (docs/performance.md): the vacancies of every open
// practice, then the posts and recruits of the queued ones, by the same operations in the
// same order as the scalar pass and the model functions it calls (establishment_for_ratio,
// recruitment_vacancies, bernoulli_from_uniform, binomial_from_draws), so the same draws.
// Header-only, like the GP step, so the kernel-mutation builds mutate it too.
// tests/engine/test_recruitment_avx512.cpp runs the pass both ways on random practices.
// PCSIM_SCALAR_KERNELS (the portable preset), a build that is not x86-64 GCC or Clang, and a
// processor without AVX-512 F take the scalar pass.
#include "engine/avx512_kernels.hpp"
#if defined(PCSIM_ENGINE_AVX512)
#define PCSIM_RECRUITMENT_AVX512 1
#include <immintrin.h>

#include "core/avx512_warnings.hpp"
#include "engine/avx512_bytes.hpp"
#endif

namespace pcsim::engine {

// Whether this build and processor run the vector recruitment (AVX-512 F).
inline bool recruitment_avx512_supported() { return avx512f_supported(); }

#if defined(PCSIM_RECRUITMENT_AVX512)

PCSIM_AVX512_WARNINGS_OFF  // GCC bug 105593: core/avx512_warnings.hpp
#if defined(__GNUC__) && !defined(__clang__)
// AVX-512 has fused multiply-adds, and GCC contracts a multiply and an add into one by
// default (-ffp-contract=fast), which rounds once where the scalar pass rounds twice: off
// for these functions. (Clang contracts only within one source expression, and these add
// and multiply through separate intrinsics.)
#pragma GCC push_options
#pragma GCC optimize("fp-contract=off")
#endif

// The first loop of recruitment_pass: for every open practice, vacancies v = max(0, E -
// total after exits) with E = establishment_for_ratio, queued in s.recruiting (practice
// order) when v > 0. Returns how many are queued.
__attribute__((target("avx512f"))) inline std::size_t queue_vacancies_avx512(
    const WorkforceParameters& workforce, EngineState& s) {
  const std::uint8_t* const open = s.open.data();
  const Patients* const list = s.list.data();
  const double* const ratio = s.gps_per_patient.data();
  const Headcount* const gp_total = s.gps.totals();
  std::uint32_t* const queue_practice = s.recruiting.practice.data();
  Headcount* const queue_vacancies = s.recruiting.vacancies.data();
  Headcount* const queue_whole = s.recruiting.whole.data();
  const __m512i lane = _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7);
  const __m512d extra = _mm512_set1_pd(workforce.extra_gp_posts_per_30000);
  const __m512d per = _mm512_set1_pd(30000.0);
  const std::size_t n = s.practice_count;
  std::size_t queued = 0;
  for (std::size_t p = 0; p < n; p += 8) {
    const std::size_t left = n - p;
    const auto lanes = static_cast<__mmask8>(left >= 8 ? 0xFFu : (1u << left) - 1u);
    const __m512d l = _mm512_maskz_loadu_pd(lanes, list + p);
    const __m512d total = _mm512_maskz_loadu_pd(lanes, gp_total + p);
    // establishment_for_ratio: ratio L + extra_gp_posts_per_30000 L / 30000.
    const __m512d posts_target =
        _mm512_add_pd(_mm512_mul_pd(_mm512_maskz_loadu_pd(lanes, ratio + p), l),
                      _mm512_div_pd(_mm512_mul_pd(extra, l), per));
    // recruitment_vacancies: positive_part (x when 0 < x, else +0).
    const __m512d gap = _mm512_sub_pd(posts_target, total);
    const __mmask8 positive = _mm512_cmp_pd_mask(_mm512_setzero_pd(), gap, _CMP_LT_OQ);
    const __mmask8 queue = positive & lanes & nonzero_bytes(open, p, n);  // open ones only
    // The queued lanes packed to the front of each register (vacancies v = the gap, which is
    // positive), stored at the queue's end. In bounds: the end is never past practice p.
    const auto count = static_cast<unsigned>(std::popcount(static_cast<unsigned>(queue)));
    const auto front = static_cast<__mmask8>((1u << count) - 1u);
    const __m512i practice = _mm512_add_epi64(_mm512_set1_epi64(static_cast<long long>(p)), lane);
    _mm512_mask_cvtepi64_storeu_epi32(queue_practice + queued, front,
                                      _mm512_maskz_compress_epi64(queue, practice));
    _mm512_mask_storeu_pd(queue_vacancies + queued, front, _mm512_maskz_compress_pd(queue, gap));
    _mm512_mask_storeu_pd(queue_whole + queued, front, _mm512_maskz_compress_pd(queue, total));
    queued += count;
  }
  return queued;
}

// The posts and recruits of queued practices [first, end) of s.recruiting from their
// two draws in s.chunk_bits (4 words a practice, as recruitment_blocks lays them),
// added to band `band` of each; returns the recruits' sum. posts = floor(v) + [u1 <
// v - floor(v)]; recruits = Bin(posts, fill_rate) from u0 by the draws' cdf tables, a count
// of the entries below u0 (1 - u0 mirrored); posts over the tables' kTable, or a fill rate
// without tables, take binomial_from_draws itself.
__attribute__((target("avx512f"))) inline double recruit_chunk_avx512(const BinomialDraws& draws,
                                                                      BinomialMemo& memo,
                                                                      EngineState& s,
                                                                      std::size_t first,
                                                                      std::size_t end, int band) {
  constexpr int kPostLane = kKernelMutation == 1 ? 0 : 1, kRecruitLane = 1 - kPostLane;
  constexpr int kTable = BinomialDraws::kTable;
  static_assert(kTable == 4);
  const EngineState::RecruitingQueue& recruiting = s.recruiting;
  const std::uint32_t* const chunk_bits = s.chunk_bits.data();
  // Column e of the cdf tables by n (rows 0 to kTable), for a permute by each lane's n.
  __m512d column[kTable];
  for (int e = 0; e < kTable; ++e) {
    alignas(64) double c[8] = {};
    for (int k = 0; k <= kTable; ++k)
      c[k] = draws.cdf[static_cast<std::size_t>(k)][static_cast<std::size_t>(e)];
    column[e] = _mm512_load_pd(c);
  }
  const __m512d half = _mm512_set1_pd(0.5), scale = _mm512_set1_pd(0x1.0p-32);
  const __m512d largest = _mm512_set1_pd(2147483647.0);
  // Lane j of a register: word 4 j + lane of the chunk's bits.
  const __m512i post_words =
      _mm512_setr_epi32(kPostLane, 4 + kPostLane, 8 + kPostLane, 12 + kPostLane, 16 + kPostLane,
                        20 + kPostLane, 24 + kPostLane, 28 + kPostLane, 0, 0, 0, 0, 0, 0, 0, 0);
  const __m512i recruit_words =
      _mm512_add_epi32(post_words, _mm512_set1_epi32(kRecruitLane - kPostLane));
  // The recruits are whole numbers, so their sum is exact in any order: the lanes drawn from
  // the tables are summed in a register, the others one by one. A double added to practice
  // by practice (as the scalar pass adds it, with the same total) was a chain through memory
  // in the year loop's clone, a load, an add and a store a queued practice.
  __m512i tabled_recruits = _mm512_setzero_si512();
  std::int64_t other_recruits = 0;
  for (std::size_t i = first; i < end; i += 8) {
    const std::size_t left = end - i;
    const auto lanes = static_cast<__mmask8>(left >= 8 ? 0xFFu : (1u << left) - 1u);
    const std::uint32_t* const bits = chunk_bits + 4 * (i - first);
    // Entries 0 to 3's words, then 4 to 7's (each entry's block of 4 only where it is).
    const auto words_of = [](std::size_t entries) {
      return static_cast<__mmask16>(entries >= 4 ? 0xFFFFu : (1u << (4 * entries)) - 1u);
    };
    const __m512i all_low = _mm512_maskz_loadu_epi32(words_of(left), bits);
    const __m512i all_high = _mm512_maskz_loadu_epi32(words_of(left > 4 ? left - 4 : 0), bits + 16);
    const __m256i post_bits =
        _mm512_castsi512_si256(_mm512_permutex2var_epi32(all_low, post_words, all_high));
    const __m256i recruit_bits =
        _mm512_castsi512_si256(_mm512_permutex2var_epi32(all_low, recruit_words, all_high));
    const __m512d vacancies = _mm512_maskz_loadu_pd(lanes, recruiting.vacancies.data() + i);
    const __m512d whole =
        _mm512_roundscale_pd(vacancies, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
    const __m512d fraction = _mm512_sub_pd(vacancies, whole);
    const __m512d u_post = _mm512_mul_pd(_mm512_add_pd(_mm512_cvtepu32_pd(post_bits), half), scale);
    // posts = whole + one_if(u1 < fraction) when fraction > 0, else whole (+0.0 added to a
    // whole number >= 0 leaves it as it is).
    const __mmask8 post = _mm512_cmp_pd_mask(_mm512_setzero_pd(), fraction, _CMP_LT_OQ) &
                          _mm512_cmp_pd_mask(u_post, fraction, _CMP_LT_OQ);
    const __m512d posts = _mm512_add_pd(whole, _mm512_maskz_mov_pd(post, _mm512_set1_pd(1.0)));
    // n = int(std::min(posts, INT_MAX)).
    const __m256i n = _mm512_cvttpd_epi32(_mm512_min_pd(largest, posts));
    const __m512d u = _mm512_mul_pd(_mm512_add_pd(_mm512_cvtepu32_pd(recruit_bits), half), scale);
    alignas(32) std::int32_t count[8];
    alignas(64) double uniform[8];
    _mm256_store_si256(reinterpret_cast<__m256i*>(count), n);
    _mm512_store_pd(uniform, u);
    alignas(64) std::int64_t drawn[8];
    if (draws.tabled) {
      const __m512d v = draws.mirror ? _mm512_sub_pd(_mm512_set1_pd(1.0), u) : u;
      const __m512i row = _mm512_cvtepi32_epi64(
          _mm256_min_epi32(n, _mm256_set1_epi32(kTable)));  // n > kTable: redrawn below
      __m512i below = _mm512_setzero_si512();
      for (int e = 0; e < kTable; ++e) {
        const __mmask8 under =
            _mm512_cmp_pd_mask(_mm512_permutexvar_pd(row, column[e]), v, _CMP_LT_OQ);
        below = _mm512_mask_sub_epi64(below, under, below, _mm512_set1_epi64(-1));
      }
      const __m512i k = draws.mirror ? _mm512_sub_epi64(_mm512_cvtepi32_epi64(n), below) : below;
      _mm512_store_si512(drawn, k);
      const __m512i n64 = _mm512_cvtepi32_epi64(n);
      const __mmask8 in_table =
          lanes & _mm512_cmp_epi64_mask(n64, _mm512_set1_epi64(kTable), _MM_CMPINT_LE) &
          _mm512_cmp_epi64_mask(n64, _mm512_setzero_si512(), _MM_CMPINT_NLT);
      tabled_recruits = _mm512_mask_add_epi64(tabled_recruits, in_table, tabled_recruits, k);
    }
    for (std::size_t j = 0; j < 8 && j < left; ++j) {
      const EngineState::Recruiting r = recruiting.at(i + j);
      const bool tabled = draws.tabled && count[j] <= kTable && count[j] >= 0;
      const int k = tabled ? static_cast<int>(drawn[j])
                           : binomial_from_draws(draws, count[j], uniform[j], memo);
      if (!tabled) other_recruits += k;
      s.gps.add_recruits(r.practice, band, r.whole, k);
    }
  }
  return static_cast<double>(_mm512_reduce_add_epi64(tabled_recruits) + other_recruits);
}

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC pop_options
#endif
PCSIM_AVX512_WARNINGS_ON

#endif

}  // namespace pcsim::engine
