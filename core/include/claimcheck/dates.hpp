// SPDX-License-Identifier: MIT
// Dates: ISO full and partial dates, and the years between them.
//
// Example: parse_partial_date("2023-06") is June 2023, standing for every
// day of it; years_between("2018-07", "2023-07-06") is an interval in years
// of 365.2425 days (the mean Gregorian year, the same `yr` as units.hpp).
#pragma once

#include <string>
#include <string_view>

#include <date/date.h>

#include "claimcheck/diagnostic.hpp"
#include "claimcheck/interval.hpp"

namespace claimcheck {

struct partial_date {
  int year = 0;
  unsigned month = 0;  // 0 when only the year is given
  unsigned day = 0;    // 0 when only the year or month is given

  date::sys_days first_day() const;
  date::sys_days last_day() const;  // inclusive
  // Days since 1970-01-01 of the period's midpoint (may end in .5).
  double midpoint_days() const;
  // Days since 1970-01-01 as an interval covering the whole period.
  interval days() const;
  std::string to_string() const;  // as written: "2023", "2023-06", "2023-06-27"
};

bool operator<(const partial_date& a, const partial_date& b);  // by midpoint
bool operator==(const partial_date& a, const partial_date& b);

// "2023", "2023-06" or "2023-06-27", nothing else. Errors with offsets:
// date.syntax (shape), date.invalid (2023-02-30, month 13).
result<partial_date> parse_partial_date(std::string_view text);

constexpr double days_per_year = 365.2425;

// Years from a to b, as an interval over every day each partial date may be.
interval years_between(const partial_date& a, const partial_date& b);
// Years from a's midpoint to b's midpoint.
double years_between_midpoints(const partial_date& a, const partial_date& b);

}  // namespace claimcheck
