// Tests of the wide Philox block kernels (random/philox_blocks.hpp): every kernel this
// processor runs gives, bit for bit, Random123's Philox4x32-10 at each counter (Random123
// called here block by block, and the published known answers), for every count of blocks
// (the kernels' whole registers, their groups of registers and their tails), and writes
// nothing past the blocks asked for.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <random>
#include <vector>

#include "random/philox_blocks.hpp"
#include "random/philox_events.hpp"

namespace pcsim::random {
namespace {

std::vector<PhiloxKernel> supported_kernels() {
  std::vector<PhiloxKernel> kernels;
  for (const PhiloxKernel kernel : kPhiloxKernels)
    if (philox_kernel_supported(kernel)) kernels.push_back(kernel);
  return kernels;
}

// Block i of the call, by Random123 itself.
std::array<std::uint32_t, 4> expected_block(PhiloxKey key, std::uint32_t iteration,
                                            std::uint32_t word2, model::BlockRef ref) {
  const auto block = r123::Philox4x32()({{iteration, ref.practice, word2, ref.block}}, key);
  return {block[0], block[1], block[2], block[3]};
}

// Fact: the three known-answer vectors Random123 publishes for Philox4x32-10 (its
// kat_vectors file), with the counter's words 1 and 3 taken from a BlockRef and words 0
// and 2 from the call. Each is placed at several positions of a longer call, so that it
// goes through a kernel's full registers and its tail.
TEST(PhiloxBlocks, EveryKernelGivesThePublishedKnownAnswers) {
  struct Known {
    std::array<std::uint32_t, 4> counter;
    std::array<std::uint32_t, 2> key;
    std::array<std::uint32_t, 4> block;
  };
  const std::array<Known, 3> known = {{
      {{0, 0, 0, 0}, {0, 0}, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
      {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
       {0xffffffff, 0xffffffff},
       {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
      {{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
       {0xa4093822, 0x299f31d0},
       {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
  }};
  for (const PhiloxKernel kernel : supported_kernels()) {
    for (const Known& k : known) {
      for (const std::size_t count : {1u, 7u, 16u, 19u, 64u, 70u}) {
        const std::vector<model::BlockRef> refs(count, {k.counter[1], k.counter[3]});
        std::vector<std::uint32_t> out(4 * count);
        philox_blocks(kernel, {{k.key[0], k.key[1]}}, k.counter[0], k.counter[2], refs, out.data());
        for (std::size_t i = 0; i < count; ++i)
          for (std::size_t lane = 0; lane < 4; ++lane)
            EXPECT_EQ(out[4 * i + lane], k.block[lane])
                << philox_kernel_name(kernel) << " count " << count << " block " << i;
      }
    }
  }
}

// Fact: for every count from 0 to 200 (every tail of an 8-block register, of the AVX-512
// kernel's 32-block step and of the AVX2 kernel's 32-block group), random keys, iterations, words
// and refs (practices and blocks over the whole 32 bits), each kernel's blocks are Random123's, and
// the words after the last block are left as they were.
TEST(PhiloxBlocks, EveryKernelEqualsRandom123ForEveryCount) {
  std::mt19937_64 rng(20261204);
  std::uniform_int_distribution<std::uint32_t> word;
  constexpr std::uint32_t kSentinel = 0xA5A5A5A5u;
  for (const PhiloxKernel kernel : supported_kernels()) {
    for (std::size_t count = 0; count <= 200; ++count) {
      const PhiloxKey key = {{word(rng), word(rng)}};
      const std::uint32_t iteration = word(rng), word2 = word(rng);
      std::vector<model::BlockRef> refs(count);
      for (model::BlockRef& ref : refs) ref = {word(rng), word(rng) % 4 == 0 ? 0 : word(rng)};
      std::vector<std::uint32_t> out(4 * count + 64, kSentinel);
      philox_blocks(kernel, key, iteration, word2, refs, out.data());
      for (std::size_t i = 0; i < count; ++i) {
        const auto block = expected_block(key, iteration, word2, refs[i]);
        for (std::size_t lane = 0; lane < 4; ++lane)
          ASSERT_EQ(out[4 * i + lane], block[lane])
              << philox_kernel_name(kernel) << " count " << count << " block " << i;
      }
      for (std::size_t j = 4 * count; j < out.size(); ++j)
        ASSERT_EQ(out[j], kSentinel) << philox_kernel_name(kernel) << " count " << count;
    }
  }
}

// Fact: the dispatching call uses a supported kernel and gives the same blocks as the
// portable one, and the engine's factory (PhiloxEventsFor::bits_of_blocks) gives the
// uncached per-draw bits philox_bits of each block's indexes through it.
TEST(PhiloxBlocks, TheBestKernelIsSupportedAndAgreesWithTheStream) {
  EXPECT_TRUE(philox_kernel_supported(best_philox_kernel()));
  EXPECT_TRUE(philox_kernel_supported(PhiloxKernel::Portable));
  std::vector<model::BlockRef> refs;
  for (std::uint32_t p = 0; p < 300; ++p) refs.push_back({p * 7919u, p % 5});
  std::vector<std::uint32_t> best(4 * refs.size()), portable(4 * refs.size());
  const PhiloxKey key = {{12345, 678}};
  const std::uint32_t word2 = (4u << 8) | 4u;  // year 4, Recruitment (4)
  philox_blocks(key, 3, word2, refs, best.data());
  philox_blocks(PhiloxKernel::Portable, key, 3, word2, refs, portable.data());
  EXPECT_EQ(best, portable);

  const std::uint64_t seed = (678ull << 32) | 12345ull;  // key {12345, 678}
  const PhiloxEventsFor events_for(seed, 3);
  std::vector<std::uint32_t> engine(4 * refs.size());
  events_for.bits_of_blocks(4, model::Purpose::Recruitment, refs, engine.data());
  EXPECT_EQ(engine, best);
  for (std::size_t i = 0; i < refs.size(); ++i)
    for (std::uint32_t lane = 0; lane < 4; ++lane)
      ASSERT_EQ(engine[4 * i + lane],
                philox_bits(seed, 3, refs[i].practice, 4, model::Purpose::Recruitment,
                            4 * refs[i].block + lane))
          << i << " " << lane;
}

}  // namespace
}  // namespace pcsim::random
