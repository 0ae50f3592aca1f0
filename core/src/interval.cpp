// SPDX-License-Identifier: MIT
#include "claimcheck/interval.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "claimcheck/text.hpp"

namespace claimcheck {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// Below this magnitude a product or quotient may have lost bits to
// underflow, where the fma-measured error is no longer exact: such results
// are always nudged.
constexpr double underflow_guard = 0x1p-960;

void require(bool condition, const char* what) {
  if (!condition) throw std::domain_error(what);
}

// `exact_direction`: the sign of (true value - computed value): 0 when the
// computed value is exact, otherwise which side the truth lies on.
double lower(double computed, double exact_direction) {
  return exact_direction < 0 ? round_down(computed) : computed;
}
double upper(double computed, double exact_direction) {
  return exact_direction > 0 ? round_up(computed) : computed;
}

// Sum with the sign of its rounding error (Knuth's TwoSum). Infinite inputs
// give exact infinite sums; inf + -inf is NaN and callers widen it.
double sum_error(double a, double b, double s) {
  if (!std::isfinite(a) || !std::isfinite(b)) return 0;
  if (!std::isfinite(s)) return s > 0 ? -1 : 1;  // overflow: the truth is finite
  double bb = s - a;
  return (a - (s - bb)) + (b - bb);
}

double add_lo(double a, double b) {
  double s = a + b;
  if (std::isnan(s)) return -infinity;
  return lower(s, sum_error(a, b, s));
}
double add_hi(double a, double b) {
  double s = a + b;
  if (std::isnan(s)) return infinity;
  return upper(s, sum_error(a, b, s));
}

// Product of two bounds; 0 * inf is 0, the limit that keeps the enclosure
// ([0, 0] * [1, inf] is [0, 0]).
double product_direction(double a, double b, double p) {
  if (!std::isfinite(a) || !std::isfinite(b)) return 0;
  if (!std::isfinite(p)) return p > 0 ? -1 : 1;
  if (std::fabs(p) < underflow_guard) return std::nan("");
  return std::fma(a, b, -p);
}
double mul_lo(double a, double b) {
  if (a == 0 || b == 0) return 0;
  double p = a * b;
  double d = product_direction(a, b, p);
  return std::isnan(d) ? round_down(p) : lower(p, d);
}
double mul_hi(double a, double b) {
  if (a == 0 || b == 0) return 0;
  double p = a * b;
  double d = product_direction(a, b, p);
  return std::isnan(d) ? round_up(p) : upper(p, d);
}

// Quotient of two bounds, y != 0. inf / inf may be anything of its sign.
double quotient_direction(double x, double y, double q) {
  if (!std::isfinite(x) || !std::isfinite(y)) return 0;
  if (!std::isfinite(q)) return q > 0 ? -1 : 1;
  if (q != 0 && std::fabs(q) < underflow_guard) return std::nan("");
  if (q == 0) return x == 0 ? 0 : std::nan("");
  double r = std::fma(-q, y, x);  // x - q*y, exactly; the truth is q + r/y
  if (r == 0) return 0;
  return (r > 0) == (y > 0) ? 1 : -1;
}
double div_lo(double x, double y) {
  if (std::isinf(x) && std::isinf(y)) return (x > 0) == (y > 0) ? 0 : -infinity;
  double q = x / y;
  double d = quotient_direction(x, y, q);
  return std::isnan(d) ? round_down(q) : lower(q, d);
}
double div_hi(double x, double y) {
  if (std::isinf(x) && std::isinf(y)) return (x > 0) == (y > 0) ? infinity : 0;
  double q = x / y;
  double d = quotient_direction(x, y, q);
  return std::isnan(d) ? round_up(q) : upper(q, d);
}

// x^n for x >= 0, n >= 0, by squaring with each step rounded the same way,
// by `mul` (mul_lo or mul_hi): every factor is non-negative, so rounding
// each step down gives a lower bound of the whole, and up an upper bound.
template <double (*mul)(double, double)>
double power_rounded(double x, unsigned long long n) {
  double result = 1;
  while (n > 0) {
    if (n & 1) result = mul(result, x);
    n >>= 1;
    if (n > 0) x = mul(x, x);
  }
  return result;
}
double power_lo(double x, unsigned long long n) {
  return power_rounded<mul_lo>(x, n);
}
double power_hi(double x, unsigned long long n) {
  return power_rounded<mul_hi>(x, n);
}

// Two ulps outward, for library functions that are not correctly rounded.
double loose_down(double v) {
  return std::isnan(v) ? -infinity : round_down(round_down(v));
}
double loose_up(double v) {
  return std::isnan(v) ? infinity : round_up(round_up(v));
}

double exact_power_of_ten_exponent(double v, bool* exact) {
  *exact = false;
  double k = std::round(std::log10(v));
  if (std::fabs(k) <= 22 && std::pow(10.0, k) == v && k >= 0) *exact = true;
  return k;
}

}  // namespace

