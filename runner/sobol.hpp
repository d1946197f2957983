#pragma once
// Variance-based sensitivity: first-order and total Sobol indices from a Saltelli design,
// estimated with Jansen's formulas, with bootstrap confidence intervals (docs/cli.md,
// `pcsim sensitivity --sobol`). Pure statistics: the caller evaluates the model at the
// design's points; nothing here knows what the model is.
//
// Design (Saltelli et al. 2010, "Variance based sensitivity analysis of model output"):
// two independent N x k matrices A and B of uniforms, and for each input i the matrix
// A_B^(i): A with its column i taken from B. The model is evaluated at the N (k + 2) points
// of A, B and every A_B^(i).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace pcsim::runner {

// Which matrix of the design a point belongs to: A, B, or A_B^(i) = kFirstMixed + i.
inline constexpr std::size_t kMatrixA = 0;
inline constexpr std::size_t kMatrixB = 1;
inline constexpr std::size_t kFirstMixed = 2;

class SaltelliDesign {
 public:
  // Uniforms in (0, 1) keyed by each input's name, like the engine's parameter draws:
  //   A[j][i] = parameter_uniform(seed, j, "sobol.A." + names[i])
  //   B[j][i] = parameter_uniform(seed, j, "sobol.B." + names[i])
  // so the design depends on (seed, row, name) only, never on the order of the inputs.
  SaltelliDesign(std::uint64_t seed, std::size_t rows, const std::vector<std::string>& names);

  std::size_t rows() const { return rows_; }
  std::size_t inputs() const { return inputs_; }
  // Matrices A, B and one A_B^(i) per input: k + 2.
  std::size_t matrices() const { return inputs_ + kFirstMixed; }

  // The uniforms of row `row` of matrix `matrix` (kMatrixA, kMatrixB or kFirstMixed + i)
  // written to `out` (one per input).
  void point(std::size_t matrix, std::size_t row, std::span<double> out) const;

 private:
  std::size_t rows_, inputs_;
  std::vector<double> a_, b_;  // row-major [rows x inputs]
};

// One input's indices: point estimates and 95 % bootstrap percentile intervals. NaN where
// undefined (an output that never varies, or no bootstrap asked for).
struct SobolIndex {
  double first_order = 0, first_order_low = 0, first_order_high = 0;
  double total = 0, total_low = 0, total_high = 0;
};

struct SobolEstimate {
  std::vector<SobolIndex> indices;  // one per input, in the design's order
  double variance = 0;              // V, pooled from f(A) and f(B) of the rows used
  std::size_t rows_used = 0;        // rows with no NaN evaluation (the others are left out)
};

// The model's values at the design's points: `values[matrix * rows + row]` is f at row `row`
// of matrix `matrix`, so values.size() == (inputs + 2) * rows.
// Jansen's estimators (Jansen 1999; Saltelli et al. 2010, Table 2, formula (f)), over the
// rows j whose k + 2 values are all defined:
//   V     = sample variance (divisor 2N - 1) of the 2N values f(A)_j and f(B)_j;
//   S_Ti  = (1 / 2N) sum_j (f(A)_j - f(A_B^(i))_j)^2 / V                  (total)
//   S_i   = 1 - (1 / 2N) sum_j (f(B)_j - f(A_B^(i))_j)^2 / V              (first order)
// Confidence intervals: `bootstrap` resamples of the rows with replacement (row j of every
// matrix moves together), each re-estimating V, S_i and S_Ti; the interval is the 2.5th to
// 97.5th percentile of the resampled estimates (type 7). The resampling uses Philox keyed
// by (seed, resample, position), so the intervals are reproducible. bootstrap = 0 gives
// NaN intervals.
SobolEstimate sobol_indices(std::span<const double> values, std::size_t rows, std::size_t inputs,
                            int bootstrap, std::uint64_t seed);

}  // namespace pcsim::runner
