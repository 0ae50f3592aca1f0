// SPDX-License-Identifier: MIT
// Extraction over an archive of articles in JSON Lines: the one loop that
// `claimcheck extract --input-format jsonl` and the Python module's
// extract_jsonl (which scripts/archive-scan runs in each Dask worker) share,
// so that one article gives the same records whichever way it is read.
//
// Example:
//   std::istringstream in(R"({"id": "a1", "text": "約2萬美元", "language": "zh"})" "\n");
//   report::mention_writer writer(std::cout, report::mention_format::jsonl);
//   writer.begin_file("shard-0.jsonl");
//   archive_result r = extract_articles(in, "shard-0.jsonl", {}, writer, print);
//   // one record: {"file":"shard-0.jsonl","input_line":1,"article":"a1","language":"zh",
//   //              "line":1,"column":1,...,"surface":"約2萬美元",...}
//   // r.input.articles == 1, r.mentions == 1
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <map>
#include <string>

#include "claimcheck/articles.hpp"
#include "claimcheck/diagnostic.hpp"
#include "claimcheck/limits.hpp"
#include "claimcheck/report/mentions.hpp"
#include "claimcheck/report/scan_report.hpp"
#include "claimcheck/scan.hpp"
#include "claimcheck/scanner.hpp"

namespace claimcheck {

struct archive_options {
  scan_options scan;
  input_limits limits;  // max_file_bytes bounds one line, max_json_depth its nesting
  bool strict = false;  // stop at the first bad line or text error
};

struct archive_result {
  article_counts input;      // lines, articles, bad lines, blank lines, bytes
  std::size_t mentions = 0;  // records written
  std::map<mention_kind, std::size_t> mentions_by_kind;
  // scan_articles: the findings written, and their outcomes by kind
  // ("change" -> {"pass": 3, "fail": 1}).
  relation_summary findings;
  std::map<std::string, std::map<std::string, std::size_t>> findings_by_kind;
  std::size_t text_errors = 0;  // scan errors inside article texts
  std::size_t articles_with_errors = 0;
  bool output_closed = false;      // the writer failed (a closed pipe): stopped
  bool stopped_by_strict = false;  // --strict stopped at a problem

  // Whether the input had an error (a bad line, or an error in a text).
  bool invalid() const { return input.bad_lines > 0 || text_errors > 0; }
};

// Receives each problem: a bad line (FILE:LINE:COL: error: [code] ...) or a
// problem in an article's text (FILE:LINE: error: [utf8.invalid] article
// "a1", text 3:5: ...).
using problem_sink = std::function<void(const diagnostic&)>;

// Reads JSONL articles from `in` and writes the mentions of each to
// `writer`, whose begin_file(file) the caller has called. Bad lines are
// reported and skipped (or stop the run with options.strict).
archive_result extract_articles(std::istream& in, const std::string& file,
                                const archive_options& options, report::mention_writer& writer,
                                const problem_sink& on_problem, std::size_t first_line = 1);

// The same loop for `scan`: the relations each article states, checked
// (scan_relations), written to `out` as scan_findings_jsonl lines. Counts
// every finding (in `findings`), listed or not.
archive_result scan_articles(std::istream& in, const std::string& file,
                             const archive_options& options,
                             const report::scan_report_options& report_options, std::ostream& out,
                             const problem_sink& on_problem, std::size_t first_line = 1);

// A problem of an article's text, located at the article's line of `file`.
diagnostic article_text_problem(const article& a, const scan_issue& issue);

}  // namespace claimcheck
