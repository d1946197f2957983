// Registry entries: funding (levelling up, quality contract, budget), savings, economics
// (MODEL.md sections of the same names). Every default carries its source.
#include "model/parameter_registry_detail.hpp"

namespace pcsim::model::registry_detail {
namespace {

using T = ParameterType;
using F = FundingParameters;
using Q = QualityStandard;
using S = SavingsParameters;
using E = EconomicsParameters;

// In the order of LevellingTarget.
constexpr std::string_view kTargetChoices[] = {"median", "mean", "percentile", "pounds"};
// In the order of TargetScope.
constexpr std::string_view kScopeChoices[] = {"area", "icb", "file"};

// The band of funding.allocation and funding.baseline_spend as multiples of the practices'
// summed core funding (scripts/spend_bands.py prints the figures).
constexpr std::string_view kSpendTotalBasis =
    "NHS Payments to General Practice 2014/15-2022/23 (scripts/spend_bands.py): an area's total "
    "payments to its open practices, all of primary medical care that an allocation or a baseline "
    "may hold, were 1.34 (03F 2020/21) to 8.68 (04D 2014/15, PMS contracts paid outside the core "
    "columns) times their core funding, 99% of area-years under 2.7; an area's total payments "
    "moved -32% to +152% in a year (01H and 01K 2017/18, boundary changes; 1st-99th percentiles "
    "-8% to +21%). Under half or over 10 times the practices' core funding is a slip (£k or £m "
    "for £, pence, extra zeros)";

constexpr ParameterSpec kSpecs[] = {
    // Funding: levelling up ----------------------------------------------------------------
    spec("funding.levelling_up", T::Boolean, "on/off", 0, 1,
         "lever: level core funding up to an equitable amount per weighted patient",
         "lever off by default; NHS Bolton CCG case study 2017: quality contract levelling "
         "core funding up to equitable weighted capitation",
         funding<&F::levelling_up>),
    spec("funding.target", T::Choice, "choice", 0, 3,
         "target f*: median, mean or a percentile of baseline funding per weighted patient, "
         "or a £ figure",
         "assumption: the median of the baseline distribution, which needs no outside figure",
         funding<&F::target>, kTargetChoices),
    spec("funding.target_scope", T::Choice, "choice", 0, 2,
         "practices the target is taken over: the practice's own commissioning area (CCG or "
         "sub-ICB code), its ICB, or every practice of the run",
         "assumption: the area; Bolton levelled its practices up to its own equitable level",
         funding<&F::target_scope>, kScopeChoices),
    spec("funding.trust_min_weighted_list", T::Number, "weighted patients", 0, 1e6,
         "practices with a smaller weighted list are left out of the target and of levelling",
         "assumption: 1,000; below it one partner's drawings or a part-year list dominate the "
         "ratio (the 2022/23 payments file has 53 such practices, some above £100,000 per "
         "weighted patient)",
         funding<&F::trust_min_weighted_list>)
        .plausible(0, 5000,
                   "NHS Payments to General Practice 2014/15-2022/23: 0.5%-1.1% of practices have "
                   "under 1,000 weighted patients, 21%-37% under 5,000: a threshold above 5,000 "
                   "would leave a fifth or more of practices out of levelling"),
    spec("funding.trust_max_ratio_to_median", T::Number, "multiple of the scope's median", 1, 1e6,
         "practices whose funding per weighted patient is beyond this multiple of the "
         "scope's median (or below its reciprocal) are left out of the target and of levelling",
         "assumption: 2; in 2022/23 it leaves out 81 of 6,459 practices, mostly contracts whose "
         "core funding is paid outside the Global Sum, MPIG and PMS columns",
         funding<&F::trust_max_ratio_to_median>)
        .plausible(
            1.25, 1000000,
            "NHS Payments to General Practice 2014/15-2022/23: 2.3%-14% of practices lie beyond "
            "1.25 times their year's median core funding per weighted patient (0.4%-2.6% beyond "
            "2); a tighter bound leaves out practices with ordinary funding"),
    spec("funding.clinical_spend_share", T::Number, "share", 0, 1,
         "share of additional core funding (levelling up) practices spend on clinical time",
         "assumption: 0, levelling up buys no capacity unless the scenario says what it buys",
         funding<&F::clinical_spend_share>)
        .plausible(0, 1,
                   "any share is defensible: no published figure for what levelling-up money buys"),
    spec("funding.gp_time_share", T::Number, "share", 0, 1,
         "share of the clinical time bought that is GP time (the rest other clinicians')",
         "assumption: half", funding<&F::gp_time_share>)
        .plausible(
            0, 1,
            "any share is defensible: no published figure for the split of clinical time bought"),
    spec("funding.target_percentile", T::Number, "percentile (0-100)", 0, 100,
         "percentile of baseline funding per weighted patient used when target = percentile",
         "assumption: 50 (the median)", funding<&F::target_percentile>)
        .plausible(5, 95,
                   "assumption: a target beyond the 5th-95th percentiles of funding per weighted "
                   "patient is set by a handful of outlying practices"),
    spec("funding.target_pounds", T::Number, "£ per weighted patient", 0, 1e5,
         "target f* in year-0 prices when target = pounds",
         "assumption: 0, unused unless the scenario gives the figure", funding<&F::target_pounds>)
        .plausible(
            40, 250,
            "NHS Payments to General Practice 2014/15-2022/23: core funding per weighted patient "
            "(practices of 1,000 weighted patients or more) had medians £76-£95 and 1st-99th "
            "percentiles £22-£175; a target outside £40-£250 is a slip (a total, or pence)"),
    spec("funding.levelling_years", T::Number, "years", 0, 50,
         "phase-in Y of levelling up: f moves min(1, t/Y) of the way to the target",
         "NHS Bolton CCG case study 2017: funding levelled up in year 1 (about £3.5m)",
         funding<&F::levelling_years>)
        .plausible(0, 10,
                   "NHS Bolton CCG case study 2017: levelled up in year 1; a phase-in over more "
                   "than 10 years is beyond most horizons"),
    spec("funding.level_down", T::Boolean, "on/off", 0, 1,
         "practices above the target lose funding (at most max_reduction_per_year a year)",
         "assumption: off; Bolton levelled practices up only", funding<&F::level_down>),
    spec("funding.max_reduction_per_year", T::Number, "share of f(p,0) per year", 0, 1,
         "most a practice above the target can lose a year when level_down is on",
         "assumption: 2% of baseline funding a year, small enough to keep a practice viable",
         funding<&F::max_reduction_per_year>)
        .plausible(0, 0.25,
                   "assumption: 2% of baseline funding a year keeps a practice viable; a cut of "
                   "more than a quarter a year is a slip"),
    // At -1 I(t) would be 0 for t >= 1, and the NPV divides each year's cash by it.
    spec("funding.inflation", T::Number, "per year", -0.5, 1,
         "inflation of £ unit costs and funding: I(t) = (1 + inflation)^t",
         "assumption: 2% a year, the Bank of England CPI target", funding<&F::inflation>)
        .plausible(-0.02, 0.1,
                   "ONS: UK CPI's 12-month rate 1989-2024 ranged from -0.1% (2015) to 11.1% "
                   "(October 2022), its yearly averages from 0.0% (2015) to 9.1% (2022); beyond "
                   "-2% or +10% a year, sustained, is a slip (0.2 for 0.02, -1 for 1)"),
    // Funding: quality contract (one element per standard) ----------------------------------
    spec("funding.quality_standards.*.payment_per_weighted_patient", T::Number,
         "£ per weighted patient per year", 0, 1e4,
         "payment for achieving the standard, per weighted patient (year-0 prices)",
         "assumption: 0 until the scenario names the standard's payment (Bolton: about £3.5m "
         "invested in year 1 for 299,956 people, levelling up included)",
         standard<&Q::payment_per_weighted_patient>)
        .plausible(0, 50,
                   "NHS Payments to General Practice 2022/23: QOF, the national quality contract, "
                   "paid a median £12.40 per weighted patient (1st-99th percentiles £2.81-£19.39); "
                   "one local standard paying over £50 is a slip (a total, or pence)"),
    spec("funding.quality_standards.*.achievement_rate", T::Number, "share", 0, 1,
         "probability a practice achieves the standard in a year",
         "assumption: 1, every practice achieves it unless the scenario says otherwise",
         standard<&Q::achievement_rate>)
        .plausible(0, 1, "any share is defensible"),
    spec("funding.quality_standards.*.mandatory", T::Boolean, "on/off", 0, 1,
         "mandatory standards apply to every practice; optional ones to those that sign up",
         "assumption: mandatory; Bolton's quality contract covered all 50 practices",
         standard<&Q::mandatory>),
    spec("funding.quality_standards.*.sign_up_share", T::Number, "share", 0, 1,
         "probability a practice signs up to an optional standard (fixed for the run)",
         "assumption: 1, every practice signs up unless the scenario says otherwise",
         standard<&Q::sign_up_share>)
        .plausible(0, 1, "any share is defensible"),
    // Funding: running cost and budget -----------------------------------------------------
    spec("funding.running_cost", T::Number, "£ per year", 0, kBig,
         "running cost of the delegated functions a year (year-0 prices), level 3 only",
         "assumption: 0 unless the scenario gives it; Understanding primary care "
         "co-commissioning 2016 names running costs as a risk but gives no figure",
         funding<&F::running_cost>)
        .plausible(0, 100000000,
                   "assumption: two to four posts per area (£100,000-£350,000 in "
                   "scenarios/delegation-options.toml); over £100m a year, about 1.7% of England's "
                   "£6.0bn core funding of 2022/23, is a slip (pence, or extra zeros)")
        .plausible_against_spend(
            {1e-5, 0.2,
             "assumption: two to four posts (£100,000-£350,000 in "
             "scenarios/delegation-options.toml); NHS Payments to General Practice 2014/15-2022/23 "
             "(scripts/spend_bands.py): £350,000 is 8.9% of the smallest area's core funding "
             "(04Q 2014/15, £3.9m), so over a fifth of the practices' spend is a slip (pence, "
             "extra zeros); under 1/100,000 of it (£60,191 against England's £6.02bn of 2022/23, "
             "£263 against Bolton's £26.3m of 2016/17) is less than one post for the whole "
             "scenario, a slip (£k for £)"}),
    spec("funding.allocation", T::Number, "£ per year", 0, kBig,
         "delegated allocation B(0); 0 means the baseline spend",
         "assumption: 0, the allocation transferred equals the baseline spend (Bedfordshire "
         "CCG 2017: due diligence on the budget transfer)",
         funding<&F::allocation>)
        .plausible(
            0, 20000000000,
            "NHS Payments to General Practice 2022/23: England's total payments to general "
            "practice were £10.2bn; an allocation over £20bn is a slip (pence, or extra zeros)")
        .plausible_against_spend({0.5, 10, kSpendTotalBasis}),
    spec("funding.allocation_growth", T::Number, "per year", -1, 1,
         "growth of the delegated allocation: B(t) = B(0)(1 + g)^t",
         "assumption: 2% a year, in line with inflation (no real-terms growth)",
         funding<&F::allocation_growth>)
        .plausible(-0.02, 0.1,
                   "NHS Payments to General Practice 2014/15-2022/23: England's core funding "
                   "(Global Sum, MPIG, PMS) grew +1.1% to +5.1% a year; beyond -2% or +10% a year, "
                   "sustained, is a slip"),
    spec("funding.commissioner_overspend_share_joint", T::Number, "share", 0, 1,
         "share of an overspend the commissioner (CCG/ICB) bears at commissioning level 2 "
         "(joint); NHS England bears the rest",
         "Understanding primary care co-commissioning 2016: under joint commissioning the "
         "budget risk stays with NHS England (0)",
         funding<&F::commissioner_overspend_share_joint>)
        .plausible(0, 1, "any share is defensible under a local risk-sharing agreement"),
    spec("funding.commissioner_overspend_share_delegated", T::Number, "share", 0, 1,
         "share of an overspend the commissioner (CCG/ICB) bears at commissioning level 3 "
         "(delegated); NHS England bears the rest",
         "Understanding primary care co-commissioning 2016 and the Bedfordshire CCG paper "
         "2017: under delegation the overspend risk is the CCG's (1); a local risk-sharing "
         "agreement may set less",
         funding<&F::commissioner_overspend_share_delegated>)
        .plausible(0, 1, "any share is defensible under a local risk-sharing agreement"),
    spec("funding.baseline_spend", T::Number, "£ per year", 0, kBig,
         "spend on practices before any lever in year 0; 0 means the sum of core funding",
         "assumption: 0, the sum of the practices' core funding in the NHS Digital payments "
         "file",
         funding<&F::baseline_spend>)
        .plausible(0, 20000000000,
                   "NHS Payments to General Practice 2022/23: England's total payments to general "
                   "practice were £10.2bn; a baseline over £20bn is a slip (pence, or extra zeros)")
        .plausible_against_spend({0.5, 10, kSpendTotalBasis}),

    // Savings -------------------------------------------------------------------------------
    spec("savings.referrals_per_1000_weighted", T::Number,
         "referrals per 1,000 weighted patients per year", 0, 1e4,
         "referral rate to secondary care of a practice whose file gives none",
         "assumption: 300, between the GP-referral and all-referral rates per 1,000 people "
         "of NHS England's Monthly Activity Return 2016/17; with the EUR defaults it gives "
         "Bolton's £750,000",
         savings<&S::referrals_per_1000_weighted>)
        .plausible(50, 1000,
                   "the default 300 lies between the GP-referral and all-referral rates per 1,000 "
                   "people of NHS England's Monthly Activity Return 2016/17 (Bolton calibrated at "
                   "237); outside 50-1,000 is a slip (per 10,000, or per 100)"),
    spec("savings.referral_rate_cv", T::Number, "coefficient of variation", 0, 5,
         "spread of drawn practice referral rates around the default (lognormal, mean kept)",
         "assumption: practice referral rates vary about 15% after weighting",
         savings<&S::referral_rate_cv>)
        .plausible(0, 1,
                   "assumption: practice referral rates vary about 15% after weighting; a "
                   "coefficient of variation over 1 is a slip (a percentage)"),
    spec("savings.benchmarking", T::Boolean, "on/off", 0, 1,
         "lever: peer benchmarking, practices move towards their peer group's benchmark",
         "lever off by default; NHS Bolton CCG case study 2017: a top practice in each peer "
         "group pulls the others up",
         savings<&S::benchmarking>),
    spec("savings.benchmark_percentile", T::Number, "percentile (0-100)", 0, 100,
         "percentile of the peer group's referral rates practices move towards",
         "assumption: 25, the best quartile (Bolton: the top practice of each group)",
         savings<&S::benchmark_percentile>)
        .plausible(0, 75,
                   "assumption: practices move towards the better-performing end of their peer "
                   "group (Bolton: its top practice; default the best quartile, 25); above the "
                   "75th percentile the benchmark is a high referrer"),
    spec("savings.convergence", T::Number, "share of gap per year", 0, 1,
         "share of the remaining gap to the benchmark closed each year",
         "assumption: a fifth of the gap closed a year", savings<&S::convergence>)
        .plausible(0, 1, "any share of the gap closed a year is defensible"),
    spec("savings.eur", T::Boolean, "on/off", 0, 1,
         "lever: Effective Use of Resources policy on referrals of limited clinical value",
         "lever off by default; NHS Bolton CCG case study 2017: Effective Use of Resources "
         "policy",
         savings<&S::eur>),
    spec("savings.limited_value_share", T::Number, "share", 0, 1,
         "share of referrals that are for procedures of limited clinical value",
         "assumption: 5%, chosen so that Bolton's 28% cut gives about £750,000",
         savings<&S::limited_value_share>)
        .plausible(0, 0.3,
                   "assumption: about 5% of referrals are for procedures of limited clinical "
                   "value; over 30% is a slip"),
    spec("savings.eur_reduction", T::Number, "share", 0, 1,
         "cut in limited-value referrals at full effect of the policy",
         "NHS Bolton CCG case study 2017: 28% fewer referrals under the Effective Use of "
         "Resources policy",
         savings<&S::eur_reduction>)
        .plausible(0, 1, "any cut is defensible (Bolton: 28% fewer referrals)"),
    spec("savings.ramp_years", T::Number, "years", 0, 50,
         "years for the referral and prescribing policies to reach full effect",
         "NHS Bolton CCG case study 2017: savings in year 1 (100% return on investment)",
         savings<&S::ramp_years>)
        .plausible(0, 10,
                   "NHS Bolton CCG case study 2017: savings in year 1; more than 10 years to full "
                   "effect is beyond most horizons"),
    spec("savings.cost_per_referral", T::Number, "£ per referral", 0, 1e6,
         "cost of a referral: first attendance and what follows from it (year-0 prices)",
         "assumption: about £570 for a first outpatient attendance with its follow-ups, tests "
         "and procedures; with limited_value_share gives Bolton's £750,000",
         savings<&S::cost_per_referral>)
        .plausible(50, 5000,
                   "NHS Reference Costs 2016/17: a first outpatient attendance about £160, with "
                   "what follows a few hundred pounds (Bolton calibrated at £352); outside "
                   "£50-£5,000 (an elective admission) is a slip"),
    spec("savings.prescribing_per_weighted", T::Number, "£ per weighted patient per year", 0, 1e5,
         "prescribing cost per weighted patient of a practice whose file gives none",
         "NHS Digital Prescription Cost Analysis England 2016: £9.2bn net ingredient cost, "
         "about £165 a head; £150 taken for practice-led prescribing",
         savings<&S::prescribing_per_weighted>)
        .plausible(30, 500,
                   "NHS Digital Prescription Cost Analysis England 2016: £9.2bn, about £165 a "
                   "head; outside £30-£500 is a slip (a monthly figure, or a practice's total)"),
    spec("savings.prescribing_growth", T::Number, "per year", -1, 1,
         "yearly growth of prescribing cost per weighted patient",
         "assumption: 3% a year, new drugs and an ageing population",
         savings<&S::prescribing_growth>)
        .plausible(-0.05, 0.1,
                   "assumption: 3% a year, new drugs and an ageing population; beyond -5% or +10% "
                   "a year, sustained, is a slip (a percentage for a share)"),
    spec("savings.prescribing_kpi", T::Boolean, "on/off", 0, 1,
         "lever: local prescribing incentive (KPI) cutting waste",
         "lever off by default; NHS Bolton CCG case study 2017: prescribing KPI saved £2.2m",
         savings<&S::prescribing_kpi>),
    spec("savings.prescribing_reduction", T::Number, "share", 0, 1,
         "share of prescribing cost cut by the KPI at full effect",
         "lever off by default (0); NHS Bolton CCG case study 2017: £2.2m saved, about 5% of "
         "an estimated £45m spend (300,000 weighted patients at £150)",
         savings<&S::prescribing_reduction>)
        .plausible(0, 0.2,
                   "NHS Bolton CCG case study 2017: the prescribing KPI saved about 4-5% of spend; "
                   "a fifth of prescribing cut is beyond any local scheme"),

    // Economics -----------------------------------------------------------------------------
    spec("economics.discount_rate", T::Number, "per year", 0, 1,
         "real discount rate of the net present value (applied to flows in year-0 prices)",
         "HM Treasury Green Book (2022): 3.5%, a real rate", economics<&E::discount_rate>)
        .plausible(0, 0.1,
                   "HM Treasury Green Book (2022): 3.5% (1.5% for health effects, lower after 30 "
                   "years); over 10% is a slip (a percentage for a share)"),
};

}  // namespace

std::span<const ParameterSpec> finance_specs() { return kSpecs; }

}  // namespace pcsim::model::registry_detail
