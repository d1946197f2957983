// Every shipped scenario on the real data (scenarios/*.toml whose payments file is one of
// scenarios/data/nhs-payments/) sets patients_per_gp as docs/scenario-format.md defines it:
// England's registered patients in its payments file over the GP headcount series' total for
// its base year, to the nearest patient. tests/scenarios/check_patients_per_gp.py recomputes
// each from the published files with pandas, checks the figures the scenario's comment
// states, and the worked example of docs/scenario-format.md. Scenarios on invented data
// (scenarios/data/synthetic-*) have nothing to derive from and are left out by name.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {
namespace {

namespace fs = std::filesystem;

const std::string kPython = "/usr/bin/python3";
const fs::path kSource = PCSIM_SOURCE_DIR;

bool python_has_pandas() {
  const std::string probe = kPython + " -c 'import pandas' >/dev/null 2>&1";
  const int status = std::system(probe.c_str());
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::string text_of(const fs::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool is_under(const fs::path& file, const fs::path& folder) {
  const fs::path relative = fs::weakly_canonical(file).lexically_relative(fs::canonical(folder));
  return !relative.empty() && *relative.begin() != "..";
}

TEST(ShippedPatientsPerGp, EachIsDerivedFromTheRealDataOfItsBaseYear) {
  if (!python_has_pandas()) GTEST_SKIP() << kPython << " lacks pandas";
  std::vector<fs::path> scenarios;
  for (const auto& entry : fs::directory_iterator(kSource / "scenarios")) {
    if (entry.path().extension() == ".toml") scenarios.push_back(entry.path());
  }
  std::sort(scenarios.begin(), scenarios.end());

  const fs::path dir = fs::path(::testing::TempDir()) / "shipped-patients-per-gp";
  fs::create_directories(dir);
  std::ofstream manifest(dir / "manifest.csv");
  manifest << "scenario,payments,series,start_year,patients_per_gp\n";
  std::set<std::string> checked;
  for (const fs::path& file : scenarios) {
    const Scenario scenario = parse_scenario(text_of(file), file);
    const PracticeDataSpec& spec = scenario.practice_data;
    const std::string name = file.filename().string();
    if (!is_under(spec.payments_csv, kSource / "scenarios/data/nhs-payments")) {
      // Invented practices: no England total to derive the value from.
      EXPECT_EQ(spec.payments_csv.filename().string().rfind("synthetic-", 0), 0u)
          << name << " reads " << spec.payments_csv << ", neither real nor invented data";
      continue;
    }
    // A scenario on the real data must set the value (not take pcsim's default) and have the
    // series it is derived from.
    EXPECT_TRUE(spec.has_key("patients_per_gp")) << name;
    ASSERT_FALSE(spec.gp_headcount_csv.empty()) << name << " has no gp_headcount_csv";
    manifest << fmt::format("{},{},{},{},{}\n", file.string(), spec.payments_csv.string(),
                            spec.gp_headcount_csv.string(), spec.start_year, spec.patients_per_gp);
    checked.insert(name);
  }
  manifest.close();
  // The scenarios the issue names are among those checked (a check that found none would
  // pass vacuously).
  for (const char* name : {"national.toml", "bolton.toml", "delegation-options.toml",
                           "backtest-2016.toml", "backtest-2018.toml"}) {
    EXPECT_EQ(checked.count(name), 1u) << name << " was not checked";
  }
  const std::string command =
      fmt::format("{} '{}' '{}' --data '{}' --doc '{}'", kPython,
                  (kSource / "tests/scenarios/check_patients_per_gp.py").string(),
                  (dir / "manifest.csv").string(), (kSource / "scenarios/data").string(),
                  (kSource / "docs/scenario-format.md").string());
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << command;
}

}  // namespace
}  // namespace pcsim::scenarios
