// SPDX-License-Identifier: MIT
// The text toolkit (text.hpp): one UTF-8 decoder with one bad-byte policy,
// character classes, suggestions, the machine number format, quote folding
// and clipped echoes.
#include "claimcheck/text.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

TEST_CASE("Strict UTF-8 decoding reports the byte offset of the first bad byte") {
  struct utf8_case {
    std::string bytes;
    bool ok;
    std::size_t bad_offset;
  };
  const std::vector<utf8_case> cases = {
      {"abc", true, 0},
      {"万", true, 0},
      {"\xF0\x9F\x98\x80", true, 0},       // U+1F600
      {"a\xC0\xAF", false, 1},             // overlong '/'
      {"\xE0\x80\xAF", false, 0},          // overlong, three bytes
      {"ab\xED\xA0\x80", false, 2},        // surrogate U+D800
      {"\xF4\x90\x80\x80", false, 0},      // U+110000
      {"x\xE4\xB8", false, 1},             // truncated
      {"\x80", false, 0},                  // lone continuation byte
      {"\xE4\x41\x41", false, 0},          // continuation missing
      {"\xF8\x88\x80\x80\x80", false, 0},  // five-byte form
  };
  for (const auto& c : cases) {
    INFO(c.bytes);
    std::size_t bad = 99;
    auto decoded = claimcheck::decode_utf8(c.bytes, &bad);
    CHECK(decoded.has_value() == c.ok);
    // is_utf8 answers the same, whether the bad byte sits in the first word
    // it reads or after ASCII words it skips whole.
    CHECK(claimcheck::is_utf8(c.bytes) == c.ok);
    CHECK(claimcheck::is_utf8("0123456789abcdef" + c.bytes + "0123456789") == c.ok);
    CHECK(claimcheck::is_utf8("0123456" + c.bytes) == c.ok);
    if (c.ok) {
      CHECK(claimcheck::encode_utf8(*decoded) == c.bytes);
    } else {
      CHECK(bad == c.bad_offset);
    }
  }
  CHECK(claimcheck::decode_utf8("两千亿") == std::u32string(U"两千亿"));
}

TEST_CASE("Encoding a code point that is not one is a broken invariant") {
  std::string out;
  CHECK_THROWS_AS(claimcheck::append_utf8(out, 0xD800), std::invalid_argument);
  CHECK_THROWS_AS(claimcheck::append_utf8(out, 0x110000), std::invalid_argument);
  claimcheck::append_utf8(out, U'€');
  CHECK(out == "\xE2\x82\xAC");
}

TEST_CASE("Numbers are formatted as the shortest text that reads back the same") {
  const std::vector<std::pair<double, const char*>> cases = {
      {20000, "20000"},
      {0.5, "0.5"},
      {1.2e21, "1.2e21"},
      {0, "0"},
      {-3, "-3"},
      {10.94, "10.94"},
      {0.1, "0.1"},
      {1e16, "1e16"},
      {9999999999999998, "9999999999999998"},
      {1e-5, "0.00001"},
      {1.5e-6, "1.5e-6"},
      {37632, "37632"},
      {123.456, "123.456"},
      {-2.5e-7, "-2.5e-7"},
      {1.7976931348623157e308, "1.7976931348623157e308"},
      {std::numeric_limits<double>::infinity(), "inf"},
      {-std::numeric_limits<double>::infinity(), "-inf"},
  };
  for (const auto& [v, text] : cases) {
    INFO(text);
    CHECK(claimcheck::format_number(v) == text);
  }
  // Round trip over awkward values.
  for (double v : {0.1 + 0.2, 1.0 / 3.0, 2.0 / 3.0 * 1e20, 5e-324, 123456789.123456789}) {
    std::string text = claimcheck::format_number(v);
    INFO(text);
    if (v < 1e-300) {
      CHECK(text == "5e-324");
    } else {
      CHECK(std::strtod(text.c_str(), nullptr) == v);
    }
  }
}

