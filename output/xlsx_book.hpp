#pragma once
// libxlsxwriter wrapped once: a workbook that is always closed (and its memory freed), its
// number formats made once, sheet names made valid and unique, and NaN written as an
// empty cell (Excel has no NaN).
#include <xlsxwriter.h>

#include "output/number_format.hpp"

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace pcsim::output {

// A text cell's limit (Excel: 32,767 characters; counted in bytes here, so never over).
inline constexpr std::size_t kMaxCellBytes = 32767;

// `value` as a text cell holds it, UTF-8 (a byte that is not, as in a Latin-1 file name,
// written visibly as \xE9: core/utf8_text.hpp): itself when it fits kMaxCellBytes bytes, else its
// start (cut at a UTF-8 character's start) and " [... cut: N bytes in all]", kMaxCellBytes at most.
std::string cell_text(std::string_view value);

class XlsxBook {
 public:
  // Creates the workbook that close() writes to `path`. Throws OutputError on failure.
  explicit XlsxBook(const std::filesystem::path& path);
  ~XlsxBook();  // closes without reporting when close() was not called
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;

  // A new sheet named `wanted`, shortened to Excel's 31 characters, without the characters
  // Excel refuses, and made unique with a number. Its final name is in `name`. It prints
  // on A4, landscape, every column on one page's width (as many pages down as it takes):
  // a printed sheet never leaves its right-hand columns (a rationale, a P90) to pages of
  // their own.
  lxw_worksheet* add_sheet(std::string_view wanted, std::string* name = nullptr);
  // Rows 0 to `row` of `sheet` (a title and a table's column headings) stay in view as it
  // scrolls, and rows `first_printed` to `row` are printed at the top of every page. A
  // table below a block of notes (the Summary's, `first_printed` > 0) prints its headings
  // row alone, not the notes again on every page, and is not frozen: Excel freezes from
  // the top only, and the notes (two rows an option) would fill a laptop's screen.
  void keep_headings(lxw_worksheet* sheet, int row, int first_printed = 0) const;
  lxw_chart* add_chart(std::uint8_t type);

  // The format for figures in `unit` (GBP: £#,##0; 0/1 and probability: 0.0%; ratio:
  // 0.00; count: #,##0; else #,##0.00 below 100 and #,##0 from 100, chosen per value).
  lxw_format* number_format(std::string_view unit, double value) const;

  lxw_format* bold() const { return bold_; }
  lxw_format* wrap() const { return wrap_; }
  lxw_format* title() const { return title_; }

  // A number in `unit`'s format, or an empty cell for NaN.
  void number(lxw_worksheet* sheet, int row, int col, double value, std::string_view unit) const;
  // A number with no unit (a seed, a count of seconds), left-aligned as the text around
  // it: a whole number in full (format 0, never 1.23457E+11), any other as General shows it.
  void plain_number(lxw_worksheet* sheet, int row, int col, double value) const;
  // A note (Excel's cell comment) on a cell, saying why it is blank.
  void note(lxw_worksheet* sheet, int row, int col, const std::string& text) const;
  // A parameter's value in the format its registry unit calls for (number_format.hpp,
  // reading_for_unit: £, %, a year, on/off, significant digits), or an empty cell for NaN.
  // `digits`: significant digits (kStatisticDigits; kFixedValueDigits for a fixed value).
  void parameter_number(lxw_worksheet* sheet, int row, int col, double value, std::string_view unit,
                        int digits = kStatisticDigits);
  // Text in a cell. Excel holds at most 32,767 characters in a cell: a longer text is cut
  // at a UTF-8 character's start, at most kMaxCellBytes bytes in all with the visible note
  // " [... cut: N bytes in all]" at its end; returns true when it was cut.
  bool text(lxw_worksheet* sheet, int row, int col, std::string_view value,
            lxw_format* format = nullptr) const;
  // A row of column headings in bold, the first in column `first_col`.
  void headings(lxw_worksheet* sheet, int row, const std::vector<std::string>& names,
                int first_col = 0) const;

  // Writes the file; throws OutputError holding the reason alone (the system's, as
  // libxlsxwriter found it, else libxlsxwriter's own), whose own lines on standard error
  // are kept off it.
  void close();

 private:
  lxw_workbook* book_ = nullptr;
  std::filesystem::path path_;
  std::set<std::string> names_;
  std::map<std::string, lxw_format*> formats_;  // parameter_number's, made once each
  lxw_format* money_ = nullptr;
  lxw_format* percent_ = nullptr;
  lxw_format* ratio_ = nullptr;
  lxw_format* whole_ = nullptr;
  lxw_format* decimal_ = nullptr;
  lxw_format* plain_whole_ = nullptr;
  lxw_format* plain_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* wrap_ = nullptr;
  lxw_format* title_ = nullptr;
};

}  // namespace pcsim::output
