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
         top<&ModelParameters::commissioning_level>)
        .plausible(1, 3, "every level: 1 greater involvement, 2 joint, 3 delegated"),
    spec("horizon_years", T::Integer, "years", 1, 50, "number of financial years projected (H)",
         "assumption: 10 years, long enough to see the GP retirement wave (Leicester City CCG "
         "2014: many GPs to retire in 5-7 years)",
         top<&ModelParameters::horizon_years>)
        .plausible(1, 30,
                   "assumption: the rates behind a projection (list growth, retirement, "
                   "recruitment) are evidence for a decade or two; beyond 30 years a horizon is "
                   "more likely a slip (50 for 5)"),
    spec("start_year", T::Integer, "calendar year", 1900, 2200,
         "calendar year in which projected year 1 starts",
         "NHS Bolton CCG case study (2017): financial year 2017/18",
         top<&ModelParameters::start_year>)
        .plausible(2000, 2050,
                   "the payments files run 2014/15-2022/23 (start_year 2015-2023); a base year "
                   "before 2000 or after 2050 is a slip (2107 for 2017)"),

    // Population and demand -------------------------------------------------------------
    spec("population.list_growth", T::Number, "per year", -1, 1,
         "growth of each practice list a year: L(p,t) = L(p,t-1)(1 + list_growth + e)",
         "ONS 2016-based subnational population projections: England about +0.6% a year "
         "2016-2026",
         population<&P::list_growth>)
        .plausible(-0.05, 0.05,
                   "NHS Payments to General Practice 2014/15-2022/23: England's registered "
                   "patients grew +0.5% to +2.3% a year; 93% of 1,321 CCG-years grew between -5% "
                   "and +5% (the rest mostly boundary changes and mergers of areas)"),
    spec("population.list_noise_sd", T::Number, "share per year", 0, 1,
         "standard deviation of a practice's yearly list noise e(p,t)",
         "assumption: practice lists wander about 1% a year around the area trend (list "
         "cleaning, new housing)",
         population<&P::list_noise_sd>)
        .plausible(0, 0.1,
                   "NHS Payments to General Practice 2014/15-2022/23: a practice's yearly list "
                   "change around its CCG's median has a robust sd (IQR / 1.349) of 1.5% to 3.4% a "
                   "year; the plain sd (9% to 17%) is mostly mergers, which the model makes apart"),
    spec("population.consultations_per_patient", T::Number, "appointments per patient per year", 0,
         50, "appointment demand per registered patient in year 0, all clinicians",
         "Hippisley-Cox & Vinogradova 2009, QResearch: 5.2 consultations a year",
         population<&P::consultations_per_patient>)
        .plausible(
            2, 12,
            "Hippisley-Cox & Vinogradova 2009 (QResearch): 3.9 consultations per patient a year in "
            "1995, 5.5 in 2008; under 2 or over 12 is a slip (a monthly or per-practice figure)"),
    spec("population.consultation_growth", T::Number, "per year", -1, 1,
         "growth of consultations per patient: D = L c (1 + g)^t",
         "assumption: 1% a year, slower than the rise in consultation rates 1995-2008 "
         "reported by Hippisley-Cox & Vinogradova 2009 (QResearch)",
         population<&P::consultation_growth>)
        .plausible(-0.05, 0.05,
                   "Hippisley-Cox & Vinogradova 2009 (QResearch): consultations per patient rose "
                   "about 2.7% a year 1995-2008 (3.9 to 5.5); beyond 5% a year "
                   "either way, sustained, is a slip (a percentage for a share)"),
    spec("population.gp_share", T::Number, "share", 0, 1,
         "share of appointment demand needing a GP; the rest is for nurses and other roles",
         "assumption: a little over half of appointments are with a GP (NHS Digital, "
         "Appointments in General Practice 2018: about half with a GP, after more skill mix)",
         population<&P::gp_share>)
        .plausible(0.2, 0.9,
                   "NHS Digital, Appointments in General Practice 2018: about half of appointments "
                   "with a GP; under a fifth or over nine tenths is a slip"),
    spec("population.diversion_max", T::Number, "share", 0, 1,
         "skill-mix lever: share of GP demand redirected at full effect, d(t) = max ramp(t)",
         "lever off by default (0); NHS Leicester City CCG 2014: skill mix diverting up to "
         "70% of contacts away from GPs (an upper bound)",
         population<&P::diversion_max>)
        .plausible(0, 0.7,
                   "NHS Leicester City CCG 2014: skill mix diverting up to 70% of contacts away "
                   "from GPs, stated as an upper bound"),
    spec("population.diversion_ramp_years", T::Number, "years", 0, 50,
         "years for the skill-mix diversion to reach full effect, ramp(t) = min(1, t/Y)",
         "assumption: new services take about three years to reach full effect",
         population<&P::diversion_ramp_years>)
        .plausible(0, 10,
                   "assumption: new services take about three years to reach full effect; more "
                   "than 10 years is beyond most horizons"),
    spec("population.self_care_share", T::Number, "share", 0, 1,
         "of diverted GP demand, the share leaving the system (self-care, pharmacy, online)",
         "assumption: about a third of redirected GP demand is met by self-care, pharmacy or "
         "online services; no local figure, vary in sensitivity analysis",
         population<&P::self_care_share>)
        .plausible(
            0, 1, "any share is defensible: no published figure for where diverted GP demand goes"),

    // Workforce --------------------------------------------------------------------------
    spec("workforce.retirement_rate.under_30", T::Number, "per year", 0, 1, kRetirementDescription,
         kRetirementSource, retirement<0>)
        .plausible(0, 0.05,
                   "assumption: GPs rarely retire before 50; more than 5% of a band under 50 "
                   "retiring a year is a slip (a percentage for a share)"),
    spec("workforce.retirement_rate.30_34", T::Number, "per year", 0, 1, kRetirementDescription,
         kRetirementSource, retirement<1>)
        .plausible(0, 0.05,
                   "assumption: GPs rarely retire before 50; more than 5% of a band under 50 "
                   "retiring a year is a slip (a percentage for a share)"),
    spec("workforce.retirement_rate.35_39", T::Number, "per year", 0, 1, kRetirementDescription,
         kRetirementSource, retirement<2>)
        .plausible(0, 0.05,
                   "assumption: GPs rarely retire before 50; more than 5% of a band under 50 "
                   "retiring a year is a slip (a percentage for a share)"),
    spec("workforce.retirement_rate.40_44", T::Number, "per year", 0, 1, kRetirementDescription,
         kRetirementSource, retirement<3>)
        .plausible(0, 0.05,
                   "assumption: GPs rarely retire before 50; more than 5% of a band under 50 "
                   "retiring a year is a slip (a percentage for a share)"),
    spec("workforce.retirement_rate.45_49", T::Number, "per year", 0, 1, kRetirementDescription,
         kRetirementSource, retirement<4>)
        .plausible(0, 0.05,
                   "assumption: GPs rarely retire before 50; more than 5% of a band under 50 "
                   "retiring a year is a slip (a percentage for a share)"),
    spec("workforce.retirement_rate.50_54", T::Number, "per year", 0, 1, kRetirementDescription,
         kRetirementSource, retirement<5>)
        .plausible(0, 0.15,
                   "assumption: the default 2% a year at 50-54 (before the earliest NHS pension "
                   "age, 55); over 15% a year is a slip"),
    spec("workforce.retirement_rate.55_59", T::Number, "per year", 0, 1, kRetirementDescription,
         kRetirementSource, retirement<6>)
        .plausible(0, 0.3,
                   "assumption: the default 7% a year at 55-59 (from the earliest NHS pension "
                   "age); over 30% a year is a slip"),
    spec("workforce.retirement_rate.60_64", T::Number, "per year", 0, 1, kRetirementDescription,
         kRetirementSource, retirement<7>)
        .plausible(0, 0.5,
                   "assumption: the default 16% a year at 60-64 (1995-section normal pension age "
                   "60); over half a year is a slip"),
    spec("workforce.retirement_rate.65_plus", T::Number, "per year", 0, 1, kRetirementDescription,
         kRetirementSource, retirement<8>)
        .plausible(0, 0.8,
                   "assumption: the default 30% a year at 65 and over; over 80% a year would empty "
                   "the band at once"),
    spec("workforce.retirement_multiplier", T::Number, "multiplier", 0, 20,
         "multiplies every band's retirement rate (earlier or later retirement)",
         "assumption: 1, the age profile as given", workforce<&W::retirement_multiplier>)
        .plausible(0.3, 3,
                   "assumption: the shipped scenarios draw it from 0.8-1.4; at 3 the 60-64 band "
                   "would lose about half its GPs a year"),
    spec("workforce.leaver_rate", T::Number, "per year", 0, 1,
         "other leavers: share of GPs not retiring who leave the area's practices a year",
         "assumption: about 3% of GPs leave a year for reasons other than retirement (moving "
         "area, leaving general practice)",
         workforce<&W::leaver_rate>)
        .plausible(0, 0.2,
                   "assumption: about 3% of GPs a year leave for reasons other than retirement; at "
                   "20% a year an area would lose most of its GPs in five years"),
    spec("workforce.fill_rate", T::Number, "share", 0, 1,
         "share of GP vacancies filled each year: recruits ~ Binomial(vacancies, fill_rate)",
         "assumption: 80% of vacancies filled within the year; recruitment getting harder "
         "(NHS Leicester City CCG 2014, Dorset CCG 2016)",
         workforce<&W::fill_rate>)
        .plausible(0.2, 1,
                   "assumption: about 70-80% of GP vacancies filled within the year (0.70 fitted "
                   "to England's GP headcount 2015/16-2018/19, "
                   "scenarios/fragments/training-calibration.toml); under a fifth is a slip (0.08 "
                   "for 0.8)"),
    spec("workforce.entry_band", T::Choice, "age band", 0, kAgeBands - 1,
         "age band recruits enter at",
         "assumption: GPs complete specialty training at about 30-34 (five years of medical "
         "school, two foundation years, three years of GP training)",
         workforce<&W::entry_band>, kAgeBandKeys),
    spec("workforce.fte_per_head", T::Number, "FTE per GP", 0, 2,
         "GP full-time equivalents per GP head in year 0",
         "NHS Digital GP Workforce 2016: mean FTE per GP head about 0.75",
         workforce<&W::fte_per_head>)
        .plausible(0.4, 1.2,
                   "NHS Digital GP Workforce 2016: about 0.75 FTE per GP head; under 0.4 or over "
                   "1.2 is a slip"),
    spec("workforce.fte_trend", T::Number, "per year", -1, 1,
         "yearly drift of FTE per head (part-time working): fte_per_head (1 + trend)^t",
         "assumption: FTE per head falling about 1% a year as part-time working grows (NHS "
         "Digital GP Workforce series 2015-2017)",
         workforce<&W::fte_trend>)
        .plausible(-0.05, 0.03,
                   "NHS Digital GP Workforce 2015-2017: FTE per head falling about 1% a year; "
                   "beyond -5% or +3% a year, sustained, is a slip"),
    spec("workforce.extra_gp_posts_per_30000", T::Number, "GP posts per 30,000 patients", 0, 1000,
         "lever: GP posts added to each practice's establishment per 30,000 patients",
         "lever off by default (0); GP Forward View 2016: +5,000 GP FTE in England in 5 "
         "years, about 2.7 per 30,000 population",
         workforce<&W::extra_gp_posts_per_30000>)
        .plausible(0, 10,
                   "GP headcount series 2022/23: England had about 17.6 GPs per 30,000 patients "
                   "(36,402 heads, 62.15m patients); the GP Forward View's 5,000 more was about "
                   "2.7 per 30,000; 10 more would add over half again"),
    spec("workforce.dispersal_cost", T::Number, "£ per patient moved", 0, 1e6,
         "one-off cost per patient when a closed practice's list is dispersed (year-0 prices)",
         "assumption: £50 per patient for re-registration and records transfer; no "
         "published figure",
         workforce<&W::dispersal_cost>)
        .plausible(0, 500,
                   "assumption: about £50 per patient for re-registration and records transfer; "
                   "over £500 a patient is a slip (a practice's total for a patient's)"),
    spec("workforce.closure_threshold", T::Number, "GPs (headcount)", 0, 1000,
         "a practice with fewer GPs than this after recruitment closes at the year end",
         "assumption: 0, the rule off: a practice with no permanent GP is often run by "
         "locums, not closing (of 492 such practices in 2015/16, 391 still existed in "
         "2018/19); closures come from the closure hazard (practice_changes)",
         workforce<&W::closure_threshold>)
        .plausible(0, 3,
                   "GP headcount series 2022/23: 10% of practices had fewer than 2 permanent GPs, "
                   "23% fewer than 3 and 47% fewer than 5; a threshold above 3 would close a "
                   "quarter or more of practices at once"),
    spec("workforce.leaver_reduction_per_uplift", T::Number, "share per unit of uplift", 0, 100,
         "relative cut in a practice's leaver rate per unit of relative funding uplift "
         "(1: a 10% uplift cuts leavers by 10%)",
         "assumption: 0, no evidence found that funding changes GP retention; a scenario may "
         "set it",
         workforce<&W::leaver_reduction_per_uplift>)
        .plausible(0, 5,
                   "assumption: no evidence that funding changes GP retention; 5 means a 10% "
                   "uplift halves leavers, beyond which it is a slip"),

    // Roles (one element per roles entry) -------------------------------------------------
    spec("roles.*.baseline_fte_per_1000", T::Number, "FTE per 1,000 patients", 0, 100,
         "baseline FTE of the role where the practice attributes file lacks it",
         "assumption: 0, the practice attributes file gives each practice's FTE",
         role<&R::baseline_fte_per_1000>)
        .plausible(0, 2,
                   "GP headcount series 2022/23: about 0.59 GP heads per 1,000 patients in England "
                   "(36,402 heads, 62.15m patients), and no other role has as many; over 2 FTE per "
                   "1,000 is a slip (per 10,000, or a headcount)")
        .read_at_load("it fills the practices' missing FTE once, when they are loaded, for every "
                      "iteration and option"),
    spec("roles.*.appointments_per_fte", T::Number, "appointments per FTE per year", 0, 1e5,
         "appointments one FTE of the role offers a year",
         "assumption: about 6,000 (4 appointments an hour, 37.5 hours, 42 weeks = 6,300, less "
         "time away from patients)",
         role<&R::appointments_per_fte>)
        .plausible(500, 15000,
                   "assumption: about 6,000 a year (4 an hour, 37.5 hours, 42 weeks = 6,300); "
                   "under 500 or over 15,000 (about 70 a working day) is a slip"),
    spec("roles.*.new_posts_per_30000", T::Number, "FTE posts per 30,000 patients", 0, 1000,
         "lever: posts of the role added per 30,000 population",
         "lever off by default (0); GP Forward View 2016: +1,500 clinical pharmacists (about "
         "0.8 per 30,000) and +3,000 mental health therapists (about 1.6 per 30,000)",
         role<&R::new_posts_per_30000>)
        .plausible(0, 10,
                   "GP Forward View 2016: about 0.8 clinical pharmacists and 1.6 mental health "
                   "therapists per 30,000 population; 10 of one role per 30,000 is more than half "
                   "England's GPs per head"),
    spec("roles.*.role_fill_rate", T::Number, "share", 0, 1, "share of new posts filled",
         "assumption: 80% of new posts filled, as for GP vacancies", role<&R::role_fill_rate>)
        .plausible(
            0.1, 1,
            "assumption: about 80% of new posts filled; under a tenth is a slip (0.08 for 0.8)"),
    spec("roles.*.cost_per_fte", T::Number, "£ per FTE per year", 0, 1e7,
         "salary with employer on-costs per FTE a year (year-0 prices)",
         "assumption: Agenda for Change 2017/18 bands 7-8a (about £37,000-£44,000) plus about "
         "25% employer on-costs, about £50,000",
         role<&R::cost_per_fte>)
        .plausible(15000, 150000,
                   "assumption: the default £50,000 is Agenda for Change 2017/18 bands 7-8a with "
                   "about 25% employer on-costs; a clinical role in general practice costs well "
                   "within £15,000-£150,000 a year, and outside it is a slip (£k for £, or a "
                   "monthly figure)"),
    spec("roles.*.start_year", T::Integer, "year", 1, 50,
         "first projected year the new posts exist",
         "assumption: from year 1 unless the scenario phases them in", role<&R::start_year>)
        .plausible(
            1, 30,
            "assumption: as horizon_years; a first year after 30 is beyond any plausible horizon"),

    // Appointment capacity ----------------------------------------------------------------
    spec("capacity.appointments_per_gp_fte", T::Number, "appointments per GP FTE per year", 0, 1e5,
         "appointments one GP FTE offers a year",
         "assumption: about 36 patient contacts a working day over about 210 days a year",
         capacity<&C::appointments_per_gp_fte>)
        .plausible(3000, 15000,
                   "assumption: about 7,500 a year (about 36 contacts a working day over about 210 "
                   "days); under 3,000 or over 15,000 (about 70 a working day) is a slip"),
    spec("capacity.extended_access_per_1000", T::Number, "appointments per 1,000 patients per year",
         0, 1e5, "lever: extended access appointments a year per 1,000 population",
         "lever off by default (0); NHS Bolton CCG case study 2017: 60,000 extra appointments "
         "a year for 299,956 people, about 200 per 1,000",
         capacity<&C::extended_access_per_1000>)
        .plausible(0, 1000,
                   "NHS Bolton CCG case study 2017: about 200 a year per 1,000 people; the GP "
                   "Forward View's 30 minutes per 1,000 a week is about 150; over 1,000 is a slip"),
    spec("capacity.extended_access_start_year", T::Integer, "year", 1, 50,
         "first projected year of extended access",
         "assumption: from year 1 unless the scenario phases it in",
         capacity<&C::extended_access_start_year>)
        .plausible(
            1, 30,
            "assumption: as horizon_years; a first year after 30 is beyond any plausible horizon"),
    spec("capacity.extended_access_cost", T::Number, "£ per appointment", 0, 1e5,
         "cost of one extended access appointment (year-0 prices)",
         "lever off by default (0); GP Forward View 2016: £6 a head for 30 minutes per 1,000 "
         "patients a week, about £38 per 10-minute appointment",
         capacity<&C::extended_access_cost>)
        .plausible(0, 200,
                   "GP Forward View 2016: about £38 per 10-minute extended access appointment; "
                   "PSSRU 2019: about £39 per GP consultation; over £200 is a slip (a session's "
                   "cost for an appointment's)"),
    spec("capacity.unmet_to_ae", T::Number, "share", 0, 1,
         "share of unmet GP appointments that turn up at A&E or urgent care",
         "assumption: about 1 in 20 (GP Patient Survey 2017: a small share of patients who "
         "could not get an appointment went to A&E)",
         capacity<&C::unmet_to_ae>)
        .plausible(0, 0.5,
                   "assumption: about 1 in 20 (GP Patient Survey 2017: a small share of patients "
                   "who could not get an appointment went to A&E); over half is a slip"),
    spec("capacity.ae_cost", T::Number, "£ per attendance", 0, 1e5,
         "cost of one A&E or urgent-care attendance (year-0 prices)",
         "NHS Reference Costs 2016/17: A&E attendance £148", capacity<&C::ae_cost>)
        .plausible(20, 1000,
                   "NHS Reference Costs 2016/17: an A&E attendance £148; under £20 or over £1,000 "
                   "(an admission's cost) is a slip"),
    spec("capacity.ae_deflection_share", T::Number, "share", 0, 1,
         "share of extended access appointments that avert an A&E attendance",
         "assumption: 0, no local evidence that extended access averts A&E attendances",
         capacity<&C::ae_deflection_share>)
        .plausible(0, 0.5,
                   "assumption: no local evidence that extended access averts A&E attendances; "
                   "over half of its appointments averting one is a slip"),
    spec("capacity.gp_appointment_cost", T::Number, "£ per appointment", 0, 1e5,
         "cost of buying one GP appointment (year-0 prices): what levelling-up money buys",
         "PSSRU Unit Costs of Health and Social Care 2019 (Curtis & Burns): about £39 per GP "
         "surgery consultation of 9.22 minutes, with direct care staff and qualification costs",
         capacity<&C::gp_appointment_cost>)
        .plausible(10, 200,
                   "PSSRU Unit Costs 2019: about £39 per GP surgery consultation; under £10 or "
                   "over £200 is a slip"),
    spec("capacity.other_appointment_cost", T::Number, "£ per appointment", 0, 1e5,
         "cost of buying one appointment with a nurse or other clinician (year-0 prices)",
         "PSSRU Unit Costs of Health and Social Care 2013: about £13 for a 15-minute practice "
         "nurse appointment",
         capacity<&C::other_appointment_cost>)
        .plausible(5, 150,
                   "PSSRU Unit Costs 2013: about £13 for a 15-minute practice nurse appointment; "
                   "under £5 or over £150 is a slip"),
};

}  // namespace

std::span<const ParameterSpec> demand_and_workforce_specs() { return kSpecs; }

}  // namespace pcsim::model::registry_detail
