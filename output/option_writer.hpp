#pragma once
// Writes one option's results under /options/<name> and parameter columns under a group
// (the layout of docs/output-format.md). Used by results_writer.cpp.
#include <hdf5.h>

#include <cstddef>
#include <string>
#include <vector>

#include "output/hdf5_handles.hpp"
#include "output/parallel_for.hpp"
#include "output/run_results.hpp"

namespace pcsim::output {

// The group `name` under `parent`, created when missing: /options and /options/<name> may
// already exist when per-practice figures were streamed in during the run.
h5::Group open_or_create_group(hid_t parent, const std::string& name);

// Writes `columns` as float64 [iterations] datasets under `group`, with attributes
// distribution, rationale and unit.
void write_parameter_columns(hid_t group, const std::vector<ParameterColumn>& columns);

// Fills /options/<option.name> under `options_group` (created if missing) with the
// per-iteration metrics [iterations x years], scalars [iterations], their summaries and
// the option's parameter overrides. `option` must have passed validate_for_writing. The
// summaries and the datasets' compression run through `parallel`; HDF5 is called on this
// thread only.
void write_option(hid_t options_group, const OptionResults& option, std::size_t iterations,
                  std::size_t years, const ParallelFor& parallel);

}  // namespace pcsim::output
