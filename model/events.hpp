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
//   - random/philox_events.hpp PhiloxEvents: draws from the Philox stream keyed by
//     (seed, iteration, practice, year, purpose, index).
// Each call names its purpose and an index within that purpose, so a draw does not depend
// on which other draws were made (an option that switches a lever on does not shift the
// random numbers of any other event: common random numbers across options).
//
// The named draws (all members const-callable, no allocation):
//   double normal(Purpose, uint32_t index, double sd)            -> N(0, sd); central: 0
//   double binomial(Purpose, uint32_t index, double n, double p)  -> Bin(n, p); central: n p
//   double bernoulli(Purpose, uint32_t index, double p)           -> 0/1; central: p
//   double uniform(Purpose, uint32_t index)                       -> U(0, 1), stochastic only
//   template <size_t K> void split(Purpose, uint32_t first_index, double n,
//                                   const std::array<double,K>& probs, std::array<double,K>& out)
//       -> Multinomial(n, probs) with one uniform per member (n small: GPs in a band);
//          a stochastic split draws rounded_count(n) members (model/sampling.hpp) with
//          indexes first_index, first_index + 1, ...; central: n * probs
//   static constexpr bool central() -> true for ExpectationEvents (the central case)
// Each draw is defined by the uniform(s) at its (purpose, index) through the samplers of
// model/sampling.hpp and model/binomial_sampling.hpp, so any implementation with the same
// uniforms gives the same draws. The fast engine (engine/) also uses one explicit raw-bits
// capability of the stochastic events, declared there (engine/event_kernels.hpp): the 32
// bits behind the uniforms, in whole Philox blocks.
// The raw-bits capability of stochastic events (engine/event_kernels.hpp) names a block of
// four draws by this reference:
// One block of four draws of a practice's purpose in a year: indexes 4 block .. 4 block + 3.
struct BlockRef {
  std::uint32_t practice = 0;
  std::uint32_t block = 0;
};

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
