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
// and interval_digits() tries several precisions for each bound, so each
// bound is converted once (see rounder) and rounded from its digits.

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

bool fits(int digits) {
  return digits >= 1 && digits <= decimal::max_digits;
}

// v rounded to `digits` (1 to 17) significant digits, as "%.*e" rounds it.
decimal exact_digits(double v, int digits) {
  char buffer[64];
  decimal d;
  // An integer below 2^53 with no more digits than asked for is exact as
  // written (padded with zeros); interval bounds often are.
  if (std::fabs(v) < 9007199254740992.0 && v == static_cast<double>(static_cast<long long>(v))) {
    const long long n = static_cast<long long>(v);
    const char* const end = std::to_chars(buffer, buffer + sizeof buffer, n < 0 ? -n : n).ptr;
    const int length = static_cast<int>(end - buffer);
    if (length <= digits) {
      d.negative = n < 0;
      d.exponent = length - 1;
      std::memcpy(d.digits, buffer, static_cast<std::size_t>(length));
      std::memset(d.digits + length, '0', static_cast<std::size_t>(digits - length));
      d.count = digits;
      return d;
    }
  }
  const char* p = buffer;
  const char* const end = scientific_chars(buffer, sizeof buffer, v, digits);
  d.negative = *p == '-';
  if (d.negative) ++p;
  for (; p < end && *p != 'e'; ++p) {
    if (*p != '.' && d.count < decimal::max_digits) d.digits[d.count++] = *p;
  }
  ++p;  // 'e'
  const bool negative_exponent = *p == '-';
  if (*p == '-' || *p == '+') ++p;
  std::from_chars(p, end, d.exponent);
  if (negative_exponent) d.exponent = -d.exponent;
  return d;
}

// One number, converted once to 17 significant digits, then rounded to
// fewer digits from those: rounding to the 17-digit grid is monotone, so
// the 17 digits lie on the same side of every shorter rounding's midpoint
// as the number itself, unless they are that midpoint ("...5000"); only
// then is the number converted again.
class rounder {
 public:
  explicit rounder(double v) : v_(v) {
    if (std::isfinite(v) && v != 0) full_ = exact_digits(v, decimal::max_digits);
  }
  double value() const { return v_; }
  // Whether rounding to `digits` (1 to 17) only drops zeros of the 17
  // digits: then it gives the 17-digit form, which reads back as v itself.
  bool unchanged_at(int digits) const {
    for (int k = digits; k < decimal::max_digits; ++k) {
      if (full_.digits[k] != '0') return false;
    }
    return true;
  }
  // v finite and non-zero; 1 <= digits <= 17.
  decimal at(int digits) const {
    if (digits >= decimal::max_digits) return full_;
    const char* d = full_.digits;
    bool midpoint = d[digits] == '5';
    for (int k = digits + 1; midpoint && k < decimal::max_digits; ++k) midpoint = d[k] == '0';
    if (midpoint) return exact_digits(v_, digits);
    decimal r;
    r.negative = full_.negative;
    r.exponent = full_.exponent;
    r.count = digits;
    std::memcpy(r.digits, d, static_cast<std::size_t>(digits));
    if (d[digits] >= '5') {
      int k = digits - 1;
      while (k >= 0 && r.digits[k] == '9') r.digits[k--] = '0';
      if (k >= 0) {
        ++r.digits[k];
      } else {
        r.digits[0] = '1';  // 9.99 -> 10.0
        ++r.exponent;
      }
    }
    return r;
  }

