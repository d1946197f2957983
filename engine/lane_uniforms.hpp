#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
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

// The list pass's draws: out[i] = the uniform of lane kListNoiseDraw of practices[i]'s
// PracticeYear block (the same as lone_uniform(events, PracticeYear, kListNoiseDraw)), and
// each block's four lanes kept, kept[4 p + lane] for p = practices[i], for the year's other
// single draws (recruitment, the year end): the block is computed once a practice-year, not
// once a draw. With a whole-block factory (BlockBitsEventsFor) the blocks are computed in
// one call a chunk; else practice by practice (events with bits_in_blocks, as the engine's
// events have).
template <class EventsFor>
void practice_year_uniforms(const EventsFor& events_for, int t,
                            std::span<const std::uint32_t> practices, double* out,
                            std::span<BlockRef> refs, std::span<std::uint32_t> bits,
                            std::uint32_t* kept) {
  if constexpr (BlockBitsEventsFor<EventsFor>) {
    const std::size_t chunk = std::min(refs.size(), bits.size() / 4);
    for (std::size_t first = 0; first < practices.size(); first += chunk) {
      const std::size_t count = std::min(chunk, practices.size() - first);
      for (std::size_t i = 0; i < count; ++i) refs[i] = {practices[first + i], 0};
      events_for.bits_of_blocks(t, Purpose::PracticeYear, refs.first(count), bits.data());
      for (std::size_t i = 0; i < count; ++i) {
        std::memcpy(kept + 4 * static_cast<std::size_t>(practices[first + i]), &bits[4 * i],
                    4 * sizeof(std::uint32_t));
        out[first + i] = uniform_from_bits(bits[4 * i + kListNoiseDraw]);
      }
    }
  } else {
    for (std::size_t i = 0; i < practices.size(); ++i) {
      std::uint32_t* const block = kept + 4 * static_cast<std::size_t>(practices[i]);
      events_for(practices[i], t).bits_in_blocks(Purpose::PracticeYear, 4, block);
      out[i] = uniform_from_bits(block[kListNoiseDraw]);
    }
  }
}

}  // namespace pcsim::engine
