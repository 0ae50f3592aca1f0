// Outward-rounded interval arithmetic on doubles.
//
// Example: interval{10.5, 11.5} * interval{3584, 3584} == [37632, 41216],
// with each bound nudged one ulp outward so that the true result is always
// inside, whatever rounding the FPU did.
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
  bool bounded() const;
  double width() const { return hi - lo; }
  double midpoint() const;
};

bool overlaps(interval a, interval b);

interval operator+(interval a, interval b);
interval operator-(interval a, interval b);
interval operator-(interval a);
interval operator*(interval a, interval b);
// Precondition: !b.contains_zero(). Callers report that case as a diagnostic.
interval operator/(interval a, interval b);

// a^n for an integer exponent (negative allowed when a excludes zero).
interval pow(interval a, int exponent);
// a^x for a real exponent; precondition a.lo >= 0 (a.lo > 0 when x < 0).
interval pow(interval a, double exponent);
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
bool nearly_equal(double a, double b, double relative = 1e-12);

std::string to_string(interval i);  // "[10.5, 11.5]"

}  // namespace claimcheck
