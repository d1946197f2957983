// docs/output-format.md lists every metric of the metric table (model/metrics.hpp) with its
// unit, direction and meaning, row for row, so the page cannot drift from the code.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "model/metrics.hpp"

namespace pcsim::model {
namespace {

std::string direction(Better b) {
  return b == Better::Higher ? "higher" : b == Better::Lower ? "lower" : "neither";
}

TEST(MetricTableDoc, EveryMetricHasItsRow) {
  std::ifstream in(std::string(PCSIM_SOURCE_DIR) + "/docs/output-format.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  ASSERT_FALSE(doc.empty());
  for (const MetricInfo& m : kMetrics) {
    const std::string row = "| `" + std::string(m.name) + "` | " + std::string(m.unit) + " | " +
                            direction(m.better) + " | " + std::string(m.description) + " |";
    EXPECT_NE(doc.find(row), std::string::npos) << "missing or different: " << row;
  }
  for (const MetricInfo& m : kScalarMetrics) {
    const std::string row = "| `" + std::string(m.name) + "` (scalar, per iteration) | " +
                            std::string(m.unit) + " | " + direction(m.better) + " | " +
                            std::string(m.description) + " |";
    EXPECT_NE(doc.find(row), std::string::npos) << "missing or different: " << row;
  }
}

}  // namespace
}  // namespace pcsim::model
