#include "claimcheck/numerals.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <vector>

namespace claimcheck {

namespace {

// A decimal number as digits * 10^exponent, so that "1.1M" becomes the double
// nearest 1100000 (one correctly rounded conversion) instead of 1.1 * 1e6
// (two roundings).
struct decimal {
  std::string digits;  // no leading zeros; empty means zero
  long exponent = 0;

  bool zero() const { return digits.empty(); }
  // The exponent of the leading digit's place plus one: 5000 -> 4, 0.5 -> 0.
  long integer_places() const { return static_cast<long>(digits.size()) + exponent; }
};

decimal make_decimal(std::string digits, long exponent) {
  std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return decimal{};
  digits.erase(0, first);
  return decimal{std::move(digits), exponent};
}

decimal shifted(decimal d, long places) {
  if (!d.zero()) d.exponent += places;
  return d;
}

decimal add(const decimal& a, const decimal& b) {
  if (a.zero()) return b;
  if (b.zero()) return a;
  long e = std::min(a.exponent, b.exponent);
  std::string x = a.digits + std::string(static_cast<std::size_t>(a.exponent - e), '0');
  std::string y = b.digits + std::string(static_cast<std::size_t>(b.exponent - e), '0');
  if (x.size() < y.size()) std::swap(x, y);
  y.insert(0, x.size() - y.size(), '0');
  std::string sum(x.size() + 1, '0');
  int carry = 0;
  for (std::size_t i = x.size(); i-- > 0;) {
    int s = (x[i] - '0') + (y[i] - '0') + carry;
    sum[i + 1] = static_cast<char>('0' + s % 10);
    carry = s / 10;
  }
  sum[0] = static_cast<char>('0' + carry);
  return make_decimal(std::move(sum), e);
}

// The double nearest digits * 10^exponent. strtod on "digitsEexp" has no
// decimal point, so the locale cannot change its meaning.
double to_double(const decimal& d, bool* out_of_range) {
  *out_of_range = false;
  if (d.zero()) return 0;
  long e = std::max(-100000L, std::min(100000L, d.exponent));
  std::string text = d.digits + "e" + std::to_string(e);
  errno = 0;
  double v = std::strtod(text.c_str(), nullptr);
  if (std::isinf(v) || v == 0) *out_of_range = true;
  return v;
}

double power_of_ten(long exponent) {
  bool unused = false;
  return to_double(decimal{"1", exponent}, &unused);
}

text_error error_at(const char* code, std::size_t offset, std::string message) {
  return text_error{code, offset, std::move(message)};
}

std::string quoted(char32_t c) {
  std::string s = "'";
  append_utf8(s, c);
  s += "'";
  return s;
}

bool is_digit(char32_t c) {
  return c >= U'0' && c <= U'9';
}

// A run of Arabic digits as read: its value, the exponent of its precision,
// and whether it is one bare digit (for the colloquial "1万5" = 15000).
struct arabic_number {
  decimal value;
  long precision_exponent = 0;
  bool has_exponent = false;
  bool single_digit = false;
  std::size_t end = 0;
};

// Reads digits [, groups of three] [. digits] [e [+-] digits] from `pos`.
result<arabic_number> scan_arabic(const std::u32string& s, std::size_t pos, bool allow_separators) {
  std::size_t start = pos;
  std::string integer;
  std::size_t first_group = 0;
  bool grouped = false;
  while (pos < s.size() && (is_digit(s[pos]) || (allow_separators && s[pos] == U','))) {
    if (s[pos] == U',') {
      if (!grouped) first_group = integer.size();
      if (!grouped && first_group > 3) {
        return error_at("number.syntax", pos,
                        "a thousands separator ',' needs at most three digits before the first "
                        "one and groups of exactly three after it, as in \"3,584\"");
      }
      grouped = true;
      std::size_t n = 0;
      while (pos + 1 + n < s.size() && is_digit(s[pos + 1 + n])) ++n;
      if (n != 3) {
        return error_at("number.syntax", pos,
                        "a thousands separator ',' must be followed by exactly three digits, as "
                        "in \"3,584\"");
      }
      ++pos;
      continue;
    }
    integer += static_cast<char>(s[pos]);
    ++pos;
  }
  if (integer.size() > 1 && integer[0] == '0') {
    return error_at("number.syntax", start,
                    "a number cannot start with a leading zero; write \"5\" or \"0.5\"");
  }
  arabic_number out;
  std::string fraction;
  if (pos < s.size() && s[pos] == U'.') {
    std::size_t dot = pos;
    ++pos;
    while (pos < s.size() && is_digit(s[pos])) fraction += static_cast<char>(s[pos++]);
    if (fraction.empty()) {
      return error_at("number.syntax", dot,
                      "a decimal point needs digits after it; write \"4.5\" or \"4\"");
    }
    if (pos < s.size() && s[pos] == U'.') {
      return error_at("number.syntax", pos,
                      "a number has one decimal point, and this one has two; write \"1.5\", or "
                      "a range such as [1.5, 3] for two figures");
    }
  }
  long exponent = 0;
  if (pos < s.size() && (s[pos] == U'e' || s[pos] == U'E')) {
    std::size_t p = pos + 1;
    bool negative = false;
    if (p < s.size() && (s[p] == U'+' || s[p] == U'-')) negative = s[p++] == U'-';
    if (p < s.size() && is_digit(s[p])) {
      while (p < s.size() && is_digit(s[p])) {
        if (exponent < 1000000) exponent = exponent * 10 + static_cast<long>(s[p] - U'0');
        ++p;
      }
      if (negative) exponent = -exponent;
      out.has_exponent = true;
      pos = p;
    } else if (!allow_separators) {
      return error_at("number.syntax", pos, "an exponent needs digits after 'e'; write \"1.2e21\"");
    }
  }
  out.value = make_decimal(integer + fraction, exponent - static_cast<long>(fraction.size()));
  if (!fraction.empty()) {
    out.precision_exponent = exponent - static_cast<long>(fraction.size());
  } else {
    std::size_t last = integer.find_last_not_of('0');
    long trailing_zeros =
        last == std::string::npos ? 0 : static_cast<long>(integer.size() - 1 - last);
    out.precision_exponent = exponent + trailing_zeros;
  }
  out.single_digit = integer.size() == 1 && fraction.empty() && !grouped && !out.has_exponent;
  out.end = pos;
  return out;
}

enum class token_kind { arabic, digit, zero, scale, latin_scale, magnitude };

struct token {
  token_kind kind = token_kind::arabic;
  std::size_t offset = 0;
  arabic_number number;     // arabic
  int digit = 0;            // digit
  long scale_exponent = 0;  // scale, latin_scale
  char32_t character = 0;
};

const char* accepted_forms =
    "write digits with an optional scale, as in \"20000\", \"3,584\", \"4.5M\", \"2万\", "
    "\"两千亿\" or \"几十亿\"";

result<std::vector<token>> tokenize(const std::u32string& s, std::size_t start) {
  std::vector<token> tokens;
  std::size_t pos = start;
  while (pos < s.size()) {
    char32_t c = s[pos];
    token t;
    t.offset = pos;
    t.character = c;
    if (is_digit(c)) {
      auto number = scan_arabic(s, pos, true);
      if (!number) return number.error();
      t.number = *number;
      pos = number->end;
      tokens.push_back(t);
      continue;
    }
    if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) {
      std::size_t end = pos;
      std::string word;
      while (end < s.size() &&
             ((s[end] >= U'a' && s[end] <= U'z') || (s[end] >= U'A' && s[end] <= U'Z'))) {
        word += static_cast<char>(s[end++]);
      }
      t.kind = token_kind::latin_scale;
      if (word == "K" || word == "k") {
        t.scale_exponent = 3;
      } else if (word == "M") {
        t.scale_exponent = 6;
      } else if (word == "B" || word == "bn") {
        t.scale_exponent = 9;
      } else if (word == "T") {
        t.scale_exponent = 12;
      } else {
        return error_at("number.scale", pos,
                        "unknown scale '" + word +
                            "'; the scales are K or k (1e3), M (1e6), B or bn (1e9), T (1e12), "
                            "十 百 千 万/萬 亿/億");
      }
      pos = end;
      tokens.push_back(t);
      continue;
    }
    if (auto d = chinese_digit(c)) {
      t.kind = *d == 0 ? token_kind::zero : token_kind::digit;
      t.digit = *d;
    } else if (auto m = chinese_scale(c)) {
      t.kind = token_kind::scale;
      t.scale_exponent = std::lround(std::log10(*m));
    } else if (c == U'几' || c == U'幾' || c == U'数' || c == U'數') {
      t.kind = token_kind::magnitude;
    } else if (c == U'兆') {
      return error_at(
          "number.scale", pos,
          "'兆' means 1e6 in some places and 1e12 in others; write 百万 or 万亿 instead");
    } else if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u3000' ||
               c == U'\u00a0') {
      return error_at("number.syntax", pos,
                      "a value has no spaces; " + std::string(accepted_forms));
    } else if (c == U'.') {
      return error_at("number.syntax", pos,
                      "a decimal point needs a digit before it; write \"0.5\"");
    } else {
      return error_at("number.syntax", pos,
                      "unexpected " + quoted(c) + " in a value; " + std::string(accepted_forms));
    }
    tokens.push_back(t);
    ++pos;
  }
  return tokens;
}

