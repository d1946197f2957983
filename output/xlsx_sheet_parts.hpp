#pragma once
// What the workbook's sheet files share (xlsx_sheets_*.cpp): the option colours of the
// charts and a table's central case.
#include <xlsxwriter.h>

#include <array>
#include <cmath>
#include <cstddef>

#include "output/summary_reader.hpp"

namespace pcsim::output::xlsx {

// One colour per option, in the option order (NHS blue first), repeating after six.
inline constexpr std::array<lxw_color_t, 6> kColours = {0x005EB8, 0xDA291C, 0x009639,
                                                        0xED8B00, 0x330072, 0x00A9CE};

// The central case in `row` of `t`, NaN when the file has none.
inline double central_at(const SummaryTable& t, std::size_t row) {
  return row < t.central.size() ? t.central[row] : std::nan("");
}

}  // namespace pcsim::output::xlsx
