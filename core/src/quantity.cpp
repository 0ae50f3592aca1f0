// SPDX-License-Identifier: MIT
#include "claimcheck/quantity.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "enum_names.hpp"

namespace claimcheck {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// 10^k as the double nearest it, through the same correctly rounded
// conversion the numerals use ("1e-2" is the double nearest 0.01).
double power_of_ten(int k) {
  auto parsed = parse_number_text("1e" + std::to_string(k));
  return parsed ? parsed->value : (k > 0 ? infinity : 0.0);
}

// floor(log10 v) for v > 0, corrected where std::log10 rounds across an
// integer (log10 of 999.9999999999999 may round to 3).
int decimal_exponent(double v) {
  int k = static_cast<int>(std::floor(std::log10(v)));
  if (power_of_ten(k) > v) --k;
  if (power_of_ten(k + 1) <= v) ++k;
  return k;
}

interval stated_interval(double v, double precision) {
  double half = precision / 2;
  return interval::point(v) + interval{-half, half};
}

std::optional<text_error> check(qualifier q, const written_number& v, double tolerance,
                                std::optional<double> precision_override) {
  auto problem = [](const char* code, std::string message) {
    return std::optional<text_error>(text_error{code, 0, std::move(message)});
  };
  if (q == qualifier::range) {
    return problem("value.qualifier",
                   "qualifier \"range\" takes a pair [lo, hi] as its value, as in [10, 20]");
  }
  if (v.magnitude_only && q != qualifier::several) {
    return problem("value.qualifier",
                   "a value such as \"几十亿\" gives only a magnitude; use qualifier \"several\"");
  }
  if (!std::isfinite(v.value)) {
    return problem("value.qualifier", "the value must be a finite number");
  }
  switch (q) {
    case qualifier::under:
    case qualifier::at_most:
      if (v.value < 0) {
        return problem("value.qualifier", std::string("qualifier \"") + to_string(q) +
                                              "\" gives [0, v] and needs a value of 0 or more");
      }
      break;
    case qualifier::plus:
    case qualifier::level:
    case qualifier::several:
      if (v.value <= 0) {
        return problem("value.qualifier",
                       std::string("qualifier \"") + to_string(q) + "\" needs a positive value");
      }
      break;
    default:
      break;
  }
  if (!std::isfinite(tolerance) || tolerance < 0 || tolerance > 1) {
    return problem("value.tolerance",
                   "a tolerance is a fraction between 0 and 1, as in 0.1 for ±10%");
  }
  if (precision_override && (!std::isfinite(*precision_override) || *precision_override <= 0)) {
    return problem("value.precision", "a precision is a positive number, as in 0.01 or 1000");
  }
  return std::nullopt;
}

}  // namespace

namespace {
// The spec's names (the claim files' "qualifier" field).
constexpr auto qualifier_table =
    enum_names<qualifier::range>("stated", "exact", "about", "almost", "over", "at_least", "under",
                                 "at_most", "plus", "level", "several", "range");
}  // namespace

const std::vector<std::string>& qualifier_names() {
  static const std::vector<std::string> names = qualifier_table.name_list();
  return names;
}

std::optional<qualifier> parse_qualifier(std::string_view name) {
  return qualifier_table.value(name);
}

const char* to_string(qualifier q) {
  return qualifier_table.name(q);
}

qualified_value apply_qualifier(qualifier q, const written_number& v, double tolerance,
                                std::optional<double> precision_override) {
  if (auto problem = check(q, v, tolerance, precision_override)) {
    throw std::invalid_argument("apply_qualifier: " + problem->message);
  }
  double x = v.value;
  interval point = interval::point(x);
  double precision = precision_override ? *precision_override : v.precision;
  switch (q) {
    case qualifier::stated:
      return {x, stated_interval(x, precision)};
    case qualifier::exact:
      return {x, point};
    case qualifier::about: {
      interval spread = point * (interval::point(1) + interval{-tolerance, tolerance});
      return {x, interval::hull(spread, stated_interval(x, precision))};
    }
    case qualifier::almost: {
      // "nearly 2 days" is at most the figure, and as far below it as
      // `about` would go, or as the rounding would: whichever is lower.
      interval spread = point * (interval::point(1) - interval::point(tolerance));
      double lo = std::min(spread.lo, stated_interval(x, precision).lo);
      return {x, {lo, x}};
    }
    case qualifier::over:
    case qualifier::at_least:
      return {x, {x, infinity}};
    case qualifier::under:
    case qualifier::at_most:
      return {x, {0, x}};
    case qualifier::plus: {
      interval step = point + interval::point(power_of_ten(decimal_exponent(x)));
      return {x, {x, step.hi}};
    }
    case qualifier::level:
      return {x, {x, (point * interval::point(10)).hi}};
    case qualifier::several: {
      interval bounds{(point * interval::point(2)).lo, (point * interval::point(10)).hi};
      return {x * std::sqrt(20.0), bounds};
    }
    case qualifier::range:
      break;
  }
  throw std::invalid_argument("apply_qualifier: use range_value for qualifier \"range\"");
}

result<qualified_value> qualify(qualifier q, const written_number& v, double tolerance,
                                std::optional<double> precision_override) {
  if (auto problem = check(q, v, tolerance, precision_override)) return *problem;
  return apply_qualifier(q, v, tolerance, precision_override);
}

qualified_value range_value(const written_number& lo, const written_number& hi) {
  auto checked = qualify_range(lo, hi);
  if (!checked) throw std::invalid_argument("range_value: " + checked.error().message);
  return *checked;
}

result<qualified_value> qualify_range(const written_number& lo, const written_number& hi) {
  if (lo.magnitude_only || hi.magnitude_only) {
    return text_error{"value.qualifier", 0,
                      "the ends of a range are figures, not magnitudes such as \"几十亿\""};
  }
  if (std::isnan(lo.value) || std::isnan(hi.value) || !(lo.value <= hi.value)) {
    return text_error{"value.range", 0, "a range [lo, hi] needs lo <= hi, as in [10, 20]"};
  }
  interval bounds{lo.value, hi.value};
  return qualified_value{bounds.midpoint(), bounds};
}

quantity to_base_units(const quantity& q) {
  if (q.in.scale == 1) return q;
  quantity out;
  // Scales below 1 are mostly reciprocals of integers (% = 1/100, per hour =
  // 1/3600): dividing by the integer is exact where multiplying by the
  // rounded reciprocal is not.
  double inverse = 1 / q.in.scale;
  if (q.in.scale < 1 && std::isfinite(inverse) && std::round(inverse) == inverse) {
    out.bounds = q.bounds / interval::point(inverse);
    out.nominal = q.nominal / inverse;
  } else {
    out.bounds = q.bounds * interval::point(q.in.scale);
    out.nominal = q.nominal * q.in.scale;
  }
  out.in.scale = 1;
  out.in.dim = q.in.dim;
  std::string text;
  for (const auto& [name, exponent] : q.in.dim.exponents()) {
    if (!text.empty()) text += '*';
    text += name == "time" ? "s" : name;
    if (exponent != 1) text += '^' + std::to_string(exponent);
  }
  out.in.text = text.empty() ? "1" : text;
  return out;
}

}  // namespace claimcheck
