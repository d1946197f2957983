#pragma once
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string_view>
#include <type_traits>

#include "model/parameter_registry.hpp"

// Building blocks of the registry tables (parameter_specs_*.cpp). Each accessor is a plain
// function template instantiated for one field, so its address is a constant function
// pointer that fits ParameterSpec::get / ::set without captures.
namespace pcsim::model::registry_detail {

template <class T>
double to_double(const T& field) {
  return static_cast<double>(field);  // bools read 0/1, enums and choices their index
}

template <class T>
void assign(T& field, double value) {
  if constexpr (std::is_same_v<T, bool>)
    field = value != 0.0;
  else if constexpr (std::is_enum_v<T> || std::is_integral_v<T>)
    field = static_cast<T>(std::lround(value));
  else
    field = value;
}

using Getter = double (*)(const ModelParameters&, std::size_t);
using Setter = void (*)(ModelParameters&, std::size_t, double);
struct Accessor {
  Getter get;
  Setter set;
};

// A field of ModelParameters itself ("horizon_years").
template <auto Field>
double get_top(const ModelParameters& m, std::size_t) {
  return to_double(m.*Field);
}
template <auto Field>
void set_top(ModelParameters& m, std::size_t, double v) {
  assign(m.*Field, v);
}
template <auto Field>
inline constexpr Accessor top{&get_top<Field>, &set_top<Field>};

// A field of one section struct ("population.list_growth").
template <auto Section, auto Field>
double get_in(const ModelParameters& m, std::size_t) {
  return to_double(m.*Section.*Field);
}
template <auto Section, auto Field>
void set_in(ModelParameters& m, std::size_t, double v) {
  assign(m.*Section.*Field, v);
}
template <auto Section, auto Field>
inline constexpr Accessor in{&get_in<Section, Field>, &set_in<Section, Field>};

template <auto F>
inline constexpr Accessor population = in<&ModelParameters::population, F>;
template <auto F>
inline constexpr Accessor workforce = in<&ModelParameters::workforce, F>;
template <auto F>
inline constexpr Accessor capacity = in<&ModelParameters::capacity, F>;
template <auto F>
inline constexpr Accessor funding = in<&ModelParameters::funding, F>;
template <auto F>
inline constexpr Accessor savings = in<&ModelParameters::savings, F>;
template <auto F>
inline constexpr Accessor economics = in<&ModelParameters::economics, F>;

// One age band of workforce.retirement_rate.
template <int Band>
double get_retirement(const ModelParameters& m, std::size_t) {
  return m.workforce.retirement_rate[Band];
}
template <int Band>
void set_retirement(ModelParameters& m, std::size_t, double v) {
  m.workforce.retirement_rate[Band] = v;
}
template <int Band>
inline constexpr Accessor retirement{&get_retirement<Band>, &set_retirement<Band>};

// A field of element `element` of a list ("roles.*.x", "funding.quality_standards.*.x");
// .at() so that an element the scenario has not created is an error, not a stray write.
template <auto Field>
double get_role(const ModelParameters& m, std::size_t i) {
  return to_double(m.roles.at(i).*Field);
}
template <auto Field>
void set_role(ModelParameters& m, std::size_t i, double v) {
  assign(m.roles.at(i).*Field, v);
}
template <auto Field>
inline constexpr Accessor role{&get_role<Field>, &set_role<Field>};

template <auto Field>
double get_standard(const ModelParameters& m, std::size_t i) {
  return to_double(m.funding.quality_standards.at(i).*Field);
}
template <auto Field>
void set_standard(ModelParameters& m, std::size_t i, double v) {
  assign(m.funding.quality_standards.at(i).*Field, v);
}
template <auto Field>
inline constexpr Accessor standard{&get_standard<Field>, &set_standard<Field>};

// A field of one of the two hazards of practice_changes ("practice_changes.merger_intercept").
template <auto Hazard, auto Field>
double get_hazard(const ModelParameters& m, std::size_t) {
  return to_double(m.practice_changes.*Hazard.*Field);
}
template <auto Hazard, auto Field>
void set_hazard(ModelParameters& m, std::size_t, double v) {
  assign(m.practice_changes.*Hazard.*Field, v);
}
template <auto Hazard, auto Field>
inline constexpr Accessor hazard{&get_hazard<Hazard, Field>, &set_hazard<Hazard, Field>};
template <auto F>
inline constexpr Accessor practice_changes = in<&ModelParameters::practice_changes, F>;
template <auto F>
inline constexpr Accessor additional_roles = in<&ModelParameters::additional_roles, F>;

inline constexpr double kBig = 1e12;  // upper bound for £ totals and counts with no natural cap

constexpr ParameterSpec spec(std::string_view path, ParameterType type, std::string_view unit,
                             double min_valid, double max_valid, std::string_view description,
                             std::string_view source, Accessor accessor,
                             std::span<const std::string_view> choices = {}) {
  // No plausible range until the table's .plausible(...) gives one, and no band against the
  // practices' spend until .plausible_against_spend(...) does, and read every iteration
  // until .read_at_load(...) says otherwise.
  constexpr double kInf = std::numeric_limits<double>::infinity();
  return ParameterSpec{path,        type,   unit,    min_valid,     max_valid,
                       description, source, choices, accessor.get,  accessor.set,
                       -kInf,       kInf,   {},      {0, kInf, {}}, {}};
}

// The tables, split by subject to keep files short; parameter_registry.cpp joins them.
std::span<const ParameterSpec> demand_and_workforce_specs();  // top level, population,
                                                              // workforce, roles, capacity
std::span<const ParameterSpec> finance_specs();               // funding, savings, economics
std::span<const ParameterSpec> structure_specs();             // practice_changes, additional_roles

}  // namespace pcsim::model::registry_detail
