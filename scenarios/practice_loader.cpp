#include "scenarios/practice_loader.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "core/errors.hpp"
#include "scenarios/attributes_reader.hpp"
#include "scenarios/payments_reader.hpp"
#include "scenarios/practice_defaults.hpp"

namespace pcsim::scenarios {

namespace {

Diagnostic spec_problem(const PracticeDataSpec& spec, std::string key, std::string found,
                        std::string expected) {
  Diagnostic d;
  d.line = spec.line;
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
    problems.push_back(spec_problem(spec, "peer_groups", std::to_string(spec.peer_groups),
                                    "an integer >= 1"));
  if (!(spec.neighbourhood_size > 0))
    problems.push_back(spec_problem(spec, "neighbourhood_size",
                                    number_text(spec.neighbourhood_size), "patients > 0"));
  if (!(spec.patients_per_gp > 0))
    problems.push_back(spec_problem(spec, "patients_per_gp", number_text(spec.patients_per_gp),
                                    "patients > 0"));
  if (!problems.empty()) throw InputError(std::move(problems));
}

// The GP age profile is needed only when some practice lacks a GP headcount.
void check_age_profile(const PracticeDataSpec& spec) {
  double sum = 0;
  bool negative = false;
  for (double share : spec.gp_age_profile) {
    negative = negative || !(share >= 0);
    sum += share;
  }
  if (negative || !(sum > 0))
    throw InputError({spec_problem(
        spec, "gp_age_profile", negative ? "a negative share" : "shares summing to 0",
        "non-negative shares of GPs by age band with a positive sum (needed because some "
        "practices have no GP headcount by age band)")});
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

[[noreturn]] void throw_no_practices(const PracticeDataSpec& spec,
                                     const PaymentsSelection& payments) {
  Diagnostic d = spec_problem(
      spec, "ccg_codes",
      (spec.ccg_codes.empty() ? std::string("every CCG") : "CCG codes " + join(spec.ccg_codes)) +
          ": " + std::to_string(payments.rows_matching) + " practice rows in " + payments.file +
          ", " + std::to_string(payments.skipped.size()) +
          " of them skipped (closed or without patients)",
      "at least one open practice with registered and weighted patients");
  throw InputError({d});
}

// Peer groups: the file's labels first, then default groups by weighting ratio W/L.
int assign_peer_groups(const PracticeDataSpec& spec,
                       const std::vector<const PracticeAttributes*>& attributes,
                       std::vector<model::PracticeBaseline>& practices, int& defaults) {
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
  for (std::size_t i = 0; i < practices.size(); ++i) {
    if (given.index[i] >= 0) {
      practices[i].peer_group = given.index[i];
    } else {
      practices[i].peer_group = default_group.at(quantile[i]);
      ++defaults;
    }
  }
  return next;
}

// Neighbourhoods: the file's labels first, then default groups in postcode order.
int assign_neighbourhoods(const PracticeDataSpec& spec,
                          const std::vector<const PracticeAttributes*>& attributes,
                          std::vector<model::PracticeBaseline>& practices, int& defaults) {
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < practices.size(); ++i)
    labels.push_back(attributes[i] ? attributes[i]->neighbourhood : std::string());
  const LabelIndex given = index_labels(labels);

  std::vector<std::size_t> without;
  std::vector<std::string> postcodes;
  std::vector<Patients> patients;
  for (std::size_t i = 0; i < practices.size(); ++i) {
    if (given.index[i] >= 0) {
      practices[i].neighbourhood = given.index[i];
      continue;
    }
    without.push_back(i);
    postcodes.push_back(practices[i].postcode);
    patients.push_back(practices[i].registered_patients);
  }
  const std::vector<int> grouped = postcode_groups(postcodes, patients, spec.neighbourhood_size);
  int default_groups = 0;
  for (std::size_t k = 0; k < without.size(); ++k) {
    practices[without[k]].neighbourhood = given.groups + grouped[k];
    default_groups = std::max(default_groups, grouped[k] + 1);
    ++defaults;
  }
  return given.groups + default_groups;
}

}  // namespace

LoadedPractices load_practices(const PracticeDataSpec& spec,
                               const std::vector<model::RoleParameters>& roles) {
  check_spec(spec);
  PaymentsSelection payments = read_payments(spec.payments_csv, spec.ccg_codes);
  if (payments.practices.empty()) throw_no_practices(spec, payments);
  std::sort(payments.practices.begin(), payments.practices.end(),
            [](const PaymentsRecord& a, const PaymentsRecord& b) { return a.code < b.code; });

  std::optional<PracticeAttributesTable> table;
  if (!spec.attributes_csv.empty()) table = read_attributes(spec.attributes_csv, roles);

  LoadedPractices out;
  PracticeLoadReport& report = out.report;
  report.payments_file = payments.file;
  report.attributes_file = table ? table->file : std::string();
  report.rows_read = payments.rows_read;
  report.practices_selected = payments.rows_matching;
  report.practices_loaded = static_cast<int>(payments.practices.size());
  report.skipped = payments.skipped;

  // Join by practice code.
  const std::size_t n = payments.practices.size();
  std::vector<const PracticeAttributes*> attributes(n, nullptr);
  int matched = 0;
  auto& practices = out.practices.practices;
  practices.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const PaymentsRecord& r = payments.practices[i];
    model::PracticeBaseline& p = practices[i];
    p.code = r.code;
    p.name = r.name;
    p.ccg_code = r.ccg_code;
    p.postcode = r.postcode;
    p.registered_patients = r.registered_patients;
    p.weighted_patients = r.weighted_patients;
    p.core_funding = r.core_funding;
    if (table) {
      if (const auto it = table->by_code.find(r.code); it != table->by_code.end()) {
        attributes[i] = &it->second;
        ++matched;
      }
    }
  }
  report.attribute_rows_unused = table ? static_cast<int>(table->by_code.size()) - matched : 0;

