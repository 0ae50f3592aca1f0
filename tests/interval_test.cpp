// SPDX-License-Identifier: MIT
// Tests of interval.hpp: interval{10.5, 11.5} * interval{3584, 3584} ==
// [37632, 41216], and that every computed bound encloses the true result.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "claimcheck/interval.hpp"

using claimcheck::interval;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double max_double = std::numeric_limits<double>::max();

struct exact_case {
  const char* name;
  interval result;
  interval expected;  // compared with == : these results are exact
};

void check_exact(const std::vector<exact_case>& cases) {
  for (const auto& c : cases) {
    INFO(c.name << " = " << claimcheck::to_string(c.result));
    CHECK(c.result.lo == c.expected.lo);
    CHECK(c.result.hi == c.expected.hi);
  }
}

// The true value (computed in long double, which rounding cannot move across
// a double bound) lies inside, and the enclosure is at most `ulps` wide.
void check_encloses(const char* name, interval result, long double truth, int ulps = 1) {
  INFO(name << " = " << claimcheck::to_string(result));
  CHECK(static_cast<long double>(result.lo) <= truth);
  CHECK(truth <= static_cast<long double>(result.hi));
  CHECK(result.lo < result.hi);  // the truth is not a double: the bounds moved outward
  double widened = result.lo;
  for (int i = 0; i < ulps; ++i) widened = std::nextafter(widened, inf);
  CHECK(result.hi <= widened);
}

}  // namespace

TEST_CASE("Sums and differences are exact when the doubles are and move outward when not") {
  check_exact({
      {"[1,2]+[3,4]", interval{1, 2} + interval{3, 4}, {4, 6}},
      {"[1,2]-[3,5]", interval{1, 2} - interval{3, 5}, {-4, -1}},
      {"-[1,2]", -interval{1, 2}, {-2, -1}},
      {"[400,inf]+[1,1]", interval{400, inf} + interval{1, 1}, {401, inf}},
      {"[-inf,0]+[-1,2]", interval{-inf, 0} + interval{-1, 2}, {-inf, 2}},
      {"[-inf,inf]+[1,1]", interval{-inf, inf} + interval{1, 1}, {-inf, inf}},
      // inf + -inf has no value: the bound widens to keep an enclosure
      {"[-inf,0]+[inf,inf]", interval{-inf, 0} + interval{inf, inf}, {-inf, inf}},
      {"[400,inf]-[1,inf]", interval{400, inf} - interval{1, inf}, {-inf, inf}},
      {"[max,max]+[max,max]",
       interval{max_double, max_double} + interval{max_double, max_double},
       {max_double, inf}},
  });
  check_encloses("0.1+0.2", interval::point(0.1) + interval::point(0.2),
                 static_cast<long double>(0.1) + static_cast<long double>(0.2));
  check_encloses("1-1e-20", interval::point(1) - interval::point(1e-20),
                 1.0L - static_cast<long double>(1e-20));
}

