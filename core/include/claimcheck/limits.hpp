// Limits on input, so that hostile files end in a diagnostic, never a crash
// or a hang. Every limit is documented in docs/limits.md and configurable.
#pragma once

#include <cstddef>

namespace claimcheck {

struct input_limits {
  std::size_t max_file_bytes = 64u << 20;      // one claim file or document text
  std::size_t max_json_depth = 64;             // nesting of arrays and objects
  std::size_t max_string_bytes = 1u << 20;     // one JSON string
  std::size_t max_records = 2'000'000;         // records in one dossier
  std::size_t max_expression_chars = 4096;     // one expr or assert
  std::size_t max_expression_depth = 64;       // nesting of parentheses and calls
  int max_exponent = 64;                       // |n| in x^n and unit^n
  std::size_t max_evaluation_steps = 10'000'000;  // operations in one evaluation
};

}  // namespace claimcheck