interval interval::hull(interval a, interval b) {
  return {std::min(a.lo, b.lo), std::max(a.hi, b.hi)};
}

bool interval::bounded() const {
  return std::isfinite(lo) && std::isfinite(hi);
}

double interval::midpoint() const {
  if (bounded()) return 0.5 * lo + 0.5 * hi;
  if (std::isfinite(lo)) return lo;
  if (std::isfinite(hi)) return hi;
  return 0;
}

bool overlaps(interval a, interval b) {
  return a.lo <= b.hi && b.lo <= a.hi;
}

interval operator+(interval a, interval b) {
  return {add_lo(a.lo, b.lo), add_hi(a.hi, b.hi)};
}

interval operator-(interval a) {
  return {-a.hi, -a.lo};
}

interval operator-(interval a, interval b) {
  return a + (-b);
}

interval operator*(interval a, interval b) {
  double lo =
      std::min({mul_lo(a.lo, b.lo), mul_lo(a.lo, b.hi), mul_lo(a.hi, b.lo), mul_lo(a.hi, b.hi)});
  double hi =
      std::max({mul_hi(a.lo, b.lo), mul_hi(a.lo, b.hi), mul_hi(a.hi, b.lo), mul_hi(a.hi, b.hi)});
  return {lo, hi};
}

interval operator/(interval a, interval b) {
  require(!b.contains_zero(), "interval division by an interval that contains zero");
  double lo =
      std::min({div_lo(a.lo, b.lo), div_lo(a.lo, b.hi), div_lo(a.hi, b.lo), div_lo(a.hi, b.hi)});
  double hi =
      std::max({div_hi(a.lo, b.lo), div_hi(a.lo, b.hi), div_hi(a.hi, b.lo), div_hi(a.hi, b.hi)});
  return {lo, hi};
}

namespace {

// a^n for n >= 1: monotone pieces, so an even power of an interval that
// spans zero is [0, max(|lo|, |hi|)^n], not the square of the interval.
interval power(interval a, unsigned long long n) {
  bool odd = n & 1;
  if (a.lo >= 0) return {power_lo(a.lo, n), power_hi(a.hi, n)};
  if (a.hi <= 0) {
    interval m{power_lo(-a.hi, n), power_hi(-a.lo, n)};
    return odd ? -m : m;
  }
  if (odd) return {-power_hi(-a.lo, n), power_hi(a.hi, n)};
  return {0, power_hi(std::max(-a.lo, a.hi), n)};
}

}  // namespace

interval pow(interval a, int exponent) {
  if (exponent == 0) return {1, 1};
  auto n = static_cast<unsigned long long>(std::llabs(static_cast<long long>(exponent)));
  if (exponent > 0) return power(a, n);
  require(!a.contains_zero(), "negative power of an interval that contains zero");
  return interval{1, 1} / power(a, n);
}

