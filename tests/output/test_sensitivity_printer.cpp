// The NPV tornado table of `pcsim sensitivity` (output/sensitivity_printer.hpp), on small
// hand-made results.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "output/sensitivity_printer.hpp"
#include "text_lines.hpp"

namespace pcsim::output {
namespace {

// Three parameters, the NPV's tornado cells given directly: b swings 300,000, a 20,000,
// c 0, and the order puts b first.
SensitivityResults sample(bool with_sobol) {
  SensitivityResults r;
  r.option = "invest";
  r.year_labels = {"2017/18"};
  r.parameters = {"a.share", "b.running_cost", "c.growth"};
  r.tornado_inputs = {0.1, 0.3, 50000, 150000, 0.004, 0.009};
  r.tornado_order = {1, 0, 2};
  SensitivityOutput npv;
  npv.name = "npv";
  npv.unit = "GBP";
  npv.per_year = false;
  npv.central = {-1000000};
  npv.tornado = {-990000, -1010000, 20000, -850000, -1150000, 300000, -1000000, -1000000, 0};
  if (with_sobol) {
    npv.sobol = {0.01, 0, 0.02, 0.02, 0.01, 0.03, 0.9, 0.8, 1, 0.95, 0.9, 1, 0, 0, 0, 0, 0, 0};
  }
  r.outputs.push_back(npv);
  return r;
}

using test_text::lines_of;

// The central NPV, a header and one row per parameter in tornado order with the P10 and
// P90 inputs, both NPVs and the swing formatted as money.
TEST(SensitivityPrinter, RowsFollowTheTornadoOrder) {
  std::ostringstream out;
  print_npv_tornado(sample(false), out);
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_NE(lines[1].find("-£1,000,000"), std::string::npos);
  EXPECT_NE(lines[2].find("swing"), std::string::npos);
  EXPECT_EQ(lines[2].find("S1"), std::string::npos);  // no Sobol columns without Sobol
  EXPECT_NE(lines[3].find("b.running_cost"), std::string::npos);
  EXPECT_NE(lines[3].find("50,000"), std::string::npos);
  EXPECT_NE(lines[3].find("150,000"), std::string::npos);
  EXPECT_NE(lines[3].find("-£850,000"), std::string::npos);
  EXPECT_NE(lines[3].find("-£1,150,000"), std::string::npos);
  EXPECT_NE(lines[3].find("£300,000"), std::string::npos);
  EXPECT_NE(lines[4].find("a.share"), std::string::npos);
  EXPECT_NE(lines[4].find("0.3"), std::string::npos);
  EXPECT_NE(lines[5].find("c.growth"), std::string::npos);
}

// With Sobol indices the row of b shows its S1 (0.90) and ST (0.95); with max_rows 2 the
// last parameter is left out and a line says so.
TEST(SensitivityPrinter, SobolColumnsAndRowLimit) {
  std::ostringstream out;
  print_npv_tornado(sample(true), out, 2);
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_NE(lines[2].find("ST"), std::string::npos);
  EXPECT_NE(lines[3].find("0.90"), std::string::npos);
  EXPECT_NE(lines[3].find("0.95"), std::string::npos);
  EXPECT_EQ(lines[5], "  ... and 1 more parameters with smaller swings (all are in the file)");
}

}  // namespace
}  // namespace pcsim::output
