#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/units.hpp"

namespace pcsim::scenarios {

// A practice of the base year's payments file, as the move of closed practices' lists
// sees it.
struct ListHolder {
  std::string code;
  std::string area;         // CCG or sub-ICB code
  std::string pcn;          // PCN, only where known from the base year's file or an earlier one
  Patients registered = 0;  // as in the payments file
  Patients weighted = 0;
  bool closed = false;  // closed by the base year's end, with patients: its list moves
};

// The list of one closed practice, moved.
struct ListMove {
  std::size_t from = 0;
  std::vector<std::size_t> to;  // the receiving practices, in code order
  bool within_pcn = false;      // false: within the area
  Patients registered = 0;
  Patients weighted = 0;
};

struct ListMoves {
  std::vector<Patients> registered;  // each holder's list after the moves (0 once moved away)
  std::vector<Patients> weighted;
  std::vector<ListMove> moves;
  std::vector<std::size_t> unplaced;  // closed practices with no open practice to take them
};

// A practice that closed during the base year does not take its patients with it: by the
// year's end they were registered elsewhere, most often with a neighbour or the practice it
// merged into. Each closed practice's registered and weighted lists go to the open
// practices (not closed, registered > 0) of its PCN where the PCN is known and has one,
// else of its area, in proportion to their registered lists in the payments file (so the
// order of the moves does not matter); the last receiver in code order takes the remainder,
// so the totals are kept exactly. A closed practice with no open practice in its PCN or area
// is listed in `unplaced` and keeps its list.
ListMoves move_closed_lists(const std::vector<ListHolder>& holders);

}  // namespace pcsim::scenarios
