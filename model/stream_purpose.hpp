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
  ListNoise = 2,            // not drawn since pcsim 0.3.0 (PracticeYear's index 0)
  GpTransitions = 3,        // per-GP retire / leave / age-up / stay, one uniform per GP
  Recruitment = 4,          // not drawn since pcsim 0.3.0 (PracticeYear's indexes 1 and 2)
  QualityAchievement = 5,   // standard k achieved by a practice in a year, index = k
  QualitySignUp = 6,        // optional standard k signed up by a practice (year 0)
  ReferralBaseline = 7,     // practice referral rate drawn around the default (year 0)
  LhsPermutation = 8,       // Latin hypercube strata order: practice = hash of the parameter
                            // name, iteration = Fisher-Yates step (runner/sampling_plan.hpp)
  PracticeChange = 9,       // the receiver of a merger at the year end, index 1 (index 0,
                            // the change itself before pcsim 0.3.0, is PracticeYear's 3)
  PracticeChangeYear = 10,  // the year's shift of the hazards' intercepts (practice 0):
                            // index 0 mergers, index 1 closures
  PracticeYear = 11,        // a practice's single draws of a year, one Philox block: the
                            // indexes of PracticeYearDraw
};

// The four uniforms of a practice's PracticeYear block in a year (index = lane). One block
// for the four draws a practice takes once a year, where they were four blocks of four
// purposes of which each used one or two lanes (pcsim 0.3.0; docs/changelog.md): the
// lanes of a Philox block are as independent as its blocks.
enum PracticeYearDraw : std::uint32_t {
  kListNoiseDraw = 0,  // e(p,t), the list's growth noise (model/population.hpp)
  kRecruitsDraw = 1,   // recruits ~ Bin(posts, fill_rate) (model/workforce.hpp)
  kPostsDraw = 2,      // the fractional vacancy's post (model/workforce.hpp)
  kChangeDraw = 3,     // closure or merger at the year end (model/practice_changes.hpp)
};

inline constexpr std::array<std::pair<Purpose, std::string_view>, 11> kPurposeNames = {{
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
    {Purpose::PracticeYear, "practice_year"},
}};

}  // namespace pcsim::model
