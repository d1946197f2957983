// write_results and the file system: no overwrite without --force, the .tmp never
// survives, a failed write never leaves a file under the final name, and inconsistent
// input is refused before anything is written.
#include "output/results_writer.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/errors.hpp"
#include "raw_h5.hpp"
#include "sample_results.hpp"

namespace pcsim::output {
namespace {

using namespace testing;
namespace fs = std::filesystem;

// Nothing in `folder` but `expected` (no temporary file of any name).
void expect_only(const fs::path& folder, std::vector<std::string> expected) {
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(entries_of(folder), expected);
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string message_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const OutputError& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected OutputError";
  return {};
}

// Fact: a successful write leaves the final file and no .tmp beside it.
TEST(ResultsWriter, SuccessLeavesOnlyTheFinalFile) {
  TempDir dir;
  const fs::path out = dir.path() / "results.h5";
  write_results(out, false, sample_results(), sample_provenance());
  EXPECT_TRUE(fs::is_regular_file(out));
  expect_only(dir.path(), {"results.h5"});
}

// Fact: without force an existing file is refused with "exists; use --force" and left
// untouched; with force it is replaced by the new results.
TEST(ResultsWriter, RefusesToOverwriteWithoutForce) {
  TempDir dir;
  const fs::path out = dir.path() / "results.h5";
  std::ofstream(out) << "precious\n";
  const std::string message =
      message_of([&] { write_results(out, false, sample_results(), sample_provenance()); });
  EXPECT_NE(message.find("exists; use --force"), std::string::npos) << message;
  EXPECT_EQ(read_text(out), "precious\n");
  expect_only(dir.path(), {"results.h5"});

  write_results(out, true, sample_results(), sample_provenance());
  RawId file = raw_open_file(out.string());
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(raw_int64_attribute(file.get(), "format_version"), 1);
  expect_only(dir.path(), {"results.h5"});
}

// Fact: writing into a directory that does not exist fails with OutputError and leaves
// neither a .tmp nor a final file.
TEST(ResultsWriter, MissingDirectoryFailsCleanly) {
  TempDir dir;
  const fs::path out = dir.path() / "absent" / "results.h5";
  EXPECT_THROW(write_results(out, false, sample_results(), sample_provenance()), OutputError);
  expect_only(dir.path(), {});
}

// Fact: an output that is a directory is refused before anything is written, with force
// too, and what it holds is left as it was.
TEST(ResultsWriter, DirectoryOutputIsRefusedBeforeWriting) {
  TempDir dir;
  const fs::path out = dir.path() / "results.h5";
  fs::create_directory(out);
  std::ofstream(out / "keep.txt") << "keep\n";
  const std::string message =
      message_of([&] { write_results(out, true, sample_results(), sample_provenance()); });
  EXPECT_NE(message.find("is a directory"), std::string::npos) << message;
  expect_only(dir.path(), {"results.h5"});
  EXPECT_TRUE(fs::is_regular_file(out / "keep.txt"));
}

// Fact: a stale OUT.tmp (older versions' name) and OUT.<pid>.<hex>.tmp of a process that
// no longer runs are removed when the next run to OUT starts; a temporary of a running
// process (this one: pid 1 is always running) is left alone.
TEST(ResultsWriter, StaleTemporariesAreRemoved) {
  TempDir dir;
  const fs::path out = dir.path() / "results.h5";
  // A process id that is not running: a child that has exited and been reaped.
  const pid_t child = fork();
  if (child == 0) _exit(0);
  ASSERT_GT(child, 0);
  waitpid(child, nullptr, 0);
  const std::string gone = "results.h5." + std::to_string(child) + ".0badcafe.tmp";
  std::ofstream(dir.path() / "results.h5.tmp") << "half a file\n";
  std::ofstream(dir.path() / gone) << "half a file\n";
  std::ofstream(dir.path() / "results.h5.1.0123abcd.tmp") << "another run's\n";
  std::ofstream(dir.path() / "results.h5.notes.tmp") << "not ours\n";
  write_results(out, false, sample_results(), sample_provenance());
  expect_only(dir.path(), {"results.h5", "results.h5.1.0123abcd.tmp", "results.h5.notes.tmp"});
  RawId file = raw_open_file(out.string());
  EXPECT_TRUE(file.ok());
}

// Fact: arrays whose length is not iterations x years are refused, naming the metric,
// before any file appears.
TEST(ResultsWriter, RefusesMisshapenArrays) {
  TempDir dir;
  const fs::path out = dir.path() / "results.h5";
  RunResults results = sample_results();
  results.options[1].by_year[2].pop_back();  // roi: 14 values for 5 x 3
  const std::string message =
      message_of([&] { write_results(out, false, results, sample_provenance()); });
  EXPECT_NE(message.find("'roi'"), std::string::npos) << message;
  EXPECT_NE(message.find("14 values; expected 15"), std::string::npos) << message;
  expect_only(dir.path(), {});
}

// Fact: names that HDF5 would read as paths, repeat, or collide with the layout's own
// members are refused with a message naming them.
TEST(ResultsWriter, RefusesUnusableNames) {
  TempDir dir;
  const fs::path out = dir.path() / "results.h5";
  RunResults slash = sample_results();
  slash.options[1].name = "invest/more";
  EXPECT_NE(message_of([&] {
              write_results(out, false, slash, sample_provenance());
            }).find("contains '/'"),
            std::string::npos);

  RunResults twice = sample_results();
  twice.options[1].name = "baseline";
  EXPECT_NE(message_of([&] {
              write_results(out, false, twice, sample_provenance());
            }).find("'baseline' appears twice"),
            std::string::npos);

  RunResults reserved = sample_results();
  reserved.options[0].metric_names[0] = "summary";
  EXPECT_NE(message_of([&] {
              write_results(out, false, reserved, sample_provenance());
            }).find("may not be named 'summary'"),
            std::string::npos);

  Provenance clash = sample_provenance();
  clash.extra.push_back({"seed", "7"});
  EXPECT_NE(message_of([&] {
              write_results(out, false, sample_results(), clash);
            }).find("'seed' would replace a standard attribute"),
            std::string::npos);
  EXPECT_FALSE(fs::exists(out));
}

// Fact: a provenance iteration count that disagrees with the results is refused.
TEST(ResultsWriter, RefusesDisagreeingIterationCounts) {
  TempDir dir;
  Provenance p = sample_provenance();
  p.iterations = 6;
  EXPECT_THROW(write_results(dir.path() / "r.h5", false, sample_results(), p), OutputError);
}

// Fact: more than 4096 iterations are chunked in blocks of 4096 rows (the cap), and the
// data still read back exactly.
TEST(ResultsWriter, LargeRunsAreChunkedBy4096Rows) {
  TempDir dir;
  const fs::path out = dir.path() / "big.h5";
  RunResults results;
  results.year_labels = {"2017/18", "2018/19"};
  results.iterations = 5000;
  OptionResults option;
  option.name = "baseline";
  option.metric_names = {"list_size"};
  option.metric_units = {"patients"};
  option.by_year.emplace_back(10000);
  for (std::size_t k = 0; k < 10000; ++k) option.by_year[0][k] = static_cast<double>(k);
  results.options.push_back(option);
  write_results(out, false, results, Provenance{});
  RawId file = raw_open_file(out.string());
  EXPECT_EQ(raw_layout(file.get(), "options/baseline/list_size").chunk,
            (std::vector<hsize_t>{4096, 2}));
  EXPECT_EQ(raw_read_doubles(file.get(), "options/baseline/list_size"), option.by_year[0]);
}

}  // namespace
}  // namespace pcsim::output
