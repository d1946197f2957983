#pragma once
// The run's warnings as text, one line each: how `pcsim run` and `pcsim validate` print them
// on standard error before a run, and how `pcsim summary` prints those a results file keeps
// (/warnings), so that both read the same.
#include <cstddef>
#include <ostream>
#include <vector>

#include "core/warnings.hpp"

namespace pcsim::output {

// How many items of a warning a line shows before "... and N more".
inline constexpr std::size_t kWarningItemsShown = 5;

// The warnings on `out`, one line each: "warning: KEY: MESSAGE [N: A; B; C; D; E and N-5
// more]" (the items cut at their first ':'); with `verbose` every item, whole, follows on its
// own indented line instead. A closing line says where the full lists are when some were
// shortened.
void print_warnings(const std::vector<RunWarning>& warnings, std::ostream& out, bool verbose);

}  // namespace pcsim::output
