#pragma once
// Budget headroom holds the baseline spend at the base year's lists (docs/model.md, Budget:
// headroom = B(t) - (baseline spend I(t) + investment + dispersal cost)), as MODEL.md
// defines it: the core funding that list growth brings (or list decline takes away) is not
// set against the budget. The summary, the report and the workbook say by how much, so a
// headroom is not read as money that growing lists will already have taken.
#include <optional>
#include <string>
#include <vector>

#include "output/base_year_figures.hpp"
#include "output/summary_reader.hpp"

namespace pcsim::output {

struct HeadroomListGrowth {
  std::string year;                 // the last year of the projection, "2026/27"
  bool central = true;              // from the central case (false: the Monte Carlo mean)
  double weighted_growth = 0;       // W(T) / W(0) - 1: the weighted list's change by then
  double core_funding_outside = 0;  // baseline spend(T) * weighted_growth: £, year-T prices
};

// From the option's weighted_list and baseline_spend in the last year (central case, else
// the mean) and the base year's weighted list; nullopt when the file lacks any of them, the
// option has no budget_headroom, or the change is under 0.05% either way.
std::optional<HeadroomListGrowth> headroom_list_growth(const OptionSummary& option,
                                                       const BaseYearFigures& base_year,
                                                       const std::vector<std::string>& years);

// "budget_headroom holds core funding at the base year's lists: the weighted list grows by
// 6.1% by 2026/27 (central case), and the core funding of that growth at the base year's
// funding per weighted patient, £3,412,000 in 2026/27, is not set against the budget; the
// headroom is that much more than the money left (docs/model.md, Budget)." Where a board
// reads it (the report, the workbook), `cite_document` false leaves out the file path.
std::string headroom_list_growth_text(const HeadroomListGrowth& growth, bool cite_document = true);

}  // namespace pcsim::output
