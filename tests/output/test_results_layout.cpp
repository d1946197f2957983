// write_results produces exactly the layout of docs/output-format.md, read back with the
// plain HDF5 C API (tests/output/raw_h5.hpp), values compared with the hand-made inputs
// of sample_results.hpp and summaries with hand-computed statistics.
#include <gtest/gtest.h>

#include <cmath>

#include "output/results_writer.hpp"
#include "raw_h5.hpp"
#include "sample_results.hpp"

namespace pcsim::output {
namespace {

using namespace testing;

class ResultsLayout : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.path() / "results.h5";
    write_results(path_, false, sample_results(), sample_provenance());
  }
  TempDir dir_;
  std::filesystem::path path_;
};

const std::vector<std::string> kStatistics = {"mean", "sd",  "se",  "p5",  "p10",
                                              "p25",  "p50", "p75", "p90", "p95"};

// Fact: the root carries every provenance attribute with the documented type and the
// value handed in; strings are variable-length UTF-8; Provenance.extra is added as strings.
TEST_F(ResultsLayout, RootAttributesCarryProvenance) {
  RawId file = raw_open_file(path_.string());
  ASSERT_TRUE(file.ok());
  const hid_t root = file.get();
  const Provenance p = sample_provenance();

  const RawAttributeInfo version = raw_attribute_info(root, "format_version");
  EXPECT_EQ(version.type_class, H5T_INTEGER);
  EXPECT_EQ(version.type_size, 4u);
  EXPECT_EQ(raw_int64_attribute(root, "format_version"), 1);

  for (const char* name :
       {"pcsim_version", "git_commit", "scenario_name", "scenario_file", "scenario_text",
        "scenario_sha256", "start_time", "end_time", "host", "command_line", "practice_data"}) {
    const RawAttributeInfo info = raw_attribute_info(root, name);
    EXPECT_EQ(info.type_class, H5T_STRING) << name;
    EXPECT_TRUE(info.variable_string) << name;
    EXPECT_TRUE(info.utf8) << name;
    EXPECT_EQ(info.count, 1) << name;
  }
  EXPECT_EQ(raw_string_attribute(root, "pcsim_version"), p.pcsim_version);
  EXPECT_EQ(raw_string_attribute(root, "git_commit"), p.git_commit);
  EXPECT_EQ(raw_string_attribute(root, "scenario_name"), p.scenario_name);
  EXPECT_EQ(raw_string_attribute(root, "scenario_file"), p.scenario_file);
  EXPECT_EQ(raw_string_attribute(root, "scenario_text"), p.scenario_text);
  EXPECT_EQ(raw_string_attribute(root, "scenario_sha256"), p.scenario_sha256);
  EXPECT_EQ(raw_string_attribute(root, "start_time"), p.start_time);
  EXPECT_EQ(raw_string_attribute(root, "end_time"), p.end_time);
  EXPECT_EQ(raw_string_attribute(root, "host"), p.host);
  EXPECT_EQ(raw_string_attribute(root, "command_line"), p.command_line);
  EXPECT_EQ(raw_string_attribute(root, "practice_data"), "12 real, 3 default");

  const RawAttributeInfo seed = raw_attribute_info(root, "seed");
  EXPECT_EQ(seed.type_size, 8u);
  EXPECT_EQ(seed.sign, H5T_SGN_NONE);
  const auto seeds = raw_number_attribute_values<std::uint64_t>(root, "seed", H5T_NATIVE_UINT64);
  ASSERT_EQ(seeds.size(), 1u);
  EXPECT_EQ(seeds[0], 18446744073709551557ULL);

  EXPECT_EQ(raw_attribute_info(root, "iterations").type_size, 8u);
  EXPECT_EQ(raw_int64_attribute(root, "iterations"), kIterations);
  EXPECT_EQ(raw_int64_attribute(root, "threads"), 2);
  EXPECT_EQ(raw_int64_attribute(root, "processes"), 1);
  EXPECT_EQ(raw_int64_attribute(root, "central"), 0);
  EXPECT_EQ(raw_attribute_info(root, "wall_seconds").type_class, H5T_FLOAT);
  EXPECT_DOUBLE_EQ(raw_double_attribute(root, "wall_seconds"), 12.5);
}

// Fact: /years lists the year labels; /options carries option_order, baseline first.
TEST_F(ResultsLayout, YearsAndOptionOrder) {
  RawId file = raw_open_file(path_.string());
  EXPECT_EQ(raw_read_strings(file.get(), "years"),
            (std::vector<std::string>{"2017/18", "2018/19", "2019/20"}));
  RawId options = raw_open_object(file.get(), "options");
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(raw_string_attribute_values(options.get(), "option_order"),
            (std::vector<std::string>{"baseline", "invest"}));
}

