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
    "overspend"};

inline constexpr std::array<std::string_view, kMetricCount> kMetricUnits = {
    "patients", "weighted patients", "GPs", "FTE", "FTE", "practices", "practices",
    "appointments", "appointments", "appointments", "appointments",
    "appointments per 1000 patients", "GBP", "GBP", "GBP", "GBP",
    "referrals", "referrals", "GBP", "GBP", "GBP", "GBP", "GBP", "ratio", "ratio", "GBP",
    "0/1"};

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
static_assert(kMetricUnits[index(Metric::AppointmentsPer1000)] == "appointments per 1000 patients");
static_assert(kMetricUnits[index(Metric::LevellingUpCost)] == "GBP");
static_assert(kMetricUnits[index(Metric::Referrals)] == "referrals");
static_assert(kMetricUnits[index(Metric::Roi)] == "ratio");
static_assert(kMetricUnits[index(Metric::Overspend)] == "0/1");
static_assert(kScalarMetricNames[index(ScalarMetric::PaybackYear)] == "payback_year");

}  // namespace pcsim::model
