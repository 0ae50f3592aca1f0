// SPDX-License-Identifier: MIT
// Tests of quantity.hpp: {"value": "2万", "qualifier": "about"} is nominal
// 20000 in [15000, 25000], and every other row of the spec's qualifier table.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "claimcheck/numerals.hpp"
#include "claimcheck/quantity.hpp"
#include "claimcheck/units.hpp"

using claimcheck::interval;
using claimcheck::qualifier;
using claimcheck::written_number;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

written_number value_of(const char* text) {
  auto parsed = claimcheck::parse_value_string(text);
  if (!parsed) throw std::runtime_error(std::string("bad test value ") + text);
  return *parsed;
}

}  // namespace

TEST_CASE("Every qualifier name of the spec parses and prints back") {
  const std::vector<std::pair<const char*, qualifier>> names = {
      {"stated", qualifier::stated},   {"exact", qualifier::exact},
      {"about", qualifier::about},     {"almost", qualifier::almost},
      {"over", qualifier::over},       {"at_least", qualifier::at_least},
      {"under", qualifier::under},     {"at_most", qualifier::at_most},
      {"plus", qualifier::plus},       {"level", qualifier::level},
      {"several", qualifier::several}, {"range", qualifier::range}};
  REQUIRE(claimcheck::qualifier_names().size() == names.size());
  for (const auto& [name, q] : names) {
    INFO(name);
    CHECK(claimcheck::parse_qualifier(name) == q);
    CHECK(std::string(claimcheck::to_string(q)) == name);
  }
  for (const char* bad : {"", "About", "approx", "over ", "atleast", "ranges"}) {
    INFO(bad);
    CHECK_FALSE(claimcheck::parse_qualifier(bad));
  }
}

TEST_CASE("Each qualifier turns a written value into the interval of the spec's table") {
  struct row {
    const char* value;
    qualifier q;
    interval expected;
    double nominal;
  };
  const std::vector<row> rows = {
      {"11", qualifier::stated, {10.5, 11.5}, 11},
      {"2万", qualifier::stated, {15000, 25000}, 20000},
      {"3,584", qualifier::stated, {3583.5, 3584.5}, 3584},
      {"4.5M", qualifier::stated, {4.45e6, 4.55e6}, 4.5e6},
      {"20000", qualifier::stated, {15000, 25000}, 20000},
      {"3584", qualifier::exact, {3584, 3584}, 3584},
      {"2万", qualifier::about, {15000, 25000}, 20000},
      // almost: [min(v(1-t), v - p/2), v]. "近2天": the rounding's edge
      // (1.5) lies below 2 * 0.9 = 1.8, so it is the lower bound.
      {"2", qualifier::almost, {1.5, 2}, 2},
      {"400", qualifier::almost, {350, 400}, 400},  // p = 100: 350 < 360
      {"2万", qualifier::almost, {15000, 20000}, 20000},
      {"10.94", qualifier::almost, {9.846, 10.94}, 10.94},
      {"400", qualifier::over, {400, inf}, 400},
      {"400", qualifier::at_least, {400, inf}, 400},
      {"50", qualifier::under, {0, 50}, 50},
      {"50", qualifier::at_most, {0, 50}, 50},
      {"30", qualifier::plus, {30, 40}, 30},
      {"175", qualifier::plus, {175, 275}, 175},
      {"1000", qualifier::plus, {1000, 2000}, 1000},
      {"千亿", qualifier::level, {1e11, 1e12}, 1e11},
      {"几十亿", qualifier::several, {2e9, 1e10}, 1e9 * std::sqrt(20.0)},
      {"数十", qualifier::several, {20, 100}, 10 * std::sqrt(20.0)},
  };
  for (const auto& r : rows) {
    INFO(r.value << " " << claimcheck::to_string(r.q));
    auto qv = claimcheck::apply_qualifier(r.q, value_of(r.value));
    INFO(claimcheck::to_string(qv.bounds));
    // Outward rounding may move a computed bound by one ulp, never more.
    CHECK(qv.bounds.lo <= r.expected.lo);
    CHECK(qv.bounds.lo == Approx(r.expected.lo).epsilon(1e-15));
    CHECK(qv.bounds.hi >= r.expected.hi);
    CHECK(qv.bounds.hi == Approx(r.expected.hi).epsilon(1e-15));
    CHECK(claimcheck::nearly_equal(qv.nominal, r.nominal));
  }
}

