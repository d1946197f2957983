// The JSON writer and the scenario schema's coverage: JsonValue escapes and formats as
// JSON requires; the schema names every registry parameter with its description and every
// key of every table the loader accepts; a key the loader would accept without a
// description here could not slip through (scenario_json_schema throws for one).
// tests/cli/schema.sh validates real scenarios against the schema with python3-jsonschema
// and checks every parameter's plausibility annotations.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include <fmt/format.h>

#include "core/json_escape.hpp"
#include "model/parameter_registry.hpp"
#include "scenarios/json_value.hpp"
#include "scenarios/key_schema.hpp"
#include "scenarios/scenario_schema.hpp"

namespace pcsim::scenarios {
namespace {

TEST(JsonValue, WritesValidJson) {
  EXPECT_EQ(JsonValue::string("a\"b\n£").dump(), "\"a\\\"b\\n£\"\n");  // core/json_escape
  EXPECT_EQ(JsonValue::number(5.0).dump(), "5\n");
  EXPECT_EQ(JsonValue::number(-1e12).dump(), "-1000000000000\n");
  EXPECT_EQ(JsonValue::number(0.035).dump(), "0.035\n");
  EXPECT_EQ(JsonValue::number(1e-300).dump(), "1e-300\n");
  EXPECT_THROW(JsonValue::number(1.0 / 0.0), std::invalid_argument);
  JsonValue o = JsonValue::object();
  o.set("b", JsonValue::integer(1)).set("a", JsonValue::array().push(JsonValue::boolean(true)));
  o.set("b", JsonValue::string("replaced"));  // keeps its place
  EXPECT_EQ(o.dump(), "{\n  \"b\": \"replaced\",\n  \"a\": [\n    true\n  ]\n}\n");
  EXPECT_EQ(JsonValue::object().dump(), "{}\n");
  EXPECT_THROW(JsonValue::array().set("k", JsonValue::integer(1)), std::logic_error);
}

TEST(ScenarioSchema, CoversEveryParameterAndKey) {
  const std::string schema = scenario_json_schema();
  EXPECT_EQ(schema.rfind("{\n  \"type\": \"object\"", 0), 0u);
  EXPECT_NE(schema.find("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""),
            std::string::npos);
  for (const model::ParameterSpec& spec : model::parameter_specs()) {
    const std::string path(spec.path);
    const std::string key = path.substr(path.rfind('.') + 1);
    EXPECT_NE(schema.find("\"" + key + "\": {"), std::string::npos) << path;
    const std::string quoted = json_quote(std::string(spec.description));
    EXPECT_NE(schema.find(quoted.substr(1, quoted.size() - 2)), std::string::npos) << path;
  }
  const KeySchema& keys = KeySchema::get();
  for (const std::string table : {"", "practices", "sampling", "sampling.correlations", "roles.*",
                                  "funding.quality_standards.*", "practices.gp_age_profile"}) {
    for (const std::string& key : keys.children(table)) {
      EXPECT_NE(schema.find("\"" + key + "\": {"), std::string::npos) << table << " " << key;
    }
  }
  // The option table: a name is required and run settings are not among its keys.
  EXPECT_NE(schema.find("the option's name (required, unique; no '/')"), std::string::npos);
}

// Each parameter's plausible range and band against the practices' spend travel with it as
// annotations, each basis as the registry words it (tests/cli/check_schema.py checks every
// parameter's figures in the baseline and in options).
TEST(ScenarioSchema, CarriesThePlausibleRangesAndBands) {
  const std::string schema = scenario_json_schema();
  const auto annotated = [&](std::string_view keyword, std::string_view basis) {
    return schema.find(fmt::format("\"{}\": {}", keyword, json_quote(std::string(basis)))) !=
           std::string::npos;
  };
  int ranges = 0, bands = 0;
  for (const model::ParameterSpec& spec : model::parameter_specs()) {
    ranges += spec.has_plausible_range();
    bands += spec.has_spend_band();
    if (spec.has_plausible_range()) {
      EXPECT_TRUE(annotated("x-pcsim-plausible-basis", spec.plausible_basis)) << spec.path;
    }
    if (spec.has_spend_band()) {
      EXPECT_TRUE(annotated("x-pcsim-plausible-spend-ratio-basis", spec.spend_band.basis))
          << spec.path;
    }
  }
  EXPECT_GT(ranges, 90);
  EXPECT_EQ(bands, 3);
  EXPECT_NE(schema.find("\"x-pcsim-plausible-spend-ratio-minimum\": 0.5,"), std::string::npos);
}

}  // namespace
}  // namespace pcsim::scenarios
