// SPDX-License-Identifier: MIT
// Extraction over JSON Lines articles (archive.hpp): the records of an
// article are the records of its text alone plus the article's members.
#include <catch2/catch.hpp>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "claimcheck/report/archive.hpp"
#include "claimcheck/report/mentions.hpp"
#include "claimcheck/report/scan_report.hpp"
#include "claimcheck/scan.hpp"
#include "claimcheck/scanner.hpp"

using namespace claimcheck;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

struct run {
  archive_result result;
  std::vector<std::string> records;
  std::vector<std::string> problems;
};

run extract(const std::string& input, bool strict = false) {
  std::istringstream in(input);
  std::ostringstream out;
  report::mention_writer writer(out, report::mention_format::jsonl);
  writer.begin_file("s.jsonl");
  archive_options options;
  options.strict = strict;
  run r;
  r.result = extract_articles(in, "s.jsonl", options, writer, [&](const diagnostic& d) {
    r.problems.push_back(format_diagnostic(d));
  });
  writer.end_file();
  writer.finish();
  r.records = lines_of(out.str());
  return r;
}

}  // namespace

TEST_CASE("An article's records are its text's mentions with the article's members spliced in") {
  const std::string text = "整體開銷約2萬美元。\n第二行有超过300家企业和3.5%。";
  const std::string line =
      R"({"id": "a1", "text": "整體開銷約2萬美元。\n第二行有超过300家企业和3.5%。", "language": "zh", "url": "u"})";
  auto r = extract("\n" + line + "\n");
  const auto alone = scan_text(text);
  REQUIRE(alone.size() >= 3);
  REQUIRE(r.records.size() == alone.size());
  for (std::size_t k = 0; k < alone.size(); ++k) {
    // {report, format_version, "file":"s.jsonl", + article members + the fields of
    // the bare mention + article_fields}
    const std::string bare = report::mention_json(alone[k], "");
    const std::string expected =
        R"({"report":"extract","format_version":1,"file":"s.jsonl","input_line":2,)"
        R"("article":"a1","language":"zh",)" +
        bare.substr(1, bare.size() - 2) + R"(,"article_fields":{"url":"u"}})";
    CHECK(r.records[k] == expected);
  }
  CHECK(r.result.input.articles == 1);
  CHECK(r.result.mentions == alone.size());
  std::map<mention_kind, std::size_t> by_kind;
  for (const auto& m : alone) ++by_kind[m.kind];
  CHECK(r.result.mentions_by_kind == by_kind);
  CHECK_FALSE(r.result.invalid());
}

TEST_CASE("Bad lines are reported and skipped, and every line is counted once") {
  auto r = extract(
      "{\"id\": 1, \"text\": \"3个\"}\n"
      "{\"id\": 2}\n"
      "\n"
      "{\"id\": 3, \"text\": \"4个\"}\n");
  CHECK(r.records.size() == 2);
  CHECK(r.problems ==
        std::vector<std::string>{"s.jsonl:2:1: error: [article.text] the article has no \"text\""});
  const auto& c = r.result.input;
  CHECK(c.lines == 4);
  CHECK(c.articles + c.bad_lines + c.blank_lines == c.lines);
  CHECK(r.result.invalid());
}

TEST_CASE("A problem inside an article's text is located at its line, with the text's line:col") {
  // The JSON reader already refuses text that is not UTF-8 (json.encoding,
  // or json.syntax for an unpaired surrogate escape), so what the scanner
  // can still find is an over-long numeral: a warning, and the scan goes on.
  auto r = extract("{\"id\": \"x\", \"text\": \"ab\\n " + std::string(100, '1') + " 8\"}\n");
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].rfind(
            "s.jsonl:1: warning: [scan.mention_too_long] article \"x\", text 2:2: a numeral", 0) ==
        0);
  CHECK(r.result.text_errors == 0);
  CHECK_FALSE(r.result.invalid());
  CHECK(r.records.size() == 2);
}

TEST_CASE("Strict mode stops at the first bad line") {
  auto r = extract("{\"id\": 1, \"text\": \"3个\"}\n{bad}\n{\"id\": 3, \"text\": \"4个\"}\n", true);
  CHECK(r.records.size() == 1);
  CHECK(r.problems.size() == 1);
  CHECK(r.result.stopped_by_strict);
  CHECK(r.result.input.lines == 2);
}

TEST_CASE("An article's findings are its text's findings with the article's members spliced in") {
  const std::string text =
      "Revenue rose 25% to $54 million from $50 million.\nRevenue rose 8% to $54 million from $50 "
      "million.";
  const std::string line =
      R"({"id": "n1", "language": "en", "text": "Revenue rose 25% to $54 million from $50 million.\nRevenue rose 8% to $54 million from $50 million.", "url": "u"})";
  std::istringstream in(line + "\n{bad}\n");
  std::ostringstream out;
  report::scan_report_options all;
  all.all = true;
  std::vector<std::string> problems;
  archive_result r = scan_articles(in, "s.jsonl", archive_options{}, all, out,
                                   [&](const diagnostic& d) { problems.push_back(d.code); });
  const auto alone = lines_of(report::scan_report_jsonl({scan_relations(text, "s.jsonl")}, all));
  REQUIRE(alone.size() == 2);
  const auto records = lines_of(out.str());
  REQUIRE(records.size() == alone.size());
  const std::string file_member = R"({"report":"scan","format_version":1,"file":"s.jsonl",)";
  for (std::size_t k = 0; k < alone.size(); ++k) {
    REQUIRE(alone[k].rfind(file_member, 0) == 0);
    const std::string expected =
        file_member + R"("input_line":1,"article":"n1","article_language":"en",)" +
        alone[k].substr(file_member.size(), alone[k].size() - file_member.size() - 1) +
        R"(,"article_fields":{"url":"u"}})";
    CHECK(records[k] == expected);
  }
  CHECK(r.findings.total == 2);
  CHECK(r.findings.fail == 1);
  CHECK(r.findings_by_kind["change"]["fail"] == 1);
  CHECK(r.findings_by_kind["change"]["pass"] == 1);
  CHECK(problems == std::vector<std::string>{"json.syntax"});
  CHECK(r.input.lines == 2);
}
