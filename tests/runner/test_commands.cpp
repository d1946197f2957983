// The mapping from failures to exit codes and messages (runner/commands.hpp, docs/cli.md).
#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>

#include "core/errors.hpp"
#include "runner/commands.hpp"
#include "runner/exit_codes.hpp"

namespace pcsim::runner {
namespace {

// Every diagnostic of an InputError is printed on its own line with "error: " and the
// exit code is 3.
TEST(Commands, InputErrorPrintsEveryDiagnostic) {
  const std::vector<Diagnostic> diagnostics = {
      {"s.toml", 3, 1, "population.list_grwth", "", "", "did you mean 'list_growth'?"},
      {"s.toml", 9, 5, "workforce.fill_rate", "1.5", "a value in [0, 1]", ""}};
  std::ostringstream err;
  const int code = exit_code_of([&] { throw InputError(diagnostics); }, err);
  EXPECT_EQ(code, 3);
  EXPECT_EQ(err.str(),
            "error: " + diagnostics[0].format() + "\nerror: " + diagnostics[1].format() + "\n");
}

// Each kind of failure has its own code: output 4, model 5, anything else 5; none is 0.
TEST(Commands, ExitCodePerKindOfFailure) {
  std::ostringstream err;
  EXPECT_EQ(exit_code_of([] {}, err), kExitSuccess);
  EXPECT_EQ(exit_code_of([] { throw InputError("no such file"); }, err), kExitInvalidInput);
  EXPECT_EQ(exit_code_of([] { throw OutputError("disk full"); }, err), kExitOutputFailure);
  EXPECT_EQ(exit_code_of([] { throw ModelError("negative list"); }, err), kExitInternalError);
  EXPECT_EQ(exit_code_of([] { throw std::logic_error("bug"); }, err), kExitInternalError);
  EXPECT_EQ(exit_code_of([] { throw 42; }, err), kExitInternalError);
  EXPECT_NE(err.str().find("error: no such file\n"), std::string::npos);
  EXPECT_NE(err.str().find("error: disk full\n"), std::string::npos);
  EXPECT_NE(err.str().find("internal error: the model failed: negative list\n"), std::string::npos);
}

// The default results file is results/<scenario stem>.h5 whatever folder the scenario is in.
TEST(Commands, DefaultOutputPath) {
  EXPECT_EQ(default_output_path("scenarios/bolton.toml"),
            std::filesystem::path("results/bolton.h5"));
  EXPECT_EQ(default_output_path("/tmp/a.b.toml"), std::filesystem::path("results/a.b.h5"));
}

}  // namespace
}  // namespace pcsim::runner
