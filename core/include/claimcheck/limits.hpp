// SPDX-License-Identifier: MIT
// Limits on input, so that hostile files end in a diagnostic, never a crash
// or a hang. Every limit is documented in docs/limits.md and configurable.
//
// Example (what `--limit` takes):
//   max_json_depth=128
//   max_file_bytes=256M
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimcheck/diagnostic.hpp"

namespace claimcheck {

struct input_limits {
  std::size_t max_file_bytes = 64u << 20;         // one claim file or document text
  std::size_t max_json_depth = 64;                // nesting of arrays and objects
  std::size_t max_string_bytes = 1u << 20;        // one JSON string
  std::size_t max_records = 2'000'000;            // records in one dossier
  std::size_t max_expression_chars = 4096;        // one expr or assert
  std::size_t max_expression_depth = 64;          // nesting of parentheses and calls
  int max_exponent = 64;                          // |n| in x^n and unit^n
  std::size_t max_evaluation_steps = 10'000'000;  // operations in one evaluation
  std::size_t max_import_depth = 64;              // dossiers in one chain of imports
  std::size_t max_dossier_bytes = 24u << 20;      // claim files of one dossier together
};

// Sets the limit a setting `NAME=VALUE` names in `limits`. NAME is a field
// of input_limits; VALUE a positive integer, and for the limits in bytes
// (max_file_bytes, max_string_bytes, max_dossier_bytes) optionally followed by K, M or G
// (times 1024, 1024^2, 1024^3). Some limits have a ceiling, because above
// it the stack, not the limit, would stop the input (docs/limits.md).
// Returns the error, with its offset in `setting`, and leaves `limits`
// unchanged then: limit.syntax (no '='), limit.unknown (with a "did you
// mean"), limit.value (not a positive integer, or too large).
std::optional<text_error> parse_limit_setting(std::string_view setting, input_limits& limits);

// The names parse_limit_setting knows, in the order of input_limits.
std::vector<std::string> limit_names();

}  // namespace claimcheck
