// Provenance of a run (runner/provenance.hpp): times, command line quoting, and the record
// of the scenario and practice data.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/sha256.hpp"
#include "pcsim_version.hpp"
#include "runner/provenance.hpp"

namespace pcsim::runner {
namespace {

// 1,700,000,000 s after the Unix epoch is 2023-11-14 22:13:20 UTC
// (19,675 days = 2023-11-14, remainder 80,000 s = 22:13:20).
TEST(Provenance, Iso8601Utc) {
  using std::chrono::system_clock;
  EXPECT_EQ(iso8601_utc(system_clock::time_point{}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(iso8601_utc(system_clock::from_time_t(1700000000)), "2023-11-14T22:13:20Z");
}

// Plain words stay bare; anything with a space, quote or shell character is single-quoted
// with embedded quotes written as '\'' (POSIX shell rules).
TEST(Provenance, ShellQuoting) {
  EXPECT_EQ(shell_quote("scenarios/bolton.toml"), "scenarios/bolton.toml");
  EXPECT_EQ(shell_quote("--seed=7"), "--seed=7");
  EXPECT_EQ(shell_quote("my scenario.toml"), "'my scenario.toml'");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_quote("$HOME"), "'$HOME'");
  EXPECT_EQ(shell_quote(""), "''");
  const std::vector<const char*> argv = {"pcsim", "run", "a b.toml", "--threads", "2"};
  EXPECT_EQ(join_command_line(argv), "pcsim run 'a b.toml' --threads 2");
}

// The practice load report becomes string attributes, one list item per line.
TEST(Provenance, LoadReportAttributes) {
  scenarios::PracticeLoadReport report;
  report.payments_file = "data/p.csv";
  report.payments_sha256 = std::string(64, 'a');
  report.pcn_payments_files = {"2019/20: data/p20.csv", "2020/21: data/p21.csv"};
  report.pcn_payments_sha256 = {std::string(64, 'b'), std::string(64, 'c')};
  report.rows_read = 120;
  report.practices_selected = 50;
  report.skipped = {"P1: zero registered patients", "P2: closed"};
  report.defaults_used = {{"peer_group", 3}, {"gp_headcount", 50}};
  report.registered_patients = 620760.9999999994;  // a sum of lists moved in proportion
  report.weighted_patients = 654321.25;
  report.core_funding = 48281234.57;
  report.gp_headcount = 272;
  const auto attributes = load_report_attributes(report);
  const auto value = [&](const std::string& name) {
    for (const auto& [k, v] : attributes) {
      if (k == name) return v;
    }
    return std::string("<missing>");
  };
  EXPECT_EQ(value("practices_payments_file"), "data/p.csv");
  EXPECT_EQ(value("practices_payments_file_sha256"), std::string(64, 'a'));
  EXPECT_EQ(value("practices_attributes_file_sha256"), "");  // no attributes file
  EXPECT_EQ(value("practices_pcn_payments_files"), "2019/20: data/p20.csv\n2020/21: data/p21.csv");
  EXPECT_EQ(value("practices_pcn_payments_files_sha256"),
            std::string(64, 'b') + "\n" + std::string(64, 'c'));
  EXPECT_EQ(value("practices_rows_read"), "120");
  EXPECT_EQ(value("practices_selected"), "50");
  EXPECT_EQ(value("practices_skipped"), "P1: zero registered patients\nP2: closed");
  EXPECT_EQ(value("practices_defaults_used"), "peer_group: 3\ngp_headcount: 50");
  // Patients are people: a sum within rounding of a whole number is written whole; the
  // weighted list and the funding keep their exact value.
  EXPECT_EQ(value("practices_registered_patients"), "620761");
  EXPECT_EQ(value("practices_weighted_patients"), "654321.25");
  EXPECT_EQ(std::stod(value("practices_core_funding")), 48281234.57);
  EXPECT_EQ(value("practices_gp_headcount"), "272");
}

// Provenance carries the run settings as given, the scenario's name, its text with its
// SHA-256, the build's version, and a wall time that is not negative.
TEST(Provenance, RecordsTheRun) {
  scenarios::Scenario scenario;
  scenario.file = "scenarios/x.toml";
  scenario.text = "name = \"Example area 2016/17\"\n";
  scenario.name = "Example area 2016/17";
  RunSettings settings;
  settings.seed = 99;
  settings.threads = 3;
  settings.central = true;
  const RunClock clock;
  const auto p = make_provenance(scenario, settings, 1, clock, "pcsim run x.toml");
  EXPECT_EQ(p.pcsim_version, kVersion);
  EXPECT_EQ(p.git_commit, kGitCommit);
  EXPECT_EQ(p.scenario_name, "Example area 2016/17");
  EXPECT_EQ(p.scenario_file, "scenarios/x.toml");
  EXPECT_EQ(p.scenario_text, scenario.text);
  EXPECT_EQ(p.scenario_sha256, sha256_hex(scenario.text));
  EXPECT_EQ(p.seed, 99u);
  EXPECT_EQ(p.iterations, 1);
  EXPECT_EQ(p.threads, 3);
  EXPECT_EQ(p.processes, 1);
  EXPECT_TRUE(p.central);
  EXPECT_GE(p.wall_seconds, 0.0);
  EXPECT_LE(p.start_time, p.end_time);  // ISO 8601 strings sort as times
  EXPECT_FALSE(p.host.empty());
  EXPECT_EQ(p.command_line, "pcsim run x.toml");
}

}  // namespace
}  // namespace pcsim::runner
