// SPDX-License-Identifier: MIT
#include "claimcheck/dates.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

#include "claimcheck/text.hpp"

namespace claimcheck {

namespace {

// Code points before byte `index`, so that offsets count what an editor shows.
std::size_t code_points_before(std::string_view text, std::size_t index) {
  return code_point_count(text.substr(0, std::min(index, text.size())));
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

text_error shape_error(std::string_view text, std::size_t index, const std::string& what) {
  return text_error{"date.syntax", code_points_before(text, index),
                    "invalid date '" + std::string(text) + "': " + what +
                        "; write \"2023\", \"2023-06\" or \"2023-06-27\""};
}

// The index of the first character in text[index, index + count) that is
// not an ASCII digit (text.size() when the text ends early), or npos.
std::size_t shape_break(std::string_view text, std::size_t index, std::size_t count) {
  for (std::size_t i = index; i < index + count; ++i) {
    if (i >= text.size() || !is_digit(text[i])) return i;
  }
  return std::string_view::npos;
}

unsigned digits_value(std::string_view text, std::size_t index, std::size_t count) {
  unsigned value = 0;
  for (std::size_t i = index; i < index + count; ++i) {
    value = value * 10 + static_cast<unsigned>(text[i] - '0');
  }
  return value;
}

// Years of 365.2425 days from a whole number of days, and whether the double
// lies above (+1), below (-1) or exactly at the true quotient, so that
// interval bounds can be nudged outward only when rounding happened.
struct years_value {
  double years;
  int rounding;
};

years_value years_from_days(date::days span) {
  using fractional_years = std::chrono::duration<double, date::years::period>;
  const double years = fractional_years(span).count();
  // years * 146097 - 400 * days, computed with a single rounding: its sign is
  // the sign of the rounding error (146097 days are exactly 400 years).
  const double residual = std::fma(years, 146097.0, -400.0 * static_cast<double>(span.count()));
  return {years, residual > 0 ? 1 : (residual < 0 ? -1 : 0)};
}

}  // namespace

date::sys_days partial_date::first_day() const {
  const date::year y{year};
  return date::sys_days{date::year_month_day{y, date::month{month == 0 ? 1u : month},
                                             date::day{day == 0 ? 1u : day}}};
}

date::sys_days partial_date::last_day() const {
  const date::year y{year};
  if (month == 0) return date::sys_days{y / date::December / date::day{31}};
  if (day == 0)
    return date::sys_days{date::year_month_day_last{y / date::month{month} / date::last}};
  return first_day();
}

double partial_date::midpoint_days() const {
  const auto first = static_cast<double>(first_day().time_since_epoch().count());
  const auto last = static_cast<double>(last_day().time_since_epoch().count());
  return (first + last) / 2;
}

interval partial_date::days() const {
  return interval{static_cast<double>(first_day().time_since_epoch().count()),
                  static_cast<double>(last_day().time_since_epoch().count())};
}

std::string partial_date::to_string() const {
  char buffer[32];
  if (month == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d", year);
  } else if (day == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02u", year, month);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", year, month, day);
  }
  return buffer;
}

bool operator<(const partial_date& a, const partial_date& b) {
  return a.midpoint_days() < b.midpoint_days();
}

bool operator==(const partial_date& a, const partial_date& b) {
  return a.year == b.year && a.month == b.month && a.day == b.day;
}

// date::parse("%F") accepts "23-07-06", "-2023-07-06" and trailing text
// (dependencies.md), so the shape is checked here by hand and the library
// only judges whether the day exists.
result<partial_date> parse_partial_date(std::string_view text) {
  if (text.empty()) return shape_error(text, 0, "the date is empty");
  // Each field: where it starts, how many digits, and what to call it.
  struct field {
    std::size_t start;
    std::size_t width;
    const char* message;
  };
  const field fields[] = {{0, 4, "the year must be four digits"},
                          {5, 2, "the month must be two digits"},
                          {8, 2, "the day must be two digits"}};
  unsigned values[3] = {0, 0, 0};
  std::size_t given = 0;
  for (const field& f : fields) {
    if (f.start > 0) {
      if (text.size() == f.start - 1) break;  // a shorter, partial date ends here
      if (text[f.start - 1] != '-') {
        return shape_error(text, f.start - 1,
                           is_digit(text[f.start - 1]) ? fields[given - 1].message
                                                       : "expected '-' between the fields");
      }
    }
    const std::size_t at = shape_break(text, f.start, f.width);
    if (at != std::string_view::npos) return shape_error(text, at, f.message);
    values[given++] = digits_value(text, f.start, f.width);
  }
  const std::size_t end = given == 1 ? 4 : (given == 2 ? 7 : 10);
  if (text.size() > end) {
    return shape_error(
        text, end,
        is_digit(text[end]) ? fields[given - 1].message : "unexpected text after the date");
  }
  partial_date parsed;
  parsed.year = static_cast<int>(values[0]);
  if (given >= 2) {
    if (values[1] < 1 || values[1] > 12) {
      return text_error{"date.invalid", 5,
                        "invalid date '" + std::string(text) + "': there is no month " +
                            std::string(text.substr(5, 2)) + "; months run from 01 to 12"};
    }
    parsed.month = values[1];
  }
  if (given == 3) {
    parsed.day = values[2];
    const date::year_month_day ymd{date::year{parsed.year}, date::month{parsed.month},
                                   date::day{parsed.day}};
    if (!ymd.ok()) {
      const date::year_month_day_last month_end{date::year{parsed.year} /
                                                date::month{parsed.month} / date::last};
      const auto days_in_month = static_cast<unsigned>(month_end.day());
      return text_error{"date.invalid", 8,
                        "invalid date '" + std::string(text) +
                            "': " + std::string(text.substr(0, 7)) + " has " +
                            std::to_string(days_in_month) + " days; write a day from 01 to " +
                            std::to_string(days_in_month)};
    }
  }
  return parsed;
}

interval years_between(const partial_date& a, const partial_date& b) {
  // Earliest b minus latest a, and latest b minus earliest a.
  const years_value shortest = years_from_days(b.first_day() - a.last_day());
  const years_value longest = years_from_days(b.last_day() - a.first_day());
  const double infinity = std::numeric_limits<double>::infinity();
  return interval{
      shortest.rounding > 0 ? std::nextafter(shortest.years, -infinity) : shortest.years,
      longest.rounding < 0 ? std::nextafter(longest.years, infinity) : longest.years};
}

double years_between_midpoints(const partial_date& a, const partial_date& b) {
  using fractional_days = std::chrono::duration<double, date::days::period>;
  using fractional_years = std::chrono::duration<double, date::years::period>;
  const fractional_days span{b.midpoint_days() - a.midpoint_days()};
  return std::chrono::duration_cast<fractional_years>(span).count();
}

}  // namespace claimcheck
