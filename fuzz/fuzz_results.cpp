// libFuzzer harness: the results reader as `pcsim summary` uses it - the file's checks
// (output/results_open.hpp open_results: not HDF5, truncated, the whole-file checksum, the
// format) and then the summaries - on any bytes. A rejected file must be an OutputError
// (one line); anything else is a bug. Seed: a small results file written by pcsim run
// (scripts/fuzz.sh makes it).
#include <cstddef>
#include <cstdint>

#include "core/errors.hpp"
#include "fuzz_input_file.hpp"
#include "output/summary_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto file = pcsim::fuzz::input_file(".h5");
  pcsim::fuzz::write_input(file, data, size);
  try {
    pcsim::output::read_summary(file);
  } catch (const pcsim::OutputError&) {
  }
  return 0;
}
