#pragma once
#include <string>
#include <utility>
#include <vector>

namespace pcsim {

// Something a run must tell its user that is not an error: a default that changes the
// answer, practices left out of a calculation, suppressed data cells. Printed on standard
// error (summarised), stored in full in the results file (/warnings), and an error under
// `--strict` (docs/cli.md).
struct RunWarning {
  RunWarning() = default;
  RunWarning(std::string key, std::string message, std::vector<std::string> items = {},
             std::string file = {}, int line = 0)
      : key(std::move(key)),
        message(std::move(message)),
        items(std::move(items)),
        file(std::move(file)),
        line(line) {}

  std::string key;      // what it concerns, as a scenario key or file: "funding.target_scope"
  std::string message;  // one line: what happened and what it changes
  std::vector<std::string> items;  // the practices or rows concerned, in full (may be empty)
  // Where the scenario wrote the one value a warning concerns (the scenario or a file it
  // includes, and the 1-based line), for --strict's error; empty and 0 otherwise. The
  // message names the place too: the results file keeps only key, message and items.
  std::string file;
  int line = 0;
};

}  // namespace pcsim
