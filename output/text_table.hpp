#pragma once
// A plain-text table whose columns are as wide as their widest cell, two spaces apart, so
// figures never run together whatever their size.
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace pcsim::output {

class TextTable {
 public:
  enum class Align { Left, Right };
  // One entry per column: its header and how its cells are aligned.
  TextTable(std::vector<std::string> headers, std::vector<Align> aligns, std::size_t indent = 2);

  // A row of cells (fewer than the columns: the rest are empty).
  void add_row(std::vector<std::string> cells);
  // A line of its own between rows (e.g. a long option name), printed after the indent.
  void add_note(std::string text);

  // Prints the header and the rows, trailing spaces trimmed.
  void print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> aligns_;
  std::size_t indent_;
  struct Row {
    std::vector<std::string> cells;
    std::string note;  // when not empty the row is this note alone
  };
  std::vector<Row> rows_;
};

}  // namespace pcsim::output