 private:
  double v_;
  decimal full_;
};

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
std::string scientific(const rounder& r, int digits) {
  std::string text;
  if (fits(digits)) {
    const decimal d = r.at(digits);
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
  char* end = scientific_chars(buffer, sizeof buffer, r.value(), digits);
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
int rounded_exponent(const rounder& r, int digits) {
  if (fits(digits)) return r.at(digits).exponent;
  char buffer[64];
  char* end = scientific_chars(buffer, sizeof buffer, r.value(), digits);
  return exponent_of(buffer, end);
}

// printf("%.*g", max(digits, exponent + 1), v), where that writes the
// plain form.
std::string fixed(const rounder& r, int digits, int exponent) {
  const int precision = std::max(digits, exponent + 1);
  if (fits(precision)) {
    const decimal d = r.at(precision);
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
  char* end = std::to_chars(buffer, buffer + sizeof buffer, r.value(), std::chars_format::general,
                            precision)
                  .ptr;
  std::string text(buffer, end);
  if (text == "-0") text = "0";
  return text;
}

std::string non_finite(double v) {
  if (std::isnan(v)) return "nan";
  return v > 0 ? "inf" : "-inf";
}

// format_number(v, digits) of the rounder's number.
std::string plain_number(const rounder& r, int digits) {
  const double v = r.value();
  if (!std::isfinite(v)) return non_finite(v);
  if (v == 0) return "0";
  int exponent = rounded_exponent(r, digits);
  if (exponent >= 6 || exponent < -3) return scientific(r, digits);
  return fixed(r, digits, exponent);
}

std::string money_number(const rounder& r, int digits) {
  const double v = r.value();
  if (!std::isfinite(v)) return non_finite(v);
  if (v == 0) return "0";
  int exponent = rounded_exponent(r, digits);
  if (exponent < 3) return plain_number(r, digits);
  if (exponent >= 15) return scientific(r, digits);
  static const char* const suffixes[] = {"", "k", "M", "B", "T"};
  int group = exponent / 3;
  double scaled = v / std::pow(10.0, 3 * group);
  return fixed(rounder(scaled), digits, exponent - 3 * group) + suffixes[group];
}

std::string number_in(const rounder& r, bool money, int digits) {
  return money ? money_number(r, digits) : plain_number(r, digits);
}

std::string number_in(double v, const unit& u, int digits) {
  return number_in(rounder(v), is_money(u), digits);
}

// The value number_in(v, u, digits) writes: v rounded to the significant
// digits shown (never fewer than its integer part, as fixed() writes it).
double rounded(const rounder& r, bool money, int digits) {
  const double v = r.value();
  if (!std::isfinite(v) || v == 0) return v;
  int exponent = rounded_exponent(r, digits);
  bool scaled = exponent >= 6 || exponent < -3 || (money && exponent >= 3);
  int shown = scaled ? digits : std::max(digits, exponent + 1);
  if (fits(shown) && r.unchanged_at(shown)) return v;
  char buffer[64];
  char* end = buffer;
  if (fits(shown)) {
    const decimal d = r.at(shown);
    if (d.negative) *end++ = '-';
    *end++ = d.digits[0];
    *end++ = '.';
    std::memcpy(end, d.digits + 1, static_cast<std::size_t>(d.count - 1));
    end += d.count - 1;
    *end++ = 'e';
    end = std::to_chars(end, buffer + sizeof buffer, d.exponent).ptr;
  } else {
    end = scientific_chars(buffer, sizeof buffer, v, shown);
  }
  double value = 0;
  std::from_chars(buffer, end, value);
  return value;
}

// interval_digits() with each bound converted once; also gives both
// bounds written with the digits it chose (each text is made once).
struct chosen_digits {
  int digits = 3;
  std::string lo, hi;
};

chosen_digits interval_digits(const rounder& lo, const rounder& hi, bool money) {
  const double width = hi.value() - lo.value();
  chosen_digits first;
  for (int digits = 3; digits <= 3 + max_extra_digits; ++digits) {
    chosen_digits at{digits, number_in(lo, money, digits), number_in(hi, money, digits)};
    const bool same = at.lo == at.hi;
    if (digits == 3) first = at;
    if (same) continue;
    // One digit more when it writes both bounds exactly and rounding would
    // move a bound by more than a tenth of the width: 989.4 stated is
    // [989.35, 989.45], which four digits would show as [989.3, 989.5];
    // [180.5M, 199.5M] reads well enough as [180M, 200M].
    double moved = std::max(std::fabs(lo.value() - rounded(lo, money, digits)),
                            std::fabs(hi.value() - rounded(hi, money, digits)));
    if (std::isfinite(width) && moved > 0.1 * width) {
      chosen_digits more{digits + 1, number_in(lo, money, digits + 1),
                         number_in(hi, money, digits + 1)};
      if (more.lo == number_in(lo, money, 12) && more.hi == number_in(hi, money, 12)) return more;
    }
    return at;
  }
  return first;
}

std::string with_unit(const std::string& number, const unit& u) {
  if (u.text.empty() || u.text == "1") return number;
  if (u.text == "%") return number + '%';
  return number + ' ' + u.text;
}

}  // namespace

std::string format_number(double v, int digits) {
  return plain_number(rounder(v), digits);
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
  auto [lo, hi] = format_bounds(i, u);
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
  return interval_digits(rounder(i.lo), rounder(i.hi), is_money(u)).digits;
}

std::pair<std::string, std::string> format_bounds(interval i, const unit& u) {
  const bool money = is_money(u);
  const rounder lo(i.lo), hi(i.hi);
  if (i.lo == i.hi || nearly_equal(i.lo, i.hi, 1e-12)) {
    return {number_in(lo, money, 3), number_in(hi, money, 3)};
  }
  chosen_digits chosen = interval_digits(lo, hi, money);
  return {std::move(chosen.lo), std::move(chosen.hi)};
}

std::string format_value(double v, const unit& u, int digits) {
  return with_unit(number_in(v, u, digits), u);
}

std::string describe_margin(const failure_margin& m, const unit& display) {
  const char* kind = m.kind == margin_kind::short_by ? "short"
                     : m.kind == margin_kind::above  ? "above"
                                                     : "apart";
  // Sides that only meet (a > b where a's top is b's bottom) fail at one
  // point; "short by 1x" would read as a contradiction.
  const bool touching = m.ratio ? *m.ratio == 1 : m.gap == 0;
  if (touching) return std::string(kind) + " by nothing: the sides only touch";
  if (m.ratio && std::isinf(*m.ratio)) return std::string(kind) + " by an unbounded factor";
  const std::string amount =
      m.ratio ? format_ratio(*m.ratio) : format_value(m.gap / display.scale, display);
  // "short by 134x", but "6.4x above" and "3.2x apart".
  return m.kind == margin_kind::short_by ? "short by " + amount : amount + ' ' + kind;
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
    } else if (c == '<') {
      // Markdown passes raw HTML through: a subject "<script>" or
      // "<img onerror=...>" would run in the reader's browser.
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '&') {
      out += "&amp;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string markdown_code_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else if (c == '`') {
      out += '\'';  // would end the code span; expressions have none
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

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      // XML 1.0 has no place for bytes that are not UTF-8, nor for the
      // noncharacters U+FFFE and U+FFFF (EF BF BE, EF BF BF): an SVG with
      // one is not well-formed. Each becomes U+FFFD.
      const std::size_t length = utf8_sequence_length(text, i);
      const std::string_view sequence = text.substr(i, length);
      if (length == 0 || sequence == "\xEF\xBF\xBE" || sequence == "\xEF\xBF\xBF") {
        out += "\xEF\xBF\xBD";
      } else {
        out.append(sequence);
      }
      if (length > 1) i += length - 1;
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

int verdict_rank(claim_verdict v) {
  switch (v) {
    case claim_verdict::contradicted:
      return 0;
    case claim_verdict::questionable:
      return 1;
    case claim_verdict::supported:
      return 2;
    case claim_verdict::unverified:
      return 3;
  }
  return 3;
}

}  // namespace claimcheck::report
