// The accounts pass eight practices to a register (engine/accounts_avx512.hpp). Each line
// of practice_figures is the expression of the model function named beside it
// (model/funding.hpp, capacity.hpp, practice_capacity.hpp, funded_capacity.hpp,
// population.hpp, workforce.hpp, additional_roles.hpp, savings.hpp), written with the same
// operands in the same order; a branch on a practice's data is a select of both results
// (as model/branch_free.hpp's choose and positive_part), a branch on a parameter stays a
// branch. CMakeLists.txt compiles this file with -ffp-contract=off.
#include "engine/accounts_avx512.hpp"

#include "engine/accounts_pass.hpp"
#include "engine/engine_state.hpp"
#include "engine/year_factors.hpp"
#include "model/parameters.hpp"
#include "model/year_accounts.hpp"

#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(PCSIM_SCALAR_KERNELS)
#define PCSIM_ACCOUNTS_AVX512 1
#include <immintrin.h>

#include "core/avx512_warnings.hpp"
#include "engine/avx512_bytes.hpp"
#include "engine/avx512_transpose.hpp"
#endif

namespace pcsim::engine {

#if defined(PCSIM_ACCOUNTS_AVX512)

PCSIM_AVX512_WARNINGS_OFF  // GCC bug 105593: core/avx512_warnings.hpp

namespace {

// The figures of a practice the pass adds to the year's totals, in YearTotals' order, then
// one per role (its filled new posts): a row of kSlots a practice, so the sums in practice
// order are four vector adds a practice, each lane one total.
enum Figure : std::size_t {
  kGpHeadcount,
  kGpFte,
  kOtherFte,
  kAdditionalRolesFte,
  kDemand,
  kCapacity,
  kGap,
  kExtendedAccess,
  kDemandGp,
  kCapacityGp,
  kUnmetGp,
  kUnmetGpWithoutLevers,
  kDemandOther,
  kCapacityOther,
  kUnmetOther,
  kSelfCare,
  kFundedGp,
  kFundedOther,
  kAdditionalRolesAppointments,
  kLevellingUp,
  kQualityContract,
  kReferrals,
  kReferralsAvoided,
  kReferralSavings,
  kBaselineReferralCost,
  kPrescribingSavings,
  kBaselinePrescribingCost,
  kFigures
};

// The total each figure is added to.
constexpr std::array<Fte YearTotals::*, kFigures> kTotalOf = {
    &YearTotals::gp_headcount,
    &YearTotals::gp_fte,
    &YearTotals::other_fte,
    &YearTotals::additional_roles_fte,
    &YearTotals::demand,
    &YearTotals::capacity,
    &YearTotals::gap,
    &YearTotals::extended_access,
    &YearTotals::demand_gp,
    &YearTotals::capacity_gp,
    &YearTotals::unmet_gp,
    &YearTotals::unmet_gp_without_levers,
    &YearTotals::demand_other,
    &YearTotals::capacity_other,
    &YearTotals::unmet_other,
    &YearTotals::self_care,
    &YearTotals::funded_gp,
    &YearTotals::funded_other,
    &YearTotals::additional_roles_appointments,
    &YearTotals::levelling_up,
    &YearTotals::quality_contract,
    &YearTotals::referrals,
    &YearTotals::referrals_avoided,
    &YearTotals::referral_savings,
    &YearTotals::baseline_referral_cost,
    &YearTotals::prescribing_savings,
    &YearTotals::baseline_prescribing_cost};

constexpr std::size_t kLanes = 8;
constexpr std::size_t kSlots = 32;  // figures and roles a practice: four registers
constexpr std::size_t kMaxRoles = kSlots - kFigures;

using V = __m512d;

__attribute__((target("avx512f"))) inline V splat(double x) { return _mm512_set1_pd(x); }

// c ? a : b, lane by lane (both computed).
__attribute__((target("avx512f"))) inline V select(__mmask8 c, V a, V b) {
  return _mm512_mask_blend_pd(c, b, a);
}

__attribute__((target("avx512f"))) inline V load(const double* at, __mmask8 lanes) {
  return _mm512_maskz_loadu_pd(lanes, at);
}

// positive_part (model/branch_free.hpp): x when 0 < x, else +0 (NaN and -0 included).
__attribute__((target("avx512f"))) inline V positive_part(V x) {
  return _mm512_maskz_mov_pd(_mm512_cmp_pd_mask(_mm512_setzero_pd(), x, _CMP_LT_OQ), x);
}

// Eight practices' figures, one register per figure (lane j: practice j), added to the
// sums (lane k of sum[k / 8]: slot k's total) practice by practice in practice order, the
// practices in `open` only: each block of eight figures turned into eight rows (row j:
// practice j's figures) by transpose_8x8 (engine/avx512_transpose.hpp), then row j added
// to the block's sum under a mask that is all or nothing. Adding in registers as each eight are
// computed, rather than storing rows to add in a second loop, lets the next eight's arithmetic run
// under the adds' latency.
__attribute__((target("avx512f"))) inline void add_in_order(const V (&figure)[kSlots],
                                                            __mmask8 open, V (&sum)[4]) {
  for (std::size_t b = 0; b < kSlots / kLanes; ++b) {
    V row[kLanes];
    transpose_8x8(figure + kLanes * b, row);
    for (unsigned j = 0; j < kLanes; ++j) {
      const auto all = static_cast<__mmask8>(-static_cast<int>((open >> j) & 1u));
      sum[b] = _mm512_mask_add_pd(sum[b], all, sum[b], row[j]);
    }
  }
}

// Practices p .. p + count - 1's role FTEs (their rows of `roles` values, laid end to end
// at `rows`) as `roles` registers of consecutive values, zero past the last practice: the
// block role_column picks each role's lanes from.
__attribute__((target("avx512f"))) inline void load_role_block(const double* rows,
                                                               std::size_t roles, std::size_t count,
                                                               V* block) {
  const std::size_t values = count * roles;
  for (std::size_t i = 0; i < roles; ++i) {
    const std::size_t left = values > kLanes * i ? values - kLanes * i : 0;
    const auto lanes = static_cast<__mmask8>(left >= kLanes ? 0xFFu : (1u << left) - 1u);
    block[i] = _mm512_maskz_loadu_pd(lanes, rows + kLanes * i);
  }
}

// Role r of the eight practices of a role block (lane j: practice j's value, the block's
// value j roles + r): lane (j roles + r) mod 16 of register pair (j roles + r) / 16, by one
// two-register permute per pair. (A gather did the same and was a seventh of the pass.)
__attribute__((target("avx512f"))) inline V role_column(const V* block, std::size_t roles,
                                                        std::size_t r) {
  const __m512i value =
      _mm512_add_epi64(_mm512_mul_epu32(_mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7),
                                        _mm512_set1_epi64(static_cast<long long>(roles))),
                       _mm512_set1_epi64(static_cast<long long>(r)));
  const __m512i pair = _mm512_srli_epi64(value, 4);
  const __m512i within = _mm512_and_si512(value, _mm512_set1_epi64(15));
  V column = _mm512_setzero_pd();
  for (std::size_t q = 0; 2 * q < roles; ++q) {
    const V high = 2 * q + 1 < roles ? block[2 * q + 1] : _mm512_setzero_pd();
    const __mmask8 from_pair =
        _mm512_cmpeq_epi64_mask(pair, _mm512_set1_epi64(static_cast<long long>(q)));
    column =
        _mm512_mask_mov_pd(column, from_pair, _mm512_permutex2var_pd(block[2 * q], within, high));
  }
  return column;
}

// Practices p .. p + 7 (those in `lanes`): the open ones' figures added to `sum`
// (add_in_order), and, with benchmarking, their referral rates stepped in s.
[[gnu::always_inline]] __attribute__((target("avx512f"))) inline void practice_figures(
    const ModelParameters& m, const YearFactors& f, EngineState& s, std::size_t p, __mmask8 lanes,
    V (&sum)[4]) {
  V figure[kSlots];  // every slot set below: the roles' and the spare ones first
  const int t = f.t;
  const __mmask8 open = nonzero_bytes(s.open.data(), p, s.practice_count);
  const V list = load(s.list.data() + p, lanes);
  const V weighted = load(s.weighted.data() + p, lanes);
  const V index = splat(f.inflation);

  // levelling_up_cost_at (model/funding.hpp), with levelled_funding_per_weighted_at.
  V lu = _mm512_setzero_pd();
  if (m.funding.levelling_up) {
    const FundingParameters& funding = m.funding;
    const V f0 = load(s.funding0.data() + p, lanes);
    const V f_star = load(s.funding_target.data() + p, lanes);
    const V unlevelled = f0 * index;
    const V phased = f0 + (f_star - f0) * splat(f.levelling_phase);
    const __mmask8 below = _mm512_cmp_pd_mask(f0, f_star, _CMP_LT_OQ);
    V cash;
    if (!funding.level_down) {
      cash = select(below, index * phased, unlevelled);
    } else {
      const V floor_by_cap = f0 * splat(1.0 - funding.max_reduction_per_year * t);
      // std::max(phased, floor_by_cap): floor_by_cap when phased < floor_by_cap.
      const V capped =
          select(_mm512_cmp_pd_mask(phased, floor_by_cap, _CMP_LT_OQ), floor_by_cap, phased);
      cash = select(_mm512_cmp_pd_mask(f0, f_star, _CMP_EQ_OQ), unlevelled,
                    select(below, index * phased, index * capped));
    }
    cash = select(_mm512_cmp_pd_mask(f_star, f_star, _CMP_UNORD_Q), unlevelled, cash);
    lu = (cash - f0 * index) * weighted;
  }

  // gp_fte_at (model/workforce.hpp).
  const V heads = load(s.gps.totals() + p, lanes);
  const V gp = heads * splat(f.fte_per_head);

  // role_fte and role_capacity per role (model/workforce.hpp, capacity.hpp).
  V other_fte = _mm512_setzero_pd();
  V roles_appointments = _mm512_setzero_pd();
  const std::size_t roles = s.role_count;
  for (std::size_t k = kFigures; k < kSlots; ++k) figure[k] = _mm512_setzero_pd();  // roles: below
  V role_block[kMaxRoles];
  load_role_block(s.role_fte.data() + p * roles, roles,
                  static_cast<std::size_t>(std::popcount(static_cast<unsigned>(lanes))),
                  role_block);
  for (std::size_t r = 0; r < roles; ++r) {
    const RoleParameters& role = m.roles[r];
    const V baseline = role_column(role_block, roles, r);
    V new_filled = _mm512_setzero_pd();
    if (t >= 1 && t >= role.start_year)
      new_filled =
          splat(role.new_posts_per_30000) * list / splat(30000.0) * splat(role.role_fill_rate);
    const V total = baseline + new_filled;
    other_fte = other_fte + total;
    roles_appointments = roles_appointments + total * splat(role.appointments_per_fte);
    figure[kFigures + r] = new_filled;
  }

  // additional_roles_fte (model/additional_roles.hpp).
  const V arrs = splat(f.additional_roles_density) * weighted / splat(10000.0);

  // split_demand_at (model/population.hpp).
  const PopulationParameters& population = m.population;
  const V demand = list * splat(population.consultations_per_patient) * splat(f.consultation_index);
  const V gp_before_diversion = splat(population.gp_share) * demand;
  const V demand_gp = gp_before_diversion * splat(1.0 - f.diversion);
  const V diverted = gp_before_diversion * splat(f.diversion);
  const V self_care = diverted * splat(population.self_care_share);
  const V demand_other = splat(1.0 - population.gp_share) * demand +
                         diverted * splat(1.0 - population.self_care_share);

  // extended_access_appointments (model/capacity.hpp).
  const CapacityParameters& capacity = m.capacity;
  V extended_access = _mm512_setzero_pd();
  if (!(t < 1 || t < capacity.extended_access_start_year))
    extended_access = splat(capacity.extended_access_per_1000) * list / splat(1000.0);

  // practice_capacity (model/practice_capacity.hpp), with funded_appointments
  // (model/funded_capacity.hpp) and unmet_demand (model/capacity.hpp).
  const V capacity_gp = gp * splat(capacity.appointments_per_gp_fte);
  const V additional = arrs * splat(m.additional_roles.appointments_per_fte);
  const V additional_gp = additional * splat(m.additional_roles.gp_demand_share);
  const V capacity_other = roles_appointments + (additional - additional_gp);
  V funded_gp = _mm512_setzero_pd(), funded_other = _mm512_setzero_pd();
  if (m.funding.clinical_spend_share != 0) {
    const __mmask8 spends = _mm512_cmp_pd_mask(lu, _mm512_setzero_pd(), _CMP_NEQ_UQ);
    const V clinical = lu * splat(m.funding.clinical_spend_share);
    const double gp_cost = capacity.gp_appointment_cost * f.inflation;
    const double other_cost = capacity.other_appointment_cost * f.inflation;
    if (gp_cost > 0)
      funded_gp =
          _mm512_maskz_mov_pd(spends, clinical * splat(m.funding.gp_time_share) / splat(gp_cost));
    if (other_cost > 0)
      funded_other = _mm512_maskz_mov_pd(
          spends, clinical * splat(1.0 - m.funding.gp_time_share) / splat(other_cost));
  }
  const V unmet_gp =
      positive_part(demand_gp - (capacity_gp + funded_gp + additional_gp) - extended_access);
  const V unmet_other = positive_part(demand_other - (capacity_other + funded_other));
  // unmet_gp_without_levers (model/capacity.hpp).
  const V unmet_gp_without_levers =
      positive_part((demand_gp + diverted) - (capacity_gp + additional_gp));

  // benchmarked_rate and referral_year_at (model/savings.hpp).
  const SavingsParameters& savings = m.savings;
  V rate = load(s.referral_rate.data() + p, lanes);
  if (savings.benchmarking) {
    const __m512i group =
        _mm512_maskz_loadu_epi32(static_cast<__mmask16>(lanes), s.peer_group.data() + p);
    const auto groups = static_cast<int>(s.peer_benchmark.size());
    // g >= 0 && g < the number of groups, else NaN (as practice_accounts).
    const auto known = static_cast<__mmask8>(
        _mm512_mask_cmpge_epi32_mask(static_cast<__mmask16>(lanes), group, _mm512_setzero_si512()) &
        _mm512_cmplt_epi32_mask(group, _mm512_set1_epi32(groups)));
    const V bench = _mm512_mask_i32gather_pd(
        splat(std::nan("")), known, _mm512_castsi512_si256(group), s.peer_benchmark.data(), 8);
    const V gap = _mm512_maskz_mov_pd(_mm512_cmp_pd_mask(rate, bench, _CMP_GT_OQ), rate - bench);
    rate = rate - splat(savings.convergence) * gap;
    _mm512_mask_storeu_pd(s.referral_rate.data() + p, open, rate);
  }
  const V rate0 = load(s.referral_rate0.data() + p, lanes);
  const V referrals = rate * weighted / splat(1000.0) * splat(1.0 - f.eur);
  const V baseline_referrals = rate0 * weighted / splat(1000.0);
  const V avoided = baseline_referrals - referrals;

  // prescribing_year_at (model/savings.hpp).
  const V prescribing_cost =
      load(s.prescribing0.data() + p, lanes) * weighted * splat(f.prescribing_index);
  V prescribing_savings = _mm512_setzero_pd();
  if (savings.prescribing_kpi)
    prescribing_savings =
        prescribing_cost * splat(savings.prescribing_reduction) * splat(f.savings_phase);

  figure[kGpHeadcount] = heads;
  figure[kGpFte] = gp;
  figure[kOtherFte] = other_fte;
  figure[kAdditionalRolesFte] = arrs;
  figure[kDemand] = demand_gp + demand_other;
  figure[kCapacity] =
      (capacity_gp + funded_gp + additional_gp) + (capacity_other + funded_other) + extended_access;
  figure[kGap] = unmet_gp + unmet_other;
  figure[kExtendedAccess] = extended_access;
  figure[kDemandGp] = demand_gp;
  figure[kCapacityGp] = capacity_gp;
  figure[kUnmetGp] = unmet_gp;
  figure[kUnmetGpWithoutLevers] = unmet_gp_without_levers;
  figure[kDemandOther] = demand_other;
  figure[kCapacityOther] = capacity_other;
  figure[kUnmetOther] = unmet_other;
  figure[kSelfCare] = self_care;
  figure[kFundedGp] = funded_gp;
  figure[kFundedOther] = funded_other;
  figure[kAdditionalRolesAppointments] = additional;
  figure[kLevellingUp] = lu;
  figure[kQualityContract] = load(s.quality_payment.data() + p, lanes);
  figure[kReferrals] = referrals;
  figure[kReferralsAvoided] = avoided;
  figure[kReferralSavings] = avoided * splat(savings.cost_per_referral) * index;
  figure[kBaselineReferralCost] = baseline_referrals * splat(savings.cost_per_referral) * index;
  figure[kPrescribingSavings] = prescribing_savings;
  figure[kBaselinePrescribingCost] = prescribing_cost;
  add_in_order(figure, open, sum);
}

}  // namespace

