// SPDX-License-Identifier: MIT
// Fuzz target: partial dates either parse to a valid calendar period or fail
// with a located error; years between two parsed dates is never NaN.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "claimcheck/dates.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::size_t half = size / 2;
  auto a = claimcheck::parse_partial_date(text.substr(0, half));
  auto b = claimcheck::parse_partial_date(text.substr(half));
  if (a.ok() && b.ok()) {
    auto years = claimcheck::years_between(*a, *b);
    if (std::isnan(years.lo) || std::isnan(years.hi) || years.lo > years.hi) {
      throw std::logic_error("years_between gave an empty or NaN interval");
    }
    if (a->last_day() < a->first_day()) throw std::logic_error("period ends before it starts");
  }
  return 0;
}
