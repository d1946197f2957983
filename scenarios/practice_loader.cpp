#include "scenarios/practice_loader.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "model/funding.hpp"
#include "scenarios/area_membership.hpp"
#include "scenarios/attributes_reader.hpp"
#include "scenarios/base_year_practices.hpp"
#include "scenarios/gp_headcount_assignment.hpp"
#include "scenarios/gp_headcount_series.hpp"
#include "scenarios/load_text.hpp"
#include "scenarios/load_warnings.hpp"
#include "scenarios/payments_reader.hpp"
#include "scenarios/payments_year.hpp"
#include "scenarios/pcn_year.hpp"
#include "scenarios/practice_defaults.hpp"
#include "scenarios/practice_selection.hpp"

namespace pcsim::scenarios {

namespace {

Diagnostic spec_problem(const PracticeDataSpec& spec, std::string key, std::string found,
                        std::string expected) {
  Diagnostic d;
  d.file = spec.file;
  d.line = spec.line_of(key) > 0 ? spec.line_of(key) : spec.line;
  d.key = "practices." + std::move(key);
  d.found = std::move(found);
  d.expected = std::move(expected);
  return d;
}

std::string number_text(double value) {
  std::string text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

void check_spec(const PracticeDataSpec& spec) {
  std::vector<Diagnostic> problems;
  if (spec.peer_groups < 1)
    problems.push_back(
        spec_problem(spec, "peer_groups", std::to_string(spec.peer_groups), "an integer >= 1"));
  if (!(spec.neighbourhood_size > 0))
    problems.push_back(spec_problem(spec, "neighbourhood_size",
                                    number_text(spec.neighbourhood_size), "patients > 0"));
  if (!(spec.patients_per_gp > 0))
    problems.push_back(
        spec_problem(spec, "patients_per_gp", number_text(spec.patients_per_gp), "patients > 0"));
  if (!problems.empty()) throw InputError(std::move(problems));
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

[[noreturn]] void throw_no_practices(const PracticeDataSpec& spec, int selected_rows,
                                     std::size_t left_out) {
  std::string chosen;
  if (!spec.ccg_codes.empty()) chosen += "CCG codes " + join(spec.ccg_codes);
  if (!spec.icb_codes.empty())
    chosen += (chosen.empty() ? "" : ", ") + ("ICB codes " + join(spec.icb_codes));
  if (!spec.pcn_codes.empty())
    chosen += (chosen.empty() ? "" : ", ") + ("PCN codes " + join(spec.pcn_codes));
  if (chosen.empty()) chosen = "every area";
  const std::string key = !spec.ccg_codes.empty()   ? "ccg_codes"
                          : !spec.icb_codes.empty() ? "icb_codes"
                          : !spec.pcn_codes.empty() ? "pcn_codes"
                                                    : "payments_csv";
  Diagnostic d =
      spec_problem(spec, key,
                   chosen + ": " + std::to_string(selected_rows) + " practice rows in " +
                       spec.payments_csv.string() + ", " + std::to_string(left_out) +
                       " of them skipped or closed (without patients, or their lists moved)",
                   "at least one open practice with registered and weighted patients");
  throw InputError({d});
}

// Peer groups: the file's labels first, then default groups by weighting ratio W/L.
int assign_peer_groups(const PracticeDataSpec& spec,
                       const std::vector<const PracticeAttributes*>& attributes,
                       std::vector<model::PracticeBaseline>& practices,
                       std::vector<std::string>& defaulted, int& default_groups) {
  std::vector<std::string> labels;
  std::vector<double> ratio;
  for (std::size_t i = 0; i < practices.size(); ++i) {
    labels.push_back(attributes[i] ? attributes[i]->peer_group : std::string());
    ratio.push_back(practices[i].weighted_patients / practices[i].registered_patients);
  }
  const LabelIndex given = index_labels(labels);
  const std::vector<int> quantile = quantile_groups(ratio, spec.peer_groups);
  std::map<int, int> default_group;  // quantile group -> peer group number, in ratio order
  for (std::size_t i = 0; i < practices.size(); ++i)
    if (given.index[i] < 0) default_group.emplace(quantile[i], 0);
  int next = given.groups;
  for (auto& entry : default_group) entry.second = next++;
  default_groups = static_cast<int>(default_group.size());
  for (std::size_t i = 0; i < practices.size(); ++i) {
    if (given.index[i] >= 0) {
      practices[i].peer_group = given.index[i];
    } else {
      practices[i].peer_group = default_group.at(quantile[i]);
      defaulted.push_back(practices[i].code);
    }
  }
  return next;
}

// Neighbourhoods: the file's labels first, then PCNs, then default groups in postcode order.
int assign_neighbourhoods(const PracticeDataSpec& spec,
                          const std::vector<const PracticeAttributes*>& attributes,
                          std::vector<model::PracticeBaseline>& practices,
                          std::vector<std::string>& defaulted) {
  std::vector<std::string> labels, pcns;
  for (std::size_t i = 0; i < practices.size(); ++i) {
    labels.push_back(attributes[i] ? attributes[i]->neighbourhood : std::string());
    pcns.push_back(labels.back().empty() ? practices[i].pcn_code : std::string());
  }
  const LabelIndex given = index_labels(labels);
  const LabelIndex by_pcn = index_labels(pcns);

  std::vector<std::size_t> without;
  std::vector<std::string> postcodes;
  std::vector<Patients> patients;
  for (std::size_t i = 0; i < practices.size(); ++i) {
    if (given.index[i] >= 0) {
      practices[i].neighbourhood = given.index[i];
    } else if (by_pcn.index[i] >= 0) {
      practices[i].neighbourhood = given.groups + by_pcn.index[i];
    } else {
      without.push_back(i);
      postcodes.push_back(practices[i].postcode);
      patients.push_back(practices[i].registered_patients);
    }
  }
  const int first_default = given.groups + by_pcn.groups;
  const std::vector<int> grouped = postcode_groups(postcodes, patients, spec.neighbourhood_size);
  int default_groups = 0;
  for (std::size_t k = 0; k < without.size(); ++k) {
    practices[without[k]].neighbourhood = first_default + grouped[k];
    default_groups = std::max(default_groups, grouped[k] + 1);
    defaulted.push_back(practices[without[k]].code);
  }
  return first_default + default_groups;
}

}  // namespace

namespace {

// The selected rows' notes, for the report and the warnings.
std::vector<const RowNote*> selected_notes(const std::vector<RowNote>& notes,
                                           const std::vector<bool>& selected) {
  std::vector<const RowNote*> out;
  for (const RowNote& note : notes)
    if (selected[note.row]) out.push_back(&note);
  return out;
}

// Blank money cells of selected practices ("CODE (line N): ..." begins with the code).
std::vector<std::string> selected_lines(const std::vector<std::string>& lines,
                                        const std::set<std::string>& codes) {
  std::vector<std::string> out;
  for (const auto& line : lines)
    if (codes.count(line.substr(0, line.find(' ')))) out.push_back(line);
  return out;
}

std::vector<PcnMembership> read_pcn_files(const PracticeDataSpec& spec) {
  std::vector<PcnMembership> files;
  for (const auto& f : spec.pcn_payments_csv) files.push_back(read_pcn_membership(f.file, f.year));
  return files;
}

// The fields the payments file gives (lists after the moves of closed practices' lists).
model::PracticeBaseline baseline_of(const YearZeroPractice& y) {
  const PaymentsRecord& r = *y.record;
  model::PracticeBaseline p;
  p.code = r.code;
  p.name = r.name;
  p.ccg_code = r.ccg_code;
  p.icb_code = y.icb_code;
  p.pcn_code = y.pcn_code;
  p.postcode = r.postcode;
  p.contract_type = r.contract_type.empty() ? "UNKNOWN" : r.contract_type;
  p.opened_in_year = y.opened_in_year;
  p.closed_in_year = y.closed_in_year;
  p.registered_patients = y.registered_patients;
  p.weighted_patients = y.weighted_patients;
  p.payments_weighted_patients = r.weighted_patients;
  p.core_funding = r.core_funding;
  return p;
}

}  // namespace

LoadedPractices load_practices(const PracticeDataSpec& spec,
                               const std::vector<model::RoleParameters>& roles) {
  check_spec(spec);
  const BaseYear base(spec.start_year);
  const PaymentsFile payments = read_payments_file(spec.payments_csv);
  // A file of another year would run with the wrong lists under the wrong year labels.
  std::vector<RunWarning> year_warnings = check_payments_year(payments, base, spec);
  // So would a file of pcn_payments_csv of another year than the one it is given.
  const std::vector<PcnMembership> pcn_files = read_pcn_files(spec);
  for (std::size_t i = 0; i < pcn_files.size(); ++i)
    for (auto& w : check_pcn_file_year(pcn_files[i], spec.pcn_payments_csv[i], spec.file))
      year_warnings.push_back(std::move(w));
  std::optional<AreaIcbMap> areas;
  if (!spec.area_icb_csv.empty()) areas = read_area_icb_map(spec.area_icb_csv);
  const BaseYearPractices year_zero =
      base_year_practices(payments, base, pcn_files, areas, spec.closed_lists);
  const std::vector<bool> selected = select_rows(payments, year_zero, spec);

  std::vector<const YearZeroPractice*> chosen;
  for (const auto& y : year_zero.practices)
    if (selected[y.row]) chosen.push_back(&y);
  const int selected_rows = static_cast<int>(std::count(selected.begin(), selected.end(), true));
  if (chosen.empty())
    throw_no_practices(spec, selected_rows, static_cast<std::size_t>(selected_rows));
  std::sort(chosen.begin(), chosen.end(),
            [](const auto* a, const auto* b) { return a->record->code < b->record->code; });

  std::optional<PracticeAttributesTable> table;
  if (!spec.attributes_csv.empty()) table = read_attributes(spec.attributes_csv, roles);
  std::optional<GpHeadcountSeries> series;
  if (!spec.gp_headcount_csv.empty())
    series = read_gp_headcount_series(spec.gp_headcount_csv, base.end_year());

  LoadedPractices out;
  PracticeLoadReport& report = out.report;
  LoadFindings findings;
  report.payments_file = payments.file;
  report.attributes_file = table ? table->file : std::string();
  report.gp_headcount_file = series ? series->file : std::string();
  report.area_icb_file = areas ? areas->file : std::string();
  report.payments_sha256 = payments.sha256;
  report.attributes_sha256 = table ? table->sha256 : std::string();
  report.gp_headcount_sha256 = series ? series->sha256 : std::string();
  report.area_icb_sha256 = areas ? areas->sha256 : std::string();
  for (const PcnMembership& f : pcn_files) {
    report.pcn_payments_files.push_back(BaseYear(f.year).label() + ": " + f.file);
    report.pcn_payments_sha256.push_back(f.sha256);
  }
  report.base_year = base.label();
  report.rows_read = static_cast<int>(payments.rows.size());
  report.practices_selected = selected_rows;
  report.practices_loaded = static_cast<int>(chosen.size());
  findings.base_year = base.label();
  findings.practices = report.practices_loaded;
  findings.skipped = selected_notes(year_zero.skipped, selected);
  findings.moved = selected_notes(year_zero.moved, selected);
  findings.unplaced = selected_notes(year_zero.unplaced, selected);
  findings.closes_after_year = selected_notes(year_zero.closes_after_year, selected);
  for (const RowNote* note : findings.skipped) report.skipped.push_back(note->text);
  for (const RowNote* note : findings.moved) {
    report.skipped.push_back(note->text);
    report.registered_patients_moved += note->registered;
  }
  report.closed_lists_moved = static_cast<int>(findings.moved.size());
  findings.registered_moved = report.registered_patients_moved;
  report.closed_lists = spec.closed_lists == ClosedLists::Move ? "move" : "already_counted";
  findings.not_counted = selected_notes(year_zero.not_counted, selected);
  for (const RowNote* note : findings.not_counted) {
    report.skipped.push_back(note->text);
    report.registered_patients_not_counted += note->registered;
  }
  report.closed_lists_not_counted = static_cast<int>(findings.not_counted.size());
  findings.registered_not_counted = report.registered_patients_not_counted;

  // Join by practice code.
  const std::size_t n = chosen.size();
  std::vector<const PracticeAttributes*> attributes(n, nullptr);
  std::set<std::string> codes;
  int matched = 0;
  auto& practices = out.practices.practices;
  for (std::size_t i = 0; i < n; ++i) {
    practices.push_back(baseline_of(*chosen[i]));
    codes.insert(practices[i].code);
    report.registered_patients += practices[i].registered_patients;
    report.weighted_patients += practices[i].weighted_patients;
    if (!practices[i].pcn_code.empty()) ++report.practices_with_pcn;
    if (table) {
      if (const auto it = table->by_code.find(practices[i].code); it != table->by_code.end()) {
        attributes[i] = &it->second;
        ++matched;
      }
    }
  }
  report.attribute_rows_unused = table ? static_cast<int>(table->by_code.size()) - matched : 0;
  findings.registered_modelled = report.registered_patients;
  for (std::size_t i = 0; i < n; ++i) {
    if (practices[i].core_funding > 0) continue;
    const PaymentsRecord& r = *chosen[i]->record;
    findings.no_core_funding.push_back(
        fmt::format("{} (line {}): {}, £{:.2f} core, {} registered patients", r.code, r.line,
                    r.contract_type.empty() ? std::string("contract unknown") : r.contract_type,
                    practices[i].core_funding, format_patients(practices[i].registered_patients)));
    findings.registered_no_core_funding += practices[i].registered_patients;
  }
  // The model's own sum, so the figure reported is the baseline spend the run used.
  report.core_funding = model::practices_core_funding(out.practices);
  findings.blank_money = selected_lines(payments.blank_money, codes);
  if (table) {
    findings.suppressed = selected_lines(table->suppressed, codes);
    findings.total_mismatches = selected_lines(table->total_mismatches, codes);
  }
  // The series' NA cells are named in the headcount warning where they matter.
  report.suppressed_cells = static_cast<int>(findings.suppressed.size());
  if (series)
    for (const auto& [code, figure] : series->by_code)
      report.suppressed_cells += !figure.headcount && codes.count(code);
  // Attribute rows of practices the payments file lacks (mistyped codes, another year's
  // file): their figures reach no practice, and the user must know.
  if (table) {
    std::set<std::string> in_payments;
    for (const auto& r : payments.rows) in_payments.insert(r.code);
    std::map<int, std::string> by_line;
    for (const auto& [code, row] : table->by_code)
      if (!in_payments.count(code)) by_line.emplace(row.line, code);
    for (const auto& [line, code] : by_line)
      findings.attributes_not_in_payments.push_back(code + " (line " + std::to_string(line) + ")");
  }
  // Areas the map lacks. Selecting by icb_codes, the practices of such an area are never
  // selected whatever their ICB, so they are counted over every row of the file: among
  // the loaded practices there would be none to count.
  if (areas) {
    findings.areas_counted_over_file = !spec.icb_codes.empty();
    std::map<std::string, int> without_icb;
    if (findings.areas_counted_over_file) {
      for (std::size_t i = 0; i < payments.rows.size(); ++i)
        if (year_zero.row_icb[i].empty()) ++without_icb[payments.rows[i].ccg_code];
    } else {
      for (const auto& p : practices)
        if (p.icb_code.empty()) ++without_icb[p.ccg_code];
    }
    const char* unit = findings.areas_counted_over_file ? " practice row" : " practice";
    for (const auto& [area, count] : without_icb)
      findings.areas_without_icb.push_back(area + " (" + std::to_string(count) + unit +
                                           (count == 1 ? ")" : "s)"));
  }

  // Labels kept apart that read as one (a slip in the file, or two groups meant?).
  std::vector<std::string> peer_labels, neighbourhood_labels;
  for (const PracticeAttributes* a : attributes) {
    peer_labels.push_back(a ? a->peer_group : std::string());
    neighbourhood_labels.push_back(a ? a->neighbourhood : std::string());
  }
  findings.look_alike_peer_groups = look_alike_labels(peer_labels);
  findings.look_alike_neighbourhoods = look_alike_labels(neighbourhood_labels);

  std::vector<std::string> peer_defaults, neighbourhood_defaults, gp_defaults;
  out.practices.peer_groups =
      assign_peer_groups(spec, attributes, practices, peer_defaults, findings.default_peer_groups);
  out.practices.neighbourhoods =
      assign_neighbourhoods(spec, attributes, practices, neighbourhood_defaults);

  std::vector<int> sources(kHeadcountSources, 0);
  std::vector<std::string> referral_defaults, prescribing_defaults;
  std::vector<std::vector<std::string>> role_defaults(roles.size());
  for (std::size_t i = 0; i < n; ++i) {
    model::PracticeBaseline& p = practices[i];
    const PracticeAttributes* a = attributes[i];
    const PracticeHeadcount headcount =
        practice_headcount(spec, p.registered_patients, a, series ? &*series : nullptr, p.code);
    p.gp_headcount = headcount.bands;
    p.gp_headcount_from_data = headcount.source != HeadcountSource::PatientsPerGp;
    ++sources[static_cast<std::size_t>(headcount.source)];
    double total = 0;
    for (double v : p.gp_headcount) total += v;
    report.gp_headcount += total;
    if (!p.gp_headcount_from_data) {
      gp_defaults.push_back(p.code);
      findings.headcount_defaults.push_back(p.code + ": " + headcount.default_reason);
    } else if (total == 0) {
      findings.without_gp.push_back(p.code + ": 0 GPs (" + headcount_source_name(headcount.source) +
                                    ")");
    }
    p.role_fte.resize(roles.size());
    for (std::size_t r = 0; r < roles.size(); ++r) {
      if (a && a->role_fte[r]) {
        p.role_fte[r] = *a->role_fte[r];
      } else {
        p.role_fte[r] = roles[r].baseline_fte_per_1000 * p.registered_patients / 1000;
        role_defaults[r].push_back(p.code);
      }
    }
    // Left as kNotGiven where missing: the model draws them (MODEL.md, Savings).
    if (a && a->referrals_per_1000_weighted)
      p.referrals_per_1000_weighted = *a->referrals_per_1000_weighted;
    else
      referral_defaults.push_back(p.code);
    if (a && a->prescribing_per_weighted)
      p.prescribing_per_weighted = *a->prescribing_per_weighted;
    else
      prescribing_defaults.push_back(p.code);
  }
  report.practices_without_gp = static_cast<int>(findings.without_gp.size());
  for (int s = 0; s < kHeadcountSources; ++s)
    report.gp_headcount_sources.emplace_back(headcount_source_name(static_cast<HeadcountSource>(s)),
                                             sources[static_cast<std::size_t>(s)]);

  findings.defaults = {{"peer_group", std::move(peer_defaults)},
                       {"neighbourhood", std::move(neighbourhood_defaults)},
                       {"gp_headcount", std::move(gp_defaults)}};
  for (std::size_t r = 0; r < roles.size(); ++r)
    findings.defaults.emplace_back("role_fte." + roles[r].name, std::move(role_defaults[r]));
  findings.defaults.emplace_back("referrals_per_1000_weighted", std::move(referral_defaults));
  findings.defaults.emplace_back("prescribing_per_weighted", std::move(prescribing_defaults));
  for (const auto& [name, list] : findings.defaults)
    report.defaults_used.emplace_back(name, static_cast<int>(list.size()));
  out.warnings = std::move(year_warnings);  // first: a wrong year changes every figure
  for (auto& w : load_warnings(spec, roles, findings)) out.warnings.push_back(std::move(w));
  return out;
}

}  // namespace pcsim::scenarios
