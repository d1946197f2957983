#include "random/philox_blocks.hpp"

#include <cstddef>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <type_traits>

// The wide kernels: x86-64 with GCC or Clang, unless the portable preset asks for the
// scalar forms only (PCSIM_SCALAR_KERNELS, docs/testing.md).
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(PCSIM_SCALAR_KERNELS)
#define PCSIM_PHILOX_X86 1
#include <immintrin.h>

#include "core/avx512_warnings.hpp"
#endif

namespace pcsim::random {

static_assert(sizeof(model::BlockRef) == 8 && offsetof(model::BlockRef, practice) == 0 &&
                  offsetof(model::BlockRef, block) == 4,
              "the wide kernels load BlockRefs as pairs of words {practice, block}");

namespace {

// Random123's round: with hi:lo = M * x (32 x 32 -> 64 bits),
//   {c0, c1, c2, c3} -> {hi(M1 c2) ^ c1 ^ k0, lo(M1 c2), hi(M0 c0) ^ c3 ^ k1, lo(M0 c0)},
// then the key is bumped by the Weyl constants W0, W1 before each further round; 10 rounds.
constexpr std::uint32_t kM0 = PHILOX_M4x32_0, kM1 = PHILOX_M4x32_1;
constexpr std::uint32_t kW0 = PHILOX_W32_0, kW1 = PHILOX_W32_1;
constexpr int kRounds = 10;
static_assert(r123::Philox4x32::rounds == kRounds);

void portable_blocks(PhiloxKey key, std::uint32_t iteration, std::uint32_t word2,
                     const model::BlockRef* refs, std::size_t n, std::uint32_t* out) {
  for (std::size_t i = 0; i < n; ++i) {
    const r123::Philox4x32::ctr_type block =
        r123::Philox4x32()({{iteration, refs[i].practice, word2, refs[i].block}}, key);
    for (std::size_t lane = 0; lane < 4; ++lane) out[4 * i + lane] = block[lane];
  }
}

#if defined(PCSIM_PHILOX_X86)

// Blocks [0, n) in steps of kGroups registers of kLanes blocks each, then the rest (fewer
// than kGroups kLanes) in one step of as many registers as it needs: a step of several
// registers costs about what one of one does (the rounds' latency). step(groups, first,
// count) computes blocks [first, first + count) with `groups` registers (an
// std::integral_constant, so each kernel's step is a template on it).
constexpr int kGroups = 4;

template <std::size_t kLanes, class Step>
void in_steps(std::size_t n, const Step& step) {
  constexpr std::size_t kFull = kLanes * kGroups;
  std::size_t i = 0;
  for (; i + kFull <= n; i += kFull) step(std::integral_constant<int, kGroups>{}, i, kFull);
  const std::size_t rest = n - i;
  if (rest > 3 * kLanes)
    step(std::integral_constant<int, 4>{}, i, rest);
  else if (rest > 2 * kLanes)
    step(std::integral_constant<int, 3>{}, i, rest);
  else if (rest > kLanes)
    step(std::integral_constant<int, 2>{}, i, rest);
  else if (rest > 0)
    step(std::integral_constant<int, 1>{}, i, rest);
}
static_assert(kGroups == 4, "in_steps' last step takes at most 4 registers");

// AVX2: 8 blocks a register, word j of block b in lane b of register c[j]. Several sets
// of registers are in flight at once (in_steps), so one set's multiplications run while
// another's wait (a round is a chain of dependent steps); a last register that is not
// full by masked loads and stores.

// The mask of the first `words` 32-bit lanes (all when words >= 8).
__attribute__((target("avx2"))) inline __m256i first_words(std::size_t words) {
  const int count = static_cast<int>(words < 8 ? words : 8);
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(count), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

// Blocks [0, n) of refs, n at most 8 Groups.
template <int Groups>
__attribute__((target("avx2"))) inline void avx2_step(PhiloxKey key, std::uint32_t iteration,
                                                      std::uint32_t word2,
                                                      const model::BlockRef* refs, std::size_t n,
                                                      std::uint32_t* out) {
  const __m256i m0 = _mm256_set1_epi64x(kM0), m1 = _mm256_set1_epi64x(kM1);
  const __m256i by_word = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
  __m256i c0[Groups], c1[Groups], c2[Groups], c3[Groups];
  for (int g = 0; g < Groups; ++g) {
    // Refs 8 g .. 8 g + 7 (fewer, zero-filled, when n is short) in two loads of four
    // {practice, block} pairs, each arranged practices then blocks.
    const std::size_t first = 8 * static_cast<std::size_t>(g);
    const std::size_t have = n > first ? n - first : 0;
    const std::size_t low = have < 4 ? have : 4, high = have > 4 ? have - 4 : 0;
    // (A register with nothing to load reads from refs under an empty mask: no access.)
    const auto* a_src = reinterpret_cast<const int*>(low > 0 ? refs + first : refs);
    const auto* b_src = reinterpret_cast<const int*>(high > 0 ? refs + first + 4 : refs);
    const __m256i a =
        _mm256_permutevar8x32_epi32(_mm256_maskload_epi32(a_src, first_words(2 * low)), by_word);
    const __m256i b =
        _mm256_permutevar8x32_epi32(_mm256_maskload_epi32(b_src, first_words(2 * high)), by_word);
    c0[g] = _mm256_set1_epi32(static_cast<int>(iteration));
    c1[g] = _mm256_permute2x128_si256(a, b, 0x20);
    c2[g] = _mm256_set1_epi32(static_cast<int>(word2));
    c3[g] = _mm256_permute2x128_si256(a, b, 0x31);
  }
  std::uint32_t k0 = key[0], k1 = key[1];
  for (int round = 0; round < kRounds; ++round) {
    if (round > 0) k0 += kW0, k1 += kW1;
    const __m256i key0 = _mm256_set1_epi32(static_cast<int>(k0));
    const __m256i key1 = _mm256_set1_epi32(static_cast<int>(k1));
    for (int g = 0; g < Groups; ++g) {
      // The products of the even lanes, and of the odd lanes shifted down.
      const __m256i even0 = _mm256_mul_epu32(c0[g], m0);
      const __m256i odd0 = _mm256_mul_epu32(_mm256_srli_epi64(c0[g], 32), m0);
      const __m256i even1 = _mm256_mul_epu32(c2[g], m1);
      const __m256i odd1 = _mm256_mul_epu32(_mm256_srli_epi64(c2[g], 32), m1);
      const __m256i hi0 = _mm256_blend_epi32(_mm256_srli_epi64(even0, 32), odd0, 0xAA);
      const __m256i lo0 = _mm256_blend_epi32(even0, _mm256_slli_epi64(odd0, 32), 0xAA);
      const __m256i hi1 = _mm256_blend_epi32(_mm256_srli_epi64(even1, 32), odd1, 0xAA);
      const __m256i lo1 = _mm256_blend_epi32(even1, _mm256_slli_epi64(odd1, 32), 0xAA);
      c0[g] = _mm256_xor_si256(_mm256_xor_si256(hi1, c1[g]), key0);
      c2[g] = _mm256_xor_si256(_mm256_xor_si256(hi0, c3[g]), key1);
      c1[g] = lo1;
      c3[g] = lo0;
    }
  }
  for (int g = 0; g < Groups; ++g) {
    // Transpose words-by-block into blocks of four words: the unpacks give blocks {0, 4},
    // {1, 5}, ... one per 128-bit lane; the lane permutes put blocks 2 q, 2 q + 1 into
    // register q.
    const __m256i t0 = _mm256_unpacklo_epi32(c0[g], c1[g]);
    const __m256i t1 = _mm256_unpacklo_epi32(c2[g], c3[g]);
    const __m256i t2 = _mm256_unpackhi_epi32(c0[g], c1[g]);
    const __m256i t3 = _mm256_unpackhi_epi32(c2[g], c3[g]);
    const __m256i b04 = _mm256_unpacklo_epi64(t0, t1), b15 = _mm256_unpackhi_epi64(t0, t1);
    const __m256i b26 = _mm256_unpacklo_epi64(t2, t3), b37 = _mm256_unpackhi_epi64(t2, t3);
    const __m256i blocks[4] = {
        _mm256_permute2x128_si256(b04, b15, 0x20), _mm256_permute2x128_si256(b26, b37, 0x20),
        _mm256_permute2x128_si256(b04, b15, 0x31), _mm256_permute2x128_si256(b26, b37, 0x31)};
    const std::size_t first = 8 * static_cast<std::size_t>(g);
    for (std::size_t q = 0; q < 4; ++q) {
      const std::size_t start = first + 2 * q;  // the register's first block
      if (start >= n) break;
      auto* dst = reinterpret_cast<int*>(out + 4 * start);
      if (n - start >= 2)
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst), blocks[q]);
      else
        _mm256_maskstore_epi32(dst, first_words(4), blocks[q]);
    }
  }
}

// Compiled for AVX2 itself (flatten: the steps inline into the loop, not called for every
// 64 blocks).
[[gnu::flatten]] __attribute__((target("avx2"))) void avx2_blocks(
    PhiloxKey key, std::uint32_t iteration, std::uint32_t word2, const model::BlockRef* refs,
    std::size_t n, std::uint32_t* out) {
  in_steps<8>(n, [&](auto groups, std::size_t first, std::size_t count) {
    avx2_step<decltype(groups)::value>(key, iteration, word2, refs + first, count, out + 4 * first);
  });
}

PCSIM_AVX512_WARNINGS_OFF  // GCC bug 105593: core/avx512_warnings.hpp

// AVX-512: 8 blocks a register, word j of block b in the low half of 64-bit lane b of
// register c[j], so that a round's products need no shuffling: vpmuludq multiplies the low
// halves into whole 64-bit lanes, whose low half is lo and whose high half, shifted down,
// is hi. The high halves of c[j] carry whatever a round leaves there (the products' his,
// a ref's block word); nothing reads them: vpmuludq reads low halves only and XOR keeps
// the halves apart, so the low halves are exactly Random123's words. Per round and 8
// blocks: 2 products, 2 shifts and 2 three-way XORs (the form with 16 blocks a register
// needed 16 instructions for 16 blocks, to split and join the even and odd lanes).

template <int Groups>
__attribute__((target("avx512f"))) inline void avx512_step(PhiloxKey key, std::uint32_t iteration,
                                                           std::uint32_t word2,
                                                           const model::BlockRef* refs,
                                                           std::size_t n, std::uint32_t* out) {
  const __m512i m0 = _mm512_set1_epi64(kM0), m1 = _mm512_set1_epi64(kM1);
  __m512i c0[Groups], c1[Groups], c2[Groups], c3[Groups];
  for (int g = 0; g < Groups; ++g) {
    // Refs 8 g .. 8 g + 7 (fewer, zero-filled, when n is short), a ref {practice, block} a
    // 64-bit lane. (A register with nothing to load reads from refs under an empty mask: no
    // access.)
    const std::size_t first = 8 * static_cast<std::size_t>(g);
    const std::size_t have = n > first ? (n - first < 8 ? n - first : 8) : 0;
    const auto mask = static_cast<__mmask8>((1u << have) - 1);
    const __m512i r = _mm512_maskz_loadu_epi64(mask, have > 0 ? refs + first : refs);
    c0[g] = _mm512_set1_epi64(iteration);
    c1[g] = r;  // the practice in the low half
    c2[g] = _mm512_set1_epi64(word2);
    c3[g] = _mm512_srli_epi64(r, 32);  // the block
  }
  std::uint32_t k0 = key[0], k1 = key[1];
  for (int round = 0; round < kRounds; ++round) {
    if (round > 0) k0 += kW0, k1 += kW1;
    const __m512i key0 = _mm512_set1_epi64(k0);
    const __m512i key1 = _mm512_set1_epi64(k1);
    for (int g = 0; g < Groups; ++g) {
      const __m512i product0 = _mm512_mul_epu32(c0[g], m0);  // hi0 : lo0
      const __m512i product1 = _mm512_mul_epu32(c2[g], m1);  // hi1 : lo1
      c0[g] = _mm512_ternarylogic_epi64(_mm512_srli_epi64(product1, 32), c1[g], key0, 0x96);
      c2[g] = _mm512_ternarylogic_epi64(_mm512_srli_epi64(product0, 32), c3[g], key1, 0x96);
      c1[g] = product1;
      c3[g] = product0;
    }
  }
  // Block b's four words: {c0, c1} and {c2, c3} joined into one 64-bit lane each, then the
  // two lanes of each block put side by side, blocks 0-3 in one register and 4-7 in another.
  const __m512i first_four = _mm512_setr_epi64(0, 8, 1, 9, 2, 10, 3, 11);
  const __m512i last_four = _mm512_setr_epi64(4, 12, 5, 13, 6, 14, 7, 15);
  for (int g = 0; g < Groups; ++g) {
    const __m512i w01 = _mm512_mask_blend_epi32(0xAAAA, c0[g], _mm512_slli_epi64(c1[g], 32));
    const __m512i w23 = _mm512_mask_blend_epi32(0xAAAA, c2[g], _mm512_slli_epi64(c3[g], 32));
    const __m512i blocks[2] = {_mm512_permutex2var_epi64(w01, first_four, w23),
                               _mm512_permutex2var_epi64(w01, last_four, w23)};
    const std::size_t first = 8 * static_cast<std::size_t>(g);
    for (std::size_t q = 0; q < 2; ++q) {
      const std::size_t start = first + 4 * q;  // the register's first block
      if (start >= n) break;
      const std::size_t count = n - start < 4 ? n - start : 4;
      const auto mask = static_cast<__mmask16>((1u << (4 * count)) - 1);
      _mm512_mask_storeu_epi32(out + 4 * start, mask, blocks[q]);
    }
  }
}

// Compiled for AVX-512 itself (flatten: each step, with its constants, inlines into the
// loop rather than being called for every 32 blocks).
[[gnu::flatten]] __attribute__((target("avx512f"))) void avx512_blocks(
    PhiloxKey key, std::uint32_t iteration, std::uint32_t word2, const model::BlockRef* refs,
    std::size_t n, std::uint32_t* out) {
  in_steps<8>(n, [&](auto groups, std::size_t first, std::size_t count) {
    avx512_step<decltype(groups)::value>(key, iteration, word2, refs + first, count,
                                         out + 4 * first);
  });
}

PCSIM_AVX512_WARNINGS_ON

#endif  // PCSIM_PHILOX_X86

PhiloxKernel detect_best() {
  if (const char* named = std::getenv("PCSIM_PHILOX_KERNEL"); named != nullptr && *named != 0) {
    PhiloxKernel kernel = PhiloxKernel::Portable;
    try {
      kernel = philox_kernel_named(named);
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(std::string("PCSIM_PHILOX_KERNEL: ") + e.what());
    }
    if (!philox_kernel_supported(kernel))
      throw std::runtime_error(std::string("PCSIM_PHILOX_KERNEL=") + named +
                               ": this processor or build does not run that kernel");
    return kernel;
  }
  if (philox_kernel_supported(PhiloxKernel::Avx512)) return PhiloxKernel::Avx512;
  if (philox_kernel_supported(PhiloxKernel::Avx2)) return PhiloxKernel::Avx2;
  return PhiloxKernel::Portable;
}

}  // namespace