TEST_CASE("About is the hull of the tolerance band and the stated interval") {
  // 11 about: ±10% (9.9 to 12.1) is wider than [10.5, 11.5].
  auto eleven = claimcheck::apply_qualifier(qualifier::about, value_of("11"));
  CHECK(eleven.bounds.lo <= 9.9);
  CHECK(eleven.bounds.lo > 9.9 - 1e-12);
  CHECK(eleven.bounds.hi >= 12.1);
  CHECK(eleven.bounds.hi < 12.1 + 1e-12);
  // A tolerance of 0.3 widens "2万" past the stated interval.
  auto wide = claimcheck::apply_qualifier(qualifier::about, value_of("2万"), 0.3);
  CHECK(wide.bounds.lo <= 14000);
  CHECK(wide.bounds.lo > 13999.999);
  CHECK(wide.bounds.hi >= 26000);
  CHECK(wide.bounds.hi < 26000.001);
  // A negative value keeps lo <= hi.
  auto negative = claimcheck::apply_qualifier(qualifier::about, value_of("-100"));
  CHECK(negative.bounds.lo <= -110);
  CHECK(negative.bounds.hi >= -90);
  CHECK(negative.bounds.lo < negative.bounds.hi);
}

TEST_CASE("A precision field overrides the precision of the written value") {
  auto qv = claimcheck::apply_qualifier(qualifier::stated, value_of("11"), 0.1, 0.01);
  CHECK(qv.bounds.lo == 10.995);
  CHECK(qv.bounds.hi == 11.005);
  auto coarse = claimcheck::apply_qualifier(qualifier::stated, value_of("20000"), 0.1, 1000.0);
  CHECK(coarse.bounds.lo == 19500);
  CHECK(coarse.bounds.hi == 20500);
  auto about = claimcheck::apply_qualifier(qualifier::about, value_of("2万"), 0.1, 1000.0);
  CHECK(about.bounds.lo <= 18000);
  CHECK(about.bounds.hi >= 22000);
  CHECK(about.bounds.hi < 22000.001);
}

TEST_CASE("Stated bounds of inexact decimals are rounded outward") {
  // 10.94 ± 0.005: neither end is a double, so each end moves outward.
  auto qv = claimcheck::apply_qualifier(qualifier::stated, value_of("10.94"));
  CHECK(static_cast<long double>(qv.bounds.lo) <=
        static_cast<long double>(10.94) - static_cast<long double>(0.01) / 2);
  CHECK(static_cast<long double>(qv.bounds.hi) >=
        static_cast<long double>(10.94) + static_cast<long double>(0.01) / 2);
  CHECK(qv.bounds.hi - qv.bounds.lo < 0.0100000001);
}

TEST_CASE("A range takes its ends as written with the midpoint as nominal") {
  auto qv = claimcheck::range_value(value_of("10"), value_of("20"));
  CHECK(qv.bounds.lo == 10);
  CHECK(qv.bounds.hi == 20);
  CHECK(qv.nominal == 15);
  auto same = claimcheck::range_value(value_of("2万"), value_of("2万"));
  CHECK(same.bounds.is_point());
}