// Fact: every metric is float64 [iterations x years] holding the values handed in, with
// its unit, chunked by min(iterations, 4096) rows x all years, shuffled then deflated at
// level 1.
TEST_F(ResultsLayout, MetricsAreCompressedIterationByYearArrays) {
  RawId file = raw_open_file(path_.string());
  const RunResults input = sample_results();
  for (const auto& option : input.options) {
    RawId group = raw_open_object(file.get(), "options/" + option.name);
    ASSERT_TRUE(group.ok()) << option.name;
    EXPECT_EQ(raw_string_attribute_values(group.get(), "metric_order"), option.metric_names);
    EXPECT_EQ(raw_string_attribute_values(group.get(), "scalar_order"), option.scalar_names);
    for (std::size_t m = 0; m < option.metric_names.size(); ++m) {
      const std::string path = "options/" + option.name + "/" + option.metric_names[m];
      RawId dataset = raw_open_dataset(file.get(), path);
      ASSERT_TRUE(dataset.ok()) << path;
      EXPECT_EQ(raw_dims(dataset.get()), (std::vector<hsize_t>{kIterations, kYears})) << path;
      EXPECT_EQ(raw_string_attribute(dataset.get(), "unit"), option.metric_units[m]);
      const std::vector<double> stored = raw_read_doubles(file.get(), path);
      ASSERT_EQ(stored.size(), option.by_year[m].size());
      for (std::size_t k = 0; k < stored.size(); ++k) {
        const double expected = option.by_year[m][k];
        if (std::isnan(expected)) {
          EXPECT_TRUE(std::isnan(stored[k])) << path << " " << k;
        } else {
          EXPECT_EQ(stored[k], expected) << path << " " << k;
        }
      }
      const RawLayout layout = raw_layout(file.get(), path);
      EXPECT_EQ(layout.layout, H5D_CHUNKED) << path;
      EXPECT_EQ(layout.chunk, (std::vector<hsize_t>{kIterations, kYears})) << path;
      ASSERT_EQ(layout.filters.size(), 3u) << path;
      EXPECT_EQ(layout.filters[0].id, H5Z_FILTER_SHUFFLE);
      EXPECT_EQ(layout.filters[1].id, H5Z_FILTER_DEFLATE);
      EXPECT_EQ(layout.filters[1].first_value, 1u);
      EXPECT_EQ(layout.filters[2].id, H5Z_FILTER_FLETCHER32);
    }
  }
}

// Fact: scalars are float64 [iterations], compressed the same way, with their unit.
TEST_F(ResultsLayout, ScalarsAreCompressedPerIterationVectors) {
  RawId file = raw_open_file(path_.string());
  const std::vector<double> npv = raw_read_doubles(file.get(), "options/invest/npv");
  EXPECT_EQ(npv, (std::vector<double>{-1000, 0, 1000, 2000, 3000}));
  RawId payback = raw_open_dataset(file.get(), "options/invest/payback_year");
  EXPECT_EQ(raw_dims(payback.get()), (std::vector<hsize_t>{kIterations}));
  EXPECT_EQ(raw_string_attribute(payback.get(), "unit"), "year");
  const RawLayout layout = raw_layout(file.get(), "options/invest/npv");
  EXPECT_EQ(layout.chunk, (std::vector<hsize_t>{kIterations}));
  ASSERT_EQ(layout.filters.size(), 3u);
  EXPECT_EQ(layout.filters[0].id, H5Z_FILTER_SHUFFLE);
  EXPECT_EQ(layout.filters[1].id, H5Z_FILTER_DEFLATE);
  EXPECT_EQ(layout.filters[2].id, H5Z_FILTER_FLETCHER32);
}

