// One Provenance for writer and readers (output/provenance.hpp): what a run hands to the
// writer comes back field by field from read_summary and read_report_data; a file of an
// older pcsim (fewer attributes) reads with defaults; a missing required attribute is named.
#include "output/provenance.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/errors.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/provenance_attributes.hpp"
#include "output/report_data.hpp"
#include "output/results_writer.hpp"
#include "output/summary_reader.hpp"
#include "raw_h5.hpp"
#include "sample_results.hpp"

namespace pcsim::output {
namespace {

using namespace testing;
namespace fs = std::filesystem;
using Pairs = std::vector<std::pair<std::string, std::string>>;

// sample_provenance() with the fields it leaves at their defaults changed, and extra
// given out of name order.
Provenance written() {
  Provenance p = sample_provenance();
  p.processes = 4;
  p.central = true;
  p.extra = {{"practices_loaded", "15"}, {"practices_base_year", "2022/23"}};
  return p;
}

// The values written() sets, spelt out again rather than taken from the reader.
void expect_written(const Provenance& p) {
  EXPECT_EQ(p.pcsim_version, "0.1.0");
  EXPECT_EQ(p.git_commit, "0123456789abcdef0123456789abcdef01234567");
  EXPECT_EQ(p.scenario_name, "Example area 2016/17: delegate & invest");
  EXPECT_EQ(p.scenario_file, "scenarios/example.toml");
  EXPECT_EQ(p.scenario_text, "[run]\niterations = 5\n# £ and UTF-8 survive\n");
  EXPECT_EQ(p.scenario_sha256, std::string(64, 'a'));
  EXPECT_EQ(p.seed, 18446744073709551557ULL);  // needs all 64 bits
  EXPECT_EQ(p.iterations, 5);
  EXPECT_EQ(p.threads, 2);
  EXPECT_EQ(p.processes, 4);
  EXPECT_TRUE(p.central);
  EXPECT_EQ(p.start_time, "2024-01-02T03:04:05Z");
  EXPECT_EQ(p.end_time, "2024-01-02T03:04:17Z");
  EXPECT_EQ(p.wall_seconds, 12.5);
  EXPECT_EQ(p.host, "testhost");
  EXPECT_EQ(p.command_line, "pcsim run scenarios/example.toml -o results.h5");
  // Read back in name order.
  EXPECT_EQ(p.extra, (Pairs{{"practices_base_year", "2022/23"}, {"practices_loaded", "15"}}));
}

// Fact: a results file written with a Provenance reads back with every field equal, through
// the summary reader and the report reader alike.
TEST(ProvenanceRoundTrip, ResultsFileGivesBackEveryField) {
  TempDir dir;
  const fs::path path = dir.path() / "results.h5";
  RunResults results = sample_results();
  results.convergence = ConvergenceRecord{"npv", 0.01, 0.005, true, kIterations};
  write_results(path, false, results, written());
  {
    SCOPED_TRACE("read_summary");
    const ResultsSummary summary = read_summary(path);
    EXPECT_EQ(summary.format_version, 1);
    expect_written(summary.provenance);  // convergence_* are not extra provenance
  }
  {
    SCOPED_TRACE("read_report_data");
    const ReportData data = read_report_data(path);
    expect_written(data.provenance);
    EXPECT_EQ(data.attribute("host"), "testhost");
    EXPECT_EQ(data.attribute("scenario_text"), "");  // shown apart, not in the table
  }
}

RawId new_file(const fs::path& path) {
  return {H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose};
}

// The attributes a reader requires, on `root`, but those in `leave_out`.
void write_required(hid_t root, const std::vector<std::string>& leave_out) {
  const auto wanted = [&](const std::string& name) {
    return std::find(leave_out.begin(), leave_out.end(), name) == leave_out.end();
  };
  for (const char* name : {"pcsim_version", "git_commit", "scenario_file", "start_time"}) {
    if (wanted(name)) h5::write_string_attribute(root, name, std::string("v:") + name);
  }
  if (wanted("seed")) h5::write_uint64_attribute(root, "seed", 42);
  if (wanted("iterations")) h5::write_int64_attribute(root, "iterations", 7);
  if (wanted("central")) h5::write_int32_attribute(root, "central", 0);
  if (wanted("wall_seconds")) h5::write_double_attribute(root, "wall_seconds", 0.5);
}

// Fact: a file with only the attributes the first pcsim wrote reads with the later fields
// at their defaults; a number attribute of another name is not taken as extra provenance.
TEST(ProvenanceRoundTrip, OlderFileReadsWithDefaults) {
  TempDir dir;
  RawId file = new_file(dir.path() / "old.h5");
  write_required(file.get(), {});
  h5::write_double_attribute(file.get(), "some_number", 3.0);
  h5::write_string_attribute(file.get(), "note", "kept");
  const Provenance p = read_provenance_attributes(file.get());
  EXPECT_EQ(p.pcsim_version, "v:pcsim_version");
  EXPECT_EQ(p.git_commit, "v:git_commit");
  EXPECT_EQ(p.scenario_file, "v:scenario_file");
  EXPECT_EQ(p.start_time, "v:start_time");
  EXPECT_EQ(p.seed, 42u);
  EXPECT_EQ(p.iterations, 7);
  EXPECT_FALSE(p.central);
  EXPECT_EQ(p.wall_seconds, 0.5);
  EXPECT_EQ(p.scenario_name, "");
  EXPECT_EQ(p.scenario_text, "");
  EXPECT_EQ(p.scenario_sha256, "");
  EXPECT_EQ(p.end_time, "");
  EXPECT_EQ(p.host, "");
  EXPECT_EQ(p.command_line, "");
  EXPECT_EQ(p.threads, 1);
  EXPECT_EQ(p.processes, 1);
  EXPECT_EQ(p.extra, (Pairs{{"note", "kept"}}));
}

// Fact: each required attribute, when missing, is named in the error.
TEST(ProvenanceRoundTrip, MissingRequiredAttributeIsNamed) {
  TempDir dir;
  for (const std::string name : {"pcsim_version", "git_commit", "scenario_file", "start_time",
                                 "seed", "iterations", "central", "wall_seconds"}) {
    RawId file = new_file(dir.path() / (name + ".h5"));
    write_required(file.get(), {name});
    try {
      read_provenance_attributes(file.get());
      ADD_FAILURE() << "expected OutputError without " << name;
    } catch (const OutputError& error) {
      EXPECT_NE(std::string(error.what()).find("'" + name + "'"), std::string::npos)
          << error.what();
    }
  }
}

}  // namespace
}  // namespace pcsim::output
