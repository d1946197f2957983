// include = [...] (scenarios/scenario_include.hpp): included files' keys reach the scenario
// with their own file and line; every problem names the file and line where it is; the
// stored text carries every included file so a results file can be restored.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "scenario_test_support.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/scenario_include.hpp"

namespace pcsim::scenarios {
namespace {

namespace fs = std::filesystem;
using testing::contains;
using testing::fixture;
using testing::line_of;
using testing::only_for_key;

// A fresh folder per test, holding the scenario and the files it includes.
class ScenarioInclude : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("pcsim-include-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "fragments");
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  // The head of a scenario: format and an existing payments file (absolute path).
  std::string head() const {
    return "format = 1\n[practices]\npayments_csv = \"" +
           fixture("payments-bolton-sample.csv").generic_string() + "\"\n";
  }

  std::vector<Diagnostic> diagnostics_of(const fs::path& file) {
    try {
      load_scenario_text(file);
    } catch (const InputError& e) {
      return e.diagnostics();
    }
    ADD_FAILURE() << "expected InputError for " << file;
    return {};
  }

  static Scenario load_scenario_text(const fs::path& file) {
    return parse_scenario(testing::read_text(file), file);
  }

  fs::path dir_;
};

const ParameterEntry* entry(const Scenario& s, std::string_view path) {
  for (const auto& e : s.options.front().parameters)
    if (e.path == path) return &e;
  return nullptr;
}

TEST_F(ScenarioInclude, IncludedKeysArriveWithTheirFileAndLine) {
  const std::string fragment =
      "# calibrated\n[population]\nlist_noise_sd = { value = 0.02, rationale = \"fitted\" }\n";
  const std::string nested = "[population]\nconsultation_growth = 0.01\n";
  const fs::path frag = write("fragments/a.toml", "include = [\"b.toml\"]\n" + fragment);
  write("fragments/b.toml", nested);
  const std::string own =
      "include = [\"fragments/a.toml\"]\n" + head() + "[population]\nlist_growth = 0.004\n";
  const fs::path file = write("scenario.toml", own);

  const Scenario s = load_scenario_text(file);
  const ParameterEntry* noise = entry(s, "population.list_noise_sd");
  ASSERT_NE(noise, nullptr);
  EXPECT_DOUBLE_EQ(noise->distribution.central(), 0.02);
  EXPECT_EQ(noise->rationale, "fitted");
  EXPECT_EQ(noise->line, 1 + line_of(fragment, "list_noise_sd"));  // after the include line
  EXPECT_EQ(fs::path(noise->file), frag.lexically_normal());
  const ParameterEntry* growth = entry(s, "population.consultation_growth");
  ASSERT_NE(growth, nullptr);
  EXPECT_DOUBLE_EQ(growth->distribution.central(), 0.01);
  EXPECT_EQ(fs::path(growth->file).filename(), "b.toml");  // relative to a.toml's folder
  const ParameterEntry* own_growth = entry(s, "population.list_growth");
  ASSERT_NE(own_growth, nullptr);
  EXPECT_EQ(own_growth->line, line_of(own, "list_growth"));
  EXPECT_EQ(fs::path(own_growth->file), file);
  EXPECT_DOUBLE_EQ(s.options.front().central.population.list_growth, 0.004);

  // Stored text: the scenario's own text, then each file after a header with its size.
  const std::string a_text = "include = [\"b.toml\"]\n" + fragment;
  const std::string expected = own + "\n#@pcsim include \"fragments/a.toml\" " +
                               std::to_string(a_text.size()) + " bytes\n" + a_text +
                               "\n#@pcsim include \"fragments/b.toml\" " +
                               std::to_string(nested.size()) + " bytes\n" + nested;
  EXPECT_EQ(s.text, expected);
}

TEST_F(ScenarioInclude, WithoutIncludesTheTextIsTheFileAlone) {
  const std::string own = head() + "[population]\nlist_growth = 0.004\n";
  EXPECT_EQ(load_scenario_text(write("plain.toml", own)).text, own);
}

TEST_F(ScenarioInclude, MissingFileIsNamedAtTheIncludeLine) {
  const std::string own = "include = [\"fragments/none.toml\"]\n" + head();
  const fs::path file = write("scenario.toml", own);
  const auto ds = diagnostics_of(file);
  const Diagnostic d = only_for_key(ds, "include");
  EXPECT_EQ(d.file, file.string());
  EXPECT_EQ(d.line, line_of(own, "none.toml"));
  EXPECT_TRUE(contains(d.found, "fragments/none.toml")) << d.found;
  EXPECT_TRUE(contains(d.found, "cannot be read")) << d.found;
  EXPECT_TRUE(contains(d.expected, "relative to the folder of the including file")) << d.expected;
}

TEST_F(ScenarioInclude, CycleIsAnErrorInTheFileThatClosesIt) {
  write("fragments/a.toml", "include = [\"b.toml\"]\n");
  const std::string b = "# b\ninclude = [\"a.toml\"]\n";
  const fs::path b_file = write("fragments/b.toml", b);
  const fs::path file = write("scenario.toml", "include = [\"fragments/a.toml\"]\n" + head());
  const Diagnostic d = only_for_key(diagnostics_of(file), "include");
  EXPECT_EQ(fs::path(d.file), b_file.lexically_normal());
  EXPECT_EQ(d.line, line_of(b, "a.toml"));
  EXPECT_TRUE(contains(d.found, "a cycle (scenario.toml -> a.toml -> b.toml -> a.toml)"))
      << d.found;
}

TEST_F(ScenarioInclude, SelfInclusionAndTooDeepNestingAreErrors) {
  const fs::path self = write("self.toml", "include = [\"self.toml\"]\n" + head());
  EXPECT_TRUE(contains(only_for_key(diagnostics_of(self), "include").found, "a cycle"));
  // 1.toml -> 2.toml -> ... one level more than allowed
  for (int i = 1; i <= kMaxIncludeDepth + 1; ++i)
    write("fragments/" + std::to_string(i) + ".toml",
          i <= kMaxIncludeDepth ? "include = [\"" + std::to_string(i + 1) + ".toml\"]\n" : "");
  const fs::path deep = write("deep.toml", "include = [\"fragments/1.toml\"]\n" + head());
  const Diagnostic d = only_for_key(diagnostics_of(deep), "include");
  EXPECT_EQ(fs::path(d.file).filename(), std::to_string(kMaxIncludeDepth) + ".toml");
  EXPECT_TRUE(contains(d.expected, "at most " + std::to_string(kMaxIncludeDepth))) << d.expected;
}

TEST_F(ScenarioInclude, KeySetInTwoFilesNamesBoth) {
  const std::string fragment = "[population]\nconsultation_growth = 0.01\nlist_growth = 0.005\n";
  const fs::path frag = write("fragments/a.toml", fragment);
  const std::string own =
      "include = [\"fragments/a.toml\"]\n" + head() + "[population]\nlist_growth = 0.004\n";
  const fs::path file = write("scenario.toml", own);
  const Diagnostic d = only_for_key(diagnostics_of(file), "population.list_growth");
  EXPECT_EQ(fs::path(d.file), frag.lexically_normal());
  EXPECT_EQ(d.line, line_of(fragment, "list_growth"));
  EXPECT_TRUE(contains(d.found, "set a second time")) << d.found;
  EXPECT_TRUE(
      contains(d.expected, file.string() + " line " + std::to_string(line_of(own, "list_growth"))))
      << d.expected;
}

TEST_F(ScenarioInclude, ParameterTablesAreNotMergedKeyByKey) {
  // One parameter written as a table in both files is one key set twice, not two halves.
  write("fragments/a.toml", "[population.list_growth]\nrationale = \"fitted\"\n");
  const fs::path file =
      write("scenario.toml", "include = [\"fragments/a.toml\"]\n" + head() +
                                 "[population]\nlist_growth = { value = 0.004 }\n");
  EXPECT_TRUE(contains(only_for_key(diagnostics_of(file), "population.list_growth").found,
                       "set a second time"));
}

TEST_F(ScenarioInclude, ErrorInsideAnIncludedFileNamesThatFileAndLine) {
  const std::string fragment = "[population]\nlist_grwth = 0.005\n";
  const fs::path frag = write("fragments/a.toml", fragment);
  const fs::path file = write("scenario.toml", "include = [\"fragments/a.toml\"]\n" + head());
  const Diagnostic d = only_for_key(diagnostics_of(file), "population.list_grwth");
  EXPECT_EQ(fs::path(d.file), frag.lexically_normal());
  EXPECT_EQ(d.line, line_of(fragment, "list_grwth"));
  EXPECT_EQ(d.suggestion, "did you mean 'list_growth'?");

  // A TOML syntax error in it, too.
  const std::string broken = "[population]\nlist_growth = = 1\n";
  const fs::path bad = write("fragments/bad.toml", broken);
  const auto ds =
      diagnostics_of(write("broken.toml", "include = [\"fragments/bad.toml\"]\n" + head()));
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(fs::path(ds[0].file), bad.lexically_normal());
  EXPECT_EQ(ds[0].line, line_of(broken, "= ="));
}

TEST_F(ScenarioInclude, ScenarioSettingsStayInTheScenarioFile) {
  const std::string fragment = "seed = 4\n[practices]\nccg_codes = [\"00T\"]\n";
  write("fragments/a.toml", fragment);
  const auto ds =
      diagnostics_of(write("scenario.toml", "include = [\"fragments/a.toml\"]\n" + head()));
  for (const char* key : {"seed", "practices"}) {
    const Diagnostic d = only_for_key(ds, key);
    EXPECT_EQ(fs::path(d.file).filename(), "a.toml");
    EXPECT_EQ(d.line, line_of(fragment, std::string(key) == "seed" ? "seed" : "[practices]"));
    EXPECT_TRUE(contains(d.expected, "in the scenario file itself")) << d.expected;
  }
}

TEST_F(ScenarioInclude, IncludeMustBeAnArrayOfPathsAtTheTopOnly) {
  const std::string own = "include = \"fragments/a.toml\"\n" + head();
  const auto d = only_for_key(diagnostics_of(write("scenario.toml", own)), "include");
  EXPECT_EQ(d.line, line_of(own, "include"));
  EXPECT_TRUE(contains(d.expected, "an array of paths")) << d.expected;

  write("fragments/a.toml", "");
  const auto twice = diagnostics_of(
      write("twice.toml",
            "include = [\"fragments/a.toml\", \"fragments/../fragments/a.toml\"]\n" + head()));
  EXPECT_TRUE(contains(only_for_key(twice, "include").found, "included a second time"));

  const auto in_option = diagnostics_of(write(
      "option.toml", head() + "[[options]]\nname = \"x\"\ninclude = [\"fragments/a.toml\"]\n"));
  EXPECT_TRUE(
      contains(only_for_key(in_option, "options.x.include").expected, "only at the top level"));
}

}  // namespace
}  // namespace pcsim::scenarios
