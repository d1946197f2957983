// model::rounded_gps classes a headcount by comparisons; the definition is std::round
// (half away from zero): class None when round(H) <= 0, One when round(H) == 1, else More.
// Checked against std::round on the edges of the classes and on random headcounts.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "model/workforce.hpp"

namespace pcsim::model {
namespace {

RoundedGps by_round(double h) {
  const double heads = std::round(h);
  if (heads <= 0) return RoundedGps::None;
  return heads == 1 ? RoundedGps::One : RoundedGps::More;
}

TEST(RoundedGps, EqualsTheClassOfStdRound) {
  std::vector<double> values = {0.0,
                                -0.0,
                                -0.5,
                                -1e-300,
                                0.5,
                                1.5,
                                2.5,
                                1.0,
                                1e300,
                                std::numeric_limits<double>::infinity(),
                                -std::numeric_limits<double>::infinity(),
                                std::numeric_limits<double>::quiet_NaN(),
                                std::numeric_limits<double>::denorm_min()};
  for (double edge : {0.5, 1.5, -0.5})
    for (double h = edge, k = 0; k < 4; ++k) {
      values.push_back(h = std::nextafter(h, 0.0));
      values.push_back(std::nextafter(edge + (edge - h), 10.0));
    }
  std::mt19937_64 rng(9);
  std::uniform_real_distribution<double> u(-3.0, 40.0);
  for (int k = 0; k < 100000; ++k) values.push_back(u(rng));
  for (double h : values) EXPECT_EQ(rounded_gps(h), by_round(h)) << h;
  EXPECT_EQ(rounded_gps(0.49999999999999994), RoundedGps::None);
  EXPECT_EQ(rounded_gps(0.5), RoundedGps::One);
  EXPECT_EQ(rounded_gps(1.4999999999999998), RoundedGps::One);
  EXPECT_EQ(rounded_gps(1.5), RoundedGps::More);
}

}  // namespace
}  // namespace pcsim::model
