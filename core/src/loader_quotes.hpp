// SPDX-License-Identifier: MIT
// Private to core: finding a claim's quote in the document text.
//
// Example: in the text "整體開銷約2萬美元,\n相當於..." the quote "開銷約2萬"
// is found at line 1, column 3 (columns in code points).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claimcheck/model.hpp"

namespace claimcheck::detail {

// A document text folded once, searched for many quotes.
class quote_index {
 public:
  explicit quote_index(std::string text);

  struct search {
    std::optional<quote_position> found;
    // When not found: the longest start of the folded quote that does occur,
    // and where (to tell the author where the quote and the text part).
    std::string longest_found_prefix;
    std::optional<quote_position> prefix_position;
    // The first character that differs: the quote's, as written, right
    // after that start (its first character when no start is found), and
    // the text's at the same place (nullopt at the end of the text, or when
    // no start is found).
    std::optional<char32_t> quote_character, text_character;
  };

  search find(std::string_view quote) const;

  // Line and column (code points, 1-based) of a byte offset of the text.
  quote_position position_of(std::size_t byte_offset, std::size_t byte_length) const;

 private:
  std::string text_;
  std::string folded_;
  std::vector<std::size_t> origin_;       // byte of text_ each byte of folded_ came from
  std::vector<std::size_t> line_starts_;  // byte offsets in text_

  // Where `part` first occurs in folded_ (npos when nowhere); the same answer
  // as folded_.find(part), through grams_ when they are built.
  std::size_t first_occurrence(std::string_view part) const;

  // Every 4-byte gram of folded_ that starts on a code point, with its
  // offset, sorted. Scanning the whole text for each quote cost quotes x
  // text bytes, quadratic in a dossier's size; a quote is instead looked up
  // by its rarest gram and only those places compared. Empty for a text too
  // large to index (then the scan is used).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> grams_;
};

}  // namespace claimcheck::detail
