#include "claimcheck/report/format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace claimcheck::report {
namespace {

constexpr int max_extra_digits = 9;

// Numbers are formatted with std::to_chars, which the standard defines as
// printf's %.*e / %.*g (the same correctly rounded digits), at a fraction
// of snprintf's cost: `claimcheck extract` writes an interval per mention
// and interval_digits() tries several precisions for each.

// printf("%.*e", digits - 1, v) into `buffer`; returns the end.
char* scientific_chars(char* buffer, std::size_t size, double v, int digits) {
  return std::to_chars(buffer, buffer + size, v, std::chars_format::scientific, digits - 1).ptr;
}

// A finite, non-zero double rounded to `count` significant digits.
struct decimal {
  static constexpr int max_digits = 17;
  char digits[max_digits] = {};
  int count = 0;
  int exponent = 0;  // of the first digit
  bool negative = false;
};

// Reads to_chars' scientific form ("-2.340e+21") into `d`.
void parse_scientific(const char* p, const char* end, decimal& d) {
  d.negative = *p == '-';
  if (d.negative) ++p;
  d.count = 0;
  for (; p < end && *p != 'e'; ++p) {
    if (*p != '.' && d.count < decimal::max_digits) d.digits[d.count++] = *p;
  }
  ++p;  // 'e'
  const bool negative_exponent = *p == '-';
  if (*p == '-' || *p == '+') ++p;
  std::from_chars(p, end, d.exponent);
  if (negative_exponent) d.exponent = -d.exponent;
}

// v (finite, non-zero) rounded to `digits` significant digits, 1 to 17, as
// printf's "%.*e" rounds it.
decimal round_to_digits(double v, int digits) {
  char buffer[64];
  decimal d;
  // The shortest round-trip digits first. For a normal double they lie
  // within half an ulp of v (at most 1.2e-16 of it), closer than half a
  // step of any grid of up to 15 significant digits; so when there are no
  // more of them than `digits` (<= 15), they are v correctly rounded to
  // `digits`, padded with zeros, and the slower exact conversion is not
  // needed. Most numbers in texts have a few digits.
  if (digits <= 15 && std::fabs(v) >= std::numeric_limits<double>::min()) {
    parse_scientific(
        buffer, std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::scientific).ptr,
        d);
    if (d.count <= digits) {
      while (d.count < digits) d.digits[d.count++] = '0';
      return d;
    }
  }
  parse_scientific(buffer, scientific_chars(buffer, sizeof buffer, v, digits), d);
  return d;
}

bool fits(int digits) {
  return digits >= 1 && digits <= decimal::max_digits;
}

// The exponent of a to_chars scientific form ("2.34e+21" -> 21).
int exponent_of(const char* first, const char* last) {
  const char* e =
      static_cast<const char*>(std::memchr(first, 'e', static_cast<std::size_t>(last - first)));
  if (e == nullptr) return 0;
  ++e;
  const bool negative = *e == '-';
  if (*e == '-' || *e == '+') ++e;
  int exponent = 0;
  std::from_chars(e, last, exponent);
  return negative ? -exponent : exponent;
}

void append_exponent(std::string& text, int exponent) {
  char exponent_text[16];
  text.append(exponent_text,
              std::to_chars(exponent_text, exponent_text + sizeof exponent_text, exponent).ptr);
}

// "2.34e21" from printf's "2.34e+21".
std::string scientific(double v, int digits) {
  std::string text;
  if (fits(digits)) {
    const decimal d = round_to_digits(v, digits);
    int count = d.count;
    while (count > 1 && d.digits[count - 1] == '0') --count;
    if (d.negative) text += '-';
    text += d.digits[0];
    if (count > 1) {
      text += '.';
      text.append(d.digits + 1, static_cast<std::size_t>(count - 1));
    }
    text += 'e';
    append_exponent(text, d.exponent);
    return text;
  }
  char buffer[64];
  char* end = scientific_chars(buffer, sizeof buffer, v, digits);
  const char* e =
      static_cast<const char*>(std::memchr(buffer, 'e', static_cast<std::size_t>(end - buffer)));
  const char* mantissa_end = e;
  if (std::memchr(buffer, '.', static_cast<std::size_t>(e - buffer)) != nullptr) {
    while (mantissa_end[-1] == '0') --mantissa_end;
    if (mantissa_end[-1] == '.') --mantissa_end;
  }
  text.assign(static_cast<const char*>(buffer), mantissa_end);
  text += 'e';
  append_exponent(text, exponent_of(buffer, end));
  return text;
}

