// SPDX-License-Identifier: MIT
#include "claimcheck/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <utility>

namespace claimcheck {

// ---------------------------------------------------------------- UTF-8

namespace {

// Reads the sequence at p[0..n) (n >= 1) into `out` and returns true, or
// returns false when the n bytes are a proper start of a well-formed
// sequence that they end too soon to tell (more bytes decide). The ranges
// of the second byte are Table 3-7's: E0 A0..BF, ED 80..9F, F0 90..BF,
// F4 80..8F; a byte outside them ends the maximal subpart before it.
bool read_sequence(const unsigned char* p, std::size_t n, code_point_at& out) {
  const unsigned char lead = p[0];
  std::size_t need = 0;
  char32_t c = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (lead < 0x80) {
    out = {lead, 1, true};
    return true;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    need = 2, c = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 3, c = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;   // else overlong
    if (lead == 0xED) high = 0x9F;  // else a surrogate
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 4, c = lead & 0x07;
    if (lead == 0xF0) low = 0x90;   // else overlong
    if (lead == 0xF4) high = 0x8F;  // else past U+10FFFF
  } else {
    out = {U'\uFFFD', 1, false};  // a continuation byte, C0, C1, F5..FF
    return true;
  }
  for (std::size_t k = 1; k < need; ++k) {
    if (k >= n) return false;
    const unsigned char b = p[k];
    if (b < low || b > high) {
      out = {U'\uFFFD', k, false};
      return true;
    }
    low = 0x80, high = 0xBF;
    c = (c << 6) | (b & 0x3F);
  }
  out = {c, need, true};
  return true;
}

}  // namespace

code_point_at decode_at(std::string_view text, std::size_t offset) {
  code_point_at out;
  const std::size_t left = text.size() - offset;
  if (!read_sequence(reinterpret_cast<const unsigned char*>(text.data()) + offset, left, out)) {
    out = {U'\uFFFD', left, false};  // cut by the end of the text
  }
  return out;
}

bool utf8_decoder::next_slow(code_point_at& out) {
  if (held_ == 0) {
    if (at_ >= end_) return false;
    const std::size_t left = static_cast<std::size_t>(end_ - at_);
    first_byte_ = at_[0];
    if (read_sequence(at_, left, out)) {
      at_ += out.length;
      return true;
    }
    std::memcpy(held_bytes_, at_, left);  // cut by the chunk's end
    held_ = left;
    at_ = end_;
    return false;
  }
  // A sequence the last chunk cut: its bytes, then this chunk's. The held
  // bytes start a well-formed sequence, so what is read spans them all.
  unsigned char bytes[4];
  std::memcpy(bytes, held_bytes_, held_);
  const std::size_t taken = std::min<std::size_t>(4 - held_, static_cast<std::size_t>(end_ - at_));
  if (taken > 0) std::memcpy(bytes + held_, at_, taken);  // an empty chunk may have no bytes at all
  first_byte_ = bytes[0];
  if (read_sequence(bytes, held_ + taken, out)) {
    at_ += out.length - held_;
    held_ = 0;
    return true;
  }
  if (taken > 0) std::memcpy(held_bytes_ + held_, at_, taken);  // still cut: a byte or two more
  held_ += taken;
  at_ += taken;
  return false;
}

bool utf8_decoder::finish(code_point_at& out) {
  if (held_ == 0) return false;
  first_byte_ = held_bytes_[0];
  out = {U'\uFFFD', held_, false};
  held_ = 0;
  return true;
}

namespace {

// Decodes `text` into `out` with the streaming decoder (the whole text is
// one chunk); at a bad position, stops and returns its offset when
// `stop_at_bad`, else reads it as U+FFFD and goes on.
std::optional<std::size_t> decode_into(std::string_view text, std::u32string& out,
                                       bool stop_at_bad) {
  out.reserve(text.size());
  utf8_decoder decoder;
  decoder.feed(text);
  code_point_at c;
  std::size_t offset = 0;
  while (decoder.next(c) || decoder.finish(c)) {
    if (!c.valid && stop_at_bad) return offset;
    out.push_back(c.value);
    offset += c.length;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::u32string> decode_utf8(std::string_view text, std::size_t* bad_offset) {
  std::u32string out;
  if (const auto bad = decode_into(text, out, true)) {
    if (bad_offset) *bad_offset = *bad;
    return std::nullopt;
  }
  return out;
}

bool is_utf8(std::string_view text) {
  constexpr std::uint64_t high_bits = 0x8080808080808080ull;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.size() - i >= sizeof(std::uint64_t)) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + i, sizeof word);
      if ((word & high_bits) == 0) {
        i += sizeof word;
        continue;
      }
    }
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const code_point_at c = decode_at(text, i);
    if (!c.valid) return false;
    i += c.length;
  }
  return true;
}

