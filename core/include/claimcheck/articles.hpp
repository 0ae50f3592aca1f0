// SPDX-License-Identifier: MIT
// Articles as JSON Lines: the input form of a news archive, one article per
// line, read in one streaming pass with a located diagnostic per bad line.
//
// Example line:
//   {"id": "xinhua-0042", "text": "整體開銷約2萬美元", "language": "zh", "url": "https://..."}
// reads as an article with id "xinhua-0042", its text, language "zh", and the
// other members kept as written: {"url":"https://..."} (passed through to
// every record written for the article).
//
// Rules (docs/extraction.md, "Articles as JSON Lines"):
// - each line is one JSON object; blank lines are skipped;
// - "id" is a non-empty string or an integer; "text" a string; "language",
//   when present, a string (the scanner reads Chinese and English in one
//   pass, so the language is carried, not used to choose tables);
// - any other member is kept, in order, and written back re-encoded;
// - a line longer than max_file_bytes, or nested deeper than max_json_depth,
//   is refused with its own code; the stream goes on at the next line.
// Codes: json.syntax, json.encoding, json.depth, article.not_object,
// article.id, article.text, article.language, article.duplicate_key,
// article.too_long. The location is FILE:LINE:COL, the column in code points.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <variant>

#include "claimcheck/diagnostic.hpp"
#include "claimcheck/limits.hpp"

namespace claimcheck {

struct article {
  std::string file;        // the JSONL file, as given ("-" for stdin)
  std::size_t line = 0;    // its line in that file, 1-based
  std::string id;          // the id as text: "xinhua-0042", "42"
  std::string id_json;     // the id as written in JSON: "\"xinhua-0042\"", "42"
  std::string text;        // decoded
  std::string language;    // empty when absent
  std::string extra_json;  // the other members as one JSON object, "" when none
};

// One line (without its line break) -> an article or the diagnostic of why
// not. A line of only white space is not an article: it gives neither (the
// variant holds std::monostate).
std::variant<std::monostate, article, diagnostic> parse_article_line(std::string_view line,
                                                                     const std::string& file,
                                                                     std::size_t line_number,
                                                                     const input_limits& limits);

// What one pass over a JSONL stream saw. Every line is counted once: lines
// == articles + bad_lines + blank_lines.
struct article_counts {
  std::size_t lines = 0;
  std::size_t articles = 0;
  std::size_t bad_lines = 0;
  std::size_t blank_lines = 0;
  std::size_t bytes = 0;  // bytes read, line breaks included
};

// Reads `in` line by line (a line ends at '\n'; a final line without one
// counts), handing each article to `on_article` and each bad line's
// diagnostic to `on_bad_line`. `on_article` returns false to stop (an output
// closed, or --strict after a problem). A line over the limit is skipped
// without being held in memory whole. `first_line` numbers the first line
// read (a part of a file that does not start at its top).
using article_sink = std::function<bool(const article&)>;
using bad_line_sink = std::function<bool(const diagnostic&)>;  // false: stop
article_counts read_articles(std::istream& in, const std::string& file, const input_limits& limits,
                             const article_sink& on_article, const bad_line_sink& on_bad_line,
                             std::size_t first_line = 1);

}  // namespace claimcheck
