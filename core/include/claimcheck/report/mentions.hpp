// SPDX-License-Identifier: MIT
// Writers of extraction results: mentions (text, JSON Lines, JSON),
// coverage (text, JSON) and claim skeletons (JSON).
//
// Example (text, one line per mention):
//   article.txt:34:87: 約2萬(wàn)美元  money  2萬 = 20000  about [15000, 25000]  unit 美元  hedge
//   約
// Example (jsonl, one object per line):
//   {"file":"article.txt","line":34,"column":87,"byte_offset":11384,"byte_length":19,
//    "surface":"約2萬(wàn)美元","number":"2萬","value":20000,"precision":10000,
//    "qualifier":"about","interval":[15000,25000],"unit_word":"美元","unit":"USD",
//    "kind":"money",...}
//
// JSON has no infinity: an open bound is null, and "interval_text" says
// "[400, inf]". Mentions are written as they come (the writer keeps
// nothing but the issues of the current file), so extraction of a text of
// any size runs in constant memory.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimcheck/articles.hpp"
#include "claimcheck/coverage.hpp"
#include "claimcheck/scanner.hpp"

namespace claimcheck::report {

enum class mention_format { text, jsonl, json };
// "text", "jsonl", "json"; nullopt otherwise.
std::optional<mention_format> parse_mention_format(std::string_view name);

// One mention as a JSON object (no newline) or as a text line (no newline).
// An empty `file` leaves the "file" member out (a text that came from no
// file, as in the Python module).
std::string mention_json(const mention& m, const std::string& file);
std::string mention_text(const mention& m, const std::string& file);
// [mention, ...] of one text, each as mention_json(m, "") (no "file").
std::string mentions_json(const std::vector<mention>& mentions);
// A number as written, alone: {"text":"2万","value":20000,"precision":10000,
// "magnitude_only":false}, the same fields as a mention's.
std::string written_number_json(std::string_view text, const written_number& number);

// Streams mentions of one or more files. Every call returns false once the
// stream failed (a closed pipe): the caller then stops scanning.
// json: {"report":"extract","files":[{"file":...,"mentions":[...],"issues":[...]}]}
// jsonl: one mention object per line; issues go only to the caller's stderr.
// text: one line per mention.
// With articles (JSON Lines input), begin_article() before an article's
// mentions makes each record carry it: after "file", "input_line" (the line
// of the JSONL file), "article" (the id as written: a string or an integer)
// and "language" when given; the mention's own line and column count in the
// article's text; the article's other members follow as "article_fields".
// Text lines read "FILE:INPUT_LINE: ID:LINE:COL: ...".
// Output is buffered (up to 64 KiB) and reaches the stream at the latest in
// end_file() and finish(); a closed pipe shows at the next flush.
class mention_writer {
 public:
  mention_writer(std::ostream& out, mention_format format);

  bool begin_file(const std::string& file);
  void begin_article(const article& a);
  bool write(const mention& m);
  void issue(const scan_issue& issue);  // kept for the json form
  bool end_file();
  bool finish();
  bool ok() const;

 private:
  bool flush_buffer();

  std::ostream& out_;
  mention_format format_;
  std::string file_;
  // JSON pieces written around each mention of the current article (empty
  // outside articles): ,"input_line":..,"article":..,"language":.. and
  // ,"article_fields":{...}; for text the "FILE:INPUT_LINE: ID:" prefix.
  std::string article_head_, article_tail_, text_prefix_;
  bool first_file_ = true;
  bool first_mention_ = true;
  std::vector<scan_issue> issues_;
  std::string buffer_;
};

// Coverage of one or more dossiers. Text: one line per uncovered mention
// ("file:line:col: uncovered: ...") with its hint, notes for unused ignore
// entries, then a summary line per dossier.
std::string coverage_text(const std::vector<coverage_result>& results);
// {"report":"coverage","dossiers":[...],"summary":{...}}
std::string coverage_json(const std::vector<coverage_result>& results);

// {"claimcheck": 1, "claims": [...]}: a claim file of skeletons, one claim
// per record, ready to paste or to save beside the dossier's claims.
std::string skeletons_json(const std::vector<claim_skeleton>& skeletons);

}  // namespace claimcheck::report
