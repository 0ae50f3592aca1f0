// SPDX-License-Identifier: MIT
// Quote folding and search (the spec's "Quotes" section): white-space runs
// become one space, a reading annotation, a parenthesised run of Latin
// letters with or without tone marks right after a Han character as in
// 網(wǎng), is dropped, and full-width and half-width punctuation read as
// one (，and ,  ～ 〜 and ~  （ and (  ､ and 、). Both the quote and the text
// are folded, so a quote may be copied with or without its annotations, and
// from a copy of the article that set its punctuation in the other width.
#include "loader_quotes.hpp"

#include <algorithm>
#include <cstring>

#include "claimcheck/loader.hpp"
#include "claimcheck/numerals.hpp"

namespace claimcheck {
namespace {

// One code point of UTF-8 at `i`; invalid bytes come back one at a time as
// themselves (the text was validated before, this only keeps folding total).
struct decoded {
  char32_t code_point;
  std::size_t length;
};

decoded decode_at(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  std::size_t length = lead < 0x80           ? 1
                       : (lead >> 5) == 0x6  ? 2
                       : (lead >> 4) == 0xE  ? 3
                       : (lead >> 3) == 0x1E ? 4
                                             : 0;
  if (length == 0 || i + length > text.size()) return {lead, 1};
  char32_t cp = length == 1   ? lead
                : length == 2 ? lead & 0x1Fu
                : length == 3 ? lead & 0x0Fu
                              : lead & 0x07u;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0u) != 0x80u) return {lead, 1};
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  return {cp, length};
}

// Unicode White_Space.
bool is_white_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

// CJK unified ideographs (and extensions, compatibility ideographs, 〇).
bool is_han(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;
}

// Latin letters, with tone marks precomposed (ǎ, ü, ḿ) or combining.
bool is_latin_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||  // Latin-1, Extended-A/B
         (c >= 0x250 && c <= 0x2AF) ||                           // IPA (ɑ, ɡ)
         (c >= 0x300 && c <= 0x36F) ||                           // combining marks
         (c >= 0x1E00 && c <= 0x1EFF);                           // Latin Extended Additional
}

bool is_open_paren(char32_t c) {
  return c == '(' || c == 0xFF08;
}
bool is_close_paren(char32_t c) {
  return c == ')' || c == 0xFF09;
}

// The one form of a punctuation mark or symbol that has a full-width and a
// half-width form: the ASCII one where there is one (，-> ,  ～ -> ~), else
// the ideographic one (､ -> 、 ｡ -> 。), else the Latin-1 or other one
// (￥ -> ¥). Letters and digits keep their width: published copies differ
// in punctuation, and a scanner reads digits of either width already.
char32_t folded_punctuation(char32_t c) {
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

// The length in bytes of a reading annotation starting at `i` (an opening
// parenthesis), or 0 when the parenthesis opens something else.
std::size_t annotation_length(std::string_view text, std::size_t i) {
  std::size_t j = i + decode_at(text, i).length;
  std::size_t letters = 0;
  while (j < text.size()) {
    decoded d = decode_at(text, j);
    if (is_close_paren(d.code_point)) return letters > 0 ? j + d.length - i : 0;
    if (!is_latin_letter(d.code_point)) return 0;
    ++letters;
    j += d.length;
  }
  return 0;
}

}  // namespace

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
    decoded d = decode_at(text, i);
    if (is_white_space(d.code_point)) {
      std::size_t start = i;
      while (i < text.size()) {
        decoded next = decode_at(text, i);
        if (!is_white_space(next.code_point)) break;
        i += next.length;
      }
      emit(" ", start);
      after_han = false;
      continue;
    }
    if (after_han && is_open_paren(d.code_point)) {
      if (std::size_t skip = annotation_length(text, i)) {
        i += skip;
        continue;  // still right after the same Han character
      }
    }
    const char32_t folded = folded_punctuation(d.code_point);
    if (folded == d.code_point) {
      emit(text.substr(i, d.length), i);
    } else {
      std::string bytes;
      append_utf8(bytes, folded);
      emit(bytes, i);
    }
    after_han = is_han(d.code_point);
    i += d.length;
  }
  return out;
}

namespace detail {
namespace {

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Byte lengths of the prefixes of `s` that end on a code-point boundary.
std::vector<std::size_t> boundaries(std::string_view s) {
  std::vector<std::size_t> out;
  for (std::size_t i = 1; i <= s.size(); ++i) {
    if (i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0u) != 0x80u) out.push_back(i);
  }
  return out;
}

constexpr std::size_t gram_bytes = 4;
// 8 bytes of index per indexed code point (at most 128 MiB, for a text of
// ASCII): beyond this the scan is kept.
constexpr std::size_t max_indexed_bytes = std::size_t{16} << 20;

std::uint32_t gram_at(std::string_view s, std::size_t at) {
  std::uint32_t gram = 0;
  std::memcpy(&gram, s.data() + at, gram_bytes);
  return gram;
}

bool starts_code_point(std::string_view s, std::size_t at) {
  return (static_cast<unsigned char>(s[at]) & 0xC0u) != 0x80u;
}

}  // namespace

