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

// A table of the registry as docs/scenario-format.md holds it, header included: one row per
// parameter `has` selects, "| `path` | <range> | ... |", in registry order.
template <class Has, class Row>
std::string registry_table(std::string table, Has has, Row row) {
  for (const model::ParameterSpec& spec : model::parameter_specs())
    if (has(spec)) table += quoted(spec.path, "| `", "` | ") + row(spec) + " |\n";
  return table;
}

// "Plausible ranges": "| `path` | from A to B | unit | basis |".
std::string plausible_ranges_table() {
  return registry_table(
      "| path | plausible values | unit | basis |\n| --- | --- | --- | --- |\n",
      [](const model::ParameterSpec& s) { return s.has_plausible_range(); },
      [](const model::ParameterSpec& s) {
        return describe_range(s.plausible_min, s.plausible_max) + quoted(s.unit, " | ", " | ") +
               std::string(s.plausible_basis);
      });
}

// "Plausible against the practices' spend": "| `path` | from A to B | basis |".
std::string spend_bands_table() {
  return registry_table(
      "| path | plausible multiples of the practices' baseline spend | basis |\n"
      "| --- | --- | --- |\n",
      [](const model::ParameterSpec& s) { return s.has_spend_band(); },
      [](const model::ParameterSpec& s) {
        return describe_range(s.spend_band.min, s.spend_band.max) +
               quoted(s.spend_band.basis, " | ");
      });
}

// The page's tables of plausible ranges and of the bands against the practices' spend are
// the registry's, row for row (so they cannot drift: on a change, the message prints the
// table to paste).
TEST(ScenarioFormatDoc, PlausibleRangesTableMatchesTheRegistry) {
  const std::string doc = format_doc();
  for (const std::string& table : {plausible_ranges_table(), spend_bands_table()}) {
    EXPECT_TRUE(testing::contains(doc, table))
        << "docs/scenario-format.md should hold this table:\n"
        << table;
  }
}

}  // namespace
}  // namespace pcsim::scenarios
