// SPDX-License-Identifier: MIT
// Fuzz target: the unit parser and conversions never crash, hang or accept
// a unit without a dimension; errors always point inside the string.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "claimcheck/numerals.hpp"
#include "claimcheck/units.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto registry = claimcheck::unit_registry::with_builtins();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = registry.parse(text);
  if (!parsed.ok()) {
    if (parsed.error().code.empty()) throw std::logic_error("error without a code");
    auto points = claimcheck::decode_utf8(text);
    std::size_t length = points ? points->size() : size;
    if (parsed.error().offset > length) throw std::logic_error("error offset past the end");
    return 0;
  }
  auto seconds = registry.parse("s");
  (void)claimcheck::conversion_factor(*parsed, *seconds);
  (void)claimcheck::conversion_factor(*parsed, *parsed);
  return 0;
}
