#pragma once
// Units in the names of types, so that a finance lead reading a signature knows what flows
// through it. They are aliases (not wrapper types) to keep the arithmetic of MODEL.md
// readable; the name is the documentation.
namespace pcsim {

using Pounds = double;            // £, cash terms of the year they are spent in
using PoundsPerPatient = double;  // £ per (weighted or registered) patient per year
using Patients = double;          // registered or weighted list size
using Headcount = double;         // people (integer-valued except in the central case)
using Fte = double;               // full-time equivalents
using Appointments = double;      // appointments (or consultations) per year
using Fraction = double;          // a share or probability in [0, 1]
using RatePerYear = double;       // a proportional change per year, e.g. 0.01 = +1 %/year
using Referrals = double;         // referrals to secondary care per year

}  // namespace pcsim
