// Registry entries: practice mergers and closures, and the PCN additional roles (docs/model.md,
// Practice changes; Additional roles). Every default carries its source.
#include "model/parameter_registry_detail.hpp"

namespace pcsim::model::registry_detail {
namespace {

using T = ParameterType;
using C = PracticeChangeParameters;
using H = HazardCoefficients;
using A = AdditionalRolesParameters;

constexpr std::string_view kHazardSource =
    "assumption: 0 until a calibration sets it (scenarios/fragments/practice-changes.toml, "
    "fitted on the payments files of 2014/15-2018/19 by scripts/calibrate_practice_changes.py)";

constexpr ParameterSpec kSpecs[] = {
    // Practice changes --------------------------------------------------------------------
    spec("practice_changes.mergers", T::Boolean, "on/off", 0, 1,
         "practices may merge into a neighbour at a year end (merger hazard)",
         "off by default; NHS Payments to General Practice 2014/15-2022/23: most practices "
         "that vanish merge into a neighbour",
         practice_changes<&C::mergers>),
    spec("practice_changes.closures", T::Boolean, "on/off", 0, 1,
         "practices may close at a year end, their lists dispersed (closure hazard)",
         "off by default; Dorset CCG 2016: list closures", practice_changes<&C::closures>),
    spec("practice_changes.merger_intercept", T::Number, "log-odds", -50, 50,
         "log-odds of a merger in a year for a practice of 10,000 patients with GPs", kHazardSource,
         hazard<&C::merger, &H::intercept>)
        .plausible(-15, 0,
                   "calibration 2014/15-2018/19 (scenarios/fragments/practice-changes.toml): "
                   "-4.36, a yearly merger probability of about 1.3%; 0 is 50% a year and -15 one "
                   "in three million"),
    spec("practice_changes.merger_per_log_list", T::Number, "log-odds per ln(list/10,000)", -20, 20,
         "change in the log-odds of a merger per unit of ln(list / 10,000)", kHazardSource,
         hazard<&C::merger, &H::per_log_list>)
        .plausible(-5, 5,
                   "calibration 2014/15-2018/19: -0.90; a coefficient beyond +-5 multiplies the "
                   "odds by 150 per e-fold of list size"),
    spec("practice_changes.merger_single_handed", T::Number, "log-odds", -20, 20,
         "added log-odds of a merger for a practice with one GP", kHazardSource,
         hazard<&C::merger, &H::single_handed>)
        .plausible(-5, 5,
                   "calibration 2014/15-2018/19: +0.38; beyond +-5 multiplies the odds by 150"),
    spec("practice_changes.merger_no_gp", T::Number, "log-odds", -20, 20,
         "added log-odds of a merger for a practice with no permanent GP", kHazardSource,
         hazard<&C::merger, &H::no_gp>)
        .plausible(-5, 5,
                   "calibration 2014/15-2018/19: +0.78; beyond +-5 multiplies the odds by 150"),
    spec("practice_changes.merger_apms", T::Number, "log-odds", -20, 20,
         "added log-odds of a merger for an APMS practice", kHazardSource,
         hazard<&C::merger, &H::apms>)
        .plausible(-5, 5,
                   "calibration 2014/15-2018/19: +0.53; beyond +-5 multiplies the odds by 150"),
    spec("practice_changes.merger_year_sd", T::Number, "log-odds", 0, 10,
         "sd of the yearly shift of the merger intercept, drawn once a year for all practices",
         "assumption: 0 until a calibration sets it (the training years show strong year "
         "effects; scripts/calibrate_practice_changes.py)",
         hazard<&C::merger, &H::year_sd>)
        .plausible(0, 3,
                   "calibration 2014/15-2018/19: 0.26; a yearly shift of sd over 3 makes one "
                   "year's mergers 20 times another's"),
    spec("practice_changes.closure_year_sd", T::Number, "log-odds", 0, 10,
         "sd of the yearly shift of the closure intercept, drawn once a year for all practices",
         "assumption: 0 until a calibration sets it (the training years show strong year "
         "effects; scripts/calibrate_practice_changes.py)",
         hazard<&C::closure, &H::year_sd>)
        .plausible(0, 3,
                   "calibration 2014/15-2018/19: 0.86; a yearly shift of sd over 3 makes one "
                   "year's closures 20 times another's"),
    spec("practice_changes.closure_intercept", T::Number, "log-odds", -50, 50,
         "log-odds of a closure in a year for a practice of 10,000 patients with GPs",
         kHazardSource, hazard<&C::closure, &H::intercept>)
        .plausible(-15, 0,
                   "calibration 2014/15-2018/19 (scenarios/fragments/practice-changes.toml): "
                   "-6.17, a yearly closure probability of about 0.2%; 0 is 50% a year and -15 one "
                   "in three million"),
    spec("practice_changes.closure_per_log_list", T::Number, "log-odds per ln(list/10,000)", -20,
         20, "change in the log-odds of a closure per unit of ln(list / 10,000)", kHazardSource,
         hazard<&C::closure, &H::per_log_list>)
        .plausible(-5, 5,
                   "calibration 2014/15-2018/19: 0 (fitted -0.09); a coefficient beyond +-5 "
                   "multiplies the odds by 150 per e-fold of list size"),
    spec("practice_changes.closure_single_handed", T::Number, "log-odds", -20, 20,
         "added log-odds of a closure for a practice with one GP", kHazardSource,
         hazard<&C::closure, &H::single_handed>)
        .plausible(-5, 5,
                   "calibration 2014/15-2018/19: +1.30; beyond +-5 multiplies the odds by 150"),
    spec("practice_changes.closure_no_gp", T::Number, "log-odds", -20, 20,
         "added log-odds of a closure for a practice with no permanent GP", kHazardSource,
         hazard<&C::closure, &H::no_gp>)
        .plausible(-5, 5,
                   "calibration 2014/15-2018/19: +1.63; beyond +-5 multiplies the odds by 150"),
    spec("practice_changes.closure_apms", T::Number, "log-odds", -20, 20,
         "added log-odds of a closure for an APMS practice", kHazardSource,
         hazard<&C::closure, &H::apms>)
        .plausible(-5, 5,
                   "calibration 2014/15-2018/19: +0.79; beyond +-5 multiplies the odds by 150"),

    // Additional roles (ARRS) -----------------------------------------------------------------
    spec("additional_roles.fte_per_10000_start", T::Number, "FTE per 10,000 weighted patients", 0,
         1000,
         "additional roles FTE per 10,000 weighted patients in year 0 (if the scheme "
         "has started by then)",
         "assumption: 0 unless the scenario gives the level of its base year",
         additional_roles<&A::fte_per_10000_start>)
        .plausible(
            0, 20,
            "NHS England: 37,000 roles through the scheme by June 2024, about 5.9 per 10,000 "
            "weighted patients; over 20 per 10,000 is a slip (per 1,000, or a headcount)"),
    spec("additional_roles.fte_per_10000_ceiling", T::Number, "FTE per 10,000 weighted patients", 0,
         1000, "the level the scheme's FTE per 10,000 weighted patients grows towards",
         "assumption: 0 (no additional roles) unless the scenario sets the scheme",
         additional_roles<&A::fte_per_10000_ceiling>)
        .plausible(
            0, 20,
            "NHS England: 37,000 roles through the scheme by June 2024, about 5.9 per 10,000 "
            "weighted patients, with growth flattening; over 20 per 10,000 is a slip"),
    spec("additional_roles.growth_share", T::Number, "share of the gap per year", 0, 1,
         "share of the remaining distance to the ceiling added each year of the scheme",
         "assumption: 0.3 a year", additional_roles<&A::growth_share>)
        .plausible(0, 1, "any share of the remaining gap a year is defensible"),
    spec("additional_roles.first_calendar_year", T::Integer, "calendar year", 1900, 2200,
         "calendar year in which the scheme's first financial year starts",
         "NHS England GP contract 2019: the Additional Roles Reimbursement Scheme from 2019/20",
         additional_roles<&A::first_calendar_year>)
        .plausible(2015, 2040,
                   "NHS England GP contract 2019: the scheme from 2019/20; a start outside "
                   "2015-2040 is a slip"),
    spec("additional_roles.appointments_per_fte", T::Number, "appointments per FTE per year", 0,
         1e5, "appointments an additional-roles FTE delivers a year",
         "assumption: about 4,000 (pharmacists, physiotherapists and paramedics see fewer, "
         "longer appointments than GPs; social prescribers' contacts counted alike)",
         additional_roles<&A::appointments_per_fte>)
        .plausible(500, 15000,
                   "assumption: about 4,000 a year (fewer, longer appointments than GPs'); under "
                   "500 or over 15,000 (about 70 a working day) is a slip"),
    spec("additional_roles.gp_demand_share", T::Number, "share", 0, 1,
         "share of additional-roles appointments that meet demand which would otherwise need a "
         "GP (the rest meet the other roles' demand)",
         "assumption: half; the scheme's roles (first-contact physiotherapists, clinical "
         "pharmacists, paramedics, physician associates) were introduced to take work from GPs",
         additional_roles<&A::gp_demand_share>)
        .plausible(0, 1, "any share is defensible"),
    spec("additional_roles.reimbursement_per_fte", T::Number, "£ per FTE per year", 0, 1e7,
         "reimbursement per FTE a year (year-0 prices), paid by NHS England",
         "assumption: about £45,000, Agenda for Change bands 6-7 with on-costs (the scheme "
         "reimburses actual salary up to a maximum per role)",
         additional_roles<&A::reimbursement_per_fte>)
        .plausible(15000, 150000,
                   "assumption: about £45,000 (Agenda for Change bands 6-7 with on-costs; the "
                   "scheme reimburses actual salary up to a maximum per role); outside "
                   "£15,000-£150,000 is a slip (£k for £, or a monthly figure)"),
};

}  // namespace

std::span<const ParameterSpec> structure_specs() { return kSpecs; }

}  // namespace pcsim::model::registry_detail