// Fact: summary/<metric> is [years x 10 statistics] with the names beside the data (the
// `statistics` attribute and the summary/statistics dataset) and NaN counts per year.
// Hand calculation, option "invest", investment in year 0 is 1e6 x (1..5): mean 3e6,
// sd 1e6 sqrt(2.5) = 1,581,138.83, se = sd / sqrt(5) = 707,106.78; type 7 with
// h = 4 q / 100: p5 1.2e6, p10 1.4e6, p25 2e6, p50 3e6, p75 4e6, p90 4.6e6, p95 4.8e6.
// Year 2 adds 200,000 to every value, so the location statistics shift by 2e5.
TEST_F(ResultsLayout, MetricSummariesHoldHandComputedStatistics) {
  RawId file = raw_open_file(path_.string());
  EXPECT_EQ(raw_read_strings(file.get(), "options/invest/summary/statistics"), kStatistics);
  const std::string path = "options/invest/summary/investment";
  RawId dataset = raw_open_dataset(file.get(), path);
  ASSERT_TRUE(dataset.ok());
  EXPECT_EQ(raw_dims(dataset.get()), (std::vector<hsize_t>{kYears, 10}));
  EXPECT_EQ(raw_string_attribute_values(dataset.get(), "statistics"), kStatistics);
  EXPECT_EQ(raw_string_attribute(dataset.get(), "unit"), "GBP");
  EXPECT_EQ(raw_number_attribute_values<std::int64_t>(dataset.get(), "n_nan", H5T_NATIVE_INT64),
            (std::vector<std::int64_t>{0, 0, 0}));

  const std::vector<double> table = raw_read_doubles(file.get(), path);
  ASSERT_EQ(table.size(), 30u);
  const std::vector<double> year0 = {
      3e6, 1581138.8300841898, 707106.78118654752, 1.2e6, 1.4e6, 2e6, 3e6, 4e6, 4.6e6, 4.8e6};
  for (std::size_t s = 0; s < 10; ++s) {
    EXPECT_NEAR(table[s], year0[s], 1e-6) << kStatistics[s];
    const double shift = (s == 1 || s == 2) ? 0.0 : 2e5;  // sd and se do not move
    EXPECT_NEAR(table[20 + s], year0[s] + shift, 1e-6) << kStatistics[s];
  }
}

// Fact: NaNs are left out of the summaries and counted in n_nan. roi year 0 is
// {NaN, 2, 4, 6, 8}: n_nan 1, mean 5, p50 (h = 1.5) 4 + 0.5 x 2 = 5; later years
// {0, 2, 4, 6, 8}: mean 4. payback_year {NaN, NaN, 3, 4, 5}: [1 x 10], n_nan 2, mean 4.
TEST_F(ResultsLayout, SummariesSkipAndCountNaN) {
  RawId file = raw_open_file(path_.string());
  RawId roi = raw_open_dataset(file.get(), "options/invest/summary/roi");
  EXPECT_EQ(raw_number_attribute_values<std::int64_t>(roi.get(), "n_nan", H5T_NATIVE_INT64),
            (std::vector<std::int64_t>{1, 0, 0}));
  const std::vector<double> roi_table = raw_read_doubles(file.get(), "options/invest/summary/roi");
  ASSERT_EQ(roi_table.size(), 30u);
  EXPECT_DOUBLE_EQ(roi_table[0], 5);
  EXPECT_DOUBLE_EQ(roi_table[6], 5);  // p50
  EXPECT_DOUBLE_EQ(roi_table[10], 4);

  const std::string path = "options/invest/summary/payback_year";
  RawId payback = raw_open_dataset(file.get(), path);
  EXPECT_EQ(raw_dims(payback.get()), (std::vector<hsize_t>{1, 10}));
  EXPECT_EQ(raw_number_attribute_values<std::int64_t>(payback.get(), "n_nan", H5T_NATIVE_INT64),
            (std::vector<std::int64_t>{2}));
  EXPECT_EQ(raw_string_attribute_values(payback.get(), "statistics"), kStatistics);
  EXPECT_DOUBLE_EQ(raw_read_doubles(file.get(), path)[0], 4);
}

// Fact: parameter columns are float64 [iterations] with distribution, rationale and unit;
// an option's overrides sit under /options/<option>/parameters.
TEST_F(ResultsLayout, ParametersCarryTheirProvenance) {
  RawId file = raw_open_file(path_.string());
  const RunResults input = sample_results();
  const ParameterColumn& growth = input.parameters[0];
  const std::string path = "parameters/" + growth.name;
  EXPECT_EQ(raw_read_doubles(file.get(), path), growth.values);
  RawId dataset = raw_open_dataset(file.get(), path);
  EXPECT_EQ(raw_string_attribute(dataset.get(), "distribution"), growth.distribution);
  EXPECT_EQ(raw_string_attribute(dataset.get(), "rationale"), growth.rationale);
  EXPECT_EQ(raw_string_attribute(dataset.get(), "unit"), growth.unit);
  EXPECT_EQ(raw_layout(file.get(), path).filters.size(), 3u);

  const std::string override_path = "options/invest/parameters/finance.discount_rate";
  EXPECT_EQ(raw_read_doubles(file.get(), override_path),
            (std::vector<double>{0.05, 0.05, 0.05, 0.05, 0.05}));
  RawId overridden = raw_open_dataset(file.get(), override_path);
  EXPECT_EQ(raw_string_attribute(overridden.get(), "distribution"), "fixed(0.05)");
  RawId baseline_parameters = raw_open_object(file.get(), "options/baseline/parameters");
  EXPECT_TRUE(baseline_parameters.ok());  // present even when the option overrides nothing
}

}  // namespace
}  // namespace pcsim::output
