// Fuzz target: expressions and assertions parse or fail with an offset
// inside the text; a parsed tree prints back and re-parses.
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
    std::string printed = claimcheck::to_string(*parsed);
    if (!claimcheck::parse_expression(printed).ok()) {
      throw std::logic_error("a printed expression does not parse again: " + printed);
    }
    (void)claimcheck::referenced_ids(*parsed);
  }
  (void)claimcheck::parse_assertion(text);
  return 0;
}