// A parsed group: its value, the exponent of its precision, and whether it
// is one bare digit.
struct term {
  decimal value;
  long precision_exponent = 0;
  bool bare_digit = false;
};

bool is_scale(const token& t) {
  return t.kind == token_kind::scale;
}

// Chinese-style grouping: the largest scale (its last occurrence) splits the
// group into a multiplier on its left and a remainder on its right, so
// "两千三百万" = (两千三百) * 万 and "2亿5000万" = 2 * 亿 + 5000万.
result<term> parse_group(const std::vector<token>& tokens, std::size_t l, std::size_t r) {
  std::size_t k = r;
  for (std::size_t i = l; i < r; ++i) {
    if (is_scale(tokens[i]) && (k == r || tokens[i].scale_exponent >= tokens[k].scale_exponent)) {
      k = i;
    }
  }
  if (k == r) {
    if (r - l != 1) {
      return error_at("number.syntax", tokens[l + 1].offset,
                      "two numbers in a row; write one number with its scales, as in "
                      "\"一百零五\" or \"105\"");
    }
    const token& t = tokens[l];
    if (t.kind == token_kind::arabic) {
      return term{t.number.value, t.number.precision_exponent, t.number.single_digit};
    }
    if (t.kind == token_kind::digit) return term{decimal{std::to_string(t.digit), 0}, 0, true};
    return error_at("number.syntax", t.offset, "'零' stands only between two parts of a number");
  }
  const token& scale = tokens[k];
  long s = scale.scale_exponent;
  term left{decimal{"1", 0}, 0, false};
  if (k > l) {
    for (std::size_t i = l; i < k; ++i) {
      if (is_scale(tokens[i]) && (s < 4 || tokens[i].scale_exponent >= s)) {
        return error_at("number.scale", scale.offset,
                        quoted(scale.character) + " cannot follow " + quoted(tokens[i].character) +
                            "; write scales from large to small, as in \"两千三百万\"");
      }
    }
    if (tokens[l].kind == token_kind::zero) {
      return error_at("number.syntax", tokens[l].offset, "a number cannot start with '零'");
    }
    auto parsed = parse_group(tokens, l, k);
    if (!parsed) return parsed.error();
    if (parsed->value.zero()) {
      return error_at("number.syntax", tokens[l].offset,
                      "zero before a scale; write the number without it");
    }
    left = *parsed;
  }
  term out{shifted(left.value, s), left.precision_exponent + s, false};
  std::size_t right = k + 1;
  if (right == r) return out;
  bool after_zero = tokens[right].kind == token_kind::zero;
  if (after_zero) {
    ++right;
    if (right == r || tokens[right].kind == token_kind::zero) {
      return error_at("number.syntax", tokens[right - 1].offset,
                      "'零' must be followed by the rest of the number, as in \"一百零五\"");
    }
  }
  if (!after_zero && is_scale(tokens[right])) {
    return error_at("number.scale", tokens[right].offset,
                    quoted(tokens[right].character) + " cannot follow " + quoted(scale.character) +
                        " without a digit; write \"一百一十\" for 110");
  }
  auto rest = parse_group(tokens, right, r);
  if (!rest) return rest.error();
  term tail = *rest;
  if (!after_zero && tail.bare_digit) {
    // "一百五" = 150 and "1万5" = 15000: a lone digit after a scale fills the
    // next lower place.
    tail.value = shifted(tail.value, s - 1);
    tail.precision_exponent = s - 1;
  } else if (!tail.value.zero() && tail.value.integer_places() > s) {
    return error_at("number.scale", tokens[right].offset,
                    "the part after " + quoted(scale.character) +
                        " must be smaller than it, as in "
                        "\"2亿5000万\"");
  }
  out.value = add(out.value, tail.value);
  out.precision_exponent = tail.precision_exponent;
  return out;
}

