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

namespace {

// The columns whose normalised header is `key`, in file order.
std::vector<int> columns_headed(const std::vector<std::string>& keys, const std::string& key) {
  std::vector<int> found;
  if (key.empty()) return found;  // an empty name matches no column, not a blank header
  for (std::size_t c = 0; c < keys.size(); ++c)
    if (keys[c] == key) found.push_back(static_cast<int>(c));
  return found;
}

Diagnostic header_problem(const std::string& file, int line, int column, std::string key,
                          std::string found, std::string expected) {
  Diagnostic d;
  d.file = file;
  d.line = line;
  d.column = column + 1;
  d.key = std::move(key);
  d.found = std::move(found);
  d.expected = std::move(expected);
  return d;
}

// Two names of one field heading two columns: which holds the figures cannot be known.
// Names in order of preference (different measures, or the 2022/23 name group) are not
// two names of one field: the first found is the column.
bool names_are_synonyms(const ColumnSpec& spec) {
  const HeaderSynonyms* group = group_of(spec);
  return !spec.preference_order && !(group && group->newest_wins_when_both);
}

// A required column that no header matches: the headers found and the names accepted.
Diagnostic missing_column(const std::vector<std::string>& header, const ColumnSpec& spec,
                          const std::vector<std::string>& accepted, const std::string& file,
                          int header_line) {
  std::string found = "no such column; the headers are";
  for (std::size_t c = 0; c < header.size(); ++c)
    found += (c == 0 ? " '" : ", '") + header[c] + "'";
  std::string expected = "a column headed";
  for (std::size_t a = 0; a < accepted.size(); ++a)
    expected += (a == 0 ? " '" : " or '") + accepted[a] + "'";
  expected += " (case, spaces and punctuation ignored)";
  return header_problem(file, header_line, -1, spec.name, std::move(found), std::move(expected));
}

// The column of one spec (-1 if absent), adding a Diagnostic for a header repeated, for two
// names of the field both heading columns, and for a required column missing.
int match_column(const std::vector<std::string>& header, const std::vector<std::string>& keys,
                 const ColumnSpec& spec, const std::string& file, int header_line,
                 std::vector<Diagnostic>& problems) {
  const std::vector<std::string> accepted = accepted_headers(spec);
  int found = -1;
  std::string found_key;
  for (const auto& name : accepted) {
    const std::string key = normalise_header(name);
    const std::vector<int> columns = columns_headed(keys, key);
    if (columns.empty() || key == found_key) continue;
    if (found < 0) {
      found = columns.front();
      found_key = key;
      if (columns.size() > 1) {
        const auto again = static_cast<std::size_t>(columns[1]);
        problems.push_back(header_problem(
            file, header_line, columns[1], header[again],
            "the column '" + header[again] + "' again (first as column " +
                std::to_string(found + 1) + ", '" + header[static_cast<std::size_t>(found)] + "')",
            "each column once (case, spaces and punctuation ignored)"));
        return found;
      }
      if (!names_are_synonyms(spec)) return found;
      continue;
    }
    const auto other = static_cast<std::size_t>(columns.front());
    problems.push_back(header_problem(
        file, header_line, columns.front(), spec.name,
        "two columns for it: '" + header[static_cast<std::size_t>(found)] + "' (column " +
            std::to_string(found + 1) + ") and '" + header[other] + "' (column " +
            std::to_string(other + 1) + ")",
        "one column for each field: remove or rename the one that does not hold it"));
    return found;
  }
  if (found < 0 && spec.required)
    problems.push_back(missing_column(header, spec, accepted, file, header_line));
  return found;
}

}  // namespace

std::vector<int> match_columns(const std::vector<std::string>& header,
                               const std::vector<ColumnSpec>& specs, const std::string& file,
                               int header_line) {
  std::vector<std::string> keys;
  keys.reserve(header.size());
  for (const auto& h : header) keys.push_back(normalise_header(h));

  std::vector<int> indices;
  std::vector<Diagnostic> problems;
  for (const auto& spec : specs)
    indices.push_back(match_column(header, keys, spec, file, header_line, problems));
  if (!problems.empty()) throw InputError(std::move(problems));
  return indices;
}

}  // namespace pcsim::scenarios