interval pow(interval a, double exponent) {
  require(!std::isnan(exponent), "pow with a NaN exponent");
  if (std::floor(exponent) == exponent && std::fabs(exponent) <= 2147483647.0) {
    return pow(a, static_cast<int>(exponent));
  }
  require(a.lo >= 0, "real power of an interval with negative values");
  require(exponent > 0 || a.lo > 0, "negative real power of an interval that contains zero");
  auto one_power = [exponent](double x, bool down) {
    if (x == 0 || x == 1 || std::isinf(x)) return std::pow(x, exponent);
    double p = std::pow(x, exponent);
    return down ? std::max(0.0, loose_down(p)) : loose_up(p);
  };
  if (exponent > 0) return {one_power(a.lo, true), one_power(a.hi, false)};
  return {one_power(a.hi, true), one_power(a.lo, false)};
}

interval pow(interval a, interval exponent) {
  require(!std::isnan(exponent.lo) && !std::isnan(exponent.hi), "pow with a NaN exponent");
  if (exponent.lo == exponent.hi) return pow(a, exponent.lo);
  require(a.lo > 0, "interval power of an interval that is not positive");
  interval out = pow(a, exponent.lo);
  for (double x : {a.lo, a.hi}) {
    for (double y : {exponent.lo, exponent.hi}) {
      const interval corner = pow(interval::point(x), y);
      out = interval{std::min(out.lo, corner.lo), std::max(out.hi, corner.hi)};
    }
  }
  return out;
}

interval sqrt(interval a) {
  require(a.lo >= 0, "sqrt of an interval with negative values");
  auto root = [](double x, bool down) {
    double s = std::sqrt(x);
    if (x == 0 || std::isinf(x)) return s;
    if (x < underflow_guard) return down ? std::max(0.0, round_down(s)) : round_up(s);
    double r = std::fma(-s, s, x);  // x - s*s: positive when the true root is above s
    return down ? lower(s, r) : upper(s, r);
  };
  return {root(a.lo, true), root(a.hi, false)};
}

interval log10(interval a) {
  require(a.lo > 0, "log10 of an interval with non-positive values");
  auto one = [](double x, bool down) {
    if (std::isinf(x)) return infinity;
    bool exact = false;
    double k = exact_power_of_ten_exponent(x, &exact);
    if (exact) return k;
    double v = std::log10(x);
    return down ? loose_down(v) : loose_up(v);
  };
  return {one(a.lo, true), one(a.hi, false)};
}

interval ln(interval a) {
  require(a.lo > 0, "ln of an interval with non-positive values");
  auto one = [](double x, bool down) {
    if (std::isinf(x)) return infinity;
    if (x == 1) return 0.0;
    double v = std::log(x);
    return down ? loose_down(v) : loose_up(v);
  };
  return {one(a.lo, true), one(a.hi, false)};
}

interval exp(interval a) {
  auto one = [](double x, bool down) {
    if (std::isinf(x)) return x > 0 ? infinity : 0.0;
    if (x == 0) return 1.0;
    double v = std::exp(x);
    return down ? std::max(0.0, loose_down(v)) : loose_up(v);
  };
  return {one(a.lo, true), one(a.hi, false)};
}

interval abs(interval a) {
  if (a.lo >= 0) return a;
  if (a.hi <= 0) return -a;
  return {0, std::max(-a.lo, a.hi)};
}

interval min(interval a, interval b) {
  return {std::min(a.lo, b.lo), std::min(a.hi, b.hi)};
}

interval max(interval a, interval b) {
  return {std::max(a.lo, b.lo), std::max(a.hi, b.hi)};
}

double round_down(double v) {
  return std::nextafter(v, -infinity);
}

double round_up(double v) {
  return std::nextafter(v, infinity);
}

bool nearly_equal(double a, double b, double relative) {
  if (a == b) return true;
  if (std::isnan(a) || std::isnan(b) || std::isinf(a) || std::isinf(b)) return false;
  double scale = std::max(std::fabs(a), std::fabs(b));
  return std::fabs(a - b) <= std::max(relative * scale, 1e-300);
}

std::string to_string(interval i) {
  return "[" + format_number(i.lo) + ", " + format_number(i.hi) + "]";
}

}  // namespace claimcheck
