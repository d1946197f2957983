#include "runner/evppi.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "core/not_a_number.hpp"
#include "model/sampling.hpp"
#include "random/philox_events.hpp"
#include "runner/penalised_regression.hpp"
#include "runner/sampling_plan.hpp"

namespace pcsim::runner {
// The keyed random streams (random/philox_events.hpp).
using namespace pcsim::random;

namespace {

// The stream of the posterior draws (a parameter stream no scenario path can take).
constexpr std::uint32_t kPosteriorStream = parameter_stream_id("evppi.posterior");

// mean_i max(0, max_d g_d(i)) - max(0, max_d mean_i g_d(i)) over the fitted INBs.
double evppi_of(const std::vector<std::vector<double>>& fitted) {
  if (fitted.empty() || fitted.front().empty()) return kNaN;
  const std::size_t n = fitted.front().size();
  double best_each = 0, best_mean = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double top = 0;  // the baseline: INB 0
    for (const auto& g : fitted) top = std::max(top, g[i]);
    best_each += top;
  }
  for (const auto& g : fitted) {
    double mean = 0;
    for (const double v : g) mean += v;
    best_mean = std::max(best_mean, mean / static_cast<double>(n));
  }
  return best_each / static_cast<double>(n) - best_mean;
}

std::string section_of(const std::string& path) {
  const std::size_t dot = path.find('.');
  return dot == std::string::npos ? std::string("top level") : path.substr(0, dot);
}

bool varies(const std::vector<double>& values) {
  return std::any_of(values.begin(), values.end(), [&](double v) { return v != values.front(); });
}

}  // namespace

std::vector<ParameterGroup> parameter_groups(const std::vector<std::string>& parameters) {
  std::vector<ParameterGroup> groups;
  for (const auto& p : parameters) groups.push_back({p, {p}});
  std::map<std::string, std::vector<std::string>> sections;
  std::vector<std::string> order;
  for (const auto& p : parameters) {
    const std::string s = section_of(p);
    if (!sections.contains(s)) order.push_back(s);
    sections[s].push_back(p);
  }
  bool one_section_holds_all = false;
  for (const auto& s : order) {
    if (sections[s].size() < 2) continue;
    groups.push_back({s, sections[s]});
    one_section_holds_all = one_section_holds_all || sections[s].size() == parameters.size();
  }
  if (parameters.size() >= 2 && !one_section_holds_all) groups.push_back({"all", parameters});
  return groups;
}

