#pragma once

// Benchmarks that take minutes, registered only when pcsim_benchmarks is given
// --pcsim_long (benchmarks/bench_main.cpp): the national scenario at 10,000 iterations.
namespace pcsim::bench {
void register_long_run_benchmarks();
}