std::string_view philox_kernel_name(PhiloxKernel kernel) {
  switch (kernel) {
    case PhiloxKernel::Portable:
      return "portable";
    case PhiloxKernel::Avx2:
      return "avx2";
    case PhiloxKernel::Avx512:
      return "avx512";
  }
  return "unknown";
}

PhiloxKernel philox_kernel_named(std::string_view name) {
  for (const PhiloxKernel kernel : kPhiloxKernels)
    if (philox_kernel_name(kernel) == name) return kernel;
  throw std::invalid_argument("'" + std::string(name) +
                              "' is not a kernel: expected portable, avx2 or avx512");
}

bool philox_kernel_supported(PhiloxKernel kernel) {
  switch (kernel) {
    case PhiloxKernel::Portable:
      return true;
#if defined(PCSIM_PHILOX_X86)
    case PhiloxKernel::Avx2:
      return __builtin_cpu_supports("avx2") != 0;
    case PhiloxKernel::Avx512:
      return __builtin_cpu_supports("avx512f") != 0;
#else
    case PhiloxKernel::Avx2:
    case PhiloxKernel::Avx512:
      return false;
#endif
  }
  return false;
}

PhiloxKernel best_philox_kernel() {
  static const PhiloxKernel best = detect_best();
  return best;
}

