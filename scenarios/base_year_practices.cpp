#include "scenarios/base_year_practices.hpp"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "scenarios/load_text.hpp"

namespace pcsim::scenarios {

namespace {

std::string date_text(const CalendarDate& d) {
  return fmt::format("{:02}/{:02}/{:04}", d.day, d.month, d.year);
}

std::string row_label(const PaymentsRecord& r) {
  return fmt::format("{} (line {})", r.code, r.line);
}

// The PCN of each row: the base file's own, else the nearest year of `files` that knows
// the practice (ties: the earlier year).
void assign_pcns(const PaymentsFile& payments, const BaseYear& base,
                 const std::vector<PcnMembership>& files, std::vector<std::string>& pcn,
                 std::vector<int>& year) {
  std::vector<const PcnMembership*> nearest;
  for (const auto& f : files) nearest.push_back(&f);
  std::stable_sort(nearest.begin(), nearest.end(), [&](const auto* a, const auto* b) {
    const int da = std::abs(a->year - base.end_year()), db = std::abs(b->year - base.end_year());
    return da != db ? da < db : a->year < b->year;
  });
  for (const PaymentsRecord& r : payments.rows) {
    std::string code;
    int from = 0;
    if (payments.has_pcn_column) {
      code = r.pcn_code;
      from = code.empty() ? 0 : base.end_year();
    } else {
      for (const PcnMembership* f : nearest)
        if (const auto it = f->pcn_of.find(r.code); it != f->pcn_of.end()) {
          code = it->second;
          from = f->year;
          break;
        }
    }
    pcn.push_back(code);
    year.push_back(from);
  }
}

// Every holder's lists as the file gives them, nothing moved (ClosedLists::AlreadyCounted).
ListMoves lists_as_they_are(const std::vector<ListHolder>& holders) {
  ListMoves out;
  for (const ListHolder& h : holders) {
    out.registered.push_back(h.registered);
    out.weighted.push_back(h.weighted);
  }
  return out;
}

}  // namespace

BaseYearPractices base_year_practices(const PaymentsFile& payments, const BaseYear& base,
                                      const std::vector<PcnMembership>& pcn_files,
                                      const std::optional<AreaIcbMap>& areas,
                                      ClosedLists closed_lists) {
  BaseYearPractices out;
  std::vector<std::string> pcn;
  std::vector<int> pcn_year;
  assign_pcns(payments, base, pcn_files, pcn, pcn_year);

  // Who holds a list at year 0, and whose list moves.
  std::vector<ListHolder> holders;
  std::vector<std::size_t> row_of_holder;
  for (std::size_t i = 0; i < payments.rows.size(); ++i) {
    const PaymentsRecord& r = payments.rows[i];
    const bool closed = r.close_date && *r.close_date <= base.last_day();
    const std::string closed_text = closed ? "closed " + r.close_date_text + "; " : "";
    if (r.registered_patients <= 0 || (!closed && r.weighted_patients <= 0)) {
      const bool no_list = r.registered_patients <= 0;
      out.skipped.push_back(
          {i,
           fmt::format("{}: {}{} {} patients", row_label(r), closed_text,
                       format_patients(no_list ? r.registered_patients : r.weighted_patients),
                       no_list ? "registered" : "weighted"),
           no_list
               ? (closed ? "closed, without registered patients" : "without registered patients")
               : "without weighted patients",
           r.registered_patients});
      continue;
    }
    if (r.close_date && !closed)
      out.closes_after_year.push_back(
          {i, fmt::format("{}: closed {}", row_label(r), date_text(*r.close_date)), "", 0});
    // PCN codes of a later year's file group practices but never place patients.
    const bool pcn_places = pcn_year[i] > 0 && pcn_year[i] <= base.end_year();
    holders.push_back({r.code, r.ccg_code, pcn_places ? pcn[i] : std::string(),
                       r.registered_patients, r.weighted_patients, closed});
    row_of_holder.push_back(i);
  }

  if (closed_lists == ClosedLists::AlreadyCounted) {
    // No list moves: a closed practice is dropped with its last-known list, each noted.
    for (std::size_t h = 0; h < holders.size(); ++h) {
      if (!holders[h].closed) continue;
      const PaymentsRecord& r = payments.rows[row_of_holder[h]];
      out.not_counted.push_back(
          {row_of_holder[h],
           fmt::format("{}: closed {}; {} registered patients", row_label(r), r.close_date_text,
                       format_patients(r.registered_patients)),
           "", r.registered_patients});
    }
  }
  const ListMoves moves =
      closed_lists == ClosedLists::Move ? move_closed_lists(holders) : lists_as_they_are(holders);
  for (const ListMove& m : moves.moves) {
    const PaymentsRecord& r = payments.rows[row_of_holder[m.from]];
    out.moved.push_back({row_of_holder[m.from],
                         fmt::format("{}: closed {}; {} registered and {} weighted patients moved "
                                     "to {} practice{} of {} {}",
                                     row_label(r), r.close_date_text, format_patients(m.registered),
                                     format_patients(m.weighted), m.to.size(),
                                     m.to.size() == 1 ? "" : "s", m.within_pcn ? "PCN" : "area",
                                     m.within_pcn ? holders[m.from].pcn : r.ccg_code),
                         m.within_pcn ? "PCN" : "area", m.registered});
  }
  std::vector<bool> unplaced(holders.size(), false);
  for (std::size_t h : moves.unplaced) {
    unplaced[h] = true;
    const PaymentsRecord& r = payments.rows[row_of_holder[h]];
    out.unplaced.push_back({row_of_holder[h],
                            fmt::format("{}: closed {}; no open practice in its PCN or area {}",
                                        row_label(r), r.close_date_text, r.ccg_code),
                            "", r.registered_patients});
  }

  out.row_pcn = pcn;
  for (const PaymentsRecord& r : payments.rows) {
    std::string icb;
    if (areas)
      if (const auto it = areas->icb_of_area.find(r.ccg_code); it != areas->icb_of_area.end())
        icb = it->second;
    out.row_icb.push_back(std::move(icb));
  }
  for (std::size_t h = 0; h < holders.size(); ++h) {
    if (holders[h].closed && !unplaced[h]) continue;
    const std::size_t i = row_of_holder[h];
    const PaymentsRecord& r = payments.rows[i];
    YearZeroPractice p;
    p.record = &r;
    p.registered_patients = moves.registered[h];
    p.weighted_patients = moves.weighted[h];
    p.pcn_code = pcn[i];
    p.pcn_year = pcn_year[i];
    p.opened_in_year = r.open_date && base.contains(*r.open_date);
    p.closed_in_year = holders[h].closed;
    p.icb_code = out.row_icb[i];
    p.row = i;
    out.practices.push_back(std::move(p));
  }
  return out;
}

}  // namespace pcsim::scenarios
