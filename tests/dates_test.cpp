// SPDX-License-Identifier: MIT
// Tests of dates.hpp: ISO full and partial dates, their validity, and the
// years between them in years of 365.2425 days.
#include "claimcheck/dates.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using claimcheck::parse_partial_date;
using claimcheck::partial_date;

namespace {

partial_date date_of(const std::string& text) {
  const auto parsed = parse_partial_date(text);
  INFO("date: " << text);
  if (!parsed) FAIL_CHECK(parsed.error().code << ": " << parsed.error().message);
  REQUIRE(parsed.ok());
  return *parsed;
}

// Days since 1970-01-01 of a full date, through the date library.
double days_of(int y, unsigned m, unsigned d) {
  return static_cast<double>(
      date::sys_days{date::year{y} / date::month{m} / date::day{d}}.time_since_epoch().count());
}

}  // namespace

TEST_CASE("valid full and partial dates parse into their fields") {
  struct row {
    std::string text;
    int year;
    unsigned month;
    unsigned day;
  };
  const std::vector<row> rows = {
      {"2023", 2023, 0, 0},         {"2023-06", 2023, 6, 0},     {"2023-06-27", 2023, 6, 27},
      {"2023-07-06", 2023, 7, 6},   {"2024-02-29", 2024, 2, 29}, {"2000-02-29", 2000, 2, 29},
      {"1999-12-31", 1999, 12, 31}, {"2023-01-01", 2023, 1, 1},  {"0001", 1, 0, 0},
      {"2023-12", 2023, 12, 0},
  };
  for (const row& r : rows) {
    const partial_date d = date_of(r.text);
    INFO("date: " << r.text);
    CHECK(d.year == r.year);
    CHECK(d.month == r.month);
    CHECK(d.day == r.day);
    CHECK(d.to_string() == r.text);
  }
}

TEST_CASE("bad dates fail with date.syntax or date.invalid at the offset of the fault") {
  struct row {
    std::string text;
    std::string code;
    std::size_t offset;
    std::string message_part;
  };
  const std::vector<row> rows = {
      // impossible days and months
      {"2023-02-30", "date.invalid", 8, "2023-02 has 28 days"},
      {"2023-02-29", "date.invalid", 8, "write a day from 01 to 28"},
      {"1900-02-29", "date.invalid", 8, "1900-02 has 28 days"},
      {"2023-04-31", "date.invalid", 8, "2023-04 has 30 days"},
      {"2023-06-00", "date.invalid", 8, "write a day from 01 to 30"},
      {"2023-01-32", "date.invalid", 8, "has 31 days"},
      {"2023-13", "date.invalid", 5, "there is no month 13"},
      {"2023-13-01", "date.invalid", 5, "months run from 01 to 12"},
      {"2023-00", "date.invalid", 5, "there is no month 00"},
      // shapes the date library would accept or misread
      {"23-07-06", "date.syntax", 2, "the year must be four digits"},
      {"-2023-07-06", "date.syntax", 0, "the year must be four digits"},
      {"2023-7-6", "date.syntax", 6, "the month must be two digits"},
      {"2023-07-6", "date.syntax", 9, "the day must be two digits"},
      {"2023-07-06T12:00", "date.syntax", 10, "unexpected text after the date"},
      {"2023-07-06 ", "date.syntax", 10, "unexpected text after the date"},
      {"2023-07-066", "date.syntax", 10, "the day must be two digits"},
      {"20234", "date.syntax", 4, "the year must be four digits"},
      {"2023-", "date.syntax", 5, "the month must be two digits"},
      {"2023-06-", "date.syntax", 8, "the day must be two digits"},
      {"2023/06/27", "date.syntax", 4, "expected '-'"},
      {"2023-06/27", "date.syntax", 7, "expected '-'"},
      {"", "date.syntax", 0, "the date is empty"},
      {"June 2023", "date.syntax", 0, "write \"2023\", \"2023-06\" or \"2023-06-27\""},
      {"２０２３", "date.syntax", 0, "four digits"},
      {"2023年", "date.syntax", 4, "expected '-'"},
      {"2023-06-27年x", "date.syntax", 10, "unexpected text"},
  };
  for (const row& r : rows) {
    INFO("date: '" << r.text << "'");
    const auto parsed = parse_partial_date(r.text);
    REQUIRE_FALSE(parsed.ok());
    INFO("message: " << parsed.error().message);
    CHECK(parsed.error().code == r.code);
    CHECK(parsed.error().offset == r.offset);
    CHECK_THAT(parsed.error().message, Catch::Matchers::Contains(r.message_part));
  }
}

TEST_CASE("a partial date stands for every day of its year or month") {
  struct row {
    std::string text;
    std::string first;
    std::string last;
  };
  const std::vector<row> rows = {
      {"2023", "2023-01-01", "2023-12-31"},    {"2024-02", "2024-02-01", "2024-02-29"},
      {"2023-02", "2023-02-01", "2023-02-28"}, {"2023-06", "2023-06-01", "2023-06-30"},
      {"2023-12", "2023-12-01", "2023-12-31"}, {"2023-06-27", "2023-06-27", "2023-06-27"},
  };
  for (const row& r : rows) {
    INFO("date: " << r.text);
    const partial_date d = date_of(r.text);
    CHECK(d.first_day() == date_of(r.first).first_day());
    CHECK(d.last_day() == date_of(r.last).first_day());
    CHECK(d.days().lo == static_cast<double>(d.first_day().time_since_epoch().count()));
    CHECK(d.days().hi == static_cast<double>(d.last_day().time_since_epoch().count()));
  }
  CHECK(date_of("1970-01-01").days().lo == 0.0);
  CHECK(date_of("2023-06").midpoint_days() == days_of(2023, 6, 1) + 14.5);
  CHECK(date_of("2023-06-27").midpoint_days() == days_of(2023, 6, 27));
  CHECK(date_of("2023").midpoint_days() == days_of(2023, 7, 2));
  CHECK(date_of("2024").midpoint_days() == days_of(2024, 7, 1) + 0.5);
}

