// SPDX-License-Identifier: MIT
// Tests of numerals.hpp: "2万" == {20000, precision 10000}, and every other
// written form of the spec, good and bad.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "claimcheck/interval.hpp"
#include "claimcheck/numerals.hpp"
#include "claimcheck/text.hpp"
#include "numeral_cases.hpp"

using claimcheck::nearly_equal;

namespace {

struct good_case {
  const char* text;
  double value;
  double precision;
  bool magnitude_only = false;
};

struct bad_case {
  const char* text;
  const char* code;
  std::size_t offset;
  const char* fragment;  // a piece of the message that says what to write
};

}  // namespace

TEST_CASE("A JSON number token keeps its value and the precision it was written with") {
  const std::vector<good_case> cases = {
      {"11", 11, 1},
      {"20000", 20000, 1e4},
      {"4.5e6", 4.5e6, 1e5},
      {"1.50", 1.5, 0.01},
      {"1.2e21", 1.2e21, 1e20},
      {"0", 0, 1},
      {"0.0", 0, 0.1},
      {"-3", -3, 1},
      {"10.94", 10.94, 0.01},
      {"3584", 3584, 1},
      {"1E+3", 1000, 1000},
      {"2.5e-3", 0.0025, 1e-4},
      {"1e-300", 1e-300, 1e-300},
      {"100", 100, 100},
      {"0.1", 0.1, 0.1},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto parsed = claimcheck::parse_number_text(c.text);
    REQUIRE(parsed.ok());
    CHECK(parsed->value == c.value);  // one correctly rounded conversion: exact
    CHECK(parsed->precision == c.precision);
    CHECK_FALSE(parsed->magnitude_only);
  }
}

