#include "output/central_case_position.hpp"

#include <cmath>

#include <fmt/format.h>

#include "output/number_format.hpp"

namespace pcsim::output {

std::optional<CentralCasePosition> central_case_position(const OptionSummary& option) {
  const SummaryTable* npv = option.find("npv");
  if (npv == nullptr || npv->central.empty() || npv->rows() == 0) return std::nullopt;
  const double central = npv->central[0];
  const double p10 = npv->at(0, "p10");
  const double p90 = npv->at(0, "p90");
  if (!std::isfinite(central) || !std::isfinite(p10) || !std::isfinite(p90)) return std::nullopt;
  if (central > p90) return CentralCasePosition{central, p90, true};
  if (central < p10) return CentralCasePosition{central, p10, false};
  return std::nullopt;
}

std::string central_case_position_text(const CentralCasePosition& position) {
  return fmt::format(
      "The central case's NPV, {}, lies {} the {} of the simulated futures ({}): its central "
      "values together (modes of skewed distributions, every event at its expectation) make "
      "a future {} favourable than 9 in 10 of the draws; plan on the mean and the "
      "percentiles.",
      format_money(position.central), position.above ? "above" : "below",
      position.above ? "P90" : "P10", format_money(position.bound),
      position.above ? "more" : "less");
}

}  // namespace pcsim::output
