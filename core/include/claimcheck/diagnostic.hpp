// SPDX-License-Identifier: MIT
// Diagnostics: problems in user data, as values with a stable code and a location.
//
// Example:
//   claims/waic-2023/claims.json:12:18: error: [unit.unknown] unknown unit 'GPUs'; did you mean
//   'GPU'?
//
// Every parser in core reports through these types; nothing throws for bad
// input. Exceptions are kept for broken invariants inside the program.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace claimcheck {

enum class severity { error, warning, note };

const char* to_string(severity level);

// Where something came from. Lines and columns are 1-based; columns count
// Unicode code points, as editors do. `pointer` is the JSON pointer of the
// value at fault (e.g. "/claims/3/unit"), empty outside JSON.
struct source_location {
  std::string file;
  int line = 0;
  int column = 0;
  std::string pointer;

  bool known() const { return line > 0; }
};

struct diagnostic {
  severity level = severity::error;
  std::string code;  // stable, dotted: "unit.unknown", "json.syntax", "expr.dimension"
  source_location where;
  std::string message;
};

// "file:line:col: error: [code] message"; "file:line: ..." when the column
// is 0. File names and messages quote input, so control characters are
// shown escaped (`\u001b`, never the byte that would clear a terminal) and
// bytes that are not UTF-8 as `\xff`.
std::string format_diagnostic(const diagnostic& d);

// Text from input made safe to print on a terminal: C0 controls (but tab)
// and DEL as \u001b, bytes outside well-formed UTF-8 as \xff.
// Example: printable_text("x\x1b[2J\xff") == "x\\u001b[2J\\xff".
std::string printable_text(std::string_view text);

using diagnostics = std::vector<diagnostic>;

bool has_errors(const diagnostics& list);
std::size_t count(const diagnostics& list, severity level);

// An error found inside one string (a unit, a value, an expression, a date),
// before anyone knows which file that string came from. `offset` is the
// position in code points from the start of the string; the loader turns it
// into file:line:col.
struct text_error {
  std::string code;
  std::size_t offset = 0;
  std::string message;
};

// A small result type: a value or a text_error. Modelled on std::expected.
template <class T>
class result {
 public:
  result(T value) : state_(std::move(value)) {}           // NOLINT: implicit by design
  result(text_error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }
  const text_error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, text_error> state_;
};

// Turns a text_error found in a string that starts at `string_start` (the
// location of the string's first character, not its quote) into a diagnostic.
// Assumes the string has no escapes before the offset.
diagnostic at_offset(const text_error& error, source_location string_start,
                     severity level = severity::error);

}  // namespace claimcheck
