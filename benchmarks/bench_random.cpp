// Cost of the random-number foundation: one Philox uniform, one event draw, one quantile
// of each distribution kind, and the binomial inverse CDF at the counts of a practice.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "model/distribution.hpp"
#include "model/sampling.hpp"
#include "random/philox_blocks.hpp"
#include "random/philox_events.hpp"

namespace {

using pcsim::model::Distribution;
using pcsim::model::Purpose;

// One uncached Philox uniform: a full Philox4x32-10 call per draw.
void BM_PhiloxUniform(benchmark::State& state) {
  std::uint32_t index = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(
        pcsim::random::philox_uniform(20240401, 1, 17, 3, Purpose::ListNoise, index++));
}
BENCHMARK(BM_PhiloxUniform);

// PhiloxEvents::normal over consecutive indexes: one Philox call per four draws, plus AS241.
void BM_PhiloxEventsNormal(benchmark::State& state) {
  const pcsim::random::PhiloxEvents events(20240401, 1, 17, 3);
  std::uint32_t index = 0;
  for (auto _ : state) benchmark::DoNotOptimize(events.normal(Purpose::ListNoise, index++, 0.02));
}
BENCHMARK(BM_PhiloxEventsNormal);

// Philox blocks as the engine's passes ask for them: a chunk of 256 blocks (about the GP
// pass's chunk), practices in order with one or two blocks each, by each kernel this
// processor runs (Arg: 0 portable, 1 AVX2, 2 AVX-512). Items are blocks.
void BM_PhiloxBlocks(benchmark::State& state) {
  using pcsim::random::PhiloxKernel;
  const auto kernel = static_cast<PhiloxKernel>(state.range(0));
  if (!pcsim::random::philox_kernel_supported(kernel)) {
    state.SkipWithError("this processor or build does not run the kernel");
    return;
  }
  std::vector<pcsim::model::BlockRef> refs(256);
  for (std::size_t i = 0; i < refs.size(); ++i)
    refs[i] = {static_cast<std::uint32_t>(i / 2 * 3 + i % 2), static_cast<std::uint32_t>(i % 2)};
  std::vector<std::uint32_t> out(4 * refs.size());
  std::uint32_t iteration = 0;
  for (auto _ : state) {
    pcsim::random::philox_blocks(kernel, {{20240401u, 7u}}, iteration++, 0x10003u, refs,
                                 out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(refs.size()));
  state.SetLabel(std::string(pcsim::random::philox_kernel_name(kernel)));
}
BENCHMARK(BM_PhiloxBlocks)
    ->Arg(static_cast<int>(pcsim::random::PhiloxKernel::Portable))
    ->Arg(static_cast<int>(pcsim::random::PhiloxKernel::Avx2))
    ->Arg(static_cast<int>(pcsim::random::PhiloxKernel::Avx512));

// The Boost-free normal quantile alone.
void BM_NormalQuantileAs241(benchmark::State& state) {
  double u = 0.0;
  for (auto _ : state) {
    u += 0.618033988749895;
    if (u >= 1.0) u -= 1.0;
    benchmark::DoNotOptimize(pcsim::model::normal_quantile(u + 1e-12));
  }
}
BENCHMARK(BM_NormalQuantileAs241);

// quantile() of each kind, at uniforms spread over (0, 1) by the golden-ratio sequence.
const std::vector<Distribution>& kinds() {
  static const std::vector<Distribution> all = {
      Distribution::fixed(1.5),
      Distribution::uniform(0, 1),
      Distribution::triangular(0, 0.3, 1),
      Distribution::pert(0, 0.3, 1),
      Distribution::normal(0, 1),
      Distribution::normal(0.02, 0.01, 0),
      Distribution::lognormal(0, 0.5),
      Distribution::lognormal(0, 0.5, 0.5, 3),
      Distribution::beta(2, 5),
      Distribution::discrete({1, 2, 3, 4, 5}, {1, 2, 3, 2, 1}),
  };
  return all;
}

void BM_Quantile(benchmark::State& state) {
  const Distribution& d = kinds()[static_cast<std::size_t>(state.range(0))];
  state.SetLabel(d.describe());
  double u = 0.0;
  for (auto _ : state) {
    u += 0.618033988749895;
    if (u >= 1.0) u -= 1.0;
    benchmark::DoNotOptimize(d.quantile(0.001 + 0.998 * u));
  }
}
BENCHMARK(BM_Quantile)->DenseRange(0, 9);

// binomial_from_uniform at n = 0..20 (the GPs in a band, vacancies of a practice).
void BM_BinomialFromUniform(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  double u = 0.0;
  for (auto _ : state) {
    u += 0.618033988749895;
    if (u >= 1.0) u -= 1.0;
    benchmark::DoNotOptimize(pcsim::model::binomial_from_uniform(n, 0.3, u + 1e-12));
  }
}
BENCHMARK(BM_BinomialFromUniform)->DenseRange(0, 20);

}  // namespace
