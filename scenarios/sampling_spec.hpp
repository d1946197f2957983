#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/errors.hpp"

namespace pcsim::scenarios {

// How the uniforms behind the parameter draws are laid out over the iterations
// (MODEL.md, Shape of a run: "optionally Latin hypercube and rank correlation").
enum class SamplingMethod {
  Random,          // each iteration draws each parameter independently (the default)
  LatinHypercube,  // each parameter's N uniforms fall one in each of the N strata
};

// One [[sampling.correlations]] entry: the target Spearman rank correlation of two
// uncertain parameters, as written.
struct RankCorrelation {
  std::string a;
  std::string b;
  double rank_correlation = 0.0;
  int line = 0;
};

// The [sampling] section of a scenario, validated. The runner's SamplingPlan
// (runner/sampling_plan.hpp) turns it into the uniforms of every iteration.
struct SamplingSpec {
  SamplingMethod method = SamplingMethod::Random;
  bool repair_correlation = false;
  std::vector<RankCorrelation> correlations;
  // The target rank-correlation matrix, n x n row-major over `correlated_paths` (every path
  // named by a correlation, sorted): 1 on the diagonal, the given pairs off it, 0 for pairs
  // not given. Positive semi-definite: checked, or repaired when repair_correlation is set.
  std::vector<std::string> correlated_paths;
  std::vector<double> target_matrix;
  bool repaired = false;           // target_matrix is the nearest correlation matrix
  double smallest_eigenvalue = 1;  // of the matrix as written (1 with no correlations)
  // What the user should see without the run failing (the repair), for the caller to print.
  std::vector<Diagnostic> warnings;
  int line = 0;  // where [sampling] starts (0: no section)
};

}  // namespace pcsim::scenarios
