#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pcsim {

// One exception type per kind of failure; runner/main maps each to its exit code
// (docs/cli.md): InputError 3, OutputError 4, ModelError 5.

// Where a bad input was found and what was expected. Every field that is known is filled:
// the file, the 1-based line and column, the dotted key path, what was found, what was
// expected, and (for unknown keys) the nearest valid key.
struct Diagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  std::string key;
  std::string found;
  std::string expected;
  std::string suggestion;  // e.g. "did you mean 'list_growth'?"
  // "file:line:col: key 'a.b': found X; expected Y (did you mean 'c'?)", each part
  // printable (printable_text; the file, key, what was found and the suggestion on one
  // line, one_line_text): a 1 MB key, a NUL or a newline from the input cannot flood or
  // break the terminal, nor make one problem two lines.
  std::string format() const;
};

// `text` as it may be shown in a message: control characters (a NUL, an escape; not a
// newline or tab) and the other characters that hide or reorder text (U+2028, the
// bidirectional controls such as U+202E; core/utf8_text.hpp, is_hidden_control) written
// as \u00XX / \uXXXX, a byte that is not UTF-8 as \xE9 (so a message is always UTF-8), and
// cut after `max_bytes` bytes (at a UTF-8 character's start) with a note of the whole
// length: "aaaa... (1048576 bytes in all)".
std::string printable_text(std::string_view text, std::size_t max_bytes);

// The same, with a newline and a tab escaped too (\u000A, \u0009): for what a message
// echoes of the input (a file name, a key, a value found), so that one problem stays one
// line whatever the input holds.
std::string one_line_text(std::string_view text, std::size_t max_bytes);

// Invalid input: carries every problem found in a file, not only the first.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  explicit InputError(const std::string& message);  // a problem with no location
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// The model reached a state it should never reach (a bug, or inputs past what it supports).
class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writing or reading a results file failed.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace pcsim