result<written_number> to_written(const decimal& value, long precision_exponent, bool negative,
                                  std::size_t offset) {
  bool out_of_range = false;
  double v = to_double(value, &out_of_range);
  if (out_of_range) {
    return error_at("number.range", offset,
                    std::isinf(v) ? "the number is too large for a double (at most about 1.8e308)"
                                  : "the number is too small for a double (at least about 5e-324)");
  }
  written_number out;
  out.value = negative ? -v : v;
  out.precision = power_of_ten(precision_exponent);
  if (std::isinf(out.precision) || out.precision == 0) {
    return error_at("number.range", offset, "the precision of the number is out of range");
  }
  return out;
}

std::size_t code_points_before(std::string_view text, std::size_t byte_offset) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < byte_offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace

result<written_number> parse_number_text(std::string_view raw) {
  std::size_t bad = 0;
  auto decoded = decode_utf8(raw, &bad);
  if (!decoded) {
    return error_at("number.syntax", code_points_before(raw, bad), "invalid UTF-8 in a number");
  }
  const std::u32string& s = *decoded;
  std::size_t pos = 0;
  bool negative = false;
  if (pos < s.size() && s[pos] == U'-') {
    negative = true;
    ++pos;
  }
  if (pos >= s.size() || !is_digit(s[pos])) {
    return error_at("number.syntax", pos,
                    "a JSON number starts with a digit (or '-' and a digit), as in \"11\" or "
                    "\"4.5e6\"");
  }
  auto number = scan_arabic(s, pos, false);
  if (!number) return number.error();
  if (number->end != s.size()) {
    return error_at("number.syntax", number->end,
                    "unexpected " + quoted(s[number->end]) + " after a number");
  }
  return to_written(number->value, number->precision_exponent, negative, 0);
}

