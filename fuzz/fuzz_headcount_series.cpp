// libFuzzer harness: the GP headcount series reader (scenarios/gp_headcount_series.hpp) on
// any bytes, for the base year 2022/23 (the year national.toml reads). A rejected file must
// be an InputError; anything else is a bug. Seed: the head of the shipped series (every
// year 2015/16 to 2023/24 of its first practices).
#include <cstddef>
#include <cstdint>

#include "core/errors.hpp"
#include "fuzz_input_file.hpp"
#include "scenarios/gp_headcount_series.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto file = pcsim::fuzz::input_file(".csv");
  pcsim::fuzz::write_input(file, data, size);
  try {
    pcsim::scenarios::read_gp_headcount_series(file, 2023);
  } catch (const pcsim::InputError&) {
  }
  return 0;
}