TEST_CASE("Products take the extremes of the four corner products, whatever the signs") {
  check_exact({
      {"[10.5,11.5]*[3584,3584]", interval{10.5, 11.5} * interval{3584, 3584}, {37632, 41216}},
      {"[3584]*[650]", interval::point(3584) * interval::point(650), {2329600, 2329600}},
      {"[2,3]*[4,5]", interval{2, 3} * interval{4, 5}, {8, 15}},
      {"[-2,3]*[4,5]", interval{-2, 3} * interval{4, 5}, {-10, 15}},
      {"[-3,-2]*[4,5]", interval{-3, -2} * interval{4, 5}, {-15, -8}},
      {"[-2,-1]*[-4,3]", interval{-2, -1} * interval{-4, 3}, {-6, 8}},
      {"[-2,3]*[-4,5]", interval{-2, 3} * interval{-4, 5}, {-12, 15}},
      {"[-3,-2]*[-5,-4]", interval{-3, -2} * interval{-5, -4}, {8, 15}},
      {"[1,2]*[0,0]", interval{1, 2} * interval{0, 0}, {0, 0}},
      // 0 * inf: the limit 0 keeps the enclosure ([0,0] * anything is [0,0])
      {"[0,0]*[1,inf]", interval{0, 0} * interval{1, inf}, {0, 0}},
      {"[0,1]*[1,inf]", interval{0, 1} * interval{1, inf}, {0, inf}},
      {"[-1,1]*[1,inf]", interval{-1, 1} * interval{1, inf}, {-inf, inf}},
      {"[2,3]*[-inf,-1]", interval{2, 3} * interval{-inf, -1}, {-inf, -2}},
      // overflow of finite bounds: the true product is finite, so lo stays finite
      {"[1e308]*[10]", interval::point(1e308) * interval::point(10), {max_double, inf}},
      {"[-1e308]*[10]", interval::point(-1e308) * interval::point(10), {-inf, -max_double}},
  });
  check_encloses("0.1*3", interval::point(0.1) * interval::point(3),
                 static_cast<long double>(0.1) * 3.0L);
  check_encloses("1.1*1.1", interval::point(1.1) * interval::point(1.1),
                 static_cast<long double>(1.1) * static_cast<long double>(1.1));
  // underflow: the product is below the smallest double, the enclosure keeps it
  interval tiny = interval::point(1e-200) * interval::point(1e-200);
  CHECK(tiny.lo <= 0);
  CHECK(tiny.hi > 0);
}

TEST_CASE("Quotients are exact when the doubles are and enclose the truth when not") {
  check_exact({
      {"[6,6]/[3,3]", interval::point(6) / interval::point(3), {2, 2}},
      {"[1,2]/[-4,-2]", interval{1, 2} / interval{-4, -2}, {-1, -0.25}},
      {"[-1,2]/[4,8]", interval{-1, 2} / interval{4, 8}, {-0.25, 0.5}},
      {"[1,inf]/[2,2]", interval{1, inf} / interval{2, 2}, {0.5, inf}},
      {"[1,2]/[1,inf]", interval{1, 2} / interval{1, inf}, {0, 2}},
      {"[1,inf]/[1,inf]", interval{1, inf} / interval{1, inf}, {0, inf}},
      {"[1,inf]/[-inf,-1]", interval{1, inf} / interval{-inf, -1}, {-inf, 0}},
      {"[0,0]/[3,4]", interval{0, 0} / interval{3, 4}, {0, 0}},
      {"[1e308]/[0.1]", interval::point(1e308) / interval::point(0.1), {max_double, inf}},
  });
  check_encloses("1/3", interval::point(1) / interval::point(3), 1.0L / 3.0L);
  check_encloses("-2/3", interval::point(-2) / interval::point(3), -2.0L / 3.0L);
  check_encloses("1/-3", interval::point(1) / interval::point(-3), 1.0L / -3.0L);
  check_encloses("20000/0.3", interval::point(20000) / interval::point(0.3),
                 20000.0L / static_cast<long double>(0.3));
}

TEST_CASE("Dividing by an interval that contains zero is a broken invariant") {
  CHECK_THROWS_AS((interval{1, 2} / interval{-1, 1}), std::domain_error);
  CHECK_THROWS_AS((interval{1, 2} / interval{0, 1}), std::domain_error);
  CHECK_THROWS_AS((interval{1, 2} / interval{0, 0}), std::domain_error);
}

