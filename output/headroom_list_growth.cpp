#include "output/headroom_list_growth.hpp"

#include <cmath>

#include <fmt/format.h>

#include "output/number_format.hpp"

namespace pcsim::output {

namespace {

constexpr double kNegligibleShare = 0.0005;

}  // namespace

std::optional<HeadroomListGrowth> headroom_list_growth(const OptionSummary& option,
                                                       const BaseYearFigures& base_year,
                                                       const std::vector<std::string>& years) {
  const SummaryTable* list = option.find("weighted_list");
  const SummaryTable* spend = option.find("baseline_spend");
  if (option.find("budget_headroom") == nullptr || list == nullptr || spend == nullptr ||
      years.empty() || !(base_year.weighted_patients > 0))
    return std::nullopt;
  const std::size_t last = years.size() - 1;
  if (list->rows() <= last || spend->rows() <= last) return std::nullopt;
  HeadroomListGrowth growth;
  growth.year = years[last];
  growth.central = list->central.size() > last && spend->central.size() > last;
  const double w_last = growth.central ? list->central[last] : list->at(last, "mean");
  const double spend_last = growth.central ? spend->central[last] : spend->at(last, "mean");
  if (!std::isfinite(w_last) || !std::isfinite(spend_last)) return std::nullopt;
  growth.weighted_growth = w_last / base_year.weighted_patients - 1;
  if (std::fabs(growth.weighted_growth) < kNegligibleShare) return std::nullopt;
  growth.core_funding_outside = spend_last * growth.weighted_growth;
  return growth;
}

std::string headroom_list_growth_text(const HeadroomListGrowth& growth, bool cite_document) {
  const bool grows = growth.weighted_growth > 0;
  const std::string share = group_thousands(std::fabs(growth.weighted_growth) * 100, 1) + "%";
  const std::string money = format_money(std::fabs(growth.core_funding_outside));
  return fmt::format(
      "budget_headroom holds core funding at the base year's lists: the weighted list {} by "
      "{} by {} ({}), and the core funding of that {} at the base year's funding per "
      "weighted patient, {} in {}, is not set against the budget; the headroom is that much "
      "{} than the money left{}.",
      grows ? "grows" : "shrinks", share, growth.year,
      growth.central ? "central case" : "Monte Carlo mean", grows ? "growth" : "fall", money,
      growth.year, grows ? "more" : "less", cite_document ? " (docs/model.md, Budget)" : "");
}

}  // namespace pcsim::output
