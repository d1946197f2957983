#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "engine/event_kernels.hpp"
#include "model/events.hpp"
#include "model/sampling.hpp"
#include "model/stream_purpose.hpp"

// One uniform of one purpose for each of many practices, for the passes that take a single
// draw per practice (the list noise, the year-end changes): the blocks are computed back to
// back in one call of the factory (bits_of_blocks: the wide kernels of random/philox_blocks.hpp)
// rather than one events object per practice.
namespace pcsim::engine {

// out[i] = lone_uniform(events_for(practices[i], t), purpose, lane), lane 0 to 3: the
// uniform of index `lane` of the practice's first block of `purpose`. `refs` and `bits`
// are scratch; a chunk is refs.size() practices (bits holds 4 a practice).
template <class EventsFor>
void lane_uniforms(const EventsFor& events_for, int t, Purpose purpose, std::uint32_t lane,
                   std::span<const std::uint32_t> practices, double* out, std::span<BlockRef> refs,
                   std::span<std::uint32_t> bits) {
  if constexpr (BlockBitsEventsFor<EventsFor>) {
    const std::size_t chunk = std::min(refs.size(), bits.size() / 4);
    for (std::size_t first = 0; first < practices.size(); first += chunk) {
      const std::size_t count = std::min(chunk, practices.size() - first);
      for (std::size_t i = 0; i < count; ++i) refs[i] = {practices[first + i], 0};
      events_for.bits_of_blocks(t, purpose, refs.first(count), bits.data());
      for (std::size_t i = 0; i < count; ++i)
        out[first + i] = uniform_from_bits(bits[4 * i + lane]);
    }
  } else {
    for (std::size_t i = 0; i < practices.size(); ++i)
      out[i] = lone_uniform(events_for(practices[i], t), purpose, lane);
  }
}

}  // namespace pcsim::engine
