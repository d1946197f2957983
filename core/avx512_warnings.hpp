#pragma once
// GCC 12's avx512fintrin.h starts some intrinsics from an "undefined" register that its own
// -Wuninitialized then reports (GCC bug 105593, fixed in GCC 13). Code using those
// intrinsics sits between PCSIM_AVX512_WARNINGS_OFF and PCSIM_AVX512_WARNINGS_ON, which
// silence the two warnings there only; nothing for other compilers.
#if defined(__GNUC__) && !defined(__clang__)
#define PCSIM_AVX512_WARNINGS_OFF                                                      \
  _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wuninitialized\"") \
      _Pragma("GCC diagnostic ignored \"-Wmaybe-uninitialized\"")
#define PCSIM_AVX512_WARNINGS_ON _Pragma("GCC diagnostic pop")
#else
#define PCSIM_AVX512_WARNINGS_OFF
#define PCSIM_AVX512_WARNINGS_ON
#endif
