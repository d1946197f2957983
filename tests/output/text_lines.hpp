#pragma once
// The lines of a printed text, for the printers' tests.
#include <sstream>
#include <string>
#include <vector>

namespace pcsim::output::test_text {

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace pcsim::output::test_text
