#pragma once
#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>

namespace pcsim::model {

// Metrics reported per option, iteration and year (MODEL.md; names are relied on by
// reports and checks: never rename one). All are totals over the practices of the run.
enum class Metric : std::size_t {
  ListSize,              // registered patients
  WeightedList,          // weighted patients
  GpHeadcount,           // GPs (people)
  GpFte,                 // GP FTE
  OtherFte,              // FTE of all other clinical roles
  PracticesOpen,         // practices open at year end
  Closures,              // practices closed this year
  AppointmentsDemand,    // appointments demanded (all roles, after self-care diversion)
  AppointmentsCapacity,  // appointments offered (every role, funded and extended access)
  AppointmentsGap,       // unmet demand: sum over practices and roles of max(0, demand - capacity)
  AppointmentsExtendedAccess,  // extended access appointments
  AppointmentsPer1000,         // capacity per 1,000 registered patients
  DispersalCost,               // £, one-off cost of moving the lists of closed practices
  LevellingUpCost,             // £, LU(t)
  QualityContractCost,         // £, quality contract payments
  Investment,          // £, LU + quality contract + extended access + new roles + running cost
  Referrals,           // referrals to secondary care
  ReferralsAvoided,    // against the baseline-year rate
  ReferralSavings,     // £
  PrescribingSavings,  // £
  UrgentCareCost,      // £, A&E cost of unmet GP demand less deflections
  Savings,             // £, referral + prescribing + urgent care savings
  NetCost,             // £, investment - savings
  Roi,                 // savings / investment (NaN when investment is 0)
  CumulativeRoi,       // cumulative savings / cumulative investment
  BudgetHeadroom,      // £, B(t) - (baseline spend I(t) + investment + dispersal cost)
  Overspend,           // 1 when headroom < 0, else 0 (its mean is the probability)
  // By role (MODEL.md, Appointment capacity: "demand, capacity and gap by role"): demand is
  // split between GPs and the other clinical roles, so that is the level reported here.
  AppointmentsDemandGp,         // GP appointments demanded, after skill-mix diversion
  AppointmentsCapacityGp,       // GP FTE x appointments per GP FTE (extended access apart)
  AppointmentsGapGp,            // unmet GP demand U (docs/model.md)
  AppointmentsDemandOther,      // demand for nurses and other roles, incl. diverted demand
  AppointmentsCapacityOther,    // sum over roles of FTE x appointments per FTE
  AppointmentsGapOther,         // unmet demand for the other roles
  AppointmentsSelfCare,         // diverted GP demand met by self-care (leaves the system)
  AppointmentsFundedGp,         // GP appointments bought with levelling-up funding
  AppointmentsFundedOther,      // other clinicians' appointments bought with it
  GpRetirements,                // GPs retiring this year
  GpLeavers,                    // GPs leaving for other reasons
  GpRecruits,                   // GPs recruited
  GpClosureLosses,              // GPs of practices that closed (they leave with the practice)
  Mergers,                      // practices merged into another this year
  PatientsDispersed,            // registered patients moved from closed practices
  PatientsMerged,               // registered patients moved by mergers
  AdditionalRolesFte,           // PCN additional roles FTE
  AdditionalRolesAppointments,  // their appointments (see the description below)
  AdditionalRolesCost,          // £, their reimbursement (NHS England, outside the budget)
  ExtendedAccessCost,           // £, part of investment
  NewRolesCost,                 // £, part of investment
  RunningCost,                  // £, part of investment
  BaselineSpend,                // £, core funding of year 0 in year-t prices
  UrgentCareSavings,            // £, part of savings: the cost without levers less this year's
  BaselineReferralCost,         // £, referrals at the year-0 rate on this year's lists
  BaselinePrescribingCost,      // £, prescribing before the KPI
  BaselineUrgentCareCost,       // £, urgent care cost this year had no lever acted
  OverspendAmount,              // £, max(0, -headroom)
  OverspendCommissioner,        // £, the part the CCG/ICB bears
  OverspendNhsEngland,          // £, the part NHS England bears
  SingleHandedPractices,        // open practices with one GP at year end
  PracticesWithoutGp,           // open practices with no permanent GP at year end
  Count
};
inline constexpr std::size_t kMetricCount = static_cast<std::size_t>(Metric::Count);

// Per-iteration scalars (one value per iteration, not per year).
enum class ScalarMetric : std::size_t { Npv, PaybackYear, Count };
inline constexpr std::size_t kScalarMetricCount = static_cast<std::size_t>(ScalarMetric::Count);

// Which way is better for a commissioner comparing options (MODEL.md, "Economics and the
// comparison of options": the probability that an option beats the baseline). Neither:
// more or less is not in itself better or worse, so no probability is reported. More GPs,
// capacity, open practices, savings, return and headroom are better; closures, unmet
// demand, referrals, urgent care cost, dispersal cost, net cost and overspend are better
// lower. Size of the population (list sizes, demand) is not something an option should be
// judged on. Spending (levelling up, the quality contract, investment) is Neither:
// spending more is not in itself worse — what it buys shows in capacity and savings, and
// its cost net of savings is net_cost (Lower).
enum class Better { Higher, Lower, Neither };

// One row of the metric table: everything the writer, the summary, the report and the
// docs say about a metric, in one place.
struct MetricInfo {
  std::string_view name;  // never renamed: reports and checks rely on it
  std::string_view unit;  // "GBP", "appointments", ...
  Better better;
  std::string_view description;  // one line, for the results file, the report and docs
};

// The per-year metrics, in Metric order (checked below).
inline constexpr std::array<MetricInfo, kMetricCount> kMetrics = {{
    {"list_size", "patients", Better::Neither, "registered patients at year end"},
    {"weighted_list", "weighted patients", Better::Neither, "weighted patients at year end"},
    {"gp_headcount", "GPs", Better::Higher, "GPs (people), after recruitment"},
    {"gp_fte", "FTE", Better::Higher, "GP full-time equivalents"},
    {"other_fte", "FTE", Better::Higher,
     "FTE of the practices' other clinical roles (roles.*), ARRS not included (arrs_fte)"},
    {"practices_open", "practices", Better::Higher, "practices open at year end"},
    {"closures", "practices", Better::Lower, "practices closed this year"},
    {"appointments_demand", "appointments", Better::Neither,
     "appointments demanded (all roles, after self-care diversion)"},
    {"appointments_capacity", "appointments", Better::Higher,
     "appointments offered: GP + funded GP + additional roles + other roles + funded other + "
     "extended access"},
    {"appointments_gap", "appointments", Better::Lower,
     "unmet demand: sum over practices and roles of max(0, demand - capacity)"},
    {"appointments_extended_access", "appointments", Better::Higher,
     "extended access appointments"},
    {"appointments_per_1000", "appointments per 1000 patients", Better::Higher,
     "capacity per 1,000 registered patients"},
    {"dispersal_cost", "GBP", Better::Lower,
     "one-off cost of moving the lists of closed practices"},
    {"levelling_up_cost", "GBP", Better::Neither, "levelling-up investment LU(t)"},
    {"quality_contract_cost", "GBP", Better::Neither, "quality contract payments"},
    {"investment", "GBP", Better::Neither,
     "levelling up + quality contract + extended access + new roles + running cost"},
    {"referrals", "referrals", Better::Lower, "referrals to secondary care"},
    {"referrals_avoided", "referrals", Better::Higher,
     "referrals avoided against the baseline-year rate"},
    {"referral_savings", "GBP", Better::Higher, "savings from referrals avoided"},
    {"prescribing_savings", "GBP", Better::Higher, "savings from the prescribing KPI"},
    {"urgent_care_cost", "GBP", Better::Lower,
     "A&E and urgent care cost of unmet GP demand, less deflections (never below 0)"},
    {"savings", "GBP", Better::Higher, "referral + prescribing + urgent care savings"},
    {"net_cost", "GBP", Better::Lower, "investment - savings"},
    {"roi", "ratio", Better::Higher, "savings / investment (NaN when investment is 0)"},
    {"cumulative_roi", "ratio", Better::Higher, "cumulative savings / cumulative investment"},
    {"budget_headroom", "GBP", Better::Higher,
     "B(t) - (baseline spend I(t) + investment + dispersal cost)"},
    {"overspend", "0/1", Better::Lower, "1 when headroom < 0 (its mean is the probability)"},
    // By role (MODEL.md, Appointment capacity: "demand, capacity and gap by role"): demand
    // is split between GPs and the other clinical roles, so that is the level reported.
    {"appointments_demand_gp", "appointments", Better::Neither,
     "GP appointments demanded, after skill-mix diversion"},
    {"appointments_capacity_gp", "appointments", Better::Higher,
     "GP FTE x appointments per GP FTE (extended access apart)"},
    {"appointments_gap_gp", "appointments", Better::Lower,
     "unmet GP demand U after GP capacity, funded GP appointments, the additional roles' GP share "
     "and extended access"},
    {"appointments_demand_other", "appointments", Better::Neither,
     "demand for nurses and other roles, diverted demand included"},
    {"appointments_capacity_other", "appointments", Better::Higher,
     "sum over roles of FTE x appointments per FTE, plus the additional roles' "
     "other-demand share"},
    {"appointments_gap_other", "appointments", Better::Lower, "unmet demand for the other roles"},
    {"appointments_self_care", "appointments", Better::Neither,
     "diverted GP demand met by self-care, pharmacy or online services"},
    {"appointments_funded_gp", "appointments", Better::Higher,
     "GP appointments bought with levelling-up funding"},
    {"appointments_funded_other", "appointments", Better::Higher,
     "other clinicians' appointments bought with levelling-up funding"},
    {"gp_retirements", "GPs", Better::Lower, "GPs retiring this year"},
    {"gp_leavers", "GPs", Better::Lower, "GPs leaving for reasons other than retirement"},
    {"gp_recruits", "GPs", Better::Higher, "GPs recruited this year"},
    {"gp_closure_losses", "GPs", Better::Lower, "GPs of practices that closed this year"},
    {"mergers", "practices", Better::Neither, "practices merged into a neighbour this year"},
    {"patients_dispersed", "patients", Better::Lower,
     "registered patients moved from practices that closed"},
    {"patients_merged", "patients", Better::Neither,
     "registered patients moved with their practice by mergers"},
    {"arrs_fte", "FTE", Better::Higher, "PCN additional roles (ARRS) FTE"},
    {"arrs_appointments", "appointments", Better::Higher,
     "appointments of the additional roles: their other-demand share is inside "
     "appointments_capacity_other, their GP-demand share (additional_roles.gp_demand_share) "
     "only inside appointments_capacity"},
    {"arrs_cost", "GBP", Better::Neither,
     "reimbursement of the additional roles (NHS England, outside the delegated budget)"},
    {"extended_access_cost", "GBP", Better::Neither, "extended access cost (in investment)"},
    {"new_roles_cost", "GBP", Better::Neither,
     "cost of new posts: other roles' and the extra GP posts (in investment)"},
    {"running_cost", "GBP", Better::Lower, "running cost of delegated functions (in investment)"},
    {"baseline_spend", "GBP", Better::Neither,
     "funding.baseline_spend, else the practices' year-0 core funding, in year-t prices"},
    {"urgent_care_savings", "GBP", Better::Higher,
     "urgent care cost without this year's levers less this year's (in savings)"},
    {"baseline_referral_cost", "GBP", Better::Neither,
     "referrals at each practice's year-0 rate on this year's lists, costed"},
    {"baseline_prescribing_cost", "GBP", Better::Neither,
     "prescribing cost before the prescribing KPI"},
    {"baseline_urgent_care_cost", "GBP", Better::Neither,
     "urgent care cost of this year's unmet GP demand had no lever acted"},
    {"overspend_amount", "GBP", Better::Lower, "overspend of the budget, max(0, -headroom)"},
    {"overspend_commissioner", "GBP", Better::Lower,
     "the part of the overspend the commissioner (CCG/ICB) bears"},
    {"overspend_nhs_england", "GBP", Better::Lower, "the part of the overspend NHS England bears"},
    {"single_handed_practices", "practices", Better::Neither,
     "open practices whose GPs round to 1 at year end, after the practice changes (central case: "
     "by open share)"},
    {"practices_without_gp", "practices", Better::Lower,
     "open practices whose GPs round to 0 at year end, run by locums (central case: by open "
     "share)"},
}};

// Per-iteration scalars: npv in £; payback_year is the projected year t (1 = the first),
// not a calendar year; an earlier payback is better.
inline constexpr std::array<MetricInfo, kScalarMetricCount> kScalarMetrics = {{
    {"npv", "GBP", Better::Higher,
     "net present value of savings - investment in year-0 prices (deflated by the inflation "
     "index, then discounted at the real discount rate)"},
    {"payback_year", "year of projection", Better::Lower,
     "first year cumulative savings reach cumulative investment"},
}};

constexpr std::size_t index(Metric m) { return static_cast<std::size_t>(m); }
constexpr std::size_t index(ScalarMetric m) { return static_cast<std::size_t>(m); }
constexpr const MetricInfo& info(Metric m) { return kMetrics[index(m)]; }
constexpr const MetricInfo& info(ScalarMetric m) { return kScalarMetrics[index(m)]; }

// Views of one column of the table, for code that wants the names (or units, directions)
// as an array.
namespace detail {
template <std::size_t N, class Field>
constexpr auto metric_column(const std::array<MetricInfo, N>& table, Field field) {
  std::array<std::remove_cvref_t<decltype(table[0].*field)>, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = table[i].*field;
  return out;
}
}  // namespace detail
inline constexpr auto kMetricNames = detail::metric_column(kMetrics, &MetricInfo::name);
inline constexpr auto kMetricUnits = detail::metric_column(kMetrics, &MetricInfo::unit);
inline constexpr auto kMetricBetter = detail::metric_column(kMetrics, &MetricInfo::better);
inline constexpr auto kScalarMetricNames = detail::metric_column(kScalarMetrics, &MetricInfo::name);
inline constexpr auto kScalarMetricUnits = detail::metric_column(kScalarMetrics, &MetricInfo::unit);
inline constexpr auto kScalarMetricBetter =
    detail::metric_column(kScalarMetrics, &MetricInfo::better);

// The analyses (sensitivity, Sobol, drivers) number their outputs q: every per-year metric
// (q < kMetricCount), then every scalar. The row of the metric table behind output q.
inline constexpr std::size_t kOutputCount = kMetricCount + kScalarMetricCount;
constexpr const MetricInfo& output_info(std::size_t q) {
  return q < kMetricCount ? kMetrics[q] : kScalarMetrics[q - kMetricCount];
}

// The table must stay in step with the enum: each row checked against its enumerator by
// name, so a reordering cannot mislabel one.
static_assert(info(Metric::ListSize).name == "list_size");
static_assert(info(Metric::WeightedList).name == "weighted_list");
static_assert(info(Metric::GpHeadcount).name == "gp_headcount");
static_assert(info(Metric::GpFte).name == "gp_fte");
static_assert(info(Metric::OtherFte).name == "other_fte");
static_assert(info(Metric::PracticesOpen).name == "practices_open");
static_assert(info(Metric::Closures).name == "closures");
static_assert(info(Metric::AppointmentsDemand).name == "appointments_demand");
static_assert(info(Metric::AppointmentsCapacity).name == "appointments_capacity");
static_assert(info(Metric::AppointmentsGap).name == "appointments_gap");
static_assert(info(Metric::AppointmentsExtendedAccess).name == "appointments_extended_access");
static_assert(info(Metric::AppointmentsPer1000).name == "appointments_per_1000");
static_assert(info(Metric::DispersalCost).name == "dispersal_cost");
static_assert(info(Metric::LevellingUpCost).name == "levelling_up_cost");
static_assert(info(Metric::QualityContractCost).name == "quality_contract_cost");
static_assert(info(Metric::Investment).name == "investment");
static_assert(info(Metric::Referrals).name == "referrals");
static_assert(info(Metric::ReferralsAvoided).name == "referrals_avoided");
static_assert(info(Metric::ReferralSavings).name == "referral_savings");
static_assert(info(Metric::PrescribingSavings).name == "prescribing_savings");
static_assert(info(Metric::UrgentCareCost).name == "urgent_care_cost");
static_assert(info(Metric::Savings).name == "savings");
static_assert(info(Metric::NetCost).name == "net_cost");
static_assert(info(Metric::Roi).name == "roi");
static_assert(info(Metric::CumulativeRoi).name == "cumulative_roi");
static_assert(info(Metric::BudgetHeadroom).name == "budget_headroom");
static_assert(info(Metric::Overspend).name == "overspend");
static_assert(info(Metric::AppointmentsDemandGp).name == "appointments_demand_gp");
static_assert(info(Metric::AppointmentsCapacityGp).name == "appointments_capacity_gp");
static_assert(info(Metric::AppointmentsGapGp).name == "appointments_gap_gp");
static_assert(info(Metric::AppointmentsDemandOther).name == "appointments_demand_other");
static_assert(info(Metric::AppointmentsCapacityOther).name == "appointments_capacity_other");
static_assert(info(Metric::AppointmentsGapOther).name == "appointments_gap_other");
static_assert(info(Metric::AppointmentsSelfCare).name == "appointments_self_care");
static_assert(info(Metric::AppointmentsFundedGp).name == "appointments_funded_gp");
static_assert(info(Metric::AppointmentsFundedOther).name == "appointments_funded_other");
static_assert(info(Metric::GpRetirements).name == "gp_retirements");
static_assert(info(Metric::GpLeavers).name == "gp_leavers");
static_assert(info(Metric::GpRecruits).name == "gp_recruits");
static_assert(info(Metric::GpClosureLosses).name == "gp_closure_losses");
static_assert(info(Metric::Mergers).name == "mergers");
static_assert(info(Metric::PatientsDispersed).name == "patients_dispersed");
static_assert(info(Metric::PatientsMerged).name == "patients_merged");
static_assert(info(Metric::AdditionalRolesFte).name == "arrs_fte");
static_assert(info(Metric::AdditionalRolesAppointments).name == "arrs_appointments");
static_assert(info(Metric::AdditionalRolesCost).name == "arrs_cost");
static_assert(info(Metric::ExtendedAccessCost).name == "extended_access_cost");
static_assert(info(Metric::NewRolesCost).name == "new_roles_cost");
static_assert(info(Metric::RunningCost).name == "running_cost");
static_assert(info(Metric::BaselineSpend).name == "baseline_spend");
static_assert(info(Metric::UrgentCareSavings).name == "urgent_care_savings");
static_assert(info(Metric::BaselineReferralCost).name == "baseline_referral_cost");
static_assert(info(Metric::BaselinePrescribingCost).name == "baseline_prescribing_cost");
static_assert(info(Metric::BaselineUrgentCareCost).name == "baseline_urgent_care_cost");
static_assert(info(Metric::OverspendAmount).name == "overspend_amount");
static_assert(info(Metric::OverspendCommissioner).name == "overspend_commissioner");
static_assert(info(Metric::OverspendNhsEngland).name == "overspend_nhs_england");
static_assert(info(Metric::SingleHandedPractices).name == "single_handed_practices");
static_assert(info(Metric::PracticesWithoutGp).name == "practices_without_gp");
static_assert(info(ScalarMetric::Npv).name == "npv");
static_assert(info(ScalarMetric::PaybackYear).name == "payback_year");

}  // namespace pcsim::model