TEST_CASE("the shortest layout is the shorter of plain and scientific, as to_chars measures") {
  using claimcheck::number_layout;
  const std::vector<std::pair<double, std::string>> cases = {
      {0, "0"},
      {1, "1"},
      {12000, "12000"},
      {100000, "1e5"},     // "100000" is longer than "1e+05"
      {120000, "120000"},  // "120000" is shorter than "1.2e+05"
      {1e6, "1e6"},
      {1200000, "1200000"},
      {2.5e10, "2.5e10"},
      {1.75e11, "1.75e11"},
      {3.135e23, "3.135e23"},
      {0.5, "0.5"},
      {0.0001, "1e-4"},  // "0.0001" is longer than "1e-04"
      {0.00001, "1e-5"},
      {0.000123, "0.000123"},
      {-2.5e-7, "-2.5e-7"},
      {123.456, "123.456"},
      {1e100, "1e100"},
      {std::numeric_limits<double>::infinity(), "inf"},
  };
  for (const auto& [v, text] : cases) {
    INFO(text);
    CHECK(claimcheck::format_number(v, number_layout::shortest) == text);
  }
  // std::to_chars's choice, with its '+' and exponent padding taken out, on
  // numbers of every size and length of digits.
  auto to_chars_choice = [](double v) {
    char buffer[64];
    std::string text(buffer, std::to_chars(buffer, buffer + sizeof buffer, v).ptr);
    const auto e = text.find('e');
    if (e == std::string::npos) return text;
    std::string exponent = text.substr(e + 1);
    const bool negative = exponent[0] == '-';
    exponent.erase(0, 1);
    exponent.erase(0, std::min(exponent.find_first_not_of('0'), exponent.size() - 1));
    return text.substr(0, e) + "e" + (negative ? "-" : "") + exponent;
  };
  std::uint64_t state = 0x9E3779B97F4A7C15u;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (int i = 0; i < 20000; ++i) {
    const int digits = 1 + static_cast<int>(next() % 17);
    double mantissa = static_cast<double>(next() % 1000000000000000000u);
    mantissa = std::floor(mantissa / std::pow(10.0, 18 - digits));
    const double v = (mantissa + 1) * std::pow(10.0, static_cast<int>(next() % 60) - 30);
    const std::string ours = claimcheck::format_number(v, number_layout::shortest);
    const std::string theirs = to_chars_choice(v);
    INFO(ours << " against " << theirs);
    // The same layout and length, and the same double read back. Not always
    // the same digits: to_chars writes an integer at or above 2^53 in plain
    // notation with all its exact digits ("830679867676184192"), where the
    // shortest digits that read back suffice ("830679867676184200").
    REQUIRE(ours.size() == theirs.size());
    REQUIRE((ours.find('e') == std::string::npos) == (theirs.find('e') == std::string::npos));
    REQUIRE(std::strtod(ours.c_str(), nullptr) == v);
    if (std::fabs(v) < 9007199254740992.0) REQUIRE(ours == theirs);
  }
}

TEST_CASE("edit distance counts insertions deletions substitutions and swaps") {
  struct row {
    std::string a;
    std::string b;
    std::size_t distance;
  };
  const std::vector<row> rows = {
      {"", "", 0},
      {"GPU", "GPU", 0},
      {"GPUs", "GPU", 1},
      {"GPU", "GPX", 1},
      {"token", "toekn", 1},
      {"", "abc", 3},
      {"kitten", "sitting", 3},
      {"\u00B5s", "us", 1},
      {"\u4E07", "\u842C", 1},
  };
  for (const row& r : rows) {
    INFO(r.a << " vs " << r.b);
    CHECK(claimcheck::edit_distance(r.a, r.b) == r.distance);
    CHECK(claimcheck::edit_distance(r.b, r.a) == r.distance);
  }
}

TEST_CASE("nearest_name suggests a close candidate or nothing") {
  const std::vector<std::string> ids = {"coreweave.gpus", "coreweave.cost", "gpt3.train_compute"};
  CHECK(claimcheck::nearest_name("coreweave.gpu", ids) == "coreweave.gpus");
  CHECK(claimcheck::nearest_name("coreweave.cots", ids) == "coreweave.cost");
  CHECK(claimcheck::nearest_name("gpt3.train_compte", ids) == "gpt3.train_compute");
  CHECK(claimcheck::nearest_name("h100.peak", ids).empty());
  CHECK(claimcheck::nearest_name("x", {"s", "h"}).empty());
  CHECK(claimcheck::nearest_name("Gpu", {"GPU", "Gpx"}) == "GPU");
  CHECK(claimcheck::nearest_name("GPU", {"GPU"}).empty());
  CHECK(claimcheck::nearest_name("anything", {}).empty());
}

