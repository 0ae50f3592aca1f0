// SPDX-License-Identifier: MIT
#include "claimcheck/report/format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "../enum_names.hpp"
#include "claimcheck/text.hpp"

namespace claimcheck::report {
namespace {

constexpr int max_extra_digits = 9;

// Numbers are formatted with std::to_chars, which the standard defines as
// printf's %.*e (the same correctly rounded digits), at a fraction of
// snprintf's cost: `claimcheck extract` writes an interval per mention and
// interval_digits() tries several precisions for each bound, so each bound
// is converted once (see rounder) and rounded from its digits.

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

// Which way a number is rounded to the digits shown: to the nearest for a
// value, and outward for the bounds of an interval, so that the interval
// shown always contains the one computed.
enum class rounding { nearest, down, up };  // down: towards -inf; up: towards +inf

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

// One more unit in the last digit of d's magnitude (9.99 -> 10.0).
void increment_magnitude(decimal& d) {
  int k = d.count - 1;
  while (k >= 0 && d.digits[k] == '9') d.digits[k--] = '0';
  if (k >= 0) {
    ++d.digits[k];
  } else {
    d.digits[0] = '1';
    ++d.exponent;
  }
}

// Significant digits of a bound that directed rounding heeds: the 16th and
// 17th of a computed bound are the noise of binary arithmetic and of its
// own outward rounding (450000 less 10% is 404999.99999999994), and an
// interval [404999.99999999994, 495000.00000000006] is the interval
// [405000, 495000] to anyone reading it, as a point a few ulps wide reads
// as the point.
constexpr int heeded_digits = 15;

// One number, converted once to 17 significant digits, then rounded to
// fewer digits from those. Rounding to the nearest from them is right,
// since rounding to the 17-digit grid is monotone: the 17 digits lie on the
// same side of every shorter rounding's midpoint as the number itself,
// unless they are that midpoint ("...5000"); only then is the number
// converted again. Directed rounding starts from the number rounded to
// `heeded_digits`: a rounding of those upwards reads back as at least that
// number (downwards: at most), so the bounds shown contain the interval up
// to half a unit of its bounds' 15th significant digit.
class rounder {
 public:
  explicit rounder(double v) : v_(v) {
    if (std::isfinite(v) && v != 0) {
      full_ = exact_digits(v, decimal::max_digits);
      heeded_ = at(heeded_digits, rounding::nearest);
    }
  }
  double value() const { return v_; }
  // v finite and non-zero; 1 <= digits; 17 digits or more give the 17.
  decimal at(int digits, rounding way) const {
    if (way != rounding::nearest) return directed(digits, way == rounding::up);
    if (digits >= decimal::max_digits) return full_;
    const char* d = full_.digits;
    bool midpoint = d[digits] == '5';
    for (int k = digits + 1; midpoint && k < decimal::max_digits; ++k) midpoint = d[k] == '0';
    if (midpoint) return exact_digits(v_, digits);
    decimal r = first_digits(full_, digits);
    if (d[digits] >= '5') increment_magnitude(r);
    return r;
  }

 private:
  double v_;
  decimal full_, heeded_;

  static decimal first_digits(const decimal& from, int digits) {
    decimal r;
    r.negative = from.negative;
    r.exponent = from.exponent;
    r.count = digits;
    std::memcpy(r.digits, from.digits, static_cast<std::size_t>(digits));
    return r;
  }

