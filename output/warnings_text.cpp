#include "output/warnings_text.hpp"

#include <string>

#include <fmt/format.h>

namespace pcsim::output {

void print_warnings(const std::vector<RunWarning>& warnings, std::ostream& out, bool verbose) {
  bool shortened = false;
  for (const RunWarning& w : warnings) {
    std::string line = fmt::format("warning: {}: {}", w.key, w.message);
    if (!w.items.empty() && !verbose) {
      line += fmt::format(" [{}: ", w.items.size());
      for (std::size_t k = 0; k < w.items.size() && k < kWarningItemsShown; ++k)
        line += (k ? "; " : "") + w.items[k].substr(0, w.items[k].find(':'));
      if (w.items.size() > kWarningItemsShown) {
        line += fmt::format(" and {} more", w.items.size() - kWarningItemsShown);
        shortened = true;
      }
      line += "]";
    }
    out << line << '\n';
    if (verbose)
      for (const auto& item : w.items) out << "    " << item << '\n';
  }
  if (shortened)
    out << "pcsim: --verbose lists every practice of each warning; the results file keeps "
           "them all (/warnings)\n";
}

}  // namespace pcsim::output
