#pragma once
// A small JSON value for writing documents such as the scenario schema: objects keep
// their members in insertion order, numbers are written in their shortest exact form.
// Writing only; pcsim reads no JSON.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pcsim::scenarios {

class JsonValue {
 public:
  static JsonValue object();
  static JsonValue array();
  static JsonValue string(std::string_view text);
  static JsonValue number(double value);  // must be finite
  static JsonValue integer(std::int64_t value);
  static JsonValue boolean(bool value);

  // Object: sets `key` (replacing an existing member of that name); returns *this.
  JsonValue& set(std::string_view key, JsonValue value);
  // Array: appends; returns *this.
  JsonValue& push(JsonValue value);
  bool is_object() const { return kind_ == Kind::Object; }

  // The text, indented by two spaces a level.
  std::string dump() const;

 private:
  enum class Kind { Object, Array, Scalar };
  void write(std::string& out, int depth) const;

  Kind kind_ = Kind::Scalar;
  std::string scalar_;  // the literal text of a scalar
  std::vector<std::pair<std::string, JsonValue>> members_;
  std::vector<JsonValue> items_;
};

}  // namespace pcsim::scenarios
