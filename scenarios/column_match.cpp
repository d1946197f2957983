#include "scenarios/column_match.hpp"

#include <algorithm>

#include "core/errors.hpp"

namespace pcsim::scenarios {

std::string normalise_header(std::string_view header) {
  // Keeping only ASCII letters and digits drops the UTF-8 byte-order mark and '£' too
  // (both are non-ASCII bytes), wherever they are.
  std::string key;
  for (char c : header) {
    if (c >= 'A' && c <= 'Z')
      key += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      key += c;
  }
  return key;
}

const std::vector<HeaderSynonyms>& known_header_synonyms() {
  // From the NHS Payments to General Practice files of 2015/16, 2016/17, 2017/18 and
  // 2022/23 (scenarios/data/nhs-payments/) and the General Practice Workforce files.
  // Spelling-only changes ("PracticeType" / "Practice Type",
  // "Doctors.Retainer.Scheme.Payments") need no entry: normalise_header absorbs them.
  static const std::vector<HeaderSynonyms> groups = {
      // 2022/23 keeps "CCG Code" for the sub-ICB location code but puts the sub-ICB name in
      // "Sub ICB NAME" and a primary care network's name in "CCG NAME": the newer name
      // must win when both are present. Workforce files: CCG_CODE / SUB_ICB_LOCATION_CODE.
      {{"Sub ICB Location Code", "Sub ICB Code", "CCG Code"}},
      {{"Sub ICB Location Name", "Sub ICB NAME", "CCG NAME"}, true},
      {{"Practice Code", "PRAC_CODE"}},
      {{"Practice Name", "PRAC_NAME"}},
      {{"Number of Registered Patients (Last Known Figure)", "Number of Registered Patients"}},
      {{"Number of Weighted Patients (Last Known Figure)", "Number of Weighted Patients"}},
      // Renamed in 2022/23.
      {{"Local Incentive Schemes", "Total Local Enhanced Services"}},
      {{"General Practice Transformation", "General Practice Forward View"}},
      {{"Appraisal - Appraiser Costs in Respect of Locums", "Appraisal Costs"}},
  };
  return groups;
}

namespace {

// The synonym group holding `spec`'s name, or null.
const HeaderSynonyms* group_of(const ColumnSpec& spec) {
  const std::string key = normalise_header(spec.name);
  for (const auto& group : known_header_synonyms())
    for (const auto& name : group.names)
      if (normalise_header(name) == key) return &group;
  return nullptr;
}

}  // namespace

std::vector<std::string> accepted_headers(const ColumnSpec& spec) {
  const HeaderSynonyms* group = group_of(spec);
  std::vector<std::string> accepted = group ? group->names : std::vector<std::string>{spec.name};
  accepted.insert(accepted.end(), spec.aliases.begin(), spec.aliases.end());
  return accepted;
}

std::vector<int> match_columns(const std::vector<std::string>& header,
                               const std::vector<ColumnSpec>& specs, const std::string& file,
                               int header_line) {
  std::vector<std::string> keys;
  keys.reserve(header.size());
  for (const auto& h : header) keys.push_back(normalise_header(h));

  std::vector<int> indices;
  std::vector<Diagnostic> problems;
  for (const auto& spec : specs) {
    const std::vector<std::string> accepted = accepted_headers(spec);
    int found = -1;
    for (std::size_t a = 0; a < accepted.size() && found < 0; ++a) {
      const std::string wanted = normalise_header(accepted[a]);
      if (wanted.empty()) continue;  // an empty name matches no column, not a blank header
      for (std::size_t c = 0; c < keys.size(); ++c) {
        if (keys[c] != wanted) continue;
        if (found >= 0) {
          // Two columns with one name: which holds the figure cannot be known.
          Diagnostic d;
          d.file = file;
          d.line = header_line;
          d.column = static_cast<int>(c) + 1;
          d.key = header[c];
          d.found = "the column '" + header[c] + "' again (first as column " +
                    std::to_string(found + 1) + ", '" + header[static_cast<std::size_t>(found)] +
                    "')";
          d.expected = "each column once (case, spaces and punctuation ignored)";
          problems.push_back(std::move(d));
          break;
        }
        found = static_cast<int>(c);
      }
    }
    indices.push_back(found);
    const HeaderSynonyms* group = group_of(spec);
    if (found >= 0 && group && !group->newest_wins_when_both) {
      // Another name of its synonym group heading another column: two candidates for one
      // field. (A spec's own aliases are an order of preference: TOTAL_GP_EXTGL_HC before
      // TOTAL_GP_HC, both in the workforce files by design.)
      const std::string chosen = keys[static_cast<std::size_t>(found)];
      for (std::size_t c = 0; c < keys.size(); ++c) {
        if (keys[c] == chosen || keys[c].empty()) continue;
        const bool accepted_here =
            std::any_of(accepted.begin(), accepted.end(),
                        [&](const std::string& a) { return normalise_header(a) == keys[c]; });
        if (!accepted_here) continue;
        Diagnostic d;
        d.file = file;
        d.line = header_line;
        d.column = static_cast<int>(c) + 1;
        d.key = spec.name;
        d.found = "two columns for it: '" + header[static_cast<std::size_t>(found)] + "' (column " +
                  std::to_string(found + 1) + ") and '" + header[c] + "' (column " +
                  std::to_string(c + 1) + ")";
        d.expected = "one column for each field: remove or rename the one that does not hold it";
        problems.push_back(std::move(d));
        break;
      }
    }
    if (found >= 0 || !spec.required) continue;

    Diagnostic d;
    d.file = file;
    d.line = header_line;
    d.key = spec.name;
    d.found = "no such column; the headers are";
    for (std::size_t c = 0; c < header.size(); ++c)
      d.found += (c == 0 ? " '" : ", '") + header[c] + "'";
    d.expected = "a column headed";
    for (std::size_t a = 0; a < accepted.size(); ++a)
      d.expected += (a == 0 ? " '" : " or '") + accepted[a] + "'";
    d.expected += " (case, spaces and punctuation ignored)";
    problems.push_back(std::move(d));
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return indices;
}

}  // namespace pcsim::scenarios
