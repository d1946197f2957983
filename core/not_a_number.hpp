#pragma once
// The value of a figure that does not exist (the median of no practices, the variance of
// one iteration, the return on no investment): NaN, never a zero that would read as a
// figure. One definition for every library, so that none redefines it.
#include <limits>

namespace pcsim {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace pcsim
