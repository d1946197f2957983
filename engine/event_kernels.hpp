#pragma once
#include <concepts>
#include <cstdint>
#include <span>

#include "model/events.hpp"
#include "model/stream_purpose.hpp"

// The raw-bits capability the fast engine uses beside the named draws of model/events.hpp:
// the 32 random bits behind a purpose's uniforms, in whole Philox blocks of four, for one
// practice (bits_in_blocks) or for many practices in one call (bits_of_blocks on the
// factory). The stochastic events of random/philox_events.hpp have it; the engine uses it
// only where it computes the same draws as the named ones (tests/engine/ prove it).
namespace pcsim::engine {
using namespace pcsim::model;

template <class Events>
concept UniformEvents = requires(const Events& events) {
  { events.uniform(Purpose::PracticeYear, std::uint32_t{0}) } -> std::same_as<double>;
};

// Optional, for speed, on an events *factory* (events_for; runner PhiloxEventsFor):
//   void bits_of_blocks(int year, Purpose, std::span<const BlockRef> refs, uint32_t* out)
//       -> out[4 i + lane] = the bits of index 4 refs[i].block + lane of the practice
//          refs[i].practice in `year`: what events_for(practice, year).bits_in_blocks
//          gives, for many practices in one call, so their blocks are computed back to
//          back (simulate()'s GP and quality passes); factories without it get the same
//          bits per practice.
template <class EventsFor>
concept BlockBitsEventsFor = requires(const EventsFor& events_for, std::span<const BlockRef> refs,
                                      std::uint32_t* out) {
  events_for.bits_of_blocks(int{1}, Purpose::GpTransitions, refs, out);
};

// uniform(purpose, index) of events with uniforms (UniformEvents), by uniform_uncached when
// the events have it (optional: the same value, without a memo that a lone draw of a purpose
// would fill and never read; PhiloxEvents).
template <UniformEvents Events>
double lone_uniform(const Events& events, Purpose purpose, std::uint32_t index) {
  if constexpr (requires {
                  { events.uniform_uncached(purpose, index) } -> std::same_as<double>;
                })
    return events.uniform_uncached(purpose, index);
  else
    return events.uniform(purpose, index);
}

// Events that hand out the raw bits of the first uniforms of a purpose in whole Philox
// blocks (PhiloxEvents::bits_in_blocks).
template <class Events>
concept BulkBitsEvents = requires(const Events& events, std::uint32_t* out) {
  events.bits_in_blocks(Purpose::GpTransitions, std::uint32_t{0}, out);
};

}  // namespace pcsim::engine
