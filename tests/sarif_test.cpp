// SPDX-License-Identifier: MIT
// Tests of the CI outputs: SARIF 2.1.0 (report/sarif.hpp), GitHub workflow
// commands (report/github.hpp), the rule catalogue they share
// (report/rule_catalog.hpp), and, through scripts/check-sarif, validation
// of real output against the official SARIF schema by ajv.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <rapidjson/document.h>

#include "claimcheck/checks.hpp"
#include "claimcheck/evaluate.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/report/annotations.hpp"
#include "claimcheck/report/check_stream.hpp"
#include "claimcheck/report/format.hpp"
#include "claimcheck/report/github.hpp"
#include "claimcheck/report/rule_catalog.hpp"
#include "claimcheck/report/sarif.hpp"
#include "claimcheck/trends.hpp"
#include "support.hpp"
#include "whole_corpus.hpp"

namespace fs = std::filesystem;
using namespace claimcheck;

namespace {

using claimcheck::test::read_file;
using claimcheck::test::run_output;

// Runs the tool from the source folder, so that paths are repository paths.
run_output run_tool(const std::string& arguments) {
  return claimcheck::test::run_tool(arguments, CLAIMCHECK_SOURCE_DIR);
}

// The line (1-based) of the first occurrence of `needle` in a file.
int line_of(const fs::path& file, const std::string& needle) {
  std::ifstream in(file);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find(needle) != std::string::npos) return n;
  }
  return 0;
}

struct checked {
  load_result loaded;
  std::vector<std::unique_ptr<evaluator>> evaluators;
  std::vector<check_run> runs;
};

std::unique_ptr<checked> check_dossier(const std::string& name) {
  auto c = std::make_unique<checked>();
  c->loaded = load_paths({fs::path(CLAIMCHECK_TEST_DATA) / "ecosystem" / name}, {});
  for (const auto& d : c->loaded.dossiers) {
    c->evaluators.push_back(std::make_unique<evaluator>(d));
    c->runs.push_back(run_checks(d, *c->evaluators.back()));
  }
  return c;
}

// Codes in backticks in the first cell of Markdown table rows.
std::set<std::string> documented_codes(const fs::path& doc) {
  std::set<std::string> codes;
  std::ifstream in(doc);
  std::string line;
  const std::regex code("`([a-z0-9_]+\\.[a-z0-9_]+)`");
  while (std::getline(in, line)) {
    if (line.rfind("| `", 0) != 0) continue;
    std::string first_cell = line.substr(0, line.find('|', 1));
    for (std::sregex_iterator it(first_cell.begin(), first_cell.end(), code), end; it != end; ++it)
      codes.insert((*it)[1]);
  }
  return codes;
}

}  // namespace

