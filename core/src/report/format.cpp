#include "claimcheck/report/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace claimcheck::report {
namespace {

constexpr int max_extra_digits = 9;

// "2.34e21" from printf's "2.34e+21".
std::string scientific(double v, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*e", digits - 1, v);
  std::string text = buffer;
  auto e = text.find('e');
  std::string mantissa = text.substr(0, e);
  int exponent = std::atoi(text.c_str() + e + 1);
  if (mantissa.find('.') != std::string::npos) {
    while (mantissa.back() == '0') mantissa.pop_back();
    if (mantissa.back() == '.') mantissa.pop_back();
  }
  return mantissa + 'e' + std::to_string(exponent);
}

// The decimal exponent of v after rounding to `digits` significant digits.
int rounded_exponent(double v, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*e", digits - 1, v);
  const char* e = std::strchr(buffer, 'e');
  return e == nullptr ? 0 : std::atoi(e + 1);
}

std::string fixed(double v, int digits, int exponent) {
  int precision = std::max(digits, exponent + 1);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*g", precision, v);
  std::string text = buffer;
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
  std::snprintf(buffer, sizeof buffer, "%.*e", shown - 1, v);
  return std::strtod(buffer, nullptr);
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
