#include "model/parameter_registry.hpp"

#include <string>
#include <vector>

#include "model/parameter_registry_detail.hpp"

namespace pcsim::model {
namespace {

// The tables of parameter_specs_*.cpp joined once, in file order (built on first use, so
// there is no static initialisation order between translation units).
const std::vector<ParameterSpec>& all_specs() {
  static const std::vector<ParameterSpec> specs = [] {
    std::vector<ParameterSpec> joined;
    for (auto part : {registry_detail::demand_and_workforce_specs(),
                      registry_detail::finance_specs(), registry_detail::structure_specs()})
      joined.insert(joined.end(), part.begin(), part.end());
    return joined;
  }();
  return specs;
}

const ParameterSpec* find_exact(std::string_view path) {
  for (const auto& s : all_specs())
    if (s.path == path) return &s;
  return nullptr;
}

// "roles.nurse.cost_per_fte" -> "roles.*.cost_per_fte" when path starts with `prefix`
// ("roles.") and one element name follows; else empty.
std::string as_pattern(std::string_view path, std::string_view prefix) {
  if (!path.starts_with(prefix)) return {};
  const std::string_view rest = path.substr(prefix.size());
  const auto dot = rest.find('.');
  if (dot == 0 || dot == std::string_view::npos) return {};
  const std::string_view field = rest.substr(dot + 1);
  if (field.empty() || field.find('.') != std::string_view::npos) return {};
  return std::string(prefix) + "*." + std::string(field);
}

}  // namespace

std::span<const ParameterSpec> parameter_specs() { return all_specs(); }

const ParameterSpec* find_parameter_spec(std::string_view path) {
  if (const auto* exact = find_exact(path)) return exact;
  for (std::string_view prefix : {"roles.", "funding.quality_standards."}) {
    const std::string pattern = as_pattern(path, prefix);
    if (!pattern.empty())
      if (const auto* s = find_exact(pattern)) return s;
  }
  return nullptr;
}

std::span<const std::string_view> parameter_paths() {
  static const std::vector<std::string_view> paths = [] {
    std::vector<std::string_view> out;
    for (const auto& s : all_specs()) out.push_back(s.path);
    return out;
  }();
  return paths;
}

}  // namespace pcsim::model
