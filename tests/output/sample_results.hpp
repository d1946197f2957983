#pragma once
// A small, hand-checkable run (5 iterations, 3 years, 2 options) shared by the output
// tests, and a temporary directory removed after each test.
#include <stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "output/run_results.hpp"

namespace pcsim::output::testing {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A fresh directory under the system temporary directory, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "pcsim-output-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The names in `folder`, sorted: what a writer left behind (temporary names are unique
// per run, so tests look at the whole folder rather than at one expected name).
inline std::vector<std::string> entries_of(const std::filesystem::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

inline constexpr int kIterations = 5;
inline constexpr int kYears = 3;

// Values, iteration i = 0..4, year y = 0..2 (row-major [iteration][year]):
//   list_size  = 1000 (i + 1) + 10 y                 -> year 0: 1000, 2000, ..., 5000
//   investment = 1,000,000 (i + 1) + 100,000 y       -> year 0: £1m ... £5m
//   roi        = 2 i, but NaN for i = 0 in year 0    -> year 0: NaN, 2, 4, 6, 8
//   overspend  = 1 when i is odd (year 0), else 0; 1 always in later years
//   npv        = 1000 (i - 1)                        -> -1000, 0, 1000, 2000, 3000
//   payback_year = NaN, NaN, 3, 4, 5
inline OptionResults sample_option(const std::string& name, double investment_scale) {
  OptionResults option;
  option.name = name;
  option.metric_names = {"list_size", "investment", "roi", "overspend"};
  option.metric_units = {"patients", "GBP", "ratio", "0/1"};
  option.by_year.assign(4, std::vector<double>(kIterations * kYears));
  for (int i = 0; i < kIterations; ++i) {
    for (int y = 0; y < kYears; ++y) {
      const int k = i * kYears + y;
      option.by_year[0][k] = 1000.0 * (i + 1) + 10.0 * y;
      option.by_year[1][k] = investment_scale * (1e6 * (i + 1) + 1e5 * y);
      option.by_year[2][k] = (i == 0 && y == 0) ? kNaN : 2.0 * i;
      option.by_year[3][k] = y == 0 ? (i % 2 == 1 ? 1.0 : 0.0) : 1.0;
    }
  }
  option.scalar_names = {"npv", "payback_year"};
  option.scalar_units = {"GBP", "year"};
  option.scalars = {{-1000, 0, 1000, 2000, 3000}, {kNaN, kNaN, 3, 4, 5}};
  return option;
}

inline RunResults sample_results() {
  RunResults results;
  results.year_labels = {"2017/18", "2018/19", "2019/20"};
  results.iterations = kIterations;
  results.options.push_back(sample_option("baseline", 0.0));
  results.options.push_back(sample_option("invest", 1.0));
  results.options[1].parameters.push_back({"finance.discount_rate",
                                           "fixed(0.05)",
                                           "Green Book rate for this option",
                                           "per year",
                                           {0.05, 0.05, 0.05, 0.05, 0.05},
                                           {}});
  results.parameters.push_back({"population.list_growth",
                                "pert(min=0.005, mode=0.01, max=0.02, lambda=4)",
                                "ONS projection, £ figures in 2017/18 prices",
                                "per year",
                                {0.01, 0.012, 0.009, 0.015, 0.011},
                                {}});
  results.parameters.push_back({"finance.discount_rate",
                                "fixed(0.035)",
                                "Green Book",
                                "per year",
                                {0.035, 0.035, 0.035, 0.035, 0.035},
                                {}});
  return results;
}

// Gives every option of `results` a central case: every metric 0 in every year, the scalars
// (npv, payback_year) as given.
inline void set_central_case(RunResults& results, const std::vector<double>& scalars) {
  for (auto& option : results.options) {
    option.central_by_year.assign(option.metric_names.size(), std::vector<double>(kYears, 0.0));
    option.central_scalars = scalars;
  }
}

// sample_results() with the two rates the price basis reads: funding.inflation fixed at 0.02
// and economics.discount_rate at 0.035 for the run, and "invest" inflating at 0.03 itself.
inline RunResults priced_results() {
  RunResults results = sample_results();
  results.parameters.push_back({"funding.inflation",
                                "fixed(value=0.02)",
                                "Bank of England target",
                                "per year",
                                std::vector<double>(kIterations, 0.02),
                                {}});
  results.parameters.push_back({"economics.discount_rate",
                                "fixed(value=0.035)",
                                "HM Treasury Green Book",
                                "per year",
                                std::vector<double>(kIterations, 0.035),
                                {}});
  results.options[1].parameters.push_back({"funding.inflation",
                                           "fixed(value=0.03)",
                                           "a dearer option",
                                           "per year",
                                           std::vector<double>(kIterations, 0.03),
                                           {}});
  return results;
}

// The practice load report's base-year attributes as a run writes them
// (runner/provenance.cpp): 85 practices, 620,761 registered and 654,321.6 weighted
// patients, £48,281,234.57 of core funding, base year 2016/17.
inline std::vector<std::pair<std::string, std::string>> base_year_attributes() {
  return {{"practices_base_year", "2016/17"},
          {"practices_loaded", "85"},
          {"practices_registered_patients", "620761"},
          {"practices_weighted_patients", "654321.6"},
          {"practices_core_funding", "48281234.57"}};
}

inline Provenance sample_provenance() {
  Provenance p;
  p.pcsim_version = "0.1.0";
  p.git_commit = "0123456789abcdef0123456789abcdef01234567";
  p.scenario_name = "Example area 2016/17: delegate & invest";
  p.scenario_file = "scenarios/example.toml";
  p.scenario_text = "[run]\niterations = 5\n# £ and UTF-8 survive\n";
  p.scenario_sha256 = std::string(64, 'a');
  p.seed = 18446744073709551557ULL;  // the largest 64-bit prime: needs all 64 bits
  p.iterations = kIterations;
  p.threads = 2;
  p.processes = 1;
  p.central = false;
  p.start_time = "2024-01-02T03:04:05Z";
  p.end_time = "2024-01-02T03:04:17Z";
  p.wall_seconds = 12.5;
  p.host = "testhost";
  p.command_line = "pcsim run scenarios/example.toml -o results.h5";
  p.extra = {{"practice_data", "12 real, 3 default"}};
  return p;
}

}  // namespace pcsim::output::testing