TEST_CASE("Qualifier and value pairs that make no sense are errors with a code") {
  struct bad_row {
    const char* value;
    qualifier q;
    double tolerance;
    std::optional<double> precision;
    const char* code;
    const char* fragment;
  };
  const std::vector<bad_row> rows = {
      {"几十亿", qualifier::stated, 0.1, std::nullopt, "value.qualifier", "several"},
      {"几十亿", qualifier::about, 0.1, std::nullopt, "value.qualifier", "several"},
      {"10", qualifier::range, 0.1, std::nullopt, "value.qualifier", "pair"},
      {"-5", qualifier::under, 0.1, std::nullopt, "value.qualifier", "[0, v]"},
      {"0", qualifier::plus, 0.1, std::nullopt, "value.qualifier", "positive"},
      {"-3", qualifier::level, 0.1, std::nullopt, "value.qualifier", "positive"},
      {"-3", qualifier::several, 0.1, std::nullopt, "value.qualifier", "positive"},
      {"10", qualifier::about, -0.1, std::nullopt, "value.tolerance", "between 0 and 1"},
      {"10", qualifier::about, 1.5, std::nullopt, "value.tolerance", "between 0 and 1"},
      {"10", qualifier::about, std::nan(""), std::nullopt, "value.tolerance", "between 0 and 1"},
      {"10", qualifier::stated, 0.1, 0.0, "value.precision", "positive"},
      {"10", qualifier::stated, 0.1, -1.0, "value.precision", "positive"},
      {"10", qualifier::stated, 0.1, inf, "value.precision", "positive"},
  };
  for (const auto& r : rows) {
    INFO(r.value << " " << claimcheck::to_string(r.q));
    auto result = claimcheck::qualify(r.q, value_of(r.value), r.tolerance, r.precision);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == r.code);
    CHECK(result.error().offset == 0);
    CHECK_THAT(result.error().message, Catch::Matchers::Contains(r.fragment));
    CHECK_THROWS_AS(claimcheck::apply_qualifier(r.q, value_of(r.value), r.tolerance, r.precision),
                    std::invalid_argument);
  }
  auto good = claimcheck::qualify(qualifier::several, value_of("几十亿"));
  REQUIRE(good.ok());
  CHECK(good->bounds.lo == 2e9);

  auto reversed = claimcheck::qualify_range(value_of("20"), value_of("10"));
  REQUIRE_FALSE(reversed.ok());
  CHECK(reversed.error().code == "value.range");
  auto magnitude = claimcheck::qualify_range(value_of("几十"), value_of("100"));
  REQUIRE_FALSE(magnitude.ok());
  CHECK(magnitude.error().code == "value.qualifier");
  CHECK_THROWS_AS(claimcheck::range_value(value_of("20"), value_of("10")), std::invalid_argument);
}

TEST_CASE("A quantity converts to base units with its bounds rounded outward") {
  auto registry = claimcheck::unit_registry::with_builtins();
  struct row {
    const char* unit;
    interval bounds;
    double nominal;
    interval expected;
    double expected_nominal;
    const char* base_text;
  };
  const std::vector<row> rows = {
      {"min", {10.5, 11.5}, 11, {630, 690}, 660, "s"},
      {"h", {1, 2}, 1.5, {3600, 7200}, 5400, "s"},
      {"GPU", {3584, 3584}, 3584, {3584, 3584}, 3584, "GPU"},
      {"TFLOP/s", {989, 989}, 989, {989e12, 989e12}, 989e12, "FLOP*s^-1"},
      {"%", {40, 40}, 40, {0.4, 0.4}, 0.4, "1"},
      {"USD/(GPU*h)",
       {2.21, 2.21},
       2.21,
       {2.21 / 3600, 2.21 / 3600},
       2.21 / 3600,
       "GPU^-1*USD*s^-1"},
  };
  for (const auto& r : rows) {
    INFO(r.unit);
    auto parsed = registry.parse(r.unit);
    REQUIRE(parsed.ok());
    claimcheck::quantity q{r.nominal, r.bounds, *parsed};
    auto base = claimcheck::to_base_units(q);
    INFO(claimcheck::to_string(base.bounds));
    CHECK(base.in.scale == 1);
    CHECK(base.in.dim == parsed->dim);
    CHECK(base.in.text == r.base_text);
    CHECK(claimcheck::nearly_equal(base.nominal, r.expected_nominal));
    CHECK(base.bounds.lo <= r.expected.lo);
    CHECK(base.bounds.hi >= r.expected.hi);
    CHECK(claimcheck::nearly_equal(base.bounds.lo, r.expected.lo));
    CHECK(claimcheck::nearly_equal(base.bounds.hi, r.expected.hi));
  }
  // Exact scales keep exact bounds.
  auto minutes = claimcheck::to_base_units({11, {10.5, 11.5}, *registry.parse("min")});
  CHECK(minutes.bounds.lo == 630);
  CHECK(minutes.bounds.hi == 690);
  // Percent: 40 % is the interval around 0.4 (a double that is not 0.4).
  auto percent = claimcheck::to_base_units({40, {40, 40}, *registry.parse("%")});
  CHECK(static_cast<long double>(percent.bounds.lo) <= 0.4L);
  CHECK(static_cast<long double>(percent.bounds.hi) >= 0.4L);
}
