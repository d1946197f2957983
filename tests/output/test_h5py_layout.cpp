// A results file reads cleanly in h5py, the way analysts will open it: every dataset and
// attribute of docs/output-format.md with the documented shapes, str for strings, the
// filters, and summaries equal to NumPy's own statistics (tests/output/check_h5py.py).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include "core/errors.hpp"
#include "output/results_writer.hpp"
#include "sample_results.hpp"

namespace pcsim::output {
namespace {

using namespace testing;

const std::string kPython = "/usr/bin/python3";

int exit_status(int system_result) {
  return WIFEXITED(system_result) ? WEXITSTATUS(system_result) : -1;
}

bool python_has_h5py() {
  const std::string probe = kPython + " -c 'import h5py, numpy' >/dev/null 2>&1";
  return exit_status(std::system(probe.c_str())) == 0;
}

int run_checker(const std::filesystem::path& file) {
  const std::string script = std::string(PCSIM_SOURCE_DIR) + "/tests/output/check_h5py.py";
  const std::string command = kPython + " '" + script + "' '" + file.string() + "'";
  return exit_status(std::system(command.c_str()));
}

// Fact: h5py reads the sample run's file and NumPy agrees with every stored summary.
TEST(H5pyLayout, SampleRunReadsCleanly) {
  if (!python_has_h5py()) GTEST_SKIP() << kPython << " lacks h5py or numpy";
  TempDir dir;
  const auto file = dir.path() / "results.h5";
  write_results(file, false, sample_results(), sample_provenance());
  EXPECT_EQ(run_checker(file), 0);
}

// Fact: a run larger than one chunk (5000 iterations, 3 years, values with NaNs) also
// reads cleanly, chunked by 4096 rows.
TEST(H5pyLayout, MultiChunkRunReadsCleanly) {
  if (!python_has_h5py()) GTEST_SKIP() << kPython << " lacks h5py or numpy";
  TempDir dir;
  RunResults results = sample_results();
  results.iterations = 5000;
  for (auto& option : results.options) {
    for (auto& metric : option.by_year) {
      metric.resize(5000 * 3);
      for (std::size_t k = 0; k < metric.size(); ++k) {
        metric[k] = k % 97 == 0 ? kNaN : static_cast<double>((k * 7919) % 1000);
      }
    }
    for (auto& scalar : option.scalars) scalar.assign(5000, 1.5);
    for (auto& parameter : option.parameters) parameter.values.assign(5000, 0.05);
  }
  for (auto& parameter : results.parameters) parameter.values.assign(5000, 0.01);
  Provenance provenance = sample_provenance();
  provenance.iterations = 5000;
  const auto file = dir.path() / "large.h5";
  write_results(file, false, results, provenance);
  EXPECT_EQ(run_checker(file), 0);
}

// Fact: the central case, a choice parameter and the dimension scales read as documented:
// central/<metric> [years] and central/<scalar> scalar datasets beside the Monte Carlo
// results, the choice stored as its labels ("mean" in every iteration, with the list of
// choices), and every per-iteration dataset labelled iteration / year with its scale.
TEST(H5pyLayout, CentralCaseChoicesAndDimensionsReadCleanly) {
  if (!python_has_h5py()) GTEST_SKIP() << kPython << " lacks h5py or numpy";
  TempDir dir;
  RunResults results = sample_results();
  for (auto& option : results.options) {
    option.central_by_year.assign(option.metric_names.size(), std::vector<double>(kYears, 1.0));
    option.central_scalars.assign(option.scalar_names.size(), 2.0);
  }
  ParameterColumn target{"funding.target",
                         "fixed(value=\"mean\")",
                         "the issue's weighted mean",
                         "choice",
                         std::vector<double>(kIterations, 1.0),
                         {"median", "mean", "percentile", "pounds"}};
  results.parameters.push_back(target);
  const auto file = dir.path() / "central.h5";
  write_results(file, false, results, sample_provenance());
  EXPECT_EQ(run_checker(file), 0);
  const std::string labels = kPython +
                             " -c \"import h5py, sys; f = h5py.File(sys.argv[1], 'r'); "
                             "d = f['parameters/funding.target']; "
                             "sys.exit(0 if list(d.asstr()[()]) == ['mean'] * 5 and "
                             "list(d.attrs['choices'])[1] == 'mean' and "
                             "f['options/invest/central/investment'][0] == 1.0 else 1)\" '" +
                             file.string() + "'";
  EXPECT_EQ(exit_status(std::system(labels.c_str())), 0);
}

// Fact: a choice column whose value is not an index of its labels is refused before any
// file is written.
TEST(H5pyLayout, ChoiceOutOfRangeIsRefused) {
  TempDir dir;
  RunResults results = sample_results();
  ParameterColumn bad{"funding.target",  "", "", "choice", std::vector<double>(kIterations, 7.0),
                      {"median", "mean"}};
  results.parameters.push_back(bad);
  EXPECT_THROW(write_results(dir.path() / "bad.h5", false, results, sample_provenance()),
               OutputError);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "bad.h5"));
}

}  // namespace
}  // namespace pcsim::output
