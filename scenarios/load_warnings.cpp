#include "scenarios/load_warnings.hpp"

#include <map>

#include <fmt/format.h>

#include "scenarios/load_text.hpp"

namespace pcsim::scenarios {

namespace {

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", format_patients(static_cast<double>(n)), n == 1 ? one : many);
}

std::vector<std::string> texts(const std::vector<const RowNote*>& notes) {
  std::vector<std::string> out;
  for (const RowNote* note : notes) out.push_back(note->text);
  return out;
}

void add(std::vector<RunWarning>& out, std::string key, std::string message,
         std::vector<std::string> items) {
  out.push_back({std::move(key), std::move(message), std::move(items)});
}

// The payments file's rows: skipped, moved, kept though closed, closing after the base
// year, blank money.
void payments_warnings(const LoadFindings& f, std::vector<RunWarning>& out) {
  std::map<std::string, std::vector<const RowNote*>> by_reason;
  for (const RowNote* note : f.skipped) by_reason[note->reason].push_back(note);
  for (const auto& [reason, notes] : by_reason)
    add(out, "practices.payments_csv",
        fmt::format("{} skipped: {} (not modelled)",
                    plural(notes.size(), "practice row", "practice rows"), reason),
        texts(notes));
  if (!f.not_counted.empty())
    add(out, "practices.payments_csv",
        fmt::format("{} closed by the end of the base year {} with last-known lists ({} "
                    "registered patients): not modelled, and their lists not added to anyone, "
                    "because by the file's date those patients are registered with open "
                    "practices, whose lists hold them (practices.closed_lists = "
                    "\"already_counted\", the default; \"move\" adds them to the open practices "
                    "of their PCN or area instead)",
                    plural(f.not_counted.size(), "practice", "practices"), f.base_year,
                    format_patients(f.registered_not_counted)),
        texts(f.not_counted));
  if (!f.moved.empty()) {
    std::size_t by_pcn = 0;
    for (const RowNote* note : f.moved) by_pcn += note->reason == "PCN";
    add(out, "practices.payments_csv",
        fmt::format("{} closed by the end of the base year {}: their {} registered patients "
                    "moved to the open practices of the same PCN ({}) or area ({}), in "
                    "proportion to their lists; the receivers' core funding is unchanged",
                    plural(f.moved.size(), "practice", "practices"), f.base_year,
                    format_patients(f.registered_moved), by_pcn, f.moved.size() - by_pcn),
        texts(f.moved));
  }
  if (!f.unplaced.empty())
    add(out, "practices.payments_csv",
        fmt::format("{} closed in the base year {} but no open practice of their PCN or area "
                    "remains to take their patients: they are modelled with their lists and "
                    "flagged closed_in_year",
                    plural(f.unplaced.size(), "practice", "practices"), f.base_year),
        texts(f.unplaced));
  if (!f.closes_after_year.empty())
    add(out, "practices.payments_csv",
        fmt::format("{} close after the base year {} by the payments file: they are open at "
                    "year 0 and the model decides their future",
                    plural(f.closes_after_year.size(), "practice", "practices"), f.base_year),
        texts(f.closes_after_year));
  if (!f.blank_money.empty())
    add(out, "practices.payments_csv",
        fmt::format("{} blank in the payments file: read as £0",
                    plural(f.blank_money.size(), "money cell is", "money cells are")),
        f.blank_money);
  // Their contracts are paid outside the three core columns (many PMS and APMS contracts in
  // some areas and years): the baseline spend holds nothing for them, which a budget set
  // against it must know.
  if (!f.no_core_funding.empty())
    add(out, "practices.payments_csv",
        fmt::format("{} no core funding in the payments file's Global Sum, MPIG and Balance of "
                    "PMS columns, though they hold {} registered patients ({:.1f}% of those "
                    "modelled): their contracts are paid outside those columns, so a baseline "
                    "spend taken from the practices (funding.baseline_spend = 0, the default) "
                    "holds nothing for them, and levelling up, where it is on, leaves them out",
                    plural(f.no_core_funding.size(), "practice has", "practices have"),
                    format_patients(f.registered_no_core_funding),
                    f.registered_modelled > 0
                        ? 100.0 * f.registered_no_core_funding / f.registered_modelled
                        : 0.0),
        f.no_core_funding);
}

// What each default means, by the name in report.defaults_used.
struct DefaultText {
  std::string key;
  std::string what;         // "no peer group in the attributes file"
  std::string consequence;  // "grouped ... "
};

// The default peer groups as they were formed (docs/scenario-format.md, "Peer groups"):
// G = min(peer_groups, n) bins of W/L over every practice loaded, whose counts differ by at
// most one; when the file places some practices, only the bins holding an unplaced one
// become groups, and their counts of unplaced practices need not be equal.
std::string peer_group_consequence(const PracticeDataSpec& spec, const LoadFindings& f, bool all) {
  const int bins = std::min(spec.peer_groups, f.practices);
  const std::string groups =
      plural(static_cast<std::size_t>(f.default_peer_groups), "group", "groups");
  if (all)
    return fmt::format(
        "grouped by their weighting ratio W/L into {} of equal count (within one){}", groups,
        bins < spec.peer_groups ? fmt::format(" (peer_groups = {}, but only {} practices)",
                                              spec.peer_groups, f.practices)
                                : "");
  return fmt::format(
      "grouped by their weighting ratio W/L into {}: the {} equal-count bins of W/L are cut "
      "over all {} practices loaded, and each bin's practices without a group in the file "
      "form one group (so these groups need not be of equal size)",
      groups, bins, format_patients(static_cast<double>(f.practices)));
}

DefaultText default_text(const PracticeDataSpec& spec, const std::string& name,
                         const std::vector<model::RoleParameters>& roles, const LoadFindings& f,
                         bool all) {
  if (name == "peer_group")
    return {"practices.peer_groups", "no peer group in the attributes file",
            peer_group_consequence(spec, f, all)};
  if (name == "neighbourhood")
    return {"practices.neighbourhood_size", "no neighbourhood in the attributes file and no PCN",
            fmt::format("grouped in postcode order into neighbourhoods of about {} patients",
                        format_patients(spec.neighbourhood_size))};
  if (name == "referrals_per_1000_weighted")
    return {"savings.referrals_per_1000_weighted", "no referral rate in the attributes file",
            "the model draws each around its peer group's rate from the file (weighted by "
            "weighted patients), or savings.referrals_per_1000_weighted where the group has none"};
  if (name == "prescribing_per_weighted")
    return {"savings.prescribing_per_weighted", "no prescribing cost in the attributes file",
            "each takes savings.prescribing_per_weighted (no draw is made)"};
  for (const auto& role : roles)
    if (name == "role_fte." + role.name)
      return {"roles." + role.name + ".baseline_fte_per_1000",
              role.attributes_column.empty()
                  ? fmt::format("no {} FTE (the role has no attributes_column)", role.name)
                  : fmt::format("no {} FTE in the attributes file", role.name),
              fmt::format("FTE = baseline_fte_per_1000 ({}) x list / 1,000",
                          format_patients(role.baseline_fte_per_1000))};
  return {"practices", name, "a default"};  // gp_headcount: reported with its reasons below
}

void default_warnings(const PracticeDataSpec& spec, const std::vector<model::RoleParameters>& roles,
                      const LoadFindings& f, std::vector<RunWarning>& out) {
  if (!f.headcount_defaults.empty())
    add(out, "practices.patients_per_gp",
        fmt::format(
            "{} no GP headcount in the data: they start with max(1, round(list / {})) "
            "GPs, split by gp_age_profile{}",
            plural(f.headcount_defaults.size(), "practice has", "practices have"),
            format_patients(spec.patients_per_gp),
            spec.has_key("patients_per_gp") ? "" : " (patients_per_gp not set: pcsim's default)"),
        f.headcount_defaults);
  for (const auto& [name, codes] : f.defaults) {
    if (codes.empty() || name == "gp_headcount") continue;
    const bool all = static_cast<int>(codes.size()) == f.practices;
    const DefaultText text = default_text(spec, name, roles, f, all);
    add(out, text.key,
        fmt::format("{} {}: {}",
                    all ? fmt::format("all {} practices have",
                                      format_patients(static_cast<double>(codes.size())))
                        : plural(codes.size(), "practice has", "practices have"),
                    text.what, text.consequence),
        all ? std::vector<std::string>{} : codes);
  }
}

}  // namespace