TEST_CASE("A bad position is one U+FFFD, and the byte after it is read afresh") {
  struct row {
    std::string bytes;
    std::u32string replaced;  // decode_utf8_replacing
  };
  const std::vector<row> rows = {
      {"abc", U"abc"},
      {"a\xC0\xAF", U"a\uFFFD\uFFFD"},            // overlong: both bytes are bad
      {"\xED\xA0\x80x", U"\uFFFD\uFFFD\uFFFDx"},  // a surrogate
      {"x\xE4\xB8", U"x\uFFFD"},                  // cut short at the end: one position
      {"\xE4\x41\x41", U"\uFFFDAA"},              // the A after the bad lead is an A
      {"\x80万", U"\uFFFD万"},
      {"\xFF", U"\uFFFD"},
  };
  for (const row& r : rows) {
    INFO(r.bytes);
    CHECK(claimcheck::decode_utf8_replacing(r.bytes) == r.replaced);
    CHECK(claimcheck::code_point_count(r.bytes) == r.replaced.size());
    // The strict decoder refuses exactly the texts with a bad byte.
    CHECK(claimcheck::decode_utf8(r.bytes).has_value() ==
          (r.replaced.find(U'\uFFFD') == std::u32string::npos));
  }
  const auto at = claimcheck::decode_at("\xE4\xB8\x87", 0);
  CHECK(at.value == U'万');
  CHECK(at.length == 3);
  CHECK(at.valid);
  const auto bad = claimcheck::decode_at("\xE4\xB8", 0);
  CHECK(bad.value == U'\uFFFD');
  CHECK(bad.length == 2);  // the maximal subpart: E4 B8 could begin a character
  CHECK_FALSE(bad.valid);
  CHECK(claimcheck::well_formed_utf8("a\xFF"
                                     "b\xE4\xB8\x87") == "a\uFFFDb万");
}

TEST_CASE("Character classes") {
  CHECK(claimcheck::is_white_space(U'\u3000'));
  CHECK(claimcheck::is_white_space(U'\u00A0'));
  CHECK(claimcheck::is_white_space(U'\u2009'));
  CHECK_FALSE(claimcheck::is_white_space(U'x'));
  CHECK(claimcheck::is_han(U'網'));
  CHECK(claimcheck::is_han(U'〇'));
  CHECK_FALSE(claimcheck::is_han(U'，'));
  CHECK(claimcheck::is_latin_letter(U'ǎ'));
  CHECK_FALSE(claimcheck::is_latin_letter(U'×'));
  CHECK(claimcheck::is_ascii_word(U'_'));
  CHECK_FALSE(claimcheck::is_ascii_word(U'-'));
  CHECK(claimcheck::ascii_lower("GPU-Hours 萬") == "gpu-hours 萬");
  CHECK(claimcheck::fold_punctuation_width(U'，') == U',');
  CHECK(claimcheck::fold_punctuation_width(U'１') == U'１');
}

TEST_CASE("nearest_names ranks every candidate by edit distance") {
  const std::vector<std::string> ids = {"gpt3.cost", "gpt3.params", "h100.tflops", "gpt3.costs"};
  CHECK(claimcheck::nearest_names("gpt3.cots", ids, 2) ==
        std::vector<std::string>{"gpt3.cost", "gpt3.costs"});
  CHECK(claimcheck::nearest_names("x", ids, 9).size() == ids.size());
  CHECK(claimcheck::nearest_names("x", {}, 3).empty());
}

TEST_CASE("Echoes of input are cut at a hundred characters") {
  CHECK(claimcheck::clip_echo("short") == "short");
  const std::string hundred(100, '7');
  CHECK(claimcheck::clip_echo(hundred) == hundred);
  CHECK(claimcheck::clip_echo(hundred + "8") == hundred + "… (101 bytes)");
  const std::string ten_megabytes(10 << 20, '9');
  CHECK(claimcheck::clip_echo(ten_megabytes) == std::string(100, '9') + "… (10485760 bytes)");
  // Code points, never a partial character.
  std::string chinese;
  for (int i = 0; i < 150; ++i) chinese += "萬";
  std::string expected;
  for (int i = 0; i < 100; ++i) expected += "萬";
  CHECK(claimcheck::clip_echo(chinese) == expected + "… (450 bytes)");
  CHECK(claimcheck::clip_text("abcdef", 3) == "abc…");
}

