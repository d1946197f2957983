#pragma once
#include <cstdint>

#include "model/sampling.hpp"
#include "model/stream_purpose.hpp"

namespace pcsim::engine {
using namespace pcsim::model;

// The events of one practice-year whose bits for the Bernoulli draws of one purpose were
// computed beforehand, a chunk of practices at a time (BlockBitsEventsFor, model/events.hpp):
// bits[index] is the draw at `index`. bernoulli gives what the stream's own events give
// from the same bits (bernoulli_from_uniform), so a pass may hand these to a module
// function in their place. Only bernoulli is offered: the quality pass needs no other draw.
class PredrawnBernoulliEvents {
 public:
  explicit PredrawnBernoulliEvents(const std::uint32_t* bits) : bits_(bits) {}
  static constexpr bool central() { return false; }
  double bernoulli(Purpose, std::uint32_t index, double p) const {
    return bernoulli_from_uniform(uniform_from_bits(bits_[index]), p);
  }

 private:
  const std::uint32_t* bits_;
};

}  // namespace pcsim::engine
