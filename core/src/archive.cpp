// SPDX-License-Identifier: MIT
#include "claimcheck/archive.hpp"

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

archive_result extract_articles(std::istream& in, const std::string& file,
                                const archive_options& options, report::mention_writer& writer,
                                const problem_sink& on_problem, std::size_t first_line) {
  archive_result result;
  auto on_article = [&](const article& a) {
    writer.begin_article(a);
    bool text_error = false;
    mention_scanner scanner(
        options.scan,
        [&](const mention& m) {
          ++result.mentions;
          ++result.mentions_by_kind[m.kind];
          return writer.write(m);
        },
        [&](const scan_issue& issue) {
          if (issue.level == severity::error) {
            ++result.text_errors;
            text_error = true;
          }
          on_problem(article_text_problem(a, issue));
        });
    const bool written = scanner.feed(a.text) && scanner.finish();
    if (text_error) ++result.articles_with_errors;
    if (!written || !writer.ok()) {
      result.output_closed = true;
      return false;
    }
    if (text_error && options.strict) {
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
  return result;
}

archive_result scan_articles(std::istream& in, const std::string& file,
                             const archive_options& options,
                             const report::scan_report_options& report_options, std::ostream& out,
                             const problem_sink& on_problem, std::size_t first_line) {
  archive_result result;
  auto on_article = [&](const article& a) {
    relation_scan_result scanned = scan_relations(a.text, a.file, options.scan);
    bool text_error = false;
    for (const auto& issue : scanned.issues) {
      if (issue.level == severity::error) {
        ++result.text_errors;
        text_error = true;
      }
      on_problem(article_text_problem(a, issue));
    }
    if (text_error) ++result.articles_with_errors;
    for (const auto& f : scanned.findings) {
      ++result.findings_by_kind[to_string(f.kind)][to_string(f.outcome)];
    }
    relation_summary s = summarise({scanned});
    result.findings.total += s.total;
    result.findings.pass += s.pass;
    result.findings.fail += s.fail;
    result.findings.inconclusive += s.inconclusive;
    out << report::scan_findings_jsonl(scanned, a, report_options);
    if (!out) {
      result.output_closed = true;
      return false;
    }
    if (text_error && options.strict) {
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
  return result;
}

}  // namespace claimcheck
