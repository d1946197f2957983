// docs/scenario-format.md stays in step with the code: it lists every parameter of the
// registry and every key the reader owns.
#include <string>

#include <gtest/gtest.h>

#include "model/parameter_registry.hpp"
#include "scenario_test_support.hpp"
#include "scenarios/diagnostics.hpp"
#include "scenarios/key_schema.hpp"

namespace pcsim::scenarios {
namespace {

// "`key`" (built by appending: GCC 12 warns falsely about `"`" + std::string(...)`).
std::string quoted(std::string_view key, std::string_view before = "`",
                   std::string_view after = "") {
  std::string text(before);
  text += key;
  text += after;
  return text;
}

std::string format_doc() {
  return testing::read_text(std::filesystem::path(PCSIM_SOURCE_DIR) / "docs/scenario-format.md");
}

// Each registry path appears in the parameter table as `path`.
TEST(ScenarioFormatDoc, ListsEveryRegistryParameter) {
  const std::string doc = format_doc();
  ASSERT_FALSE(doc.empty());
  for (std::string_view path : model::parameter_paths())
    EXPECT_TRUE(testing::contains(doc, quoted(path, "| `", "` |"))) << path;
}

// Each run setting, [practices] key and the role text key is documented.
TEST(ScenarioFormatDoc, ListsEveryReaderKey) {
  const std::string doc = format_doc();
  for (std::string_view key : kRunSettingKeys)
    EXPECT_TRUE(testing::contains(doc, quoted(key))) << key;
  for (std::string_view key : kPracticesKeys)
    EXPECT_TRUE(testing::contains(doc, quoted(key, "| `", "` |"))) << key;
  EXPECT_TRUE(testing::contains(doc, quoted(kRoleTextKey, "`", "`")));
}

// The table of plausible ranges as the registry gives it, header included: one row per
// parameter that has a range, "| `path` | from A to B | unit | basis |", in registry order.
std::string plausible_ranges_table() {
  std::string table = "| path | plausible values | unit | basis |\n| --- | --- | --- | --- |\n";
  for (const model::ParameterSpec& spec : model::parameter_specs()) {
    if (!spec.has_plausible_range()) continue;
    table += quoted(spec.path, "| `", "` | ");
    table += describe_range(spec.plausible_min, spec.plausible_max);
    table += quoted(spec.unit, " | ", " | ");
    table += quoted(spec.plausible_basis, "", " |\n");
  }
  return table;
}

// The page's table of plausible ranges is the registry's, row for row (so it cannot drift:
// on a change, the message prints the table to paste).
TEST(ScenarioFormatDoc, PlausibleRangesTableMatchesTheRegistry) {
  const std::string doc = format_doc();
  const std::string table = plausible_ranges_table();
  EXPECT_TRUE(testing::contains(doc, table))
      << "docs/scenario-format.md, \"Plausible ranges\", should hold this table:\n"
      << table;
}

}  // namespace
}  // namespace pcsim::scenarios
