#include "output/xlsx_book.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdio>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/utf8_text.hpp"
#include "output/number_format.hpp"

namespace pcsim::output {

namespace {

// libxlsxwriter prints its own "[ERROR] ..." lines on standard error when it cannot write
// the file: while it closes the workbook they go to a pipe instead (non-blocking, so a
// flood is dropped rather than waited on), and the system's reason they hold ("System
// error = No space left on device") goes into pcsim's one-line message.
class StderrCapture {
 public:
  StderrCapture() {
    int ends[2];
    if (::pipe2(ends, O_NONBLOCK | O_CLOEXEC) != 0) return;
    std::fflush(stderr);
    saved_ = ::dup(STDERR_FILENO);
    if (saved_ < 0 || ::dup2(ends[1], STDERR_FILENO) < 0) {
      if (saved_ >= 0) ::close(saved_);
      saved_ = -1;
      ::close(ends[0]);
      ::close(ends[1]);
      return;
    }
    ::close(ends[1]);
    read_end_ = ends[0];
  }
  ~StderrCapture() { finish(); }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;

  // Restores standard error; what was written meanwhile.
  std::string finish() {
    std::string caught;
    if (saved_ < 0) return caught;
    std::fflush(stderr);
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
    saved_ = -1;
    char buffer[4096];
    for (ssize_t n; (n = ::read(read_end_, buffer, sizeof buffer)) > 0;) {
      caught.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(read_end_);
    read_end_ = -1;
    return caught;
  }

 private:
  int saved_ = -1;
  int read_end_ = -1;
};

// The system's reason in libxlsxwriter's lines ("... System error = REASON"), or "".
std::string system_reason(const std::string& lines) {
  const std::string marker = "System error = ";
  const auto at = lines.rfind(marker);
  if (at == std::string::npos) return {};
  const auto start = at + marker.size();
  const auto end = lines.find('\n', start);
  std::string reason = lines.substr(start, end == std::string::npos ? end : end - start);
  while (!reason.empty() && (reason.back() == '\r' || reason.back() == ' ' || reason.back() == '.'))
    reason.pop_back();
  return reason;
}

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string cell_text(std::string_view raw) {
  // A workbook is XML in UTF-8: a byte that is not UTF-8 (a Latin-1 file name) made it
  // unreadable, so it is written visibly as \xE9.
  std::string value = valid_utf8(raw);
  if (value.size() <= kMaxCellBytes) return value;
  const std::string note = fmt::format(" [... cut: {} bytes in all]", value.size());
  std::size_t keep = kMaxCellBytes - note.size();
  while (keep > 0 && is_continuation_byte(value[keep])) --keep;  // a character's start
  return std::string(value.substr(0, keep)) + note;
}

XlsxBook::XlsxBook(const std::filesystem::path& path) : path_(path) {
  book_ = workbook_new(path.c_str());
  if (book_ == nullptr) throw OutputError("libxlsxwriter cannot create a workbook");
  const auto make = [&](const char* format) {
    lxw_format* f = workbook_add_format(book_);
    format_set_num_format(f, format);
    return f;
  };
  money_ = make("£#,##0;-£#,##0");
  percent_ = make("0.0%");
  ratio_ = make("0.00");
  whole_ = make("#,##0");
  decimal_ = make("#,##0.00");
  plain_whole_ = make("0");
  format_set_align(plain_whole_, LXW_ALIGN_LEFT);
  plain_ = workbook_add_format(book_);
  format_set_align(plain_, LXW_ALIGN_LEFT);
  bold_ = workbook_add_format(book_);
  format_set_bold(bold_);
  wrap_ = workbook_add_format(book_);
  format_set_text_wrap(wrap_);
  format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
  title_ = workbook_add_format(book_);
  format_set_bold(title_);
  format_set_font_size(title_, 14);
}

XlsxBook::~XlsxBook() {
  if (book_ != nullptr) {
    StderrCapture quiet;  // a workbook abandoned on failure: its own errors are not ours
    workbook_close(book_);
  }
}

lxw_worksheet* XlsxBook::add_sheet(std::string_view wanted, std::string* name) {
  std::string base;
  for (const char c : wanted) {
    if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) base += c;
  }
  if (base.empty()) base = "sheet";
  base = base.substr(0, 31);
  std::string chosen = base;
  for (int k = 2; names_.count(chosen) > 0; ++k) {
    const std::string suffix = std::string(" ").append(std::to_string(k));
    chosen = base.substr(0, 31 - suffix.size()) + suffix;
  }
  names_.insert(chosen);
  lxw_worksheet* sheet = workbook_add_worksheet(book_, chosen.c_str());
  if (sheet == nullptr) throw OutputError("cannot add the sheet '" + chosen + "' to the workbook");
  if (name != nullptr) *name = chosen;
  constexpr std::uint8_t kA4Paper = 9;  // libxlsxwriter's (and Excel's) paper index
  worksheet_set_paper(sheet, kA4Paper);
  worksheet_set_landscape(sheet);
  worksheet_fit_to_pages(sheet, 1, 0);  // one page wide, any number of pages down
  return sheet;
}

void XlsxBook::keep_headings(lxw_worksheet* sheet, int row, int first_printed) const {
  if (first_printed == 0) worksheet_freeze_panes(sheet, static_cast<lxw_row_t>(row + 1), 0);
  if (worksheet_repeat_rows(sheet, static_cast<lxw_row_t>(first_printed),
                            static_cast<lxw_row_t>(row)) != LXW_NO_ERROR)
    throw OutputError("cannot set the rows printed on every page of a sheet");
}

void XlsxBook::headings(lxw_worksheet* sheet, int row, const std::vector<std::string>& names,
                        int first_col) const {
  for (std::size_t c = 0; c < names.size(); ++c)
    text(sheet, row, first_col + static_cast<int>(c), names[c], bold_);
}

lxw_chart* XlsxBook::add_chart(std::uint8_t type) {
  lxw_chart* chart = workbook_add_chart(book_, type);
  if (chart == nullptr) throw OutputError("cannot add a chart to the workbook");
  return chart;
}

lxw_format* XlsxBook::number_format(std::string_view unit, double value) const {
  if (unit == "GBP") return money_;
  if (unit == "0/1" || unit == "probability") return percent_;
  if (unit == "ratio" || unit == "Spearman rho" || unit == "share of variance") return ratio_;
  if (unit == "count") return whole_;
  return std::fabs(value) >= 100 ? whole_ : decimal_;
}

void XlsxBook::number(lxw_worksheet* sheet, int row, int col, double value,
                      std::string_view unit) const {
  if (!std::isfinite(value)) return;  // an empty cell: Excel has no NaN
  worksheet_write_number(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), value,
                         number_format(unit, value));
}

void XlsxBook::plain_number(lxw_worksheet* sheet, int row, int col, double value) const {
  if (!std::isfinite(value)) return;
  const bool whole = value == std::trunc(value) && std::fabs(value) < 1e15;
  worksheet_write_number(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), value,
                         whole ? plain_whole_ : plain_);
}

