#pragma once
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/units.hpp"
#include "engine/engine_state.hpp"
#include "engine/event_kernels.hpp"
#include "engine/predrawn_events.hpp"
#include "engine/quality_avx512.hpp"
#include "engine/year_factors.hpp"
#include "model/funding.hpp"
#include "model/parameters.hpp"
#include "model/stream_purpose.hpp"

// Pass 4 of a simulated year (engine/simulate.hpp, which runs it): every open practice's
// quality payment (MODEL.md, Funding), kept for the accounts.
namespace pcsim::engine {
// For a pass whose draws come a chunk of practices at a time from a factory that computes
// blocks in one call (BlockBitsEventsFor; the quality pass): blocks 0 .. per_practice - 1
// of `purpose` of every open practice in [first, end), computed into s.chunk_bits (open
// practice i of the chunk, block k at 4 (i per_practice + k)). per_practice * kChunk is
// at most kChunkBlocks.
template <class EventsFor>
void open_practices_blocks(EngineState& s, std::size_t first, std::size_t end,
                           std::size_t per_practice, int t, Purpose purpose,
                           const EventsFor& events_for) {
  // Every practice's blocks are written and the cursor moves past them only for an open
  // one: no branch, and the writes stay within the chunk's per_practice kChunk blocks.
  BlockRef* const blocks = s.chunk_blocks.data();
  const std::uint8_t* const open = s.open.data();
  std::size_t listed = 0;
  for (std::size_t p = first; p < end; ++p) {
    for (std::size_t k = 0; k < per_practice; ++k)
      blocks[listed + k] = {static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(k)};
    listed += open[p] != 0 ? per_practice : 0;
  }
  events_for.bits_of_blocks(t, purpose, std::span<const BlockRef>(blocks, listed),
                            s.chunk_bits.data());
}

// Pass 4: the quality payment of one practice (MODEL.md, Funding), kept for pass 5. In a
// pass of its own, a short loop, the Philox block behind the achievement draws of one
// practice overlaps the next practice's rather than holding up the accounts.
template <class Events>
void quality_step(const ModelParameters& m, const YearFactors& f, EngineState& s, std::size_t p,
                  const Events& events) {
  s.quality_payment[p] =
      quality_payment_at(m.funding, s.applies(p), events, s.weighted[p], f.inflation);
}

// Pass 4 from blocks computed a chunk at a time (BlockBitsEventsFor): each practice's
// payment from its bits, by quality_payment_from_bits for K = 1 to 4 standards (one block
// a practice; the caller has checked the sign-up lists' length), by quality_payment_at
// with PredrawnBernoulliEvents (the same draws) for K = 0, any count. The state is read
// through local pointers, which the stores cannot change, so they stay in registers.
template <std::size_t K, class EventsFor>
void quality_chunks(const ModelParameters& m, const YearFactors& f, EngineState& s, int t,
                    const EventsFor& events_for) {
  const std::size_t per_practice = K > 0 ? 1 : (s.standard_count + 3) / 4;  // blocks
  std::array<QualityDraw, K> draws;
  for (std::size_t k = 0; k < K; ++k) draws[k] = quality_draw(m.funding.quality_standards[k]);
  const double index = f.inflation;
  const std::uint8_t* const open = s.open.data();
  const Patients* const weighted = s.weighted.data();
  const Fraction* const applies = s.quality_applies.data();
  const std::uint32_t* const bits = s.chunk_bits.data();
  Pounds* const payment = s.quality_payment.data();
  for (std::size_t first = 0; first < s.practice_count; first += EngineState::kChunk) {
    const std::size_t end = std::min(first + EngineState::kChunk, s.practice_count);
    open_practices_blocks(s, first, end, per_practice, t, Purpose::QualityAchievement, events_for);
#if defined(PCSIM_QUALITY_AVX512)
    if constexpr (K > 0) {
      if (s.wide_quality) {
        quality_payments_avx512<K>(draws, applies, open, weighted, bits, index, first, end,
                                   payment);
        continue;
      }
    }
#endif
    const std::uint32_t* at = bits;
    for (std::size_t p = first; p < end; ++p) {
      if (open[p] == 0) continue;
      if constexpr (K > 0)
        payment[p] = quality_payment_from_bits(draws, applies + p * K, at, weighted[p], index);
      else
        payment[p] = quality_payment_at(m.funding, s.applies(p), PredrawnBernoulliEvents(at),
                                        weighted[p], index);
      at += 4 * per_practice;
    }
  }
}

// Pass 4 over the open practices: by quality_chunks when the factory computes blocks in
// one call, the chunk's achievement blocks then computed back to back; otherwise
// quality_step practice by practice.
template <class EventsFor>
void quality_pass(const ModelParameters& m, const YearFactors& f, EngineState& s, int t,
                  EventsFor& events_for) {
  if constexpr (BlockBitsEventsFor<EventsFor>) {
    if (s.standard_count == m.funding.quality_standards.size()) {  // else quality_payment_at throws
      switch (s.standard_count) {
        case 1:
          return quality_chunks<1>(m, f, s, t, events_for);
        case 2:
          return quality_chunks<2>(m, f, s, t, events_for);
        case 3:
          return quality_chunks<3>(m, f, s, t, events_for);
        case 4:
          return quality_chunks<4>(m, f, s, t, events_for);
        default:
          break;
      }
    }
    const std::size_t per_practice = (s.standard_count + 3) / 4;  // blocks
    if (per_practice > 0 && per_practice * EngineState::kChunk <= EngineState::kChunkBlocks)
      return quality_chunks<0>(m, f, s, t, events_for);
  }
  for (std::size_t p = 0; p < s.practice_count; ++p)
    if (s.open[p] != 0) quality_step(m, f, s, p, events_for(p, t));
}

}  // namespace pcsim::engine
