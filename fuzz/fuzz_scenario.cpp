// libFuzzer harness: the scenario reader on any text, as `pcsim validate` reads a scenario
// file (scenarios/scenario.hpp). A rejected file must be an InputError; anything else - a
// crash, a sanitizer finding, another exception - is a bug. The scenario is placed in
// scenarios/ so that the shipped data files resolve. Seeds: scenarios/*.toml,
// tests/scenarios/fixtures/*.toml. (docs/testing.md, "Fuzzing".)
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/errors.hpp"
#include "scenarios/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    pcsim::scenarios::parse_scenario(text, PCSIM_SOURCE_DIR "/scenarios/fuzz.toml");
  } catch (const pcsim::InputError&) {
    // A located refusal: what a bad scenario must give.
  }
  return 0;
}
