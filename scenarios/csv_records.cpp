#include "scenarios/csv_records.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "scenarios/binary_signature.hpp"

namespace pcsim::scenarios {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// A spreadsheet's "Unicode text" export is UTF-16: read byte by byte its byte-order mark
// and the NUL beside every ASCII character would make the header unrecognisable ("found
// 57 fields" or a missing column), so such a file is refused at once, saying what it is and
// how to save it as UTF-8. A NUL byte in UTF-8 text is never a character of a CSV file.
void check_utf8_text(std::string_view text, const std::string& file) {
  constexpr std::string_view kHowToFix =
      "CSV text in UTF-8 (or plain ASCII): save it from the spreadsheet as \"CSV UTF-8 (Comma "
      "delimited)\", or convert it, e.g. iconv -f UTF-16 -t UTF-8 FILE > NEW.csv";
  // A gzip-compressed download or a workbook is no text at all: named by its first bytes,
  // not blamed on its encoding (iconv cannot help).
  if (const auto binary = binary_signature(text, ".csv")) {
    throw InputError(
        {csv_diagnostic(file, 1, 1,
                        fmt::format("a file that is not CSV text ({}? it begins with the bytes {})",
                                    binary->what, binary->bytes),
                        "CSV text in UTF-8 (or plain ASCII): " + binary->advice)});
  }
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
  const std::string pattern = nul_pattern(text);
  if (pattern.empty()) {  // no layout of UTF-16 or UTF-32 text: binary data
    throw InputError(
        {csv_diagnostic(file, line, column,
                        "a NUL byte in no pattern of UTF-16 or UTF-32 text: the file is not CSV "
                        "text (binary data?)",
                        "CSV text in UTF-8 (or plain ASCII); is this the file meant?")});
  }
  // iconv's name of the encoding: "UTF-16LE" for "UTF-16 little-endian".
  const std::string encoding =
      pattern.substr(0, 6) + (pattern.ends_with("little-endian") ? "LE" : "BE");
  throw InputError({csv_diagnostic(
      file, line, column,
      fmt::format("a NUL byte: the file is not UTF-8 text (its NULs beside ASCII characters are "
                  "{} text without a byte-order mark)",
                  pattern),
      fmt::format("CSV text in UTF-8 (or plain ASCII): save it from the spreadsheet as \"CSV "
                  "UTF-8 (Comma delimited)\", or convert it, e.g. iconv -f {} -t UTF-8 FILE > "
                  "NEW.csv",
                  encoding))});
}

// At most how many fields and records the text holds: one more than its commas and
// line-break characters, and one more than its line-break characters (a CRLF counts twice,
// a quoted comma too), so that each array is allocated once.
struct Counts {
  std::size_t fields = 1;
  std::size_t records = 1;
};
Counts most_fields_and_records(std::string_view text) {
  std::size_t commas = 0;
  std::size_t breaks = 0;
  for (const char c : text) {
    commas += static_cast<std::size_t>(c == ',');
    breaks += static_cast<std::size_t>((c == '\n') | (c == '\r'));
  }
  return {1 + commas + breaks, 1 + breaks};
}

// Splits the text (from `begin`, past a byte-order mark) into fields and records. A quoted
// field is unescaped in place ("" -> "), always writing at or before the byte being read,
// so the bytes still to be read are never changed.
class Splitter {
 public:
  Splitter(CsvRecords& out, std::size_t begin, const std::string& file)
      : out_(out),
        text_(out.text.bytes()),
        i_(begin),
        n_(out.text.byte_count()),
        file_(file),
        line_start_(begin) {}

  void run() {
    while (i_ < n_) {
      if (text_[i_] == '"')
        quoted_field();
      else
        plain_field();
      // End of a field: a comma, a line break or the end of the text.
      if (i_ >= n_) break;
      if (text_[i_] == ',') {
        add_field();
        ++i_;
        if (i_ >= n_) break;  // "a,b," at end of file: the last (empty) field is added below
        continue;
      }
      i_ += line_break_at(i_);
      ++line_;
      line_start_ = i_;
      end_record(line_);
    }
    // The last record when the text does not end with a line break.
    if (out_.text.field_count() > record_first_ || field_size_ > 0) end_record(line_);
  }

 private:
  // A line break is CRLF, LF or a lone CR; returns its length at position k (0 if none).
  std::size_t line_break_at(std::size_t k) const {
    if (text_[k] == '\n') return 1;
    if (text_[k] == '\r') return (k + 1 < n_ && text_[k + 1] == '\n') ? 2 : 1;
    return 0;
  }