// The decimal exponent of v after rounding to `digits` significant digits.
int rounded_exponent(double v, int digits) {
  if (fits(digits)) return round_to_digits(v, digits).exponent;
  char buffer[64];
  char* end = scientific_chars(buffer, sizeof buffer, v, digits);
  return exponent_of(buffer, end);
}

// printf("%.*g", max(digits, exponent + 1), v), where that writes the
// plain form.
std::string fixed(double v, int digits, int exponent) {
  const int precision = std::max(digits, exponent + 1);
  if (fits(precision)) {
    const decimal d = round_to_digits(v, precision);
    if (d.exponent >= -4 && d.exponent < precision) {
      // %g's plain form: `precision` digits, trailing zeros of the
      // fraction dropped, and the point with them.
      int count = d.count;
      const int whole = d.exponent >= 0 ? d.exponent + 1 : 0;
      while (count > whole && d.digits[count - 1] == '0') --count;
      std::string text;
      if (d.negative) text += '-';
      if (whole > 0) {
        text.append(d.digits, static_cast<std::size_t>(whole));
        if (count > whole) {
          text += '.';
          text.append(d.digits + whole, static_cast<std::size_t>(count - whole));
        }
      } else {
        text += "0.";
        text.append(static_cast<std::size_t>(-d.exponent - 1), '0');
        text.append(d.digits, static_cast<std::size_t>(count));
      }
      return text;
    }
  }
  char buffer[400];
  char* end =
      std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::general, precision).ptr;
  std::string text(buffer, end);
  if (text == "-0") text = "0";
  return text;
}

std::string non_finite(double v) {
  if (std::isnan(v)) return "nan";
  return v > 0 ? "inf" : "-inf";
}

std::string money_number(double v, int digits) {
  if (!std::isfinite(v)) return non_finite(v);
  if (v == 0) return "0";
  int exponent = rounded_exponent(v, digits);
  if (exponent < 3) return format_number(v, digits);
  if (exponent >= 15) return scientific(v, digits);
  static const char* const suffixes[] = {"", "k", "M", "B", "T"};
  int group = exponent / 3;
  double scaled = v / std::pow(10.0, 3 * group);
  return fixed(scaled, digits, exponent - 3 * group) + suffixes[group];
}

std::string number_in(double v, const unit& u, int digits) {
  return is_money(u) ? money_number(v, digits) : format_number(v, digits);
}

// The value number_in(v, u, digits) writes: v rounded to the significant
// digits shown (never fewer than its integer part, as fixed() writes it).
double rounded(double v, const unit& u, int digits) {
  if (!std::isfinite(v) || v == 0) return v;
  int exponent = rounded_exponent(v, digits);
  bool scaled = exponent >= 6 || exponent < -3 || (is_money(u) && exponent >= 3);
  int shown = scaled ? digits : std::max(digits, exponent + 1);
  char buffer[64];
  char* end = scientific_chars(buffer, sizeof buffer, v, shown);
  double value = 0;
  std::from_chars(buffer, end, value);
  return value;
}

std::string with_unit(const std::string& number, const unit& u) {
  if (u.text.empty() || u.text == "1") return number;
  if (u.text == "%") return number + '%';
  return number + ' ' + u.text;
}

}  // namespace

std::string format_number(double v, int digits) {
  if (!std::isfinite(v)) return non_finite(v);
  if (v == 0) return "0";
  int exponent = rounded_exponent(v, digits);
  if (exponent >= 6 || exponent < -3) return scientific(v, digits);
  return fixed(v, digits, exponent);
}

bool is_money(const unit& u) {
  const auto& exponents = u.dim.exponents();
  if (exponents.size() != 1 || exponents.begin()->second != 1 || u.scale != 1) return false;
  static const unit_registry builtins = unit_registry::with_builtins();
  return builtins.is_currency(exponents.begin()->first);
}

std::string format_value(double v, const unit& u) {
  return with_unit(number_in(v, u, 3), u);
}

std::string format_interval(interval i, const unit& u) {
  // A point widened by outward rounding (a few ulps) reads as the point.
  if (i.lo == i.hi || nearly_equal(i.lo, i.hi, 1e-12)) return format_value(i.midpoint(), u);
  const int digits = interval_digits(i, u);
  std::string lo = number_in(i.lo, u, digits), hi = number_in(i.hi, u, digits);
  if (lo == hi) return with_unit(lo, u);
  return with_unit('[' + lo + ", " + hi + ']', u);
}

std::string format_shown(const shown_value& s) {
  return format_interval(s.bounds, s.in);
}

