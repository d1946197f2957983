#pragma once
#include <array>
#include <cstddef>
#include <string_view>

namespace pcsim::model {

// Metrics reported per option, iteration and year (MODEL.md; names are relied on by
// reports and checks: never rename one). All are totals over the practices of the run.
enum class Metric : std::size_t {
  ListSize,                    // registered patients
  WeightedList,                // weighted patients
  GpHeadcount,                 // GPs (people)
  GpFte,                       // GP FTE
  OtherFte,                    // FTE of all other clinical roles
  PracticesOpen,               // practices open at year end
  Closures,                    // practices closed this year
  AppointmentsDemand,          // appointments demanded (all roles, after self-care diversion)
  AppointmentsCapacity,        // appointments offered (GP + other roles + extended access)
  AppointmentsGap,             // unmet demand: sum over practices and roles of max(0, demand - capacity)
  AppointmentsExtendedAccess,  // extended access appointments
  AppointmentsPer1000,         // capacity per 1,000 registered patients
  DispersalCost,               // £, one-off cost of moving the lists of closed practices
  LevellingUpCost,             // £, LU(t)
  QualityContractCost,         // £, quality contract payments
  Investment,                  // £, LU + quality contract + extended access + new roles + running cost
  Referrals,                   // referrals to secondary care
  ReferralsAvoided,            // against the baseline-year rate
  ReferralSavings,             // £
  PrescribingSavings,          // £
  UrgentCareCost,              // £, A&E cost of unmet demand less deflections
  Savings,                     // £, referral + prescribing + urgent care savings
  NetCost,                     // £, investment - savings
  Roi,                         // savings / investment (NaN when investment is 0)
  CumulativeRoi,               // cumulative savings / cumulative investment
  BudgetHeadroom,              // £, B(t) - (baseline spend I(t) + investment + dispersal cost)
  Overspend,                   // 1 when headroom < 0, else 0 (its mean is the probability)
  // By role (MODEL.md, Appointment capacity: "demand, capacity and gap by role"): demand is
  // split between GPs and the other clinical roles, so that is the level reported here.
  AppointmentsDemandGp,        // GP appointments demanded, after skill-mix diversion
  AppointmentsCapacityGp,      // GP FTE x appointments per GP FTE (extended access apart)
  AppointmentsGapGp,           // unmet GP demand after GP capacity and extended access
  AppointmentsDemandOther,     // demand for nurses and other roles, incl. diverted demand
  AppointmentsCapacityOther,   // sum over roles of FTE x appointments per FTE
  AppointmentsGapOther,        // unmet demand for the other roles
  Count
};
inline constexpr std::size_t kMetricCount = static_cast<std::size_t>(Metric::Count);

inline constexpr std::array<std::string_view, kMetricCount> kMetricNames = {
    "list_size",          "weighted_list",         "gp_headcount",
    "gp_fte",             "other_fte",             "practices_open",
    "closures",           "appointments_demand",   "appointments_capacity",
    "appointments_gap",   "appointments_extended_access", "appointments_per_1000",
    "dispersal_cost",     "levelling_up_cost",
    "quality_contract_cost", "investment",         "referrals",
    "referrals_avoided",  "referral_savings",      "prescribing_savings",
    "urgent_care_cost",   "savings",               "net_cost",
    "roi",                "cumulative_roi",        "budget_headroom",
    "overspend",          "appointments_demand_gp", "appointments_capacity_gp",
    "appointments_gap_gp", "appointments_demand_other", "appointments_capacity_other",
    "appointments_gap_other"};

inline constexpr std::array<std::string_view, kMetricCount> kMetricUnits = {
    "patients", "weighted patients", "GPs", "FTE", "FTE", "practices", "practices",
    "appointments", "appointments", "appointments", "appointments",
    "appointments per 1000 patients", "GBP", "GBP", "GBP", "GBP",
    "referrals", "referrals", "GBP", "GBP", "GBP", "GBP", "GBP", "ratio", "ratio", "GBP",
    "0/1", "appointments", "appointments", "appointments", "appointments", "appointments",
    "appointments"};

// Per-iteration scalars (one value per iteration, not per year).
enum class ScalarMetric : std::size_t { Npv, PaybackYear, Count };
inline constexpr std::size_t kScalarMetricCount = static_cast<std::size_t>(ScalarMetric::Count);
inline constexpr std::array<std::string_view, kScalarMetricCount> kScalarMetricNames = {
    "npv", "payback_year"};
// npv in £; payback_year is the projected year t (1 = the first), not a calendar year.
inline constexpr std::array<std::string_view, kScalarMetricCount> kScalarMetricUnits = {
    "GBP", "year of projection"};

constexpr std::size_t index(Metric m) { return static_cast<std::size_t>(m); }
constexpr std::size_t index(ScalarMetric m) { return static_cast<std::size_t>(m); }

// The enum and the name table must stay in step: a mismatch would label output wrongly.
static_assert(kMetricNames[index(Metric::ListSize)] == "list_size");
static_assert(kMetricNames[index(Metric::WeightedList)] == "weighted_list");
static_assert(kMetricNames[index(Metric::GpHeadcount)] == "gp_headcount");
static_assert(kMetricNames[index(Metric::GpFte)] == "gp_fte");
static_assert(kMetricNames[index(Metric::OtherFte)] == "other_fte");
static_assert(kMetricNames[index(Metric::PracticesOpen)] == "practices_open");
static_assert(kMetricNames[index(Metric::Closures)] == "closures");
static_assert(kMetricNames[index(Metric::AppointmentsDemand)] == "appointments_demand");
static_assert(kMetricNames[index(Metric::AppointmentsCapacity)] == "appointments_capacity");
static_assert(kMetricNames[index(Metric::AppointmentsGap)] == "appointments_gap");
static_assert(kMetricNames[index(Metric::AppointmentsExtendedAccess)] == "appointments_extended_access");
static_assert(kMetricNames[index(Metric::AppointmentsPer1000)] == "appointments_per_1000");
static_assert(kMetricNames[index(Metric::DispersalCost)] == "dispersal_cost");
static_assert(kMetricNames[index(Metric::LevellingUpCost)] == "levelling_up_cost");
static_assert(kMetricNames[index(Metric::QualityContractCost)] == "quality_contract_cost");
static_assert(kMetricNames[index(Metric::Investment)] == "investment");
static_assert(kMetricNames[index(Metric::Referrals)] == "referrals");
static_assert(kMetricNames[index(Metric::ReferralsAvoided)] == "referrals_avoided");
static_assert(kMetricNames[index(Metric::ReferralSavings)] == "referral_savings");
static_assert(kMetricNames[index(Metric::PrescribingSavings)] == "prescribing_savings");
static_assert(kMetricNames[index(Metric::UrgentCareCost)] == "urgent_care_cost");
static_assert(kMetricNames[index(Metric::Savings)] == "savings");
static_assert(kMetricNames[index(Metric::NetCost)] == "net_cost");
static_assert(kMetricNames[index(Metric::Roi)] == "roi");
static_assert(kMetricNames[index(Metric::CumulativeRoi)] == "cumulative_roi");
static_assert(kMetricNames[index(Metric::BudgetHeadroom)] == "budget_headroom");
static_assert(kMetricNames[index(Metric::Overspend)] == "overspend");
static_assert(kMetricNames[index(Metric::AppointmentsDemandGp)] == "appointments_demand_gp");
static_assert(kMetricNames[index(Metric::AppointmentsCapacityGp)] == "appointments_capacity_gp");
static_assert(kMetricNames[index(Metric::AppointmentsGapGp)] == "appointments_gap_gp");
static_assert(kMetricNames[index(Metric::AppointmentsDemandOther)] == "appointments_demand_other");
static_assert(kMetricNames[index(Metric::AppointmentsCapacityOther)] ==
              "appointments_capacity_other");
static_assert(kMetricNames[index(Metric::AppointmentsGapOther)] == "appointments_gap_other");
static_assert(kMetricUnits[index(Metric::AppointmentsGapOther)] == "appointments");
static_assert(kMetricUnits[index(Metric::AppointmentsPer1000)] == "appointments per 1000 patients");
static_assert(kMetricUnits[index(Metric::LevellingUpCost)] == "GBP");
static_assert(kMetricUnits[index(Metric::Referrals)] == "referrals");
static_assert(kMetricUnits[index(Metric::Roi)] == "ratio");
static_assert(kMetricUnits[index(Metric::Overspend)] == "0/1");
static_assert(kScalarMetricNames[index(ScalarMetric::PaybackYear)] == "payback_year");

// Which way is better for a commissioner comparing options (MODEL.md, "Economics and the
// comparison of options": the probability that an option beats the baseline). Neither:
// more or less is not in itself better or worse, so no probability is reported.
enum class Better { Higher, Lower, Neither };

// Per metric, in Metric order. More GPs, capacity, open practices, savings, return and
// headroom are better; closures, unmet demand, referrals, urgent care cost, dispersal
// cost, net cost and overspend are better lower. Size of the population (list sizes,
// demand) is not something an option should be judged on. Spending (levelling up, the
// quality contract, investment) is Neither: spending more is not in itself worse — what it
// buys shows in capacity and savings, and its cost net of savings is net_cost (Lower).
inline constexpr std::array<Better, kMetricCount> kMetricBetter = {
    Better::Neither,  // list_size
    Better::Neither,  // weighted_list
    Better::Higher,   // gp_headcount
    Better::Higher,   // gp_fte
    Better::Higher,   // other_fte
    Better::Higher,   // practices_open
    Better::Lower,    // closures
    Better::Neither,  // appointments_demand
    Better::Higher,   // appointments_capacity
    Better::Lower,    // appointments_gap
    Better::Higher,   // appointments_extended_access
    Better::Higher,   // appointments_per_1000
    Better::Lower,    // dispersal_cost
    Better::Neither,  // levelling_up_cost
    Better::Neither,  // quality_contract_cost
    Better::Neither,  // investment
    Better::Lower,    // referrals
    Better::Higher,   // referrals_avoided
    Better::Higher,   // referral_savings
    Better::Higher,   // prescribing_savings
    Better::Lower,    // urgent_care_cost
    Better::Higher,   // savings
    Better::Lower,    // net_cost
    Better::Higher,   // roi
    Better::Higher,   // cumulative_roi
    Better::Higher,   // budget_headroom
    Better::Lower,    // overspend
    Better::Neither,  // appointments_demand_gp
    Better::Higher,   // appointments_capacity_gp
    Better::Lower,    // appointments_gap_gp
    Better::Neither,  // appointments_demand_other
    Better::Higher,   // appointments_capacity_other
    Better::Lower};   // appointments_gap_other

// npv: higher is better; payback_year: an earlier payback is better.
inline constexpr std::array<Better, kScalarMetricCount> kScalarMetricBetter = {Better::Higher,
                                                                              Better::Lower};

// Each direction checked against its metric by name, so a reordering cannot mislabel one.
static_assert(kMetricBetter[index(Metric::ListSize)] == Better::Neither);
static_assert(kMetricBetter[index(Metric::WeightedList)] == Better::Neither);
static_assert(kMetricBetter[index(Metric::GpHeadcount)] == Better::Higher);
static_assert(kMetricBetter[index(Metric::GpFte)] == Better::Higher);
static_assert(kMetricBetter[index(Metric::OtherFte)] == Better::Higher);
static_assert(kMetricBetter[index(Metric::PracticesOpen)] == Better::Higher);
static_assert(kMetricBetter[index(Metric::Closures)] == Better::Lower);
static_assert(kMetricBetter[index(Metric::AppointmentsDemand)] == Better::Neither);
static_assert(kMetricBetter[index(Metric::AppointmentsCapacity)] == Better::Higher);
static_assert(kMetricBetter[index(Metric::AppointmentsGap)] == Better::Lower);
static_assert(kMetricBetter[index(Metric::AppointmentsExtendedAccess)] == Better::Higher);
static_assert(kMetricBetter[index(Metric::AppointmentsPer1000)] == Better::Higher);
static_assert(kMetricBetter[index(Metric::DispersalCost)] == Better::Lower);
static_assert(kMetricBetter[index(Metric::LevellingUpCost)] == Better::Neither);
static_assert(kMetricBetter[index(Metric::QualityContractCost)] == Better::Neither);
static_assert(kMetricBetter[index(Metric::Investment)] == Better::Neither);
static_assert(kMetricBetter[index(Metric::Referrals)] == Better::Lower);
static_assert(kMetricBetter[index(Metric::ReferralsAvoided)] == Better::Higher);
static_assert(kMetricBetter[index(Metric::ReferralSavings)] == Better::Higher);
static_assert(kMetricBetter[index(Metric::PrescribingSavings)] == Better::Higher);
static_assert(kMetricBetter[index(Metric::UrgentCareCost)] == Better::Lower);
static_assert(kMetricBetter[index(Metric::Savings)] == Better::Higher);
static_assert(kMetricBetter[index(Metric::NetCost)] == Better::Lower);
static_assert(kMetricBetter[index(Metric::Roi)] == Better::Higher);
static_assert(kMetricBetter[index(Metric::CumulativeRoi)] == Better::Higher);
static_assert(kMetricBetter[index(Metric::BudgetHeadroom)] == Better::Higher);
static_assert(kMetricBetter[index(Metric::Overspend)] == Better::Lower);
static_assert(kScalarMetricBetter[index(ScalarMetric::Npv)] == Better::Higher);
static_assert(kScalarMetricBetter[index(ScalarMetric::PaybackYear)] == Better::Lower);

}  // namespace pcsim::model
