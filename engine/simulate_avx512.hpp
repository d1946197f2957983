#pragma once
#include "engine/avx512_kernels.hpp"
#include "engine/engine_workspace.hpp"
#include "engine/simulate_years.hpp"
#include "model/parameters.hpp"
#include "model/simulation_output.hpp"

// The year loop compiled a second time, for processors with AVX-512 (F, BW, CD, DQ, VL)
// and the instructions every such processor has (AVX2, FMA, BMI, BMI2, POPCNT): one
// function into which the compiler inlines every pass, every kernel and every equation
// function the loop calls from headers (`flatten`). The generic build cannot inline an
// AVX-512 kernel into the pass that calls it (a function compiled for the baseline may not
// take in one compiled for more), and compiles the passes' own loops for SSE2; the clone
// does both, as a whole build for the processor (-march=native) would, while the binary
// still runs on any x86-64 processor: engine::simulate takes the clone only where the
// processor has every one of these instructions (simulate_avx512_supported,
// engine/avx512_kernels.hpp).
//
// The same figures bit for bit: the build compiles everything with -ffp-contract=off
// (CMakeLists.txt), so no multiply and add is fused where the target offers FMA, and the
// compiler reorders no floating-point operation without -ffast-math; the oracle test runs
// the clone wherever the processor can (tests/engine/test_simulate_avx512.cpp holds it to
// the generic loop). Functions compiled in other files (the Philox blocks, the accounts'
// and counts' AVX-512 passes, the year end's moves, the normal quantiles) are called as
// they are.
namespace pcsim::engine {

#if defined(PCSIM_SIMULATE_AVX512)
// detail::simulate_years, compiled for those processors. Only engine::simulate calls it,
// and only where simulate_avx512_supported().
template <class EventsFor>
[[gnu::flatten]] __attribute__((
    target("avx2,fma,bmi,bmi2,popcnt,avx512f,avx512bw,avx512cd,avx512dq,avx512vl"))) void
simulate_years_avx512(const ModelParameters& m, Workspace& workspace, EventsFor& events_for,
                      const SimulationOutput& out, const PracticeTrace* trace) {
  detail::simulate_years<EventsFor, true>(m, workspace, events_for, out, trace);
}
#endif

}  // namespace pcsim::engine
