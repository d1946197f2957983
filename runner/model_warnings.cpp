#include "runner/model_warnings.hpp"

#include <map>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "model/levelling_targets.hpp"
#include "output/number_format.hpp"

namespace pcsim::runner {

namespace {

// Adds `w` for `option`, or names the option on an identical warning already added (the
// same key and items, and the same message before its "(options ...)").
void add_for_option(std::vector<RunWarning>& out, RunWarning w, const std::string& option) {
  const std::string tag = fmt::format("'{}'", option);
  for (RunWarning& existing : out) {
    const auto open = existing.message.rfind(" (option");
    if (existing.key == w.key && existing.items == w.items && open != std::string::npos &&
        existing.message.compare(0, open, w.message) == 0 && open == w.message.size()) {
      existing.message.insert(existing.message.size() - 1, ", " + tag);
      const auto word = existing.message.find(" (option ", open);
      if (word != std::string::npos) existing.message.replace(word, 9, " (options ");
      return;
    }
  }
  w.message += fmt::format(" (option {})", tag);
  out.push_back(std::move(w));
}

// Options discounted at another rate than the baseline: every comparison of NPVs (P(best),
// the EVPI and EVPPI, NPV less the baseline) then sets figures discounted at different
// rates against each other, which a reader of the comparison must be told.
void discount_rate_warnings(const scenarios::Scenario& scenario, std::vector<RunWarning>& out) {
  const double base = scenario.options.front().central.economics.discount_rate;
  for (std::size_t o = 1; o < scenario.options.size(); ++o) {
    const auto& option = scenario.options[o];
    const double rate = option.central.economics.discount_rate;
    if (rate == base) continue;
    out.push_back(
        {"options." + option.name + ".economics.discount_rate",
         fmt::format("option '{}' discounts at {}% a year, the baseline '{}' at {}%: "
                     "its NPV is compared with NPVs discounted at another rate "
                     "(P(best), the EVPI and EVPPI, NPV less the baseline), so part "
                     "of any difference is the rate, not the option",
                     option.name, output::group_thousands(rate * 100, 2),
                     scenario.options.front().name, output::group_thousands(base * 100, 2)),
         {}});
  }
}

}  // namespace

std::vector<RunWarning> model_warnings(const scenarios::Scenario& scenario) {
  std::vector<RunWarning> out;
  if (!scenario.options.empty()) discount_rate_warnings(scenario, out);
  const model::PracticeSet& set = scenario.practices;
  if (set.practices.empty()) return out;
  const std::vector<PoundsPerPatient> f0 = model::baseline_funding_per_weighted(set);
  for (const auto& option : scenario.options) {
    const model::FundingParameters& funding = option.central.funding;
    if (!funding.levelling_up) continue;
    const model::LevellingBaseline baseline = model::levelling_baseline(funding, set, f0);
    std::map<model::Distrust, int> counts;
    RunWarning left_out;
    left_out.key = "funding.levelling_up";
    for (std::size_t p = 0; p < set.practices.size(); ++p) {
      if (baseline.trust[p] == model::Distrust::kTrusted) continue;
      ++counts[baseline.trust[p]];
      left_out.items.push_back(fmt::format("{}: {} (£{:.2f} per weighted patient)",
                                           set.practices[p].code,
                                           model::distrust_label(baseline.trust[p]), f0[p]));
    }
    if (!left_out.items.empty()) {
      std::vector<std::string> reasons;
      for (const auto& [reason, n] : counts)
        reasons.push_back(fmt::format("{} {}", n, model::distrust_label(reason)));
      const std::string by_reason = fmt::format("{}", fmt::join(reasons, "; "));
      left_out.message = fmt::format(
          "{} of {} practices left out of the levelling target and of levelling ({}): they "
          "keep their own funding",
          output::group_thousands(static_cast<double>(left_out.items.size()), 0),
          output::group_thousands(static_cast<double>(set.practices.size()), 0), by_reason);
      add_for_option(out, std::move(left_out), option.name);
    }
    if (funding.clinical_spend_share == 0) {
      add_for_option(out,
                     {"funding.clinical_spend_share",
                      "levelling up buys no capacity in this scenario "
                      "(funding.clinical_spend_share = 0): its cost is not set against any "
                      "appointments",
                      {}},
                     option.name);
    }
  }
  return out;
}

}  // namespace pcsim::runner
