#include "scenarios/practice_ranges.hpp"

#include <cmath>
#include <fstream>
#include <map>
#include <numeric>
#include <optional>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "scenarios/diagnostics.hpp"
#include "scenarios/load_text.hpp"

namespace pcsim::scenarios {

namespace {

constexpr std::size_t kMaxListed = 20;

// The 1-based line of the first row of `file` holding `code` as a whole field (the code
// column's place is the reader's business; a code appears in no other column). 0 when
// the file cannot be read or holds no such row. Only used on the error path.
int line_of_code(const std::string& file, const std::string& code) {
  if (file.empty()) return 0;
  std::ifstream in(file);
  std::string row;
  for (int line = 1; std::getline(in, row); ++line) {
    std::size_t start = 0;
    while (start <= row.size()) {
      const std::size_t end = std::min(row.find(',', start), row.size());
      std::string field = row.substr(start, end - start);
      if (field.size() >= 2 && field.front() == '"' && field.back() == '"') {
        field = field.substr(1, field.size() - 2);
      }
      while (!field.empty() && (field.back() == ' ' || field.back() == '\r')) field.pop_back();
      while (!field.empty() && field.front() == ' ') field.erase(0, 1);
      if (field == code) return line;
      start = end + 1;
    }
  }
  return 0;
}

class RangeCheck {
 public:
  RangeCheck(const PracticeLoadReport& report) : report_(report) {}

  // `from_attributes`: the attributes file may give the value (else only the payments
  // file or a default computed from it); `nan_allowed`: NaN means "not given".
  void check(const model::PracticeBaseline& practice, const PracticeLimit& limit,
             const std::string& field, double value, bool from_attributes,
             bool nan_allowed = false) {
    if (nan_allowed && std::isnan(value)) return;
    // Only amounts may be negative (an adjustment can take a practice's funding below 0);
    // whether a negative is acceptable is the reader's call, its size is checked here.
    const double low = limit.amount ? -limit.refuse_above : 0.0;
    const bool representable = std::isfinite(value) && value >= low && value <= limit.refuse_above;
    if (!representable) {
      ++refused_;
      if (diagnostics_.size() < kMaxListed)
        diagnostics_.push_back(refusal(practice, limit, field, value, from_attributes));
      return;
    }
    if (value > limit.warn_above) {
      plausible_[field].push_back(fmt::format("{}: {}", practice.code, format_number(value)));
      warn_limits_[field] = limit.warn_above;
    }
  }

  // Weighted patients per registered patient within the band of the list's size (both
  // counts representable and above 0: else the reader or the checks above have spoken).
  void check_weighting(const model::PracticeBaseline& practice) {
    const double registered = practice.registered_patients;
    const double weighted = practice.weighted_patients;
    if (!(registered > 0 && weighted > 0 && std::isfinite(registered) && std::isfinite(weighted)))
      return;
    const WeightingRatioBand& band = registered >= kWeightingRatio.at_least_registered
                                         ? kWeightingRatio
                                         : kWeightingRatioSmallList;
    const double ratio = weighted / registered;
    if (ratio >= band.low && ratio <= band.high) return;
    weighting_.push_back(fmt::format(
        "{}: {} registered, {} weighted patients ({} weighted per "
        "registered; plausible {} to {})",
        practice.code, format_patients(registered), format_patients(weighted),
        fmt::format("{:.3g}", ratio), format_number(band.low), format_number(band.high)));
  }

