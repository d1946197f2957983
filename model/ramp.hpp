#pragma once

namespace pcsim::model {

// Phase-in of a lever (docs/model.md, Time): ramp(t, Y) = min(1, t / Y), and 1 when
// Y <= 0 (a lever with no ramp acts in full at once). t = 0 (the baseline year) gives 0
// for Y > 0. Used by levelling up (Y = levelling_years), EUR and the prescribing KPI
// (Y = ramp_years) and skill-mix diversion (Y = diversion_ramp_years).
constexpr double ramp(int t, double years) {
  if (years <= 0) return 1.0;
  const double share = static_cast<double>(t) / years;
  return share < 1.0 ? share : 1.0;
}

}  // namespace pcsim::model
