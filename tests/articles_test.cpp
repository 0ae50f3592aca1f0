// SPDX-License-Identifier: MIT
// Articles as JSON Lines (articles.hpp): each line an article or a located
// diagnostic; every line counted once; nothing held beyond one line.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "claimcheck/articles.hpp"

using namespace claimcheck;

namespace {

std::variant<std::monostate, article, diagnostic> parse(std::string_view line,
                                                        const input_limits& limits = {}) {
  return parse_article_line(line, "shard.jsonl", 7, limits);
}

}  // namespace

TEST_CASE("A good line gives the id, text, language and the other members as written") {
  struct row {
    std::string line, id, id_json, text, language, extra;
  };
  const std::vector<row> rows = {
      {R"({"id": "a1", "text": "約2萬美元", "language": "zh"})", "a1", R"("a1")", "約2萬美元", "zh",
       ""},
      {R"({"text": "3 GPUs", "id": 42})", "42", "42", "3 GPUs", "", ""},
      {R"({"id": -7, "text": ""})", "-7", "-7", "", "", ""},
      {R"({"id": "q\"1", "text": "a\nb\u00e9"})", "q\"1", R"("q\"1")", "a\nb\xC3\xA9", "", ""},
      // Other members keep their order and their numbers exactly as written.
      {R"({"url": "http://x", "id": "b", "n": [1, 2.50, 1e3], "text": "t", "m": {"k": null}})", "b",
       R"("b")", "t", "", R"({"url":"http://x","n":[1,2.50,1e3],"m":{"k":null}})"},
      {"\t{\"id\":\"c\",\"text\":\"x\",\"ok\":true}  \r", "c", R"("c")", "x", "", R"({"ok":true})"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.line);
    auto parsed = parse(r.line);
    REQUIRE(std::holds_alternative<article>(parsed));
    const auto& a = std::get<article>(parsed);
    CHECK(a.file == "shard.jsonl");
    CHECK(a.line == 7);
    CHECK(a.id == r.id);
    CHECK(a.id_json == r.id_json);
    CHECK(a.text == r.text);
    CHECK(a.language == r.language);
    CHECK(a.extra_json == r.extra);
  }
}

TEST_CASE("A bad line is a diagnostic with its code, line and column") {
  struct row {
    std::string line, code;
    int column;
  };
  const std::vector<row> rows = {
      {"not json", "json.syntax", 2},
      {R"({"id": "a", "text": "x",})", "json.syntax", 25},
      {R"({"id": "a", "text": "x"} {})", "json.syntax", 26},
      {"{\"id\": \"a\", \"text\": \"\xFF\"}", "json.encoding", 22},
      {"{\"id\": \"a\", \"text\": \"tab\there\"}", "json.syntax", 25},
      {R"([{"id": "a", "text": "x"}])", "article.not_object", 1},
      {R"("text")", "article.not_object", 1},
      {R"({"text": "x"})", "article.id", 1},
      {R"({"id": "", "text": "x"})", "article.id", 8},
      {R"({"id": 1.5, "text": "x"})", "article.id", 8},
      {R"({"id": null, "text": "x"})", "article.id", 8},
      {R"({"id": ["a"], "text": "x"})", "article.id", 8},
      {R"({"id": "a"})", "article.text", 1},
      {R"({"id": "a", "text": 5})", "article.text", 21},
      {R"({"id": "a", "text": {"zh": "x"}})", "article.text", 21},
      {R"({"id": "a", "text": "x", "language": 1})", "article.language", 38},
      {R"({"id": "a", "text": "x", "id": "b"})", "article.duplicate_key", 32},
      {R"({"id": "甲", "text": "x", "text": "y"})", "article.duplicate_key", 34},
  };
  for (const auto& r : rows) {
    CAPTURE(r.line);
    auto parsed = parse(r.line);
    REQUIRE(std::holds_alternative<diagnostic>(parsed));
    const auto& d = std::get<diagnostic>(parsed);
    CHECK(d.code == r.code);
    CHECK(d.where.file == "shard.jsonl");
    CHECK(d.where.line == 7);
    CHECK(d.where.column == r.column);
  }
}

