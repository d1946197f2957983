#pragma once
#include <cstddef>
#include <span>
#include <vector>

namespace pcsim::runner {

// Iman & Conover (1982), "A distribution-free approach to inducing rank correlation among
// input variables", Communications in Statistics B 11: reorders the values within each
// column so that the columns' Spearman rank correlations approach `target_rank` (k x k,
// row-major, positive semi-definite, unit diagonal). Each column keeps exactly the values
// it had, only in other rows, so every marginal is unchanged.
//
// With N rows and van der Waerden scores a_r = Phi^-1(r / (N + 1)):
//   S   : column j holds a_rank(x_ij), the scores in the column's current (random) order;
//   E   : the sample correlation of S, and L_E its Cholesky factor (E = L_E L_E^T);
//   C   : the target Pearson correlation of the scores, C_ij = 2 sin(pi/6 rho_ij), the
//         normal-scores correlation whose Spearman correlation is rho_ij (Pearson 1907);
//   T   = S inv(L_E^T) R, with R^T R = C (R = L_C^T, or a symmetric square root when C is
//         only semi-definite), so T's sample correlation is exactly C;
// then column j is reordered to the ranks of T's column j. With N <= k the score matrix
// cannot have full rank; E is then taken as the identity. Fewer than 3 rows: left as is.
// Deterministic: no random numbers beyond the order the columns arrive in.
void impose_rank_correlation(std::span<std::vector<double>* const> columns,
                             std::span<const double> target_rank);

// 1-based ranks of `values` (ties broken by position, so the result is a permutation).
std::vector<std::size_t> ranks_of(std::span<const double> values);

}  // namespace pcsim::runner
