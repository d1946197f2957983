#include "model/year_accounts.hpp"

#include "model/additional_roles.hpp"
#include "model/capacity.hpp"
#include "model/economics.hpp"
#include "model/funding.hpp"
#include "model/savings.hpp"

namespace pcsim::model {

namespace {
std::span<double> metric_row(const SimulationOutput& out, Metric m) {
  const auto h = static_cast<std::size_t>(out.horizon_years);
  return out.by_year.subspan(index(m) * h, h);
}
}  // namespace

void write_year_metrics(const ModelParameters& m, int t, const YearTotals& y,
                        std::span<const Fte> new_role_fte, const PracticeChangeYear& changes,
                        const RunBaseline& baseline, const SimulationOutput& out) {
  const double index = inflation_index(m.funding, t);
  const Pounds dispersal = m.workforce.dispersal_cost * index * changes.patients_dispersed;

  // Investment(t) = LU + quality + extended access + new roles + running cost (MODEL.md).
  InvestmentParts parts;
  parts.levelling_up = y.levelling_up;
  parts.quality_contract = y.quality_contract;
  parts.extended_access = extended_access_cost(m, y.extended_access, t);
  for (std::size_t r = 0; r < m.roles.size() && r < new_role_fte.size(); ++r)
    parts.new_roles += new_role_cost(m.roles[r], m.funding, new_role_fte[r], t);
  parts.new_roles += extra_gp_posts_cost(m, y.extra_gp_posts_filled, t);
  parts.running_cost = running_cost(m, t);
  const Pounds investment = parts.total();

  // Savings(t) = referral + prescribing + urgent care (MODEL.md, Savings).
  const Pounds urgent_cost = urgent_care_cost(m.capacity, y.unmet_gp, y.extended_access, index);
  const Pounds urgent_savings = urgent_care_savings(
      m.capacity, y.unmet_gp, y.unmet_gp_without_levers, y.extended_access, index);
  const Pounds savings = total_savings(y.referral_savings, y.prescribing_savings, urgent_savings);
  const Pounds headroom =
      budget_headroom(m.funding, baseline.baseline_spend, investment, dispersal, t);

  out.at(Metric::ListSize, t) = y.list;
  out.at(Metric::WeightedList, t) = y.weighted;
  out.at(Metric::GpHeadcount, t) = y.gp_headcount;
  out.at(Metric::GpFte, t) = y.gp_fte;
  out.at(Metric::OtherFte, t) = y.other_fte;
  out.at(Metric::PracticesOpen, t) = y.practices_open;
  out.at(Metric::SingleHandedPractices, t) = y.single_handed;
  out.at(Metric::PracticesWithoutGp, t) = y.without_gp;
  out.at(Metric::Closures, t) = changes.closures;
  out.at(Metric::AppointmentsDemand, t) = y.demand;
  out.at(Metric::AppointmentsCapacity, t) = y.capacity;
  out.at(Metric::AppointmentsGap, t) = y.gap;
  out.at(Metric::AppointmentsDemandGp, t) = y.demand_gp;
  out.at(Metric::AppointmentsCapacityGp, t) = y.capacity_gp;
  out.at(Metric::AppointmentsGapGp, t) = y.unmet_gp;
  out.at(Metric::AppointmentsDemandOther, t) = y.demand_other;
  out.at(Metric::AppointmentsCapacityOther, t) = y.capacity_other;
  out.at(Metric::AppointmentsGapOther, t) = y.unmet_other;
  out.at(Metric::AppointmentsExtendedAccess, t) = y.extended_access;
  out.at(Metric::AppointmentsSelfCare, t) = y.self_care;
  out.at(Metric::AppointmentsFundedGp, t) = y.funded_gp;
  out.at(Metric::AppointmentsFundedOther, t) = y.funded_other;
  out.at(Metric::AppointmentsPer1000, t) = appointments_per_1000(y.capacity, y.list);
  out.at(Metric::GpRetirements, t) = y.retirements;
  out.at(Metric::GpLeavers, t) = y.leavers;
  out.at(Metric::GpRecruits, t) = y.recruits;
  out.at(Metric::GpClosureLosses, t) = changes.gps_lost;
  out.at(Metric::Mergers, t) = changes.mergers;
  out.at(Metric::PatientsDispersed, t) = changes.patients_dispersed;
  out.at(Metric::PatientsMerged, t) = changes.patients_merged;
  out.at(Metric::AdditionalRolesFte, t) = y.additional_roles_fte;
  out.at(Metric::AdditionalRolesAppointments, t) = y.additional_roles_appointments;
  out.at(Metric::AdditionalRolesCost, t) =
      additional_roles_cost(m.additional_roles, y.additional_roles_fte, index);
  out.at(Metric::DispersalCost, t) = dispersal;
  out.at(Metric::LevellingUpCost, t) = y.levelling_up;
  out.at(Metric::QualityContractCost, t) = y.quality_contract;
  out.at(Metric::ExtendedAccessCost, t) = parts.extended_access;
  out.at(Metric::NewRolesCost, t) = parts.new_roles;
  out.at(Metric::RunningCost, t) = parts.running_cost;
  out.at(Metric::Investment, t) = investment;
  out.at(Metric::BaselineSpend, t) = baseline.baseline_spend * index;
  out.at(Metric::Referrals, t) = y.referrals;
  out.at(Metric::ReferralsAvoided, t) = y.referrals_avoided;
  out.at(Metric::ReferralSavings, t) = y.referral_savings;
  out.at(Metric::BaselineReferralCost, t) = y.baseline_referral_cost;
  out.at(Metric::PrescribingSavings, t) = y.prescribing_savings;
  out.at(Metric::BaselinePrescribingCost, t) = y.baseline_prescribing_cost;
  out.at(Metric::UrgentCareCost, t) = urgent_cost;
  out.at(Metric::UrgentCareSavings, t) = urgent_savings;
  out.at(Metric::BaselineUrgentCareCost, t) =
      urgent_care_cost_without_levers(m.capacity, y.unmet_gp_without_levers, index);
  out.at(Metric::Savings, t) = savings;
  out.at(Metric::NetCost, t) = net_cost(investment, savings);
  out.at(Metric::Roi, t) = roi(investment, savings);
  out.at(Metric::BudgetHeadroom, t) = headroom;
  out.at(Metric::Overspend, t) = overspend(headroom);
  const OverspendBorne borne = overspend_borne(m, headroom);
  out.at(Metric::OverspendAmount, t) = borne.total;
  out.at(Metric::OverspendCommissioner, t) = borne.commissioner;
  out.at(Metric::OverspendNhsEngland, t) = borne.nhs_england;
}

void write_run_economics(const ModelParameters& m, const SimulationOutput& out) {
  const auto investment = metric_row(out, Metric::Investment);
  const auto savings = metric_row(out, Metric::Savings);
  cumulative_roi(investment, savings, metric_row(out, Metric::CumulativeRoi));
  out.at(ScalarMetric::Npv) = npv(m.economics, m.funding, investment, savings);
  out.at(ScalarMetric::PaybackYear) = payback_year(investment, savings);
}

}  // namespace pcsim::model