result<written_number> parse_value_string(std::string_view text) {
  std::size_t bad = 0;
  auto decoded = decode_utf8(text, &bad);
  if (!decoded) {
    return error_at("number.syntax", code_points_before(text, bad), "invalid UTF-8 in a value");
  }
  std::u32string s = *decoded;
  // Full-width forms (１２，３．５Ｋ) map one to one onto ASCII, so offsets stay.
  for (char32_t& c : s) {
    if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;
  }
  if (s.empty()) return error_at("number.syntax", 0, std::string("empty value; ") + accepted_forms);
  // "dozens" gives a magnitude, like 几十 (spec revision 2: u = 12).
  if (s == U"dozens" || s == U"Dozens") return written_number{12, 1, true};
  bool negative = false;
  std::size_t start = 0;
  if (s[0] == U'-') {
    negative = true;
    start = 1;
    if (s.size() == 1 || !is_digit(s[1])) {
      return error_at("number.syntax", 0,
                      "a sign goes only before a plain number written in digits, as in \"-3\"");
    }
  }
  auto lexed = tokenize(s, start);
  if (!lexed) return lexed.error();
  const std::vector<token>& tokens = *lexed;

  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const token& t = tokens[i];
    if (t.kind == token_kind::arabic && t.number.has_exponent && tokens.size() > 1) {
      return error_at("number.scale", tokens[i == 0 ? 1 : 0].offset,
                      "a number with an exponent takes no scale; write \"1.2e21\" or \"1.2万\"");
    }
    if (t.kind == token_kind::latin_scale &&
        (i + 1 != tokens.size() || tokens.size() != 2 || tokens[0].kind != token_kind::arabic)) {
      return error_at("number.scale", t.offset,
                      "a scale letter (K, M, B, bn, T) follows one number in digits, as in "
                      "\"4.5M\"; it does not combine with other scales");
    }
    if (t.kind == token_kind::magnitude && i != 0) {
      return error_at("number.syntax", t.offset,
                      quoted(t.character) +
                          " (an unknown digit) goes only first, as in "
                          "\"几十亿\"; for a figure like 十几 write a range");
    }
  }
  if (negative &&
      (tokens.size() > 2 || (tokens.size() == 2 && tokens[1].kind != token_kind::latin_scale))) {
    return error_at("number.syntax", 0,
                    "a sign goes only before a plain number written in digits, as in \"-3\"");
  }

  if (tokens.size() == 2 && tokens[1].kind == token_kind::latin_scale) {
    const arabic_number& n = tokens[0].number;
    long e = tokens[1].scale_exponent;
    return to_written(shifted(n.value, e), n.precision_exponent + e, negative, 0);
  }

  if (tokens[0].kind == token_kind::magnitude) {
    // "几十亿": the unknown digit sits on the smallest place its scales
    // give, so the magnitude is the product of the scales (1e9).
    if (tokens.size() == 1) {
      return error_at("number.syntax", tokens[0].offset,
                      quoted(tokens[0].character) +
                          " needs a scale after it, as in \"几十\", \"几百万\" or \"几十亿\"");
    }
    for (std::size_t i = 1; i < tokens.size(); ++i) {
      if (!is_scale(tokens[i])) {
        return error_at(
            "number.syntax", tokens[i].offset,
            "only scales may follow " + quoted(tokens[0].character) + ", as in \"几十亿\"");
      }
    }
    std::vector<token> as_digit = tokens;
    as_digit[0].kind = token_kind::digit;
    as_digit[0].digit = 1;
    auto parsed = parse_group(as_digit, 0, as_digit.size());
    if (!parsed) return parsed.error();
    auto out = to_written(parsed->value, parsed->precision_exponent, false, 0);
    if (!out) return out;
    written_number w = *out;
    w.magnitude_only = true;
    return w;
  }

  if (tokens.size() == 1 && tokens[0].kind == token_kind::zero) {
    return written_number{0, 1, false};
  }
  if (tokens[0].kind == token_kind::zero) {
    return error_at("number.syntax", tokens[0].offset, "a number cannot start with '零'");
  }
  auto parsed = parse_group(tokens, 0, tokens.size());
  if (!parsed) return parsed.error();
  return to_written(parsed->value, parsed->precision_exponent, negative, 0);
}

