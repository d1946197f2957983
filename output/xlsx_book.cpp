#include "output/xlsx_book.hpp"

#include <cmath>

#include "core/errors.hpp"
#include "output/number_format.hpp"

namespace pcsim::output {

XlsxBook::XlsxBook(const std::filesystem::path& path) : path_(path) {
  book_ = workbook_new(path.c_str());
  if (book_ == nullptr) throw OutputError("cannot create the workbook '" + path.string() + "'");
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
  if (book_ != nullptr) workbook_close(book_);
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
  return sheet;
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

void XlsxBook::text(lxw_worksheet* sheet, int row, int col, std::string_view value,
                    lxw_format* format) const {
  // Excel cells hold at most 32,767 characters.
  const std::string shown(value.substr(0, 32767));
  worksheet_write_string(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                         shown.c_str(), format);
}

void XlsxBook::close() {
  lxw_workbook* book = book_;
  book_ = nullptr;
  const lxw_error error = workbook_close(book);
  if (error != LXW_NO_ERROR) {
    throw OutputError("cannot write the workbook '" + path_.string() + "': " + lxw_strerror(error));
  }
}

}  // namespace pcsim::output
