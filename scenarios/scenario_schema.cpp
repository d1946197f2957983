#include "scenarios/scenario_schema.hpp"

#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "model/age_bands.hpp"
#include "model/parameter_registry.hpp"
#include "scenarios/diagnostics.hpp"
#include "scenarios/distribution_table.hpp"
#include "scenarios/json_value.hpp"
#include "scenarios/key_schema.hpp"
#include "scenarios/run_settings.hpp"

namespace pcsim::scenarios {

namespace {

using J = JsonValue;
using model::ParameterSpec;
using model::ParameterType;

// Names of roles, quality standards (scenario-format.md, "Roles and quality standards").
constexpr std::string_view kElementName = "^[A-Za-z0-9_-]+$";
// Option names: non-empty, no '/', no space at either end (run_settings.hpp).
constexpr std::string_view kOptionName = "^[^/\\s]([^/]*[^/\\s])?$";

J typed(std::string_view type) { return J::object().set("type", J::string(type)); }

J with_description(J schema, std::string_view description) {
  return schema.set("description", J::string(description));
}

J strings_array() { return typed("array").set("items", typed("string")); }

// The distribution kinds as the loader reads them (distribution_table.cpp), without the
// parameter's valid range: the keys each kind takes and the constraints on them that do
// not depend on the parameter.
J distribution_kind(std::string_view kind) {
  J properties =
      J::object()
          .set("dist", J::object().set("const", J::string(kind)))
          .set("rationale", with_description(typed("string"), "where the values come from"));
  J schema = typed("object");
  J required = J::array().push(J::string("dist"));
  const auto positive = [] { return typed("number").set("exclusiveMinimum", J::integer(0)); };
  if (kind == "fixed") {
    properties.set("value", typed("number"));
    required.push(J::string("value"));
  } else if (kind == "uniform" || kind == "triangular" || kind == "pert") {
    properties.set("min", typed("number")).set("max", typed("number"));
    required.push(J::string("min")).push(J::string("max"));
    if (kind != "uniform") {
      properties.set("mode", typed("number"));
      required.push(J::string("mode"));
    }
    if (kind == "pert") properties.set("lambda", positive());
  } else if (kind == "normal") {
    properties.set("mean", typed("number"))
        .set("sd", positive())
        .set("lower", typed("number"))
        .set("upper", typed("number"));
    required.push(J::string("mean")).push(J::string("sd"));
  } else if (kind == "lognormal") {
    properties.set("mean", positive())
        .set("sd", positive())
        .set("mu", typed("number"))
        .set("sigma", positive())
        .set("lower", typed("number").set("minimum", J::integer(0)))
        .set("upper", typed("number"));
    schema.set("oneOf",
               J::array()
                   .push(J::object().set("required",
                                         J::array().push(J::string("mean")).push(J::string("sd"))))
                   .push(J::object().set(
                       "required", J::array().push(J::string("mu")).push(J::string("sigma")))));
  } else if (kind == "beta") {
    properties.set("alpha", positive())
        .set("beta", positive())
        .set("mean", typed("number")
                         .set("exclusiveMinimum", J::integer(0))
                         .set("exclusiveMaximum", J::integer(1)))
        .set("sd", positive());
    schema.set("oneOf",
               J::array()
                   .push(J::object().set(
                       "required", J::array().push(J::string("alpha")).push(J::string("beta"))))
                   .push(J::object().set(
                       "required", J::array().push(J::string("mean")).push(J::string("sd")))));
  } else if (kind == "discrete") {
    properties
        .set("values", typed("array").set("items", typed("number")).set("minItems", J::integer(1)))
        .set("weights", typed("array").set("items", typed("number").set("minimum", J::integer(0))));
    required.push(J::string("values"));
  } else {
    throw std::logic_error(
        fmt::format("scenario schema: distribution kind '{}' is not described", kind));
  }
  return schema.set("properties", std::move(properties))
      .set("required", std::move(required))
      .set("additionalProperties", J::boolean(false));
}

// A number within [lo, hi] (bounds left out where infinite).
J bounded(std::string_view type, double lo, double hi) {
  J schema = typed(type);
  if (std::isfinite(lo)) schema.set("minimum", J::number(lo));
  if (std::isfinite(hi)) schema.set("maximum", J::number(hi));
  return schema;
}

// What a kind must satisfy for every value it can take to lie in [lo, hi] (the loader's
// support check), as far as JSON Schema can say it.
J kind_within(std::string_view kind, double lo, double hi) {
  J properties = J::object();
  J required = J::array();
  const J value = bounded("number", lo, hi);
  if (kind == "fixed") {
    properties.set("value", value);
  } else if (kind == "uniform" || kind == "triangular" || kind == "pert") {
    properties.set("min", value).set("mode", value).set("max", value);
  } else if (kind == "normal") {
    // Unbounded unless truncated: each finite end of the range needs its bound.
    properties.set("lower", value).set("upper", value);
    if (std::isfinite(lo)) required.push(J::string("lower"));
    if (std::isfinite(hi)) required.push(J::string("upper"));
  } else if (kind == "lognormal") {
    properties.set("lower", bounded("number", std::max(lo, 0.0), hi)).set("upper", value);
    if (lo > 0) required.push(J::string("lower"));
    if (std::isfinite(hi)) required.push(J::string("upper"));
  } else if (kind == "beta") {
    if (lo > 0 || hi < 1) return J::boolean(false);  // beta takes every value in [0, 1]
  } else if (kind == "discrete") {
    properties.set("values", J::object().set("items", value));
  }
  J schema = J::object().set("properties", std::move(properties));
  return required.dump() == "[]\n" ? schema : schema.set("required", std::move(required));
}

class SchemaBuilder {
 public:
  J build() {
    // The top-level table itself, so that editors complete its keys directly.
    J root = table("", false);
    root.set("$schema", J::string("https://json-schema.org/draft/2020-12/schema"))
        .set("$id", J::string("https://pcsim.example/scenario-format-1.schema.json"))
        .set("title", J::string("pcsim scenario (format 1)"))
        .set("description",
             J::string("A pcsim scenario file (docs/scenario-format.md). Generated by "
                       "`pcsim schema` from the loader's key tables and the parameter "
                       "registry; `pcsim validate` checks what a schema cannot."))
        .set("required", J::array().push(J::string("format")).push(J::string("practices")));
    J defs = J::object();
    for (const auto kind : kDistributionKinds)
      defs.set(fmt::format("dist_{}", kind), distribution_kind(kind));
    for (auto& [name, def] : defs_) defs.set(name, std::move(def));
    return root.set("$defs", std::move(defs));
  }

