// SPDX-License-Identifier: MIT
// Numbers as people write them: digits, separators, scales, Chinese numerals,
// keeping the precision as written.
//
// Example: parse_value_string("2万") == {20000, precision 10000};
//          parse_value_string("两千亿") == {2e11, precision 1e11};
//          parse_number_text("4.5e6") == {4.5e6, precision 1e5}.
//
// Precision is the place value of the last non-zero digit, or of the last
// written digit after a decimal point ("1.50" -> 0.01). A stated figure
// stands for the interval [v - p/2, v + p/2] (see quantity.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "claimcheck/diagnostic.hpp"
#include "claimcheck/text.hpp"  // code points in, and decode_utf8 for every caller

namespace claimcheck {

struct written_number {
  double value = 0;
  double precision = 1;
  // "几十亿", "数十", "幾十億": only a magnitude is given (value holds it,
  // 1e9 for 几十亿); such a value needs qualifier `several`.
  bool magnitude_only = false;
};

// The raw text of a JSON number token ("11", "4.5e6", "1.50", "-3").
// Errors: number.syntax, number.range (overflow to infinity, e.g. 1e400).
result<written_number> parse_number_text(std::string_view raw);

// A value string: "20000", "2万", "450萬", "2000亿", "两千亿", "兩千億",
// "175B", "4.5M", "4.5bn", "3,584", "1.2e21", "１２" (full-width), "几十亿",
// "三点五亿", "1兆".
// Scales: K/k 1e3, M/MM/mil 1e6, B/b/bn/bln 1e9, T/tn/tln 1e12, 十 百 千
// 万/萬 亿/億, 兆 1e12 (modern mainland and Taiwan usage; 兆 as 1e6 lives
// on only in unit prefixes such as 兆瓦, which are unit words, not values).
// A big scale written twice multiplies: 万万 1e8, 亿亿 1e16.
// Errors with the code-point offset: number.syntax, number.scale,
// number.range.
//
// Details: full-width forms (U+FF01..FF5E) read as ASCII; ',' separates
// groups of exactly three digits; '-' only before a number in digits (with
// an optional K/M/B/bn/T); a Latin scale combines with nothing else; digits
// mix with Chinese scales ("2亿5000万", "1.5万"); a lone digit after a scale
// fills the next lower place ("一百五" = 150, "1万5" = 15000), after 零 it
// does not ("一百零五" = 105); 点/點 is a decimal point after Chinese
// numerals below 万 ("零点零一", "十五点七", "三点五亿"); no spaces.
result<written_number> parse_value_string(std::string_view text);

// The numeral at the start of running text, read by the same grammar and
// the same evaluation as parse_value_string (so a figure and the claim value
// written from it always agree), but ending quietly where the numeral ends
// instead of failing: "一百零一人" reads 一百零一 (101), "2万5千元" 25000,
// "3,58" reads 3, "2023年" reads 2023.
//
// What only running text has: digits without scales read one by one
// ("二〇二三" = 2023); a Latin scale word after one space ("3 million",
// "322 hundred", "2.33 k"). The caller decides which characters belong to
// the run (the scanner leaves out 千 of 千克, a space before 万); signs,
// hedges and units are the caller's too.
struct numeral_reading {
  written_number number;
  std::size_t length = 0;  // code points read
  bool has_arabic = false;
  bool has_chinese = false;
  bool has_scale = false;      // a Chinese or Latin scale
  bool plain_integer = false;  // digits only: no separator, point, exponent or scale
  int integer_digits = 0;      // integer digits of a leading number in digits
  bool positional = false;     // Chinese digits read one by one
  double trailing_scale = 1;   // scales after the last digit: "40亿" -> 1e8
  int out_of_range = 0;        // 1 too large for a double, -1 too small
  // Read from English words (read_number_words):
  bool words = false;
  bool fraction = false;  // "two thirds": the value is exact, precision a hundredth of it
  bool ordinal = false;   // "third", "twenty-first": a rank, never a quantity
  bool lone_one = false;  // the single word "one" ("one of the", "no one")
};
std::optional<numeral_reading> read_numeral(std::u32string_view text);

// English number words at the start of running text, case ignored:
// cardinals to the trillions with "and" and hyphens ("one hundred and six",
// "twenty-one", "three million"), "a"/"one" + scale ("a million"), dozens
// ("a dozen" 12, "half a dozen" 6), fractions ("two thirds", "a fifth",
// "three quarters", "a half", "one and a half" 1.5) and ordinal words from
// "third" on ("twenty-first"; "first" and "second" are left to the text).
// Words are separated by one space or a hyphen; the reading ends at the
// first word that cannot continue the number.
std::optional<numeral_reading> read_number_words(std::u32string_view text);
// Whether the first word of `text` can begin English number words: a cheap
// test without allocation, asked for every word of a text.
bool may_start_number_words(std::u32string_view text);

// The value of one Chinese numeral character (一 -> 1, 两/兩 -> 2, 零 -> 0,
// capital 壹 贰/貳 ... too), or nullopt.
std::optional<int> chinese_digit(char32_t c);
// The multiplier of a Chinese scale character (十 10, 百 100, 千 1e3,
// 万/萬 1e4, 亿/億 1e8, 兆 1e12; capital 拾 佰 仟), or nullopt.
std::optional<double> chinese_scale(char32_t c);

}  // namespace claimcheck
