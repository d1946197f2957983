#pragma once
#include <string>
#include <string_view>

namespace pcsim::runner {

// SHA-256 (FIPS 180-4) of a byte string as 64 lower-case hex digits. Stored with results
// as the hash of the scenario file, so a results file names exactly the input it came from.
std::string sha256_hex(std::string_view data);

}  // namespace pcsim::runner
