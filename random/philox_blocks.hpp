#pragma once
#include <Random123/philox.h>

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "model/events.hpp"

// Many Philox4x32-10 blocks in one call, computed as wide as the processor allows: the
// engine's passes ask for a chunk of independent blocks at a time (engine/lane_uniforms.hpp,
// the GP, recruitment and quality passes), and computing 8 of them in the lanes of one
// register (a word in each 64-bit lane with AVX-512, in each 32-bit lane with AVX2) costs
// 0.27 (AVX-512) or 0.37 (AVX2) of computing them one by one (BM_PhiloxBlocks, Zen 4).
//
// Every kernel computes exactly Random123's r123::Philox4x32 (Philox4x32_R<10>): integer
// multiplications, XORs and key additions only, so there is no rounding and every bit is
// the same on any processor. tests/runner/test_philox_blocks.cpp checks each kernel the
// machine supports against Random123 itself.
namespace pcsim::random {

using PhiloxKey = r123::Philox4x32::key_type;

// The instruction sets a kernel is written for. Portable is Random123's own function in a
// loop (the compiler may vectorise it with the baseline's SSE2).
enum class PhiloxKernel : std::uint8_t { Portable, Avx2, Avx512 };

inline constexpr std::array<PhiloxKernel, 3> kPhiloxKernels = {
    PhiloxKernel::Portable, PhiloxKernel::Avx2, PhiloxKernel::Avx512};

std::string_view philox_kernel_name(PhiloxKernel kernel);

// Whether this processor (and its operating system) runs `kernel`, and whether this build
// has it (an x86-64 build with GCC or Clang has all three; any other build, and the
// portable preset's PCSIM_SCALAR_KERNELS, Portable only).
bool philox_kernel_supported(PhiloxKernel kernel);

// The kernel of `name` ("portable", "avx2", "avx512"); std::invalid_argument otherwise.
PhiloxKernel philox_kernel_named(std::string_view name);

// The kernel of this process, chosen once: the widest supported, unless the environment
// variable PCSIM_PHILOX_KERNEL names one (to compare kernels on one machine, as the perf
// guard's ceilings per kernel were measured, or to rule one out); std::runtime_error when
// it names an unknown kernel or one this processor does not run. Every kernel gives the
// same blocks, so the choice changes the time of a run, never its results.
PhiloxKernel best_philox_kernel();

// out[4 i + lane] = lane `lane` of Philox4x32-10 at the counter
// {iteration, refs[i].practice, word2, refs[i].block} under `key`, for every i, with
// `kernel` (which must be supported). out holds 4 refs.size() words.
void philox_blocks(PhiloxKernel kernel, PhiloxKey key, std::uint32_t iteration, std::uint32_t word2,
                   std::span<const model::BlockRef> refs, std::uint32_t* out);

// The same with the best kernel.
void philox_blocks(PhiloxKey key, std::uint32_t iteration, std::uint32_t word2,
                   std::span<const model::BlockRef> refs, std::uint32_t* out);

}  // namespace pcsim::random
