// Every TOML example in docs/ is a scenario pcsim accepts: a complete example (one with
// `format =`) is read as it stands, a fragment is laid over a minimal Bolton scenario (its
// keys win), and either must pass parse_scenario and load its practices. A failure names
// the document and the line of the example.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "core/errors.hpp"
#include "scenario_test_support.hpp"
#include "scenarios/practice_loader.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {
namespace {

namespace fs = std::filesystem;

struct Example {
  std::string doc;
  int line = 0;  // of the opening fence
  std::string text;
};

// The ```toml blocks of a Markdown file, fences indented or not (examples in lists).
std::vector<Example> toml_blocks(const fs::path& doc) {
  std::istringstream in(testing::read_text(doc));
  std::vector<Example> out;
  std::string line;
  int number = 0;
  Example* open = nullptr;
  std::size_t indent = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::size_t first = line.find_first_not_of(' ');
    const std::string body = first == std::string::npos ? std::string() : line.substr(first);
    if (!open && body == "```toml") {
      out.push_back({doc.filename().string(), number, {}});
      open = &out.back();
      indent = first;
    } else if (open && body == "```") {
      open = nullptr;
    } else if (open) {
      open->text += (line.size() >= indent ? line.substr(indent) : std::string()) + "\n";
    }
  }
  return out;
}

// What a fragment is laid over: the smallest scenario that loads Bolton's practices.
const char* kBase = R"(format = 1
[practices]
payments_csv = "data/nhs-payments/nhspaymentsgp-16-17.csv"
ccg_codes = ["00T"]
gp_headcount_csv = "data/gp-workforce/practice_gp_headcount_by_year.csv"
gp_age_profile = { under_30 = 0.04, 30_34 = 0.12, 35_39 = 0.14, 40_44 = 0.14, 45_49 = 0.14, 50_54 = 0.14, 55_59 = 0.14, 60_64 = 0.09, 65_plus = 0.05 }
)";

void merge(toml::table& into, const toml::table& from) {
  for (auto&& [key, value] : from) {
    toml::node* existing = into.get(key.str());
    if (value.is_table() && existing && existing->is_table())
      merge(*existing->as_table(), *value.as_table());
    else
      into.insert_or_assign(key, value);
  }
}

std::string scenario_text(const Example& example) {
  if (example.text.find("\nformat =") != std::string::npos ||
      example.text.rfind("format =", 0) == 0)
    return example.text;
  toml::table base = toml::parse(kBase);
  merge(base, toml::parse(example.text));
  std::ostringstream text;
  text << toml::toml_formatter(base);
  return text.str();
}

TEST(DocExamples, EveryTomlExampleInDocsIsAValidScenario) {
  const fs::path docs = fs::path(PCSIM_SOURCE_DIR) / "docs";
  // Relative data paths resolve as for a scenario in scenarios/.
  const fs::path file = fs::path(PCSIM_SOURCE_DIR) / "scenarios" / "doc-example.toml";
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(docs)) {
    if (entry.path().extension() != ".md") continue;
    for (const Example& example : toml_blocks(entry.path())) {
      SCOPED_TRACE(example.doc + ":" + std::to_string(example.line));
      ++checked;
      std::string text;
      try {
        text = scenario_text(example);
        const Scenario scenario = parse_scenario(text, file);
        const LoadedPractices loaded =
            load_practices(scenario.practice_data, scenario.options.front().central.roles);
        EXPECT_FALSE(loaded.practices.practices.empty());
      } catch (const InputError& e) {
        std::string all;
        for (const auto& d : e.diagnostics()) all += d.format() + "\n";
        ADD_FAILURE() << "rejected:\n" << (all.empty() ? e.what() : all) << "scenario:\n" << text;
      } catch (const toml::parse_error& e) {
        ADD_FAILURE() << "not TOML: " << e.description() << "\n" << example.text;
      }
    }
  }
  EXPECT_GE(checked, 9);  // docs/scenario-format.md alone has nine
}

}  // namespace
}  // namespace pcsim::scenarios
