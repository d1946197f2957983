#pragma once

// The accounts pass (engine/accounts_pass.hpp) eight practices to an AVX-512 register
// (docs/performance.md): each practice's figures computed by the same operations in the
// same order as practice_accounts and the model functions it calls, in the lanes of
// vector registers, then added to the year's totals practice by practice, in practice
// order, as accounts_pass adds them. So every total is the same bit for bit;
// tests/engine/test_accounts_avx512.cpp holds the two passes to each other on random
// parameters and practices, and the oracle runs the engine with it against the reference.
// engine/accounts_avx512.cpp is compiled with -ffp-contract=off: a multiply and an add
// fused into one instruction would round once where the scalar code rounds twice.
namespace pcsim::model {
struct ModelParameters;
struct YearTotals;
}  // namespace pcsim::model

namespace pcsim::engine {
struct EngineState;
struct YearFactors;
using model::ModelParameters;
using model::YearTotals;

// Whether this build and processor run accounts_pass_avx512 (AVX-512 F).
bool accounts_avx512_supported();

// accounts_pass(m, f, s, y, nullptr) with the practices' figures eight at a time: the
// same totals, the same s.new_role_fte and s.referral_rate. Only where
// accounts_avx512_supported().
void accounts_pass_avx512(const ModelParameters& m, const YearFactors& f, EngineState& s,
                          YearTotals& y);

}  // namespace pcsim::engine
