#pragma once
// The run's warnings as text, one line each: how `pcsim run` and `pcsim validate` print them
// on standard error before a run, and how `pcsim summary` prints those a results file keeps
// (/warnings), so that both read the same.
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "core/warnings.hpp"

namespace pcsim::output {

// How many items of a warning a line shows before "... and N more".
inline constexpr std::size_t kWarningItemsShown = 5;

// The longest a name (an option's, a role's) is shown inside a printed warning, as a
// diagnostic shows its key (core/errors.hpp): a longer one is cut there, with its whole
// length noted.
inline constexpr std::size_t kWarningNameBytes = 200;

// The warnings on `out`, one line each: "warning: KEY: MESSAGE [N: A; B; C; D; E and N-5
// more]" (the items cut at their first ':'); with `verbose` every item, whole, follows on its
// own indented line instead. A closing line says where the full lists are when some were
// shortened. Each of `names` (the option and role names the warnings may echo) longer than
// kWarningNameBytes is shown cut wherever it appears in a key, message or item: a name of
// 70,000 characters made a warning line of 70,000 (the warnings stored in the results file
// keep names whole).
void print_warnings(const std::vector<RunWarning>& warnings, std::ostream& out, bool verbose,
                    const std::vector<std::string>& names = {});

}  // namespace pcsim::output
