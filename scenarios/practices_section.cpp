#include "scenarios/practices_section.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "model/age_bands.hpp"
#include "scenarios/base_year.hpp"
#include "scenarios/key_schema.hpp"
#include "scenarios/suggest.hpp"

namespace pcsim::scenarios {
namespace {

namespace fs = std::filesystem;

std::string kind_of_file(fs::file_type type) {
  switch (type) {
    case fs::file_type::directory:
      return "a directory";
    case fs::file_type::fifo:
      return "a FIFO (named pipe)";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::socket:
      return "a socket";
    default:
      return "something that cannot be read";
  }
}

// A path: a non-empty string naming an existing file, relative to the scenario folder.
bool read_path_node(const toml::node& node, const std::string& label, const fs::path& folder,
                    fs::path& target, DiagnosticCollector& out) {
  const auto* text = node.as_string();
  if (!text || text->get().empty()) {
    out.add(position_of(node), label, describe_node(node),
            "the path of a CSV file, relative to the scenario file's folder");
    return false;
  }
  const fs::path resolved = folder / fs::path(text->get());
  std::error_code ec;
  const fs::file_type type = fs::status(resolved, ec).type();
  if (type != fs::file_type::regular) {
    // Absolute paths in the message, so the user sees where the reader looked.
    const auto shown = [](const fs::path& p) {
      std::error_code ignored;
      const fs::path absolute = fs::absolute(p, ignored);
      return (absolute.empty() ? p : absolute).lexically_normal().string();
    };
    // What is there instead: nothing, something that cannot be looked at (no permission on
    // a folder of the path), or the wrong kind of file (a folder named by mistake).
    const std::string what = type == fs::file_type::not_found ? "but there is no such file"
                             : type == fs::file_type::none
                                 ? "which cannot be read (" + ec.message() + ")"
                                 : "which is " + kind_of_file(type) + ", not a regular file";
    out.add(position_of(node), label,
            fmt::format("\"{}\", {} ({})", text->get(), what, shown(resolved)),
            fmt::format("an existing regular file; paths are relative to the scenario file's "
                        "folder ({})",
                        shown(folder.empty() ? fs::path(".") : folder)));
    return false;
  }
  target = resolved.lexically_normal();
  return true;
}

void read_file_path(const toml::table& section, std::string_view key, const fs::path& folder,
                    fs::path& target, DiagnosticCollector& out) {
  if (const toml::node* node = section.get(key))
    read_path_node(*node, join_path("practices", key), folder, target, out);
}

// An array of area or network codes, e.g. ccg_codes = ["00T"].
void read_codes(const toml::table& section, std::string_view key, std::string_view example,
                std::vector<std::string>& target, DiagnosticCollector& out) {
  const toml::node* node = section.get(key);
  if (!node) return;
  const std::string label = join_path("practices", key);
  const std::string expected = fmt::format(
      "an array of codes as in the data files, e.g. {} (omit the key to select by the other "
      "codes, or every practice)",
      example);
  const auto* array = node->as_array();
  if (!array) {
    out.add(position_of(*node), label, describe_node(*node), expected);
    return;
  }
  // An empty list written on purpose selects nothing; it is not the key left out, which
  // selects every practice (the audit: ccg_codes = [] ran all of England).
  if (array->empty()) {
    out.add(position_of(*node), label, "an empty array, which would select no practice", expected);
    return;
  }
  std::vector<std::string> codes;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& item = *array->get(i);
    const auto* code = item.as_string();
    if (!code || code->get().empty()) {
      out.add(position_of(item), label,
              fmt::format("item {} of the array: {}", i + 1,
                          code ? std::string("an empty string") : describe_node(item)),
              expected);
      return;
    }
    codes.push_back(code->get());
  }
  target = std::move(codes);
}

// pcn_payments_csv = { "2019/20" = "data/...csv", ... }: payments files of other years, read
// for their PCN codes, each labelled with its financial year.
void read_pcn_files(const toml::table& section, const fs::path& folder, PracticeDataSpec& spec,
                    DiagnosticCollector& out) {
  const toml::node* node = section.get("pcn_payments_csv");
  if (!node) return;
  const toml::table* table = node->as_table();
  constexpr std::string_view expected =
      "a table of payments files by financial year, e.g. pcn_payments_csv = { \"2019/20\" = "
      "\"data/nhs-payments/nhspaymentsgp-19-20.csv\" }";
  if (!table || table->empty()) {
    out.add(position_of(*node), "practices.pcn_payments_csv", describe_node(*node),
            std::string(expected));
    return;
  }
  for (const auto& [key, value] : *table) {
    const std::string label = join_path("practices.pcn_payments_csv", key.str());
    const auto year = parse_fiscal_year(key.str());
    if (!year || key.str().size() != 7) {
      out.add(position_of(key), label, fmt::format("the year \"{}\"", key.str()),
              "a financial year written \"2019/20\"");
      continue;
    }
    fs::path path;
    if (read_path_node(value, label, folder, path, out)) {
      const Position where = position_of(key);
      spec.pcn_payments_csv.push_back({*year, path, where.file, where.line});
    }
  }
}

// A number in `range` (a whole number when `whole`); the message states the range.
template <class T>
void read_in_range(const toml::table& section, std::string_view key, bool whole,
                   const PracticesKeyRange& range, T& target, DiagnosticCollector& out) {
  const toml::node* node = section.get(key);
  if (!node) return;
  const bool numeric = node->is_integer() || (!whole && node->is_floating_point());
  const double v = numeric ? *node->value<double>() : 0.0;
  const bool low = range.lowest_excluded ? !(v > range.lowest) : !(v >= range.lowest);
  if (!numeric || !std::isfinite(v) || low || v > range.highest) {
    const std::string highest = format_number(range.highest);
    out.add(position_of(*node), join_path("practices", key), describe_node(*node),
            range.lowest_excluded
                ? fmt::format("a number above {}, at most {}", format_number(range.lowest), highest)
                : fmt::format("a {} from {} to {}", whole ? "whole number" : "number",
                              format_number(range.lowest), highest));
    return;
  }
  target = static_cast<T>(v);
}

// Every band key once, each share in [0, 1], summing to 1 within 1e-6.
void read_age_profile(const toml::table& section, PracticeDataSpec& spec,
                      DiagnosticCollector& out) {
  const toml::node* node = section.get("gp_age_profile");
  if (!node) return;
  const std::string label = "practices.gp_age_profile";
  const toml::table* table = node->as_table();
  if (!table) {
    out.add(position_of(*node), label, describe_node(*node),
            "a table of the share of GPs in each age band, e.g. { under_30 = 0.02, "
            "\"30_34\" = 0.08, ... }");
    return;
  }
  const auto& bands = KeySchema::get().children(label);
  model::BandArray profile{};
  bool ok = true;
  for (const auto& [key, value] : *table) {
    const int band = model::age_band_index(key.str());
    if (band < 0) {
      report_unknown_key(out, key, join_path(label, key.str()), label, bands);
      ok = false;
      continue;
    }
    const auto share = value.value<double>();
    if (!share || !(value.is_integer() || value.is_floating_point()) ||
        !(*share >= 0 && *share <= 1)) {  // NaN too
      out.add(position_of(value), join_path(label, key.str()), describe_node(value),
              "a share from 0 to 1");
      ok = false;
      continue;
    }
    profile[band] = *share;
  }
  std::vector<std::string> missing;
  for (int b = 0; b < model::kAgeBands; ++b)
    if (!table->contains(model::kAgeBandKeys[b])) missing.emplace_back(model::kAgeBandKeys[b]);
  if (!missing.empty()) {
    std::string names;
    for (const auto& m : missing) names += (names.empty() ? "" : ", ") + m;
    out.add(position_of(*node), label, fmt::format("no share for {}", names),
            "a share for every age band: under_30, 30_34, 35_39, 40_44, 45_49, 50_54, 55_59, "
            "60_64, 65_plus (0 where there are none)");
    return;
  }
  if (!ok) return;
  double total = 0;
  for (double s : profile) total += s;
  if (std::fabs(total - 1.0) > 1e-6) {
    out.add(position_of(*node), label, fmt::format("shares summing to {}", format_number(total)),
            "shares summing to 1");
    return;
  }
  spec.gp_age_profile = profile;
}

// closed_lists = "already_counted" (the default) or "move".
void read_closed_lists(const toml::table& table, PracticeDataSpec& spec, DiagnosticCollector& out) {
  const toml::node* node = table.get("closed_lists");
  if (!node) return;
  const auto* text = node->as_string();
  const std::string value = text ? text->get() : std::string();
  if (value == "already_counted") {
    spec.closed_lists = ClosedLists::AlreadyCounted;
  } else if (value == "move") {
    spec.closed_lists = ClosedLists::Move;
  } else {
    const std::vector<std::string> choices = {"already_counted", "move"};
    const auto near = text ? nearest_key(value, choices) : std::nullopt;
    out.add(position_of(*node), "practices.closed_lists", describe_node(*node),
            "\"already_counted\" (a practice closed within the base year adds no patients: the "
            "open practices' lists hold them) or \"move\" (its last-known list moves to the "
            "open practices of its PCN or area)",
            near ? fmt::format("did you mean \"{}\"?", *near) : std::string());
  }
}

}  // namespace

