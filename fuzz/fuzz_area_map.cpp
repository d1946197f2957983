// libFuzzer harness: the map of commissioning areas to ICBs (scenarios/area_membership.hpp,
// read_area_icb_map) on any bytes. A rejected file must be an InputError; anything else is
// a bug. Seed: the shipped map, scenarios/data/geography/ccg_icb.csv.
#include <cstddef>
#include <cstdint>

#include "core/errors.hpp"
#include "fuzz_input_file.hpp"
#include "scenarios/area_membership.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto file = pcsim::fuzz::input_file(".csv");
  pcsim::fuzz::write_input(file, data, size);
  try {
    pcsim::scenarios::read_area_icb_map(file);
  } catch (const pcsim::InputError&) {
  }
  return 0;
}
