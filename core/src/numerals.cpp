// SPDX-License-Identifier: MIT
#include "claimcheck/numerals.hpp"

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
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
  // Every power of ten up to 1e22 is a double exactly, and each literal
  // below is correctly rounded, as strtod's result is: the same doubles,
  // without a string per call.
  static constexpr double exact[] = {1e-22, 1e-21, 1e-20, 1e-19, 1e-18, 1e-17, 1e-16, 1e-15, 1e-14,
                                     1e-13, 1e-12, 1e-11, 1e-10, 1e-9,  1e-8,  1e-7,  1e-6,  1e-5,
                                     1e-4,  1e-3,  1e-2,  1e-1,  1e0,   1e1,   1e2,   1e3,   1e4,
                                     1e5,   1e6,   1e7,   1e8,   1e9,   1e10,  1e11,  1e12,  1e13,
                                     1e14,  1e15,  1e16,  1e17,  1e18,  1e19,  1e20,  1e21,  1e22};
  if (exponent >= -22 && exponent <= 22) return exact[exponent + 22];
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
  bool plain = false;  // digits only: no separator, point or exponent
  int integer_digits = 0;
  std::size_t end = 0;
};

// How a numeral is read: a whole value string, strictly (a JSON number
// token, or a claim's value with its separators), or the longest numeral at
// the start of running text, which ends quietly where the numeral ends
// ("3,58" is 3 followed by text; "3." ends a sentence).
enum class reading_mode { json_token, value_string, running_text };

