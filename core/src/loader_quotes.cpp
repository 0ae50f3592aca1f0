// SPDX-License-Identifier: MIT
// Quote search (the spec's "Quotes" section). Both the quote and the text
// are folded (fold_for_quotes, text.hpp), so a quote may be copied with or
// without its reading annotations, and from a copy of the article that set
// its punctuation in the other width.
#include "loader_quotes.hpp"

#include <algorithm>
#include <cstring>

#include "claimcheck/loader.hpp"
#include "claimcheck/text.hpp"

namespace claimcheck {
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
    return decode_at(quote, quote_origin[wanted_start + k]).value;
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
  if (after < folded_.size()) result.text_character = decode_at(text_, origin_[after]).value;
  return result;
}

}  // namespace detail
}  // namespace claimcheck
