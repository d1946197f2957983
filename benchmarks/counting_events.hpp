#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/simulate.hpp"
#include "model/metrics.hpp"
#include "model/stream_purpose.hpp"
#include "random/philox_events.hpp"

// The RNG-bound reference of a run (docs/performance.md): how many uniforms and Philox
// blocks one iteration consumes, per purpose, and the counters of those blocks, so that
// generating exactly those blocks can be timed apart from the model.
//
// CountingEvents implements the events interface of model/events.hpp by forwarding every
// call to a PhiloxEvents (so the model sees the same draws) and noting the uniforms the
// call consumes: one for normal, binomial and bernoulli, PhiloxEvents::split_members(n)
// for a split, one per requested element for uniforms and bits_in_blocks. A block is
// counted whenever PhiloxEvents would compute one: its one-block memo misses when the
// (purpose, index / 4) of a uniform differs from the previous one.
namespace pcsim::bench {

// The counter words of one Philox block, less the iteration (word 0).
struct BlockCounter {
  std::uint32_t practice, year_purpose, quarter_index;
};

struct DrawCounts {
  std::array<std::uint64_t, 256> uniforms{};  // by Purpose value
  std::array<std::uint64_t, 256> blocks{};
  std::vector<BlockCounter> counters;  // every block, in the order drawn

  std::uint64_t total_uniforms() const { return sum(uniforms); }
  std::uint64_t total_blocks() const { return sum(blocks); }

 private:
  static std::uint64_t sum(const std::array<std::uint64_t, 256>& a) {
    std::uint64_t s = 0;
    for (std::uint64_t v : a) s += v;
    return s;
  }
};

class CountingEvents {
 public:
  CountingEvents(std::uint64_t seed, std::uint32_t iteration, std::uint32_t practice,
                 std::uint32_t year, DrawCounts& counts)
      : inner_(seed, iteration, practice, year),
        practice_(practice),
        year_(year),
        counts_(&counts) {}

  static constexpr bool central() { return false; }

  double normal(model::Purpose purpose, std::uint32_t index, double sd) const {
    note(purpose, index);
    return inner_.normal(purpose, index, sd);
  }
  double binomial(model::Purpose purpose, std::uint32_t index, double n, double p) const {
    note(purpose, index);
    return inner_.binomial(purpose, index, n, p);
  }
  double bernoulli(model::Purpose purpose, std::uint32_t index, double p) const {
    note(purpose, index);
    return inner_.bernoulli(purpose, index, p);
  }
  double uniform(model::Purpose purpose, std::uint32_t index) const {
    note(purpose, index);
    return inner_.uniform(purpose, index);
  }
  void uniforms(model::Purpose purpose, std::uint32_t first_index, std::span<double> out) const {
    for (std::size_t j = 0; j < out.size(); ++j)
      note(purpose, first_index + static_cast<std::uint32_t>(j));
    inner_.uniforms(purpose, first_index, out);
  }
  void bits_in_blocks(model::Purpose purpose, std::uint32_t count, std::uint32_t* out) const {
    for (std::uint32_t j = 0; j < count; ++j) note(purpose, j);
    inner_.bits_in_blocks(purpose, count, out);
  }
  template <class Array>
  void split(model::Purpose purpose, std::uint32_t first_index, double n, const Array& probs,
             Array& out) const {
    const int members = random::PhiloxEvents::split_members(n);
    for (int j = 0; j < members; ++j) note(purpose, first_index + static_cast<std::uint32_t>(j));
    inner_.split(purpose, first_index, n, probs, out);
  }

 private:
  void note(model::Purpose purpose, std::uint32_t index) const {
    const auto p = static_cast<std::size_t>(purpose);
    ++counts_->uniforms[p];
    const std::uint32_t word2 = random::detail::year_purpose_word(year_, purpose);
    const std::uint32_t word3 = index >> 2;
    if (!last_valid_ || word2 != last_word2_ || word3 != last_word3_) {
      ++counts_->blocks[p];
      counts_->counters.push_back({practice_, word2, word3});
      last_word2_ = word2;
      last_word3_ = word3;
      last_valid_ = true;
    }
  }

  random::PhiloxEvents inner_;
  std::uint32_t practice_, year_;
  DrawCounts* counts_;
  mutable std::uint32_t last_word2_ = 0, last_word3_ = 0;
  mutable bool last_valid_ = false;
};

// The events factory for engine::simulate.
class CountingEventsFor {
 public:
  CountingEventsFor(std::uint64_t seed, std::uint32_t iteration, DrawCounts& counts)
      : seed_(seed), iteration_(iteration), counts_(&counts) {}
  CountingEvents operator()(std::size_t practice, int year) const {
    return CountingEvents(seed_, iteration_, static_cast<std::uint32_t>(practice),
                          static_cast<std::uint32_t>(year), *counts_);
  }

 private:
  std::uint64_t seed_;
  std::uint32_t iteration_;
  DrawCounts* counts_;
};

// The draws of one iteration of a run with parameters `m` (the engine's events for
// `iteration` under `seed`), counted by running simulate() once with CountingEvents.
inline DrawCounts count_iteration_draws(const model::ModelParameters& m,
                                        const model::PracticeSet& practices, std::uint64_t seed,
                                        std::uint32_t iteration) {
  const auto years = static_cast<std::size_t>(m.horizon_years);
  std::vector<double> by_year(model::kMetricCount * years), scalars(model::kScalarMetricCount);
  DrawCounts counts;
  engine::simulate(m, practices, CountingEventsFor(seed, iteration, counts),
                   model::SimulationOutput{m.horizon_years, by_year, scalars});
  return counts;
}

// Generates the blocks of `counters` for iterations [first, first + count): what a run
// of those iterations spends on random numbers alone. The blocks are computed as the
// engine computes them (PhiloxEventsFor::bits_of_blocks: random::philox_blocks with the
// widest kernel the processor runs), a run of blocks that share counter word 2 (year and
// purpose) a call, in runs of at most kRun as the engine's chunks are; then their lanes
// XORed together (so nothing is optimised away). The reference is as cheap as the
// engine's own generation can be, so the ratio engine time / this time is, if anything,
// overstated.
inline std::uint32_t generate_blocks(std::uint64_t seed, const std::vector<BlockCounter>& counters,
                                     std::uint32_t first, std::uint32_t count) {
  constexpr std::size_t kRun = 256;  // blocks a call
  struct Run {
    std::uint32_t word2;
    std::size_t start, size;
  };
  std::vector<model::BlockRef> refs(counters.size());
  std::vector<Run> runs;
  for (std::size_t j = 0; j < counters.size(); ++j) {
    refs[j] = {counters[j].practice, counters[j].quarter_index};
    if (runs.empty() || runs.back().word2 != counters[j].year_purpose || runs.back().size == kRun)
      runs.push_back({counters[j].year_purpose, j, 0});
    ++runs.back().size;
  }
  const auto key = random::detail::philox_key(seed);
  std::array<std::uint32_t, 4 * kRun> lanes;
  std::uint32_t mix = 0;
  for (std::uint32_t i = first; i < first + count; ++i) {
    for (const Run& run : runs) {
      random::philox_blocks(key, i, run.word2,
                            std::span<const model::BlockRef>(refs.data() + run.start, run.size),
                            lanes.data());
      for (std::size_t k = 0; k < 4 * run.size; ++k) mix ^= lanes[k];
    }
  }
  return mix;
}

}  // namespace pcsim::bench
