// The benchmark driver: Google Benchmark's flags, plus --pcsim_long, which also registers
// the benchmarks that take minutes (benchmarks/bench_registry.hpp).
#include <benchmark/benchmark.h>

#include <cstring>

#include "benchmarks/bench_registry.hpp"

int main(int argc, char** argv) {
  int kept = 1;
  bool long_runs = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--pcsim_long") == 0) {
      long_runs = true;
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  if (long_runs) pcsim::bench::register_long_run_benchmarks();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