TEST_CASE("A bad JSON number token is an error with its code and offset") {
  const std::vector<bad_case> cases = {
      {"1e400", "number.range", 0, "too large"},
      {"-1e400", "number.range", 0, "too large"},
      {"1e-400", "number.range", 0, "too small"},
      {"", "number.syntax", 0, "starts with a digit"},
      {"-", "number.syntax", 1, "starts with a digit"},
      {"+1", "number.syntax", 0, "starts with a digit"},
      {"01", "number.syntax", 0, "leading zero"},
      {"1.", "number.syntax", 1, "digits after it"},
      {"1e", "number.syntax", 1, "exponent"},
      {"1,000", "number.syntax", 1, "after a number"},
      {"12x", "number.syntax", 2, "after a number"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto parsed = claimcheck::parse_number_text(c.text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == c.code);
    CHECK(parsed.error().offset == c.offset);
    CHECK_THAT(parsed.error().message, Catch::Matchers::Contains(c.fragment));
  }
}

TEST_CASE("Value strings in digits, scales and Chinese numerals give value and precision") {
  const auto& cases = numeral_value_cases();
  for (const auto& c : cases) {
    INFO(c.text);
    auto parsed = claimcheck::parse_value_string(c.text);
    REQUIRE(parsed.ok());
    CHECK(parsed->value == c.value);  // one correctly rounded conversion: exact
    CHECK(parsed->precision == c.precision);
    CHECK(parsed->magnitude_only == c.magnitude_only);
  }
}

TEST_CASE("Bad value strings are errors with a code, a code-point offset and advice") {
  const std::vector<bad_case> cases = {
      {"", "number.syntax", 0, "empty value"},
      {" 20000", "number.syntax", 0, "no spaces"},
      {"20000 ", "number.syntax", 5, "no spaces"},
      {"4.5 M", "number.syntax", 3, "no spaces"},
      {"3,58", "number.syntax", 1, "exactly three digits"},
      {"3,5844", "number.syntax", 1, "exactly three digits"},
      {"3584,000", "number.syntax", 4, "at most three digits"},
      {"1,000.5,0", "number.syntax", 7, "unexpected ','"},
      {",5", "number.syntax", 0, "unexpected ','"},
      {"05", "number.syntax", 0, "leading zero"},
      {".5", "number.syntax", 0, "0.5"},
      {"5.", "number.syntax", 1, "digits after it"},
      {"1.5.3", "number.syntax", 3, "has two"},
      {"1.5.3万", "number.syntax", 3, "one decimal point"},
      {"dozen", "number.scale", 0, ""},
      {"+5", "number.syntax", 0, "unexpected '+'"},
      {"-", "number.syntax", 0, "sign"},
      {"-2万", "number.syntax", 0, "sign"},
      {"-两千", "number.syntax", 0, "sign"},
      {"4.5m", "number.scale", 3, "unknown scale 'm'"},
      {"4.5Mn", "number.scale", 3, "unknown scale 'Mn'"},
      {"2x", "number.scale", 1, "unknown scale 'x'"},
      {"12e", "number.scale", 2, "unknown scale 'e'"},
      {"1.2e3万", "number.scale", 5, "exponent takes no scale"},
      {"2万K", "number.scale", 2, "does not combine"},
      {"K", "number.scale", 0, "does not combine"},
      {"4.5MK", "number.scale", 3, "unknown scale 'MK'"},
      {"1e400", "number.range", 0, "too large"},
      {"1e-400", "number.range", 0, "too small"},
      {"百十", "number.scale", 1, "cannot follow"},
      {"一百千", "number.scale", 2, "cannot follow"},
      {"一百十", "number.scale", 2, "一百一十"},
      {"一亿二亿", "number.scale", 3, "cannot follow"},
      {"2万12000", "number.scale", 2, "smaller than"},
      {"一二", "number.syntax", 1, "two numbers in a row"},
      {"12三", "number.syntax", 2, "two numbers in a row"},
      {"一百零", "number.syntax", 2, "零"},
      {"一百零零五", "number.syntax", 2, "零"},
      {"零五", "number.syntax", 0, "零"},
      {"0万", "number.syntax", 0, "zero before a scale"},
      {"十几", "number.syntax", 1, "range"},
      {"几", "number.syntax", 0, "needs a scale"},
      {"几十五", "number.syntax", 2, "only scales"},
      {"兆瓦", "number.syntax", 1, "unexpected '瓦'"},
      {"三万点五", "number.syntax", 2, "below 万"},
      {"点五", "number.syntax", 0, "needs a number before it"},
      {"2美元", "number.syntax", 1, "unexpected '美'"},
      {"约2万", "number.syntax", 0, "unexpected '约'"},
      {"二〇二三", "number.syntax", 1, "two numbers in a row"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto parsed = claimcheck::parse_value_string(c.text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == c.code);
    CHECK(parsed.error().offset == c.offset);
    CHECK_THAT(parsed.error().message, Catch::Matchers::Contains(c.fragment));
  }
}

TEST_CASE("Invalid UTF-8 in a value string is a syntax error at the code point where it starts") {
  auto parsed = claimcheck::parse_value_string(std::string("2万\xff", 5));
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().code == "number.syntax");
  CHECK(parsed.error().offset == 2);
  CHECK_THAT(parsed.error().message, Catch::Matchers::Contains("UTF-8"));
}

TEST_CASE(
    "Chinese digits and scales are known in their simplified, traditional and capital forms") {
  const std::vector<std::pair<char32_t, int>> digits = {
      {U'零', 0}, {U'〇', 0}, {U'一', 1}, {U'壹', 1}, {U'二', 2}, {U'两', 2}, {U'兩', 2},
      {U'贰', 2}, {U'貳', 2}, {U'三', 3}, {U'叁', 3}, {U'參', 3}, {U'四', 4}, {U'肆', 4},
      {U'五', 5}, {U'伍', 5}, {U'六', 6}, {U'陆', 6}, {U'陸', 6}, {U'七', 7}, {U'柒', 7},
      {U'八', 8}, {U'捌', 8}, {U'九', 9}, {U'玖', 9}};
  for (const auto& [c, d] : digits) {
    INFO(static_cast<unsigned>(c));
    CHECK(claimcheck::chinese_digit(c) == d);
  }
  const std::vector<std::pair<char32_t, double>> scales = {
      {U'十', 10},   {U'拾', 10},  {U'百', 100}, {U'佰', 100}, {U'千', 1000},
      {U'仟', 1000}, {U'万', 1e4}, {U'萬', 1e4}, {U'亿', 1e8}, {U'億', 1e8}};
  for (const auto& [c, m] : scales) {
    INFO(static_cast<unsigned>(c));
    CHECK(claimcheck::chinese_scale(c) == m);
  }
  CHECK_FALSE(claimcheck::chinese_digit(U'十'));
  CHECK_FALSE(claimcheck::chinese_digit(U'a'));
  CHECK_FALSE(claimcheck::chinese_scale(U'一'));
  CHECK(claimcheck::chinese_scale(U'兆') == 1e12);
}

TEST_CASE("dozens is a magnitude of 12, so several gives 24 to 120 (revision 2)") {
  for (const char* text : {"dozens", "Dozens"}) {
    INFO(text);
    auto parsed = claimcheck::parse_value_string(text);
    REQUIRE(parsed.ok());
    CHECK(parsed->value == 12);
    CHECK(parsed->magnitude_only);
  }
}

TEST_CASE("Every number word starts number words in any case, and words of its shape do not") {
  // may_start_number_words turns a word away by its first letter and length
  // before it searches the tables: every table word must still pass, and
  // words that share a table word's letter and length must not.
  struct word_case {
    std::u32string text;  // the word as read; a scale word reads after "one"
    double value;
  };
  const std::vector<word_case> words = {
      {U"zero", 0},
      {U"one", 1},
      {U"seven", 7},
      {U"eleven", 11},
      {U"seventeen", 17},
      {U"nineteen", 19},
      {U"twenty", 20},
      {U"ninety", 90},
      {U"one hundred", 1e2},
      {U"one thousand", 1e3},
      {U"one million", 1e6},
      {U"one billion", 1e9},
      {U"one trillion", 1e12},
      {U"third", 3},
      {U"twelfth", 12},
      {U"seventeenth", 17},
      {U"thousandth", 1e3},
      {U"Twenty", 20},
      {U"one MILLION", 1e6},
      {U"Eighteenth", 18},
  };
  for (const auto& w : words) {
    CAPTURE(claimcheck::encode_utf8(w.text));
    const std::u32string word = w.text.substr(w.text.rfind(U' ') + 1);
    CHECK(claimcheck::may_start_number_words(word + U" people"));
    auto reading = claimcheck::read_number_words(w.text + U" people");
    REQUIRE(reading);
    CHECK(reading->number.value == w.value);
  }
  for (std::u32string word : {U"zeta", U"onx", U"sevens", U"tent", U"thirds", U"millions", U"AIGC",
                              U"ChatGPT", U"hundredths", U"x", U"z"}) {
    CAPTURE(claimcheck::encode_utf8(word));
    CHECK_FALSE(claimcheck::may_start_number_words(word + U" people"));
  }
  // The articles and "half" start number words only before a space.
  CHECK(claimcheck::may_start_number_words(U"a million"));
  CHECK(claimcheck::may_start_number_words(U"half a dozen"));
  CHECK_FALSE(claimcheck::may_start_number_words(U"an"));
}
