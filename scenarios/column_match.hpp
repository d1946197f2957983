#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace pcsim::scenarios {

// A column a reader looks for. `name` is how messages call it; `aliases` are further header
// texts accepted for it. Names NHS Digital used for the same column in different years
// (known_header_synonyms) are accepted automatically.
struct ColumnSpec {
  std::string name;
  std::vector<std::string> aliases;
  bool required = true;
  // False: the aliases are other names of the same field, and a file heading two columns
  // with two of them is refused (which one holds the figures cannot be known). True: they
  // are different measures in order of preference, the first found taken (the workforce
  // files hold TOTAL_GP_EXTGL_HC, TOTAL_GP_EXTG_HC and TOTAL_GP_HC side by side).
  bool preference_order = false;
};

// The header text reduced to lower-case ASCII letters and digits: case, spaces,
// punctuation ('.', '_', '-', brackets ...), a byte-order mark and a '£' or '_£' suffix
// make no difference ("Doctors.Retainer.Scheme.Payments" = "Doctors Retainer Scheme
// Payments", "Global_Sum_£" = "Global Sum").
std::string normalise_header(std::string_view header);

// A group of header texts that NHS Digital used for one column across the years of the
// payments and workforce files, newest name first (see the .cpp for where each comes from).
struct HeaderSynonyms {
  std::vector<std::string> names;
  // A published file holds two of the names as different columns (2022/23: "Sub ICB
  // NAME" and "CCG NAME", a PCN's name): the newest is the column. For every other group
  // two of its names in one file are two candidates for one field: refused as ambiguous.
  bool newest_wins_when_both = false;
};
const std::vector<HeaderSynonyms>& known_header_synonyms();

// The header texts tried for `spec`, in order of preference: if its name is in a synonym
// group, the whole group (newest first), else the name; then its aliases.
std::vector<std::string> accepted_headers(const ColumnSpec& spec);

// The index in `header` of each spec's column: the first accepted text (in order of
// preference) that some header cell matches after normalisation; -1 for an optional
// column that is absent (an empty name matches nothing). Throws InputError with one
// Diagnostic per missing required column naming the file, the header line, the column and
// the headers found, one per column that a used column's header text repeats, and one per
// field that two of its accepted names both head ("CCG Code" and "Sub ICB Location Code",
// PRAC_CODE and practice_code, gp_hc_30_34 and TOTAL_GP_HC_30TO34: which holds the figures
// cannot be known), naming the field and both headers with their columns; except for a
// spec in preference_order and a newest_wins_when_both group, where the first found is taken.
std::vector<int> match_columns(const std::vector<std::string>& header,
                               const std::vector<ColumnSpec>& specs, const std::string& file,
                               int header_line);

}  // namespace pcsim::scenarios
