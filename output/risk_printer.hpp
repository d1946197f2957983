#pragma once
// `pcsim summary --risk`: who bears the risk of overspending the primary care budget (docs/
// model.md, Budget; issue 17 item 5). Per option and year, from every iteration of the
// results file: the probability of an overspend and its expected amount, and for each
// party (the commissioner, CCG/ICB, and NHS England) the expected overspend it bears and
// the probability that it bears some. At level 2 (joint) the risk stays with NHS England,
// at level 3 (delegated) it is the commissioner's, unless the scenario's risk-sharing
// shares (funding.commissioner_overspend_share_joint / _delegated) say otherwise.
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace pcsim::output {

struct RiskYear {
  double p_overspend = 0;            // share of iterations with overspend_amount > 0
  double expected_overspend = 0;     // £, mean overspend_amount (0 where none)
  double expected_commissioner = 0;  // £, mean overspend_commissioner
  double p_commissioner = 0;         // share of iterations with overspend_commissioner > 0
  double expected_nhs_england = 0;   // £, mean overspend_nhs_england
  double p_nhs_england = 0;          // share of iterations with overspend_nhs_england > 0
};

struct OptionRisk {
  std::string option;
  std::vector<RiskYear> years;  // one per year; empty when the file lacks the metrics
};

struct RiskSummary {
  std::vector<std::string> years;
  std::int64_t iterations = 0;
  std::vector<OptionRisk> options;
};

// Reads overspend_amount, overspend_commissioner and overspend_nhs_england of every
// option (NaN values left out). Throws OutputError for a file that is not a results file.
RiskSummary read_risk(const std::filesystem::path& path);

// Text: one table per option (year, P(overspend), E[overspend], the commissioner's E and
// P, NHS England's E and P). CSV: option,year,p_overspend,expected_overspend,
// expected_commissioner,p_commissioner,expected_nhs_england,p_nhs_england.
void print_risk(const RiskSummary& risk, std::ostream& out, bool csv);

}  // namespace pcsim::output