std::vector<RunWarning> load_warnings(const PracticeDataSpec& spec,
                                      const std::vector<model::RoleParameters>& roles,
                                      const LoadFindings& f) {
  std::vector<RunWarning> out;
  if (spec.attributes_csv.empty() && spec.gp_headcount_csv.empty())
    add(out, "practices.attributes_csv",
        "no attributes_csv and no gp_headcount_csv: every practice's GP headcount comes from "
        "patients_per_gp, and its peer group, role FTE, referral rate and prescribing cost "
        "from defaults",
        {});
  payments_warnings(f, out);
  if (!f.suppressed.empty())
    add(out, "practices.attributes_csv",
        fmt::format("{} suppressed by the publisher: those practices take the default for it",
                    plural(f.suppressed.size(), "data cell is", "data cells are")),
        f.suppressed);
  if (!f.total_mismatches.empty())
    add(out, "practices.attributes_csv",
        fmt::format("{}: the GP age bands disagree with the total headcount; the bands are used",
                    plural(f.total_mismatches.size(), "practice", "practices")),
        f.total_mismatches);
  if (!f.without_gp.empty())
    add(out,
        spec.gp_headcount_csv.empty() ? "practices.attributes_csv" : "practices.gp_headcount_csv",
        fmt::format("{} no permanent GP in the data (run by locums, or missing from the "
                    "workforce return): they start with 0 GPs",
                    plural(f.without_gp.size(), "practice has", "practices have")),
        f.without_gp);
  if (!f.areas_without_icb.empty() && f.areas_counted_over_file)
    add(out, "practices.area_icb_csv",
        fmt::format("{} of the payments file {} {} not in the area-to-ICB map {}: icb_codes "
                    "cannot select their practices, so any of them in {} is left out of the run",
                    plural(f.areas_without_icb.size(), "area", "areas"), spec.payments_csv.string(),
                    f.areas_without_icb.size() == 1 ? "is" : "are", spec.area_icb_csv.string(),
                    join_items(spec.icb_codes)),
        f.areas_without_icb);
  else if (!f.areas_without_icb.empty())
    add(out, "practices.area_icb_csv",
        fmt::format("{} of the payments file {} {} not in the area-to-ICB map {}: their "
                    "practices have no ICB",
                    plural(f.areas_without_icb.size(), "area", "areas"), spec.payments_csv.string(),
                    f.areas_without_icb.size() == 1 ? "is" : "are", spec.area_icb_csv.string()),
        f.areas_without_icb);
  if (!f.attributes_not_in_payments.empty())
    add(out, "practices.attributes_csv",
        fmt::format(
            "{} of the attributes file {} {} that the payments file {} does not have: "
            "{} not used (mistyped codes, or a file of another year?)",
            plural(f.attributes_not_in_payments.size(), "row", "rows"),
            spec.attributes_csv.string(),
            f.attributes_not_in_payments.size() == 1 ? "names a practice" : "name practices",
            spec.payments_csv.string(),
            f.attributes_not_in_payments.size() == 1 ? "its figures are" : "their figures are"),
        f.attributes_not_in_payments);
  for (const auto& [column, sets] : {std::pair{"peer_group", &f.look_alike_peer_groups},
                                     std::pair{"neighbourhood", &f.look_alike_neighbourhoods}})
    if (!sets->empty())
      add(out, "practices.attributes_csv",
          fmt::format("{} of {} labels {} equal but for the case of letters or spaces, and "
                      "labels are compared exactly, so each label is a group of its own: write "
                      "them alike if they are one group",
                      plural(sets->size(), "set", "sets"), column,
                      sets->size() == 1 ? "is" : "are"),
          *sets);
  default_warnings(spec, roles, f, out);
  return out;
}

}  // namespace pcsim::scenarios
