#include "output/warnings_text.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "core/errors.hpp"

namespace pcsim::output {

namespace {

// `text` with every occurrence of each of `long_names` (longest first) cut as
// one_line_text cuts it: its first kWarningNameBytes bytes and "... (N bytes in all)".
std::string with_names_cut(std::string text, const std::vector<std::string>& long_names) {
  for (const std::string& name : long_names) {
    const std::string shown = one_line_text(name, kWarningNameBytes);
    for (std::size_t at = text.find(name); at != std::string::npos;
         at = text.find(name, at + shown.size())) {
      text.replace(at, name.size(), shown);
    }
  }
  return text;
}

}  // namespace

void print_warnings(const std::vector<RunWarning>& warnings, std::ostream& out, bool verbose,
                    const std::vector<std::string>& names) {
  std::vector<std::string> long_names;
  for (const std::string& name : names)
    if (name.size() > kWarningNameBytes) long_names.push_back(name);
  // A name that holds another is cut first, so the shorter one is not found inside it.
  std::sort(long_names.begin(), long_names.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  const auto shown = [&](const std::string& text) {
    return long_names.empty() ? text : with_names_cut(text, long_names);
  };
  bool shortened = false;
  for (const RunWarning& w : warnings) {
    std::string line = fmt::format("warning: {}: {}", shown(w.key), shown(w.message));
    if (!w.items.empty() && !verbose) {
      line += fmt::format(" [{}: ", w.items.size());
      for (std::size_t k = 0; k < w.items.size() && k < kWarningItemsShown; ++k)
        line += (k ? "; " : "") + shown(w.items[k].substr(0, w.items[k].find(':')));
      if (w.items.size() > kWarningItemsShown) {
        line += fmt::format(" and {} more", w.items.size() - kWarningItemsShown);
        shortened = true;
      }
      line += "]";
    }
    out << line << '\n';
    if (verbose)
      for (const auto& item : w.items) out << "    " << shown(item) << '\n';
  }
  if (shortened)
    out << "pcsim: --verbose lists every practice of each warning; the results file keeps "
           "them all (/warnings)\n";
}

}  // namespace pcsim::output
