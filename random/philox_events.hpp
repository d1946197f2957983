#pragma once
#include <Random123/philox.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "model/events.hpp"
#include "model/sampling.hpp"
#include "model/stream_purpose.hpp"
#include "random/philox_blocks.hpp"

namespace pcsim::random {

// The counter-based random stream (ARCHITECTURE.md, Patterns; MODEL.md, Shape of a run).
// A draw is a pure function of (seed, iteration, practice, year, purpose, index):
//   key     = {low 32 bits of seed, high 32 bits of seed}
//   counter = {iteration, practice, (year << 8) | purpose, index >> 2}
// and the draw is lane (index & 3) of Philox4x32-10 at that counter. Nothing depends on
// the order of calls, the thread or the process: results are identical for any of them.

namespace detail {

using Philox = r123::Philox4x32;  // Philox4x32_R<10>

inline Philox::key_type philox_key(std::uint64_t seed) {
  return {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
}

// Third counter word: year and purpose; the year keeps 24 bits (ample for a horizon).
inline std::uint32_t year_purpose_word(std::uint32_t year, model::Purpose purpose) {
  return (year << 8) | static_cast<std::uint32_t>(purpose);
}

}  // namespace detail

// 32 bits mapped to the open interval (0, 1): (x + 1/2) 2^-32 (model/sampling.hpp).
using model::uniform_from_bits;

// The raw 32 bits of one draw (uncached: one Philox call).
inline std::uint32_t philox_bits(std::uint64_t seed, std::uint32_t iteration,
                                 std::uint32_t practice, std::uint32_t year, model::Purpose purpose,
                                 std::uint32_t index) {
  const detail::Philox::ctr_type counter = {
      {iteration, practice, detail::year_purpose_word(year, purpose), index >> 2}};
  return detail::Philox()(counter, detail::philox_key(seed))[index & 3u];
}

inline double philox_uniform(std::uint64_t seed, std::uint32_t iteration, std::uint32_t practice,
                             std::uint32_t year, model::Purpose purpose, std::uint32_t index) {
  return uniform_from_bits(philox_bits(seed, iteration, practice, year, purpose, index));
}

// The stream of an uncertain parameter: FNV-1a (32-bit) of its dotted path, which takes the
// place of the practice number (Purpose::Parameter keeps the two apart).
constexpr std::uint32_t parameter_stream_id(std::string_view name) {
  std::uint32_t hash = 2166136261u;  // FNV offset basis
  for (const char c : name) {
    hash ^= static_cast<std::uint8_t>(c);
    hash *= 16777619u;  // FNV prime
  }
  return hash;
}

// The uniform behind one parameter's draw in one iteration.
inline double parameter_uniform(std::uint64_t seed, std::uint32_t iteration,
                                std::string_view name) {
  return philox_uniform(seed, iteration, parameter_stream_id(name), 0, model::Purpose::Parameter,
                        0);
}

// The events of one practice in one year drawn from the Philox stream: the stochastic
// implementation of the interface in model/events.hpp (ExpectationEvents is the central
// one). The last Philox block (four lanes) is remembered, so consecutive indexes of one
// purpose cost one Philox call per four draws. That memo is a cache of a pure function,
// invisible in the results, but it makes an object unsafe to share between threads:
// make one per (practice, year) in the thread that uses it (it is a few words).
class PhiloxEvents {
 public:
  // `memo`, when given, speeds up binomial draws without changing them (model/sampling.hpp,
  // BinomialMemo); it must outlive the events and belong to the calling thread.
  PhiloxEvents(std::uint64_t seed, std::uint32_t iteration, std::uint32_t practice,
               std::uint32_t year, model::BinomialMemo* memo = nullptr)
      : key_(detail::philox_key(seed)),
        iteration_(iteration),
        practice_(practice),
        year_(year),
        memo_(memo) {}

  static constexpr bool central() { return false; }

  // The uniform at (purpose, index) of this practice and year.
  double uniform(model::Purpose purpose, std::uint32_t index) const {
    return uniform_from_bits(block_of(purpose, index)[index & 3u]);
  }

  // The same uniform as uniform(purpose, index), from its block computed afresh and not
  // remembered: for the one draw of a purpose that a pass takes per practice, the memo
  // would be written and never read, and its out-of-line refill costs a call.
  double uniform_uncached(model::Purpose purpose, std::uint32_t index) const {
    const detail::Philox::ctr_type block = detail::Philox()(
        {{iteration_, practice_, detail::year_purpose_word(year_, purpose), index >> 2}}, key_);
    return uniform_from_bits(block[index & 3u]);
  }

  // N(0, sd).
  double normal(model::Purpose purpose, std::uint32_t index, double sd) const {
    return model::normal_from_quantile(model::normal_quantile(uniform(purpose, index)), sd);
  }

  // Bin(n, p) from one uniform; n is a count held in a double and is rounded.
  double binomial(model::Purpose purpose, std::uint32_t index, double n, double p) const {
    return model::binomial_from_uniform(count(n), p, uniform(purpose, index), memo_);
  }

  // 1 with probability p, else 0 (model::bernoulli_from_uniform).
  double bernoulli(model::Purpose purpose, std::uint32_t index, double p) const {
    return model::bernoulli_from_uniform(uniform(purpose, index), p);
  }

