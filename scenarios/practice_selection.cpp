#include "scenarios/practice_selection.hpp"

#include <set>

#include "core/errors.hpp"
#include "scenarios/csv_numbers.hpp"

namespace pcsim::scenarios {

namespace {

std::set<std::string> upper_set(const std::vector<std::string>& codes) {
  std::set<std::string> out;
  for (const auto& c : codes) out.insert(upper_ascii(trim(c)));
  return out;
}

// Each wanted code that `known` lacks, as a diagnostic at the key's line.
void report_unknown(const std::set<std::string>& wanted, const std::set<std::string>& known,
                    const PracticeDataSpec& spec, const std::string& key, const std::string& what,
                    const std::string& expected, std::vector<Diagnostic>& problems) {
  for (const auto& code : wanted) {
    if (known.count(code)) continue;
    Diagnostic d;
    d.file = spec.file;
    d.line = spec.line_of(key);
    d.key = "practices." + key;
    d.found = what + " '" + code + "', which no practice of " + spec.payments_csv.string() + " has";
    d.expected = expected;
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
  report_unknown(ccgs, known_ccgs, spec, "ccg_codes", "CCG code",
                 "a code from the file's CCG Code column (e.g. 00T for NHS Bolton CCG)", problems);
  report_unknown(icbs, known_icbs, spec, "icb_codes", "ICB code",
                 "an ICB code that area_icb_csv gives to an area of the payments file (e.g. "
                 "QOP for Greater Manchester)",
                 problems);
  report_unknown(pcns, known_pcns, spec, "pcn_codes", "PCN code",
                 "a PCN code of the payments file's PCN column or of pcn_payments_csv (e.g. "
                 "U12345)",
                 problems);
  if (!problems.empty()) throw InputError(std::move(problems));
  return selected;
}

}  // namespace pcsim::scenarios