 private:
  // The schema of table `pattern`; `in_option` leaves out what an option may not hold.
  J table(const std::string& pattern, bool in_option) {
    const KeySchema& keys = KeySchema::get();
    J properties = J::object();
    for (const std::string& key : keys.children(pattern)) {
      const std::string path = join_path(pattern, key);
      if (in_option && not_in_options(path)) continue;
      properties.set(key, member(path, in_option));
    }
    if (pattern.empty() && in_option) {
      J name = with_description(typed("string").set("pattern", J::string(kOptionName)),
                                "the option's name (required, unique; no '/')");
      properties.set("name", name);
      properties.set("description", with_description(typed("string"), "what the option does"));
    }
    J schema = typed("object")
                   .set("properties", std::move(properties))
                   .set("additionalProperties", J::boolean(false));
    if (pattern == "practices") schema.set("required", J::array().push(J::string("payments_csv")));
    if (pattern == "practices.gp_age_profile" || pattern == "workforce.retirement_rate") {
      schema.set("propertyNames", J::object().set("enum", band_names()));
    }
    if (pattern == "practices.gp_age_profile") {
      J all = J::array();
      for (const auto band : model::kAgeBandKeys) all.push(J::string(band));
      schema.set("required", std::move(all));
    }
    if (pattern == "sampling.correlations") {
      schema.set(
          "required",
          J::array().push(J::string("a")).push(J::string("b")).push(J::string("rank_correlation")));
    }
    if (pattern.empty() && in_option) schema.set("required", J::array().push(J::string("name")));
    if (pattern.empty()) return schema;
    return J::object().set(
        "$ref", J::string("#/$defs/" + shared_def("table_" + pattern, std::move(schema))));
  }

  // Stores `schema` in $defs under `name`, or under name + "_in_options" when an option's
  // version of the table differs from the baseline's; returns the name used.
  std::string shared_def(std::string name, J schema) {
    for (char& c : name)
      if (c == '.' || c == '*') c = '_';
    const auto found = defs_.find(name);
    if (found != defs_.end() && found->second.dump() != schema.dump()) name += "_in_options";
    defs_.emplace(name, std::move(schema));
    return name;
  }

  static J band_names() {
    J bands = J::array();
    for (const auto band : model::kAgeBandKeys) bands.push(J::string(band));
    return bands;
  }

  // Run settings, [practices], [sampling] and a role's attributes_column belong to the
  // baseline only (docs/scenario-format.md, Options).
  static bool not_in_options(const std::string& path) {
    for (const auto key : kRunSettingKeys)
      if (path == key) return true;
    return path == "roles.*.attributes_column";
  }

