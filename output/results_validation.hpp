#pragma once
// Checks that what the runner hands over is consistent before any file is touched, so a
// malformed hand-over fails with a message naming the culprit instead of a half-written file.
#include "output/run_results.hpp"

namespace pcsim::output {

// Throws OutputError naming the first inconsistency: an array whose length does not match
// iterations x years, names that are empty, repeated, contain '/', or collide with the
// layout's own names, a Provenance.extra key that reuses a root attribute name, or a
// Provenance.iterations that is set and differs from RunResults.iterations.
void validate_for_writing(const RunResults& results, const Provenance& provenance);

}  // namespace pcsim::output
