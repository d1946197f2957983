#pragma once
// What the CSV reader's tests share.
#include <cstddef>
#include <string>
#include <vector>

#include "scenarios/csv_reader.hpp"

namespace pcsim::scenarios::testing {

// The fields of record r, copied.
inline std::vector<std::string> fields(const CsvRecords& records, std::size_t r) {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < records[r].size; ++k)
    out.emplace_back(records.text.field(records[r], k));
  return out;
}

}  // namespace pcsim::scenarios::testing
