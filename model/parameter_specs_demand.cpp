// Registry entries: top level, population and demand, workforce, roles, capacity
// (MODEL.md sections of the same names). Every default carries its source.
#include "model/parameter_registry_detail.hpp"

namespace pcsim::model::registry_detail {
namespace {

using T = ParameterType;
using P = PopulationParameters;
using W = WorkforceParameters;
using R = RoleParameters;
using C = CapacityParameters;

constexpr std::string_view kRetirementSource =
    "assumption: age profile of GP retirement - near 0 before 50, 0.02 at 50-54, rising "
    "from 55 (earliest NHS Pension Scheme age) and 60 (1995-section normal pension age) to "
    "0.07 at 55-59, 0.16 at 60-64 and 0.30 a year at 65 and over";
constexpr std::string_view kRetirementDescription =
    "share of GPs in this age band retiring each year (before the retirement multiplier)";

constexpr ParameterSpec kSpecs[] = {
    // Top level ------------------------------------------------------------------------
    spec("commissioning_level", T::Integer, "level (1-3)", 1, 3,
         "commissioning level: 1 greater involvement, 2 joint, 3 delegated",
         "assumption: joint commissioning (2), the position before the decision to take "
         "delegation (Bedfordshire CCG 2017: stay joint or apply for delegation)",
         top<&ModelParameters::commissioning_level>),
    spec("horizon_years", T::Integer, "years", 1, 50, "number of financial years projected (H)",
         "assumption: 10 years, long enough to see the GP retirement wave (Leicester City CCG "
         "2014: many GPs to retire in 5-7 years)",
         top<&ModelParameters::horizon_years>),
    spec("start_year", T::Integer, "calendar year", 1900, 2200,
         "calendar year in which projected year 1 starts",
         "NHS Bolton CCG case study (2017): financial year 2017/18",
         top<&ModelParameters::start_year>),

    // Population and demand -------------------------------------------------------------
    spec("population.list_growth", T::Number, "per year", -1, 1,
         "growth of each practice list a year: L(p,t) = L(p,t-1)(1 + list_growth + e)",
         "ONS 2016-based subnational population projections: England about +0.6% a year "
         "2016-2026",
         population<&P::list_growth>),
    spec("population.list_noise_sd", T::Number, "share per year", 0, 1,
         "standard deviation of a practice's yearly list noise e(p,t)",
         "assumption: practice lists wander about 1% a year around the area trend (list "
         "cleaning, new housing)",
         population<&P::list_noise_sd>),
    spec("population.consultations_per_patient", T::Number, "appointments per patient per year", 0,
         50, "appointment demand per registered patient in year 0, all clinicians",
         "Hippisley-Cox & Vinogradova 2009, QResearch: 5.2 consultations a year",
         population<&P::consultations_per_patient>),
    spec("population.consultation_growth", T::Number, "per year", -1, 1,
         "growth of consultations per patient: D = L c (1 + g)^t",
         "assumption: 1% a year, slower than the rise in consultation rates 1995-2008 "
         "reported by Hippisley-Cox & Vinogradova 2009 (QResearch)",
         population<&P::consultation_growth>),
    spec("population.gp_share", T::Number, "share", 0, 1,
         "share of appointment demand needing a GP; the rest is for nurses and other roles",
         "assumption: a little over half of appointments are with a GP (NHS Digital, "
         "Appointments in General Practice 2018: about half with a GP, after more skill mix)",
         population<&P::gp_share>),
    spec("population.diversion_max", T::Number, "share", 0, 1,
         "skill-mix lever: share of GP demand redirected at full effect, d(t) = max ramp(t)",
         "lever off by default (0); NHS Leicester City CCG 2014: skill mix diverting up to "
         "70% of contacts away from GPs (an upper bound)",
         population<&P::diversion_max>),
    spec("population.diversion_ramp_years", T::Number, "years", 0, 50,
         "years for the skill-mix diversion to reach full effect, ramp(t) = min(1, t/Y)",
         "assumption: new services take about three years to reach full effect",
         population<&P::diversion_ramp_years>),
    spec("population.self_care_share", T::Number, "share", 0, 1,
         "of diverted GP demand, the share leaving the system (self-care, pharmacy, online)",
         "assumption: about a third of redirected GP demand is met by self-care, pharmacy or "
         "online services; no local figure, vary in sensitivity analysis",
         population<&P::self_care_share>),

    // Workforce --------------------------------------------------------------------------
    spec("workforce.retirement_rate.under_30", T::Number, "per year", 0, 1, kRetirementDescription,
         kRetirementSource, retirement<0>),
    spec("workforce.retirement_rate.30_34", T::Number, "per year", 0, 1, kRetirementDescription,
         kRetirementSource, retirement<1>),
    spec("workforce.retirement_rate.35_39", T::Number, "per year", 0, 1, kRetirementDescription,
         kRetirementSource, retirement<2>),
    spec("workforce.retirement_rate.40_44", T::Number, "per year", 0, 1, kRetirementDescription,
         kRetirementSource, retirement<3>),
    spec("workforce.retirement_rate.45_49", T::Number, "per year", 0, 1, kRetirementDescription,
         kRetirementSource, retirement<4>),
    spec("workforce.retirement_rate.50_54", T::Number, "per year", 0, 1, kRetirementDescription,
         kRetirementSource, retirement<5>),
    spec("workforce.retirement_rate.55_59", T::Number, "per year", 0, 1, kRetirementDescription,
         kRetirementSource, retirement<6>),
    spec("workforce.retirement_rate.60_64", T::Number, "per year", 0, 1, kRetirementDescription,
         kRetirementSource, retirement<7>),
    spec("workforce.retirement_rate.65_plus", T::Number, "per year", 0, 1, kRetirementDescription,
         kRetirementSource, retirement<8>),
    spec("workforce.retirement_multiplier", T::Number, "multiplier", 0, 20,
         "multiplies every band's retirement rate (earlier or later retirement)",
         "assumption: 1, the age profile as given", workforce<&W::retirement_multiplier>),
    spec("workforce.leaver_rate", T::Number, "per year", 0, 1,
         "other leavers: share of GPs not retiring who leave the area's practices a year",
         "assumption: about 3% of GPs leave a year for reasons other than retirement (moving "
         "area, leaving general practice)",
         workforce<&W::leaver_rate>),
    spec("workforce.fill_rate", T::Number, "share", 0, 1,
         "share of GP vacancies filled each year: recruits ~ Binomial(vacancies, fill_rate)",
         "assumption: 80% of vacancies filled within the year; recruitment getting harder "
         "(NHS Leicester City CCG 2014, Dorset CCG 2016)",
         workforce<&W::fill_rate>),
    spec("workforce.entry_band", T::Choice, "age band", 0, kAgeBands - 1,
         "age band recruits enter at",
         "assumption: GPs complete specialty training at about 30-34 (five years of medical "
         "school, two foundation years, three years of GP training)",
         workforce<&W::entry_band>, kAgeBandKeys),
    spec("workforce.fte_per_head", T::Number, "FTE per GP", 0, 2,
         "GP full-time equivalents per GP head in year 0",
         "NHS Digital GP Workforce 2016: mean FTE per GP head about 0.75",
         workforce<&W::fte_per_head>),
    spec("workforce.fte_trend", T::Number, "per year", -1, 1,
         "yearly drift of FTE per head (part-time working): fte_per_head (1 + trend)^t",
         "assumption: FTE per head falling about 1% a year as part-time working grows (NHS "
         "Digital GP Workforce series 2015-2017)",
         workforce<&W::fte_trend>),
    spec("workforce.extra_gp_posts_per_30000", T::Number, "GP posts per 30,000 patients", 0, 1000,
         "lever: GP posts added to each practice's establishment per 30,000 patients",
         "lever off by default (0); GP Forward View 2016: +5,000 GP FTE in England in 5 "
         "years, about 2.7 per 30,000 population",
         workforce<&W::extra_gp_posts_per_30000>),
    spec("workforce.dispersal_cost", T::Number, "£ per patient moved", 0, 1e6,
         "one-off cost per patient when a closed practice's list is dispersed (year-0 prices)",
         "assumption: £50 per patient for re-registration and records transfer; no "
         "published figure",
         workforce<&W::dispersal_cost>),
    spec("workforce.closure_threshold", T::Number, "GPs (headcount)", 0, 1000,
         "a practice with fewer GPs than this after recruitment closes at the year end",
         "assumption: 0, the rule off: a practice with no permanent GP is often run by "
         "locums, not closing (of 492 such practices in 2015/16, 391 still existed in "
         "2018/19); closures come from the closure hazard (practice_changes)",
         workforce<&W::closure_threshold>),
    spec("workforce.leaver_reduction_per_uplift", T::Number, "share per unit of uplift", 0, 100,
         "relative cut in a practice's leaver rate per unit of relative funding uplift "
         "(1: a 10% uplift cuts leavers by 10%)",
         "assumption: 0, no evidence found that funding changes GP retention; a scenario may "
         "set it",
         workforce<&W::leaver_reduction_per_uplift>),

    // Roles (one element per roles entry) -------------------------------------------------
    spec("roles.*.baseline_fte_per_1000", T::Number, "FTE per 1,000 patients", 0, 100,
         "baseline FTE of the role where the practice attributes file lacks it",
         "assumption: 0, the practice attributes file gives each practice's FTE",
         role<&R::baseline_fte_per_1000>),
    spec("roles.*.appointments_per_fte", T::Number, "appointments per FTE per year", 0, 1e5,
         "appointments one FTE of the role offers a year",
         "assumption: about 6,000 (4 appointments an hour, 37.5 hours, 42 weeks = 6,300, less "
         "time away from patients)",
         role<&R::appointments_per_fte>),
    spec("roles.*.new_posts_per_30000", T::Number, "FTE posts per 30,000 patients", 0, 1000,
         "lever: posts of the role added per 30,000 population",
         "lever off by default (0); GP Forward View 2016: +1,500 clinical pharmacists (about "
         "0.8 per 30,000) and +3,000 mental health therapists (about 1.6 per 30,000)",
         role<&R::new_posts_per_30000>),
    spec("roles.*.role_fill_rate", T::Number, "share", 0, 1, "share of new posts filled",
         "assumption: 80% of new posts filled, as for GP vacancies", role<&R::role_fill_rate>),
    spec("roles.*.cost_per_fte", T::Number, "£ per FTE per year", 0, 1e7,
         "salary with employer on-costs per FTE a year (year-0 prices)",
         "assumption: Agenda for Change 2017/18 bands 7-8a (about £37,000-£44,000) plus about "
         "25% employer on-costs, about £50,000",
         role<&R::cost_per_fte>),
    spec("roles.*.start_year", T::Integer, "year", 1, 50,
         "first projected year the new posts exist",
         "assumption: from year 1 unless the scenario phases them in", role<&R::start_year>),

    // Appointment capacity ----------------------------------------------------------------
    spec("capacity.appointments_per_gp_fte", T::Number, "appointments per GP FTE per year", 0, 1e5,
         "appointments one GP FTE offers a year",
         "assumption: about 36 patient contacts a working day over about 210 days a year",
         capacity<&C::appointments_per_gp_fte>),
    spec("capacity.extended_access_per_1000", T::Number, "appointments per 1,000 patients per year",
         0, 1e5, "lever: extended access appointments a year per 1,000 population",
         "lever off by default (0); NHS Bolton CCG case study 2017: 60,000 extra appointments "
         "a year for 299,956 people, about 200 per 1,000",
         capacity<&C::extended_access_per_1000>),
    spec("capacity.extended_access_start_year", T::Integer, "year", 1, 50,
         "first projected year of extended access",
         "assumption: from year 1 unless the scenario phases it in",
         capacity<&C::extended_access_start_year>),
    spec("capacity.extended_access_cost", T::Number, "£ per appointment", 0, 1e5,
         "cost of one extended access appointment (year-0 prices)",
         "lever off by default (0); GP Forward View 2016: £6 a head for 30 minutes per 1,000 "
         "patients a week, about £38 per 10-minute appointment",
         capacity<&C::extended_access_cost>),
    spec("capacity.unmet_to_ae", T::Number, "share", 0, 1,
         "share of unmet GP appointments that turn up at A&E or urgent care",
         "assumption: about 1 in 20 (GP Patient Survey 2017: a small share of patients who "
         "could not get an appointment went to A&E)",
         capacity<&C::unmet_to_ae>),
    spec("capacity.ae_cost", T::Number, "£ per attendance", 0, 1e5,
         "cost of one A&E or urgent-care attendance (year-0 prices)",
         "NHS Reference Costs 2016/17: A&E attendance £148", capacity<&C::ae_cost>),
    spec("capacity.ae_deflection_share", T::Number, "share", 0, 1,
         "share of extended access appointments that avert an A&E attendance",
         "assumption: 0, no local evidence that extended access averts A&E attendances",
         capacity<&C::ae_deflection_share>),
    spec("capacity.gp_appointment_cost", T::Number, "£ per appointment", 0, 1e5,
         "cost of buying one GP appointment (year-0 prices): what levelling-up money buys",
         "PSSRU Unit Costs of Health and Social Care 2019 (Curtis & Burns): about £39 per GP "
         "surgery consultation of 9.22 minutes, with direct care staff and qualification costs",
         capacity<&C::gp_appointment_cost>),
    spec("capacity.other_appointment_cost", T::Number, "£ per appointment", 0, 1e5,
         "cost of buying one appointment with a nurse or other clinician (year-0 prices)",
         "PSSRU Unit Costs of Health and Social Care 2013: about £13 for a 15-minute practice "
         "nurse appointment",
         capacity<&C::other_appointment_cost>),
};

}  // namespace

std::span<const ParameterSpec> demand_and_workforce_specs() { return kSpecs; }

}  // namespace pcsim::model::registry_detail