quote_index::quote_index(std::string text) : text_(std::move(text)) {
  folded_ = fold_for_quotes(text_, &origin_);
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
  if (folded_.size() >= gram_bytes && folded_.size() <= max_indexed_bytes) {
    for (std::size_t i = 0; i + gram_bytes <= folded_.size(); ++i) {
      if (starts_code_point(folded_, i))
        grams_.emplace_back(gram_at(folded_, i), static_cast<std::uint32_t>(i));
    }
    std::sort(grams_.begin(), grams_.end());
  }
}

std::size_t quote_index::first_occurrence(std::string_view part) const {
  if (grams_.empty() || part.size() < gram_bytes) return folded_.find(part);
  // Any occurrence at s holds each of the part's grams at s + j, and s + j
  // starts a code point when j does: the rarest gram's places include s.
  using range = std::pair<decltype(grams_)::const_iterator, decltype(grams_)::const_iterator>;
  std::optional<range> rarest;
  std::size_t rarest_at = 0;
  for (std::size_t j = 0; j + gram_bytes <= part.size(); ++j) {
    if (!starts_code_point(part, j)) continue;
    std::uint32_t gram = gram_at(part, j);
    range places = std::equal_range(grams_.begin(), grams_.end(), std::make_pair(gram, 0u),
                                    [](const auto& a, const auto& b) { return a.first < b.first; });
    if (!rarest || places.second - places.first < rarest->second - rarest->first) {
      rarest = places;
      rarest_at = j;
      if (places.first == places.second) return std::string::npos;
    }
  }
  if (!rarest) return folded_.find(part);
  // Places are in increasing order, so the first that matches is the first occurrence.
  for (auto it = rarest->first; it != rarest->second; ++it) {
    if (it->second < rarest_at) continue;
    std::size_t start = it->second - rarest_at;
    if (folded_.compare(start, part.size(), part) == 0) return start;
  }
  return std::string::npos;
}

quote_position quote_index::position_of(std::size_t byte_offset, std::size_t byte_length) const {
  auto line = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset) - 1;
  quote_position p;
  p.line = static_cast<int>(line - line_starts_.begin()) + 1;
  p.column = 1;
  for (std::size_t i = *line; i < byte_offset && i < text_.size(); ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0u) != 0x80u) ++p.column;
  }
  p.byte_offset = byte_offset;
  p.byte_length = byte_length;
  return p;
}

quote_index::search quote_index::find(std::string_view quote) const {
  search result;
  std::vector<std::size_t> quote_origin;
  std::string folded_quote = fold_for_quotes(quote, &quote_origin);
  std::string_view wanted = trim_spaces(folded_quote);
  if (wanted.empty()) return result;
  const std::size_t wanted_start = static_cast<std::size_t>(wanted.data() - folded_quote.data());
  // The quote's character, as written, at a byte of `wanted`.
  auto quote_character_at = [&](std::size_t k) {
    return decode_at(quote, quote_origin[wanted_start + k]).code_point;
  };
  auto locate = [&](std::string_view part) -> std::optional<quote_position> {
    std::size_t at = first_occurrence(part);
    if (at == std::string::npos) return std::nullopt;
    std::size_t first = origin_[at];
    std::size_t last = origin_[at + part.size() - 1];
    std::size_t end = last + decode_at(text_, last).length;
    return position_of(first, end - first);
  };
  result.found = locate(wanted);
  if (result.found) return result;
  // Binary search for the longest prefix found: a prefix of a found string is found.
  std::vector<std::size_t> cuts = boundaries(wanted);
  std::size_t lo = 0, hi = cuts.size();  // cuts[0..lo) found, [hi..) not
  while (lo < hi) {
    std::size_t mid = (lo + hi) / 2;
    if (first_occurrence(wanted.substr(0, cuts[mid])) != std::string::npos) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo == 0) {
    result.quote_character = quote_character_at(0);
    return result;
  }
  const std::size_t prefix_length = cuts[lo - 1];
  result.longest_found_prefix = std::string(wanted.substr(0, prefix_length));
  result.prefix_position = locate(result.longest_found_prefix);
  // The whole quote is not found, so a character of it follows the prefix.
  result.quote_character = quote_character_at(prefix_length);
  const std::size_t after = first_occurrence(result.longest_found_prefix) + prefix_length;
  if (after < folded_.size()) result.text_character = decode_at(text_, origin_[after]).code_point;
  return result;
}

}  // namespace detail
}  // namespace claimcheck
