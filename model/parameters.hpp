#pragma once
#include <string>
#include <vector>

#include "core/units.hpp"
#include "model/age_bands.hpp"

namespace pcsim::model {

// The values of every scenario parameter for one iteration of one option: what the model
// functions read. Names follow MODEL.md (section.key in the scenario file); every numeric
// field here is registered in parameter_registry.cpp with its unit, default and source, and
// may be given in a scenario as a fixed value or a distribution.
//
// Time: year t = 1..horizon_years is projected; t = 0 is the baseline year of the practice
// data. Levers act from year 1 unless a *_start_year says otherwise.

struct PopulationParameters {
  RatePerYear list_growth = 0.006;         // L(p,t) = L(p,t-1)(1 + list_growth + e)
  double list_noise_sd = 0.01;             // sd of e(p,t)
  double consultations_per_patient = 5.2;  // appointments per patient per year
  RatePerYear consultation_growth = 0.01;  // (1 + g)^t
  Fraction gp_share = 0.55;                // share of demand needing a GP
  Fraction diversion_max = 0.0;            // skill-mix lever: share of GP demand redirected
  double diversion_ramp_years = 3;         // ramp(t) = min(1, t / ramp_years)
  Fraction self_care_share = 0.3;          // of diverted demand, leaves the system
};

struct WorkforceParameters {
  // Retirements per GP per year by age band (under 30 ... 65+). Assumption: near zero before
  // 50, rising from 55 (earliest NHS Pension Scheme age) and 60 (1995-section normal
  // pension age) to about 0.3 a year at 65 and over; see parameter_specs_demand.cpp.
  BandArray retirement_rate{0.0, 0.0, 0.002, 0.003, 0.005, 0.02, 0.07, 0.16, 0.30};
  double retirement_multiplier = 1.0;
  RatePerYear leaver_rate = 0.03;        // other leavers, of those not retiring
  Fraction fill_rate = 0.8;              // recruits ~ Bin(vacancies, fill_rate)
  int entry_band = 1;                    // band index recruits enter at (30_34)
  double fte_per_head = 0.75;            // GP FTE per head in year 0
  RatePerYear fte_trend = -0.01;         // fte_per_head(t) = fte_per_head (1+trend)^t
  Fte extra_gp_posts_per_30000 = 0;      // lever: GP posts added to establishment
  PoundsPerPatient dispersal_cost = 50;  // one-off £ per patient moved at a closure
  Headcount closure_threshold = 0;       // a practice with fewer GPs than this closes (0: rule off)
  // Funding and retention (what the money buys): the leaver rate of a practice falls by
  // this share per unit of relative funding uplift u(p,t) (0.1 = a 10% uplift):
  // leaver_rate (1 - leaver_reduction_per_uplift u), within [0, 1]. 0: no effect.
  double leaver_reduction_per_uplift = 0;
};

// Practice mergers and closures (docs/model.md, Practice changes): yearly probabilities as
// logistic functions of what a practice is at the year end, fitted on the payments files
// of 2014/15-2018/19 (scripts/calibrate_practice_changes.py). Logit scale:
//   P = 1 / (1 + exp(-(intercept + per_log_list ln(L / 10000) + single_handed [H = 1]
//                       + no_gp [H = 0] + apms [APMS contract])))
struct HazardCoefficients {
  double intercept = 0;
  // The intercept moves from year to year (the calibration found strong year effects): a
  // shift ~ Normal(0, year_sd) drawn once a year for every practice alike.
  double year_sd = 0;
  double per_log_list = 0;
  double single_handed = 0;
  double no_gp = 0;
  double apms = 0;
};

struct PracticeChangeParameters {
  bool mergers = false;   // switch: practices merge into neighbours
  bool closures = false;  // switch: practices close, lists dispersed
  HazardCoefficients merger;
  HazardCoefficients closure;
};

// Roles funded through primary care networks from 2019/20 (the Additional Roles
// Reimbursement Scheme): FTE per 10,000 weighted patients, growing each year by a share
// of the remaining distance to a ceiling; reimbursed by NHS England outside the delegated
// budget (docs/model.md, Additional roles).
struct AdditionalRolesParameters {
  double fte_per_10000_start = 0;            // FTE per 10,000 weighted patients in year 0
  double fte_per_10000_ceiling = 0;          // the level the scheme grows towards
  Fraction growth_share = 0.3;               // of the remaining distance, a year
  int first_calendar_year = 2019;            // no roles before the scheme (2019/20)
  Appointments appointments_per_fte = 4000;  // per FTE per year
  // Share of their appointments that meet demand which would otherwise need a GP (first-
  // contact physiotherapy, pharmacist reviews, paramedic visits); the rest meet the other
  // roles' demand.
  Fraction gp_demand_share = 0.5;
  Pounds reimbursement_per_fte = 45000;  // £ per FTE per year, year-0 prices
};

// A non-GP clinical role (nurse, clinical pharmacist, physician associate, MSK, mental
// health ...). Baseline FTE comes from the practice attributes file (column named in
// attributes_column) or, where missing, baseline_fte_per_1000 x list / 1000.
struct RoleParameters {
  std::string name;                          // e.g. "nurse"
  std::string attributes_column;             // e.g. "TOTAL_NURSES_FTE"; empty: none
  Fte baseline_fte_per_1000 = 0;             // default where the practice file lacks it
  Appointments appointments_per_fte = 6000;  // per FTE per year
  Fte new_posts_per_30000 = 0;               // lever: posts added per 30,000 population
  Fraction role_fill_rate = 0.8;             // share of new posts filled
  Pounds cost_per_fte = 50000;               // salary with on-costs, per FTE per year
  int start_year = 1;                        // first year the new posts exist
};

struct CapacityParameters {
  Appointments appointments_per_gp_fte = 7500;  // per GP FTE per year
  double extended_access_per_1000 = 0;          // lever: appointments per 1,000 pop per year
  int extended_access_start_year = 1;
  Pounds extended_access_cost = 0;     // £ per extended access appointment
  Fraction unmet_to_ae = 0.05;         // share of unmet GP demand to A&E (MODEL.md)
  Pounds ae_cost = 148;                // £ per A&E attendance
  Fraction ae_deflection_share = 0.0;  // extended access appts that avert A&E
  // What additional core funding buys: £ per appointment in year-0 prices.
  Pounds gp_appointment_cost = 39;     // a GP appointment
  Pounds other_appointment_cost = 13;  // a nurse or other clinician's appointment
};

enum class LevellingTarget { Median, Mean, Percentile, Pounds };
// Which practices a levelling target is taken over: the practice's own commissioning area
// (CCG / sub-ICB code), its ICB, or every practice of the run.
enum class TargetScope { Area, Icb, File };

// One standard of the local quality contract.
struct QualityStandard {
  std::string name;
  PoundsPerPatient payment_per_weighted_patient = 0;
  Fraction achievement_rate = 1.0;  // P(practice achieves it in a year)
  bool mandatory = true;            // mandatory: every practice
  Fraction sign_up_share = 1.0;     // optional: P(practice signs up)
};

struct FundingParameters {
  bool levelling_up = false;  // lever
  LevellingTarget target = LevellingTarget::Median;
  double target_percentile = 50;       // for LevellingTarget::Percentile (0-100)
  PoundsPerPatient target_pounds = 0;  // for LevellingTarget::Pounds, year-0 prices
  TargetScope target_scope = TargetScope::Area;
  // Practices whose funding per weighted patient cannot be trusted are left out of the
  // target and of levelling: a weighted list below this, opened or closed in the base year,
  // or f(p,0) beyond this multiple of (or below its reciprocal times) the scope's median.
  Patients trust_min_weighted_list = 1000;
  double trust_max_ratio_to_median = 2;
  // What the money buys: the share of additional core funding (levelling up) spent on
  // clinical time, and the share of that bought as GP appointments (the rest as other
  // clinicians'). 0: levelling up buys no capacity.
  Fraction clinical_spend_share = 0;
  Fraction gp_time_share = 0.5;
  double levelling_years = 1;  // phase-in Y
  bool level_down = false;
  Fraction max_reduction_per_year = 0.02;          // of f(p,0), when level_down
  RatePerYear inflation = 0.02;                    // I(t) = (1 + inflation)^t
  std::vector<QualityStandard> quality_standards;  // the quality contract (lever when non-empty)
  Pounds running_cost = 0;                         // delegated functions, per year, level 3 only
  Pounds allocation = 0;                           // delegated allocation B(0); 0 = baseline spend
  RatePerYear allocation_growth = 0.02;            // B(t) = B(0)(1 + g)^t
  Pounds baseline_spend = 0;                       // 0 = sum of practices' core funding
  // Who bears an overspend (risk sharing): the commissioner's (CCG/ICB) share of it at
  // commissioning level 2 (joint) and at level 3 (delegated); NHS England bears the rest.
  Fraction commissioner_overspend_share_joint = 0;
  Fraction commissioner_overspend_share_delegated = 1;
};

struct SavingsParameters {
  double referrals_per_1000_weighted = 300;         // default practice referral rate per year
  double referral_rate_cv = 0.15;                   // spread of missing practice rates
  bool benchmarking = false;                        // lever: peer-group benchmarking
  double benchmark_percentile = 25;                 // of the peer group's rates (best quartile)
  Fraction convergence = 0.2;                       // of the remaining gap closed a year
  bool eur = false;                                 // lever: Effective Use of Resources policy
  Fraction limited_value_share = 0.05;              // referrals of limited clinical value
  Fraction eur_reduction = 0.28;                    // cut in those, at full effect
  double ramp_years = 1;                            // years to full effect (EUR, prescribing)
  Pounds cost_per_referral = 570;                   // first attendance and what follows
  PoundsPerPatient prescribing_per_weighted = 150;  // default practice cost, year 0
  RatePerYear prescribing_growth = 0.03;
  bool prescribing_kpi = false;          // lever: local prescribing incentive
  Fraction prescribing_reduction = 0.0;  // waste cut, at full effect
};

struct EconomicsParameters {
  RatePerYear discount_rate = 0.035;  // HM Treasury Green Book
};

struct ModelParameters {
  int commissioning_level = 2;  // 1 greater involvement, 2 joint, 3 delegated
  int horizon_years = 10;
  int start_year = 2017;  // calendar year in which year 1 starts
  PopulationParameters population;
  WorkforceParameters workforce;
  std::vector<RoleParameters> roles;
  CapacityParameters capacity;
  FundingParameters funding;
  SavingsParameters savings;
  EconomicsParameters economics;
  PracticeChangeParameters practice_changes;
  AdditionalRolesParameters additional_roles;
};

}  // namespace pcsim::model
