#include "output/warnings_reader.hpp"

#include <string>

#include "core/errors.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"
#include "output/results_layout.hpp"

namespace pcsim::output {

std::optional<std::vector<RunWarning>> read_stored_warnings(hid_t root) {
  if (!h5::has_link(root, layout::kWarnings)) return std::nullopt;
  h5::Group group = h5::open_group(root, layout::kWarnings);
  const auto keys = h5::read_string_dataset(group.get(), layout::kWarningKey);
  const auto messages = h5::read_string_dataset(group.get(), layout::kWarningMessage);
  const auto items = h5::read_string_dataset(group.get(), layout::kWarningItem);
  const auto owners = h5::read_doubles(group.get(), layout::kWarningItemOf).values;
  if (messages.size() != keys.size() || owners.size() != items.size()) {
    throw OutputError("/warnings: key, message, item and item_warning do not match");
  }
  std::vector<RunWarning> warnings;
  for (std::size_t w = 0; w < keys.size(); ++w) warnings.push_back({keys[w], messages[w], {}});
  for (std::size_t i = 0; i < items.size(); ++i) {
    const double owner = owners[i];
    // The owner is stored as a double: only a whole index of a warning names one.
    const bool whole = owner >= 0 && owner < static_cast<double>(warnings.size()) &&
                       owner == static_cast<double>(static_cast<std::size_t>(owner));
    if (!whole)
      throw OutputError("/warnings: item " + std::to_string(i) + " belongs to no warning");
    warnings[static_cast<std::size_t>(owner)].items.push_back(items[i]);
  }
  return warnings;
}

}  // namespace pcsim::output
