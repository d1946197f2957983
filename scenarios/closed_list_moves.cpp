#include "scenarios/closed_list_moves.hpp"

#include <algorithm>
#include <map>
#include <numeric>

namespace pcsim::scenarios {

namespace {

bool is_receiver(const ListHolder& h) { return !h.closed && h.registered > 0; }

}  // namespace

ListMoves move_closed_lists(const std::vector<ListHolder>& holders) {
  ListMoves out;
  for (const auto& h : holders) {
    out.registered.push_back(h.registered);
    out.weighted.push_back(h.weighted);
  }
  // The open practices of each PCN and each area, in code order.
  std::vector<std::size_t> by_code(holders.size());
  std::iota(by_code.begin(), by_code.end(), std::size_t{0});
  std::sort(by_code.begin(), by_code.end(),
            [&](std::size_t a, std::size_t b) { return holders[a].code < holders[b].code; });
  std::map<std::string, std::vector<std::size_t>> pcn_members, area_members;
  for (std::size_t i : by_code) {
    if (!is_receiver(holders[i])) continue;
    if (!holders[i].pcn.empty()) pcn_members[holders[i].pcn].push_back(i);
    area_members[holders[i].area].push_back(i);
  }

  for (std::size_t c : by_code) {
    const ListHolder& closed = holders[c];
    if (!closed.closed) continue;
    ListMove move;
    move.from = c;
    move.registered = closed.registered;
    move.weighted = closed.weighted;
    if (const auto it = pcn_members.find(closed.pcn);
        !closed.pcn.empty() && it != pcn_members.end()) {
      move.to = it->second;
      move.within_pcn = true;
    } else if (const auto at = area_members.find(closed.area); at != area_members.end()) {
      move.to = at->second;
    } else {
      out.unplaced.push_back(c);
      continue;
    }
    Patients base = 0;
    for (std::size_t r : move.to) base += holders[r].registered;
    Patients registered_given = 0, weighted_given = 0;
    for (std::size_t k = 0; k + 1 < move.to.size(); ++k) {
      const double share = holders[move.to[k]].registered / base;
      const Patients reg = move.registered * share;
      const Patients wtd = move.weighted * share;
      out.registered[move.to[k]] += reg;
      out.weighted[move.to[k]] += wtd;
      registered_given += reg;
      weighted_given += wtd;
    }
    out.registered[move.to.back()] += move.registered - registered_given;
    out.weighted[move.to.back()] += move.weighted - weighted_given;
    out.registered[c] = 0;
    out.weighted[c] = 0;
    out.moves.push_back(std::move(move));
  }
  return out;
}

}  // namespace pcsim::scenarios
