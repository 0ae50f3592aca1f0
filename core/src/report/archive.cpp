// SPDX-License-Identifier: MIT
#include "claimcheck/report/archive.hpp"

#include <istream>
#include <ostream>

namespace claimcheck {

diagnostic article_text_problem(const article& a, const scan_issue& issue) {
  diagnostic d;
  d.level = issue.level;
  d.code = issue.code;
  d.where.file = a.file;
  d.where.line = static_cast<int>(a.line);
  // No column: the problem is inside the decoded text, whose own line and
  // column are in the message (the JSON string's escapes would shift them).
  d.message = "article " + a.id_json + ", text " + std::to_string(issue.line) + ":" +
              std::to_string(issue.column) + ": " + issue.message;
  return d;
}

namespace {

// What one article's work reports back to the loop over articles.
struct article_outcome {
  bool written = true;      // false: the output failed (a closed pipe)
  bool text_error = false;  // an error inside the article's text
};

// The loop both commands share: reads the articles, runs `work` on each,
// counts articles with errors, and stops where the output fails or, with
// --strict, at the first bad line or text error.
template <typename Work>
void each_article(std::istream& in, const std::string& file, const archive_options& options,
                  const problem_sink& on_problem, std::size_t first_line, archive_result& result,
                  Work work) {
  auto on_article = [&](const article& a) {
    const article_outcome outcome = work(a);
    if (outcome.text_error) ++result.articles_with_errors;
    if (!outcome.written) {
      result.output_closed = true;
      return false;
    }
    if (outcome.text_error && options.strict) {
      result.stopped_by_strict = true;
      return false;
    }
    return true;
  };
  auto on_bad_line = [&](const diagnostic& d) {
    on_problem(d);
    if (options.strict) result.stopped_by_strict = true;
    return !options.strict;
  };
  result.input = read_articles(in, file, options.limits, on_article, on_bad_line, first_line);
}

// Reports an article's text problem; true for an error.
bool report_issue(const article& a, const scan_issue& issue, archive_result& result,
                  const problem_sink& on_problem) {
  const bool error = issue.level == severity::error;
  if (error) ++result.text_errors;
  on_problem(article_text_problem(a, issue));
  return error;
}

}  // namespace

archive_result extract_articles(std::istream& in, const std::string& file,
                                const archive_options& options, report::mention_writer& writer,
                                const problem_sink& on_problem, std::size_t first_line) {
  archive_result result;
  each_article(in, file, options, on_problem, first_line, result, [&](const article& a) {
    writer.begin_article(a);
    article_outcome outcome;
    mention_scanner scanner(
        options.scan,
        [&](const mention& m) {
          ++result.mentions;
          ++result.mentions_by_kind[m.kind];
          return writer.write(m);
        },
        [&](const scan_issue& issue) {
          if (report_issue(a, issue, result, on_problem)) outcome.text_error = true;
        });
    outcome.written = scanner.feed(a.text) && scanner.finish() && writer.ok();
    return outcome;
  });
  return result;
}

archive_result scan_articles(std::istream& in, const std::string& file,
                             const archive_options& options,
                             const report::scan_report_options& report_options, std::ostream& out,
                             const problem_sink& on_problem, std::size_t first_line) {
  archive_result result;
  each_article(in, file, options, on_problem, first_line, result, [&](const article& a) {
    relation_scan_result scanned = scan_relations(a.text, a.file, options.scan);
    article_outcome outcome;
    for (const auto& issue : scanned.issues) {
      if (report_issue(a, issue, result, on_problem)) outcome.text_error = true;
    }
    for (const auto& f : scanned.findings) {
      ++result.findings_by_kind[to_string(f.kind)][to_string(f.outcome)];
    }
    relation_summary s = summarise({scanned});
    result.findings.total += s.total;
    result.findings.pass += s.pass;
    result.findings.fail += s.fail;
    result.findings.inconclusive += s.inconclusive;
    out << report::scan_findings_jsonl(scanned, a, report_options);
    outcome.written = static_cast<bool>(out);
    return outcome;
  });
  return result;
}

}  // namespace claimcheck
