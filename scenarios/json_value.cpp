#include "scenarios/json_value.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "core/json_escape.hpp"

namespace pcsim::scenarios {

JsonValue JsonValue::object() {
  JsonValue v;
  v.kind_ = Kind::Object;
  return v;
}

JsonValue JsonValue::array() {
  JsonValue v;
  v.kind_ = Kind::Array;
  return v;
}

JsonValue JsonValue::string(std::string_view text) {
  JsonValue v;
  v.scalar_ = json_quote(text);
  return v;
}

JsonValue JsonValue::number(double value) {
  if (!std::isfinite(value)) throw std::invalid_argument("JSON has no infinite or NaN numbers");
  JsonValue v;
  // Whole numbers as integers ("5", not "5.0"); others in their shortest exact form.
  if (value == std::floor(value) && std::abs(value) < 9007199254740992.0) {
    v.scalar_ = fmt::format("{}", static_cast<std::int64_t>(value));
  } else {
    v.scalar_ = fmt::format("{}", value);
  }
  return v;
}

JsonValue JsonValue::integer(std::int64_t value) {
  JsonValue v;
  v.scalar_ = fmt::format("{}", value);
  return v;
}

JsonValue JsonValue::boolean(bool value) {
  JsonValue v;
  v.scalar_ = value ? "true" : "false";
  return v;
}

JsonValue& JsonValue::set(std::string_view key, JsonValue value) {
  if (kind_ != Kind::Object)
    throw std::logic_error("JsonValue::set on a value that is not an object");
  for (auto& [name, member] : members_) {
    if (name == key) {
      member = std::move(value);
      return *this;
    }
  }
  members_.emplace_back(std::string(key), std::move(value));
  return *this;
}

JsonValue& JsonValue::push(JsonValue value) {
  if (kind_ != Kind::Array)
    throw std::logic_error("JsonValue::push on a value that is not an array");
  items_.push_back(std::move(value));
  return *this;
}

void JsonValue::write(std::string& out, int depth) const {
  const std::string indent(static_cast<std::size_t>(2 * (depth + 1)), ' ');
  const std::string closing(static_cast<std::size_t>(2 * depth), ' ');
  switch (kind_) {
    case Kind::Scalar:
      out += scalar_;
      return;
    case Kind::Object:
      if (members_.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      for (std::size_t i = 0; i < members_.size(); ++i) {
        out += indent + json_quote(members_[i].first) + ": ";
        members_[i].second.write(out, depth + 1);
        out += i + 1 < members_.size() ? ",\n" : "\n";
      }
      out += closing + "}";
      return;
    case Kind::Array:
      if (items_.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      for (std::size_t i = 0; i < items_.size(); ++i) {
        out += indent;
        items_[i].write(out, depth + 1);
        out += i + 1 < items_.size() ? ",\n" : "\n";
      }
      out += closing + "]";
      return;
  }
}

std::string JsonValue::dump() const {
  std::string out;
  write(out, 0);
  return out + "\n";
}

}  // namespace pcsim::scenarios