TEST_CASE("fold_for_quotes folds white space runs and reading annotations after Han characters") {
  const std::pair<const char*, const char*> rows[] = {
      {"觀察者網(wǎng)", "觀察者網"},
      {"網(wǎng) 陳", "網 陳"},
      {"两  个\n\t空格", "两 个 空格"},
      {"人工智能(AI)浪潮", "人工智能浪潮"},  // Latin letters after a Han character: dropped
      {"ChatGPT(AI)", "ChatGPT(AI)"},        // not after a Han character: kept
      {"大會 (WAIC)", "大會 (WAIC)"},        // not right after: kept
      {"數(3)", "數(3)"},                    // digits are no reading
      {"數()", "數()"},                      // an empty pair is no reading
      {"發(fā)展(zhǎn)", "發展"},            // one after another
      {"網（wǎng）", "網"},                  // full-width parentheses too
      {"中(ǚ)", "中"},                       // ü with a tone mark
      {"a\u3000b\u00a0c", "a b c"},          // ideographic and no-break spaces
      // Punctuation in either width reads as one (published copies differ).
      {"成本，约2万", "成本,约2万"},
      {"10～20", "10~20"},
      {"10〜20", "10~20"},  // the wave dash that copies put for ～
      {"（注）", "(注)"},
      {"：；！？", ":;!?"},
      {"｢引｣､完｡", "「引」、完。"},
      {"￥100", "¥100"},
      {"１２ＡＢ", "１２ＡＢ"},  // letters and digits keep their width
      {"", ""},
  };
  for (const auto& [input, expected] : rows) {
    INFO(input);
    CHECK(claimcheck::fold_for_quotes(input) == expected);
  }
  std::vector<std::size_t> origin;
  std::string folded = claimcheck::fold_for_quotes("網(wǎng)  x", &origin);
  REQUIRE(folded == "網 x");
  REQUIRE(origin.size() == folded.size());
  CHECK(origin[0] == 0);
  CHECK(origin[3] == std::string("網(wǎng)").size());  // the first of the two spaces
  CHECK(origin[4] == std::string("網(wǎng)  ").size());
}

namespace {

// What a decoder read: each code point, or '?' and the bad position's
// length in bytes ("?2").
std::string describe(const std::vector<claimcheck::code_point_at>& read) {
  std::string out;
  for (const auto& c : read) {
    if (!out.empty()) out += ' ';
    if (c.valid) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "%X", static_cast<unsigned>(c.value));
      out += hex;
    } else {
      out += "?" + std::to_string(c.length);
    }
  }
  return out;
}

std::vector<claimcheck::code_point_at> one_shot(const std::string& bytes) {
  std::vector<claimcheck::code_point_at> read;
  for (std::size_t i = 0; i < bytes.size(); i += read.back().length) {
    read.push_back(claimcheck::decode_at(bytes, i));
  }
  return read;
}

std::vector<claimcheck::code_point_at> streamed(const std::string& bytes,
                                                const std::vector<std::size_t>& cuts) {
  std::vector<claimcheck::code_point_at> read;
  claimcheck::utf8_decoder decoder;
  claimcheck::code_point_at c;
  std::size_t from = 0;
  for (std::size_t k = 0; k <= cuts.size(); ++k) {
    const std::size_t to = k < cuts.size() ? cuts[k] : bytes.size();
    decoder.feed(std::string_view(bytes).substr(from, to - from));
    while (decoder.next(c)) read.push_back(c);
    from = to;
  }
  if (decoder.finish(c)) read.push_back(c);
  return read;
}

