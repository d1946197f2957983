#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"

namespace pcsim::scenarios {

// One record of a CSV file, with the 1-based line on which it starts (a quoted field may
// span lines, so records and lines are not one to one). Its fields are the `size` entries
// from `first` of the flat field array of the CsvText that holds it (CsvText::field).
struct CsvRecord {
  int line = 0;
  std::uint32_t first = 0;
  std::uint32_t size = 0;
};

// The text of a CSV file and where each of its fields is in it. A field is an offset and a
// length into the text (8 bytes; a std::string was 32 and its own allocation when longer
// than 15 characters), in one flat array for the whole file; a quoted field that held ""
// is unescaped in place, over its own bytes (unescaping only shortens a field).
// The text is a std::string behind a unique_ptr, not a std::string member, so that a view
// field() returned stays valid when the CsvText (or the table holding it) is moved or
// returned: a short string's characters live inside the string object (the small-string
// optimisation) and would move with it; the object on the heap never moves. No copies: a
// copy of a national file is a few megabytes that no reader needs.
class CsvText {
 public:
  CsvText() = default;
  explicit CsvText(std::string text) : text_(std::make_unique<std::string>(std::move(text))) {}
  CsvText(CsvText&&) noexcept = default;
  CsvText& operator=(CsvText&&) noexcept = default;
  CsvText(const CsvText&) = delete;
  CsvText& operator=(const CsvText&) = delete;
  ~CsvText() = default;

  // Field k (< record.size) of a record of this text.
  std::string_view field(const CsvRecord& record, std::size_t k) const {
    const Span s = spans_[record.first + k];
    return {text_->data() + s.offset, s.size};
  }

  // For the parser: the text, which it may rewrite in place but never resizes, and the
  // fields it finds, in order.
  char* bytes() { return text_->data(); }
  std::size_t byte_count() const { return text_->size(); }
  std::size_t field_count() const { return spans_.size(); }
  void reserve_fields(std::size_t n) { spans_.reserve(n); }
  void add_field(std::size_t offset, std::size_t size) {
    spans_.push_back({static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(size)});
  }
  void drop_fields_from(std::size_t first) { spans_.resize(first); }

 private:
  struct Span {
    std::uint32_t offset;
    std::uint32_t size;
  };
  std::unique_ptr<std::string> text_;
  std::vector<Span> spans_;
};

// The records of one CSV text and the text they are in. Move-only, as CsvText.
struct CsvRecords {
  CsvText text;
  std::vector<CsvRecord> records;

  std::size_t size() const { return records.size(); }
  bool empty() const { return records.empty(); }
  const CsvRecord& operator[](std::size_t i) const { return records[i]; }
};

// A problem with a CSV file at a line and column (0 where there is none).
Diagnostic csv_diagnostic(const std::string& file, int line, int column, std::string found,
                          std::string expected);

// Parses RFC 4180 CSV text: fields separated by ',', records by CRLF, LF or a lone CR;
// a field in double quotes may hold commas, line breaks and doubled quotes ("" -> ").
// A UTF-8 byte-order mark at the start is dropped; UTF-16 text (a byte-order mark FF FE or
// FE FF) and a NUL byte anywhere are InputErrors saying the file is not UTF-8 text and how
// to save it so (at line 1, or the NUL's line and column). Records with no characters at all, or
// only commas, are dropped (blank lines at the end of exported files). Throws InputError
// naming the file and line for an unterminated quoted field or text after a closing quote.
// The result owns `text`; its fields are read from it (CsvText::field). Text of 4 GiB or
// more is refused (read_csv_file reads at most kMaxPracticeFileBytes).
CsvRecords parse_csv(std::string text, const std::string& file);

}  // namespace pcsim::scenarios
