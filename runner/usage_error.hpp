#pragma once
#include <stdexcept>

namespace pcsim::runner {

// A command line that cannot work, found after CLI11 has parsed it (e.g. --until-se with
// a year the scenario does not have, or with Latin hypercube sampling). exit_code_of
// (runner/commands.hpp) maps it to exit code 2, like CLI11's own usage errors.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace pcsim::runner