// clang-format off
const std::vector<std::pair<std::string, std::string>> decoder_table = {
    // Well formed, at the edges of each length and of Table 3-7's ranges.
    {"a", "61"},
    {"\xC2\x80", "80"}, {"\xDF\xBF", "7FF"},
    {"\xE0\xA0\x80", "800"}, {"\xED\x9F\xBF", "D7FF"}, {"\xEE\x80\x80", "E000"},
    {"\xEF\xBF\xBF", "FFFF"}, {"\xE4\xB8\x87", "4E07"},
    {"\xF0\x90\x80\x80", "10000"}, {"\xF4\x8F\xBF\xBF", "10FFFF"},
    // The Unicode Standard, 3.9, Table 3-8: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64.
    {"\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64",
     "61 ?3 ?2 ?1 62 ?1 63 ?1 ?1 64"},
    // The other examples of that section.
    {"\xC0\xAF\xE0\x80\xBF\xF0\x81\x82\x41", "?1 ?1 ?1 ?1 ?1 ?1 ?1 ?1 41"},
    {"\xED\xA0\x80\xED\xBF\xBF\xED\xAF\x41", "?1 ?1 ?1 ?1 ?1 ?1 ?1 ?1 41"},
    {"\xF4\x91\x92\x93\xFF\x41\x80\xBF\x42", "?1 ?1 ?1 ?1 ?1 41 ?1 ?1 42"},
    {"\xE1\x80\xE2\xF0\x91\x92\xF1\xBF\x41", "?2 ?1 ?3 ?2 41"},
    // Overlong forms: C0, C1 never lead; E0 80..9F and F0 80..8F end the subpart.
    {"\xC0\x80", "?1 ?1"}, {"\xC1\xBF", "?1 ?1"},
    {"\xE0\x9F\xBF", "?1 ?1 ?1"}, {"\xF0\x8F\xBF\xBF", "?1 ?1 ?1 ?1"},
    // Surrogates (ED A0..BF) and values past U+10FFFF (F4 90.., F5..FF).
    {"\xED\xA0\x80", "?1 ?1 ?1"}, {"\xED\xBF\xBF", "?1 ?1 ?1"},
    {"\xF4\x90\x80\x80", "?1 ?1 ?1 ?1"}, {"\xF5\x80\x80\x80", "?1 ?1 ?1 ?1"},
    {"\xF8\x88\x80\x80\x80", "?1 ?1 ?1 ?1 ?1"}, {"\xFF\xFE", "?1 ?1"},
    // Cut sequences: before a character, before a bad lead, at the end.
    {"\xE4\xB8x", "?2 78"}, {"\xF0\x9F\x98x", "?3 78"}, {"\xE4\xB8\xE4\xB8\x87", "?2 4E07"},
    {"x\xF0\x9F\x98", "78 ?3"}, {"\xC3", "?1"}, {"\xE4\x41\x41", "?1 41 41"},
    // Lone continuation bytes, each a position.
    {"\x80\x80\x80", "?1 ?1 ?1"},
};
// clang-format on

}  // namespace

TEST_CASE("The decoder reads maximal subparts, whole or in chunks cut anywhere") {
  for (const auto& [bytes, expected] : decoder_table) {
    INFO(describe(one_shot(bytes)));
    CAPTURE(expected);
    CHECK(describe(one_shot(bytes)) == expected);
    std::string replaced;
    for (char32_t c : claimcheck::decode_utf8_replacing(bytes))
      claimcheck::append_utf8(replaced, c);
    CHECK(replaced == claimcheck::well_formed_utf8(bytes));
    CHECK(claimcheck::code_point_count(bytes) == one_shot(bytes).size());
    // Every split point, every pair of split points, and one byte at a time.
    CHECK(describe(streamed(bytes, {})) == expected);
    for (std::size_t a = 0; a <= bytes.size(); ++a) {
      CAPTURE(a);
      CHECK(describe(streamed(bytes, {a})) == expected);
      for (std::size_t b = a; b <= bytes.size(); ++b) {
        CAPTURE(b);
        CHECK(describe(streamed(bytes, {a, b})) == expected);
      }
    }
    std::vector<std::size_t> every;
    for (std::size_t k = 1; k < bytes.size(); ++k) every.push_back(k);
    CHECK(describe(streamed(bytes, every)) == expected);
  }
}

TEST_CASE("The strict decoder stops at the first bad position, wherever the text ends") {
  std::size_t bad = 99;
  CHECK_FALSE(claimcheck::decode_utf8("ab\xF0\x9F\x98", &bad).has_value());
  CHECK(bad == 2);
  CHECK(claimcheck::decode_utf8("ab\xF0\x9F\x98\x80") == std::u32string(U"ab\U0001F600"));
  claimcheck::utf8_decoder decoder;
  claimcheck::code_point_at c;
  decoder.feed("\xE4\xB8");
  CHECK_FALSE(decoder.next(c));
  CHECK(decoder.holding());
  CHECK(decoder.finish(c));
  CHECK_FALSE(c.valid);
  CHECK(c.length == 2);
  CHECK(decoder.first_byte() == 0xE4);
  CHECK_FALSE(decoder.holding());
  CHECK_FALSE(decoder.finish(c));
}