shown_value readable(const shown_value& s) {
  const dimension time = dimension::base("time");
  if (s.in.dim != time || s.in.text != "s" || s.in.scale != 1) return s;
  struct choice {
    const char* text;
    double seconds;
    double below;  // use it while |nominal| < below seconds
  };
  static const choice choices[] = {
      {"s", 1, 120},
      {"min", 60, 7200},
      {"h", 3600, 172800},
      {"d", 86400, 86400 * 365.2425},
      {"yr", 86400 * 365.2425, INFINITY},
  };
  double magnitude = std::fabs(s.nominal);
  for (const auto& c : choices) {
    if (magnitude < c.below || !std::isfinite(magnitude)) {
      if (c.seconds == 1) return s;
      shown_value out;
      out.in = unit{c.seconds, time, c.text};
      out.nominal = s.nominal / c.seconds;
      out.bounds = interval{s.bounds.lo / c.seconds, s.bounds.hi / c.seconds};
      return out;
    }
  }
  return s;
}

std::string format_ratio(double ratio) {
  if (!std::isfinite(ratio)) return non_finite(ratio) + "x";
  // "1x" for a ratio of 1.011 would hide the failure: add digits until it shows.
  std::string text = format_number(ratio, 2);
  for (int digits = 3; text == "1" && ratio != 1 && digits <= 4; ++digits) {
    text = format_number(ratio, digits);
  }
  return text + "x";
}

int interval_digits(interval i, const unit& u) {
  if (i.lo == i.hi || nearly_equal(i.lo, i.hi, 1e-12)) return 3;
  for (int digits = 3; digits <= 3 + max_extra_digits; ++digits) {
    if (number_in(i.lo, u, digits) == number_in(i.hi, u, digits)) continue;
    // One digit more when it writes both bounds exactly and rounding would
    // move a bound by more than a tenth of the width: 989.4 stated is
    // [989.35, 989.45], which four digits would show as [989.3, 989.5];
    // [180.5M, 199.5M] reads well enough as [180M, 200M].
    auto exact = [&](double v, int d) { return number_in(v, u, d) == number_in(v, u, 12); };
    double moved = std::max(std::fabs(i.lo - rounded(i.lo, u, digits)),
                            std::fabs(i.hi - rounded(i.hi, u, digits)));
    if (std::isfinite(i.width()) && moved > 0.1 * i.width() && exact(i.lo, digits + 1) &&
        exact(i.hi, digits + 1))
      return digits + 1;
    return digits;
  }
  return 3;
}

std::string format_value(double v, const unit& u, int digits) {
  return with_unit(number_in(v, u, digits), u);
}

std::string describe_margin(const failure_margin& m, const unit& display) {
  std::string amount;
  if (!m.ratio) {
    amount = format_value(m.gap / display.scale, display);
  } else if (std::isinf(*m.ratio)) {
    switch (m.kind) {
      case margin_kind::short_by:
        return "short by an unbounded factor";
      case margin_kind::above:
        return "above by an unbounded factor";
      case margin_kind::apart:
        return "apart by an unbounded factor";
    }
  } else {
    amount = format_ratio(*m.ratio);
  }
  switch (m.kind) {
    case margin_kind::short_by:
      return "short by " + amount;
    case margin_kind::above:
      return amount + " above";
    case margin_kind::apart:
      return amount + " apart";
  }
  return amount;
}

shown_value convert_shown(const shown_value& s, const unit& to) {
  if (s.in.dim != to.dim || to.scale == 0) return s;
  double factor = s.in.scale / to.scale;
  shown_value out;
  out.in = to;
  out.nominal = s.nominal * factor;
  out.bounds = interval{s.bounds.lo * factor, s.bounds.hi * factor};
  return out;
}

std::string markdown_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<output_format> parse_output_format(std::string_view name) {
  if (name == "text") return output_format::text;
  if (name == "md" || name == "markdown") return output_format::markdown;
  if (name == "json") return output_format::json;
  if (name == "csv") return output_format::csv;
  return std::nullopt;
}

const char* to_string(output_format f) {
  switch (f) {
    case output_format::text:
      return "text";
    case output_format::markdown:
      return "md";
    case output_format::json:
      return "json";
    case output_format::csv:
      return "csv";
  }
  return "text";
}

std::string paint(const std::string& text, colour c, bool enabled) {
  if (!enabled || c == colour::none) return text;
  const char* code = "";
  switch (c) {
    case colour::red:
      code = "\033[31m";
      break;
    case colour::green:
      code = "\033[32m";
      break;
    case colour::yellow:
      code = "\033[33m";
      break;
    case colour::bold:
      code = "\033[1m";
      break;
    case colour::none:
      break;
  }
  return code + text + "\033[0m";
}

}  // namespace claimcheck::report
