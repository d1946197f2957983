#pragma once
#include <string>
#include <string_view>

namespace pcsim {

// SHA-256 (FIPS 180-4) of a byte string as 64 lower-case hex digits. Stored with results
// as the hash of the scenario file and of each data file read, so a results file names
// exactly the input it came from.
std::string sha256_hex(std::string_view data);

}  // namespace pcsim