// Reads digits [, groups of three] [. digits] [e [+-] digits] from `pos`.
result<arabic_number> scan_arabic(const std::u32string& s, std::size_t pos, reading_mode mode) {
  const bool allow_separators = mode != reading_mode::json_token;
  const bool running = mode == reading_mode::running_text;
  std::size_t start = pos;
  std::string integer;
  std::size_t first_group = 0;
  bool grouped = false;
  while (pos < s.size() && (is_digit(s[pos]) || (allow_separators && s[pos] == U','))) {
    if (s[pos] == U',') {
      std::size_t n = 0;
      while (pos + 1 + n < s.size() && is_digit(s[pos + 1 + n])) ++n;
      if (running && (n != 3 || (!grouped && integer.size() > 3))) break;
      if (!grouped) first_group = integer.size();
      if (!grouped && first_group > 3) {
        return error_at("number.syntax", pos,
                        "a thousands separator ',' needs at most three digits before the first "
                        "one and groups of exactly three after it, as in \"3,584\"");
      }
      grouped = true;
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
  if (integer.size() > 1 && integer[0] == '0' && !running) {
    return error_at("number.syntax", start,
                    "a number cannot start with a leading zero; write \"5\" or \"0.5\"");
  }
  arabic_number out;
  std::string fraction;
  if (pos < s.size() && s[pos] == U'.' &&
      (!running || (pos + 1 < s.size() && is_digit(s[pos + 1])))) {
    std::size_t dot = pos;
    ++pos;
    while (pos < s.size() && is_digit(s[pos])) fraction += static_cast<char>(s[pos++]);
    if (fraction.empty()) {
      return error_at("number.syntax", dot,
                      "a decimal point needs digits after it; write \"4.5\" or \"4\"");
    }
    if (!running && pos < s.size() && s[pos] == U'.') {  // text: "1.5.3" is a version
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
    const std::size_t digits_start = p;
    if (p < s.size() && is_digit(s[p])) {
      while (p < s.size() && is_digit(s[p])) {
        if (exponent < 1000000) exponent = exponent * 10 + static_cast<long>(s[p] - U'0');
        ++p;
      }
      if (negative) exponent = -exponent;
      // In running text "1e5" is scientific, but "3e10x" or a run of
      // exponent digits longer than four is a name or a code.
      const bool word_follows = p < s.size() && (is_ascii_letter(s[p]) || s[p] == U'_');
      if (running && (p - digits_start > 4 || word_follows)) {
        exponent = 0;
      } else {
        out.has_exponent = true;
        pos = p;
      }
    } else if (mode == reading_mode::json_token) {
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
  out.plain = fraction.empty() && !grouped && !out.has_exponent;
  out.integer_digits = static_cast<int>(integer.size());
  out.end = pos;
  return out;
}

enum class token_kind { arabic, digit, zero, scale, latin_scale, magnitude, point };

struct token {
  token_kind kind = token_kind::arabic;
  std::size_t offset = 0;
  std::size_t end = 0;      // one past the token's last code point
  arabic_number number;     // arabic
  int digit = 0;            // digit
  long scale_exponent = 0;  // scale, latin_scale
  char32_t character = 0;
};

const char* accepted_forms =
    "write digits with an optional scale, as in \"20000\", \"3,584\", \"4.5M\", \"2万\", "
    "\"两千亿\" or \"几十亿\"";

// The Latin scale letters and words after a number in digits. Glued forms
// are case-sensitive (m and b alone would be metres and bytes... but "1.2b"
// is how headlines write billions, so b is kept and m is not); after a space
// only whole words and the unambiguous abbreviations count ("2.33 k" but
// never "5 M", which is as often metres).
struct latin_scale_entry {
  std::u32string_view word;
  long exponent;
  bool spaced;  // also read after one space
};
constexpr latin_scale_entry latin_scales[] = {
    {U"K", 3, true},         {U"k", 3, true},        {U"M", 6, false},      {U"MM", 6, true},
    {U"mil", 6, true},       {U"B", 9, false},       {U"b", 9, false},      {U"bn", 9, true},
    {U"bln", 9, true},       {U"T", 12, false},      {U"tn", 12, true},     {U"tln", 12, true},
    {U"hundred", 2, true},   {U"thousand", 3, true}, {U"million", 6, true}, {U"billion", 9, true},
    {U"trillion", 12, true},
};

std::optional<long> latin_scale(std::u32string_view word, bool spaced) {
  for (const auto& e : latin_scales) {
    if (e.word == word) {
      // The words only after a space ("3 million", not "3million").
      bool is_word = e.word.size() > 3;
      if (spaced ? e.spaced : !is_word) return e.exponent;
    }
  }
  return std::nullopt;
}

bool is_chinese_point(char32_t c) {
  return c == U'点' || c == U'點';
}

// The token of a character of a Chinese numeral: a digit or zero, a scale
// (十 百 千 万 亿 ...), 几/数 (a magnitude without a digit) or a point (点).
// False, with `t` unchanged, for any other character. Value strings and
// running text read the same characters; each decides where they may stand.
bool read_chinese_character(char32_t c, token& t) {
  if (auto d = chinese_digit(c)) {
    t.kind = *d == 0 ? token_kind::zero : token_kind::digit;
    t.digit = *d;
  } else if (auto m = chinese_scale(c)) {
    t.kind = token_kind::scale;
    t.scale_exponent = std::lround(std::log10(*m));
  } else if (c == U'几' || c == U'幾' || c == U'数' || c == U'數') {
    t.kind = token_kind::magnitude;
  } else if (is_chinese_point(c)) {
    t.kind = token_kind::point;
  } else {
    return false;
  }
  return true;
}

result<std::vector<token>> tokenize(const std::u32string& s, std::size_t start) {
  std::vector<token> tokens;
  std::size_t pos = start;
  while (pos < s.size()) {
    char32_t c = s[pos];
    token t;
    t.offset = pos;
    t.character = c;
    if (is_digit(c)) {
      auto number = scan_arabic(s, pos, reading_mode::value_string);
      if (!number) return number.error();
      t.number = *number;
      pos = number->end;
      t.end = pos;
      tokens.push_back(t);
      continue;
    }
    if (is_ascii_letter(c)) {
      std::size_t end = pos;
      std::u32string word;
      while (end < s.size() && is_ascii_letter(s[end])) word += s[end++];
      t.kind = token_kind::latin_scale;
      if (auto e = latin_scale(word, false)) {
        t.scale_exponent = *e;
      } else {
        return error_at("number.scale", pos,
                        "unknown scale '" + encode_utf8(word) +
                            "'; the scales are K or k (1e3), M, MM or mil (1e6), B, b, bn or bln "
                            "(1e9), T, tn or tln (1e12), 十 百 千 万/萬 亿/億 兆");
      }
      pos = end;
      t.end = pos;
      tokens.push_back(t);
      continue;
    }
    if (!read_chinese_character(c, t)) {
      if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u3000' || c == U'\u00a0') {
        return error_at("number.syntax", pos,
                        "a value has no spaces; " + std::string(accepted_forms));
      }
      if (c == U'.') {
        return error_at("number.syntax", pos,
                        "a decimal point needs a digit before it; write \"0.5\"");
      }
      return error_at("number.syntax", pos,
                      "unexpected " + quoted(c) + " in a value; " + std::string(accepted_forms));
    }
    ++pos;
    t.end = pos;
    tokens.push_back(t);
  }
  return tokens;
}

bool is_chinese_digit_token(const token& t) {
  return t.kind == token_kind::digit || t.kind == token_kind::zero;
}

// The tokens of the numeral at the start of running text: the same tokens
// as a value string's, taken while they can continue a numeral. The caller
// (the scanner) has already decided which characters belong to the
// numeral's run; this only stops where the grammar cannot go on.
std::vector<token> tokenize_running(const std::u32string& s) {
  std::vector<token> tokens;
  std::size_t pos = 0;
  auto after_scale_or_nothing = [&] {
    return tokens.empty() || tokens.back().kind == token_kind::scale;
  };
  while (pos < s.size()) {
    char32_t c = s[pos];
    token t;
    t.offset = pos;
    t.character = c;
    if (is_digit(c)) {
      if (!after_scale_or_nothing()) break;
      auto number = scan_arabic(s, pos, reading_mode::running_text);
      if (!number) break;
      t.number = *number;
      pos = number->end;
      t.end = pos;
      tokens.push_back(t);
      // A Latin scale glued ("175B", "1.2bn") or after one space ("3
      // million", "2.33 k") ends the numeral.
      std::size_t w = pos;
      const bool spaced = w < s.size() && s[w] == U' ';
      if (spaced) ++w;
      if (w < s.size() && is_ascii_letter(s[w])) {
        std::size_t e = w;
        while (e < s.size() && is_ascii_letter(s[e])) ++e;
        const bool word_ends = e == s.size() || !(is_digit(s[e]) || s[e] == U'_');
        const std::u32string_view word = std::u32string_view(s).substr(w, e - w);
        auto scale = latin_scale(word, spaced);
        // The SI letter G (giga) after one space, only after a figure with a
        // point or separators ("1,674.5 G"): glued or after a bare integer
        // it is far more often 5G (the network) or a grade.
        if (!scale && spaced && word == U"G" && !number->plain) scale = 9;
        if (scale && word_ends && !number->has_exponent) {
          token l;
          l.kind = token_kind::latin_scale;
          l.offset = w;
          l.end = e;
          l.scale_exponent = *scale;
          l.character = s[w];
          tokens.push_back(l);
        }
        break;
      }
      continue;
    }
    if (!read_chinese_character(c, t)) break;
    // 几/数 only begins a numeral ("几十亿").
    if (t.kind == token_kind::magnitude && !tokens.empty()) break;
    if (t.kind == token_kind::point) {
      if (tokens.empty() || pos + 1 >= s.size() || !chinese_digit(s[pos + 1]).has_value()) break;
      // "三点五", "零点零一": a decimal point in words, after Chinese
      // numerals below 万 only ("十五点七", not "三万点五").
      bool chinese_below_wan = true;
      for (const token& x : tokens) {
        if (!(is_chinese_digit_token(x) || (x.kind == token_kind::scale && x.scale_exponent < 4))) {
          chinese_below_wan = false;
        }
      }
      if (!chinese_below_wan) break;
    }
    ++pos;
    t.end = pos;
    tokens.push_back(t);
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
// "两千三百万" = (两千三百) * 万 and "2亿5000万" = 2 * 亿 + 5000万. A big
// scale written twice multiplies: 万万 = 1e8, 亿亿 = 1e16.
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
    if (t.kind == token_kind::zero) {
      return error_at("number.syntax", t.offset, "'零' stands only between two parts of a number");
    }
    return error_at("number.syntax", t.offset,
                    "unexpected " + quoted(t.character) + " in a value; " + accepted_forms);
  }
  const token& scale = tokens[k];
  long s = scale.scale_exponent;
  term left{decimal{"1", 0}, 0, false};
  if (k > l) {
    for (std::size_t i = l; i < k; ++i) {
      const bool doubled = i + 1 == k && s >= 4 && tokens[i].scale_exponent == s;
      if (is_scale(tokens[i]) && (s < 4 || tokens[i].scale_exponent >= s) && !doubled) {
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

// What a list of tokens says: the one evaluation behind both a value string
// and a numeral in running text, so that the two can never disagree.
struct evaluated {
  decimal value;
  long precision_exponent = 0;
  bool magnitude_only = false;
  bool positional = false;
};

result<evaluated> evaluate_tokens(std::vector<token> tokens, bool positional_allowed) {
  // A decimal point in words first: "三点五亿" is 3.5 亿, "零点零一" 0.01.
  for (std::size_t p = 0; p < tokens.size(); ++p) {
    if (tokens[p].kind != token_kind::point) continue;
    if (p == 0) {
      return error_at("number.syntax", tokens[p].offset,
                      "'点' needs a number before it; write \"零点五\" or \"0.5\"");
    }
    for (std::size_t i = 0; i < p; ++i) {
      if (!(is_chinese_digit_token(tokens[i]) ||
            (is_scale(tokens[i]) && tokens[i].scale_exponent < 4))) {
        return error_at("number.syntax", tokens[p].offset,
                        "'点' follows only Chinese numerals below 万; write \"三点五万\" for "
                        "35000 or \"3.5\"");
      }
    }
    decimal whole;
    if (!(p == 1 && tokens[0].kind == token_kind::zero)) {
      auto parsed = parse_group(tokens, 0, p);
      if (!parsed) return parsed.error();
      whole = parsed->value;
    }
    std::string digits;
    std::size_t q = p + 1;
    while (q < tokens.size() && is_chinese_digit_token(tokens[q])) {
      digits += static_cast<char>('0' + tokens[q].digit);
      ++q;
    }
    if (digits.empty()) {
      return error_at("number.syntax", tokens[p].offset,
                      "'点' needs digits after it, as in \"三点五\"");
    }
    const long places = static_cast<long>(digits.size());
    token number;
    number.kind = token_kind::arabic;
    number.offset = tokens[0].offset;
    number.end = tokens[q - 1].end;
    number.character = tokens[0].character;
    number.number.value = add(shifted(whole, 0), make_decimal(digits, -places));
    number.number.precision_exponent = -places;
    std::vector<token> rest{number};
    rest.insert(rest.end(), tokens.begin() + static_cast<std::ptrdiff_t>(q), tokens.end());
    tokens = std::move(rest);
    break;
  }
  if (tokens.size() == 2 && tokens[1].kind == token_kind::latin_scale &&
      tokens[0].kind == token_kind::arabic) {
    const arabic_number& n = tokens[0].number;
    long e = tokens[1].scale_exponent;
    return evaluated{shifted(n.value, e), n.precision_exponent + e, false, false};
  }
  for (const token& t : tokens) {
    if (t.kind == token_kind::latin_scale) {
      return error_at("number.scale", t.offset,
                      "a scale letter (K, M, B, bn, T) follows one number in digits, as in "
                      "\"4.5M\"; it does not combine with other scales");
    }
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
    return evaluated{parsed->value, parsed->precision_exponent, true, false};
  }
  if (tokens.size() == 1 && tokens[0].kind == token_kind::zero) return evaluated{};
  bool all_digits = tokens.size() >= 2;
  for (const token& t : tokens) all_digits = all_digits && is_chinese_digit_token(t);
  if (all_digits && positional_allowed) {
    // "二〇二三": digits read one by one, as years are written.
    std::string digits;
    for (const token& t : tokens) digits += static_cast<char>('0' + t.digit);
    std::size_t last = digits.find_last_not_of('0');
    long trailing_zeros =
        last == std::string::npos ? 0 : static_cast<long>(digits.size() - 1 - last);
    return evaluated{make_decimal(digits, 0), trailing_zeros, false, true};
  }
  if (tokens[0].kind == token_kind::zero) {
    return error_at("number.syntax", tokens[0].offset, "a number cannot start with '零'");
  }
  auto parsed = parse_group(tokens, 0, tokens.size());
  if (!parsed) return parsed.error();
  return evaluated{parsed->value, parsed->precision_exponent, false, false};
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
  auto number = scan_arabic(s, pos, reading_mode::json_token);
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
  // 半, 半百, 一打: the forms only the running reader knows, taken when they
  // are the whole value (so a claim value and the text agree on them).
  if (s.find_first_of(U"半打") != std::u32string::npos) {
    auto reading = read_numeral(s);
    if (reading && reading->length == s.size() && !reading->has_arabic) return reading->number;
  }
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

  auto evaluation = evaluate_tokens(tokens, false);
  if (!evaluation) return evaluation.error();
  auto out = to_written(evaluation->value, evaluation->precision_exponent, negative, 0);
  if (!out) return out;
  written_number w = *out;
  w.magnitude_only = evaluation->magnitude_only;
  return w;
}

namespace {

std::optional<numeral_reading> read_running_tokens(const std::u32string& s);

// The commonest numeral in running text, a plain integer in ASCII digits
// ("3584", "2023", "11 minutes"), read without tokens or decimal strings:
// the value, precision (the place of the last non-zero digit) and flags the
// general path gives, which the numeral tables check. Anything else (a
// leading zero, more than 15 digits, a separator, point, exponent, scale or
// Chinese character after the digits) takes the general path.
std::optional<numeral_reading> read_plain_integer(std::u32string_view text) {
  std::size_t n = 0;
  while (n < text.size() && text[n] >= U'0' && text[n] <= U'9') ++n;
  if (n == 0 || n > 15 || text[0] == U'0') return std::nullopt;
  if (n < text.size()) {
    // Only a word that is no Latin scale may follow, glued or after one
    // space (the scanner's run ends there); 'e' may begin an exponent.
    std::size_t w = n;
    const bool spaced = text[w] == U' ';
    if (spaced) ++w;
    if (w >= text.size() || !is_ascii_letter(text[w]) || text[n] == U'e' || text[n] == U'E') {
      return std::nullopt;
    }
    std::size_t e = w;
    while (e < text.size() && is_ascii_letter(text[e])) ++e;
    const std::u32string_view word = text.substr(w, e - w);
    if (latin_scale(word, spaced) || word == U"G") return std::nullopt;
  }
  numeral_reading r;
  double value = 0;
  long trailing_zeros = 0;
  for (std::size_t i = 0; i < n; ++i) {
    value = value * 10 + static_cast<double>(text[i] - U'0');
    trailing_zeros = text[i] == U'0' ? trailing_zeros + 1 : 0;
  }
  r.number = written_number{value, power_of_ten(trailing_zeros), false};
  r.length = n;
  r.has_arabic = true;
  r.plain_integer = true;
  r.integer_digits = static_cast<int>(n);
  return r;
}

// 半 (half) before a scale is five of the next scale down: 半百 = 五十 (50,
// as "年过半百" says), 半千 = 五百, 半万 = 五千, 半百万 = 五十万. Rewritten
// in place (one character for one, so offsets stay); false when no scale
// follows.
bool half_of_scale(std::u32string& s) {
  if (s.size() < 2) return false;
  char32_t lower = 0;
  switch (s[1]) {
    case U'百':
      lower = U'十';
      break;
    case U'佰':
      lower = U'拾';
      break;
    case U'千':
      lower = U'百';
      break;
    case U'仟':
      lower = U'佰';
      break;
    case U'万':
    case U'萬':
      lower = U'千';
      break;
    default:
      return false;
  }
  s[0] = U'五';
  s[1] = lower;
  return true;
}

// 半 alone is one half, written as exactly as 零点五: 0.5, precision 0.1.
numeral_reading half_alone() {
  numeral_reading r;
  r.number = written_number{0.5, 0.1, false};
  r.length = 1;
  r.has_chinese = true;
  return r;
}

// 打 after a small Chinese numeral is a dozen: 一打 = 12, 两打 = 24, counted
// exactly (precision 1, as "a dozen" in words).
void by_the_dozen(const std::u32string& s, numeral_reading& r) {
  if (r.length >= s.size() || s[r.length] != U'打' || r.has_arabic || r.has_scale || r.positional ||
      r.number.magnitude_only || r.number.value < 1 || r.number.value > 99 ||
      std::floor(r.number.value) != r.number.value) {
    return;
  }
  r.number = written_number{r.number.value * 12, 1, false};
  r.length += 1;
}

}  // namespace

std::optional<numeral_reading> read_numeral(std::u32string_view text) {
  if (auto plain = read_plain_integer(text)) return plain;
  // Full-width forms (１２，３．５Ｋ) map one to one onto ASCII, so offsets stay.
  std::u32string s(text);
  for (char32_t& c : s) {
    if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;
  }
  if (!s.empty() && s[0] == U'半') {
    if (!half_of_scale(s)) return half_alone();
  }
  auto reading = read_running_tokens(s);
  if (reading) by_the_dozen(s, *reading);
  return reading;
}

namespace {

std::optional<numeral_reading> read_running_tokens(const std::u32string& s) {
  const std::vector<token> tokens = tokenize_running(s);
  std::size_t count = tokens.size();
  while (count > 0) {
    const std::vector<token> prefix(tokens.begin(),
                                    tokens.begin() + static_cast<std::ptrdiff_t>(count));
    auto evaluation = evaluate_tokens(prefix, true);
    if (!evaluation) {
      // The longest prefix the grammar accepts: cut at the token the error
      // names ("一百零" is 一百 followed by 零; "2万12000" is 2万), else
      // drop the last token.
      std::size_t cut = count - 1;
      for (std::size_t i = 1; i < count; ++i) {
        if (tokens[i].offset == evaluation.error().offset) cut = i;
      }
      count = cut;
      continue;
    }
    numeral_reading r;
    r.length = prefix.back().end;
    bool out_of_range = false;
    const double value = to_double(evaluation->value, &out_of_range);
    const double precision = power_of_ten(evaluation->precision_exponent);
    r.number.value = value;
    r.number.precision = precision;
    r.number.magnitude_only = evaluation->magnitude_only;
    if (out_of_range || std::isinf(precision) || precision == 0) {
      r.out_of_range = std::isinf(value) || std::isinf(precision) ? 1 : -1;
    }
    r.positional = evaluation->positional;
    for (const token& t : prefix) {
      if (t.kind == token_kind::arabic) {
        r.has_arabic = true;
      } else if (t.kind == token_kind::latin_scale) {
        r.has_scale = true;
      } else {
        r.has_chinese = true;
        if (t.kind == token_kind::scale) r.has_scale = true;
      }
    }
    r.plain_integer = count == 1 && prefix[0].kind == token_kind::arabic && prefix[0].number.plain;
    if (prefix[0].kind == token_kind::arabic) r.integer_digits = prefix[0].number.integer_digits;
    for (std::size_t i = count; i-- > 0;) {
      if (prefix[i].kind != token_kind::scale && prefix[i].kind != token_kind::latin_scale) break;
      r.trailing_scale *= power_of_ten(prefix[i].scale_exponent);
    }
    return r;
  }
  return std::nullopt;
}

}  // namespace

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
    case U'兆':
      // 1e12, as in modern mainland and Taiwan usage ("1兆美元"); the older
      // 1e6 survives only in unit prefixes (兆瓦, 兆赫), which the scanner
      // reads as unit words before it reads a numeral.
      return 1e12;
    default:
      return std::nullopt;
  }
}

}  // namespace claimcheck

namespace claimcheck {

namespace {

struct number_word {
  std::u32string_view word;
  double value;
};

constexpr number_word small_numbers[] = {
    {U"zero", 0},     {U"one", 1},      {U"two", 2},        {U"three", 3},     {U"four", 4},
    {U"five", 5},     {U"six", 6},      {U"seven", 7},      {U"eight", 8},     {U"nine", 9},
    {U"ten", 10},     {U"eleven", 11},  {U"twelve", 12},    {U"thirteen", 13}, {U"fourteen", 14},
    {U"fifteen", 15}, {U"sixteen", 16}, {U"seventeen", 17}, {U"eighteen", 18}, {U"nineteen", 19},
    {U"twenty", 20},  {U"thirty", 30},  {U"forty", 40},     {U"fifty", 50},    {U"sixty", 60},
    {U"seventy", 70}, {U"eighty", 80},  {U"ninety", 90},
};

constexpr number_word scale_words[] = {
    {U"hundred", 1e2}, {U"thousand", 1e3},  {U"million", 1e6},
    {U"billion", 1e9}, {U"trillion", 1e12},
};

// Ordinal words; "first" and "second" are left out on purpose: in running
// text they are far more often "at first" and the unit "second" than a rank
// worth checking.
constexpr number_word ordinal_words[] = {
    {U"third", 3},       {U"fourth", 4},      {U"fifth", 5},         {U"sixth", 6},
    {U"seventh", 7},     {U"eighth", 8},      {U"ninth", 9},         {U"tenth", 10},
    {U"eleventh", 11},   {U"twelfth", 12},    {U"thirteenth", 13},   {U"fourteenth", 14},
    {U"fifteenth", 15},  {U"sixteenth", 16},  {U"seventeenth", 17},  {U"eighteenth", 18},
    {U"nineteenth", 19}, {U"twentieth", 20},  {U"thirtieth", 30},    {U"fortieth", 40},
    {U"fiftieth", 50},   {U"sixtieth", 60},   {U"seventieth", 70},   {U"eightieth", 80},
    {U"ninetieth", 90},  {U"hundredth", 100}, {U"thousandth", 1000},
};

// Denominators of fractions ("two thirds", "a fifth", "three quarters").
constexpr number_word denominators[] = {
    {U"half", 2},     {U"halves", 2}, {U"third", 3},   {U"thirds", 3},   {U"quarter", 4},
    {U"quarters", 4}, {U"fourth", 4}, {U"fourths", 4}, {U"fifth", 5},    {U"fifths", 5},
    {U"sixth", 6},    {U"sixths", 6}, {U"seventh", 7}, {U"sevenths", 7}, {U"eighth", 8},
    {U"eighths", 8},  {U"ninth", 9},  {U"ninths", 9},  {U"tenth", 10},   {U"tenths", 10},
};

std::optional<double> find_word(std::u32string_view word, const number_word* begin,
                                const number_word* end) {
  for (const number_word* w = begin; w != end; ++w) {
    if (w->word == word) return w->value;
  }
  return std::nullopt;
}

template <std::size_t N>
std::optional<double> find_word(std::u32string_view word, const number_word (&table)[N]) {
  return find_word(word, table, table + N);
}

// One word of the text: its lower-case letters and where it ends.
struct text_word {
  std::u32string lower;
  std::size_t start = 0, end = 0;
  char32_t separator = 0;  // ' ' or '-' after it, else 0
};

std::vector<text_word> words_at(std::u32string_view text, std::size_t max_words) {
  std::vector<text_word> words;
  std::size_t pos = 0;
  while (pos < text.size() && words.size() < max_words) {
    if (!is_ascii_letter(text[pos])) break;
    text_word w;
    w.start = pos;
    while (pos < text.size() && is_ascii_letter(text[pos])) {
      char32_t c = text[pos++];
      w.lower += (c >= U'A' && c <= U'Z') ? c + 32 : c;
    }
    w.end = pos;
    if (pos + 1 < text.size() && (text[pos] == U' ' || text[pos] == U'-') &&
        is_ascii_letter(text[pos + 1])) {
      w.separator = text[pos++];
    }
    words.push_back(std::move(w));
    if (words.back().separator == 0) break;
  }
  return words;
}

// The precision of a value written in words: the place of its last non-zero
// digit, as for digits ("three million" 1e6, "one hundred and six" 1,
// "two and a half million" 1e5).
double words_precision(double value) {
  if (value == 0) return 1;
  double p = 1;
  if (value != std::floor(value)) {
    while (value * (1 / p) != std::floor(value * (1 / p)) && p > 1e-6) p /= 10;
    return p;
  }
  while (std::fmod(value, p * 10) == 0) p *= 10;
  return p;
}

// The state of reading number words, word by word.
struct words_reading {
  double total = 0, group = 0;
  bool any = false;      // a number word was read
  std::size_t used = 0;  // words taken
  bool fraction = false, ordinal = false, scaled = false;
};

std::u32string_view word_at(const std::vector<text_word>& words, std::size_t i) {
  return i < words.size() ? std::u32string_view(words[i].lower) : std::u32string_view();
}

// How number words may begin with an article: "a"/"an" only before a
// scale, "dozen" or a fraction ("a million", "a dozen", "a third"), and
// "half a" before a scale or "dozen" ("half a million"). Returns the word
// to read on from (0 when there is no article), or nullopt when the article
// begins no number ("a car"); a lone fraction ("a third") is the whole
// reading, in `whole`.
std::optional<std::size_t> read_article(const std::vector<text_word>& words, words_reading& st,
                                        std::optional<numeral_reading>& whole) {
  auto word = [&](std::size_t i) { return word_at(words, i); };
  auto is_scale_word = [&](std::size_t i) { return find_word(word(i), scale_words).has_value(); };
  if ((word(0) == U"a" || word(0) == U"an") && words[0].separator == U' ') {
    if (is_scale_word(1) || word(1) == U"dozen") {
      st.group = 1;
      st.any = true;
      st.used = 1;
      return 1;
    }
    if (auto d = find_word(word(1), denominators);
        d && word(1).back() != U's' && words[1].separator != U'-') {
      numeral_reading r;
      r.number.value = 1 / *d;
      r.number.precision = r.number.value / 100;
      r.length = words[1].end;
      r.fraction = true;
      whole = r;
      return 2;
    }
    return std::nullopt;
  }
  if (word(0) == U"half" && words[0].separator == U' ' && word(1) == U"a" &&
      (is_scale_word(2) || word(2) == U"dozen")) {
    st.group = 0.5;
    st.any = true;
    st.used = 2;
    return 2;
  }
  return 0;
}

// The reading the words give, once the last one is taken.
std::optional<numeral_reading> finish_words(const std::vector<text_word>& words,
                                            const words_reading& st) {
  if (!st.any || st.used == 0) return std::nullopt;
  // "third-party", "two-thirds-majority": a rank or a fraction glued to a
  // word is part of a compound adjective, not a figure.
  if ((st.ordinal || st.fraction) && words[st.used - 1].separator == U'-') return std::nullopt;
  numeral_reading r;
  r.number.value = st.total + st.group;
  r.number.precision = st.fraction ? r.number.value / 100 : words_precision(r.number.value);
  r.length = words[st.used - 1].end;
  r.has_scale = st.scaled;
  r.fraction = st.fraction;
  r.ordinal = st.ordinal;
  r.words = true;
  r.lone_one = st.used == 1 && words[0].lower == U"one";
  return r;
}

}  // namespace

bool may_start_number_words(std::u32string_view text) {
  // The first word, lower-cased, without allocating: most words of a text
  // are not number words, and this is asked for every one of them.
  char32_t first[16];
  std::size_t n = 0;
  while (n < text.size() && n < 16 && is_ascii_letter(text[n])) {
    const char32_t c = text[n];
    first[n++] = (c >= U'A' && c <= U'Z') ? c + 32 : c;
  }
  if (n == 0 || n == 16) return false;
  const std::u32string_view word(first, n);
  if (word == U"a" || word == U"an" || word == U"half") return n < text.size() && text[n] == U' ';
  // Which lengths the number words have, by first letter: most words of a
  // text ("AIGC", "ChatGPT") match no entry in either, and are turned away
  // without a search of the tables.
  static const auto lengths_by_letter = [] {
    std::array<std::uint32_t, 26> lengths{};
    auto add = [&lengths](const auto& table) {
      for (const number_word& w : table)
        lengths[w.word[0] - U'a'] |= std::uint32_t{1} << w.word.size();
    };
    add(small_numbers);
    add(scale_words);
    add(ordinal_words);
    return lengths;
  }();
  if (((lengths_by_letter[word[0] - U'a'] >> n) & 1) == 0) return false;
  return find_word(word, small_numbers).has_value() || find_word(word, scale_words).has_value() ||
         find_word(word, ordinal_words).has_value();
}

std::optional<numeral_reading> read_number_words(std::u32string_view text) {
  if (!may_start_number_words(text)) return std::nullopt;
  const std::vector<text_word> words = words_at(text, 12);
  if (words.empty()) return std::nullopt;
  words_reading st;
  std::optional<numeral_reading> whole;
  const auto first = read_article(words, st, whole);
  if (whole) return whole;
  if (!first) return std::nullopt;
  double& total = st.total;
  double& group = st.group;
  bool& any = st.any;
  std::size_t& used = st.used;
  bool &fraction = st.fraction, &ordinal = st.ordinal, &scaled = st.scaled;
  std::size_t k = *first;
  auto word = [&](std::size_t i) { return word_at(words, i); };
  for (; k < words.size(); ++k) {
    const std::u32string_view w = word(k);
    const bool hyphen_before = k > 0 && words[k - 1].separator == U'-';
    if (auto v = find_word(w, small_numbers)) {
      // "twenty-one", "one hundred and six": a unit after tens or after
      // "and"; never two units in a row ("one two").
      const bool after_tens =
          any && std::fmod(group, 100) >= 20 && std::fmod(group, 10) == 0 && *v < 10 && used == k;
      const bool starts_group = !any || (used == k && std::fmod(group, 100) == 0 && !hyphen_before);
      if (!(after_tens || starts_group)) break;
      if (hyphen_before && !after_tens) break;
      group += *v;
      any = true;
      used = k + 1;
      continue;
    }
    if (hyphen_before && any && std::fmod(group, 10) == 0 && group >= 20) {
      // "twenty-first": a compound ordinal.
      if (auto o = find_word(w, ordinal_words); o && *o < 10) {
        group += *o;
        ordinal = true;
        used = k + 1;
        break;
      }
      if (w == U"first" || w == U"second") {
        group += w == U"first" ? 1 : 2;
        ordinal = true;
        used = k + 1;
        break;
      }
    }
    if (!any) {
      if (auto o = find_word(w, ordinal_words)) {
        group = *o;
        ordinal = true;
        any = true;
        used = k + 1;
      }
      break;
    }
    if (used != k) break;
    if (w == U"hundred") {
      if (std::fmod(group, 1000) >= 100 || group == 0) break;
      group *= 100;
      scaled = true;
      used = k + 1;
      continue;
    }
    if (auto s = find_word(w, scale_words)) {
      total += group * *s;
      group = 0;
      scaled = true;
      used = k + 1;
      continue;
    }
    if (w == U"dozen" && group > 0 && group < 100) {
      group *= 12;
      used = k + 1;
      continue;
    }
    if (w == U"and") {
      // "one hundred and six"; "one and a half", "two and a half million".
      if (word(k + 1) == U"a" && word(k + 2) == U"half" && group > 0 && group < 100 &&
          std::fmod(group, 1) == 0 && total == 0) {
        group += 0.5;
        used = k + 3;
        k += 2;
        if (auto s = find_word(word(k + 1), scale_words); s && words[k].separator == U' ') {
          total += group * *s;
          group = 0;
          scaled = true;
          used = k + 2;
        }
        break;
      }
      if (auto next = find_word(word(k + 1), small_numbers); next && (scaled || total > 0)) {
        group += *next;
        used = k + 2;
        ++k;
        continue;
      }
      break;
    }
    if (auto d = find_word(w, denominators);
        d && total == 0 && group >= 1 && group < 10 && !hyphen_before) {
      // "two thirds", "three quarters", "one fifth" (singular after one).
      const bool plural = w.back() == U's';
      if (plural == (group > 1) && *d != 2) {
        group = group / *d;
        fraction = true;
        used = k + 1;
      } else if (w == U"half" && group == 1) {
        group = 0.5;
        fraction = true;
        used = k + 1;
      }
      break;
    }
    break;
  }
  return finish_words(words, st);
}

}  // namespace claimcheck
