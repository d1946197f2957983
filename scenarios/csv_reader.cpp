#include "scenarios/csv_reader.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/regular_file.hpp"
#include "scenarios/input_files.hpp"

namespace pcsim::scenarios {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool all_empty(const std::vector<std::string>& fields) {
  for (const auto& f : fields)
    if (!f.empty()) return false;
  return true;
}

Diagnostic csv_diagnostic(const std::string& file, int line, int column, std::string found,
                          std::string expected) {
  Diagnostic d;
  d.file = file;
  d.line = line;
  d.column = column;
  d.found = std::move(found);
  d.expected = std::move(expected);
  return d;
}

// A spreadsheet's "Unicode text" export is UTF-16: read byte by byte its byte-order mark
// and the NUL beside every ASCII character would make the header unrecognisable ("found
// 57 fields" or a missing column), so such a file is refused at once, saying what it is and
// how to save it as UTF-8. A NUL byte in UTF-8 text is never a character of a CSV file.
void check_utf8_text(std::string_view text, const std::string& file) {
  constexpr std::string_view kHowToFix =
      "CSV text in UTF-8 (or plain ASCII): save it from the spreadsheet as \"CSV UTF-8 (Comma "
      "delimited)\", or convert it, e.g. iconv -f UTF-16 -t UTF-8 FILE > NEW.csv";
  const auto starts = [&](std::string_view bom) { return text.substr(0, bom.size()) == bom; };
  if (starts("\xFF\xFE") || starts("\xFE\xFF"))
    throw InputError({csv_diagnostic(
        file, 1, 1,
        fmt::format("UTF-16 text ({}: it begins with the byte-order mark {}), not UTF-8",
                    starts("\xFF\xFE") ? "little-endian" : "big-endian",
                    starts("\xFF\xFE") ? "FF FE" : "FE FF"),
        std::string(kHowToFix))});
  const std::size_t nul = text.find('\0');
  if (nul == std::string_view::npos) return;
  const std::string_view before = text.substr(0, nul);
  const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t line_start = before.rfind('\n');
  const int column =
      static_cast<int>(line_start == std::string_view::npos ? nul : nul - line_start - 1) + 1;
  throw InputError({csv_diagnostic(
      file, line, column,
      "a NUL byte: the file is not UTF-8 text (UTF-16 without a byte-order mark, or not "
      "text at all)",
      std::string(kHowToFix))});
}

}  // namespace

const std::string& CsvTable::field(const CsvRecord& row, int column) const {
  static const std::string empty;
  if (column < 0 || static_cast<std::size_t>(column) >= row.fields.size()) return empty;
  return row.fields[static_cast<std::size_t>(column)];
}

std::optional<Diagnostic> CsvTable::short_row_problem(const CsvRecord& row) const {
  if (row.fields.size() >= header.size()) return std::nullopt;
  Diagnostic d;
  d.file = file;
  d.line = row.line;
  d.column = static_cast<int>(row.fields.size()) + 1;
  d.key = header[row.fields.size()];
  d.found = "a row cut short: " + std::to_string(row.fields.size()) + " fields";
  if (!row.fields.empty()) d.found += " (it begins '" + row.fields.front() + "')";
  d.expected = std::to_string(header.size()) + " fields, one per header column";
  return d;
}

Diagnostic CsvTable::cell_problem(const CsvRecord& row, int column, std::string expected) const {
  Diagnostic d;
  d.file = file;
  d.line = row.line;
  d.column = column + 1;
  d.key = header[static_cast<std::size_t>(column)];
  d.found = "'" + field(row, column) + "'";
  d.expected = std::move(expected);
  return d;
}

