#pragma once
// Building blocks of the scenario's JSON Schema, shared by its table part
// (scenario_schema.cpp) and its distribution part (distribution_schema.cpp).
#include <cmath>
#include <string_view>

#include "scenarios/json_value.hpp"

namespace pcsim::scenarios::schema {

// { "type": type }
inline JsonValue typed(std::string_view type) {
  return JsonValue::object().set("type", JsonValue::string(type));
}

inline JsonValue with_description(JsonValue schema, std::string_view description) {
  return schema.set("description", JsonValue::string(description));
}

// A number of `type` within [lo, hi] (bounds left out where infinite).
inline JsonValue bounded(std::string_view type, double lo, double hi) {
  JsonValue schema = typed(type);
  if (std::isfinite(lo)) schema.set("minimum", JsonValue::number(lo));
  if (std::isfinite(hi)) schema.set("maximum", JsonValue::number(hi));
  return schema;
}

}  // namespace pcsim::scenarios::schema
