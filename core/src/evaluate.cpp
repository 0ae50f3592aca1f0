// SPDX-License-Identifier: MIT
#include "claimcheck/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "claimcheck/numerals.hpp"
#include "claimcheck/quantity.hpp"
#include "claimcheck/trends.hpp"

namespace claimcheck {

struct eval_frame {
  const record_origin& origin;
  const std::string& field;
  std::vector<trace_step>* trace;
};

struct eval_operand {
  value v;
  unit shown;  // the unit that names this operand in messages (its display unit)
  // Written without a unit ("100", "2 * 50"): with a quantity in %, a plain
  // number has two readings 100x apart (percent_mix).
  bool plain_number = false;
  // The unit composed of the units the user wrote ("1/yr" for ln(2) /
  // d.halving with the halving in yr), for hints that say what to write;
  // `shown` may be a base unit ("1/s") the user never wrote.
  unit written = unit::dimensionless();

  value_reading reading() const { return value_reading{shown, plain_number}; }
};

namespace {

// An expression that uses a figure which could not be computed fails with
// this code; the cause was reported once, where it is.
constexpr const char* unavailable_code = "eval.unavailable";

// The factors of one side of a base unit ("USD*s^2"): the terms whose
// exponent has sign `sign`, as magnitudes, time written as its unit "s".
void append_factors(std::string& out, const dimension& dim, int sign) {
  bool first = true;
  for (const auto& [name, exponent] : dim.exponents()) {
    if (exponent * sign <= 0) continue;
    if (!first) out += '*';
    first = false;
    out += name == "time" ? std::string_view("s") : name;
    if (exponent * sign != 1) out += '^' + std::to_string(exponent * sign);
  }
}

bool finite(const interval& i) {
  return std::isfinite(i.lo) && std::isfinite(i.hi);
}
bool finite(const eval_operand& o) {
  return finite(o.v.bounds) && std::isfinite(o.v.nominal);
}

std::string in_quotes(const std::string& text) {
  return "'" + text + "'";
}

// "[10.5, 11.5] min" for messages.
std::string shown_text(const eval_operand& o) {
  return to_string(show_in(o.v, o.shown).bounds) +
         (o.shown.dim.dimensionless() ? "" : " " + o.shown.text);
}

std::string dimension_text(const dimension& dim) {
  return dim.dimensionless() ? "dimensionless" : dim.to_string();
}

// "'GPU' and 'min' (dimensions GPU and time)": both units, and the
// dimensions, which say what differs when the unit names do not.
std::string both_units(const unit& a, const unit& b) {
  return in_quotes(a.text) + " and " + in_quotes(b.text) + " (dimensions " + dimension_text(a.dim) +
         " and " + dimension_text(b.dim) + ")";
}

text_error error_at(const char* code, const expr_node& node, std::string message) {
  return text_error{code, node.offset, std::move(message)};
}

// NaN is never produced silently, and a bound that became infinite from
// finite inputs is an overflow, not a claim that something is unbounded.
std::optional<text_error> check_defined(const expr_node& node, const eval_operand& out,
                                        bool inputs_finite) {
  if (std::isnan(out.v.bounds.lo) || std::isnan(out.v.bounds.hi) || std::isnan(out.v.nominal)) {
    return error_at("eval.domain", node, in_quotes(to_string(node)) + " has no defined value");
  }
  if (inputs_finite && !finite(out)) {
    return error_at("eval.overflow", node,
                    in_quotes(to_string(node)) + " overflows the range of a double (" +
                        to_string(out.v.bounds) + ")");
  }
  return std::nullopt;
}

// After every operation: the checks above, then a step of the trace.
std::optional<text_error> finish(const expr_node& node, const eval_operand& out, bool inputs_finite,
                                 eval_frame& f, int depth, const std::string& reference = "") {
  if (auto problem = check_defined(node, out, inputs_finite)) return problem;
  if (f.trace != nullptr)
    f.trace->push_back(trace_step{to_string(node), reference, out.v, depth, out.shown});
  return std::nullopt;
}

// The square root of a dimension, when its exponents are even.
bool square_root(const dimension& dim, dimension& root) {
  for (const dimension::term& t : dim) {
    if (t.exponent % 2 != 0) return false;
    root = root * dimension::base(t.base).pow(t.exponent / 2);
  }
  return true;
}

result<eval_operand> number_value(const expr_node& node, const unit_registry& units) {
  // Numbers written in an expression are exact.
  eval_operand out{value{}, unit::dimensionless()};
  if (!node.unit_text.empty()) {
    auto parsed = units.parse(node.unit_text);
    if (!parsed) {
      text_error e = parsed.error();
      e.offset += node.unit_offset;
      return e;
    }
    out.shown = parsed.value();
    out.shown.text = node.unit_text;
    out.written = out.shown;
  }
  out.plain_number = node.unit_text.empty();
  out.v.bounds = interval::point(node.number);
  if (out.shown.scale != 1) out.v.bounds = out.v.bounds * interval::point(out.shown.scale);
  out.v.nominal = node.number * out.shown.scale;
  out.v.dim = out.shown.dim;
  return out;
}

// A product, quotient or power whose unit has an exponent beyond what a
// written unit may have ("(f^64)^64"; "s^100" is refused by the unit
// parser): an error, as the dimension's arithmetic only saturates there.
result<eval_operand> within_exponent_limit(const expr_node& node, eval_operand out) {
  const dimension::term* beyond = out.v.dim.beyond_limit();
  if (beyond == nullptr) return out;
  return error_at("eval.limit", node,
                  in_quotes(to_string(node)) + " makes the exponent of " +
                      std::string(base_name(beyond->base)) + " " +
                      std::to_string(beyond->exponent) + "; units take exponents up to " +
                      std::to_string(dimension::exponent_limit));
}

result<eval_operand> apply_binary(const expr_node& node, const eval_operand& a,
                                  const eval_operand& b) {
  eval_operand out;
  out.plain_number = a.plain_number && b.plain_number;
  switch (node.op) {
    case '+':
    case '-':
      if (auto mixed = percent_mix(a.reading(), b.reading(), node.op == '+' ? "add" : "subtract",
                                   node.children[0], node.children[1])) {
        mixed->offset = node.offset;
        return *mixed;
      }
      if (a.v.dim != b.v.dim) {
        return error_at("expr.dimension", node,
                        std::string(node.op == '+' ? "cannot add " : "cannot subtract ") +
                            both_units(a.shown, b.shown));
      }
      out.v.bounds = node.op == '+' ? a.v.bounds + b.v.bounds : a.v.bounds - b.v.bounds;
      out.v.nominal = node.op == '+' ? a.v.nominal + b.v.nominal : a.v.nominal - b.v.nominal;
      out.v.dim = a.v.dim;
      out.shown = a.shown.text == b.shown.text ? a.shown : base_unit(a.v.dim);
      out.written = a.written;
      return out;
    case '*':
      out.v.bounds = a.v.bounds * b.v.bounds;
      out.v.nominal = a.v.nominal * b.v.nominal;
      out.v.dim = a.v.dim * b.v.dim;
      out.shown = base_unit(out.v.dim);
      out.written = a.written * b.written;
      return within_exponent_limit(node, std::move(out));
    default:  // '/'
      if (b.v.bounds.contains_zero()) {
        return error_at("eval.zero_division", node.children[1],
                        "division by " + in_quotes(to_string(node.children[1])) + ", which is " +
                            shown_text(b) + " and contains zero");
      }
      out.v.bounds = a.v.bounds / b.v.bounds;
      out.v.nominal = a.v.nominal / b.v.nominal;
      out.v.dim = a.v.dim / b.v.dim;
      out.shown = base_unit(out.v.dim);
      out.written = a.written / b.written;
      return within_exponent_limit(node, std::move(out));
  }
}

// base ^ exponent for a computed exponent (revision 2): both dimensionless,
// the base positive unless the exponent is a whole number.
result<eval_operand> apply_computed_power(const expr_node& node, const eval_operand& a,
                                          const eval_operand& e) {
  const std::string base_text = in_quotes(to_string(node.children[0]));
  const std::string exponent_text = in_quotes(to_string(node.children[1]));
  const expr_node& exponent = node.children[1];
  const bool primary = exponent.kind == expr_kind::identifier || exponent.kind == expr_kind::call ||
                       exponent.kind == expr_kind::number;
  const std::string exponent_in_brackets =
      primary ? to_string(exponent) : "(" + to_string(exponent) + ")";
  if (!e.v.dim.dimensionless()) {
    return error_at("expr.dimension", node.children[1],
                    "an exponent is dimensionless, but " + exponent_text + " is in " +
                        in_quotes(e.written.text) +
                        "; divide by a unit first, as in x ^ (1 / (t / 1 [" + e.written.text +
                        "]))");
  }
  if (!a.v.dim.dimensionless()) {
    return error_at("expr.dimension", node,
                    "a computed exponent needs a dimensionless base, but " + base_text + " is in " +
                        in_quotes(a.written.text) + "; divide by a unit first, as in (x / 1 [" +
                        a.written.text + "])^" + exponent_in_brackets +
                        ", or raise a unit to a number only, as in x^2");
  }
  const interval& n = e.v.bounds;
  const bool whole = n.lo == n.hi && n.lo == std::trunc(n.lo) && std::fabs(n.lo) <= 2147483647.0;
  eval_operand out;
  out.shown = unit::dimensionless();
  out.plain_number = a.plain_number && e.plain_number;
  if (whole) {
    if (n.lo < 0 && a.v.bounds.contains_zero()) {
      return error_at("eval.zero_division", node,
                      in_quotes(to_string(node)) + " divides by " + base_text + ", which is " +
                          shown_text(a) + " and contains zero");
    }
    out.v.bounds = pow(a.v.bounds, static_cast<int>(n.lo));
  } else {
    if (a.v.bounds.lo <= 0) {
      return error_at("eval.domain", node,
                      "a power whose exponent " + exponent_text + " is not a whole number (" +
                          shown_text(e) + ") needs a positive base, but " + base_text + " is " +
                          shown_text(a));
    }
    // x^y = exp(y ln x) is monotone in each of x and y, so the bounds are
    // powers of the corners.
    out.v.bounds = pow(a.v.bounds, n);
  }
  out.v.nominal = std::pow(a.v.nominal, e.v.nominal);
  return out;
}

result<eval_operand> apply_power(const expr_node& node, const eval_operand& a) {
  const double exponent = node.children[1].number;
  const std::string base_text = in_quotes(to_string(node.children[0]));
  eval_operand out;
  if (exponent == std::trunc(exponent)) {
    const int n = static_cast<int>(exponent);
    if (n < 0 && a.v.bounds.contains_zero()) {
      return error_at("eval.zero_division", node,
                      in_quotes(to_string(node)) + " divides by " + base_text + ", which is " +
                          shown_text(a) + " and contains zero");
    }
    out.v.bounds = pow(a.v.bounds, n);
    out.v.dim = a.v.dim.pow(n);
    out.shown = n == 1 ? a.shown : base_unit(out.v.dim);
    out.written = pow(a.written, n);
  } else {
    if (!a.v.dim.dimensionless()) {
      return error_at("expr.dimension", node,
                      "a non-integer power needs a dimensionless base, but " + base_text +
                          " is in " + in_quotes(a.written.text) +
                          "; sqrt() takes the root of even powers of units");
    }
    if (a.v.bounds.lo < 0 || (exponent < 0 && a.v.bounds.lo <= 0)) {
      return error_at(
          "eval.domain", node,
          "a non-integer power needs a positive base, but " + base_text + " is " + shown_text(a));
    }
    out.v.bounds = pow(a.v.bounds, exponent);
    out.shown = unit::dimensionless();
  }
  out.plain_number = a.plain_number;
  out.v.nominal = std::pow(a.v.nominal, exponent);
  return within_exponent_limit(node, std::move(out));
}

result<eval_operand> apply_function(const expr_node& node, const std::vector<eval_operand>& args) {
  const std::string& name = node.name;
  auto text_of = [&](std::size_t i) { return in_quotes(to_string(node.children[i])); };
  eval_operand out;

  if (name == "years") {
    for (std::size_t i = 0; i < 2; ++i) {
      if (!args[i].v.date) {
        return error_at("eval.date", node.children[i],
                        "years(a, b) takes two dates, but " + text_of(i) + " is in " +
                            in_quotes(args[i].shown.text) + ", not a date");
      }
    }
    const partial_date& from = *args[0].v.date;
    const partial_date& to = *args[1].v.date;
    out.v.bounds = years_between(from, to) * interval::point(seconds_per_year);
    out.v.nominal = years_between_midpoints(from, to) * seconds_per_year;
    static const dimension time = dimension::base("time");
    out.v.dim = time;
    out.shown = unit{seconds_per_year, out.v.dim, "yr"};
    out.written = out.shown;
    return out;
  }

  if (name == "trimmed_mean") {
    // The mean of the values without the k smallest and the k largest, as
    // MLPerf scores a benchmark from its runs (k = 1, or 4 of 40 for 3D
    // U-Net). It never falls when a value rises, so its bounds are the
    // trimmed means of the values' lower and of their upper bounds.
    const eval_operand& k_arg = args[0];
    if (!k_arg.v.dim.dimensionless()) {
      return error_at("expr.dimension", node.children[0],
                      "trimmed_mean(k, ...) needs a plain number k, but " + text_of(0) + " is in " +
                          in_quotes(k_arg.shown.text));
    }
    const double k = k_arg.v.bounds.lo;
    if (k_arg.v.bounds.hi != k || k < 0 || k != std::trunc(k)) {
      return error_at("eval.domain", node.children[0],
                      "trimmed_mean(k, ...) drops the k smallest and the k largest values, so k "
                      "must be one whole number, but " +
                          text_of(0) + " is " + shown_text(k_arg));
    }
    const std::size_t count = args.size() - 1;
    if (2 * k >= static_cast<double>(count)) {
      const std::string drops = std::to_string(static_cast<long long>(k));
      return error_at("eval.domain", node,
                      "trimmed_mean() drops the " + drops + " smallest and the " + drops +
                          " largest of its " + std::to_string(count) +
                          " values, which leaves none");
    }
    const auto dropped = static_cast<std::size_t>(k);
    out = args[1];
    std::vector<double> lows, highs, nominals;
    for (std::size_t i = 1; i < args.size(); ++i) {
      if (args[i].v.dim != out.v.dim) {
        return error_at("expr.dimension", node,
                        "trimmed_mean() needs values of one dimension: " +
                            both_units(args[1].shown, args[i].shown));
      }
      if (args[i].shown.text != out.shown.text) out.shown = base_unit(out.v.dim);
      lows.push_back(args[i].v.bounds.lo);
      highs.push_back(args[i].v.bounds.hi);
      nominals.push_back(args[i].v.nominal);
    }
    // Sums and the division in interval arithmetic, so that rounding widens
    // the enclosure rather than narrowing it.
    auto trimmed = [&](std::vector<double> values) {
      std::sort(values.begin(), values.end());
      interval sum = interval::point(0);
      for (std::size_t i = dropped; i + dropped < values.size(); ++i) {
        sum = sum + interval::point(values[i]);
      }
      return sum / interval::point(static_cast<double>(values.size() - 2 * dropped));
    };
    out.v.bounds = interval{trimmed(lows).lo, trimmed(highs).hi};
    const interval nominal = trimmed(nominals);
    out.v.nominal = (nominal.lo + nominal.hi) / 2;
    return out;
  }

  if (name == "min" || name == "max") {
    const bool is_min = name == "min";
    out = args[0];
    for (std::size_t i = 1; i < args.size(); ++i) {
      if (args[i].v.dim != out.v.dim) {
        return error_at("expr.dimension", node,
                        name + "() needs arguments of one dimension: " +
                            both_units(args[0].shown, args[i].shown));
      }
      out.v.bounds =
          is_min ? min(out.v.bounds, args[i].v.bounds) : max(out.v.bounds, args[i].v.bounds);
      out.v.nominal = is_min ? std::min(out.v.nominal, args[i].v.nominal)
                             : std::max(out.v.nominal, args[i].v.nominal);
      if (args[i].shown.text != out.shown.text) out.shown = base_unit(out.v.dim);
    }
    return out;
  }

  const eval_operand& a = args[0];
  out.shown = a.shown;
  out.v.dim = a.v.dim;
  if (name == "abs") {
    out.v.bounds = abs(a.v.bounds);
    out.v.nominal = std::fabs(a.v.nominal);
    return out;
  }
  if (name == "sqrt") {
    dimension root;
    if (!square_root(a.v.dim, root)) {
      return error_at("expr.dimension", node,
                      "sqrt() needs even powers of units, but " + text_of(0) + " is in " +
                          in_quotes(a.shown.text));
    }
    if (a.v.bounds.lo < 0) {
      return error_at("eval.domain", node,
                      "sqrt() of " + text_of(0) + ", which may be negative: " + shown_text(a));
    }
    out.v.bounds = sqrt(a.v.bounds);
    out.v.nominal = std::sqrt(a.v.nominal);
    out.v.dim = root;
    out.shown = base_unit(root);
    out.written = out.shown;
    return out;
  }
  if (!a.v.dim.dimensionless()) {
    return error_at("expr.dimension", node,
                    name + "() needs a dimensionless argument, but " + text_of(0) + " is in " +
                        in_quotes(a.written.text) + "; divide by a unit first, as in " + name +
                        "(x / 1 [" + a.written.text + "])");
  }
  out.written = unit::dimensionless();
  if (name == "exp") {
    out.v.bounds = exp(a.v.bounds);
    out.v.nominal = std::exp(a.v.nominal);
    return out;
  }
  // log10 and ln
  if (a.v.bounds.lo <= 0) {
    return error_at(
        "eval.domain", node,
        name + "() of " + text_of(0) + ", which is not positive throughout: " + shown_text(a));
  }
  out.v.bounds = name == "ln" ? ln(a.v.bounds) : log10(a.v.bounds);
  out.v.nominal = name == "ln" ? std::log(a.v.nominal) : std::log10(a.v.nominal);
  return out;
}

text_error limit_error(const expr_node& node, const std::string& what) {
  return error_at("eval.limit", node, what);
}

// ---------------------------------------------------------------- programs
// The arithmetic of expr_program.hpp's steps: the tree evaluator's (above),
// without its messages. Each returns false where the tree reports an error;
// the tree then evaluates the expression and reports it.

const unit& year_unit() {
  static const unit year{seconds_per_year, dimension::base("time"), "yr"};
  return year;
}

bool finite(const program_operand& o) {
  return finite(o.bounds) && std::isfinite(o.nominal);
}

// check_defined() without the message.
bool defined(const program_operand& o, bool inputs_finite) {
  if (std::isnan(o.bounds.lo) || std::isnan(o.bounds.hi) || std::isnan(o.nominal)) return false;
  return !inputs_finite || finite(o);
}

bool in_percent(const program_operand& o) {
  const dimension& dim = o.shown != nullptr ? o.shown->dim : o.dim;
  const double scale = o.shown != nullptr ? o.shown->scale : 1;
  return !o.plain_number && dim.dimensionless() && scale == 0.01;
}

// Whether the units that name a and b have the same text; a base unit's
// text is built only when it is compared with a named unit.
bool same_shown_text(const program_operand& a, const program_operand& b) {
  if (a.shown != nullptr && b.shown != nullptr) return a.shown->text == b.shown->text;
  if (a.shown == nullptr && b.shown == nullptr) {
    return a.dim == b.dim || base_unit(a.dim).text == base_unit(b.dim).text;
  }
  const program_operand& named = a.shown != nullptr ? a : b;
  const program_operand& based = a.shown != nullptr ? b : a;
  return named.shown->text == base_unit(based.dim).text;
}

// apply_binary(): a becomes a op b.
bool program_binary(program_op op, program_operand& a, const program_operand& b) {
  const bool inputs_finite = finite(a) && finite(b);
  program_operand out;
  out.plain_number = a.plain_number && b.plain_number;
  if (op == program_op::add || op == program_op::subtract) {
    if ((a.plain_number && in_percent(b)) || (b.plain_number && in_percent(a))) return false;
    if (a.dim != b.dim) return false;
    const bool add = op == program_op::add;
    out.bounds = add ? a.bounds + b.bounds : a.bounds - b.bounds;
    out.nominal = add ? a.nominal + b.nominal : a.nominal - b.nominal;
    out.dim = a.dim;
    out.shown = same_shown_text(a, b) ? a.shown : nullptr;
  } else if (op == program_op::multiply) {
    out.bounds = a.bounds * b.bounds;
    out.nominal = a.nominal * b.nominal;
    out.dim = a.dim * b.dim;
  } else {
    if (b.bounds.contains_zero()) return false;
    out.bounds = a.bounds / b.bounds;
    out.nominal = a.nominal / b.nominal;
    out.dim = a.dim / b.dim;
  }
  if (out.dim.beyond_limit() != nullptr || !defined(out, inputs_finite)) return false;
  a = out;
  return true;
}

// apply_power(): a becomes a ^ exponent.
bool program_power(double exponent, program_operand& a) {
  const bool inputs_finite = finite(a);
  program_operand out;
  if (exponent == std::trunc(exponent)) {
    const int n = static_cast<int>(exponent);
    if (n < 0 && a.bounds.contains_zero()) return false;
    out.bounds = pow(a.bounds, n);
    out.dim = a.dim.pow(n);
    out.shown = n == 1 ? a.shown : nullptr;
  } else {
    if (!a.dim.dimensionless()) return false;
    if (a.bounds.lo < 0 || (exponent < 0 && a.bounds.lo <= 0)) return false;
    out.bounds = pow(a.bounds, exponent);
  }
  out.plain_number = a.plain_number;
  out.nominal = std::pow(a.nominal, exponent);
  if (out.dim.beyond_limit() != nullptr || !defined(out, inputs_finite)) return false;
  a = out;
  return true;
}

// apply_computed_power(): a becomes a ^ e.
bool program_computed_power(program_operand& a, const program_operand& e) {
  if (!e.dim.dimensionless() || !a.dim.dimensionless()) return false;
  const interval& n = e.bounds;
  const bool whole = n.lo == n.hi && n.lo == std::trunc(n.lo) && std::fabs(n.lo) <= 2147483647.0;
  program_operand out;
  out.plain_number = a.plain_number && e.plain_number;
  if (whole) {
    if (n.lo < 0 && a.bounds.contains_zero()) return false;
    out.bounds = pow(a.bounds, static_cast<int>(n.lo));
  } else {
    if (a.bounds.lo <= 0) return false;
    out.bounds = pow(a.bounds, n);
  }
  out.nominal = std::pow(a.nominal, e.nominal);
  if (!defined(out, finite(a) && finite(e))) return false;
  a = out;
  return true;
}

// apply_function() for min and max: args[0] becomes the result.
bool program_min_max(bool is_min, program_operand* args, std::size_t count) {
  program_operand& out = args[0];
  for (std::size_t i = 1; i < count; ++i) {
    if (args[i].dim != out.dim) return false;
    out.bounds = is_min ? min(out.bounds, args[i].bounds) : max(out.bounds, args[i].bounds);
    out.nominal =
        is_min ? std::min(out.nominal, args[i].nominal) : std::max(out.nominal, args[i].nominal);
    if (!same_shown_text(args[i], out)) out.shown = nullptr;
  }
  return true;
}

// apply_function() for the functions of one argument and years(): args[0]
// becomes the result.
bool program_function(program_op op, program_operand* args) {
  const program_operand& a = args[0];
  program_operand out;
  out.shown = a.shown;
  out.dim = a.dim;
  switch (op) {
    case program_op::years: {
      if (a.date == nullptr || args[1].date == nullptr) return false;
      out.bounds = years_between(*a.date, *args[1].date) * interval::point(seconds_per_year);
      out.nominal = years_between_midpoints(*a.date, *args[1].date) * seconds_per_year;
      out.dim = year_unit().dim;
      out.shown = &year_unit();
      args[0] = out;
      return true;
    }
    case program_op::abs:
      out.bounds = abs(a.bounds);
      out.nominal = std::fabs(a.nominal);
      break;
    case program_op::sqrt:
      out.dim = dimension();
      if (!square_root(a.dim, out.dim) || a.bounds.lo < 0) return false;
      out.bounds = sqrt(a.bounds);
      out.nominal = std::sqrt(a.nominal);
      out.shown = nullptr;
      break;
    case program_op::exp:
      if (!a.dim.dimensionless()) return false;
      out.bounds = exp(a.bounds);
      out.nominal = std::exp(a.nominal);
      break;
    default:  // ln, log10
      if (!a.dim.dimensionless() || a.bounds.lo <= 0) return false;
      out.bounds = op == program_op::ln ? ln(a.bounds) : log10(a.bounds);
      out.nominal = op == program_op::ln ? std::log(a.nominal) : std::log10(a.nominal);
      break;
  }
  args[0] = out;
  return true;
}

}  // namespace

std::optional<text_error> percent_mix(const value_reading& a, const value_reading& b,
                                      const std::string& verb, const expr_node& a_node,
                                      const expr_node& b_node) {
  auto in_percent = [](const value_reading& r) {
    return !r.plain_number && r.shown.dim.dimensionless() && r.shown.scale == 0.01;
  };
  const bool a_plain = a.plain_number && in_percent(b);
  if (!a_plain && !(b.plain_number && in_percent(a))) return std::nullopt;
  const expr_node& plain = a_plain ? a_node : b_node;
  const expr_node& percent = a_plain ? b_node : a_node;
  const std::string written = plain.kind == expr_kind::number
                                  ? format_number(plain.number) + " [%]"
                                  : "(" + to_string(plain) + ") * 1 [%]";
  return text_error{"expr.percent", 0,
                    "cannot " + verb + " the plain number " + in_quotes(to_string(plain)) +
                        " and " + in_quotes(to_string(percent)) +
                        ", which is in '%': the two readings differ by 100x (a plain 100 is "
                        "10000%); write " +
                        in_quotes(written) + " for a percentage"};
}

unit base_unit(const dimension& dim) {
  std::size_t above = 0, below = 0;
  for (const dimension::term& t : dim) (t.exponent > 0 ? above : below) += 1;
  unit out{1, dim, std::string()};
  if (above == 0) out.text = "1";
  append_factors(out.text, dim, 1);
  if (below != 0) {
    out.text += below == 1 ? "/" : "/(";
    append_factors(out.text, dim, -1);
    if (below > 1) out.text += ')';
  }
  return out;
}

shown_value show_in(const value& v, const unit& display) {
  if (v.dim != display.dim) return shown_value{v.bounds, v.nominal, base_unit(v.dim)};
  if (display.scale == 1) return shown_value{v.bounds, v.nominal, display};
  return shown_value{v.bounds / interval::point(display.scale), v.nominal / display.scale, display};
}

evaluator::evaluator(const dossier& d, const input_limits& limits) : dossier_(d), limits_(limits) {}

void evaluator::evaluate_all() {
  for (const auto& figure : dossier_.figures) evaluate_id(figure.id);
  for (const auto& derived : dossier_.derived) evaluate_id(derived.id);
}

const evaluated* evaluator::find(const std::string& id) {
  return evaluate_id(id);
}

void evaluator::report(const eval_frame& f, const text_error& error, severity level) {
  source_location where = f.origin.field(f.field);
  // A field's location is its opening quote; the expression starts after it.
  if (f.origin.fields.count(f.field) != 0 && where.known()) {
    where.column += 1 + static_cast<int>(error.offset);
  }
  std::string message = error.message;
  if (in_progress_.size() > 1) {
    std::string chain;
    for (const auto& id : in_progress_) chain += (chain.empty() ? "" : " -> ") + id;
    message += " (while computing " + chain + ")";
  }
  problems_.push_back(diagnostic{level, error.code, std::move(where), std::move(message)});
}

namespace {

const expr_node* find_identifier(const expr_node& node, const std::string& name) {
  if (node.kind == expr_kind::identifier && node.name == name) return &node;
  for (const auto& child : node.children) {
    if (const expr_node* found = find_identifier(child, name)) return found;
  }
  return nullptr;
}

// At most this many ids of the chain that led to an error are printed.
constexpr std::size_t max_chain_shown = 16;

const std::string& expr_field() {
  static const std::string name = "expr";
  return name;
}

}  // namespace

// `cycle` is a path a -> b -> ... -> z of derived figures where z refers to a.
void evaluator::fail_cycle(const std::vector<std::string>& cycle) {
  std::string chain;
  for (std::size_t i = 0; i < cycle.size(); ++i) {
    // A very long cycle shows its ends; the ids between add nothing.
    if (cycle.size() > max_chain_shown && i == max_chain_shown / 2) {
      chain += "... -> ";
      i = cycle.size() - max_chain_shown / 2;
    }
    chain += cycle[i] + " -> ";
  }
  chain += cycle.front();
  const derived_record* closing = dossier_.find_derived(cycle.back());
  std::size_t offset = 0;
  if (auto parsed = parse_expression(closing->expr, limits_)) {
    if (const expr_node* reference = find_identifier(parsed.value(), cycle.front())) {
      offset = reference->offset;
    }
  }
  report(eval_frame{closing->origin, expr_field(), nullptr},
         text_error{"eval.cycle", offset,
                    "cycle of derived figures: " + chain +
                        "; one of them must be computed from claims or facts instead"});
  for (const auto& id : cycle) {
    if (results_.count(id) != 0) continue;
    const derived_record* record = dossier_.find_derived(id);
    evaluated& entry = results_[id];
    entry.id = id;
    entry.kind = node_kind::derived;
    entry.derived = record;
    entry.display = record->target_unit ? *record->target_unit : unit::dimensionless();
    entry.inputs = referenced_ids_of(*record);
  }
}

// Evaluates the derived inputs of `id` (transitively) before `id`, in a
// loop rather than by recursion, so that a long chain of derived figures
// does not exhaust the stack. A cycle is reported here, once, at the
// reference that closes it, and every figure on it is left without a value.
void evaluator::evaluate_inputs_first(const std::string& id) {
  struct pending {
    std::string id;
    std::vector<std::string> inputs;
    std::size_t next = 0;
  };
  auto is_derived = [this](const std::string& input) {
    return dossier_.find_figure(input) == nullptr && dossier_.find_derived(input) != nullptr;
  };
  auto derived_inputs = [this, &is_derived](const std::string& of) {
    std::vector<std::string> out;
    const derived_record* record = dossier_.find_derived(of);
    if (record == nullptr) return out;
    for (const auto& input : referenced_ids_of(*record)) {
      if (is_derived(input)) out.push_back(input);
    }
    return out;
  };
  // In evaluate_all's order the inputs are usually evaluated already, and
  // then there is nothing to order (the walk below would skip every one).
  const derived_record* record = dossier_.find_derived(id);
  if (record == nullptr ||
      std::all_of(referenced_ids_of(*record).begin(), referenced_ids_of(*record).end(),
                  [&](const std::string& input) {
                    return results_.count(input) != 0 || !is_derived(input);
                  })) {
    return;
  }
  std::vector<std::string> inputs = derived_inputs(id);
  std::set<std::string> visited{id};
  std::set<std::string> on_stack{id};
  std::vector<pending> stack;
  stack.push_back(pending{id, std::move(inputs)});
  while (!stack.empty()) {
    pending& top = stack.back();
    if (top.next < top.inputs.size()) {
      const std::string input = top.inputs[top.next++];
      if (on_stack.count(input) != 0) {
        auto from = std::find_if(stack.begin(), stack.end(),
                                 [&input](const pending& p) { return p.id == input; });
        std::vector<std::string> cycle;
        for (auto it = from; it != stack.end(); ++it) cycle.push_back(it->id);
        fail_cycle(cycle);
        continue;
      }
      const bool busy =
          std::find(in_progress_.begin(), in_progress_.end(), input) != in_progress_.end();
      if (busy || results_.count(input) != 0 || !visited.insert(input).second) continue;
      on_stack.insert(input);
      stack.push_back(pending{input, derived_inputs(input)});
      continue;
    }
    const std::string done = top.id;
    stack.pop_back();
    on_stack.erase(done);
    if (done == id || results_.count(done) != 0) continue;
    // While `done` is evaluated, the ids that need it form the chain that
    // error messages print.
    const std::size_t saved = in_progress_.size();
    const std::size_t shown = std::min(stack.size(), max_chain_shown);
    if (shown < stack.size()) in_progress_.emplace_back("...");
    for (std::size_t i = stack.size() - shown; i < stack.size(); ++i) {
      in_progress_.push_back(stack[i].id);
    }
    evaluate_id(done);
    in_progress_.resize(saved);
  }
}

const evaluated* evaluator::evaluate_id(const std::string& id) {
  if (auto found = results_.find(id); found != results_.end()) return &found->second;
  const figure_record* figure = dossier_.find_figure(id);
  const derived_record* derived = figure ? nullptr : dossier_.find_derived(id);
  if (figure == nullptr && derived == nullptr) return nullptr;

  if (figure != nullptr) {
    evaluated& entry = results_[id];
    entry.id = id;
    entry.kind = node_kind::figure;
    entry.figure = figure;
    value v;
    if (figure->is_date && figure->date) {
      static const dimension time = dimension::base("time");
      v.bounds = figure->date->days() * interval::point(86400);
      v.nominal = figure->date->midpoint_days() * 86400;
      v.dim = time;
      v.date = figure->date;
      entry.display = unit{86400, time, "d"};
    } else {
      const quantity base = to_base_units(figure->value);
      v.bounds = base.bounds;
      v.nominal = base.nominal;
      v.dim = figure->value.in.dim;
      entry.display = figure->value.in;
      // A figure at the edge of a double can overflow in its own interval
      // (1.7976931348623157e308 stated is [v - p/2, v + p/2], whose top is
      // beyond the largest double): an error, not an unbounded figure. Only
      // `over` and `at_least` mean +inf.
      const interval& stated = figure->value.bounds;
      const bool unbounded_by_meaning =
          figure->qual == qualifier::over || figure->qual == qualifier::at_least;
      if (!unbounded_by_meaning && std::isfinite(figure->value.nominal) && !finite(stated)) {
        problems_.push_back(diagnostic{
            severity::error, "eval.overflow", figure->origin.field("value"),
            in_quotes(figure->value_text) + " " + to_string(figure->qual) + " is " +
                to_string(stated) +
                ": its interval overflows the range of a double; write it in a larger unit"});
        return &entry;
      }
      // A finite figure in a huge unit (1e300 in "Es^17") can overflow in
      // base units; it is an error there, not a silently infinite value.
      if ((std::isfinite(stated.lo) && !std::isfinite(v.bounds.lo)) ||
          (std::isfinite(stated.hi) && !std::isfinite(v.bounds.hi)) ||
          (std::isfinite(figure->value.nominal) && !std::isfinite(v.nominal))) {
        problems_.push_back(
            diagnostic{severity::error, "eval.overflow", figure->origin.field("unit"),
                       in_quotes(figure->value_text) + " " + in_quotes(figure->value.in.text) +
                           " overflows the range of a double in base units (" +
                           to_string(v.bounds) + "); write it in a smaller unit"});
        return &entry;
      }
    }
    entry.result = v;
    return &entry;
  }
  evaluate_inputs_first(id);
  if (auto found = results_.find(id); found != results_.end()) return &found->second;
  evaluated& entry = results_[id];
  entry.id = id;
  entry.kind = node_kind::derived;
  entry.derived = derived;
  in_progress_.push_back(id);
  evaluate_derived(entry, *derived);
  in_progress_.pop_back();
  return &entry;
}

const result<expr_node>& evaluator::parsed_expression(const derived_record& record) {
  auto found = parsed_.find(&record);
  if (found == parsed_.end()) {
    found = parsed_.emplace(&record, parse_expression(record.expr, limits_)).first;
  }
  return found->second;
}

const std::vector<std::string>& evaluator::referenced_ids_of(const derived_record& record) {
  auto found = referenced_.find(&record);
  if (found == referenced_.end()) {
    const auto& parsed = parsed_expression(record);
    found =
        referenced_.emplace(&record, parsed ? referenced_ids(*parsed) : std::vector<std::string>())
            .first;
  }
  return found->second;
}

const std::string& evaluator::source_name() {
  if (!source_name_) source_name_ = dossier_.name();
  return *source_name_;
}

void evaluator::evaluate_derived(evaluated& entry, const derived_record& record) {
  eval_frame f{record.origin, expr_field(), tracing_ ? &entry.trace : nullptr};
  entry.display = record.target_unit ? *record.target_unit : unit::dimensionless();
  const auto& parsed = parsed_expression(record);
  if (!parsed) {
    report(f, parsed.error());
    return;
  }
  entry.inputs = referenced_ids_of(record);
  // A derived figure that is just another id may be a date (an alias).
  const bool plain_reference = parsed->kind == expr_kind::identifier;
  auto computed = evaluate_top(parsed.value(), f, plain_reference);
  if (!computed) {
    if (computed.error().code != unavailable_code) report(f, computed.error());
    return;
  }
  const value& v = computed->v;
  if (record.target_unit) {
    if (record.target_unit->dim != v.dim) {
      report(f, text_error{"expr.dimension", 0,
                           "the expression gives " + in_quotes(computed->shown.text) +
                               ", which cannot be converted to the unit " +
                               in_quotes(record.target_unit->text) + ": " +
                               both_units(computed->shown, *record.target_unit)});
      return;
    }
    // The value is finite in base units; shown in a much smaller unit
    // (1e305 s in "ns") it would be infinite.
    const shown_value shown = show_in(v, *record.target_unit);
    if (finite(v.bounds) && (!finite(shown.bounds) || !std::isfinite(shown.nominal))) {
      report(f, text_error{"eval.overflow", 0,
                           "the result " + to_string(v.bounds) + " " + base_unit(v.dim).text +
                               " overflows the range of a double in " +
                               in_quotes(record.target_unit->text) + "; use a larger unit"});
      return;
    }
  } else {
    entry.display = v.date ? computed->shown : base_unit(v.dim);
  }
  entry.result = v;
}

result<value> evaluator::evaluate_expression(const expr_node& node, const record_origin& origin,
                                             const std::string& field,
                                             std::vector<trace_step>* trace,
                                             value_reading* reading) {
  eval_frame f{origin, field, tracing_ ? trace : nullptr};
  auto computed = evaluate_top(node, f, false);
  if (!computed) {
    report(f, computed.error(),
           computed.error().code == unavailable_code ? severity::note : severity::error);
    return computed.error();
  }
  if (reading != nullptr) *reading = computed->reading();
  return computed->v;
}

result<eval_operand> evaluator::evaluate_top(const expr_node& node, eval_frame& f,
                                             bool date_allowed) {
  // One result, returned by name on every path: an operand is a value and
  // two units, so each move of one costs as much as a step of the program.
  result<eval_operand> out = eval_operand{};
  if (compiled_ && f.trace == nullptr && evaluate_compiled(node, date_allowed, out.value()))
    return out;
  out = eval_node(node, f, 0, date_allowed);
  return out;
}

// The program of `node`, run on the reused stack; its value goes to `out`.
// It runs only when the tree evaluator would succeed with no side effect
// but its count of steps: every id it names is evaluated already, and the
// limits of steps and of nesting hold; otherwise, and at any step that
// would be an error, it returns false with nothing changed, and the tree
// runs instead.
bool evaluator::evaluate_compiled(const expr_node& node, bool date_allowed, eval_operand& out) {
  const std::size_t nesting_left =
      max_evaluation_nesting - std::min(nesting_, max_evaluation_nesting);
  if (!program_.compile(node, dossier_.units, date_allowed, nesting_left)) return false;
  const std::size_t counted = program_.counted_steps();
  const std::size_t step_limit = limits_.max_evaluation_steps;
  if (steps_ > step_limit || counted > step_limit - steps_) return false;
  stack_.clear();
  for (const program_step& step : program_.steps()) {
    if (!run_step(step)) return false;
  }
  steps_ += counted;
  ++compiled_runs_;
  const program_operand& top = stack_.back();
  // `written` stays dimensionless: only the tree's messages read it.
  out.v.bounds = top.bounds;
  out.v.nominal = top.nominal;
  out.v.dim = top.dim;
  if (top.date != nullptr) out.v.date = *top.date;
  out.shown = top.shown != nullptr ? *top.shown : base_unit(top.dim);
  out.plain_number = top.plain_number;
  return true;
}

bool evaluator::push_identifier(const program_step& step) {
  const std::string& id = step.node->name;
  if (std::find(in_progress_.begin(), in_progress_.end(), id) != in_progress_.end()) return false;
  const auto found = results_.find(id);
  if (found == results_.end() || !found->second.result) return false;
  const value& v = *found->second.result;
  if (v.date && !step.date_allowed) return false;
  program_operand o;
  o.bounds = v.bounds;
  o.nominal = v.nominal;
  o.dim = v.dim;
  o.date = v.date ? &*v.date : nullptr;
  o.shown = &found->second.display;
  if (!defined(o, false)) return false;
  stack_.push_back(o);
  return true;
}

bool evaluator::run_step(const program_step& step) {
  switch (step.op) {
    case program_op::number: {
      program_operand o;
      o.plain_number = step.unit == 0;
      o.bounds = interval::point(step.number);
      o.nominal = step.number;
      if (step.unit != 0) {
        const unit& in = program_.unit_at(step.unit);
        if (in.scale != 1) o.bounds = o.bounds * interval::point(in.scale);
        o.nominal = step.number * in.scale;
        o.dim = in.dim;
        o.shown = &in;
      }
      if (!defined(o, true)) return false;
      stack_.push_back(o);
      return true;
    }
    case program_op::identifier:
      return push_identifier(step);
    case program_op::negate: {
      program_operand& o = stack_.back();
      o.bounds = -o.bounds;
      o.nominal = -o.nominal;
      return defined(o, false);
    }
    case program_op::power:
      return program_power(step.number, stack_.back());
    default:
      break;
  }
  // A call's operands are its arguments; an operator's are two.
  const std::size_t operands = step.count != 0 ? step.count : 2;
  program_operand* args = &stack_[stack_.size() - operands];
  bool ok = false;
  switch (step.op) {
    case program_op::add:
    case program_op::subtract:
    case program_op::multiply:
    case program_op::divide:
      ok = program_binary(step.op, args[0], args[1]);
      break;
    case program_op::computed_power:
      ok = program_computed_power(args[0], args[1]);
      break;
    default: {  // calls: finish() of eval_call
      bool inputs_finite = true;
      for (std::size_t i = 0; i < operands; ++i) inputs_finite = inputs_finite && finite(args[i]);
      ok = step.op == program_op::min || step.op == program_op::max
               ? program_min_max(step.op == program_op::min, args, operands)
               : program_function(step.op, args);
      ok = ok && defined(args[0], inputs_finite);
      break;
    }
  }
  stack_.resize(stack_.size() - operands + 1);
  return ok;
}

result<eval_operand> evaluator::eval_identifier(const expr_node& node) {
  const std::string& id = node.name;
  auto in_chain = std::find(in_progress_.begin(), in_progress_.end(), id);
  if (in_chain != in_progress_.end()) {
    std::string chain;
    for (auto it = in_chain; it != in_progress_.end(); ++it) chain += *it + " -> ";
    return error_at("eval.cycle", node,
                    "cycle of derived figures: " + chain + id +
                        "; one of them must be computed from claims or facts instead");
  }
  const evaluated* entry = evaluate_id(id);
  if (entry == nullptr) {
    if (dossier_.find_series(id)) {
      return error_at("eval.unknown_id", node,
                      in_quotes(id) + " is a series, not a figure; growth(" + id +
                          ") gives its growth per year");
    }
    if (dossier_.find_source(id)) {
      return error_at("eval.unknown_id", node,
                      in_quotes(id) + " is a source, not a figure; refer to a claim or fact");
    }
    if (dossier_.find_check(id)) {
      return error_at("eval.unknown_id", node,
                      in_quotes(id) + " is a check, which has an outcome but no value");
    }
    std::vector<std::string> candidates;
    for (const auto& figure : dossier_.figures) candidates.push_back(figure.id);
    for (const auto& derived : dossier_.derived) candidates.push_back(derived.id);
    const std::string nearest = nearest_name(id, candidates);
    return error_at("eval.unknown_id", node,
                    "unknown id " + in_quotes(id) +
                        (nearest.empty() ? std::string("; no claim, fact or derived figure has it")
                                         : "; did you mean " + in_quotes(nearest) + "?"));
  }
  if (!entry->result) {
    return error_at(unavailable_code, node,
                    in_quotes(id) + " could not be computed (see the problem reported there)");
  }
  eval_operand out{*entry->result, entry->display};
  out.written = entry->display;
  return out;
}

std::optional<text_error> evaluator::count_step(const expr_node& node) {
  if (++steps_ <= limits_.max_evaluation_steps) return std::nullopt;
  if (limit_reported_) return error_at(unavailable_code, node, "evaluation stopped");
  limit_reported_ = true;
  return limit_error(
      node, "evaluation took more than " + std::to_string(limits_.max_evaluation_steps) + " steps");
}

// Recursive: keep its frame small (messages are built in the helpers).
result<eval_operand> evaluator::eval_node(const expr_node& node, eval_frame& f, int depth,
                                          bool date_allowed) {
  if (auto stop = count_step(node)) return *stop;
  struct nesting_guard {
    std::size_t& n;
    ~nesting_guard() { --n; }
  } guard{++nesting_};
  if (nesting_ > max_evaluation_nesting) {
    if (limit_reported_) return error_at(unavailable_code, node, "evaluation stopped");
    limit_reported_ = true;
    return limit_error(
        node, "evaluation nests deeper than " + std::to_string(max_evaluation_nesting) + " levels");
  }

  switch (node.kind) {
    case expr_kind::number: {
      auto out = number_value(node, dossier_.units);
      if (!out) return out;
      if (auto problem = finish(node, *out, true, f, depth)) return *problem;
      return out;
    }
    case expr_kind::identifier: {
      auto out = eval_identifier(node);
      if (!out) return out;
      if (out->v.date && !date_allowed) {
        return error_at("eval.date", node,
                        in_quotes(node.name) + " is a date (" + out->v.date->to_string() +
                            "); dates are used only in years(a, b)");
      }
      if (auto problem = finish(node, *out, false, f, depth, node.name)) return *problem;
      return out;
    }
    case expr_kind::negate: {
      auto operand = eval_node(node.children[0], f, depth + 1, false);
      if (!operand) return operand;
      eval_operand out = std::move(operand).value();
      out.v.bounds = -out.v.bounds;
      out.v.nominal = -out.v.nominal;
      if (auto problem = finish(node, out, finite(out), f, depth)) return *problem;
      return out;
    }
    case expr_kind::call:
      return eval_call(node, f, depth);
    case expr_kind::binary:
      return eval_chain(node, f, depth);
  }
  return error_at("eval.domain", node, "unknown kind of expression");
}

// A chain "a + b - c + ..." is a left-deep tree as deep as it is long; it is
// folded in a loop along its left spine, in the order recursion would take.
result<eval_operand> evaluator::eval_chain(const expr_node& node, eval_frame& f, int depth) {
  std::vector<const expr_node*> spine;
  for (const expr_node* n = &node; n->kind == expr_kind::binary && n->op != '^';
       n = &n->children[0]) {
    spine.push_back(n);
  }
  const expr_node& first = spine.empty() ? node.children[0] : spine.back()->children[0];
  const int first_depth = depth + static_cast<int>(spine.empty() ? 1 : spine.size());
  auto accumulated = eval_node(first, f, first_depth, false);
  if (!accumulated) return accumulated;

  if (spine.empty()) {  // '^'
    bool inputs_finite = finite(*accumulated);
    result<eval_operand> out = text_error{};
    if (is_number_exponent(node)) {
      out = apply_power(node, *accumulated);
    } else {
      auto exponent = eval_node(node.children[1], f, depth + 1, false);
      if (!exponent) return exponent;
      inputs_finite = inputs_finite && finite(*exponent);
      out = apply_computed_power(node, *accumulated, *exponent);
    }
    if (!out) return out;
    if (auto problem = finish(node, *out, inputs_finite, f, depth)) return *problem;
    return out;
  }
  for (std::size_t i = spine.size(); i-- > 0;) {
    const expr_node& step = *spine[i];
    if (i > 0) {
      if (auto stop = count_step(step)) return *stop;
    }
    const int step_depth = depth + static_cast<int>(i);
    auto right = eval_node(step.children[1], f, step_depth + 1, false);
    if (!right) return right;
    const bool inputs_finite = finite(*accumulated) && finite(*right);
    auto out = apply_binary(step, *accumulated, *right);
    if (!out) return out;
    if (auto problem = finish(step, *out, inputs_finite, f, step_depth)) return *problem;
    accumulated = std::move(out);
  }
  return accumulated;
}

result<eval_operand> evaluator::eval_call(const expr_node& node, eval_frame& f, int depth) {
  if (node.name == "growth") {
    const std::string& series_id = node.children[0].name;
    if (dossier_.find_series(series_id) == nullptr) {
      std::vector<std::string> candidates;
      for (const auto& s : dossier_.series) candidates.push_back(s.id);
      const std::string nearest = nearest_name(series_id, candidates);
      return error_at("eval.unknown_id", node.children[0],
                      "unknown series " + in_quotes(series_id) +
                          (nearest.empty() ? std::string("; growth() takes the id of a series")
                                           : "; did you mean " + in_quotes(nearest) + "?"));
    }
    auto fitted = detail::series_growth_within(*this, series_id, growth_in_progress_);
    if (!fitted) {
      return error_at(fitted.error().code.c_str(), node,
                      "growth(" + series_id + "): " + fitted.error().message);
    }
    eval_operand out{fitted.value(), base_unit(fitted->dim)};
    if (f.trace != nullptr) f.trace->push_back(trace_step{series_id, series_id, out.v, depth + 1});
    if (auto problem = finish(node, out, false, f, depth)) return *problem;
    return out;
  }

  const bool dates = node.name == "years";
  std::vector<eval_operand> args;
  args.reserve(node.children.size());
  bool inputs_finite = true;
  for (const auto& child : node.children) {
    auto computed = eval_node(child, f, depth + 1, dates);
    if (!computed) return computed;
    inputs_finite = inputs_finite && finite(*computed);
    args.push_back(std::move(computed).value());
  }
  auto out = apply_function(node, args);
  if (!out) return out;
  if (auto problem = finish(node, *out, inputs_finite, f, depth)) return *problem;
  return out;
}

}  // namespace claimcheck
