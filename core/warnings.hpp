#pragma once
#include <string>
#include <vector>

namespace pcsim {

// Something a run must tell its user that is not an error: a default that changes the
// answer, practices left out of a calculation, suppressed data cells. Printed on standard
// error (summarised), stored in full in the results file (/warnings), and an error under
// `--strict` (docs/cli.md).
struct RunWarning {
  std::string key;      // what it concerns, as a scenario key or file: "funding.target_scope"
  std::string message;  // one line: what happened and what it changes
  std::vector<std::string> items;  // the practices or rows concerned, in full (may be empty)
};

}  // namespace pcsim
