#include "output/text_table.hpp"

#include <algorithm>

#include "output/number_format.hpp"

namespace pcsim::output {

TextTable::TextTable(std::vector<std::string> headers, std::vector<Align> aligns,
                     std::size_t indent)
    : headers_(std::move(headers)), aligns_(std::move(aligns)), indent_(indent) {
  aligns_.resize(headers_.size(), Align::Right);
}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  rows_.push_back({std::move(cells), ""});
}

void TextTable::add_note(std::string text) { rows_.push_back({{}, std::move(text)}); }

void TextTable::print(std::ostream& out) const {
  std::vector<std::size_t> widths(headers_.size());
  for (std::size_t c = 0; c < headers_.size(); ++c) widths[c] = display_width(headers_[c]);
  for (const auto& row : rows_) {
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(row.cells[c]));
    }
  }
  const auto line_of = [&](const std::vector<std::string>& cells) {
    std::string line(indent_, ' ');
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) line += "  ";
      line += aligns_[c] == Align::Left ? align_left(cells[c], widths[c])
                                        : align_right(cells[c], widths[c]);
    }
    line.erase(line.find_last_not_of(' ') + 1);
    return line;
  };
  out << line_of(headers_) << '\n';
  for (const auto& row : rows_) {
    if (row.cells.empty()) {
      out << std::string(indent_, ' ') << row.note << '\n';
    } else {
      out << line_of(row.cells) << '\n';
    }
  }
}

}  // namespace pcsim::output
