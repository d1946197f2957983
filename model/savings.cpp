#include "model/savings.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/percentile.hpp"
#include "model/ramp.hpp"

namespace pcsim::model {

double referral_log_sd(const SavingsParameters& savings) {
  return std::sqrt(std::log1p(savings.referral_rate_cv * savings.referral_rate_cv));
}

PeerGroupReferralSums peer_group_referral_sums(const PracticeSet& practices) {
  const auto groups = static_cast<std::size_t>(std::max(0, practices.peer_groups));
  PeerGroupReferralSums sums{std::vector<double>(groups, 0.0), std::vector<double>(groups, 0.0)};
  for (const PracticeBaseline& practice : practices.practices) {
    const int g = practice.peer_group;
    if (std::isnan(practice.referrals_per_1000_weighted) || g < 0 ||
        static_cast<std::size_t>(g) >= groups || !(practice.weighted_patients > 0))
      continue;
    sums.referrals[static_cast<std::size_t>(g)] +=
        practice.referrals_per_1000_weighted * practice.weighted_patients;
    sums.weighted[static_cast<std::size_t>(g)] += practice.weighted_patients;
  }
  return sums;
}

void peer_group_referral_rates(const SavingsParameters& savings, const PeerGroupReferralSums& sums,
                               std::vector<double>& rates) {
  rates.assign(sums.weighted.size(), savings.referrals_per_1000_weighted);
  for (std::size_t g = 0; g < rates.size(); ++g)
    if (sums.weighted[g] > 0) rates[g] = sums.referrals[g] / sums.weighted[g];
}

std::vector<double> peer_group_referral_rates(const SavingsParameters& savings,
                                              const PracticeSet& practices) {
  std::vector<double> rates;
  peer_group_referral_rates(savings, peer_group_referral_sums(practices), rates);
  return rates;
}

double referral_baseline_rate(const SavingsParameters& savings, const PracticeBaseline& practice,
                              double centre, double z) {
  if (!std::isnan(practice.referrals_per_1000_weighted))
    return practice.referrals_per_1000_weighted;
  return drawn_referral_rate(savings, centre, z);
}

double drawn_referral_rate(const SavingsParameters& savings, double centre, double z) {
  return drawn_referral_rate_at(centre, referral_log_sd(savings), z);
}

std::vector<double> peer_benchmarks(const SavingsParameters& savings, const PracticeSet& practices,
                                    std::span<const double> baseline_rates) {
  const int groups = practices.peer_groups > 0 ? practices.peer_groups : 0;
  std::vector<std::vector<double>> rates_by_group(static_cast<std::size_t>(groups));
  for (std::size_t p = 0; p < practices.practices.size() && p < baseline_rates.size(); ++p) {
    const int g = practices.practices[p].peer_group;
    if (g >= 0 && g < groups)
      rates_by_group[static_cast<std::size_t>(g)].push_back(baseline_rates[p]);
  }
  std::vector<double> benchmarks(static_cast<std::size_t>(groups),
                                 std::numeric_limits<double>::quiet_NaN());
  for (std::size_t g = 0; g < rates_by_group.size(); ++g)
    if (!rates_by_group[g].empty())
      benchmarks[g] = percentile(rates_by_group[g], savings.benchmark_percentile);
  return benchmarks;
}

Fraction eur_effect(const SavingsParameters& savings, int t) {
  if (!savings.eur) return 0.0;
  return savings.limited_value_share * savings.eur_reduction * ramp(t, savings.ramp_years);
}

ReferralYear referral_year(const SavingsParameters& savings, double baseline_rate, double rate,
                           Patients weighted_list, double inflation_index, int t) {
  return referral_year_at(savings, baseline_rate, rate, weighted_list, inflation_index,
                          eur_effect(savings, t));
}

PoundsPerPatient prescribing_baseline_per_weighted(const SavingsParameters& savings,
                                                   const PracticeBaseline& practice) {
  return prescribing_baseline_per_weighted(savings, practice.prescribing_per_weighted);
}

PrescribingYear prescribing_year(const SavingsParameters& savings,
                                 PoundsPerPatient baseline_per_weighted, Patients weighted_list,
                                 int t) {
  return prescribing_year_at(savings, baseline_per_weighted, weighted_list,
                             prescribing_growth_index(savings, t), ramp(t, savings.ramp_years));
}

}  // namespace pcsim::model
