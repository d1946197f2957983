#pragma once
#include <array>
#include <cstdint>
#include <string_view>
#include <utility>

namespace pcsim::model {

// The one registry of random-stream purposes. A draw is a pure function of
// (seed, iteration, practice, year, purpose, index): random/philox_events.hpp turns these
// into a Philox4x32-10 counter. Never renumber an existing purpose: that would change
// every published result for the same seed. Add new purposes at the end.
enum class Purpose : std::uint8_t {
  Parameter = 1,            // parameter draws: practice = hash of the parameter name, year 0
  ListNoise = 2,            // e(p,t), practice list growth noise
  GpTransitions = 3,        // per-GP retire / leave / age-up / stay, one uniform per GP
  Recruitment = 4,          // recruits ~ Binomial(vacancies, fill_rate)
  QualityAchievement = 5,   // standard k achieved by a practice in a year, index = k
  QualitySignUp = 6,        // optional standard k signed up by a practice (year 0)
  ReferralBaseline = 7,     // practice referral rate drawn around the default (year 0)
  LhsPermutation = 8,       // Latin hypercube strata order: practice = hash of the parameter
                            // name, iteration = Fisher-Yates step (runner/sampling_plan.hpp)
  PracticeChange = 9,       // closure / merger of a practice at the year end, index 0;
                            // the receiver of a merger, index 1
  PracticeChangeYear = 10,  // the year's shift of the hazards' intercepts (practice 0):
                            // index 0 mergers, index 1 closures
};

inline constexpr std::array<std::pair<Purpose, std::string_view>, 10> kPurposeNames = {{
    {Purpose::Parameter, "parameter"},
    {Purpose::ListNoise, "list_noise"},
    {Purpose::GpTransitions, "gp_transitions"},
    {Purpose::Recruitment, "recruitment"},
    {Purpose::QualityAchievement, "quality_achievement"},
    {Purpose::QualitySignUp, "quality_sign_up"},
    {Purpose::ReferralBaseline, "referral_baseline"},
    {Purpose::LhsPermutation, "lhs_permutation"},
    {Purpose::PracticeChange, "practice_change"},
    {Purpose::PracticeChangeYear, "practice_change_year"},
}};

}  // namespace pcsim::model
