// SPDX-License-Identifier: MIT
// Fuzz target: expressions and assertions parse or fail with an offset
// inside the text; a parsed tree prints back and re-parses to the same text.
// The printed form may add parentheses ("--a" prints as "-(-a)"), so it is
// re-parsed with room for them: the limits apply to what users write.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "claimcheck/expr.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = claimcheck::parse_expression(text);
  if (parsed.ok()) {
    claimcheck::input_limits roomy;
    roomy.max_expression_chars *= 8;
    roomy.max_expression_depth *= 4;
    std::string printed = claimcheck::to_string(*parsed);
    auto again = claimcheck::parse_expression(printed, roomy);
    if (!again.ok()) {
      throw std::logic_error("a printed expression does not parse again: " + printed + " (" +
                             again.error().code + ")");
    }
    if (claimcheck::to_string(*again) != printed) {
      throw std::logic_error("a printed expression prints differently when re-parsed: " + printed);
    }
    (void)claimcheck::referenced_ids(*parsed);
  }
  (void)claimcheck::parse_assertion(text);
  return 0;
}