TEST_CASE("Integer powers are monotone pieces, even powers of a span of zero start at zero") {
  check_exact({
      {"[-2,3]^2", claimcheck::pow(interval{-2, 3}, 2), {0, 9}},
      {"[-3,2]^2", claimcheck::pow(interval{-3, 2}, 2), {0, 9}},
      {"[-3,-2]^2", claimcheck::pow(interval{-3, -2}, 2), {4, 9}},
      {"[-3,-2]^3", claimcheck::pow(interval{-3, -2}, 3), {-27, -8}},
      {"[-2,3]^3", claimcheck::pow(interval{-2, 3}, 3), {-8, 27}},
      {"[2,3]^1", claimcheck::pow(interval{2, 3}, 1), {2, 3}},
      {"[-5,7]^0", claimcheck::pow(interval{-5, 7}, 0), {1, 1}},
      {"[2,2]^-1", claimcheck::pow(interval{2, 2}, -1), {0.5, 0.5}},
      {"[2,4]^-2", claimcheck::pow(interval{2, 4}, -2), {0.0625, 0.25}},
      {"[-4,-2]^-1", claimcheck::pow(interval{-4, -2}, -1), {-0.5, -0.25}},
      {"[-4,-2]^-2", claimcheck::pow(interval{-4, -2}, -2), {0.0625, 0.25}},
      {"[2,inf]^2", claimcheck::pow(interval{2, inf}, 2), {4, inf}},
      {"[10,10]^400", claimcheck::pow(interval{10, 10}, 400), {max_double, inf}},
  });
  interval p = claimcheck::pow(interval::point(1.1), 10);
  long double truth = std::pow(static_cast<long double>(1.1), 10);
  CHECK(static_cast<long double>(p.lo) <= truth);
  CHECK(truth <= static_cast<long double>(p.hi));
  CHECK(p.hi - p.lo < 1e-14);
  CHECK_THROWS_AS(claimcheck::pow(interval({0, 1}), -1), std::domain_error);
  CHECK_THROWS_AS(claimcheck::pow(interval({-1, 1}), -2), std::domain_error);
}

TEST_CASE("Real powers, roots, logarithms and exponentials enclose the true values") {
  check_exact({
      {"[4,9]^2.0", claimcheck::pow(interval{4, 9}, 2.0), {16, 81}},
      {"[-2,3]^2.0", claimcheck::pow(interval{-2, 3}, 2.0), {0, 9}},
      {"sqrt[4,9]", claimcheck::sqrt(interval{4, 9}), {2, 3}},
      {"sqrt[0,inf]", claimcheck::sqrt(interval{0, inf}), {0, inf}},
      {"log10[1,1000]", claimcheck::log10(interval{1, 1000}), {0, 3}},
      {"log10[1e22]", claimcheck::log10(interval::point(1e22)), {22, 22}},
      {"log10[1,inf]", claimcheck::log10(interval{1, inf}), {0, inf}},
      {"ln[1,1]", claimcheck::ln(interval{1, 1}), {0, 0}},
      {"exp[0,0]", claimcheck::exp(interval{0, 0}), {1, 1}},
      {"exp[-inf,0]", claimcheck::exp(interval{-inf, 0}), {0, 1}},
      {"exp[0,inf]", claimcheck::exp(interval{0, inf}), {1, inf}},
      {"[0,4]^0.5",
       claimcheck::pow(interval{0, 4}, 0.5),
       {0, std::nextafter(std::nextafter(2.0, 3.0), 3.0)}},
  });
  check_encloses("sqrt 2", claimcheck::sqrt(interval::point(2)), std::sqrt(2.0L));
  check_encloses("sqrt 1e-310", claimcheck::sqrt(interval::point(1e-310)),
                 std::sqrt(static_cast<long double>(1e-310)), 2);
  check_encloses("log10 2", claimcheck::log10(interval::point(2)), std::log10(2.0L), 4);
  check_encloses("log10 0.001", claimcheck::log10(interval::point(0.001)),
                 std::log10(static_cast<long double>(0.001)), 4);
  check_encloses("ln 10", claimcheck::ln(interval::point(10)), std::log(10.0L), 4);
  check_encloses("exp 1", claimcheck::exp(interval::point(1)), std::exp(1.0L), 4);
  check_encloses("exp -745", claimcheck::exp(interval::point(-700)), std::exp(-700.0L), 4);
  check_encloses("2^0.5", claimcheck::pow(interval::point(2), 0.5), std::sqrt(2.0L), 4);
  check_encloses("8^(1/3)", claimcheck::pow(interval::point(8), 1.0 / 3.0),
                 std::pow(8.0L, static_cast<long double>(1.0 / 3.0)), 4);
  check_encloses("2^-0.5", claimcheck::pow(interval::point(2), -0.5), 1 / std::sqrt(2.0L), 4);
  interval decreasing = claimcheck::pow(interval{4, 16}, -0.5);
  CHECK(decreasing.lo <= 0.25);
  CHECK(decreasing.hi >= 0.5);
  CHECK(decreasing.hi < 0.5000001);
  interval overflow = claimcheck::exp(interval::point(1000));
  CHECK(std::isfinite(overflow.lo));
  CHECK(overflow.hi == inf);
}

