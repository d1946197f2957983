#include "output/parallel_for.hpp"

namespace pcsim::output {

void run_sequentially(std::size_t count, const ParallelFor::Body& body) {
  for (std::size_t i = 0; i < count; ++i) body(i);
}

}  // namespace pcsim::output
