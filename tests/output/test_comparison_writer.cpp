// /comparison as written by write_results, read back with the HDF5 C API (raw_h5.hpp), on
// the hand-worked example of comparison_example.hpp; and the same file read by h5py with
// every comparison recomputed by NumPy (check_h5py.py).
#include <gtest/gtest.h>
#include <hdf5.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "comparison_example.hpp"
#include "core/errors.hpp"
#include "output/results_writer.hpp"
#include "raw_h5.hpp"
#include "sample_results.hpp"

namespace pcsim::output {
namespace {

using namespace testing;
namespace fs = std::filesystem;

Provenance example_provenance() {
  Provenance provenance = sample_provenance();
  provenance.iterations = kExampleIterations;
  return provenance;
}

bool has_link(hid_t file, const std::string& path) {
  return H5Lexists(file, path.c_str(), H5P_DEFAULT) > 0;
}

class ComparisonWriter : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.path() / "compare.h5";
    write_results(path_, false, example_run(), example_provenance());
  }
  TempDir dir_;
  fs::path path_;
};

// Fact: /comparison names the baseline and the options, and holds a group for each
// option except the baseline (which is not compared with itself).
TEST_F(ComparisonWriter, GroupsAndNames) {
  RawId file = raw_open_file(path_.string());
  ASSERT_TRUE(file.ok());
  RawId group = raw_open_object(file.get(), "/comparison");
  ASSERT_TRUE(group.ok());
  EXPECT_EQ(raw_string_attribute(group.get(), "baseline"), "baseline");
  EXPECT_EQ(raw_string_attribute_values(group.get(), "option_order"),
            (std::vector<std::string>{"baseline", "invest", "defer"}));
  EXPECT_TRUE(has_link(file.get(), "/comparison/invest"));
  EXPECT_TRUE(has_link(file.get(), "/comparison/defer"));
  EXPECT_FALSE(has_link(file.get(), "/comparison/baseline"));
  RawId invest = raw_open_object(file.get(), "/comparison/invest");
  EXPECT_EQ(raw_string_attribute_values(invest.get(), "metric_order"),
            (std::vector<std::string>{"net_cost", "appointments_capacity", "overspend",
                                      "investment", "appointments_gap"}));
  EXPECT_EQ(raw_string_attribute_values(invest.get(), "scalar_order"),
            (std::vector<std::string>{"npv", "payback_year"}));
}

// Fact: the paired differences are stored [iterations x years] (scalars [iterations]) with
// the metric's unit and direction: net_cost invest - baseline = (-10, 20), (0, -50),
// (10, -50), (-50, -20); npv 0, -2e6, 5e6, 0 (£).
TEST_F(ComparisonWriter, PairedDifferences) {
  RawId file = raw_open_file(path_.string());
  RawId net_cost = raw_open_dataset(file.get(), "/comparison/invest/net_cost");
  ASSERT_TRUE(net_cost.ok());
  EXPECT_EQ(raw_dims(net_cost.get()), (std::vector<hsize_t>{4, 2}));
  EXPECT_EQ(raw_string_attribute(net_cost.get(), "unit"), "GBP");
  EXPECT_EQ(raw_string_attribute(net_cost.get(), "better"), "lower");
  EXPECT_EQ(raw_read_doubles(file.get(), "/comparison/invest/net_cost"),
            (std::vector<double>{-10, 20, 0, -50, 10, -50, -50, -20}));
  RawId npv = raw_open_dataset(file.get(), "/comparison/invest/npv");
  EXPECT_EQ(raw_dims(npv.get()), (std::vector<hsize_t>{4}));
  EXPECT_EQ(raw_string_attribute(npv.get(), "better"), "higher");
  EXPECT_EQ(raw_read_doubles(file.get(), "/comparison/invest/npv"),
            (std::vector<double>{0, -2e6, 5e6, 0}));
}

// Fact: summary/<metric> is [years x 10] like an option's summary: net_cost means -12.5
// and -25 (see test_comparison.cpp), no NaN; payback_year [1 x 10] with n_nan 2, mean 0.
TEST_F(ComparisonWriter, Summaries) {
  RawId file = raw_open_file(path_.string());
  RawId table = raw_open_dataset(file.get(), "/comparison/invest/summary/net_cost");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(raw_dims(table.get()), (std::vector<hsize_t>{2, 10}));
  const auto values = raw_read_doubles(file.get(), "/comparison/invest/summary/net_cost");
  ASSERT_EQ(values.size(), 20u);
  EXPECT_DOUBLE_EQ(values[0], -12.5);
  EXPECT_DOUBLE_EQ(values[10], -25.0);
  EXPECT_EQ(raw_string_attribute_values(table.get(), "statistics").front(), "mean");
  EXPECT_EQ(raw_number_attribute_values<std::int64_t>(table.get(), "n_nan", H5T_NATIVE_INT64),
            (std::vector<std::int64_t>{0, 0}));
  RawId payback = raw_open_dataset(file.get(), "/comparison/invest/summary/payback_year");
  EXPECT_EQ(raw_number_attribute_values<std::int64_t>(payback.get(), "n_nan", H5T_NATIVE_INT64),
            (std::vector<std::int64_t>{2}));
  EXPECT_DOUBLE_EQ(raw_read_doubles(file.get(), "/comparison/invest/summary/payback_year")[0], 0.0);
  EXPECT_EQ(raw_read_strings(file.get(), "/comparison/invest/summary/statistics").size(), 10u);
}