TEST_CASE("Functions outside their domain are broken invariants") {
  CHECK_THROWS_AS(claimcheck::sqrt((interval{-1, 1})), std::domain_error);
  CHECK_THROWS_AS(claimcheck::log10((interval{0, 1})), std::domain_error);
  CHECK_THROWS_AS(claimcheck::ln((interval{-2, -1})), std::domain_error);
  CHECK_THROWS_AS(claimcheck::pow(interval({-1, 1}), 0.5), std::domain_error);
  CHECK_THROWS_AS(claimcheck::pow(interval({0, 1}), -0.5), std::domain_error);
}

TEST_CASE("abs min max hull and overlaps follow the bounds") {
  check_exact({
      {"abs[2,3]", claimcheck::abs(interval{2, 3}), {2, 3}},
      {"abs[-3,-2]", claimcheck::abs(interval{-3, -2}), {2, 3}},
      {"abs[-3,2]", claimcheck::abs(interval{-3, 2}), {0, 3}},
      {"abs[-inf,1]", claimcheck::abs(interval{-inf, 1}), {0, inf}},
      {"min([1,5],[2,3])", claimcheck::min(interval{1, 5}, interval{2, 3}), {1, 3}},
      {"max([1,5],[2,3])", claimcheck::max(interval{1, 5}, interval{2, 3}), {2, 5}},
      {"max([1,inf],[2,3])", claimcheck::max(interval{1, inf}, interval{2, 3}), {2, inf}},
      {"hull([1,2],[5,6])", interval::hull(interval{1, 2}, interval{5, 6}), {1, 6}},
      {"hull([1,9],[5,6])", interval::hull(interval{1, 9}, interval{5, 6}), {1, 9}},
  });
  struct overlap_case {
    interval a, b;
    bool expected;
  };
  const std::vector<overlap_case> overlap_cases = {
      {{1, 2}, {2, 3}, true},         {{1, 2}, {2.5, 3}, false}, {{1, 10}, {2, 3}, true},
      {{400, inf}, {1e9, 1e9}, true}, {{0, 5}, {-3, -1}, false}, {{-inf, inf}, {7, 7}, true},
  };
  for (const auto& c : overlap_cases) {
    INFO(claimcheck::to_string(c.a) << " ~ " << claimcheck::to_string(c.b));
    CHECK(claimcheck::overlaps(c.a, c.b) == c.expected);
    CHECK(claimcheck::overlaps(c.b, c.a) == c.expected);
  }
}

TEST_CASE("Members report contents, bounds and midpoints") {
  CHECK(interval{10.5, 11.5}.contains(11));
  CHECK_FALSE(interval{10.5, 11.5}.contains(12));
  CHECK(interval{-1, 1}.contains_zero());
  CHECK(interval{0, 1}.contains_zero());
  CHECK_FALSE(interval{0.5, 1}.contains_zero());
  CHECK(interval::point(3).is_point());
  CHECK(interval{1, 2}.bounded());
  CHECK_FALSE(interval{400, inf}.bounded());
  CHECK(interval{10.5, 11.5}.midpoint() == 11);
  CHECK(interval{400, inf}.midpoint() == 400);
  CHECK(interval{-inf, 3}.midpoint() == 3);
  CHECK(interval{-inf, inf}.midpoint() == 0);
  CHECK(interval{max_double, max_double}.midpoint() == max_double);
  CHECK(interval{10.5, 11.5}.width() == 1);
}

