#pragma once
// Whether the engine's AVX-512 kernels are built (x86-64 with GCC or Clang, unless the
// portable preset asks for the scalar forms only: PCSIM_SCALAR_KERNELS, docs/testing.md),
// and whether this processor runs them. The kernels that need AVX-512 F alone
// (engine/recruitment_avx512.hpp, year_end_avx512.hpp, quality_avx512.hpp,
// year_counts_avx512.hpp) ask here.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(PCSIM_SCALAR_KERNELS)
#define PCSIM_ENGINE_AVX512 1
// The year loop's AVX-512 clone (engine/simulate_avx512.hpp) is built too.
#define PCSIM_SIMULATE_AVX512 1
#endif

namespace pcsim::engine {

// AVX-512 F on this processor, in a build with the kernels (asked of the processor once).
inline bool avx512f_supported() {
#if defined(PCSIM_ENGINE_AVX512)
  static const bool supported = __builtin_cpu_supports("avx512f") != 0;
  return supported;
#else
  return false;
#endif
}

// Whether this processor runs the year loop's AVX-512 clone (engine/simulate_avx512.hpp):
// every instruction set its target names (asked once), in a build that has it.
inline bool simulate_avx512_supported() {
#if defined(PCSIM_SIMULATE_AVX512)
  static const bool supported =
      __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx2") &&
      __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi") &&
      __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt");
  return supported;
#else
  return false;
#endif
}

}  // namespace pcsim::engine
