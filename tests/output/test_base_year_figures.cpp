// The base year's figures for people (output/base_year_figures.hpp): each shown as a whole
// number, halves to even, and that whole number given for the workbook's cell (which a
// spreadsheet would round half away from zero), so the summary, report and workbook agree.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "output/base_year_figures.hpp"
#include "output/provenance.hpp"

namespace pcsim::output {
namespace {

std::vector<BaseYearItem> items_of(const std::string& registered, const std::string& funding) {
  Provenance provenance;
  provenance.extra = {{"practices_base_year", "2022/23"},
                      {"practices_loaded", "6459"},
                      {"practices_registered_patients", registered},
                      {"practices_weighted_patients", "62134482.25"},
                      {"practices_core_funding", funding}};
  return base_year_items(base_year_figures(provenance));
}

TEST(BaseYearFigures, HalvesOfPatientsShowAndStoreTheSameWholeNumber) {
  // The 2022/23 payments file's lists are quarterly means: England's sum ends in .5.
  const std::vector<BaseYearItem> items = items_of("62134482.5", "26293559.880000003");
  ASSERT_EQ(items.size(), 4U);
  EXPECT_EQ(items[1].text, "62,134,482");  // half to even, by hand
  EXPECT_EQ(items[1].whole, 62134482.0);
  EXPECT_EQ(items[1].value, 62134482.5);   // the report's data-value keeps it
  EXPECT_EQ(items[2].text, "62,134,482");  // .25 down
  EXPECT_EQ(items[2].whole, 62134482.0);
  EXPECT_EQ(items[3].text, "£26,293,560");
  EXPECT_EQ(items[3].whole, 26293560.0);
  // The other half goes up to its even neighbour.
  const std::vector<BaseYearItem> odd = items_of("62134483.5", "1.5");
  EXPECT_EQ(odd[1].text, "62,134,484");
  EXPECT_EQ(odd[1].whole, 62134484.0);
  EXPECT_EQ(odd[3].text, "£2");
  EXPECT_EQ(odd[3].whole, 2.0);
}

}  // namespace
}  // namespace pcsim::output
