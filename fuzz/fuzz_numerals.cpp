// SPDX-License-Identifier: MIT
// Fuzz target: value strings and JSON number texts parse to finite values
// with a positive precision, or to an error inside the string.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "claimcheck/numerals.hpp"
#include "claimcheck/quantity.hpp"

namespace {

void check(const claimcheck::result<claimcheck::written_number>& parsed) {
  if (!parsed.ok()) {
    if (parsed.error().code.empty()) throw std::logic_error("error without a code");
    return;
  }
  if (!std::isfinite(parsed->value)) throw std::logic_error("non-finite value accepted");
  if (!(parsed->precision > 0)) throw std::logic_error("precision not positive");
  // qualify() is the entry for user data: it refuses the pairs that make
  // no sense ("几十亿" without `several`) instead of throwing.
  for (auto q :
       {claimcheck::qualifier::stated, claimcheck::qualifier::exact, claimcheck::qualifier::about,
        claimcheck::qualifier::over, claimcheck::qualifier::under, claimcheck::qualifier::plus,
        claimcheck::qualifier::level, claimcheck::qualifier::several}) {
    auto v = claimcheck::qualify(q, *parsed);
    if (!v.ok()) {
      if (v.error().code.empty()) throw std::logic_error("error without a code");
      continue;
    }
    if (std::isnan(v->nominal) || std::isnan(v->bounds.lo) || std::isnan(v->bounds.hi) ||
        v->bounds.lo > v->bounds.hi) {
      throw std::logic_error("qualifier produced an empty or NaN interval");
    }
  }
  auto range = claimcheck::qualify_range(*parsed, *parsed);
  if (range.ok() && (std::isnan(range->nominal) || range->bounds.lo > range->bounds.hi)) {
    throw std::logic_error("a range produced an empty or NaN interval");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  check(claimcheck::parse_value_string(text));
  check(claimcheck::parse_number_text(text));
  return 0;
}
