#include "scenarios/practice_selection.hpp"

#include <set>

#include <algorithm>
#include <cstddef>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "scenarios/csv_numbers.hpp"
#include "scenarios/suggest.hpp"

namespace pcsim::scenarios {

namespace {

std::set<std::string> upper_set(const std::vector<std::string>& codes) {
  std::set<std::string> out;
  for (const auto& c : codes) out.insert(upper_ascii(trim(c)));
  return out;
}

// Each wanted code that `known` lacks, as a diagnostic at the key's line: what was expected
// and the file's own codes (the nearest as a suggestion, else the first few); a file with
// no practice rows is named as such rather than given codes it does not have.
void report_unknown(const std::set<std::string>& wanted, const std::set<std::string>& known,
                    const PracticeDataSpec& spec, const std::string& key, const std::string& what,
                    const std::string& expected, std::size_t rows,
                    std::vector<Diagnostic>& problems) {
  const std::vector<std::string> codes(known.begin(), known.end());
  for (const auto& code : wanted) {
    if (known.count(code)) continue;
    Diagnostic d;
    d.file = spec.file;
    d.line = spec.line_of(key);
    d.key = "practices." + key;
    d.found = what + " '" + code + "', which no practice of " + spec.payments_csv.string() + " has";
    if (rows == 0) {
      d.expected = "a payments file with practice rows (this one has its header only)";
    } else if (codes.empty()) {
      d.expected = expected + " (the file gives its practices none)";
    } else {
      d.expected = fmt::format(
          "{}: the file has {} ({}{})", expected, codes.size(),
          fmt::join(codes.begin(), codes.begin() + std::min<std::ptrdiff_t>(5, codes.size()), ", "),
          codes.size() > 5 ? ", ..." : "");
      if (const auto near = nearest_key(code, codes))
        d.suggestion = "did you mean '" + *near + "'?";
    }
    problems.push_back(std::move(d));
  }
}

}  // namespace

std::vector<bool> select_rows(const PaymentsFile& payments, const BaseYearPractices& year_zero,
                              const PracticeDataSpec& spec) {
  const auto ccgs = upper_set(spec.ccg_codes);
  const auto icbs = upper_set(spec.icb_codes);
  const auto pcns = upper_set(spec.pcn_codes);
  const bool everything = ccgs.empty() && icbs.empty() && pcns.empty();

  std::set<std::string> known_ccgs, known_icbs, known_pcns;
  std::vector<bool> selected(payments.rows.size(), false);
  for (std::size_t i = 0; i < payments.rows.size(); ++i) {
    const std::string& ccg = payments.rows[i].ccg_code;
    const std::string& icb = year_zero.row_icb[i];
    const std::string& pcn = year_zero.row_pcn[i];
    known_ccgs.insert(ccg);
    if (!icb.empty()) known_icbs.insert(icb);
    if (!pcn.empty()) known_pcns.insert(pcn);
    selected[i] = everything || ccgs.count(ccg) || (!icb.empty() && icbs.count(icb)) ||
                  (!pcn.empty() && pcns.count(pcn));
  }
  std::vector<Diagnostic> problems;
  const std::size_t rows = payments.rows.size();
  report_unknown(ccgs, known_ccgs, spec, "ccg_codes", "CCG code",
                 "a code of the file's CCG (or sub-ICB) code column", rows, problems);
  report_unknown(icbs, known_icbs, spec, "icb_codes", "ICB code",
                 "an ICB code that area_icb_csv gives to an area of the payments file", rows,
                 problems);
  report_unknown(pcns, known_pcns, spec, "pcn_codes", "PCN code",
                 "a PCN code of the payments file's PCN column or of pcn_payments_csv", rows,
                 problems);
  if (!problems.empty()) throw InputError(std::move(problems));
  return selected;
}

}  // namespace pcsim::scenarios
