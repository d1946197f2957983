#include "scenarios/distribution_schema.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "model/distribution.hpp"
#include "scenarios/distribution_table.hpp"
#include "scenarios/json_schema_parts.hpp"

namespace pcsim::scenarios {

namespace {

using J = JsonValue;
using schema::bounded;
using schema::typed;
using schema::with_description;

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
    if (kind == "pert")
      properties.set("lambda",
                     positive().set("maximum", J::number(model::Distribution::kMaxPertLambda)));
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
    const auto shape = [] {
      return bounded("number", model::Distribution::kMinBetaShape,
                     model::Distribution::kMaxBetaShape);
    };
    properties.set("alpha", shape())
        .set("beta", shape())
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

}  // namespace

void add_distribution_kind_defs(JsonValue& defs) {
  for (const auto kind : kDistributionKinds)
    defs.set(fmt::format("dist_{}", kind), distribution_kind(kind));
}

JsonValue distribution_table_schema(double lo, double hi) {
  J kinds = J::array();
  J rules = J::array();
  for (const auto kind : kDistributionKinds) {
    kinds.push(J::string(kind));
    J then = J::object().set("$ref", J::string(fmt::format("#/$defs/dist_{}", kind)));
    J within = kind_within(kind, lo, hi);
    rules.push(
        J::object()
            .set("if", J::object().set(
                           "properties",
                           J::object().set("dist", J::object().set("const", J::string(kind)))))
            .set("then", J::object().set(
                             "allOf", J::array().push(std::move(then)).push(std::move(within)))));
  }
  return typed("object")
      .set("required", J::array().push(J::string("dist")))
      .set("properties", J::object().set("dist", J::object().set("enum", std::move(kinds))))
      .set("allOf", std::move(rules));
}

}  // namespace pcsim::scenarios
