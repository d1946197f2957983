#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/warnings.hpp"
#include "model/distribution.hpp"
#include "model/parameter_registry.hpp"
#include "model/parameters.hpp"
#include "model/practice.hpp"
#include "scenarios/practice_data_spec.hpp"
#include "scenarios/sampling_spec.hpp"

namespace pcsim::scenarios {

// One parameter a scenario sets (fixed or uncertain), with where it was set and why.
struct ParameterEntry {
  std::string path;  // concrete: "roles.nurse.cost_per_fte"
  const model::ParameterSpec* spec = nullptr;
  std::size_t element = 0;           // role / quality-standard index for '*' paths
  model::Distribution distribution;  // Fixed for integers, booleans and choices
  std::string rationale;             // free text from `rationale = "..."`, may be empty
  int line = 0;                      // where it was set: line of `file`
  std::string file;                  // the scenario file or a file it includes
};

// The baseline or an option: full parameter settings plus what the scenario said.
struct OptionSpec {
  std::string name;
  std::string description;  // the option's `description`, may be empty
  // The line of the scenario file giving the name (an option's name = "...", the
  // baseline's baseline = "..."), for messages about the name; 0 when the name is the
  // default ("baseline").
  int name_line = 0;
  // Every parameter at its central value (defaults where the scenario is silent). The
  // runner copies this and overwrites the uncertain entries with each iteration's draws.
  model::ModelParameters central;
  // Every parameter the scenario set for this option, baseline entries included (an
  // option's own overrides replace the baseline's entry of the same path).
  std::vector<ParameterEntry> parameters;
};

// A validated scenario, ready to run. Immutable once loaded.
struct Scenario {
  std::filesystem::path file;
  std::string text;  // the file's full text and its includes', stored in the output
  std::vector<std::filesystem::path> included_files;  // as read, depth first
  int format = 1;
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  std::int64_t iterations = 1000;
  PracticeDataSpec practice_data;
  model::PracticeSet practices;
  PracticeLoadReport load_report;
  std::vector<OptionSpec> options;  // options[0] is the baseline
  SamplingSpec sampling;            // [sampling]: Latin hypercube, rank correlations
  // What the loader found that the user must know (defaults that change the answer,
  // practices left out, suppressed cells), in the order found.
  std::vector<RunWarning> warnings;
};

// Parses and validates the text of a scenario file (docs/scenario-format.md) without
// loading the practice files (it checks that they exist; relative paths are resolved
// against file's folder). `practices` and `load_report` stay empty. Throws InputError
// listing every problem found (file, line, column, key, found, expected, suggestion).
Scenario parse_scenario(std::string_view text, const std::filesystem::path& file);

// Reads the file, parse_scenario()s it and loads its practices with the baseline's roles.
// Throws InputError listing every problem found (file, line, column, key, found,
// expected, suggestion).
Scenario load_scenario(const std::filesystem::path& file);

}  // namespace pcsim::scenarios
