#pragma once
#include <string>
#include <vector>

namespace pcsim::scenarios {

// Figures in load messages as a finance lead reads them: 62134622 -> "62,134,622",
// 4095.25 -> "4,095.25" (at most two decimals, none when whole), -3 -> "-3".
std::string format_patients(double value);

// "A, B, C" (all of them; the terminal shortens long lists, the results file keeps them).
std::string join_items(const std::vector<std::string>& items);

}  // namespace pcsim::scenarios
