#pragma once
#include <cstddef>
#include <cstdint>

#include "core/units.hpp"

// The first loop of the year end (engine/simulate.hpp, year_end_changes): which open
// practices the threshold rule closes (total headcount below the threshold) and which of
// the others draw against the hazards (the hazards on and a list above 0), each in
// practice order. The plain form here; engine/year_end_avx512.hpp computes the same
// queues eight practices at a time.
namespace pcsim::engine {

// The practices' figures the queues are decided on (arrays of `practices`).
struct ChangeQueueInput {
  const std::uint8_t* open = nullptr;
  const Headcount* gp_total = nullptr;
  const Patients* list = nullptr;
  const std::uint8_t* apms = nullptr;  // for the screen (engine/hazard_screen.hpp)
  std::size_t practices = 0;
  double threshold = 0;  // workforce.closure_threshold
  bool hazards = false;  // closures or mergers on
};

struct ChangeQueues {
  std::size_t drawing = 0;  // queue[0, drawing): the practices that draw
  std::size_t by_rule = 0;  // rule_queue[0, by_rule): the practices the rule closes
};

// Each queue holds room for every practice. A practice is queued by writing it and moving
// the end on when it belongs there: no branch and no call in the loop, so its counters
// stay in registers.
inline ChangeQueues queue_changes(const ChangeQueueInput& in, std::uint32_t* queue,
                                  std::uint32_t* rule_queue) {
  ChangeQueues q;
  for (std::size_t p = 0; p < in.practices; ++p) {
    const bool is_open = in.open[p] != 0;
    const bool rule = is_open && in.gp_total[p] < in.threshold;
    rule_queue[q.by_rule] = static_cast<std::uint32_t>(p);
    q.by_rule += rule ? 1 : 0;
    queue[q.drawing] = static_cast<std::uint32_t>(p);
    q.drawing += is_open && !rule && in.hazards && in.list[p] > 0 ? 1 : 0;
  }
  return q;
}

}  // namespace pcsim::engine