TEST_CASE("dates order by midpoint and compare by their fields") {
  CHECK(date_of("2023-06") < date_of("2023-07-06"));
  CHECK(date_of("2022") < date_of("2023-01-01"));
  CHECK(date_of("2023-06-30") < date_of("2023-07"));
  CHECK_FALSE(date_of("2023-07") < date_of("2023-06-30"));
  CHECK(date_of("2023-06") == date_of("2023-06"));
  CHECK_FALSE(date_of("2023-06") == date_of("2023-06-01"));
}

TEST_CASE("years_between full dates is exact in years of 365.2425 days") {
  struct row {
    std::string from;
    std::string to;
    double days;
  };
  const std::vector<row> rows = {
      {"2023-07-06", "2023-07-06", 0},
      {"2020-07-06", "2023-07-06", 1095},  // 2021, 2022, 2023: no Feb 29 crossed
      {"2023-07-06", "2024-07-06", 366},   // crosses 2024-02-29
      {"2024-02-28", "2024-03-01", 2},     // through the leap day
      {"2023-02-28", "2023-03-01", 1},
      {"2024-02-29", "2025-02-28", 365},
      {"2000-01-01", "2400-01-01", 146097},  // 400 Gregorian years
      {"2023-07-06", "2020-07-06", -1095},   // backwards is negative
  };
  for (const row& r : rows) {
    INFO(r.from << " -> " << r.to);
    const claimcheck::interval years = claimcheck::years_between(date_of(r.from), date_of(r.to));
    const double expected = r.days / claimcheck::days_per_year;
    // An enclosure at most one ulp wide on each side of the true value.
    CHECK(years.lo <= years.hi);
    CHECK(years.lo == Approx(expected).epsilon(1e-15));
    CHECK(years.hi == Approx(expected).epsilon(1e-15));
    CHECK(claimcheck::years_between_midpoints(date_of(r.from), date_of(r.to)) ==
          Approx(expected).epsilon(1e-15));
  }
  const auto four_hundred = claimcheck::years_between(date_of("2000-01-01"), date_of("2400-01-01"));
  CHECK(four_hundred.lo == 400.0);
  CHECK(four_hundred.hi == 400.0);
  const auto same_day = claimcheck::years_between(date_of("2023-07-06"), date_of("2023-07-06"));
  CHECK(same_day.lo == 0.0);
  CHECK(same_day.hi == 0.0);
}

TEST_CASE("years_between partial dates covers every day each may stand for") {
  struct row {
    std::string from;
    std::string to;
    double shortest_days;
    double longest_days;
  };
  const std::vector<row> rows = {
      // 2018-07-31 .. 2023-07-06 and 2018-07-01 .. 2023-07-06
      {"2018-07", "2023-07-06", days_of(2023, 7, 6) - days_of(2018, 7, 31),
       days_of(2023, 7, 6) - days_of(2018, 7, 1)},
      // whole years: 2020-12-31 .. 2023-01-01 and 2020-01-01 .. 2023-12-31
      {"2020", "2023", days_of(2023, 1, 1) - days_of(2020, 12, 31),
       days_of(2023, 12, 31) - days_of(2020, 1, 1)},
      // a leap February against a plain one
      {"2024-02", "2025-02", days_of(2025, 2, 1) - days_of(2024, 2, 29),
       days_of(2025, 2, 28) - days_of(2024, 2, 1)},
      // the same month: from -29 to +29 days
      {"2023-06", "2023-06", -29, 29},
  };
  for (const row& r : rows) {
    INFO(r.from << " -> " << r.to);
    const partial_date a = date_of(r.from);
    const partial_date b = date_of(r.to);
    const claimcheck::interval years = claimcheck::years_between(a, b);
    CHECK(years.lo == Approx(r.shortest_days / 365.2425).epsilon(1e-15));
    CHECK(years.hi == Approx(r.longest_days / 365.2425).epsilon(1e-15));
    CHECK(years.lo <= years.hi);
    // The nominal value lies inside the interval.
    const double nominal = claimcheck::years_between_midpoints(a, b);
    CHECK(years.lo <= nominal);
    CHECK(nominal <= years.hi);
    CHECK(nominal == Approx((b.midpoint_days() - a.midpoint_days()) / 365.2425).epsilon(1e-15));
  }
}

TEST_CASE("years_between bounds enclose the true quotient") {
  // 1 day is 400/146097 years, not a double: the bounds must straddle it.
  const auto one_day = claimcheck::years_between(date_of("2023-07-05"), date_of("2023-07-06"));
  CHECK(one_day.lo < one_day.hi);
  CHECK(one_day.lo * 146097 <= 400.0);
  CHECK(one_day.hi * 146097 >= 400.0);
  CHECK(one_day.lo == Approx(400.0 / 146097).epsilon(1e-15));
}
