// SPDX-License-Identifier: MIT
// The JSON contracts for programs: every --format json output (and each line
// of the JSON Lines ones) passes its JSON Schema in docs/schema/, and every
// JSON document says which report it is and carries format_version 1.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace fs = std::filesystem;

namespace {

using claimcheck::test::read_file;

// stdout of claimcheck ARGUMENTS, run in the source folder.
std::string run_tool(const std::string& arguments) {
  return claimcheck::test::run_tool(arguments, CLAIMCHECK_SOURCE_DIR).out;
}

// The first violation of `schema_file` by `json`, or "" when it passes.
std::string violation(const std::string& schema_file, const std::string& json) {
  rapidjson::Document schema_doc;
  schema_doc.Parse(
      read_file(fs::path(CLAIMCHECK_SOURCE_DIR) / "docs" / "schema" / schema_file).c_str());
  REQUIRE_FALSE(schema_doc.HasParseError());
  rapidjson::SchemaDocument schema(schema_doc);
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  if (doc.HasParseError()) return "not JSON";
  rapidjson::SchemaValidator validator(schema);
  if (doc.Accept(validator)) return "";
  rapidjson::StringBuffer where, what;
  validator.GetInvalidSchemaPointer().StringifyUriFragment(where);
  validator.GetInvalidDocumentPointer().StringifyUriFragment(what);
  return std::string("keyword ") + validator.GetInvalidSchemaKeyword() + " at schema " +
         where.GetString() + ", document " + what.GetString();
}

enum class shape { document, json_lines };

struct contract {
  const char* arguments;
  const char* schema;
  const char* report;  // the "report" value of the document, or of each line
  shape form = shape::document;
};

const contract contracts[] = {
    {"validate claims/ --format json", "diagnostics.schema.json", "diagnostics"},
    {"validate tests/data/conformance/bad --format json", "diagnostics.schema.json", "diagnostics"},
    {"check tests/data/conformance/bad --format json", "diagnostics.schema.json", "diagnostics"},
    {"check claims/ --format json", "check-report.schema.json", "check"},
    {"check tests/data/ecosystem/newsroom --format json", "check-report.schema.json", "check"},
    {"derive claims/ --format json", "derive-report.schema.json", "derive"},
    {"explain coreweave.full_training_possible claims/waic-2023 --format json",
     "explain-report.schema.json", "explain"},
    {"explain coreweave.gpu_hours claims/waic-2023 --format json", "explain-report.schema.json",
     "explain"},
    {"explain coreweave.gpus claims/waic-2023 --format json", "explain-report.schema.json",
     "explain"},
    {"trend claims/ --format json", "trend-report.schema.json", "trend"},
    {"coverage claims/ --format json", "coverage-report.schema.json", "coverage"},
    {"coverage tests/data/ecosystem/newsroom --format json", "coverage-report.schema.json",
     "coverage"},
    {"extract claims/waic-2023/article.txt --format json", "extract-report.schema.json", "extract"},
    {"extract claims/waic-2023/article.txt --format jsonl", "extract-mention.schema.json",
     "extract", shape::json_lines},
    {"scan claims/waic-2023/article.txt --format json", "scan-report.schema.json", "scan"},
    {"scan tests/data/contracts/arithmetic.txt --format json --all", "scan-report.schema.json",
     "scan"},
    {"scan tests/data/contracts/arithmetic.txt --format jsonl --all", "scan-finding.schema.json",
     "scan", shape::json_lines},
};

}  // namespace

TEST_CASE("Every JSON output passes its schema and carries its report name and format_version") {
  for (const auto& c : contracts) {
    CAPTURE(c.arguments, c.schema);
    const std::string out = run_tool(c.arguments);
    REQUIRE_FALSE(out.empty());
    std::vector<std::string> documents;
    if (c.form == shape::json_lines) {
      // Each line stands alone, so each names its report and format_version.
      std::istringstream lines(out);
      for (std::string line; std::getline(lines, line);) documents.push_back(line);
    } else {
      documents.push_back(out);
    }
    CHECK_FALSE(documents.empty());
    for (const std::string& json : documents) {
      CAPTURE(json);
      CHECK(violation(c.schema, json).empty());
      rapidjson::Document doc;
      doc.Parse(json.c_str());
      REQUIRE(doc.IsObject());
      REQUIRE(doc.HasMember("report"));
      REQUIRE(doc.HasMember("format_version"));
      CHECK(std::string(doc["report"].GetString()) == c.report);
      CHECK(doc["format_version"].GetInt() == 1);
    }
  }
}

TEST_CASE("A schema refuses output that breaks its contract") {
  // Without format_version, and with a dossier's checks that are not a list.
  CHECK_FALSE(
      violation("check-report.schema.json", R"({"report": "check", "dossiers": []})").empty());
  // A line of JSON Lines without its report name and format_version.
  const std::string lines = run_tool("extract claims/waic-2023/article.txt --format jsonl");
  const std::string first = lines.substr(0, lines.find('\n'));
  const std::string lead = R"({"report":"extract","format_version":1,)";
  REQUIRE(first.rfind(lead, 0) == 0);
  CHECK(violation("extract-mention.schema.json", first).empty());
  CHECK_FALSE(violation("extract-mention.schema.json", "{" + first.substr(lead.size())).empty());
  CHECK_FALSE(violation("diagnostics.schema.json",
                        R"({"report": "diagnostics", "format_version": 1, "version": 1,
                            "valid": "no", "diagnostics": [], "summary": {}})")
                  .empty());
}

TEST_CASE("extract - reads the text from standard input") {
  const std::string from_file = run_tool("extract claims/waic-2023/article.txt --format jsonl");
  const std::string from_stdin =
      run_tool("extract - --format jsonl < claims/waic-2023/article.txt");
  REQUIRE_FALSE(from_stdin.empty());
  // The same mentions, under the name <stdin>.
  std::string renamed = from_file;
  const std::string name = "\"file\":\"claims/waic-2023/article.txt\"";
  for (std::size_t at; (at = renamed.find(name)) != std::string::npos;)
    renamed.replace(at, name.size(), "\"file\":\"<stdin>\"");
  CHECK(from_stdin == renamed);
}