std::optional<int> chinese_digit(char32_t c) {
  switch (c) {
    case U'零':
    case U'〇':
      return 0;
    case U'一':
    case U'壹':
      return 1;
    case U'二':
    case U'两':
    case U'兩':
    case U'贰':
    case U'貳':
      return 2;
    case U'三':
    case U'叁':
    case U'參':
    case U'叄':
      return 3;
    case U'四':
    case U'肆':
      return 4;
    case U'五':
    case U'伍':
      return 5;
    case U'六':
    case U'陆':
    case U'陸':
      return 6;
    case U'七':
    case U'柒':
      return 7;
    case U'八':
    case U'捌':
      return 8;
    case U'九':
    case U'玖':
      return 9;
    default:
      return std::nullopt;
  }
}

std::optional<double> chinese_scale(char32_t c) {
  switch (c) {
    case U'十':
    case U'拾':
      return 10.0;
    case U'百':
    case U'佰':
      return 100.0;
    case U'千':
    case U'仟':
      return 1000.0;
    case U'万':
    case U'萬':
      return 1e4;
    case U'亿':
    case U'億':
      return 1e8;
    default:
      return std::nullopt;
  }
}

std::optional<std::u32string> decode_utf8(std::string_view text, std::size_t* bad_offset) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t i = 0;
  auto fail = [&](std::size_t at) -> std::optional<std::u32string> {
    if (bad_offset) *bad_offset = at;
    return std::nullopt;
  };
  while (i < text.size()) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out.push_back(b);
      ++i;
      continue;
    }
    std::size_t length = 0;
    char32_t c = 0;
    char32_t minimum = 0;
    if ((b & 0xE0) == 0xC0) {
      length = 2, c = b & 0x1F, minimum = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
      length = 3, c = b & 0x0F, minimum = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
      length = 4, c = b & 0x07, minimum = 0x10000;
    } else {
      return fail(i);
    }
    if (i + length > text.size()) return fail(i);
    for (std::size_t k = 1; k < length; ++k) {
      auto cont = static_cast<unsigned char>(text[i + k]);
      if ((cont & 0xC0) != 0x80) return fail(i);
      c = (c << 6) | (cont & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
    if (c < minimum || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) return fail(i);
    out.push_back(c);
    i += length;
  }
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    if (c >= 0xD800 && c <= 0xDFFF) {
      throw std::invalid_argument("append_utf8: a surrogate is not a code point");
    }
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c <= 0x10FFFF) {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    throw std::invalid_argument("append_utf8: code point past U+10FFFF");
  }
}