std::u32string decode_utf8_replacing(std::string_view text) {
  std::u32string out;
  decode_into(text, out, false);
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

std::size_t code_point_count(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); i += decode_at(text, i).length) ++count;
  return count;
}

std::string well_formed_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const code_point_at c = decode_at(text, i);
    if (c.valid) {
      out.append(text.substr(i, c.length));
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD
    }
    i += c.length;
  }
  return out;
}

// ---------------------------------------------------------------- classes

bool is_white_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

bool is_han(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;
}

bool is_latin_letter(char32_t c) {
  return is_ascii_letter(c) ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||  // Latin-1, Extended-A/B
         (c >= 0x250 && c <= 0x2AF) ||                           // IPA (ɑ, ɡ)
         (c >= 0x300 && c <= 0x36F) ||                           // combining marks
         (c >= 0x1E00 && c <= 0x1EFF);                           // Latin Extended Additional
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// ---------------------------------------------------------------- names

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Damerau-Levenshtein (optimal string alignment) over code points, so
  // that a swapped pair of letters counts as one edit.
  const std::u32string x = decode_utf8_replacing(a);
  const std::u32string y = decode_utf8_replacing(b);
  const std::size_t n = x.size();
  const std::size_t m = y.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::string nearest_name(std::string_view wanted, const std::vector<std::string>& candidates) {
  // A spelling that differs only in case is the best guess ("usd" -> "USD").
  const std::string wanted_lower = ascii_lower(wanted);
  for (const std::string& candidate : candidates) {
    if (candidate != wanted && ascii_lower(candidate) == wanted_lower) return candidate;
  }
  // Otherwise the closest within about a third of the length (at most 3
  // edits), and never a candidate that shares nothing with the word. Case
  // differences are free, exact spelling breaks ties ("Gpus" -> "GPU").
  const std::size_t length = code_point_count(wanted);
  const std::size_t allowed = std::min<std::size_t>(3, std::max<std::size_t>(1, length / 3));
  std::string best;
  std::pair<std::size_t, std::size_t> best_distance{std::numeric_limits<std::size_t>::max(), 0};
  for (const std::string& candidate : candidates) {
    if (candidate == wanted) continue;
    // Lengths further apart than the edits allowed cannot be close: skipped
    // without the quadratic distance (a 100 KB unknown unit stays cheap).
    const std::size_t candidate_length = code_point_count(candidate);
    if ((candidate_length > length ? candidate_length - length : length - candidate_length) >
        allowed)
      continue;
    const std::size_t folded = edit_distance(wanted_lower, ascii_lower(candidate));
    if (folded > allowed || folded >= length) continue;
    const std::pair<std::size_t, std::size_t> distance{folded, edit_distance(wanted, candidate)};
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::vector<std::string> nearest_names(std::string_view wanted,
                                       const std::vector<std::string>& candidates,
                                       std::size_t count) {
  std::vector<std::pair<std::size_t, std::size_t>> ranked;  // distance, index
  ranked.reserve(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    ranked.emplace_back(edit_distance(wanted, candidates[i]), i);
  }
  const std::size_t kept = std::min(count, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(kept),
                    ranked.end());
  std::vector<std::string> out;
  for (std::size_t k = 0; k < kept; ++k) out.push_back(candidates[ranked[k].second]);
  return out;
}

// ---------------------------------------------------------------- numbers

std::string format_number(double v, number_layout layout) {
  std::string out;
  append_number(out, v, layout);
  return out;
}

namespace {

std::size_t decimal_digits(int n) {
  std::size_t count = 1;
  for (n = n < 0 ? -n : n; n >= 10; n /= 10) ++count;
  return count;
}

// Whether `count` significant digits with this decimal exponent are shorter
// (or as short) in plain notation than in scientific notation as printf's
// %e writes it (a sign and at least two digits in the exponent: "1e+06"),
// which is how std::to_chars chooses.
bool plain_is_shorter(std::size_t count, int exponent) {
  std::size_t plain = 0;
  if (exponent < 0) {
    plain = 2 + static_cast<std::size_t>(-exponent - 1) + count;  // "0.00" then the digits
  } else if (static_cast<std::size_t>(exponent) + 1 >= count) {
    plain = static_cast<std::size_t>(exponent) + 1;  // the digits, then zeros
  } else {
    plain = count + 1;  // a point among the digits
  }
  const std::size_t scientific =
      count + (count > 1 ? 1 : 0) + 2 + std::max<std::size_t>(2, decimal_digits(exponent));
  return plain <= scientific;
}

}  // namespace

void append_number(std::string& out, double v, number_layout layout) {
  char buffer[max_number_chars];
  out.append(buffer, static_cast<std::size_t>(write_number(buffer, v, layout) - buffer));
}

char* write_number(char* out, double v, number_layout layout) {
  auto put = [&out](std::string_view text) {
    std::memcpy(out, text.data(), text.size());
    out += text.size();
  };
  if (std::isnan(v)) {
    put("nan");
    return out;
  }
  if (std::isinf(v)) {
    put(v > 0 ? "inf" : "-inf");
    return out;
  }
  if (v == 0) {
    *out++ = '0';
    return out;
  }
  char* const limit = out + max_number_chars;
  // An integer below 2^53 is its own shortest round-trip form (its
  // neighbours are at most 1 away), written faster as an integer.
  if (layout == number_layout::plain_in_range && std::fabs(v) < 9007199254740992.0 &&
      v == static_cast<double>(static_cast<long long>(v))) {
    return std::to_chars(out, limit, static_cast<long long>(v)).ptr;
  }
  // A half below 2^51 ("58.5": every stated integer's bounds) is also its
  // own shortest form: its integer part, then ".5".
  if (std::fabs(v) < 2251799813685248.0 && v != static_cast<double>(static_cast<long long>(v)) &&
      v * 2 == static_cast<double>(static_cast<long long>(v * 2))) {
    if (v < 0) *out++ = '-';
    out = std::to_chars(out, limit, static_cast<long long>(std::fabs(v))).ptr;
    *out++ = '.';
    *out++ = '5';
    return out;
  }
  // Shortest round-trip digits, then our own layout: plain notation for
  // 1e-5 <= |v| < 1e16, otherwise "1.2e21" (no '+', no padded exponent).
  char buffer[64];
  const char* const end =
      std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::scientific).ptr;
  const char* p = buffer;
  if (*p == '-') {
    *out++ = '-';
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
  const bool plain = layout == number_layout::shortest ? plain_is_shorter(count, exponent)
                                                       : magnitude >= 1e-5 && magnitude < 1e16;
  if (plain) {
    if (exponent < 0) {
      put("0.");
      out = std::fill_n(out, -exponent - 1, '0');
      put({digits, count});
    } else if (static_cast<std::size_t>(exponent) + 1 >= count) {
      put({digits, count});
      out = std::fill_n(out, static_cast<std::size_t>(exponent) + 1 - count, '0');
    } else {
      const std::size_t whole = static_cast<std::size_t>(exponent) + 1;
      put({digits, whole});
      *out++ = '.';
      put({digits + whole, count - whole});
    }
    return out;
  }
  *out++ = digits[0];
  if (count > 1) {
    *out++ = '.';
    put({digits + 1, count - 1});
  }
  *out++ = 'e';
  return std::to_chars(out, limit, exponent).ptr;
}

// ---------------------------------------------------------------- quotes

namespace {

bool is_open_paren(char32_t c) {
  return c == '(' || c == 0xFF08;
}
bool is_close_paren(char32_t c) {
  return c == ')' || c == 0xFF09;
}

// The length in bytes of a reading annotation starting at `i` (an opening
// parenthesis), or 0 when the parenthesis opens something else.
std::size_t annotation_length(std::string_view text, std::size_t i) {
  std::size_t j = i + decode_at(text, i).length;
  std::size_t letters = 0;
  while (j < text.size()) {
    code_point_at d = decode_at(text, j);
    if (is_close_paren(d.value)) return letters > 0 ? j + d.length - i : 0;
    if (!is_latin_letter(d.value)) return 0;
    ++letters;
    j += d.length;
  }
  return 0;
}

}  // namespace

char32_t fold_punctuation_width(char32_t c) {
  const bool ascii_punctuation = (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
                                 (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF5E);
  if (ascii_punctuation) return c - 0xFF01 + 0x21;
  switch (c) {
    case 0x301C:  // 〜 wave dash, which copies interchange with ～
      return '~';
    case 0xFF5F:  // ｟
      return 0x2985;
    case 0xFF60:  // ｠
      return 0x2986;
    case 0xFF61:  // ｡
      return 0x3002;
    case 0xFF62:  // ｢
      return 0x300C;
    case 0xFF63:  // ｣
      return 0x300D;
    case 0xFF64:  // ､
      return 0x3001;
    case 0xFF65:  // ･
      return 0x30FB;
    case 0xFFE0:  // ￠
      return 0xA2;
    case 0xFFE1:  // ￡
      return 0xA3;
    case 0xFFE2:  // ￢
      return 0xAC;
    case 0xFFE3:  // ￣
      return 0xAF;
    case 0xFFE4:  // ￤
      return 0xA6;
    case 0xFFE5:  // ￥
      return 0xA5;
    case 0xFFE6:  // ￦
      return 0x20A9;
    default:
      return c;
  }
}

std::string fold_for_quotes(std::string_view text, std::vector<std::size_t>* origin_offsets) {
  std::string out;
  out.reserve(text.size());
  if (origin_offsets) {
    origin_offsets->clear();
    origin_offsets->reserve(text.size());
  }
  auto emit = [&](std::string_view bytes, std::size_t from) {
    out.append(bytes);
    if (origin_offsets) {
      for (std::size_t k = 0; k < bytes.size(); ++k) origin_offsets->push_back(from + k);
    }
  };
  bool after_han = false;
  std::size_t i = 0;
  while (i < text.size()) {
    code_point_at d = decode_at(text, i);
    if (is_white_space(d.value)) {
      std::size_t start = i;
      while (i < text.size()) {
        code_point_at next = decode_at(text, i);
        if (!is_white_space(next.value)) break;
        i += next.length;
      }
      emit(" ", start);
      after_han = false;
      continue;
    }
    if (after_han && is_open_paren(d.value)) {
      if (std::size_t skip = annotation_length(text, i)) {
        i += skip;
        continue;  // still right after the same Han character
      }
    }
    const char32_t folded = fold_punctuation_width(d.value);
    if (folded == d.value) {
      emit(text.substr(i, d.length), i);
    } else {
      std::string bytes;
      append_utf8(bytes, folded);
      emit(bytes, i);
    }
    after_han = is_han(d.value);
    i += d.length;
  }
  return out;
}

// ---------------------------------------------------------------- echoes

std::string clip_text(std::string_view text, std::size_t limit) {
  std::size_t end = 0;
  std::size_t count = 0;
  while (end < text.size() && count < limit) {
    end += decode_at(text, end).length;
    ++count;
  }
  if (end >= text.size()) return std::string(text);
  return std::string(text.substr(0, end)) + "…";
}

std::string clip_echo(std::string_view text) {
  std::string out = clip_text(text, max_echo_code_points);
  if (out == text) return out;  // short enough to repeat whole
  return out + " (" + std::to_string(text.size()) + " bytes)";
}

}  // namespace claimcheck
