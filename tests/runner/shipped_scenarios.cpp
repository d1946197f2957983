#include "shipped_scenarios.hpp"

#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace pcsim::runner::fixtures {

std::filesystem::path shipped_scenario_path(std::string_view name) {
  return std::filesystem::path(PCSIM_SOURCE_DIR) / "scenarios" / name;
}

const scenarios::Scenario& shipped_scenario(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, scenarios::Scenario, std::less<>> loaded;
  const std::lock_guard lock(mutex);
  auto found = loaded.find(name);
  if (found == loaded.end()) {
    // std::map never moves its elements: the reference stays valid as others are added.
    found = loaded.emplace(name, scenarios::load_scenario(shipped_scenario_path(name))).first;
  }
  return found->second;
}

const scenarios::Scenario& synthetic() { return shipped_scenario("synthetic.toml"); }

}  // namespace pcsim::runner::fixtures
