// SPDX-License-Identifier: MIT
// Text: the one place for what every room does with characters. UTF-8
// decoding and encoding, character classes, "did you mean" suggestions, the
// text of a number for machines, quote folding and cutting long echoes of
// input in messages. It depends on nothing else in claimcheck.
//
// Example: decode_utf8("2万") == U"2万";
//          nearest_name("coreweave.cots", ids) == "coreweave.cost";
//          format_number(1.1e6) == "1100000";
//          fold_for_quotes("網(wǎng)  x") == "網 x";
//          clip_echo(ten_megabyte_number) == "9999…9… (10485760 bytes)".
//
// The bad-byte policy, the same everywhere: a byte is bad when it does not
// start a complete, shortest (not overlong) UTF-8 sequence of a scalar value
// (no UTF-16 surrogate, nothing past U+10FFFF). A bad byte is one position,
// read as U+FFFD; the byte after it is read afresh. Callers that must refuse
// bad input (numbers, expressions, claim files) use decode_utf8, which stops
// at the first bad byte and says where; callers that must stay total
// (suggestions, folding a text that was checked before) use decode_at or
// decode_utf8_replacing, which read each bad byte as U+FFFD.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace claimcheck {

// ---------------------------------------------------------------- UTF-8

// One code point read at a byte offset (offset < text.size()).
struct code_point_at {
  char32_t value = 0;      // U+FFFD for a bad byte
  std::size_t length = 1;  // bytes read: 1 for a bad byte
  bool valid = true;
};
code_point_at decode_at(std::string_view text, std::size_t offset);

// The whole text as code points; nullopt at the first bad byte, whose byte
// offset is written to *bad_offset when given.
std::optional<std::u32string> decode_utf8(std::string_view text, std::size_t* bad_offset = nullptr);
// The whole text as code points, each bad byte read as U+FFFD.
std::u32string decode_utf8_replacing(std::string_view text);
// Whether the whole text is well-formed UTF-8 (no overlong form, surrogate or
// value past U+10FFFF), without decoding it: ASCII runs are skipped a word at
// a time.
bool is_utf8(std::string_view text);

// Appends the UTF-8 of a code point; throws std::invalid_argument for a
// surrogate or a value past U+10FFFF (a programming error: decoded text
// never holds one).
void append_utf8(std::string& out, char32_t c);
std::string encode_utf8(std::u32string_view text);

// Code points in `text`, a bad byte counting as one.
std::size_t code_point_count(std::string_view text);

// Text from input made well-formed UTF-8 for JSON and XML writers: each bad
// byte becomes U+FFFD.
std::string well_formed_utf8(std::string_view text);

// ---------------------------------------------------------------- classes

inline bool is_ascii_digit(char32_t c) {
  return c >= U'0' && c <= U'9';
}
inline bool is_ascii_lower(char32_t c) {
  return c >= U'a' && c <= U'z';
}
inline bool is_ascii_upper(char32_t c) {
  return c >= U'A' && c <= U'Z';
}
inline bool is_ascii_letter(char32_t c) {
  return is_ascii_lower(c) || is_ascii_upper(c);
}
// Letters, digits and '_': the characters of an id.
inline bool is_ascii_word(char32_t c) {
  return is_ascii_letter(c) || is_ascii_digit(c) || c == U'_';
}
// Space, tab and line ends: the white space of expressions.
inline bool is_ascii_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r';
}
// Unicode's White_Space property (no-break and ideographic spaces too).
bool is_white_space(char32_t c);
// CJK unified ideographs (and extensions, compatibility ideographs, 〇).
bool is_han(char32_t c);
// Latin letters, with tone marks precomposed (ǎ, ü, ḿ) or combining.
bool is_latin_letter(char32_t c);
// ASCII letters lower-cased, every other byte kept.
std::string ascii_lower(std::string_view text);

// ---------------------------------------------------------------- names

// Edit distance over code points (optimal string alignment: a swap of two
// neighbours counts as one edit), for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The closest candidate within a small distance (about a third of the
// length, at most 3; ASCII case differences are free, exact spelling breaks
// ties), or "" when none is close. A candidate equal to `wanted` is never
// suggested.
std::string nearest_name(std::string_view wanted, const std::vector<std::string>& candidates);
// The `count` candidates closest to `wanted` by edit_distance (ties in the
// candidates' order), whatever their distance: for "the nearest ids are".
std::vector<std::string> nearest_names(std::string_view wanted,
                                       const std::vector<std::string>& candidates,
                                       std::size_t count);

// ---------------------------------------------------------------- numbers

// How format_number lays out a number's shortest round-trip digits.
enum class number_layout {
  // Plain notation for 1e-5 <= |v| < 1e16 ("20000", "0.5", "0.00001"),
  // otherwise "1.2e21", "1.5e-6": for machines (JSON, CSV, messages), which
  // read every number alike.
  plain_in_range,
  // Whichever of plain and scientific notation is shorter, as C++'s
  // std::to_chars measures them (printf's %f or %e, ties to %f): "1e6",
  // "2.5e10", "120000", "1e-5", "0.5". For expressions, which people read
  // and write back (`claimcheck explain` steps, "write 1.75e11" hints).
  shortest,
};

// The text of a number: the shortest text that reads back to the same
// double, laid out as `layout` says, exponents without '+' or padding
// ("1.2e21", "1.5e-6"); "inf", "-inf", "nan"; zero is "0". Numbers for
// people, rounded to a few digits, are the report room's (report/format.hpp).
std::string format_number(double v, number_layout layout = number_layout::plain_in_range);
// The same, appended to `out` (no temporary strings: writers of many
// numbers, such as `claimcheck extract`, call this once per field).
void append_number(std::string& out, double v,
                   number_layout layout = number_layout::plain_in_range);

// ---------------------------------------------------------------- quotes

// Folds text as quotes are matched (the spec's "Quotes" section): white-space
// runs become one space, a reading annotation (a parenthesised run of Latin
// letters right after a Han character, as in 網(wǎng)) is dropped, and the
// full-width and half-width forms of a punctuation mark read as one (，and ,
// ～ 〜 and ~  （ and (  ､ and 、). `origin_offsets`, when given, receives
// for each byte of the result the byte offset it came from.
std::string fold_for_quotes(std::string_view text,
                            std::vector<std::size_t>* origin_offsets = nullptr);
// The one form of a punctuation mark that has a full-width and a half-width
// form (，-> ,  ､ -> 、  ￥ -> ¥); any other character as it is.
char32_t fold_punctuation_width(char32_t c);

// ---------------------------------------------------------------- echoes

// At most `limit` code points of `text` (never a partial character),
// followed by "…" when cut.
std::string clip_text(std::string_view text, std::size_t limit);

// How much of the user's input a message repeats.
constexpr std::size_t max_echo_code_points = 100;
// `text` as a message may repeat it: whole when it has at most
// max_echo_code_points code points, else its first max_echo_code_points
// and "… (N bytes)", so that a 10 MB number or a 100 KB quote does not come
// back whole in an error line, and the reader still learns its size.
std::string clip_echo(std::string_view text);

}  // namespace claimcheck
