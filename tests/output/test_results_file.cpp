// The results file written while a run goes (output/results_file.hpp): per-practice
// batches appended to extendible datasets with hand-checkable summaries, the .tmp that
// disappears unless finished, the refusals, and the --until-se root attributes. Read back
// with the HDF5 C API (raw_h5.hpp), not with the code under test.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>

#include "core/errors.hpp"
#include "output/practice_writer.hpp"
#include "output/results_file.hpp"
#include "output/results_writer.hpp"
#include "raw_h5.hpp"
#include "sample_results.hpp"

namespace pcsim::output {
namespace {

using namespace testing;

constexpr std::size_t kPractices = 2;
const std::vector<std::string> kFigures = {"closed", "appointments_gap", "funding_per_weighted"};

// Figures of iteration i, practice p, year y (5 iterations, 2 practices, 3 years):
//   closed  = (i + p + y) % 2
//   gap     = 10 i + p + 0.5 y
//   funding = 100 + i, but NaN for i = 0, p = 0, y = 0
double figure(std::size_t k, int i, int p, int y) {
  if (k == 0) return (i + p + y) % 2;
  if (k == 1) return 10.0 * i + p + 0.5 * y;
  return (i == 0 && p == 0 && y == 0) ? kNaN : 100.0 + i;
}

// Rows [first, first + count) of every figure, row-major [iteration][practice][year].
std::vector<std::vector<double>> rows(int first, int count) {
  std::vector<std::vector<double>> figures(kFigures.size());
  for (std::size_t k = 0; k < kFigures.size(); ++k) {
    for (int i = first; i < first + count; ++i) {
      for (int p = 0; p < static_cast<int>(kPractices); ++p) {
        for (int y = 0; y < kYears; ++y) figures[k].push_back(figure(k, i, p, y));
      }
    }
  }
  return figures;
}

PracticeLayout layout_of(const RunResults& results) {
  PracticeLayout layout;
  for (const auto& option : results.options) layout.option_names.push_back(option.name);
  layout.trace_names = kFigures;
  layout.trace_units = {"0/1", "appointments", "GBP per weighted patient"};
  layout.practice_codes = {"P1", "P2"};
  layout.years = kYears;
  return layout;
}

// Streams iterations [0, 2) then [2, 5) of every option.
void stream(ResultsFile& file, const RunResults& results) {
  file.start_practices(layout_of(results));
  const auto first = rows(0, 2);
  const auto second = rows(2, 3);
  for (std::size_t o = 0; o < results.options.size(); ++o) {
    file.append_practice_batch({o, 0, 2, first});
    file.append_practice_batch({o, 2, 3, second});
  }
}

// Fact: two batches make one [5 x 2 x 3] dataset holding every row in order, extendible
// along the iterations, chunked by whole iterations; the summaries are the hand means:
//   closed p=0, y=0: i = 0..4 gives 0, 1, 0, 1, 0 -> 0.4; p=1, y=0: 1, 0, 1, 0, 1 -> 0.6
//   gap: mean of 10 i over i = 0..4 is 20, so 20 + p + 0.5 y
//   funding: 100 + mean(i) = 102, but p=0, y=0 leaves i = 0 out: 100 + 2.5 = 102.5, n_nan 1
TEST(ResultsFile, StreamedBatchesAndTheirMeans) {
  TempDir dir;
  const auto out = dir.path() / "streamed.h5";
  const RunResults results = sample_results();
  {
    ResultsFile file = ResultsFile::open_temporary(out, false);
    stream(file, results);
    EXPECT_TRUE(std::filesystem::exists(file.temporary_path()));
    EXPECT_FALSE(std::filesystem::exists(out));
    file.finish(results, sample_provenance());
  }
  EXPECT_EQ(entries_of(dir.path()), std::vector<std::string>{"streamed.h5"});
  RawId f = raw_open_file(out.string());
  ASSERT_TRUE(f.ok());
  const std::string group = "/options/invest/practices/";
  EXPECT_EQ(raw_read_strings(f.get(), group + "codes"), (std::vector<std::string>{"P1", "P2"}));
  const auto all = rows(0, 5);
  for (std::size_t k = 0; k < kFigures.size(); ++k) {
    RawId dataset = raw_open_dataset(f.get(), group + kFigures[k]);
    RawId space(H5Dget_space(dataset.get()), H5Sclose);
    hsize_t dims[3] = {0, 0, 0};
    hsize_t max_dims[3] = {0, 0, 0};
    ASSERT_EQ(H5Sget_simple_extent_dims(space.get(), dims, max_dims), 3);
    EXPECT_EQ(dims[0], 5u);
    EXPECT_EQ(dims[1], kPractices);
    EXPECT_EQ(dims[2], static_cast<hsize_t>(kYears));
    EXPECT_EQ(max_dims[0], H5S_UNLIMITED);
    const auto values = raw_read_doubles(f.get(), group + kFigures[k]);
    ASSERT_EQ(values.size(), all[k].size());
    for (std::size_t c = 0; c < values.size(); ++c) {
      EXPECT_TRUE(values[c] == all[k][c] || (std::isnan(values[c]) && std::isnan(all[k][c])));
    }
    const RawLayout layout = raw_layout(f.get(), group + kFigures[k]);
    EXPECT_EQ(layout.chunk, (std::vector<hsize_t>{256, kPractices, kYears}));
    ASSERT_EQ(layout.filters.size(), 3u);
    EXPECT_EQ(layout.filters[0].id, H5Z_FILTER_SHUFFLE);
    EXPECT_EQ(layout.filters[1].id, H5Z_FILTER_DEFLATE);
    EXPECT_EQ(layout.filters[2].id, H5Z_FILTER_FLETCHER32);
  }
  const auto closed = raw_read_doubles(f.get(), group + "summary/closed");
  ASSERT_EQ(closed.size(), kPractices * kYears);
  EXPECT_DOUBLE_EQ(closed[0 * kYears + 0], 0.4);
  EXPECT_DOUBLE_EQ(closed[1 * kYears + 0], 0.6);
  const auto gap = raw_read_doubles(f.get(), group + "summary/appointments_gap");
  for (int p = 0; p < 2; ++p) {
    for (int y = 0; y < kYears; ++y) EXPECT_DOUBLE_EQ(gap[p * kYears + y], 20 + p + 0.5 * y);
  }
  const auto funding = raw_read_doubles(f.get(), group + "summary/funding_per_weighted");
  EXPECT_DOUBLE_EQ(funding[0], 102.5);
  EXPECT_DOUBLE_EQ(funding[1], 102.0);
  RawId summary = raw_open_object(f.get(), group + "summary/funding_per_weighted");
  EXPECT_EQ(raw_int64_attribute(summary.get(), "n_nan"), 1);
  EXPECT_EQ(raw_string_attribute(summary.get(), "unit"), "GBP per weighted patient");
  // The rest of the layout is unchanged beside the practices group.
  EXPECT_EQ(raw_read_doubles(f.get(), "/options/invest/npv").size(), 5u);
  EXPECT_EQ(raw_read_doubles(f.get(), "/options/baseline/summary/list_size").size(), 30u);
}

// Fact: write_results with the figures in memory writes the same per-practice arrays as
// streaming them in batches.
TEST(ResultsFile, InMemoryTracesMatchStreamedBatches) {
  TempDir dir;
  RunResults results = sample_results();
  results.practice_codes = {"P1", "P2"};
  for (auto& option : results.options) {
    option.practice_trace_names = kFigures;
    option.practice_trace_units = {"0/1", "appointments", "GBP per weighted patient"};
    option.practice_traces = rows(0, 5);
  }
  write_results(dir.path() / "memory.h5", false, results, sample_provenance());
  ResultsFile file = ResultsFile::open_temporary(dir.path() / "streamed.h5", false);
  stream(file, sample_results());
  file.finish(sample_results(), sample_provenance());
  RawId a = raw_open_file((dir.path() / "memory.h5").string());
  RawId b = raw_open_file((dir.path() / "streamed.h5").string());
  for (const auto& name : kFigures) {
    for (const std::string& path :
         {"/options/baseline/practices/" + name, "/options/baseline/practices/summary/" + name}) {
      const auto x = raw_read_doubles(a.get(), path);
      const auto y = raw_read_doubles(b.get(), path);
      ASSERT_EQ(x.size(), y.size()) << path;
      EXPECT_EQ(std::memcmp(x.data(), y.data(), x.size() * sizeof(double)), 0) << path;
    }
  }
}

// Fact: a file dropped without finish() leaves neither OUT nor OUT.tmp; an existing OUT is
// refused without force and left as it was.
TEST(ResultsFile, UnfinishedFileIsRemovedAndExistingOutputRefused) {
  TempDir dir;
  const auto out = dir.path() / "dropped.h5";
  {
    ResultsFile file = ResultsFile::open_temporary(out, false);
    stream(file, sample_results());
    ResultsFile moved = std::move(file);  // ownership moves; only one removal
  }
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_TRUE(entries_of(dir.path()).empty());
  std::ofstream(out) << "precious";
  EXPECT_THROW(ResultsFile::open_temporary(out, false), OutputError);
  std::ifstream in(out);
  std::string text;
  in >> text;
  EXPECT_EQ(text, "precious");
}

// Fact: a batch out of order, a batch of the wrong size, and a file whose practice rows
// fall short of the run's iterations are errors; the failed file is removed.
TEST(ResultsFile, MisfitBatchesAreRefused) {
  TempDir dir;
  const auto out = dir.path() / "misfit.h5";
  const RunResults results = sample_results();
  {
    ResultsFile file = ResultsFile::open_temporary(out, false);
    file.start_practices(layout_of(results));
    EXPECT_THROW(file.append_practice_batch({0, 2, 3, rows(2, 3)}), OutputError);
    EXPECT_THROW(file.append_practice_batch({0, 0, 3, rows(0, 2)}), OutputError);
    file.append_practice_batch({0, 0, 2, rows(0, 2)});
    file.append_practice_batch({1, 0, 5, rows(0, 5)});
    EXPECT_THROW(file.finish(results, sample_provenance()), OutputError);  // baseline: 2 of 5
  }
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_TRUE(entries_of(dir.path()).empty());
}

// Fact: chunks hold whole iterations, a power of two up to 256 of them, within 1 MiB:
// 2 x 3 doubles = 48 bytes a row -> 256; 6500 practices x 10 years = 520,000 bytes a row ->
// 2 rows (1,040,000 bytes; 4 would be 2,080,000 > 1,048,576); a row above 1 MiB -> 1.
TEST(ResultsFile, ChunkRowsStayWithinOneMebibyte) {
  EXPECT_EQ(practice_chunk_rows(2, 3), 256u);
  EXPECT_EQ(practice_chunk_rows(6500, 10), 2u);
  EXPECT_EQ(practice_chunk_rows(20000, 10), 1u);
}

// Fact: a --until-se run's record becomes the five convergence_* root attributes, typed
// as documented (string, float64, float64, int32 0/1, int64).
TEST(ResultsFile, ConvergenceAttributes) {
  TempDir dir;
  RunResults results = sample_results();
  results.convergence = ConvergenceRecord{"net_cost@2019/20", 0.02, 0.0175, true, 5};
  write_results(dir.path() / "converged.h5", false, results, sample_provenance());
  RawId f = raw_open_file((dir.path() / "converged.h5").string());
  RawId root = raw_open_object(f.get(), "/");
  EXPECT_EQ(raw_string_attribute(root.get(), "convergence_metric"), "net_cost@2019/20");
  EXPECT_DOUBLE_EQ(raw_double_attribute(root.get(), "convergence_target_rel_se"), 0.02);
  EXPECT_DOUBLE_EQ(raw_double_attribute(root.get(), "convergence_reached_rel_se"), 0.0175);
  EXPECT_EQ(raw_int64_attribute(root.get(), "convergence_met"), 1);
  EXPECT_EQ(raw_int64_attribute(root.get(), "convergence_iterations"), 5);
  EXPECT_EQ(raw_attribute_info(root.get(), "convergence_met").type_size, 4u);
  EXPECT_EQ(raw_attribute_info(root.get(), "convergence_iterations").type_size, 8u);
  // Without the record, no such attribute.
  write_results(dir.path() / "fixed.h5", false, sample_results(), sample_provenance());
  RawId g = raw_open_file((dir.path() / "fixed.h5").string());
  RawId fixed_root = raw_open_object(g.get(), "/");
  EXPECT_FALSE(raw_has_attribute(fixed_root.get(), "convergence_met"));
}

}  // namespace
}  // namespace pcsim::output
