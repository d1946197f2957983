#pragma once
// A key given twice. toml++ refuses it but names the key badly when it is quoted: for
// `format = 1` then `"format" = 1` it says "cannot redefine existing integer
// '"foformat" '". The key is read back here from the text at toml++'s line, as TOML
// reads it ("format", 'format' and format are one key), with the table it is in and the
// line it was first given at.
#include <filesystem>
#include <optional>
#include <string_view>

#include "core/errors.hpp"

namespace pcsim::scenarios {

// For toml++'s parse error `description` at `line` (1-based) of `text`: when it is a
// redefinition ("cannot redefine existing ..."), the problem at that line naming the key
// in full (e.g. 'population.gp_share'), as written there, and where it was first given;
// otherwise, or when the line cannot be read so, nullopt.
std::optional<Diagnostic> key_reuse_problem(std::string_view text, int line,
                                            std::string_view description,
                                            const std::filesystem::path& file);

}  // namespace pcsim::scenarios