void XlsxBook::note(lxw_worksheet* sheet, int row, int col, const std::string& text) const {
  const std::string shown = cell_text(text);
  if (worksheet_write_comment(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                              shown.c_str()) != LXW_NO_ERROR)
    throw OutputError("cannot add a note to a cell of the workbook");
}

void XlsxBook::parameter_number(lxw_worksheet* sheet, int row, int col, double value,
                                std::string_view unit, int digits) {
  if (!std::isfinite(value)) return;
  const std::string format = spreadsheet_format(reading_for_unit(value, unit, digits));
  lxw_format*& made = formats_[format];
  if (made == nullptr) {
    made = workbook_add_format(book_);
    format_set_num_format(made, format.c_str());
  }
  worksheet_write_number(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), value,
                         made);
}

bool XlsxBook::text(lxw_worksheet* sheet, int row, int col, std::string_view value,
                    lxw_format* format) const {
  const std::string shown = cell_text(value);
  worksheet_write_string(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                         shown.c_str(), format);
  return shown.size() != value.size() || value.size() > kMaxCellBytes;
}

void XlsxBook::close() {
  lxw_workbook* book = book_;
  book_ = nullptr;
  StderrCapture capture;
  const lxw_error error = workbook_close(book);
  const std::string lines = capture.finish();
  if (error != LXW_NO_ERROR) {
    const std::string reason = system_reason(lines);
    throw OutputError(reason.empty() ? std::string(lxw_strerror(error)) : reason);
  }
}

}  // namespace pcsim::output