TEST_CASE("Rounding a bound moves it exactly one ulp outward") {
  CHECK(claimcheck::round_down(1.0) == std::nextafter(1.0, 0.0));
  CHECK(claimcheck::round_up(1.0) == std::nextafter(1.0, 2.0));
  CHECK(claimcheck::round_down(0.0) < 0);
  CHECK(claimcheck::round_up(0.0) > 0);
  CHECK(claimcheck::round_up(inf) == inf);
  CHECK(claimcheck::round_down(-inf) == -inf);
  CHECK(claimcheck::round_down(inf) == max_double);
}

TEST_CASE("Random corner values always lie inside the computed interval") {
  // Monotone long double rounding cannot move a value across a double, so a
  // long double corner result must lie in [lo, hi] for every operation.
  std::mt19937_64 random(20230706);
  std::uniform_real_distribution<double> mantissa(-10, 10);
  std::uniform_int_distribution<int> exponent(-30, 30);
  auto draw = [&] { return mantissa(random) * std::pow(10.0, exponent(random)); };
  using op = std::function<long double(long double, long double)>;
  const std::vector<std::pair<char, op>> ops = {
      {'+', [](long double x, long double y) { return x + y; }},
      {'-', [](long double x, long double y) { return x - y; }},
      {'*', [](long double x, long double y) { return x * y; }},
      {'/', [](long double x, long double y) { return x / y; }},
  };
  int checked = 0;
  for (int i = 0; i < 5000; ++i) {
    double a1 = draw(), a2 = draw(), b1 = draw(), b2 = draw();
    interval a{std::min(a1, a2), std::max(a1, a2)};
    interval b{std::min(b1, b2), std::max(b1, b2)};
    for (const auto& [symbol, f] : ops) {
      if (symbol == '/' && b.contains_zero()) continue;
      interval r = symbol == '+' ? a + b : symbol == '-' ? a - b : symbol == '*' ? a * b : a / b;
      for (double x : {a.lo, a.hi}) {
        for (double y : {b.lo, b.hi}) {
          long double truth = f(x, y);
          if (static_cast<long double>(r.lo) > truth || truth > static_cast<long double>(r.hi)) {
            FAIL(symbol << " of " << claimcheck::to_string(a) << " and " << claimcheck::to_string(b)
                        << " gave " << claimcheck::to_string(r));
          }
          ++checked;
        }
      }
    }
  }
  CHECK(checked > 60000);
}

TEST_CASE("nearly_equal is the one tolerance policy for computed doubles") {
  struct case_row {
    double a, b;
    bool expected;
  };
  const std::vector<case_row> cases = {
      {1, 1, true},
      {0.1 + 0.2, 0.3, true},
      {1, 1 + 1e-13, true},
      {1, 1 + 1e-11, false},
      {1e20, 1e20 * (1 + 1e-13), true},
      {0, 1e-301, true},
      {0, 1e-299, false},
      {inf, inf, true},
      {inf, max_double, false},
      {-inf, inf, false},
      {std::nan(""), std::nan(""), false},
  };
  for (const auto& c : cases) {
    INFO(c.a << " vs " << c.b);
    CHECK(claimcheck::nearly_equal(c.a, c.b) == c.expected);
  }
  CHECK(claimcheck::nearly_equal(100, 101, 0.02));
}

TEST_CASE("Intervals print with the shortest numbers that read back") {
  CHECK(claimcheck::to_string(interval{10.5, 11.5}) == "[10.5, 11.5]");
  CHECK(claimcheck::to_string(interval{400, inf}) == "[400, inf]");
  CHECK(claimcheck::to_string(interval{-inf, 1.2e21}) == "[-inf, 1.2e21]");
}