  std::vector<RunWarning> finish() const {
    if (refused_ > 0) {
      std::vector<Diagnostic> all = diagnostics_;
      if (refused_ > diagnostics_.size()) {
        Diagnostic more;
        more.file = all.front().file;
        more.found = fmt::format("{} more values beyond the limits (not listed)",
                                 refused_ - diagnostics_.size());
        more.expected = "every value within the limits of docs/scenario-format.md";
        all.push_back(more);
      }
      throw InputError(std::move(all));
    }
    std::vector<RunWarning> warnings;
    for (const auto& [field, items] : plausible_) {
      warnings.push_back(RunWarning{
          "practices." + field,
          fmt::format("{} practice(s) with {} above {}, more than any practice in England has "
                      "(check the data: {}{})",
                      items.size(), field, format_number(warn_limits_.at(field)), items.front(),
                      items.size() > 1 ? ", ..." : ""),
          items});
    }
    if (!weighting_.empty())
      warnings.push_back(RunWarning{
          "practices.weighted_patients",
          fmt::format(
              "{} practice(s) whose weighted list is further from its registered list than any "
              "practice's in the payments files 2014/15 to 2022/23 ({} to {} weighted patients "
              "per registered patient; {} to {} below {} registered): one of the two counts "
              "is more likely a slip (a digit dropped or added) than the practice's list; "
              "check the data: {}{}",
              weighting_.size(), format_number(kWeightingRatio.low),
              format_number(kWeightingRatio.high), format_number(kWeightingRatioSmallList.low),
              format_number(kWeightingRatioSmallList.high),
              format_number(kWeightingRatio.at_least_registered), weighting_.front(),
              weighting_.size() > 1 ? ", ..." : ""),
          weighting_});
    return warnings;
  }

 private:
  Diagnostic refusal(const model::PracticeBaseline& practice, const PracticeLimit& limit,
                     const std::string& field, double value, bool from_attributes) const {
    // A value the attributes file may give comes from its row when it has one; else it is
    // a default computed from the payments file's figures.
    Diagnostic d;
    d.file = report_.payments_file;
    const int attributes_line =
        from_attributes ? line_of_code(report_.attributes_file, practice.code) : 0;
    if (attributes_line > 0) {
      d.file = report_.attributes_file;
      d.line = attributes_line;
    } else {
      d.line = line_of_code(report_.payments_file, practice.code);
    }
    d.key = fmt::format("{} of practice {}", field, practice.code);
    d.found = format_number(value);
    d.expected = fmt::format(
        "a number from {} to {} (beyond it the model cannot represent the practice or run it "
        "in reasonable time; no practice in England has more than {})",
        limit.amount ? fmt::format("-{}", format_number(limit.refuse_above)) : std::string("0"),
        format_number(limit.refuse_above), format_number(limit.warn_above));
    return d;
  }

  const PracticeLoadReport& report_;
  std::vector<Diagnostic> diagnostics_;
  std::size_t refused_ = 0;
  std::map<std::string, std::vector<std::string>> plausible_;
  std::map<std::string, double> warn_limits_;
  std::vector<std::string> weighting_;
};

}  // namespace

std::vector<RunWarning> check_practice_ranges(const model::PracticeSet& practices,
                                              const PracticeLoadReport& report,
                                              const std::vector<std::string>& role_names) {
  RangeCheck check(report);
  for (const auto& p : practices.practices) {
    check.check(p, kRegisteredPatients, kRegisteredPatients.field, p.registered_patients, false);
    check.check(p, kWeightedPatients, kWeightedPatients.field, p.weighted_patients, false);
    check.check_weighting(p);
    check.check(p, kCoreFunding, kCoreFunding.field, p.core_funding, false);
    bool bands_ok = true;
    for (const double band : p.gp_headcount) bands_ok &= std::isfinite(band) && band >= 0;
    const double gps = bands_ok ? std::accumulate(p.gp_headcount.begin(), p.gp_headcount.end(), 0.0)
                                : std::nan("");
    check.check(p, kGpHeadcount, kGpHeadcount.field, gps, true);
    for (std::size_t r = 0; r < p.role_fte.size(); ++r) {
      const std::string name = r < role_names.size() ? role_names[r] : std::to_string(r);
      check.check(p, kRoleFte, "role_fte." + name, p.role_fte[r], true);
    }
    check.check(p, kReferrals, kReferrals.field, p.referrals_per_1000_weighted, true, true);
    check.check(p, kPrescribing, kPrescribing.field, p.prescribing_per_weighted, true, true);
  }
  return check.finish();
}

}  // namespace pcsim::scenarios