namespace {
// The kernel's blocks, `kernel` known to be supported.
void blocks_by(PhiloxKernel kernel, PhiloxKey key, std::uint32_t iteration, std::uint32_t word2,
               std::span<const model::BlockRef> refs, std::uint32_t* out) {
  switch (kernel) {
#if defined(PCSIM_PHILOX_X86)
    case PhiloxKernel::Avx512:
      return avx512_blocks(key, iteration, word2, refs.data(), refs.size(), out);
    case PhiloxKernel::Avx2:
      return avx2_blocks(key, iteration, word2, refs.data(), refs.size(), out);
#endif
    default:
      return portable_blocks(key, iteration, word2, refs.data(), refs.size(), out);
  }
}
}  // namespace

void philox_blocks(PhiloxKernel kernel, PhiloxKey key, std::uint32_t iteration, std::uint32_t word2,
                   std::span<const model::BlockRef> refs, std::uint32_t* out) {
  if (!philox_kernel_supported(kernel))
    throw std::logic_error("philox_blocks: the " + std::string(philox_kernel_name(kernel)) +
                           " kernel is not supported on this processor or build");
  blocks_by(kernel, key, iteration, word2, refs, out);
}

void philox_blocks(PhiloxKey key, std::uint32_t iteration, std::uint32_t word2,
                   std::span<const model::BlockRef> refs, std::uint32_t* out) {
  blocks_by(best_philox_kernel(), key, iteration, word2, refs, out);
}

}  // namespace pcsim::random
