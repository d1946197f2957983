// libFuzzer harness: the NHS payments file reader (scenarios/payments_reader.hpp) on any
// bytes, every practice selected. A rejected file must be an InputError; anything else is
// a bug. Seeds: scenarios/data/synthetic-payments.csv and the head of a national file.
#include <cstddef>
#include <cstdint>

#include "core/errors.hpp"
#include "fuzz_input_file.hpp"
#include "scenarios/payments_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto file = pcsim::fuzz::input_file(".csv");
  pcsim::fuzz::write_input(file, data, size);
  try {
    pcsim::scenarios::read_payments_file(file);
  } catch (const pcsim::InputError&) {
  }
  return 0;
}
