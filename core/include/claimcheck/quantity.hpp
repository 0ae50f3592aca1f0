// Quantities: a nominal value, an interval and a unit; qualifiers -> intervals.
//
// Example: a claim {"value": "2万", "unit": "USD", "qualifier": "about"}
// becomes nominal 20000 USD in the hull of [18000, 22000] (±10%) and the
// stated interval [15000, 25000], i.e. [15000, 25000].
//
// The table is the spec's (../shared/spec/claim-format.md, "claims and facts"):
//   stated   [v - p/2, v + p/2]           exact    [v, v]
//   about    hull([v(1-t), v(1+t)], stated)
//   over, at_least  [v, +inf]            under, at_most  [0, v]
//   plus     [v, v + 10^floor(log10 v)]  level    [v, 10v]
//   several  [2u, 10u] (u = magnitude)   range    [lo, hi]
// All bounds are rounded outward.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "claimcheck/interval.hpp"
#include "claimcheck/numerals.hpp"
#include "claimcheck/units.hpp"

namespace claimcheck {

enum class qualifier { stated, exact, about, over, at_least, under, at_most, plus, level, several, range };

std::optional<qualifier> parse_qualifier(std::string_view name);
const char* to_string(qualifier q);

constexpr double default_about_tolerance = 0.1;

struct qualified_value {
  double nominal = 0;
  interval bounds;
};

// Every qualifier but `range`. `precision_override` is the claim's
// `precision` field when present.
qualified_value apply_qualifier(qualifier q, const written_number& v,
                                double tolerance = default_about_tolerance,
                                std::optional<double> precision_override = std::nullopt);

// `range`: [lo, hi] as written (each end exact); nominal is the midpoint.
qualified_value range_value(const written_number& lo, const written_number& hi);

struct quantity {
  double nominal = 0;
  interval bounds;  // in `in`
  unit in;
};

// The same quantity in base units (scale applied, bounds rounded outward).
quantity to_base_units(const quantity& q);

}  // namespace claimcheck
