#pragma once
#include <cmath>
#include <concepts>
#include <cstdint>
#include <span>

#include "model/stream_purpose.hpp"

namespace pcsim::model {

// Model functions are templates over an *events* type that supplies the stochastic
// variation of one practice in one year. Two implementations exist:
//   - ExpectationEvents (below): every event at its expectation — the central case;
//   - runner/philox_events.hpp PhiloxEvents: draws from the Philox stream keyed by
//     (seed, iteration, practice, year, purpose, index).
// Each call names its purpose and an index within that purpose, so a draw does not depend
// on which other draws were made (an option that switches a lever on does not shift the
// random numbers of any other event: common random numbers across options).
//
// Interface (all members const-callable, no allocation):
//   double normal(Purpose, uint32_t index, double sd)            -> N(0, sd); central: 0
//   double binomial(Purpose, uint32_t index, double n, double p)  -> Bin(n, p); central: n p
//   double bernoulli(Purpose, uint32_t index, double p)           -> 0/1; central: p
//   template <size_t K> void split(Purpose, uint32_t first_index, double n,
//                                   const std::array<double,K>& probs, std::array<double,K>& out)
//       -> Multinomial(n, probs) with one uniform per member (n small: GPs in a band);
//          a stochastic split draws rounded_count(n) members (model/sampling.hpp) with
//          indexes first_index, first_index + 1, ...; central: n * probs
//   bool central() -> true for ExpectationEvents
// Optional, for speed (model/gp_transitions.hpp, BulkBitsEvents):
//   void bits_in_blocks(Purpose, uint32_t count, uint32_t* out)
//       -> the 32 random bits behind the uniforms at indexes 0 .. count-1 (uniform j is
//          uniform_from_bits(out[j]), model/sampling.hpp), in whole blocks of four
//          (PhiloxEvents); events without it get the same draws through split
//   double uniform(Purpose, uint32_t index)
//       -> the uniform behind a draw, when normal(purpose, index, sd) is
//          normal_from_quantile(normal_quantile(uniform(purpose, index)), sd)
//          (model/sampling.hpp; PhiloxEvents): simulate() then
//          draws the list noise of all practices in one batch (UniformEvents)
//   double uniform_uncached(Purpose, uint32_t index), binomial_uncached(Purpose, uint32_t
//          index, double n, double p)
//       -> the same as uniform and binomial, without a memo of the block (lone_uniform,
//          lone_binomial below): for a purpose drawn once per practice-year
//   static constexpr bool kBinomialFromUniform
//       -> binomial(purpose, index, n, p) is binomial_from_uniform(rounded_count(n), p,
//          uniform(purpose, index)) (PhiloxEvents): the recruitment pass then draws from
//          the uniform with the fill rate's tables fetched once (BinomialDraws)
template <class Events>
concept UniformEvents = requires(const Events& events) {
  { events.uniform(Purpose::ListNoise, std::uint32_t{0}) } -> std::same_as<double>;
};

// One block of four draws of a practice's purpose in a year: indexes 4 block .. 4 block + 3.
struct BlockRef {
  std::uint32_t practice = 0;
  std::uint32_t block = 0;
};

// Optional, for speed, on an events *factory* (events_for; runner PhiloxEventsFor):
//   void bits_of_blocks(int year, Purpose, std::span<const BlockRef> refs, uint32_t* out)
//       -> out[4 i + lane] = the bits of index 4 refs[i].block + lane of the practice
//          refs[i].practice in `year`: what events_for(practice, year).bits_in_blocks
//          gives, for many practices in one call, so their blocks are computed back to
//          back (simulate()'s GP and quality passes); factories without it get the same
//          bits per practice.
template <class EventsFor>
concept BlockBitsEventsFor =
    requires(const EventsFor& events_for, std::span<const BlockRef> refs, std::uint32_t* out) {
      events_for.bits_of_blocks(int{1}, Purpose::GpTransitions, refs, out);
    };

// uniform(purpose, index) of events with uniforms (UniformEvents), by uniform_uncached when
// the events have it (optional: the same value, without a memo that a lone draw of a purpose
// would fill and never read; PhiloxEvents).
template <UniformEvents Events>
double lone_uniform(const Events& events, Purpose purpose, std::uint32_t index) {
  if constexpr (requires { { events.uniform_uncached(purpose, index) } -> std::same_as<double>; })
    return events.uniform_uncached(purpose, index);
  else
    return events.uniform(purpose, index);
}

// events.binomial(purpose, index, n, p), by binomial_uncached when the events have it
// (optional: the same draw from uniform_uncached; PhiloxEvents).
template <class Events>
double lone_binomial(const Events& events, Purpose purpose, std::uint32_t index, double n,
                     double p) {
  if constexpr (requires {
                  { events.binomial_uncached(purpose, index, n, p) } -> std::same_as<double>;
                })
    return events.binomial_uncached(purpose, index, n, p);
  else
    return events.binomial(purpose, index, n, p);
}

struct ExpectationEvents {
  static constexpr bool central() { return true; }
  double normal(Purpose, std::uint32_t, double) const { return 0.0; }
  double binomial(Purpose, std::uint32_t, double n, double p) const { return n * p; }
  double bernoulli(Purpose, std::uint32_t, double p) const { return p; }
  template <class Array>
  void split(Purpose, std::uint32_t, double n, const Array& probs, Array& out) const {
    for (std::size_t k = 0; k < probs.size(); ++k) out[k] = n * probs[k];
  }
};

}  // namespace pcsim::model