  int peer_group_defaults = 0;
  int neighbourhood_defaults = 0;
  out.practices.peer_groups = assign_peer_groups(spec, attributes, practices, peer_group_defaults);
  out.practices.neighbourhoods =
      assign_neighbourhoods(spec, attributes, practices, neighbourhood_defaults);

  int gp_defaults = 0;
  int referral_defaults = 0;
  int prescribing_defaults = 0;
  std::vector<int> role_defaults(roles.size(), 0);
  for (std::size_t i = 0; i < n; ++i) {
    model::PracticeBaseline& p = practices[i];
    const PracticeAttributes* a = attributes[i];
    if (a && a->gp_headcount) {
      p.gp_headcount = *a->gp_headcount;
    } else {
      if (gp_defaults++ == 0) check_age_profile(spec);
      const long total = std::max(1L, std::lround(p.registered_patients / spec.patients_per_gp));
      p.gp_headcount = largest_remainder_split(static_cast<int>(total), spec.gp_age_profile);
    }
    p.role_fte.resize(roles.size());
    for (std::size_t r = 0; r < roles.size(); ++r) {
      if (a && a->role_fte[r]) {
        p.role_fte[r] = *a->role_fte[r];
      } else {
        p.role_fte[r] = roles[r].baseline_fte_per_1000 * p.registered_patients / 1000;
        ++role_defaults[r];
      }
    }
    // Left as kNotGiven where missing: the model draws them (MODEL.md, Savings).
    if (a && a->referrals_per_1000_weighted)
      p.referrals_per_1000_weighted = *a->referrals_per_1000_weighted;
    else
      ++referral_defaults;
    if (a && a->prescribing_per_weighted)
      p.prescribing_per_weighted = *a->prescribing_per_weighted;
    else
      ++prescribing_defaults;
  }

  report.defaults_used = {{"peer_group", peer_group_defaults},
                          {"neighbourhood", neighbourhood_defaults},
                          {"gp_headcount", gp_defaults}};
  for (std::size_t r = 0; r < roles.size(); ++r)
    report.defaults_used.emplace_back("role_fte." + roles[r].name, role_defaults[r]);
  report.defaults_used.emplace_back("referrals_per_1000_weighted", referral_defaults);
  report.defaults_used.emplace_back("prescribing_per_weighted", prescribing_defaults);
  return out;
}

}  // namespace pcsim::scenarios