std::string encode_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t c : text) append_utf8(out, c);
  return out;
}

std::string format_number(double v) {
  std::string out;
  append_number(out, v);
  return out;
}

void append_number(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "nan";
    return;
  }
  if (std::isinf(v)) {
    out += v > 0 ? "inf" : "-inf";
    return;
  }
  if (v == 0) {
    out += '0';
    return;
  }
  char buffer[64];
  // An integer below 2^53 is its own shortest round-trip form (its
  // neighbours are at most 1 away), written faster as an integer.
  if (std::fabs(v) < 9007199254740992.0 && v == static_cast<double>(static_cast<long long>(v))) {
    out.append(buffer,
               std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(v)).ptr);
    return;
  }
  // Shortest round-trip digits, then our own layout: plain notation for
  // 1e-5 <= |v| < 1e16, otherwise "1.2e21" (no '+', no padded exponent).
  const char* const end =
      std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::scientific).ptr;
  const char* p = buffer;
  if (*p == '-') {
    out += '-';
    ++p;
  }
  // The significant digits without the point, then the exponent.
  char digits[32] = {};
  std::size_t count = 0;
  for (; p < end && *p != 'e'; ++p) {
    if (*p != '.') digits[count++] = *p;
  }
  ++p;  // 'e'
  const bool negative_exponent = *p == '-';
  if (*p == '-' || *p == '+') ++p;
  int exponent = 0;
  std::from_chars(p, end, exponent);
  if (negative_exponent) exponent = -exponent;
  const double magnitude = std::fabs(v);
  if (magnitude >= 1e-5 && magnitude < 1e16) {
    if (exponent < 0) {
      out += "0.";
      out.append(static_cast<std::size_t>(-exponent - 1), '0');
      out.append(digits, count);
    } else if (static_cast<std::size_t>(exponent) + 1 >= count) {
      out.append(digits, count);
      out.append(static_cast<std::size_t>(exponent) + 1 - count, '0');
    } else {
      const std::size_t whole = static_cast<std::size_t>(exponent) + 1;
      out.append(digits, whole);
      out += '.';
      out.append(digits + whole, count - whole);
    }
    return;
  }
  out += digits[0];
  if (count > 1) {
    out += '.';
    out.append(digits + 1, count - 1);
  }
  out += 'e';
  char exponent_text[16];
  out.append(exponent_text,
             std::to_chars(exponent_text, exponent_text + sizeof exponent_text, exponent).ptr);
}

}  // namespace claimcheck
