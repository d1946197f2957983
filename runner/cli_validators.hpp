#pragma once
// The checks of the command line's values (runner/main.cpp), each a CLI11 validator whose
// message CLI11 prints with the flag's name (exit 2): whole numbers in decimal digits only,
// --until-se's target, and paths that are not flags.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "runner/convergence.hpp"
#include "runner/usage_error.hpp"

namespace pcsim::runner {

// A whole-number flag: decimal digits only, from `lowest` to `highest`, the value passed
// on without leading zeros. CLI11 2.1 reads "010" as octal 8, "0b101" as binary, "1e3"
// as 1000 and "-5" into an unsigned as 2^64 - 5, and clamps 2^64 to 2^64 - 1: each of these
// is refused (or, for leading zeros, read as decimal) here, with a message saying which.
inline CLI::Validator decimal_in_range(std::uint64_t lowest, std::uint64_t highest) {
  return CLI::Validator(
      [lowest, highest](std::string& value) -> std::string {
        const std::string range = fmt::format("from {} to {}", lowest, highest);
        if (value.empty() ||
            !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
          return fmt::format("'{}' is not a whole number in decimal digits ({})", value, range);
        std::uint64_t number = 0;
        const auto [end, error] =
            std::from_chars(value.data(), value.data() + value.size(), number);
        if (error == std::errc::result_out_of_range || number < lowest || number > highest)
          return fmt::format("{} is out of range: a whole number {}", value, range);
        value = std::to_string(number);  // "010" is ten, not octal eight
        return std::string();
      },
      fmt::format("UINT:[{} - {}]", lowest, highest));
}

// --until-se METRIC[@YEAR]:REL: the syntax, the metric and REL, checked before any work.
inline const CLI::Validator kConvergenceTarget(
    [](std::string& value) {
      try {
        parse_convergence_target(value);
        return std::string();
      } catch (const UsageError& e) {
        // CLI11 names the flag itself.
        const std::string message = e.what();
        const std::string flag = "--until-se: ";
        return message.starts_with(flag) ? message.substr(flag.size()) : message;
      }
    },
    "METRIC[@YEAR]:REL");

// A path on the command line: CLI11 takes the word after -o as its value whatever it is,
// so `-o --force` wrote a results file named "--force" and ignored the flag (and
// `--chartjs --force` read one). A name that begins with '-' is refused; ./-name names a
// file of that name. An empty name (an unset shell variable, `-o "$OUT"`) is a mistake on
// the command line too: exit 2 here, not the failure (exit 4) the writers' or readers' own
// check would give. `empty_path` says what to give instead of nothing.
inline CLI::Validator not_a_flag(const std::string& empty_path) {
  return CLI::Validator(
      [empty_path](const std::string& value) -> std::string {
        if (value.empty()) return "the path is empty: " + empty_path;
        if (value.size() > 1 && value.front() == '-')
          return fmt::format(
              "'{}' looks like a flag, not a file name: give the file after the "
              "option (write ./{} for a file of that name)",
              value, value);
        return std::string();
      },
      "PATH");
}
inline const CLI::Validator kNotAFlag =
    not_a_flag("give the name of the file (or folder) to write");
inline const CLI::Validator kNotAFlagToRead = not_a_flag("give the name of the file to read");

}  // namespace pcsim::runner