// Fact: p_beats_baseline is [metrics x years] with the metric names and directions beside
// it: rows net_cost (0.625, 0.75), capacity (0.625, 0.625), overspend (0.625, 0.625),
// investment (NaN, NaN: no direction), gap (1, 1); scalars npv 0.5, payback_year 0.5.
TEST_F(ComparisonWriter, ProbabilityBeatsBaseline) {
  RawId file = raw_open_file(path_.string());
  RawId p = raw_open_dataset(file.get(), "/comparison/invest/p_beats_baseline");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(raw_dims(p.get()), (std::vector<hsize_t>{5, 2}));
  EXPECT_EQ(raw_string_attribute_values(p.get(), "metrics").at(3), "investment");
  EXPECT_EQ(raw_string_attribute_values(p.get(), "better"),
            (std::vector<std::string>{"lower", "higher", "lower", "neither", "lower"}));
  const auto values = raw_read_doubles(file.get(), "/comparison/invest/p_beats_baseline");
  ASSERT_EQ(values.size(), 10u);
  const std::vector<double> expected = {0.625, 0.75, 0.625, 0.625, 0.625, 0.625, 0, 0, 1, 1};
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (k == 6 || k == 7) {
      EXPECT_TRUE(std::isnan(values[k])) << k;
    } else {
      EXPECT_DOUBLE_EQ(values[k], expected[k]) << k;
    }
  }
  RawId scalars = raw_open_dataset(file.get(), "/comparison/invest/p_beats_baseline_scalars");
  EXPECT_EQ(raw_string_attribute_values(scalars.get(), "scalars"),
            (std::vector<std::string>{"npv", "payback_year"}));
  EXPECT_EQ(raw_string_attribute_values(scalars.get(), "better"),
            (std::vector<std::string>{"higher", "lower"}));
  EXPECT_EQ(raw_read_doubles(file.get(), "/comparison/invest/p_beats_baseline_scalars"),
            (std::vector<double>{0.5, 0.5}));
}

// Fact: the run-level datasets hold one value per option with the option names beside
// them (hand values of test_comparison.cpp's OverviewByHand), and evpi is a scalar
// dataset in £: 3.25e6 - 2.75e6 = 5e5.
TEST_F(ComparisonWriter, RunLevelResults) {
  RawId file = raw_open_file(path_.string());
  const std::vector<std::string> names = {"baseline", "invest", "defer"};
  for (const char* name :
       {"p_best_npv", "expected_npv", "p_overspend_any_year", "expected_gap_last_year"}) {
    RawId dataset = raw_open_dataset(file.get(), std::string("/comparison/") + name);
    ASSERT_TRUE(dataset.ok()) << name;
    EXPECT_EQ(raw_string_attribute_values(dataset.get(), "options"), names) << name;
  }
  const auto best = raw_read_doubles(file.get(), "/comparison/p_best_npv");
  ASSERT_EQ(best.size(), 3u);
  EXPECT_NEAR(best[1], 11.0 / 24.0, 1e-15);
  EXPECT_EQ(raw_read_doubles(file.get(), "/comparison/expected_npv"),
            (std::vector<double>{2e6, 2.75e6, 1.5e6}));
  EXPECT_EQ(raw_read_doubles(file.get(), "/comparison/p_overspend_any_year"),
            (std::vector<double>{0.5, 0.25, 0.5}));
  EXPECT_EQ(raw_read_doubles(file.get(), "/comparison/expected_gap_last_year"),
            (std::vector<double>{65, 25, 65}));
  RawId evpi = raw_open_dataset(file.get(), "/comparison/evpi");
  ASSERT_TRUE(evpi.ok());
  EXPECT_TRUE(raw_dims(evpi.get()).empty());  // a scalar dataspace
  EXPECT_EQ(raw_string_attribute(evpi.get(), "unit"), "GBP");
  EXPECT_EQ(raw_read_doubles(file.get(), "/comparison/evpi"), (std::vector<double>{5e5}));
}

// Fact: a run with one option has nothing to compare: no /comparison at all.
TEST(ComparisonWriterSingle, OneOptionWritesNoComparison) {
  TempDir dir;
  RunResults run = example_run();
  run.options.resize(1);
  const auto path = dir.path() / "single.h5";
  write_results(path, false, run, example_provenance());
  RawId file = raw_open_file(path.string());
  ASSERT_TRUE(file.ok());
  EXPECT_FALSE(has_link(file.get(), "/comparison"));
}

// Fact: an option named like a run-level item of /comparison is refused with an
// OutputError naming it, and no file (nor its .tmp) is left behind.
TEST(ComparisonWriterSingle, OptionNamedLikeAComparisonItemIsRefused) {
  TempDir dir;
  RunResults run = example_run();
  run.options[2].name = "evpi";
  const auto path = dir.path() / "clash.h5";
  try {
    write_results(path, false, run, example_provenance());
    ADD_FAILURE() << "no OutputError";
  } catch (const OutputError& error) {
    EXPECT_NE(std::string(error.what()).find("'evpi'"), std::string::npos) << error.what();
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_TRUE(fs::is_empty(dir.path()));  // no temporary of any name either
}

// Fact: h5py reads /comparison as documented and NumPy, from /options, recomputes every
// difference, summary, P(beats), P(best), expected NPV, P(overspend), gap and the EVPI.
TEST_F(ComparisonWriter, H5pyRecomputesTheComparison) {
  const std::string probe = "/usr/bin/python3 -c 'import h5py, numpy' >/dev/null 2>&1";
  const int has_h5py = std::system(probe.c_str());
  if (!WIFEXITED(has_h5py) || WEXITSTATUS(has_h5py) != 0) GTEST_SKIP() << "no h5py or numpy";
  const std::string command = "/usr/bin/python3 '" + std::string(PCSIM_SOURCE_DIR) +
                              "/tests/output/check_h5py.py' '" + path_.string() + "'";
  const int status = std::system(command.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

}  // namespace
}  // namespace pcsim::output
