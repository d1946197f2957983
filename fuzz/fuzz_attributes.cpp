// libFuzzer harness: the practice attributes reader (scenarios/attributes_reader.hpp) on
// any bytes, with the synthetic scenario's roles (two read from named columns, one not).
// A rejected file must be an InputError; anything else is a bug. Seed:
// scenarios/data/synthetic-attributes.csv.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/errors.hpp"
#include "fuzz_input_file.hpp"
#include "model/parameters.hpp"
#include "scenarios/attributes_reader.hpp"

namespace {

std::vector<pcsim::model::RoleParameters> roles() {
  std::vector<pcsim::model::RoleParameters> list(3);
  list[0].name = "nurse";
  list[0].attributes_column = "TOTAL_NURSES_FTE";
  list[1].name = "dpc";
  list[1].attributes_column = "TOTAL_DPC_FTE";
  list[2].name = "pharmacist";
  return list;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto file = pcsim::fuzz::input_file(".csv");
  static const auto role_list = roles();
  pcsim::fuzz::write_input(file, data, size);
  try {
    pcsim::scenarios::read_attributes(file, role_list);
  } catch (const pcsim::InputError&) {
  }
  return 0;
}