std::vector<CsvRecord> parse_csv(std::string_view text, const std::string& file) {
  check_utf8_text(text, file);
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());

  std::vector<CsvRecord> records;
  CsvRecord record;
  std::string field;
  int line = 1;
  std::size_t line_start = 0;  // offset of the current line, for column numbers
  record.line = 1;
  std::size_t i = 0;
  const std::size_t n = text.size();

  // A line break is CRLF, LF or a lone CR; returns its length at position k (0 if none).
  auto line_break_at = [&](std::size_t k) -> std::size_t {
    if (text[k] == '\n') return 1;
    if (text[k] == '\r') return (k + 1 < n && text[k + 1] == '\n') ? 2 : 1;
    return 0;
  };
  // Each record's fields reserved at the widest record so far: grown field by field, a row
  // of a payments file (about 130 fields) was reallocated and its strings moved eight times,
  // most of the reading of a national file.
  std::size_t widest = 0;
  auto end_record = [&](int next_line) {
    record.fields.push_back(std::move(field));
    field.clear();
    widest = std::max(widest, record.fields.size());
    if (!all_empty(record.fields)) records.push_back(std::move(record));
    record = CsvRecord{};
    record.line = next_line;
    record.fields.reserve(widest);
  };

  while (i < n) {
    // Start of a field.
    if (text[i] == '"') {
      const int quote_line = line;
      ++i;
      bool closed = false;
      while (i < n) {
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field += '"';
            i += 2;
          } else {
            ++i;
            closed = true;
            break;
          }
        } else if (std::size_t br = line_break_at(i)) {
          field.append(text.substr(i, br));
          i += br;
          ++line;
          line_start = i;
        } else {
          field += text[i++];
        }
      }
      if (!closed)
        throw InputError({csv_diagnostic(file, quote_line, 0, "a quoted field starting here",
                                         "a closing '\"' before the end of the file")});
      if (i < n && text[i] != ',' && line_break_at(i) == 0) {
        const int column = static_cast<int>(i - line_start) + 1;
        throw InputError({csv_diagnostic(
            file, line, column, std::string("'") + text[i] + "' after a closing quote",
            "',' or the end of the line after a quoted field (write \"\" for a quote)")});
      }
    } else {
      while (i < n && text[i] != ',' && line_break_at(i) == 0) field += text[i++];
    }
    // End of a field: a comma, a line break or the end of the text.
    if (i >= n) break;
    if (text[i] == ',') {
      record.fields.push_back(std::move(field));
      field.clear();
      ++i;
      if (i >= n) break;  // "a,b," at end of file: the last (empty) field is added below
      continue;
    }
    i += line_break_at(i);
    ++line;
    line_start = i;
    end_record(line);
  }
  // The last record when the text does not end with a line break.
  if (!record.fields.empty() || !field.empty()) end_record(line);
  return records;
}

CsvTable make_csv_table(std::vector<CsvRecord> records, const std::string& file) {
  CsvTable table;
  table.file = file;
  if (records.empty())
    throw InputError({csv_diagnostic(file, 0, 0, "an empty file", "a header row")});
  table.header = std::move(records.front().fields);
  table.header_line = records.front().line;
  while (!table.header.empty() && table.header.back().empty()) table.header.pop_back();

  std::vector<Diagnostic> problems;
  const std::size_t width = table.header.size();
  for (std::size_t r = 1; r < records.size(); ++r) {
    CsvRecord& row = records[r];
    while (row.fields.size() > width && row.fields.back().empty()) row.fields.pop_back();
    if (row.fields.size() > width) {
      problems.push_back(
          csv_diagnostic(file, row.line, static_cast<int>(width) + 1,
                         std::to_string(row.fields.size()) + " fields",
                         "at most " + std::to_string(width) + " fields, one per header column"));
      continue;
    }
    table.rows.push_back(std::move(row));
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return table;
}

CsvTable read_csv_file(const std::filesystem::path& path) {
  const std::string name = path.string();
  // Only a regular file: a directory read as "an empty file", a FIFO blocked, /dev/zero
  // was read until memory ran out.
  const RegularFileText file = read_regular_file(path, kMaxPracticeFileBytes);
  if (!file.problem.empty()) {
    const std::string found =
        file.not_regular ? file.problem + ", not a regular file" : file.problem;
    throw InputError(
        {csv_diagnostic(name, 0, 0, found,
                        fmt::format("a readable CSV file: a regular file of at most {} MiB",
                                    kMaxPracticeFileBytes >> 20))});
  }
  return make_csv_table(parse_csv(file.text, name), name);
}

}  // namespace pcsim::scenarios
