#pragma once
// Reads the run-level part of /comparison (docs/output-format.md) for `pcsim summary`.
#include <hdf5.h>

#include <optional>

#include "output/summary_reader.hpp"

namespace pcsim::output {

// The /comparison group under `root`, or std::nullopt when the file has none (a run with
// one option). Throws OutputError when the group is there but lacks a documented item or
// its per-option lists do not match its option_order.
std::optional<ComparisonSummary> read_comparison(hid_t root);

}  // namespace pcsim::output
