// SPDX-License-Identifier: MIT
// Outward-rounded interval arithmetic on doubles.
//
// Example: interval{10.5, 11.5} * interval{3584, 3584} == [37632, 41216].
//
// Outward rounding: every computed bound whose floating-point result is not
// exact moves one ulp outward (down for lo, up for hi), so the true result is
// always inside. For +, -, *, / and sqrt the rounding error is measured
// exactly (error-free transformations with fma), so exact results such as
// 3584 * 650 stay points and exact comparisons stay decidable. Library
// functions (pow with a real exponent, exp, ln, log10) are not correctly
// rounded; their bounds always move two ulps outward, except for results
// known to be exact (exp(0), ln(1), log10 of 10^k).
//
// Infinite bounds are allowed ([400, +inf] for "超400"); NaN never is: an
// operation that would produce one (0 * inf) takes the limit that keeps the
// result an enclosure.
#pragma once

#include <optional>
#include <string>

namespace claimcheck {

struct interval {
  double lo = 0;
  double hi = 0;

  static interval point(double v) { return {v, v}; }
  static interval hull(interval a, interval b);

  bool contains(double v) const { return lo <= v && v <= hi; }
  bool contains_zero() const { return lo <= 0 && 0 <= hi; }
  bool is_point() const { return lo == hi; }
  bool bounded() const;  // both ends finite
  double width() const { return hi - lo; }
  // (lo + hi) / 2 for a bounded interval; for an unbounded one the finite end
  // ([400, +inf] -> 400), or 0 when both ends are infinite.
  double midpoint() const;
};

bool overlaps(interval a, interval b);

interval operator+(interval a, interval b);
interval operator-(interval a, interval b);
interval operator-(interval a);
interval operator*(interval a, interval b);
// Precondition: !b.contains_zero(). Callers report that case as a diagnostic.
// Every precondition of this header, when broken, throws std::domain_error:
// it is a bug in the caller, never a user error.
interval operator/(interval a, interval b);

// a^n for an integer exponent (negative allowed when a excludes zero).
interval pow(interval a, int exponent);
// a^x for a real exponent; precondition a.lo >= 0 (a.lo > 0 when x < 0).
// An integral x uses the integer power.
interval pow(interval a, double exponent);
// A power with an interval exponent: x^y = exp(y ln x) is monotone in x and
// in y, so its bounds are powers of the corners. A point exponent is
// pow(a, double); otherwise the base must be positive (a.lo > 0).
interval pow(interval a, interval exponent);
interval sqrt(interval a);   // precondition a.lo >= 0
interval log10(interval a);  // precondition a.lo > 0
interval ln(interval a);     // precondition a.lo > 0
interval exp(interval a);
interval abs(interval a);
interval min(interval a, interval b);
interval max(interval a, interval b);

// Moves a computed bound one ulp outward.
double round_down(double v);
double round_up(double v);

// The one tolerance policy for comparing computed doubles: relative 1e-12
// (plus an absolute 1e-300 floor). Used by tests and by exact-looking
// comparisons; interval checks themselves never use a tolerance.
// Equal values (infinities included) are nearly equal; NaN never is; an
// infinity is nearly equal only to itself.
bool nearly_equal(double a, double b, double relative = 1e-12);

std::string to_string(interval i);  // "[10.5, 11.5]", "[400, inf]" (format_number)

}  // namespace claimcheck
