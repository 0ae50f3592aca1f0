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
// The bad-byte policy, the same everywhere: Unicode's recommended practice,
// "U+FFFD substitution of maximal subparts" (The Unicode Standard, chapter
// 3.9, Table 3-8; also the WHATWG Encoding Standard's and ICU's). A
// well-formed sequence is the shortest form of a scalar value (no overlong
// form, no UTF-16 surrogate, nothing past U+10FFFF: Table 3-7). Where the
// bytes are not well formed, the longest start of a well-formed sequence
// there (at least one byte) is one bad position, read as U+FFFD, and
// reading goes on after it: "\xE4\xB8x" is U+FFFD then 'x' (E4 B8 could
// have begun a character), "\xC0\xAF" is two (C0 never begins one),
// "\xED\xA0\x80" three (ED A0 would be a surrogate). Callers that must
// refuse bad input (numbers, expressions, claim files) use decode_utf8,
// which stops at the first bad position and says where; callers that must
// stay total (suggestions, writers, folding a text that was checked
// before) use decode_at or decode_utf8_replacing; the scanner, which reads
// texts of any size in chunks, uses utf8_decoder, on which the others are
// built (a sequence cut by a chunk's end is completed from the next).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace claimcheck {

// ---------------------------------------------------------------- UTF-8

// One code point, or one bad position, read at a byte offset.
struct code_point_at {
  char32_t value = 0;      // U+FFFD for a bad position
  std::size_t length = 1;  // bytes read: those of the maximal subpart when bad
  bool valid = true;
};
// At `offset` < text.size(); a sequence that the text's end cuts is one bad
// position.
code_point_at decode_at(std::string_view text, std::size_t offset);

// The streaming decoder: give it the text in chunks of any size (a chunk may
// end inside a sequence) and read code points and bad positions in order,
// exactly as decode_at would read the whole text.
//
//   utf8_decoder d;  code_point_at c;
//   for (each chunk) { d.feed(chunk); while (d.next(c)) use(c); }
//   if (d.finish(c)) use(c);  // a sequence the text's end cut
class utf8_decoder {
 public:
  // The next chunk; the previous one must have been read to its end.
  void feed(std::string_view chunk) {
    at_ = reinterpret_cast<const unsigned char*>(chunk.data());
    end_ = at_ + chunk.size();
  }
  // The next code point or bad position; false once the chunk is used up (a
  // sequence it cuts is held for the next chunk).
  bool next(code_point_at& out) {
    if (held_ == 0 && read_common(at_, end_, out)) return true;
    return next_slow(out);
  }
  // The common characters, read inline: ASCII and the three-byte sequences
  // whose continuation bytes need no range check (E1..EC, EE, EF: all of
  // CJK). Reads one at `at` (< end) and moves `at` past it, or returns
  // false for anything else, which next() reads out of line. For a reader
  // with a loop of its own over rest() (the scanner keeps its place in a
  // register that way), then skip().
  static bool read_common(const unsigned char*& at, const unsigned char* end, code_point_at& out) {
    if (at >= end) return false;
    const unsigned char b0 = at[0];
    if (b0 < 0x80) {
      out.value = b0;
      out.length = 1;
      out.valid = true;
      ++at;
      return true;
    }
    if (((b0 >= 0xE1 && b0 <= 0xEC) || b0 >= 0xEE) && b0 <= 0xEF && end - at >= 3 &&
        (at[1] & 0xC0) == 0x80 && (at[2] & 0xC0) == 0x80) {
      out.value = (static_cast<char32_t>(b0 & 0x0F) << 12) |
                  (static_cast<char32_t>(at[1] & 0x3F) << 6) | static_cast<char32_t>(at[2] & 0x3F);
      out.length = 3;
      out.valid = true;
      at += 3;
      return true;
    }
    return false;
  }
  // At the end of the text: the bytes of a cut sequence, if any, as one bad
  // position.
  bool finish(code_point_at& out);
  // The first byte of what next() or finish() read last (for messages
  // about a bad position).
  unsigned char first_byte() const { return first_byte_; }
  // Whether the bytes of a cut sequence are held: they will be one position.
  bool holding() const { return held_ != 0; }
  // The chunk's bytes not read yet, for readers that look ahead in bytes;
  // skip(n) passes over n of them (nothing may be held).
  std::string_view rest() const {
    return {reinterpret_cast<const char*>(at_), static_cast<std::size_t>(end_ - at_)};
  }
  void skip(std::size_t n) { at_ += n; }

 private:
  bool next_slow(code_point_at& out);

  const unsigned char* at_ = nullptr;
  const unsigned char* end_ = nullptr;
  unsigned char held_bytes_[4] = {};
  std::size_t held_ = 0;
  unsigned char first_byte_ = 0;
};

// Whether a byte can begin a well-formed sequence (ASCII, C2..F4).
inline bool utf8_can_lead(unsigned char b) {
  return b < 0x80 || (b >= 0xC2 && b <= 0xF4);
}

// The whole text as code points; nullopt at the first bad position, whose
// byte offset is written to *bad_offset when given.
std::optional<std::u32string> decode_utf8(std::string_view text, std::size_t* bad_offset = nullptr);
// The whole text as code points, each bad position read as U+FFFD.
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

// Code points in `text`, a bad position counting as one.
std::size_t code_point_count(std::string_view text);

// Text from input made well-formed UTF-8 for JSON and XML writers: each bad
// position becomes U+FFFD.
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
// The same written at `out`, which has room for max_number_chars; returns
// the end (for writers that reserve room for a whole record at once).
constexpr std::size_t max_number_chars = 32;
char* write_number(char* out, double v, number_layout layout = number_layout::plain_in_range);

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