// A line of JSON Lines and a claim file say one mistake in the same words
// (json_syntax.hpp): a missing ':' or ']' read as RapidJSON's own English
// in articles before.
TEST_CASE("A syntax error in a line reads as it does in a claim file") {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {R"({"id" "a", "text": "x"})", "expected ':' after the key"},
      {R"({"id": "a", "text": "x", "tags": ["a" "b"]})", "expected ',' or ']' after this element"},
      {R"({"id": "a", "text": "x"} {})",
       "text after the end of the object; JSON Lines has one article per line"},
  };
  for (const auto& [line, message] : rows) {
    CAPTURE(line);
    auto parsed = parse(line);
    REQUIRE(std::holds_alternative<diagnostic>(parsed));
    CHECK(std::get<diagnostic>(parsed).code == "json.syntax");
    CHECK(std::get<diagnostic>(parsed).message == message);
  }
}

TEST_CASE("Nesting past max_json_depth is refused, not recursed into") {
  input_limits limits;
  limits.max_json_depth = 4;
  auto ok = parse(R"({"id": "a", "text": "x", "m": [[["deep"]]]})", limits);
  CHECK(std::holds_alternative<article>(ok));
  auto deep = parse(R"({"id": "a", "text": "x", "m": [[[["deeper"]]]]})", limits);
  REQUIRE(std::holds_alternative<diagnostic>(deep));
  CHECK(std::get<diagnostic>(deep).code == "json.depth");
  // A million brackets: one diagnostic, no stack overflow.
  std::string hostile = R"({"id": "a", "text": "x", "m": )" + std::string(1000000, '[');
  auto refused = parse(hostile);
  REQUIRE(std::holds_alternative<diagnostic>(refused));
  CHECK(std::get<diagnostic>(refused).code == "json.depth");
}

TEST_CASE("Blank lines are neither articles nor errors") {
  for (std::string line : {"", "   ", "\t\r"}) {
    CHECK(std::holds_alternative<std::monostate>(parse(line)));
  }
}

TEST_CASE("A stream counts every line once and goes on after a bad line") {
  const std::string input =
      "\xEF\xBB\xBF{\"id\": \"a\", \"text\": \"1\"}\n"
      "\n"
      "{oops}\n"
      "{\"id\": \"b\", \"text\": \"2\"}\r\n"
      "{\"id\": \"c\", \"text\": \"3\"}";  // no final line break
  std::istringstream in(input);
  std::vector<std::string> ids;
  std::vector<std::size_t> lines;
  std::vector<diagnostic> problems;
  auto counts = read_articles(
      in, "s.jsonl", input_limits{},
      [&](const article& a) {
        ids.push_back(a.id);
        lines.push_back(a.line);
        return true;
      },
      [&](const diagnostic& d) {
        problems.push_back(d);
        return true;
      });
  CHECK(ids == std::vector<std::string>{"a", "b", "c"});
  CHECK(lines == std::vector<std::size_t>{1, 4, 5});
  REQUIRE(problems.size() == 1);
  CHECK(format_diagnostic(problems[0]).rfind("s.jsonl:3:2: error: [json.syntax]", 0) == 0);
  CHECK(counts.lines == 5);
  CHECK(counts.articles == 3);
  CHECK(counts.bad_lines == 1);
  CHECK(counts.blank_lines == 1);
  CHECK(counts.bytes == input.size());
}

TEST_CASE("A line over max_file_bytes is skipped with article.too_long, and the next is read") {
  input_limits limits;
  limits.max_file_bytes = 100;
  const std::string long_line = "{\"id\": \"big\", \"text\": \"" + std::string(300000, 'x') + "\"}";
  std::istringstream in(long_line + "\n{\"id\": \"small\", \"text\": \"x\"}\n");
  std::vector<std::string> ids;
  std::vector<std::string> codes;
  auto counts = read_articles(
      in, "s.jsonl", limits,
      [&](const article& a) {
        ids.push_back(a.id);
        return true;
      },
      [&](const diagnostic& d) {
        codes.push_back(d.code + "@" + std::to_string(d.where.line));
        return true;
      },
      10);
  CHECK(ids == std::vector<std::string>{"small"});
  CHECK(codes == std::vector<std::string>{"article.too_long@10"});
  CHECK(counts.lines == 2);
}

TEST_CASE("A sink that returns false stops the stream") {
  std::istringstream in("{oops}\n{\"id\": \"a\", \"text\": \"1\"}\n");
  std::size_t articles = 0;
  auto counts = read_articles(
      in, "s.jsonl", input_limits{},
      [&](const article&) {
        ++articles;
        return true;
      },
      [](const diagnostic&) { return false; });
  CHECK(articles == 0);
  CHECK(counts.lines == 1);
  CHECK(counts.bad_lines == 1);
}
