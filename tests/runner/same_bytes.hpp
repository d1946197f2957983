#pragma once
// Two runs' figures compared byte for byte (NaNs too): the runner tests' check that a
// result does not depend on threads, ranks or batches.
#include <cstring>
#include <vector>

namespace pcsim::runner::fixtures {

inline bool same_bytes(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

}  // namespace pcsim::runner::fixtures