  decimal directed(int digits, bool up) const {
    if (digits >= heeded_.count) return heeded_;
    decimal r = first_digits(heeded_, digits);
    bool dropped = false;  // a non-zero digit is cut off
    for (int k = digits; !dropped && k < heeded_.count; ++k) dropped = heeded_.digits[k] != '0';
    if (dropped && up != heeded_.negative) increment_magnitude(r);
    return r;
  }
};

// The number a decimal writes.
double value_of(const decimal& d) {
  char buffer[64];
  char* end = buffer;
  if (d.negative) *end++ = '-';
  std::memcpy(end, d.digits, static_cast<std::size_t>(d.count));
  end += d.count;
  *end++ = 'e';
  end = std::to_chars(end, buffer + sizeof buffer, d.exponent - (d.count - 1)).ptr;
  double value = 0;
  std::from_chars(buffer, end, value);
  return value;
}

void append_exponent(std::string& text, int exponent) {
  char exponent_text[16];
  text.append(exponent_text,
              std::to_chars(exponent_text, exponent_text + sizeof exponent_text, exponent).ptr);
}

// "2.34e21" (printf's "2.34e+21" without '+', padding and trailing zeros).
std::string scientific(const decimal& d) {
  int count = d.count;
  while (count > 1 && d.digits[count - 1] == '0') --count;
  std::string text;
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

// The plain form of d divided by 10^shift (3 per money suffix), as "%g"
// writes it: trailing zeros of the fraction dropped, and the point with
// them; zeros written for integer places beyond the digits.
std::string plain(const decimal& d, int shift) {
  const int exponent = d.exponent - shift;
  int count = d.count;
  const int whole = exponent >= 0 ? exponent + 1 : 0;
  while (count > whole && d.digits[count - 1] == '0') --count;
  std::string text;
  if (d.negative) text += '-';
  if (whole > 0) {
    const int written = std::min(whole, count);
    text.append(d.digits, static_cast<std::size_t>(written));
    text.append(static_cast<std::size_t>(whole - written), '0');
    if (count > whole) {
      text += '.';
      text.append(d.digits + whole, static_cast<std::size_t>(count - whole));
    }
  } else {
    text += "0.";
    text.append(static_cast<std::size_t>(-exponent - 1), '0');
    text.append(d.digits, static_cast<std::size_t>(count));
  }
  return text;
}

std::string non_finite(double v) {
  if (std::isnan(v)) return "nan";
  return v > 0 ? "inf" : "-inf";
}

// A number as a report writes it, and the number that text stands for.
struct written_number {
  std::string text;
  double shown = 0;
};

// The number with `digits` significant digits (never fewer than its
// integer part below 1e6), rounded `way`; money from 1000 up with a k, M, B
// or T suffix. See format.hpp for the rules.
written_number number_in(const rounder& r, bool money, int digits, rounding way) {
  const double v = r.value();
  if (!std::isfinite(v)) return {non_finite(v), v};
  if (v == 0) return {"0", 0};
  digits = std::max(digits, 1);
  decimal d = r.at(digits, way);
  if (money && d.exponent >= 3 && d.exponent < 15) {
    static const char* const suffixes[] = {"", "k", "M", "B", "T"};
    const int group = d.exponent / 3;
    return {plain(d, 3 * group) + suffixes[group], value_of(d)};
  }
  if (d.exponent >= 6 || d.exponent < -3) return {scientific(d), value_of(d)};
  // Rounding to more digits cannot raise the exponent, so the integer part
  // still fits in them.
  if (d.exponent + 1 > digits) d = r.at(d.exponent + 1, way);
  return {plain(d, 0), value_of(d)};
}

std::string number_in(double v, const unit& u, int digits) {
  return number_in(rounder(v), is_money(u), digits, rounding::nearest).text;
}

// How far a bound moved outwards when it was written (0 for an unbounded one).
double moved_by(const rounder& bound, const written_number& w) {
  if (!std::isfinite(bound.value())) return 0;
  return std::fabs(w.shown - bound.value());
}

// interval_digits() with each bound converted once; also gives both
// bounds written with the digits it chose (each text is made once).
struct chosen_digits {
  int digits = 3;
  std::string lo, hi;
};

// Bounds are rounded outwards, with the fewest digits (3 at least) that
// move neither bound by more than a tenth of the interval's width: 1287
// stated is [1286.5, 1287.5], not [1286, 1288]; [116.69, 129.07] reads
// [116, 130]; [180.5M, 199.5M] reads well enough as [180M, 200M].
chosen_digits interval_digits(const rounder& lo, const rounder& hi, bool money) {
  const double width = hi.value() - lo.value();
  chosen_digits chosen;
  for (int digits = 3; digits <= 3 + max_extra_digits; ++digits) {
    written_number low = number_in(lo, money, digits, rounding::down);
    written_number high = number_in(hi, money, digits, rounding::up);
    const double moved = std::max(moved_by(lo, low), moved_by(hi, high));
    chosen = {digits, std::move(low.text), std::move(high.text)};
    if (!std::isfinite(width) || moved <= 0.1 * width) break;
  }
  return chosen;
}

std::string with_unit(const std::string& number, const unit& u) {
  if (u.text.empty() || u.text == "1") return number;
  if (u.text == "%") return number + '%';
  return number + ' ' + u.text;
}

}  // namespace

std::string format_number(double v, int digits) {
  return number_in(rounder(v), false, digits, rounding::nearest).text;
}

bool is_money(const unit& u) {
  if (u.dim.size() != 1 || u.dim.begin()->exponent != 1 || u.scale != 1) return false;
  static const unit_registry builtins = unit_registry::with_builtins();
  return builtins.is_currency(base_name(u.dim.begin()->base));
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

std::string shown_with_nominal(const shown_value& s) {
  shown_value r = readable(s);
  std::string out = format_shown(r);
  if (!nearly_equal(r.bounds.lo, r.bounds.hi))
    out += ", nominal " + format_value(r.nominal, r.in, interval_digits(r.bounds, r.in));
  return out;
}

std::string figure_as_written(const figure_record& f) {
  std::string out = f.value_text;
  if (f.is_date) return out;
  if (!f.unit_text.empty() && f.unit_text != "1") out += ' ' + f.unit_text;
  out += std::string(", ") + to_string(f.qual);
  if (f.qual == qualifier::about) out += " ±" + format_number(f.tolerance * 100) + '%';
  if (f.qual == qualifier::almost) out += " −" + format_number(f.tolerance * 100) + '%';
  return out;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

shown_value readable(const shown_value& s) {
  static const dimension time = dimension::base("time");
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

std::string format_ratio_number(double ratio, int digits) {
  if (!std::isfinite(ratio)) return non_finite(ratio);
  // "1" for a ratio of 1.011 or 0.998 would hide what the ratio says: add
  // digits until it shows.
  std::string text = format_number(ratio, digits);
  for (int more = digits + 1; text == "1" && ratio != 1 && more <= 17; ++more) {
    text = format_number(ratio, more);
  }
  return text;
}

std::string format_ratio(double ratio, int digits) {
  return format_ratio_number(ratio, digits) + "x";
}

int interval_digits(interval i, const unit& u) {
  if (i.lo == i.hi || nearly_equal(i.lo, i.hi, 1e-12)) return 3;
  return interval_digits(rounder(i.lo), rounder(i.hi), is_money(u)).digits;
}

std::pair<std::string, std::string> format_bounds(interval i, const unit& u) {
  const bool money = is_money(u);
  const rounder lo(i.lo), hi(i.hi);
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

namespace {

// A table cell of Markdown: '|' escaped, line ends as spaces; in a code
// span (`code`), a backquote would end the span and becomes "'", and the
// HTML characters are shown as written; elsewhere they are entities, since
// Markdown passes raw HTML through (a subject "<script>" would run in the
// reader's browser).
std::string markdown_cell_text(std::string_view text, bool code) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else if (code && c == '`') {
      out += '\'';
    } else if (!code && c == '<') {
      out += "&lt;";
    } else if (!code && c == '>') {
      out += "&gt;";
    } else if (!code && c == '&') {
      out += "&amp;";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string markdown_cell(std::string_view text) {
  return markdown_cell_text(text, false);
}

std::string markdown_code_cell(std::string_view text) {
  return markdown_cell_text(text, true);
}

namespace {
constexpr auto output_format_names = enum_names<output_format::csv>("text", "md", "json", "csv");

// Worst first: the order of findings and claims in every listing.
constexpr check_outcome outcomes_worst_first[] = {check_outcome::fail, check_outcome::inconclusive,
                                                  check_outcome::pass};
constexpr claim_verdict verdicts_worst_first[] = {
    claim_verdict::contradicted, claim_verdict::questionable, claim_verdict::supported,
    claim_verdict::unverified};

// The place of `value` in `order`; the last place for a value not in it.
template <typename Enum, std::size_t N>
int rank_in(const Enum (&order)[N], Enum value) {
  const auto at = std::find(std::begin(order), std::end(order), value);
  return static_cast<int>(at == std::end(order) ? N - 1 : at - std::begin(order));
}
}  // namespace

std::optional<output_format> parse_output_format(std::string_view name) {
  // "md" is what --format's help and the reports say; "markdown" is read too.
  if (name == "markdown") return output_format::markdown;
  return output_format_names.value(name);
}

const char* to_string(output_format f) {
  return output_format_names.name(f);
}

int outcome_rank(check_outcome o) {
  return rank_in(outcomes_worst_first, o);
}

const char* outcome_label(check_outcome o) {
  static constexpr auto labels =
      enum_names<check_outcome::inconclusive>("PASS", "FAIL", "INCONCLUSIVE");
  return labels.name(o);
}

colour outcome_colour(check_outcome o) {
  return o == check_outcome::fail   ? colour::red
         : o == check_outcome::pass ? colour::green
                                    : colour::yellow;
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
      const code_point_at at = decode_at(text, i);
      const std::size_t length = at.length;
      const std::string_view sequence = text.substr(i, length);
      if (!at.valid || sequence == "\xEF\xBF\xBE" || sequence == "\xEF\xBF\xBF") {
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
  return rank_in(verdicts_worst_first, v);
}

}  // namespace claimcheck::report