TEST_CASE("GitHub workflow commands escape data and properties as the runner expects") {
  struct row {
    const char* input;
    const char* data;
    const char* property;
  };
  const row rows[] = {
      {"plain text", "plain text", "plain text"},
      {"100%", "100%25", "100%25"},
      {"a\nb", "a%0Ab", "a%0Ab"},
      {"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
      {"x: y, z", "x: y, z", "x%3A y%2C z"},
      {"dir,with:odd/name.json", "dir,with:odd/name.json", "dir%2Cwith%3Aodd/name.json"},
      {"%0A", "%250A", "%250A"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.input);
    CHECK(report::github_escape_data(r.input) == r.data);
    CHECK(report::github_escape_property(r.input) == r.property);
  }
}

TEST_CASE("GitHub annotations map severities to error warning and notice") {
  diagnostics list = {
      {severity::error,
       "unit.unknown",
       {"claims/a.json", 12, 18, "/claims/3/unit"},
       "unknown unit"},
      {severity::warning, "rule.secondary_only", {"claims/b.json", 3, 5, ""}, "only secondary"},
      {severity::note, "rule.unused_figure", {"claims/c.json", 0, 0, ""}, "unused"},
  };
  std::string text = report::github_annotations(list);
  CHECK(text ==
        "::error file=claims/a.json,line=12,col=18,title=unit.unknown::unknown unit\n"
        "::warning file=claims/b.json,line=3,col=5,title=rule.secondary_only::only secondary\n"
        "::notice file=claims/c.json,title=rule.unused_figure::unused\n");
}

TEST_CASE("Paths become relative URI references with percent-encoding") {
  CHECK(report::path_to_uri("claims/waic-2023/claims.json") == "claims/waic-2023/claims.json");
  CHECK(report::path_to_uri("a b/\xC3\xA9.json") == "a%20b/%C3%A9.json");
  CHECK(report::path_to_uri("/abs/x#y.json") == "file:///abs/x%23y.json");
  CHECK(report::repository_path("claims/x.json", fs::current_path()) == "claims/x.json");
  CHECK(report::repository_path((fs::current_path() / "a" / "b.json").string()) == "a/b.json");
  CHECK(report::repository_path("/elsewhere/b.json", "/work") == "/elsewhere/b.json");
}

TEST_CASE("The rule catalogue covers every code the documents list") {
  const fs::path docs = fs::path(CLAIMCHECK_SOURCE_DIR) / "docs";
  std::set<std::string> codes = documented_codes(docs / "claim-format.md");
  for (const auto& c : documented_codes(docs / "rules.md")) codes.insert(c);
  REQUIRE(codes.size() > 40);
  for (const auto& code : codes) {
    CAPTURE(code);
    CHECK(report::is_catalogued(code));
  }
  std::set<std::string> seen;
  for (const auto& rule : report::rule_catalog()) {
    CAPTURE(rule.id);
    CHECK(seen.insert(rule.id).second);
    CHECK_FALSE(rule.short_description.empty());
    CHECK_FALSE(rule.help.empty());
  }
}

TEST_CASE("A schema keyword code gets a generated rule of the schema family") {
  report::rule_info r = report::describe_rule("schema.required");
  CHECK(r.id == "schema.required");
  CHECK(r.short_description.find("required") != std::string::npos);
  CHECK(report::describe_rule("made.up").id == "made.up");
}

TEST_CASE("SARIF of a dossier with unexpected outcomes has rules results and locations") {
  auto c = check_dossier("unexpected");
  REQUIRE(c->loaded.ok());
  diagnostics found = report::check_diagnostics(c->runs);
  REQUIRE(found.size() == 2);
  const fs::path file =
      fs::path(CLAIMCHECK_TEST_DATA) / "ecosystem" / "unexpected" / "dossier.json";
  CHECK(found[0].code == "check.unexpected");
  CHECK(found[0].level == severity::error);
  CHECK(found[0].where.line == line_of(file, "\"a.count > b.count\""));
  CHECK(found[0].message.find("a_exceeds_b: fail, expected pass (short by 3x).") == 0);
  CHECK(found[1].level == severity::warning);

  report::sarif_options options;
  options.base = CLAIMCHECK_SOURCE_DIR;
  std::string text = report::sarif_log(found, options);
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(std::string(doc["version"].GetString()) == "2.1.0");
  const auto& run = doc["runs"][0];
  const auto& driver = run["tool"]["driver"];
  CHECK(std::string(driver["name"].GetString()) == "claimcheck");
  CHECK(driver.HasMember("version"));
  CHECK(driver.HasMember("semanticVersion"));
  const auto& rules = driver["rules"];
  CHECK(rules.Size() == report::rule_catalog().size());
  for (const auto& rule : rules.GetArray()) {
    CHECK(rule.HasMember("id"));
    CHECK(rule["shortDescription"].HasMember("text"));
    CHECK(rule["help"].HasMember("text"));
  }
  const auto& results = run["results"];
  REQUIRE(results.Size() == 2);
  for (const auto& r : results.GetArray()) {
    std::string rule_id = r["ruleId"].GetString();
    CHECK(std::string(rules[r["ruleIndex"].GetUint()]["id"].GetString()) == rule_id);
    CHECK(std::set<std::string>{"error", "warning", "note"}.count(r["level"].GetString()) == 1);
    CHECK(r["message"].HasMember("text"));
    const auto& where = r["locations"][0]["physicalLocation"];
    CHECK(std::string(where["artifactLocation"]["uri"].GetString()) ==
          "tests/data/ecosystem/unexpected/dossier.json");
    CHECK(std::string(where["artifactLocation"]["uriBaseId"].GetString()) == "%SRCROOT%");
    CHECK(where["region"]["startLine"].GetInt() > 1);
    CHECK(where["region"]["startColumn"].GetInt() >= 1);
  }
}

TEST_CASE("check --format sarif reports invalid input at the value at fault and exits 2") {
  run_output r = run_tool("check tests/data/ecosystem/invalid --format sarif");
  CHECK(r.exit_code == 2);
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  const auto& results = doc["runs"][0]["results"];
  REQUIRE(results.Size() == 2);
  CHECK(std::string(results[0]["ruleId"].GetString()) == "unit.unknown");
  CHECK(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"].GetInt() == 5);
  CHECK(results[0]["locations"][0]["physicalLocation"]["region"]["startColumn"].GetInt() == 63);
  CHECK(std::string(results[1]["ruleId"].GetString()) == "field.unknown");
}

TEST_CASE("check --format github annotates the assert of an unexpected outcome") {
  run_output r = run_tool("check tests/data/ecosystem/unexpected --format github");
  CHECK(r.exit_code == 1);
  // Line 11, column 38: the opening quote of the check's "assert" value.
  CHECK(r.out.find("::error file=tests/data/ecosystem/unexpected/dossier.json,line=11"
                   ",col=38,title=check.unexpected::a_exceeds_b: fail, expected pass (short by "
                   "3x). 100%25 of a: more than b,%0Asaid the report\n") != std::string::npos);
  CHECK(r.out.find("::warning file=tests/data/ecosystem/unexpected/dossier.json") !=
        std::string::npos);
}

TEST_CASE("coverage --format github annotates uncovered numbers in the text and unused ignores") {
  run_output r = run_tool("coverage tests/data/ecosystem/uncovered --format github");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("::warning file=tests/data/ecosystem/uncovered/text.txt,line=2,col=52,"
                   "title=coverage.uncovered::the number '3' is covered by no claim and no ignore "
                   "entry") != std::string::npos);
  CHECK(r.out.find("::notice file=tests/data/ecosystem/uncovered/dossier.json,line=12,col=16,"
                   "title=coverage.unused_ignore::") != std::string::npos);
}

TEST_CASE("validate --format sarif and github report every problem") {
  run_output sarif = run_tool("validate tests/data/ecosystem/invalid --format sarif");
  CHECK(sarif.exit_code == 2);
  rapidjson::Document doc;
  doc.Parse(sarif.out.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(doc["runs"][0]["results"].Size() == 2);
  run_output github = run_tool("validate tests/data/ecosystem/invalid --format github");
  CHECK(github.exit_code == 2);
  CHECK(github.out.find("::error file=tests/data/ecosystem/invalid/dossier.json,line=5,col=63,"
                        "title=unit.unknown::unknown unit 'GPUs'") == 0);
}

// Validation under ajv is a CTest test of its own (tests/CMakeLists.txt:
// scripts/check-sarif, skipped with exit 77 where node or npm is absent).

namespace {

// The generated table of docs/rules.md, "Every diagnostic code": one row per
// catalogued code, each under the anchor the rule's helpUri names.
std::string rules_table() {
  std::string out =
      "| code | level | what it finds | what to do |\n"
      "|---|---|---|---|\n";
  for (const auto& rule : report::rule_catalog()) {
    out += "| <a id=\"" + rule.id + "\"></a>" + rule.id + " | " + to_string(rule.level) + " | " +
           report::markdown_cell(rule.short_description) + " | " +
           report::markdown_cell(rule.help) + " |\n";
  }
  return out;
}

const char* const table_begin = "<!-- begin: the rule catalogue (tests/sarif_test.cpp) -->\n";
const char* const table_end = "<!-- end: the rule catalogue -->\n";

// A copy of the dossier `from` in a fresh folder.
fs::path copy_dossier(const fs::path& from, const std::string& name) {
  const fs::path to = fs::temp_directory_path() / (name + "_" + std::to_string(::getpid()));
  fs::remove_all(to);
  fs::copy(from, to, fs::copy_options::recursive);
  return to;
}

std::vector<std::string> fingerprints_of(const fs::path& folder) {
  load_result loaded = load_paths({folder}, {});
  REQUIRE(loaded.ok());
  std::vector<check_run> runs = run_checks_of(loaded.dossiers, {}, 1);
  diagnostics found = report::check_diagnostics(runs);
  const report::record_ids records = report::index_records(loaded.dossiers);
  report::sarif_options options;
  options.records = &records;
  std::vector<std::string> prints;
  for (const auto& d : found) prints.push_back(report::finding_fingerprint(d, options));
  return prints;
}

}  // namespace

TEST_CASE("docs/rules.md has every catalogued code under the anchor of its helpUri") {
  const fs::path doc = fs::path(CLAIMCHECK_SOURCE_DIR) / "docs" / "rules.md";
  const std::string text = read_file(doc);
  const std::size_t begin = text.find(table_begin);
  const std::size_t end = text.find(table_end);
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  const std::string table =
      text.substr(begin + std::strlen(table_begin), end - begin - std::strlen(table_begin));
  const std::string expected = rules_table();
  if (table != expected) {
    // The table to paste, so that updating the document is one copy.
    std::ofstream(fs::temp_directory_path() / "claimcheck-rules-table.md") << expected;
    FAIL("docs/rules.md's table differs from the catalogue; the expected table is in "
         << (fs::temp_directory_path() / "claimcheck-rules-table.md").string());
  }
  for (const auto& rule : report::rule_catalog()) {
    CAPTURE(rule.id);
    const std::string uri = report::rule_help_uri(rule.id, "https://docs.example.test/docs/");
    CHECK(uri == "https://docs.example.test/docs/rules.md#" + rule.id);
    CHECK(text.find("<a id=\"" + rule.id + "\"></a>") != std::string::npos);
  }
}

// The project has no public address: by default the log names none (no
// informationUri, no helpUri) rather than an invented one; a build or a
// caller that has addresses gets them in the log.
TEST_CASE("SARIF rules carry help in text and Markdown, and the addresses only when configured") {
  struct addresses {
    std::string homepage, docs_url;
  };
  const addresses cases[] = {
      {"", ""},
      {"https://project.example.test/", "https://project.example.test/docs/"},
      {report::configured_homepage(), report::configured_docs_url()},
  };
  for (const auto& c : cases) {
    CAPTURE(c.homepage, c.docs_url);
    report::sarif_options options;
    options.homepage = c.homepage;
    options.docs_url = c.docs_url;
    std::string text = report::sarif_log({}, options);
    rapidjson::Document doc;
    doc.Parse(text.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    const auto& driver = doc["runs"][0]["tool"]["driver"];
    CHECK(driver.HasMember("informationUri") == !c.homepage.empty());
    if (!c.homepage.empty()) CHECK(std::string(driver["informationUri"].GetString()) == c.homepage);
    for (const auto& rule : driver["rules"].GetArray()) {
      const std::string id = rule["id"].GetString();
      CAPTURE(id);
      CHECK(rule.HasMember("helpUri") == !c.docs_url.empty());
      const std::string help = rule["help"]["text"].GetString();
      CHECK(help.find('`') == std::string::npos);
      CHECK(std::string(rule["fullDescription"]["text"].GetString()).find('`') ==
            std::string::npos);
      const std::string markdown = rule["help"]["markdown"].GetString();
      CHECK(markdown.find(help) == 0);
      if (c.docs_url.empty()) {
        CHECK(report::rule_help_uri(id, c.docs_url).empty());
        CHECK(markdown.find("See " + id + " in claimcheck's docs/rules.md") != std::string::npos);
        CHECK(markdown.find("](") == std::string::npos);
      } else {
        const std::string uri = c.docs_url + "rules.md#" + id;
        CHECK(std::string(rule["helpUri"].GetString()) == uri);
        CHECK(markdown.find("(" + uri + ")") != std::string::npos);
      }
    }
  }
  // The invented address of earlier builds is gone for good.
  CHECK(report::sarif_log({}).find("github.com/claimcheck") == std::string::npos);
}

TEST_CASE("Fingerprints follow the record, not its place: a claim added at the top moves none") {
  const fs::path waic = fs::path(CLAIMCHECK_SOURCE_DIR) / "claims" / "waic-2023";
  const fs::path copy = copy_dossier(waic, "claimcheck_fingerprint");
  std::vector<std::string> before = fingerprints_of(copy);
  REQUIRE(before.size() > 20);
  // A new first claim: every later claim's array index moves by one.
  std::string claims = read_file(copy / "claims.json");
  const std::string opening = "\"claims\": [";
  const std::size_t at = claims.find(opening);
  REQUIRE(at != std::string::npos);
  claims.insert(at + opening.size(),
                "\n    { \"id\": \"aaa.first\", \"subject\": \"a new first claim\", \"quote\": "
                "\"20步推理\", \"value\": 20, \"unit\": \"step\" },");
  std::ofstream(copy / "claims.json", std::ios::trunc) << claims;
  std::vector<std::string> after = fingerprints_of(copy);
  fs::remove_all(copy);
  std::multiset<std::string> old_prints(before.begin(), before.end());
  std::multiset<std::string> new_prints(after.begin(), after.end());
  for (const auto& p : old_prints) {
    CAPTURE(p);
    CHECK(new_prints.count(p) >= old_prints.count(p));
  }
  CHECK(after.size() == before.size() + 1);  // the new claim's rule.unverified_claim
  // Fingerprints tell results apart.
  CHECK(std::set<std::string>(before.begin(), before.end()).size() == before.size());
}

TEST_CASE("A minimum level and a baseline select what a pull request shows") {
  diagnostics list = {
      {severity::error, "check.unexpected", {"a.json", 3, 5, "/checks/0"}, "e"},
      {severity::warning, "rule.secondary_only", {"a.json", 9, 5, "/facts/1"}, "w"},
      {severity::note, "rule.unverified_claim", {"a.json", 12, 5, "/claims/2"}, "n"},
  };
  auto codes = [](const diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& x : d) out.push_back(x.code);
    return out;
  };
  report::finding_filter filter;
  CHECK(codes(report::select_findings(list, filter)).size() == 3);
  filter.min_level = severity::warning;
  CHECK(codes(report::select_findings(list, filter)) ==
        std::vector<std::string>{"check.unexpected", "rule.secondary_only"});
  filter.min_level = severity::error;
  CHECK(codes(report::select_findings(list, filter)) ==
        std::vector<std::string>{"check.unexpected"});

  // A baseline of the SARIF log of the first two: only the note is new.
  auto baseline = report::read_baseline(report::sarif_log({list[0], list[1]}));
  REQUIRE(baseline);
  CHECK(baseline->size() == 2);
  filter = {};
  filter.baseline = *baseline;
  CHECK(codes(report::select_findings(list, filter)) ==
        std::vector<std::string>{"rule.unverified_claim"});
  // The same as plain text, with a comment.
  auto lines = report::read_baseline("# accepted findings\n" +
                                     report::finding_fingerprint(list[2]) + "\n\n");
  REQUIRE(lines);
  CHECK(*lines == std::set<std::string>{report::finding_fingerprint(list[2])});

  const std::pair<const char*, std::size_t> bad[] = {
      {"{\"runs\": 3}", 0}, {"{not json", 0}, {"0123456789abcdef\nxyz\n", 17}};
  for (const auto& [text, offset] : bad) {
    CAPTURE(text);
    auto read = report::read_baseline(text);
    REQUIRE_FALSE(read);
    CHECK(read.error().code == "baseline.syntax");
    CHECK(read.error().offset == offset);
  }
}

TEST_CASE("check --format github --baseline of its own SARIF reports nothing new") {
  const fs::path sarif = fs::temp_directory_path() / ("baseline_" + std::to_string(::getpid()));
  run_output full = run_tool("check claims/waic-2023 --format sarif");
  std::ofstream(sarif) << full.out;
  run_output again =
      run_tool("check claims/waic-2023 --format github --baseline " + sarif.string());
  CHECK(again.exit_code == full.exit_code);
  CHECK(again.out.empty());
  run_output errors = run_tool("check claims/waic-2023 --format github --min-level error");
  CHECK(errors.out.find("::warning") == std::string::npos);
  CHECK(errors.out.find("::notice") == std::string::npos);
  run_output bad = run_tool("check claims/waic-2023 --format github --min-level loud");
  CHECK(bad.exit_code == 2);
  fs::remove(sarif);
}

// Issue 16: `check --format sarif|github` writes each run's findings as it
// comes (report/check_stream.hpp), held in a spilled_text until the
// problems of loading, which come first, are known. The log is what the
// whole-corpus path gives (sarif_log, github_annotations of the problems of
// loading and every run's findings, filtered), for any filter, any --jobs,
// whether the findings stay in memory (the default block) or go to the
// temporary file (a block of 1 byte), to a stream and to a file;
// with no room for the temporary file nothing is written.
TEST_CASE("SARIF and GitHub annotations written a dossier at a time equal the whole-corpus log") {
  const std::string claims = std::string(CLAIMCHECK_SOURCE_DIR) + "/claims";
  const std::string checks = std::string(CLAIMCHECK_TEST_DATA) + "/checks";
  const std::vector<std::vector<std::string>> path_sets = {
      {claims + "/waic-2023"}, {claims}, {claims, checks}, {checks}};
  test::temp_folder folder;
  for (const auto& paths : path_sets) {
    const std::vector<fs::path> fs_paths(paths.begin(), paths.end());
    const load_result loaded = load_paths(fs_paths, {});
    REQUIRE(loaded.ok());
    const std::vector<check_run> runs = run_checks_of(loaded.dossiers, {}, 1);
    const test::whole_corpus_findings whole(loaded, runs);
    const diagnostics& all = whole.all;
    const report::sarif_options& sarif = whole.sarif;
    // A baseline of every other finding, and a level that drops notes.
    report::finding_filter baseline;
    for (std::size_t i = 0; i < all.size(); i += 2)
      baseline.baseline.insert(report::finding_fingerprint(all[i], sarif));
    report::finding_filter warnings;
    warnings.min_level = severity::warning;
    for (const auto& filter : {report::finding_filter{}, baseline, warnings}) {
      const diagnostics kept = report::select_findings(all, filter, sarif);
      for (const auto format : {report::ci_format::sarif, report::ci_format::github}) {
        const std::string want = format == report::ci_format::sarif
                                     ? report::sarif_log(kept, sarif)
                                     : report::github_annotations(kept);
        for (const std::size_t block : {std::size_t{1}, std::size_t{1} << 20}) {
          for (const unsigned threads : {1u, 3u}) {
            for (const bool to_file : {false, true}) {
              INFO(test::as_arguments(paths)
                   << (format == report::ci_format::sarif ? "sarif" : "github") << ", "
                   << kept.size() << " findings, block " << block << ", " << threads << " threads"
                   << (to_file ? ", to a file" : ""));
              load_options load;
              load.threads = threads;
              report::ci_report ci{format, filter, block};
              const fs::path target = folder.path / "log.out";
              fs::remove(target);
              std::ostringstream stream;
              report::report_output destination(to_file ? target.string() : "", {}, stream);
              const report::check_outcome out =
                  report::check_ci_streamed(fs_paths, load, ci, false, destination);
              REQUIRE(out.loaded);
              CHECK_FALSE(out.output_problem);
              CHECK_FALSE(destination.commit());
              CHECK((to_file ? read_file(target) : stream.str()) == want);
            }
          }
        }
      }
    }
  }
  // No room for the findings that must wait: nothing written, and why.
  test::environment_setting tmpdir("TMPDIR", (folder.path / "missing").c_str());
  for (const auto format : {report::ci_format::sarif, report::ci_format::github}) {
    std::ostringstream stream;
    report::report_output destination("", {}, stream);
    const report::check_outcome out = report::check_ci_streamed(
        {fs::path(claims)}, {}, report::ci_report{format, {}, 1}, false, destination);
    REQUIRE(out.output_problem);
    CHECK(out.output_problem->code == "file.write");
    CHECK(out.output_problem->where.file == (folder.path / "missing").string());
    CHECK(stream.str().empty());
  }
}
