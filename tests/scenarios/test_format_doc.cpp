// docs/scenario-format.md stays in step with the code: it lists every parameter of the
// registry and every key the reader owns.
#include <string>

#include <gtest/gtest.h>

#include "model/parameter_registry.hpp"
#include "scenario_test_support.hpp"
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

}  // namespace
}  // namespace pcsim::scenarios