  // The uniforms at indexes first_index, first_index + 1, ... of `purpose`, into `out`: the
  // same values (and the same Philox calls) as one uniform() call per index in order.
  void uniforms(model::Purpose purpose, std::uint32_t first_index, std::span<double> out) const {
    for (std::size_t j = 0; j < out.size(); ++j)
      out[j] = uniform(purpose, first_index + static_cast<std::uint32_t>(j));
  }

  // The raw 32 bits behind the uniforms at indexes 0 .. count - 1 of `purpose` (uniform j
  // is uniform_from_bits(out[j])), written in whole blocks: `out` has room for count
  // rounded up to a multiple of 4, and the lanes past `count` hold the rest of the last
  // block (computed anyway). The bits uniform() reads, each block computed here directly
  // (not through the memo: a practice's GP bits are read once).
  void bits_in_blocks(model::Purpose purpose, std::uint32_t count, std::uint32_t* out) const {
    const std::uint32_t word2 = detail::year_purpose_word(year_, purpose);
    for (std::uint32_t index = 0; index < count; index += 4) {
      const detail::Philox::ctr_type block =
          detail::Philox()({{iteration_, practice_, word2, index >> 2}}, key_);
      for (std::uint32_t lane = 0; lane < 4; ++lane) out[index + lane] = block[lane];
    }
  }

  // Multinomial(n, probs), one uniform per member: member j (j = 0..n-1) uses index
  // first_index + j and joins the first category whose cumulative probability reaches its
  // uniform (model::categorical_from_uniform); out[k] counts category k. Array is a
  // std::array of doubles.
  template <class Array>
  void split(model::Purpose purpose, std::uint32_t first_index, double n, const Array& probs,
             Array& out) const {
    for (std::size_t k = 0; k < out.size(); ++k) out[k] = 0.0;
    const int members = count(n);
    if (members == 0) return;
    const Array cumulative = model::cumulative_probabilities(probs);
    std::array<double, 64> u;
    Array chunk_counts;
    for (int done = 0; done < members;) {
      const int chunk = std::min(members - done, static_cast<int>(u.size()));
      const std::span<double> chunk_u(u.data(), static_cast<std::size_t>(chunk));
      uniforms(purpose, first_index + static_cast<std::uint32_t>(done), chunk_u);
      model::categorical_counts(cumulative, chunk_u, chunk_counts);
      for (std::size_t k = 0; k < out.size(); ++k) out[k] += chunk_counts[k];
      done += chunk;
    }
  }

  // The number of members a split of n draws (one uniform each): n rounded.
  static int split_members(double n) { return count(n); }

 private:
  // A count held in a double, rounded to the nearest integer; negative or NaN gives 0.
  static int count(double n) { return model::rounded_count(n); }

  // The Philox block holding (purpose, index), computed unless it is the one remembered.
  const detail::Philox::ctr_type& block_of(model::Purpose purpose, std::uint32_t index) const {
    // The block's counter words 2 and 3 as one key; index >> 2 < 2^30, so the initial
    // all-ones key never matches a real block.
    const std::uint64_t block =
        (static_cast<std::uint64_t>(detail::year_purpose_word(year_, purpose)) << 32) |
        (index >> 2);
    if (block != cached_key_) refill(block);
    return cached_block_;
  }

  // Computes the block of counter words 2 and 3 = `block` (out of line of the hit path).
  void refill(std::uint64_t block) const {
    const auto word2 = static_cast<std::uint32_t>(block >> 32);
    const auto word3 = static_cast<std::uint32_t>(block);
    cached_block_ = detail::Philox()({{iteration_, practice_, word2, word3}}, key_);
    cached_key_ = block;
  }

  detail::Philox::key_type key_;
  std::uint32_t iteration_, practice_, year_;
  model::BinomialMemo* memo_;
  mutable detail::Philox::ctr_type cached_block_{};
  mutable std::uint64_t cached_key_ = ~std::uint64_t{0};
};

// The events factory the runner hands to model::simulate: the Philox events of one
// iteration for any (practice, year). It holds the binomial memo its events share, so use
// it from one thread and do not keep its events beyond its life.
class PhiloxEventsFor {
 public:
  PhiloxEventsFor(std::uint64_t seed, std::uint32_t iteration)
      : seed_(seed), iteration_(iteration) {}
  PhiloxEventsFor(const PhiloxEventsFor& other)
      : seed_(other.seed_), iteration_(other.iteration_) {}
  PhiloxEventsFor& operator=(const PhiloxEventsFor&) = delete;

  PhiloxEvents operator()(std::size_t practice, int year) const {
    return PhiloxEvents(seed_, iteration_, static_cast<std::uint32_t>(practice),
                        static_cast<std::uint32_t>(year), &memo_);
  }

  // The bits of many practices' blocks of one purpose and year (model/events.hpp,
  // BlockBitsEventsFor): the blocks PhiloxEvents::bits_in_blocks computes, by the widest
  // kernel this processor runs (random/philox_blocks.hpp), as the RNG-bound reference does.
  void bits_of_blocks(int year, model::Purpose purpose, std::span<const model::BlockRef> refs,
                      std::uint32_t* out) const {
    philox_blocks(detail::philox_key(seed_), iteration_,
                  detail::year_purpose_word(static_cast<std::uint32_t>(year), purpose), refs, out);
  }

 private:
  std::uint64_t seed_;
  std::uint32_t iteration_;
  mutable model::BinomialMemo memo_;  // a copy starts its own
};

}  // namespace pcsim::random
