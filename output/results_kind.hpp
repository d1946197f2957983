#pragma once
// The kinds of file pcsim writes (output/results_open.hpp tells which a path holds).
#include <string>

namespace pcsim::output {

enum class ResultsKind {
  Run,          // `pcsim run`: /options (docs/output-format.md)
  Sensitivity,  // `pcsim sensitivity`: /sensitivity and no /options
};

// "results file of pcsim run" / "sensitivity file of pcsim sensitivity".
std::string describe(ResultsKind kind);

}  // namespace pcsim::output