PracticeDataSpec read_practices_section(const toml::node* section, const toml::table& root,
                                        const fs::path& folder, DiagnosticCollector& out) {
  PracticeDataSpec spec;
  if (!section) {
    out.add(position_of(root), "practices", "no [practices] section",
            "a [practices] section with at least payments_csv = \"<NHS payments CSV file>\"");
    return spec;
  }
  spec.file = out.file();
  spec.line = position_of(*section).line;
  const toml::table* table = section->as_table();
  if (!table) {
    out.add(position_of(*section), "practices", describe_node(*section),
            "a [practices] section (a table)");
    return spec;
  }
  const auto& valid = KeySchema::get().children("practices");
  for (const auto& [key, value] : *table) {
    if (std::find(valid.begin(), valid.end(), key.str()) == valid.end())
      report_unknown_key(out, key, join_path("practices", key.str()), "practices", valid);
    else
      spec.key_lines.emplace_back(std::string(key.str()), position_of(key).line);
  }
  if (!table->contains("payments_csv"))
    out.add(position_of(*section), "practices.payments_csv", "no payments_csv",
            "payments_csv = \"<path of the NHS Payments to General Practice CSV file>\"");
  read_file_path(*table, "payments_csv", folder, spec.payments_csv, out);
  read_file_path(*table, "attributes_csv", folder, spec.attributes_csv, out);
  read_file_path(*table, "gp_headcount_csv", folder, spec.gp_headcount_csv, out);
  read_file_path(*table, "area_icb_csv", folder, spec.area_icb_csv, out);
  read_pcn_files(*table, folder, spec, out);
  read_codes(*table, "ccg_codes", "[\"00T\"]", spec.ccg_codes, out);
  read_codes(*table, "icb_codes", "[\"QOP\"]", spec.icb_codes, out);
  read_codes(*table, "pcn_codes", "[\"U12345\"]", spec.pcn_codes, out);
  if (const toml::node* icb = table->get("icb_codes"); icb && !table->contains("area_icb_csv"))
    out.add(position_of(*icb), "practices.icb_codes", "icb_codes without area_icb_csv",
            "area_icb_csv = \"<CSV mapping each CCG / sub-ICB code to its ICB>\" beside "
            "icb_codes (e.g. data/geography/ccg_icb.csv)");
  read_in_range(*table, "peer_groups", true, kPeerGroupsRange, spec.peer_groups, out);
  read_in_range(*table, "neighbourhood_size", false, kNeighbourhoodSizeRange,
                spec.neighbourhood_size, out);
  read_in_range(*table, "patients_per_gp", false, kPatientsPerGpRange, spec.patients_per_gp, out);
  read_age_profile(*table, spec, out);
  read_closed_lists(*table, spec, out);
  return spec;
}

}  // namespace pcsim::scenarios
