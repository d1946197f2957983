#include "runner/provenance.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <ctime>

#include <fmt/format.h>

#include "core/sha256.hpp"
#include "output/number_format.hpp"
#include "pcsim_version.hpp"

namespace pcsim::runner {

output::Provenance make_provenance(const scenarios::Scenario& scenario, const RunSettings& settings,
                                   std::int64_t iterations_run, const RunClock& clock,
                                   std::string command_line) {
  const auto end_wall = std::chrono::system_clock::now();
  const auto end_steady = std::chrono::steady_clock::now();
  output::Provenance p;
  p.pcsim_version = kVersion;
  p.git_commit = kGitCommit;
  p.scenario_name = scenario.name;
  p.scenario_file = scenario.file.string();
  p.scenario_text = scenario.text;
  p.scenario_sha256 = sha256_hex(scenario.text);
  p.seed = settings.seed;
  p.iterations = iterations_run;
  p.threads = settings.threads;
  p.processes = settings.processes;
  p.central = settings.central;
  p.start_time = iso8601_utc(clock.start_wall);
  p.end_time = iso8601_utc(end_wall);
  p.wall_seconds = std::chrono::duration<double>(end_steady - clock.start_steady).count();
  p.host = host_name();
  p.command_line = std::move(command_line);
  p.extra = load_report_attributes(scenario.load_report);
  return p;
}

namespace {

// A list attribute: one item per line.
std::string lines(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) {
    if (!text.empty()) text += '\n';
    text += item;
  }
  return text;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> load_report_attributes(
    const scenarios::PracticeLoadReport& report) {
  const std::string skipped = lines(report.skipped);
  std::string defaults;
  for (const auto& [name, count] : report.defaults_used) {
    if (!defaults.empty()) defaults += '\n';
    defaults += fmt::format("{}: {}", name, count);
  }
  std::string sources;
  for (const auto& [name, count] : report.gp_headcount_sources) {
    if (!sources.empty()) sources += '\n';
    sources += fmt::format("{}: {}", name, count);
  }
  return {{"practices_payments_file", report.payments_file},
          {"practices_payments_file_sha256", report.payments_sha256},
          {"practices_attributes_file", report.attributes_file},
          {"practices_attributes_file_sha256", report.attributes_sha256},
          {"practices_gp_headcount_file", report.gp_headcount_file},
          {"practices_gp_headcount_file_sha256", report.gp_headcount_sha256},
          {"practices_area_icb_file", report.area_icb_file},
          {"practices_area_icb_file_sha256", report.area_icb_sha256},
          {"practices_pcn_payments_files", lines(report.pcn_payments_files)},
          {"practices_pcn_payments_files_sha256", lines(report.pcn_payments_sha256)},
          {"practices_base_year", report.base_year},
          {"practices_rows_read", std::to_string(report.rows_read)},
          {"practices_selected", std::to_string(report.practices_selected)},
          {"practices_loaded", std::to_string(report.practices_loaded)},
          {"practices_skipped", skipped},
          {"practices_closed_lists_moved", std::to_string(report.closed_lists_moved)},
          {"practices_registered_patients_moved",
           output::count_number(report.registered_patients_moved)},
          {"practices_closed_lists", report.closed_lists},
          {"practices_closed_lists_not_counted", std::to_string(report.closed_lists_not_counted)},
          {"practices_registered_patients_not_counted",
           output::count_number(report.registered_patients_not_counted)},
          {"practices_registered_patients", output::count_number(report.registered_patients)},
          {"practices_weighted_patients", output::count_number(report.weighted_patients)},
          {"practices_core_funding", output::csv_number(report.core_funding)},
          {"practices_gp_headcount", output::count_number(report.gp_headcount)},
          {"practices_gp_headcount_sources", sources},
          {"practices_without_gp", std::to_string(report.practices_without_gp)},
          {"practices_with_pcn", std::to_string(report.practices_with_pcn)},
          {"practices_suppressed_cells", std::to_string(report.suppressed_cells)},
          {"practices_defaults_used", defaults}};
}

std::string iso8601_utc(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 32> text{};
  const std::size_t n = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(text.data(), n);
}

std::string host_name() {
  std::array<char, 256> name{};
  if (gethostname(name.data(), name.size() - 1) != 0 || name[0] == '\0') return "unknown";
  return std::string(name.data());
}

std::string shell_quote(std::string_view argument) {
  const auto safe = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           std::string_view("_@%+=:,./-").find(c) != std::string_view::npos;
  };
  if (!argument.empty() && std::all_of(argument.begin(), argument.end(), safe)) {
    return std::string(argument);
  }
  // Inside single quotes nothing is special except the quote itself: end the quoted
  // run, add an escaped quote, start a new run.
  std::string quoted = "'";
  for (const char c : argument) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  quoted += '\'';
  return quoted;
}

std::string join_command_line(std::span<const char* const> argv) {
  std::string line;
  for (const char* argument : argv) {
    if (!line.empty()) line += ' ';
    line += shell_quote(argument == nullptr ? "" : argument);
  }
  return line;
}

}  // namespace pcsim::runner
