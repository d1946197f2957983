#pragma once
// Everything `pcsim report` and `pcsim export` show, read from a results file or a
// sensitivity file alone (never from the model), so any file can be reported again later.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/warnings.hpp"
#include "output/analytics_results.hpp"
#include "output/provenance.hpp"
#include "output/results_kind.hpp"
#include "output/sensitivity_results.hpp"
#include "output/summary_reader.hpp"

namespace pcsim::output {

// One column of /parameters or /options/<o>/parameters.
struct ParameterRecord {
  std::string name;    // dotted scenario key
  std::string option;  // "" for the run's (baseline) column, else the option overriding it
  std::string distribution;
  std::string rationale;
  std::string unit;
  std::vector<double> values;       // [iterations]; empty for a choice
  std::vector<std::string> labels;  // [iterations]: a choice's labels; empty otherwise
};

// --per-practice: the means over the iterations of each figure, [practices x years].
struct PracticeFigures {
  std::string option;
  std::vector<std::string> codes;
  std::vector<std::string> figures;  // "closed", "appointments_gap", ...
  std::vector<std::string> units;
  std::vector<std::vector<double>> means;  // [figure][practice * years + year]
};

// The run's Spearman correlations of each uncertain parameter with the NPV.
struct NpvCorrelations {
  std::string option;
  std::vector<std::string> parameters;
  std::vector<double> rho;
};

struct ReportData {
  std::filesystem::path path;
  ResultsKind kind = ResultsKind::Run;
  // Every root attribute but scenario_text, as text: the provenance ones in layout order,
  // then the rest by name (for the provenance tables).
  std::vector<std::pair<std::string, std::string>> attributes;
  // The same root attributes as typed fields (a run file's summary.provenance is the same).
  Provenance provenance;
  std::vector<std::string> years;

  // Results files of pcsim run:
  ResultsSummary summary;
  std::vector<std::vector<double>> npv;  // [option][iteration]; empty for an option without
  // [option]: share of iterations with overspend > 0 in at least one year (NaN without
  // the overspend metric), from the per-iteration data.
  std::vector<double> p_overspend_any_year;
  // [option]: true when the option's investment is 0 in every iteration and year (and in
  // the central case): it has nothing to pay back. False without the investment metric.
  std::vector<char> no_investment;
  std::vector<ParameterRecord> parameters;
  std::vector<RunWarning> warnings;  // as the run gave them (core/warnings.hpp)
  std::vector<PracticeFigures> practices;
  std::vector<NpvCorrelations> correlations;
  // --drivers (/options/<o>/drivers) and --sobol (/sensitivity/<o>/sobol_by_year), when
  // the file holds them (output/analytics_reader.hpp).
  AnalyticsResults analytics;

  // Sensitivity files of pcsim sensitivity:
  std::optional<SensitivityResults> sensitivity;

  // The text of root attribute `name` (from `attributes`), or "" when the file lacks it.
  std::string attribute(const std::string& name) const;

  // `names` (options' groups as HDF5 lists them, in byte order) in the run's option order,
  // the baseline first, as every other table of the report, workbook and CSV lists them;
  // names the run does not know keep their order after the others.
  std::vector<std::string> in_option_order(std::vector<std::string> names) const;
};

// Reads `path` (either kind). Throws OutputError with one line naming the file when it is
// not a readable pcsim file (output/results_kind.hpp) or lacks part of its layout.
ReportData read_report_data(const std::filesystem::path& path);

}  // namespace pcsim::output
