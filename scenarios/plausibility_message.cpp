#include "scenarios/plausibility_message.hpp"

#include <fmt/format.h>

namespace pcsim::scenarios {

std::string value_file(const ParameterEntry& entry, const Scenario& scenario) {
  return entry.file.empty() ? scenario.file.string() : entry.file;
}

std::string outside_subject(const ParameterEntry& entry, const std::vector<std::string>& outside) {
  if (entry.distribution.is_fixed()) return outside.front() + " is";
  std::string list;
  for (std::size_t i = 0; i < outside.size(); ++i)
    list += (i == 0 ? "" : i + 1 == outside.size() ? " and " : ", ") + outside[i];
  return fmt::format("{}: its {} {}", entry.distribution.describe(), list,
                     outside.size() == 1 ? "is" : "are");
}

RunWarning located_warning(const ParameterEntry& entry, std::string key, std::string_view text,
                           const Scenario& scenario) {
  std::string file = value_file(entry, scenario);
  std::string message = fmt::format("{}, line {}: {}", file, entry.line, text);
  return RunWarning{std::move(key), std::move(message), {}, std::move(file), entry.line};
}

}  // namespace pcsim::scenarios