  J member(const std::string& path, bool in_option) {
    const KeySchema& keys = KeySchema::get();
    if (path == "options") {
      return with_description(typed("array").set("items", table("", true)),
                              "the options compared with the baseline, one [[options]] table each");
    }
    if (path == "sampling.correlations") {
      return with_description(
          typed("array").set("items", table(path, in_option)),
          "target rank correlations, one [[sampling.correlations]] table per pair");
    }
    if (keys.holds_named_elements(path)) {
      return with_description(
          typed("object")
              .set("propertyNames", J::object().set("pattern", J::string(kElementName)))
              .set("additionalProperties", table(path + ".*", in_option)),
          path == "roles" ? "clinical roles by name, e.g. [roles.nurse]"
                          : "quality standards by name, e.g. [funding.quality_standards.access]");
    }
    if (const ParameterSpec* spec = model::find_parameter_spec(path)) return parameter(*spec);
    if (keys.is_table(path)) return table(path, in_option);
    return reader_key(path);
  }

  // A key the reader owns, typed as docs/scenario-format.md states.
  J reader_key(const std::string& path) {
    const auto text = [](std::string_view d) { return with_description(typed("string"), d); };
    const auto count = [](std::int64_t low, std::string_view d) {
      return with_description(typed("integer").set("minimum", J::integer(low)), d);
    };
    const auto above_zero = [](std::string_view d) {
      return with_description(typed("number").set("exclusiveMinimum", J::integer(0)), d);
    };
    if (path == "format") {
      return with_description(typed("integer").set("const", J::integer(kScenarioFormat)),
                              "version of the scenario file format: 1");
    }
    if (path == "name")
      return text("the scenario's name, shown in results (default: the file name)");
    if (path == "description") return text("free text describing the scenario");
    if (path == "seed") {
      return with_description(
          typed("integer").set("minimum", J::integer(0)).set("maximum", J::integer(INT64_MAX)),
          "seed of every random stream of the run (default 1)");
    }
    if (path == "iterations") return count(1, "Monte Carlo iterations per option (default 1000)");
    if (path == "include") {
      return with_description(strings_array(),
                              "TOML files of model parameters laid under the scenario's, each "
                              "relative to the including file's folder (a key may be set in "
                              "one file only)");
    }
    if (path == "baseline") {
      return with_description(typed("string").set("pattern", J::string(kOptionName)),
                              "the name of the baseline option (default \"baseline\")");
    }
    if (path == "practices.payments_csv") {
      return text(
          "NHS Digital 'NHS Payments to General Practice' CSV (2014/15 to 2022/23), relative "
          "to the scenario's folder: the practices of the base year");
    }
    if (path == "practices.ccg_codes")
      return with_description(strings_array(), "CCG / sub-ICB codes to select, e.g. [\"00T\"]");
    if (path == "practices.icb_codes")
      return with_description(strings_array(), "ICB codes to select; needs area_icb_csv");
    if (path == "practices.pcn_codes")
      return with_description(strings_array(), "PCN codes to select");
    if (path == "practices.attributes_csv")
      return text(
          "practice attributes CSV (peer group, neighbourhood, GP headcount, role FTE ...)");
    if (path == "practices.gp_headcount_csv")
      return text("long-format GP headcount series, read for the base year");
    if (path == "practices.area_icb_csv")
      return text("each CCG / sub-ICB code's ICB (CCG Code, ICB Code)");
    if (path == "practices.pcn_payments_csv") {
      return with_description(
          typed("object")
              .set("propertyNames", J::object().set("pattern", J::string("^[0-9]{4}/[0-9]{2}$")))
              .set("additionalProperties", typed("string")),
          "payments files of other years by financial year (\"2019/20\" = path), read for PCN "
          "codes");
    }
    if (path == "practices.peer_groups")
      return count(1, "peer groups for practices the attributes file does not place (default 6)");
    if (path == "practices.neighbourhood_size")
      return above_zero(
          "patients per neighbourhood where no file places a practice (default 30000)");
    if (path == "practices.patients_per_gp")
      return above_zero(
          "GP headcount = max(1, round(list / patients_per_gp)) where no file gives it (default "
          "2000)");
    if (path.starts_with("practices.gp_age_profile.")) {
      return with_description(bounded("number", 0, 1),
                              "share of GPs in this age band (every band, summing to 1)");
    }
    if (path == "roles.*.attributes_column")
      return text("the attributes file's column holding the role's FTE per practice");
    if (path == "sampling.method") {
      return with_description(
          J::object().set("enum", J::array().push(J::string("random")).push(J::string("lhs"))),
          "\"random\" (default) or \"lhs\" (Latin hypercube sampling)");
    }
    if (path == "sampling.repair_correlation") {
      return with_description(
          typed("boolean"),
          "use the nearest valid correlation matrix (and warn) instead of an error");
    }
    if (path == "sampling.correlations.a" || path == "sampling.correlations.b") {
      return text("the dotted path of a parameter with a distribution in the baseline");
    }
    if (path == "sampling.correlations.rank_correlation") {
      return with_description(bounded("number", -1, 1),
                              "target Spearman rank correlation of a and b");
    }
    throw std::logic_error("scenario schema: the loader accepts '" + path +
                           "' but scenario_schema.cpp does not describe it");
  }