  void plain_field() {
    field_offset_ = i_;
    while (i_ < n_ && text_[i_] != ',' && text_[i_] != '\n' && text_[i_] != '\r') ++i_;
    field_size_ = i_ - field_offset_;
  }

  // From the opening quote to past the closing one; InputError if it is never closed or
  // is followed by anything but a comma, a line break or the end of the text.
  void quoted_field() {
    const int quote_line = line_;
    const int quote_column = static_cast<int>(i_ - line_start_) + 1;
    ++i_;
    field_offset_ = i_;
    std::size_t out = i_;  // where the next unescaped byte goes
    bool closed = false;
    while (i_ < n_) {
      if (text_[i_] == '"') {
        if (i_ + 1 < n_ && text_[i_ + 1] == '"') {
          text_[out++] = '"';
          i_ += 2;
        } else {
          ++i_;
          closed = true;
          break;
        }
      } else if (const std::size_t br = line_break_at(i_)) {
        for (std::size_t k = 0; k < br; ++k) text_[out++] = text_[i_ + k];
        i_ += br;
        ++line_;
        line_start_ = i_;
      } else {
        text_[out++] = text_[i_++];
      }
    }
    if (!closed)
      throw InputError({csv_diagnostic(file_, quote_line, 0, "a quoted field starting here",
                                       "a closing '\"' before the end of the file")});
    if (i_ < n_ && text_[i_] != ',' && line_break_at(i_) == 0) {
      const int column = static_cast<int>(i_ - line_start_) + 1;
      const std::string after = std::string("'") + text_[i_] + "' after a closing quote";
      if (line_ == quote_line)
        throw InputError({csv_diagnostic(
            file_, line_, column, after,
            "',' or the end of the line after a quoted field (write \"\" for a quote)")});
      // A field over several lines that ends badly: most likely its opening quote was
      // never closed on its own line and the field swallowed the rows after it, so the
      // opening is named first, where the fix goes.
      throw InputError({csv_diagnostic(
          file_, quote_line, quote_column,
          fmt::format("a quoted field that runs over {} line breaks to {} at line {}, column {}",
                      line_ - quote_line, after, line_, column),
          "a quote closed on its own line (a field may hold a line break only when it is "
          "meant to; write \"\" for a quote)")});
    }
    field_size_ = out - field_offset_;
  }

  void add_field() {
    out_.text.add_field(field_offset_, field_size_);
    all_empty_ = all_empty_ && field_size_ == 0;
    field_size_ = 0;
  }

  // Ends the record with the field just read; drops it if every field is empty.
  void end_record(int next_line) {
    add_field();
    const std::size_t end = out_.text.field_count();
    if (all_empty_) {
      out_.text.drop_fields_from(record_first_);
    } else {
      out_.records.push_back({record_line_, static_cast<std::uint32_t>(record_first_),
                              static_cast<std::uint32_t>(end - record_first_)});
      record_first_ = end;
    }
    all_empty_ = true;
    record_line_ = next_line;
  }

  CsvRecords& out_;
  char* const text_;
  std::size_t i_;
  const std::size_t n_;
  const std::string& file_;
  int line_ = 1;
  std::size_t line_start_;  // offset of the current line, for column numbers
  int record_line_ = 1;
  std::size_t record_first_ = 0;  // the current record's first field in the flat array
  bool all_empty_ = true;         // every field of the current record so far is empty
  std::size_t field_offset_ = 0;  // the field just read, not yet added
  std::size_t field_size_ = 0;
};

}  // namespace

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

CsvRecords parse_csv(std::string text, const std::string& file) {
  check_utf8_text(text, file);
  if (text.size() > std::numeric_limits<std::uint32_t>::max())
    throw InputError({csv_diagnostic(file, 0, 0, fmt::format("{} bytes", text.size()),
                                     "a CSV file under 4 GiB")});
  const std::size_t bom = std::string_view(text).substr(0, kUtf8Bom.size()) == kUtf8Bom
                              ? kUtf8Bom.size()
                              : std::size_t{0};
  const Counts most = most_fields_and_records(std::string_view(text).substr(bom));
  CsvRecords out{CsvText(std::move(text)), {}};
  out.text.reserve_fields(most.fields);
  out.records.reserve(most.records);
  Splitter(out, bom, file).run();
  return out;
}

}  // namespace pcsim::scenarios
