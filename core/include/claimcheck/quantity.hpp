// SPDX-License-Identifier: MIT
// Quantities: a nominal value, an interval and a unit; qualifiers -> intervals.
//
// Example: a claim {"value": "2万", "unit": "USD", "qualifier": "about"}
// becomes nominal 20000 USD in the hull of [18000, 22000] (±10%) and the
// stated interval [15000, 25000], i.e. [15000, 25000].
//
// The table is the spec's (../shared/spec/claim-format.md, "claims and facts"):
//   stated   [v - p/2, v + p/2]           exact    [v, v]
//   about    hull([v(1-t), v(1+t)], stated)
//   almost   [min(v(1-t), v - p/2), v]  (the lower part of about: 近, nearly)
//   over, at_least  [v, +inf]            under, at_most  [0, v]
//   plus     [v, v + 10^floor(log10 v)]  level    [v, 10v]
//   several  [2u, 10u] (u = magnitude)   range    [lo, hi]
// All bounds are rounded outward.
//
// The nominal value (what a trend or a report shows as "the" figure) is the
// stated v for every qualifier but two: `several`, which states no figure,
// takes the geometric middle of [2u, 10u] (u * sqrt(20), about 4.5u), and
// `range` takes the midpoint of [lo, hi].
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimcheck/interval.hpp"
#include "claimcheck/numerals.hpp"
#include "claimcheck/units.hpp"

namespace claimcheck {

enum class qualifier {
  stated,
  exact,
  about,
  almost,
  over,
  at_least,
  under,
  at_most,
  plus,
  level,
  several,
  range
};

// "stated", "exact", "about", "almost", "over", "at_least", "under", "at_most", "plus",
// "level", "several", "range"; nullopt for anything else.
std::optional<qualifier> parse_qualifier(std::string_view name);
const char* to_string(qualifier q);
// Every qualifier name, in the order of the enum (for suggestions and docs).
const std::vector<std::string>& qualifier_names();

constexpr double default_about_tolerance = 0.1;

struct qualified_value {
  double nominal = 0;
  interval bounds;
};

// Every qualifier but `range`. `precision_override` is the claim's
// `precision` field when present. Preconditions (checked by `qualify`, which
// user data should go through): see `qualify`; when broken, throws
// std::invalid_argument.
qualified_value apply_qualifier(qualifier q, const written_number& v,
                                double tolerance = default_about_tolerance,
                                std::optional<double> precision_override = std::nullopt);

// `range`: [lo, hi] as written (each end exact); nominal is the midpoint.
// Precondition (checked by `qualify_range`): lo <= hi, neither magnitude-only.
qualified_value range_value(const written_number& lo, const written_number& hi);

// apply_qualifier for user data: the same result, or an error (offset 0,
// the whole value) when the pair makes no sense:
//   value.qualifier  `range` here (use qualify_range); a magnitude-only value
//                    ("几十亿") without `several`; `under`/`at_most`, `plus`,
//                    `level` or `several` with a value <= 0 (negative for under)
//   value.tolerance  a tolerance that is negative, above 1 or not finite
//   value.precision  a precision override that is not a positive finite number
result<qualified_value> qualify(qualifier q, const written_number& v,
                                double tolerance = default_about_tolerance,
                                std::optional<double> precision_override = std::nullopt);
// range_value for user data: value.range when lo > hi, value.qualifier when
// an end is magnitude-only ("几十亿").
result<qualified_value> qualify_range(const written_number& lo, const written_number& hi);

struct quantity {
  double nominal = 0;
  interval bounds;  // in `in`
  unit in;
};

// The same quantity in base units (scale applied, bounds rounded outward).
// The result's unit has scale 1, the same dimension, and as text the base
// units of that dimension ("USD*GPU^-1*s^-1", "s" for time, "1" when
// dimensionless); a unit already of scale 1 keeps its text.
quantity to_base_units(const quantity& q);

}  // namespace claimcheck