  // A registry parameter: its description and default, and a reference to the schema of
  // its type and valid range.
  J parameter(const ParameterSpec& spec) {
    std::string text = fmt::format("{}. Unit: {}. Valid: {}.", spec.description, spec.unit,
                                   describe_range(spec.min_valid, spec.max_valid));
    model::ModelParameters defaults;
    defaults.roles.emplace_back();
    defaults.funding.quality_standards.emplace_back();
    const double d = spec.get(defaults, 0);
    J schema = J::object();
    switch (spec.type) {
      case ParameterType::Number:
        schema.set("default", J::number(d));
        break;
      case ParameterType::Integer:
        schema.set("default", J::integer(static_cast<std::int64_t>(d)));
        break;
      case ParameterType::Boolean:
        schema.set("default", J::boolean(d != 0));
        break;
      case ParameterType::Choice:
        schema.set("default", J::string(spec.choices[static_cast<std::size_t>(d)]));
        text += fmt::format(" One of: {}.", join_choices(spec));
        break;
    }
    text += fmt::format(" Default source: {}", spec.source);
    schema.set("description", J::string(text));
    schema.set("x-unit", J::string(spec.unit));
    return schema.set("$ref", J::string("#/$defs/" + type_def(spec)));
  }

  static std::string join_choices(const ParameterSpec& spec) {
    std::string out;
    for (const auto c : spec.choices) out += (out.empty() ? "\"" : ", \"") + std::string(c) + "\"";
    return out;
  }

  // The $defs entry for a type and range, made once: a bare value, { value = ... } or,
  // for numbers, a distribution table whose every value lies in the range.
  std::string type_def(const ParameterSpec& spec) {
    std::string name;
    J bare;
    switch (spec.type) {
      case ParameterType::Number:
        name = fmt::format("number_{}_{}", spec.min_valid, spec.max_valid);
        bare = bounded("number", spec.min_valid, spec.max_valid);
        break;
      case ParameterType::Integer:
        name = fmt::format("integer_{}_{}", spec.min_valid, spec.max_valid);
        bare = bounded("integer", spec.min_valid, spec.max_valid);
        break;
      case ParameterType::Boolean:
        name = "boolean";
        bare = typed("boolean");
        break;
      case ParameterType::Choice: {
        name = "choice_" + std::string(spec.path);
        J choices = J::array();
        for (const auto c : spec.choices) choices.push(J::string(c));
        bare = J::object().set("enum", std::move(choices));
        break;
      }
    }
    for (char& c : name)
      if (c == '.' || c == '*' || c == '-' || c == '+') c = '_';
    if (defs_.contains(name)) return name;
    J value_table =
        typed("object")
            .set("properties", J::object().set("value", bare).set("rationale", typed("string")))
            .set("required", J::array().push(J::string("value")))
            .set("additionalProperties", J::boolean(false));
    J any = J::array().push(bare).push(std::move(value_table));
    if (spec.type == ParameterType::Number) {
      J kinds = J::array();
      J rules = J::array();
      for (const auto kind : kDistributionKinds) {
        kinds.push(J::string(kind));
        J then = J::object().set("$ref", J::string(fmt::format("#/$defs/dist_{}", kind)));
        J within = kind_within(kind, spec.min_valid, spec.max_valid);
        rules.push(
            J::object()
                .set("if", J::object().set(
                               "properties",
                               J::object().set("dist", J::object().set("const", J::string(kind)))))
                .set("then",
                     J::object().set("allOf",
                                     J::array().push(std::move(then)).push(std::move(within)))));
      }
      any.push(
          typed("object")
              .set("required", J::array().push(J::string("dist")))
              .set("properties", J::object().set("dist", J::object().set("enum", std::move(kinds))))
              .set("allOf", std::move(rules)));
    }
    defs_.emplace(name, J::object().set("anyOf", std::move(any)));
    return name;
  }

  std::map<std::string, J> defs_;
};

}  // namespace

std::string scenario_json_schema() { return SchemaBuilder().build().dump(); }

}  // namespace pcsim::scenarios
