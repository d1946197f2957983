#pragma once
// The names of the planner analytics in a results file (docs/output-format.md): the change
// by driver (/options/<o>/drivers), EVPPI (/comparison/evppi) and Sobol indices by year
// (/sensitivity/<o>/sobol_by_year), shared by the writers, the readers and the tests.
#include <array>
#include <string_view>

namespace pcsim::output::layout {

// /options/<o>/drivers and its decompositions. Each decomposition group holds one dataset
// per output (metric or scalar); "_alone" groups the drivers one at a time and the
// interaction; "_se" groups (stochastic only) the standard errors of the same shapes.
inline constexpr const char* kDrivers = "drivers";
inline constexpr const char* kDriverChange = "change";
inline constexpr const char* kDriverVsBaseline = "vs_baseline";
inline constexpr const char* kAloneSuffix = "_alone";
inline constexpr const char* kSeSuffix = "_se";
inline constexpr const char* kStartRow = "start";
inline constexpr const char* kEndRow = "end";
inline constexpr const char* kInteractionRow = "interaction";

// /comparison/evppi
inline constexpr const char* kEvppi = "evppi";  // = kEvppiGroup of comparison_layout.hpp

// /sensitivity/<o>/sobol_by_year/<output>: [parameters x columns x 6], the last axis:
inline constexpr const char* kSobolByYear = "sobol_by_year";
inline constexpr const char* kSobolVariance = "variance";  // sobol_by_year/variance/<output>
inline constexpr std::array<std::string_view, 6> kSobolValues = {"S1", "S1_lo", "S1_hi",
                                                                 "ST", "ST_lo", "ST_hi"};

}  // namespace pcsim::output::layout
