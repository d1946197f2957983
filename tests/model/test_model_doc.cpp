// Tests that docs/model.md documents every parameter of the registry, so a reader of the
// page can find any key a scenario may set.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "model/parameter_registry.hpp"

namespace pcsim::model {
namespace {

std::string read_doc() {
  std::ifstream in(std::string(PCSIM_SOURCE_DIR) + "/docs/model.md");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Fact: every registry path has a row of its own in the parameter table of docs/model.md
// ("| `path` |").
TEST(ModelDoc, EveryRegistryPathHasATableRow) {
  const std::string doc = read_doc();
  ASSERT_FALSE(doc.empty()) << "docs/model.md not found under " << PCSIM_SOURCE_DIR;
  for (std::string_view path : parameter_paths()) {
    const std::string row = "| `" + std::string(path) + "` |";
    const auto first = doc.find(row);
    EXPECT_NE(first, std::string::npos) << path << " is missing from docs/model.md";
    if (first != std::string::npos) {
      EXPECT_EQ(doc.find(row, first + 1), std::string::npos) << path << " has two rows";
    }
  }
}

// Fact: the page holds the equations of every module of MODEL.md, each under its own heading.
TEST(ModelDoc, HoldsEveryModule) {
  const std::string doc = read_doc();
  for (const char* heading :
       {"## Population and demand", "## Workforce", "## Appointment capacity",
        "## Funding, savings and economics", "# Levelling up", "# Quality contract", "# Budget",
        "# Peer benchmarking", "# Prescribing", "# Economics", "## Commissioning level",
        "## Central case", "## How a year is run"}) {
    EXPECT_NE(doc.find(heading), std::string::npos) << heading << " is missing";
  }
}

}  // namespace
}  // namespace pcsim::model