bool accounts_avx512_supported() {
  static const bool supported = __builtin_cpu_supports("avx512f") != 0;
  return supported;
}

__attribute__((target("avx512f"))) void accounts_pass_avx512(const ModelParameters& m,
                                                             const YearFactors& f, EngineState& s,
                                                             YearTotals& y) {
  const std::size_t n = s.practice_count;
  const std::size_t roles = s.role_count;
  if (roles > kMaxRoles) {  // more roles than a row holds: the scalar pass
    accounts_pass(m, f, s, y, nullptr);
    return;
  }
  // The totals so far, lane k of sum[k / 8] for slot k, to which each open practice's
  // figures are added in practice order: each total gets the same additions in the same
  // order as in accounts_pass.
  alignas(64) double start[kSlots] = {};
  for (std::size_t k = 0; k < kFigures; ++k) start[k] = y.*kTotalOf[k];
  for (std::size_t r = 0; r < roles; ++r) start[kFigures + r] = s.new_role_fte[r];
  V sum[4];
  for (std::size_t b = 0; b < 4; ++b) sum[b] = _mm512_load_pd(start + kLanes * b);
  for (std::size_t p = 0; p < n; p += kLanes) {
    const std::size_t left = n - p;
    const auto lanes = static_cast<__mmask8>(left >= kLanes ? 0xFFu : (1u << left) - 1u);
    practice_figures(m, f, s, p, lanes, sum);
  }
  for (std::size_t b = 0; b < 4; ++b) _mm512_store_pd(start + kLanes * b, sum[b]);
  for (std::size_t k = 0; k < kFigures; ++k) y.*kTotalOf[k] = start[k];
  for (std::size_t r = 0; r < roles; ++r) s.new_role_fte[r] = start[kFigures + r];
}

PCSIM_AVX512_WARNINGS_ON

#else

bool accounts_avx512_supported() { return false; }

// A build without the vector form (not x86-64 GCC or Clang, or the portable preset): the
// scalar pass, the same totals.
void accounts_pass_avx512(const ModelParameters& m, const YearFactors& f, EngineState& s,
                          YearTotals& y) {
  accounts_pass(m, f, s, y, nullptr);
}

#endif

}  // namespace pcsim::engine