output::EvppiResults evppi_from_draws(const std::vector<std::string>& options,
                                      const std::vector<std::vector<double>>& npv,
                                      const std::vector<std::string>& parameters,
                                      const std::vector<std::vector<double>>& columns,
                                      const std::vector<ParameterGroup>& groups,
                                      std::uint64_t seed) {
  output::EvppiResults r;
  r.options = options;
  const std::size_t n_all = npv.empty() ? 0 : npv.front().size();
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < n_all; ++i) {
    bool defined = true;
    for (const auto& v : npv) defined = defined && !std::isnan(v[i]);
    if (defined) kept.push_back(i);
  }
  r.iterations_used = static_cast<std::int64_t>(kept.size());
  const std::size_t n = kept.size();
  // INB of each option against the baseline, on the kept iterations.
  std::vector<std::vector<double>> inb(options.size() > 0 ? options.size() - 1 : 0,
                                       std::vector<double>(n));
  for (std::size_t d = 1; d < options.size(); ++d)
    for (std::size_t k = 0; k < n; ++k) inb[d - 1][k] = npv[d][kept[k]] - npv[0][kept[k]];
  {
    // The run's EVPI over the same iterations, for the side-by-side.
    double best_each = 0, best_mean = 0;
    for (std::size_t k = 0; k < n; ++k) {
      double top = 0;
      for (const auto& g : inb) top = std::max(top, g[k]);
      best_each += top;
    }
    for (const auto& g : inb) {
      double mean = 0;
      for (const double v : g) mean += v;
      best_mean = std::max(best_mean, n ? mean / static_cast<double>(n) : kNaN);
    }
    r.evpi = n ? best_each / static_cast<double>(n) - best_mean : kNaN;
  }
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    const ParameterGroup& group = groups[gi];
    output::EvppiGroup out;
    out.name = group.name;
    out.parameters = group.parameters;
    std::vector<std::vector<double>> x;
    for (const auto& name : group.parameters) {
      const auto at = std::find(parameters.begin(), parameters.end(), name);
      if (at == parameters.end()) throw std::invalid_argument("EVPPI: no draws of '" + name + "'");
      const auto& column = columns[static_cast<std::size_t>(at - parameters.begin())];
      std::vector<double> values(n);
      for (std::size_t k = 0; k < n; ++k) values[k] = column[kept[k]];
      x.push_back(std::move(values));
    }
    if (n < 3 || inb.empty()) {
      out.method = "none: too few iterations";
      out.evppi = out.se = kNaN;
      r.groups.push_back(std::move(out));
      continue;
    }
    std::vector<SmoothFit> fits;
    std::vector<std::vector<double>> fitted;
    for (const auto& y : inb) {
      fits.emplace_back(x, y);
      fitted.push_back(fits.back().fitted());
      out.r_squared.push_back(fits.back().r_squared());
      out.edf.push_back(fits.back().edf());
    }
    out.method = fits.front().method();
    out.evppi = evppi_of(fitted);
    // The spread of the EVPPI over draws of the coefficients from their posterior.
    std::vector<double> draws;
    for (int s = 0; s < kEvppiSeDraws; ++s) {
      std::vector<std::vector<double>> drawn;
      for (std::size_t d = 0; d < fits.size(); ++d) {
        std::vector<double> z(fits[d].coefficients());
        for (std::size_t c = 0; c < z.size(); ++c) {
          const double u = philox_uniform(seed, static_cast<std::uint32_t>(s), kPosteriorStream,
                                          static_cast<std::uint32_t>(gi * 256 + d),
                                          model::Purpose::Parameter, static_cast<std::uint32_t>(c));
          z[c] = model::normal_quantile(u);
        }
        drawn.push_back(fits[d].fitted_with(z));
      }
      draws.push_back(evppi_of(drawn));
    }
    double mean = 0;
    for (const double v : draws) mean += v;
    mean /= static_cast<double>(draws.size());
    double squares = 0;
    for (const double v : draws) squares += (v - mean) * (v - mean);
    out.se = std::sqrt(squares / static_cast<double>(draws.size() - 1));
    r.groups.push_back(std::move(out));
  }
  return r;
}

std::optional<output::EvppiResults> run_evppi(const scenarios::Scenario& scenario,
                                              const output::RunResults& results,
                                              std::uint64_t seed) {
  if (results.options.size() < 2 || results.iterations < kMinEvppiIterations) return std::nullopt;
  std::vector<std::string> names;
  std::vector<std::vector<double>> npv;
  for (const auto& option : results.options) {
    names.push_back(option.name);
    const auto at = std::find(option.scalar_names.begin(), option.scalar_names.end(), "npv");
    if (at == option.scalar_names.end()) return std::nullopt;
    npv.push_back(option.scalars[static_cast<std::size_t>(at - option.scalar_names.begin())]);
  }
  // Every uncertain path's draws: the baseline's column, else the first option drawing it.
  // Options share each path's uniforms, so any option's column ranks the iterations alike.
  std::vector<std::string> parameters;
  std::vector<std::vector<double>> columns;
  for (const std::string& path : uncertain_paths(scenario)) {
    const output::ParameterColumn* found = nullptr;
    for (const auto& c : results.parameters)
      if (c.name == path && varies(c.values)) found = &c;
    for (std::size_t o = 1; o < results.options.size() && !found; ++o)
      for (const auto& c : results.options[o].parameters)
        if (c.name == path && varies(c.values)) found = &c;
    if (!found) continue;
    parameters.push_back(path);
    columns.push_back(found->values);
  }
  if (parameters.empty()) return std::nullopt;
  output::EvppiResults r =
      evppi_from_draws(names, npv, parameters, columns, parameter_groups(parameters), seed);
  if (r.iterations_used < kMinEvppiIterations) return std::nullopt;
  return r;
}

}  // namespace pcsim::runner
