#include "scenarios/column_match.hpp"

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

const std::vector<std::vector<std::string>>& known_header_synonyms() {
  // From the NHS Payments to General Practice files of 2015/16, 2016/17, 2017/18 and
  // 2022/23 (scenarios/data/nhs-payments/) and the General Practice Workforce files.
  // Spelling-only changes ("PracticeType" / "Practice Type",
  // "Doctors.Retainer.Scheme.Payments") need no entry: normalise_header absorbs them.
  static const std::vector<std::vector<std::string>> groups = {
      // 2022/23 keeps "CCG Code" for the sub-ICB location code but puts the sub-ICB name in
      // "Sub ICB NAME" and a primary care network's name in "CCG NAME": the newer name
      // must win when both are present. Workforce files: CCG_CODE / SUB_ICB_LOCATION_CODE.
      {"Sub ICB Location Code", "Sub ICB Code", "CCG Code"},
      {"Sub ICB Location Name", "Sub ICB NAME", "CCG NAME"},
      {"Practice Code", "PRAC_CODE"},
      {"Practice Name", "PRAC_NAME"},
      {"Number of Registered Patients (Last Known Figure)", "Number of Registered Patients"},
      {"Number of Weighted Patients (Last Known Figure)", "Number of Weighted Patients"},
      // Renamed in 2022/23.
      {"Local Incentive Schemes", "Total Local Enhanced Services"},
      {"General Practice Transformation", "General Practice Forward View"},
      {"Appraisal - Appraiser Costs in Respect of Locums", "Appraisal Costs"},
  };
  return groups;
}

std::vector<std::string> accepted_headers(const ColumnSpec& spec) {
  std::vector<std::string> accepted;
  const std::string key = normalise_header(spec.name);
  for (const auto& group : known_header_synonyms())
    for (const auto& name : group)
      if (normalise_header(name) == key) accepted = group;
  if (accepted.empty()) accepted.push_back(spec.name);
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
