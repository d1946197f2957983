#include "scenarios/target_scope_check.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "scenarios/load_text.hpp"

namespace pcsim::scenarios {

namespace {

constexpr std::size_t kAreasNamed = 10;  // areas named in the message; the rest counted

// The areas of modelled practices without an ICB: "00T (50 practices)", ...
std::vector<std::string> areas_without_icb(const model::PracticeSet& practices, int& count) {
  std::map<std::string, int> without;
  count = 0;
  for (const auto& p : practices.practices)
    if (p.icb_code.empty()) {
      ++without[p.ccg_code];
      ++count;
    }
  std::vector<std::string> areas;
  for (const auto& [area, n] : without)
    areas.push_back(fmt::format("{} ({} practice{})", area, n, n == 1 ? "" : "s"));
  return areas;
}

// Why the practices have no ICB: no map, or the areas the map lacks.
std::string missing_text(const PracticeDataSpec& spec, const std::vector<std::string>& areas) {
  if (spec.area_icb_csv.empty())
    return "[practices] gives no area_icb_csv, so no practice has an ICB";
  std::vector<std::string> named(
      areas.begin(),
      areas.begin() + static_cast<std::ptrdiff_t>(std::min(kAreasNamed, areas.size())));
  std::string list = join_items(named);
  if (areas.size() > named.size()) list += fmt::format(" and {} more", areas.size() - named.size());
  return fmt::format("{} {} not in area_icb_csv {} (line {} of {})",
                     areas.size() == 1 ? "area" : "areas", list, spec.area_icb_csv.string(),
                     spec.line_of("area_icb_csv"), spec.file);
}

}  // namespace

void check_target_scope(const Scenario& scenario) {
  int count = 0;
  const std::vector<std::string> areas = areas_without_icb(scenario.practices, count);
  if (count == 0) return;
  // One diagnostic per line that sets target_scope = "icb", naming the options using it
  // (an option that only switches levelling up on inherits the baseline's line).
  struct Use {
    std::string file;
    int line = 0;
    std::vector<std::string> options;
  };
  std::vector<Use> uses;
  for (const OptionSpec& option : scenario.options) {
    const model::FundingParameters& funding = option.central.funding;
    if (!funding.levelling_up || funding.target_scope != model::TargetScope::Icb) continue;
    Use use{scenario.file.string(), 0, {}};
    for (const ParameterEntry& entry : option.parameters)
      if (entry.path == "funding.target_scope") {
        if (!entry.file.empty()) use.file = entry.file;
        use.line = entry.line;
      }
    auto same = std::find_if(uses.begin(), uses.end(), [&](const Use& u) {
      return u.file == use.file && u.line == use.line;
    });
    if (same == uses.end()) same = uses.insert(uses.end(), use);
    same->options.push_back(&option == &scenario.options.front()
                                ? fmt::format("the baseline '{}'", option.name)
                                : fmt::format("option '{}'", option.name));
  }
  if (uses.empty()) return;
  std::vector<Diagnostic> problems;
  for (const Use& use : uses) {
    Diagnostic d;
    d.file = use.file;
    d.line = use.line;
    d.key = "funding.target_scope";
    d.found = fmt::format(
        "target_scope = \"icb\" with levelling_up = true (levelling each ICB's practices up to "
        "the ICB's target) in {}, but {} of the {} practices modelled {} no ICB: {}",
        join_items(use.options), format_patients(count),
        format_patients(static_cast<double>(scenario.practices.practices.size())),
        count == 1 ? "has" : "have", missing_text(scenario.practice_data, areas));
    d.expected =
        "an ICB for every practice modelled: [practices] area_icb_csv mapping each area "
        "(CCG Code) to its ICB (ICB Code), every area of the practices included (e.g. "
        "data/geography/ccg_icb.csv), or target_scope = \"area\" or \"file\"";
    problems.push_back(std::move(d));
  }
  throw InputError(std::move(problems));
}

}  // namespace pcsim::scenarios
