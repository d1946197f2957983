#pragma once
// The index of a batch of runs (`pcsim run A.toml B.toml DIR`, docs/cli.md "Batches of
// scenarios"): one CSV file beside the results files, one row per scenario and option,
// with the headline figures read back from each results file (never from the model's
// internals), so the index always agrees with the files it lists. Layout:
// docs/output-format.md, "The index of a batch".
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace pcsim::output {

// The figures of one option of one run, as the index holds them.
struct BatchIndexRow {
  std::string scenario;       // the scenario's name
  std::string scenario_file;  // as given on the command line
  std::string results_file;   // relative to the index's folder
  std::string option;
  bool baseline = false;
  std::int64_t iterations = 0;
  std::uint64_t seed = 0;
  std::string first_year;  // "2023/24"
  double npv_mean = 0, npv_p10 = 0, npv_p90 = 0, npv_central = 0;
  double investment_first_year_mean = 0, investment_first_year_p10 = 0,
         investment_first_year_p90 = 0;
};

// The headline of the index, in column order.
inline constexpr const char* kBatchIndexHeader =
    "scenario,scenario_file,results_file,option,baseline,iterations,seed,first_year,npv_mean,"
    "npv_p10,npv_p90,npv_central,investment_first_year_mean,investment_first_year_p10,"
    "investment_first_year_p90";

// The rows of one results file (every option, baseline first), read with read_summary.
// Throws OutputError when the file cannot be read or lacks a headline figure.
std::vector<BatchIndexRow> batch_index_rows(const std::string& scenario,
                                            const std::string& scenario_file,
                                            const std::filesystem::path& results_file,
                                            const std::filesystem::path& index_folder);

// Writes the rows to `out` as CSV (header kBatchIndexHeader; numbers exact, NaN empty),
// through OUT.tmp renamed when complete; replaces `out` when `force`.
void write_batch_index(const std::filesystem::path& out, const std::vector<BatchIndexRow>& rows,
                       bool force);

// The rows as a text table for the terminal: results file, option, NPV mean, P10, P90 and the
// first year's investment.
void print_batch_index(const std::vector<BatchIndexRow>& rows, std::ostream& out);

}  // namespace pcsim::output
