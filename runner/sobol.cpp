#include "runner/sobol.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

#include "core/not_a_number.hpp"
#include "output/statistics.hpp"
#include "random/philox_events.hpp"

namespace pcsim::runner {
// The keyed random streams (random/philox_events.hpp).
using namespace pcsim::random;

namespace {

// The stream of the bootstrap's row choices (Purpose::Parameter with a name no scenario
// parameter can take: scenario paths never start with "sobol.").
constexpr std::uint32_t kBootstrapStream = parameter_stream_id("sobol.bootstrap");

// A standard deviation at most this share of the largest |value| is rounding, not variance
// (doubles carry about 16 digits; a model run's sums lose a few of them).
constexpr double kNoiseSpread = 1e-10;

// Per-row pieces of the estimators, computed once and reused by every resample:
// the squared differences (f(A) - f(A_B^(i)))^2 and (f(B) - f(A_B^(i)))^2.
struct RowTerms {
  std::size_t inputs = 0;
  std::vector<double> f_a, f_b;            // [rows used]
  std::vector<double> total_sq, first_sq;  // [rows used x inputs]
};

RowTerms row_terms(std::span<const double> values, std::size_t rows, std::size_t inputs) {
  RowTerms terms;
  terms.inputs = inputs;
  const auto at = [&](std::size_t matrix, std::size_t row) { return values[matrix * rows + row]; };
  for (std::size_t j = 0; j < rows; ++j) {
    bool defined = true;
    for (std::size_t m = 0; m < inputs + kFirstMixed; ++m)
      defined = defined && !std::isnan(at(m, j));
    if (!defined) continue;
    const double a = at(kMatrixA, j), b = at(kMatrixB, j);
    terms.f_a.push_back(a);
    terms.f_b.push_back(b);
    for (std::size_t i = 0; i < inputs; ++i) {
      const double mixed = at(kFirstMixed + i, j);
      terms.total_sq.push_back((a - mixed) * (a - mixed));
      terms.first_sq.push_back((b - mixed) * (b - mixed));
    }
  }
  return terms;
}

struct PointEstimate {
  double variance = kNaN;
  std::vector<double> first, total;  // [inputs]
};

// Jansen's estimators over the rows `sample` (indexes into the used rows; repeats allowed).
PointEstimate estimate(const RowTerms& terms, std::span<const std::size_t> sample) {
  PointEstimate e;
  e.first.assign(terms.inputs, kNaN);
  e.total.assign(terms.inputs, kNaN);
  const std::size_t n = sample.size();
  if (n < 2) return e;
  double sum = 0;
  for (const std::size_t j : sample) sum += terms.f_a[j] + terms.f_b[j];
  const double mean = sum / static_cast<double>(2 * n);
  double squares = 0;
  for (const std::size_t j : sample) {
    squares += (terms.f_a[j] - mean) * (terms.f_a[j] - mean);
    squares += (terms.f_b[j] - mean) * (terms.f_b[j] - mean);
  }
  e.variance = squares / static_cast<double>(2 * n - 1);
  // A constant output has no variance to share out, and nor has one whose spread is only
  // rounding: an output no uncertain parameter reaches yet (other_fte in the first years)
  // differs between the runs in its last bits, and Jansen's ratios of that noise would
  // read as real indices (S1 = 1.000). Below kNoiseSpread of its largest |value| the
  // spread is taken as none.
  double largest = 0;
  for (const std::size_t j : sample)
    largest = std::max({largest, std::fabs(terms.f_a[j]), std::fabs(terms.f_b[j])});
  if (!(e.variance > 0) || std::sqrt(e.variance) <= kNoiseSpread * largest) return e;
  for (std::size_t i = 0; i < terms.inputs; ++i) {
    double total_sum = 0, first_sum = 0;
    for (const std::size_t j : sample) {
      total_sum += terms.total_sq[j * terms.inputs + i];
      first_sum += terms.first_sq[j * terms.inputs + i];
    }
    const double half_mean = 1.0 / static_cast<double>(2 * n);
    e.total[i] = half_mean * total_sum / e.variance;
    e.first[i] = 1.0 - half_mean * first_sum / e.variance;
  }
  return e;
}

// The 2.5th and 97.5th percentiles of the defined values of `estimates`.
std::pair<double, double> interval(std::vector<double> estimates) {
  std::erase_if(estimates, [](double x) { return std::isnan(x); });
  if (estimates.empty()) return {kNaN, kNaN};
  std::sort(estimates.begin(), estimates.end());
  return {output::percentile_of_sorted(estimates, 2.5),
          output::percentile_of_sorted(estimates, 97.5)};
}

}  // namespace

SaltelliDesign::SaltelliDesign(std::uint64_t seed, std::size_t rows,
                               const std::vector<std::string>& names)
    : rows_(rows), inputs_(names.size()), a_(rows * names.size()), b_(rows * names.size()) {
  if (rows > 4294967296ULL) throw std::invalid_argument("Saltelli design: at most 2^32 rows");
  for (std::size_t i = 0; i < inputs_; ++i) {
    const std::string a_name = "sobol.A." + names[i];
    const std::string b_name = "sobol.B." + names[i];
    for (std::size_t j = 0; j < rows; ++j) {
      const auto row = static_cast<std::uint32_t>(j);
      a_[j * inputs_ + i] = parameter_uniform(seed, row, a_name);
      b_[j * inputs_ + i] = parameter_uniform(seed, row, b_name);
    }
  }
}

void SaltelliDesign::point(std::size_t matrix, std::size_t row, std::span<double> out) const {
  if (matrix >= matrices() || row >= rows_ || out.size() != inputs_) {
    throw std::out_of_range("Saltelli design: no such point");
  }
  const std::vector<double>& base = matrix == kMatrixB ? b_ : a_;
  std::copy_n(base.begin() + static_cast<std::ptrdiff_t>(row * inputs_), inputs_, out.begin());
  if (matrix >= kFirstMixed) {
    const std::size_t i = matrix - kFirstMixed;  // A_B^(i): column i from B
    out[i] = b_[row * inputs_ + i];
  }
}

SobolEstimate sobol_indices(std::span<const double> values, std::size_t rows, std::size_t inputs,
                            int bootstrap, std::uint64_t seed) {
  if (values.size() != (inputs + kFirstMixed) * rows) {
    throw std::invalid_argument("sobol_indices: values do not match the design's points");
  }
  const RowTerms terms = row_terms(values, rows, inputs);
  const std::size_t used = terms.f_a.size();
  std::vector<std::size_t> all(used);
  for (std::size_t j = 0; j < used; ++j) all[j] = j;
  const PointEstimate point = estimate(terms, all);

  // first[b * inputs + i], total[...]: the estimates of resample b.
  const auto resamples = static_cast<std::size_t>(std::max(0, bootstrap));
  std::vector<double> first(resamples * inputs, kNaN), total(resamples * inputs, kNaN);
  std::vector<std::size_t> sample(used);
  for (std::size_t b = 0; b < resamples && used > 0; ++b) {
    for (std::size_t j = 0; j < used; ++j) {
      const double u = philox_uniform(seed, static_cast<std::uint32_t>(b), kBootstrapStream, 0,
                                      model::Purpose::Parameter, static_cast<std::uint32_t>(j));
      // u < 1 always, so the row is in [0, used); min() guards the last bit of rounding.
      sample[j] = std::min(used - 1, static_cast<std::size_t>(u * static_cast<double>(used)));
    }
    const PointEstimate e = estimate(terms, sample);
    for (std::size_t i = 0; i < inputs; ++i) {
      first[b * inputs + i] = e.first[i];
      total[b * inputs + i] = e.total[i];
    }
  }

  SobolEstimate result;
  result.variance = point.variance;
  result.rows_used = used;
  for (std::size_t i = 0; i < inputs; ++i) {
    std::vector<double> first_i(resamples), total_i(resamples);
    for (std::size_t b = 0; b < resamples; ++b) {
      first_i[b] = first[b * inputs + i];
      total_i[b] = total[b * inputs + i];
    }
    SobolIndex index;
    index.first_order = point.first[i];
    index.total = point.total[i];
    std::tie(index.first_order_low, index.first_order_high) = interval(std::move(first_i));
    std::tie(index.total_low, index.total_high) = interval(std::move(total_i));
    result.indices.push_back(index);
  }
  return result;
}

}  // namespace pcsim::runner
