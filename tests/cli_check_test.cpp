// SPDX-License-Identifier: MIT
// Tests of `claimcheck check`, `derive` and `explain` as users run them: the
// built tool (CLAIMCHECK_BINARY) on the small dossiers of tests/data/checks,
// checking exit codes (0 as expected, 1 a check differs, 2 invalid input),
// the reports' key lines, and that JSON output parses.
#include <catch2/catch.hpp>

#include "support.hpp"
#include "whole_corpus.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "claimcheck/atomic_file.hpp"
#include "claimcheck/checks.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/report/annotations.hpp"
#include "claimcheck/report/check_report.hpp"
#include "claimcheck/report/claimreview.hpp"
#include "claimcheck/report/diagnostics.hpp"
#include "claimcheck/report/github.hpp"
#include "claimcheck/report/sarif.hpp"

namespace fs = std::filesystem;

namespace {

using claimcheck::test::read_file;
using claimcheck::test::run_output;
using claimcheck::test::run_tool;

std::string data(const std::string& name) {
  return std::string(CLAIMCHECK_TEST_DATA) + "/checks/" + name;
}

struct exit_case {
  std::string arguments;
  int exit_code;
  const char* output_fragment;  // in stdout, or in stderr for exit 2
};

}  // namespace

TEST_CASE(
    "check exits 0 when every outcome is as expected, 1 when one differs, 2 on invalid input") {
  const std::vector<exit_case> cases = {
      {"check " + data("as_expected"), 0, "3 checks: 2 pass, 1 fail (as expected); 0 unexpected"},
      {"check " + data("unexpected"), 1, "3 checks: 2 pass, 1 fail; 1 unexpected"},
      {"check " + data("unexpected") + " --format json", 1, "\"unexpected\":1"},
      {"check " + data("warning_only"), 0, "1 unexpected (1 of them a warning)"},
      {"check --strict " + data("warning_only"), 1, "1 unexpected (1 of them a warning)"},
      {"check " + data("as_expected") + " " + data("late_claim"), 0,
       "total: 6 checks: 4 pass, 2 fail (as expected); 0 unexpected"},
      {"check " + data("invalid_dimension"), 2,
       "invalid_dimension/claims.json:116:27: error: [expr.dimension] cannot compare 'USD' with "
       "'GPU*h'"},
      {"check " + data("no_such_folder"), 2, "no_such_folder"},
      {"check", 2, "no PATH given"},
      {"check " + data("as_expected") + " --format html", 2, "unknown --format 'html'"},
      {"check " + data("as_expected") + " --bogus", 2, "claimcheck check: error:"},
  };
  for (const auto& c : cases) {
    INFO(c.arguments);
    run_output r = run_tool(c.arguments);
    INFO("stdout:\n" << r.out << "\nstderr:\n" << r.err);
    CHECK(r.exit_code == c.exit_code);
    const std::string& where = c.exit_code == 2 ? r.err : r.out;
    CHECK_THAT(where, Catch::Contains(c.output_fragment));
  }
}

TEST_CASE("check reports outcomes, margins, verdicts and rule findings") {
  run_output r = run_tool("check " + data("late_claim"));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("FAIL          run.cost_reproduced  (expected fail)"));
  CHECK_THAT(r.out, Catch::Contains("left   [2.98k, 3.28k] USD  nominal 3.13k USD"));
  CHECK_THAT(r.out, Catch::Contains("4.6x apart (nominal 6.39x)\n"));
  // The headline names the claims to read before any check is shown.
  CHECK_THAT(r.out, Catch::Contains("claims: 1 contradicted (run.cost)"));
  CHECK(r.out.find("contradicted (run.cost)") < r.out.find("FAIL"));
  CHECK_THAT(r.out, Catch::Contains("contradicted  run.cost  (run.cost_reproduced)"));
  CHECK_THAT(r.out, Catch::Contains("supported     run.duration  (run.duration_matches)"));
  CHECK_THAT(r.out,
             Catch::Contains("late_claim/claims.json:39:16: warning: "
                             "[rule.claim_after_publication] claim 'run.gpus' is as of 2023-08"));
  CHECK_THAT(r.out, Catch::Contains("[rule.secondary_only] fact 'press.tokens'"));
  // Notes are counted on one line; --verbose locates each.
  CHECK_THAT(r.out, Catch::Contains("[rule.unused_figure]"));
  CHECK(r.out.find("note: [rule.unused_figure] fact 'press.tokens'") == std::string::npos);
  run_output verbose = run_tool("check " + data("late_claim") + " --verbose");
  CHECK_THAT(verbose.out, Catch::Contains("note: [rule.unused_figure] fact 'press.tokens'"));
  // Not a terminal: no colour.
  CHECK(r.out.find('\033') == std::string::npos);
}

TEST_CASE("check writes Markdown and JSON and refuses to overwrite an output file without force") {
  run_output md = run_tool("check " + data("as_expected") + " --format md");
  REQUIRE(md.exit_code == 0);
  CHECK_THAT(md.out,
             Catch::Contains("| check | outcome | expect | left | right | margin | message |"));

  run_output json = run_tool("check " + data("as_expected") + " --format json");
  REQUIRE(json.exit_code == 0);
  rapidjson::Document doc;
  doc.Parse(json.out.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(doc["dossiers"][0]["checks"].Size() == 3);
  CHECK(std::string(doc["dossiers"][0]["checks"][2]["outcome"].GetString()) == "fail");

  fs::path output = fs::temp_directory_path() /
                    ("claimcheck_cli_check_report_" + std::to_string(::getpid()) + ".md");
  fs::remove(output);
  run_output first =
      run_tool("check " + data("as_expected") + " --format md --output " + output.string());
  CHECK(first.exit_code == 0);
  CHECK(first.out.empty());
  CHECK_THAT(read_file(output), Catch::Contains("| check | outcome |"));
  run_output refused = run_tool("check " + data("as_expected") + " --output " + output.string());
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("file.exists"));
  run_output forced =
      run_tool("check " + data("as_expected") + " --output " + output.string() + " --force");
  CHECK(forced.exit_code == 0);
  CHECK_THAT(read_file(output),
             Catch::Contains("3 checks: 2 pass, 1 fail (as expected); 0 unexpected"));
  fs::remove(output);
}

TEST_CASE("derive lists derived figures, filters by id and suggests a near id") {
  run_output all = run_tool("derive " + data("as_expected"));
  REQUIRE(all.exit_code == 0);
  CHECK(all.out ==
        "id                nominal  interval        unit   subject\n"
        "run.gpu_hours     657      [627, 687]      GPU*h  GPU-hours of the run\n"
        "run.cost_at_list  3.13k    [2.98k, 3.28k]  USD    cost of the run at list price\n");
  run_output one = run_tool("derive " + data("as_expected") + " --id run.gpu_hours --format csv");
  REQUIRE(one.exit_code == 0);
  CHECK_THAT(one.out, Catch::StartsWith("dossier,id,subject,nominal,lo,hi,unit\n"));
  CHECK(std::count(one.out.begin(), one.out.end(), '\n') == 2);
  run_output json = run_tool("derive " + data("as_expected") + " --format json");
  REQUIRE(json.exit_code == 0);
  rapidjson::Document doc;
  doc.Parse(json.out.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(doc["derived"].Size() == 2);
  run_output unknown = run_tool("derive " + data("as_expected") + " --id run.gpu_hour");
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(
      unknown.err,
      Catch::Contains(
          "[derive.unknown_id] no derived figure 'run.gpu_hour'; did you mean 'run.gpu_hours'?"));
}

TEST_CASE("explain shows inputs as written, their sources and the outcome of a check") {
  run_output r = run_tool("explain run.cost_reproduced " + data("as_expected"));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(
      r.out,
      Catch::StartsWith(
          "run.cost_reproduced  check: the list price gives about US$3,100, not US$20,000\n"));
  CHECK_THAT(r.out,
             Catch::Contains("run.cost      claim  2万 USD, about ±10% -> [15k, 25k] USD\n"));
  CHECK_THAT(r.out, Catch::Contains("quote: \"整體開銷約2萬美元\""));
  CHECK_THAT(r.out, Catch::Contains("sources: CoreWeave Classic pricing"));
  CHECK_THAT(
      r.out,
      Catch::Contains(
          "run.gpu_hours = run.gpus * run.duration  -> [627, 687] GPU*h, nominal 657 GPU*h"));
  CHECK_THAT(r.out, Catch::EndsWith("outcome  fail (expected fail); 4.6x apart (nominal 6.39x)\n"));

  run_output json = run_tool("explain run.gpu_hours " + data("as_expected") + " --format json");
  REQUIRE(json.exit_code == 0);
  rapidjson::Document doc;
  doc.Parse(json.out.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(std::string(doc["kind"].GetString()) == "derived");
  CHECK(doc["inputs"].Size() == 2);

  run_output unknown = run_tool("explain run.gpu_hour " + data("as_expected"));
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Catch::Contains("did you mean 'run.gpu_hours'?"));
  run_output no_id = run_tool("explain");
  CHECK(no_id.exit_code == 2);
  CHECK_THAT(no_id.err, Catch::Contains("no ID given"));
}

TEST_CASE("trend names the series there are when asked for one that is not there") {
  run_output r =
      run_tool("trend " + std::string(CLAIMCHECK_SOURCE_DIR) + "/claims/waic-2023 --series nope");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains("claimcheck trend: error: [trend.unknown_series] no series "
                                    "'nope' in the dossiers given\n"
                                    "claimcheck trend: series in the dossiers given: "
                                    "gpt3_training_cost, "));
}

TEST_CASE("each command's help shows its usage and two examples") {
  for (const char* command :
       {"validate", "check", "explain", "derive", "trend", "extract", "coverage"}) {
    run_output r = run_tool(std::string(command) + " --help");
    INFO(command << '\n' << r.out);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::StartsWith(std::string("usage: claimcheck ") + command));
    CHECK_THAT(r.out, Catch::Contains("examples:\n  claimcheck " + std::string(command)));
  }
}

TEST_CASE("check groups a rule's findings and lists each one with --verbose") {
  auto count_lines = [](const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
  };
  const std::string waic = std::string(CLAIMCHECK_SOURCE_DIR) + "/claims/waic-2023";
  run_output grouped = run_tool("check " + waic);
  run_output verbose = run_tool("check " + waic + " --verbose");
  INFO(grouped.err << verbose.err);
  REQUIRE(grouped.exit_code == 0);
  REQUIRE(verbose.exit_code == 0);
  // Each secondary-only fact gets its own located line only with --verbose:
  // as many lines as the grouped entry counts.
  const std::string located = "facts.json:";
  const std::string finding = ": warning: [rule.secondary_only]";
  const std::string entry = " warnings [rule.secondary_only]";
  const auto at = grouped.out.find(entry);
  REQUIRE(at != std::string::npos);
  const auto line_start = grouped.out.rfind('\n', at) + 1;
  const std::size_t counted = std::stoul(grouped.out.substr(line_start, at - line_start));
  CHECK(counted >= 2);
  CHECK(count_lines(verbose.out, finding) == counted);
  CHECK(count_lines(grouped.out, finding) == 0);
  CHECK(count_lines(verbose.out, located) > count_lines(grouped.out, located));
  // Notes take one line without --verbose.
  CHECK(count_lines(grouped.out, "    notes: ") == 1);
  CHECK(count_lines(grouped.out, ": note: [") == 0);
  CHECK(count_lines(verbose.out, ": note: [rule.unverified_claim]") >= 9);
}

TEST_CASE("a limit set with --limit NAME=VALUE applies on every command that reads claim files") {
  const std::string waic = std::string(CLAIMCHECK_SOURCE_DIR) + "/claims/waic-2023";
  const std::string html =
      (fs::temp_directory_path() / ("claimcheck_cli_limit_" + std::to_string(::getpid()) + ".html"))
          .string();
  // Each command as it reads the waic-2023 dossier; the limit goes after it.
  const std::vector<std::string> commands = {
      "validate " + waic,
      "check " + waic,
      "explain coreweave.gpu_hours " + waic,
      "derive " + waic,
      "trend " + waic,
      "coverage " + waic,
      "report " + waic + " --html " + html + " --force",
      "extract " + waic + " --skeleton",
  };
  struct limit_case {
    std::string limits;
    int exit_code;
    const char* fragment;  // in stdout (validate) or stderr
  };
  const std::vector<limit_case> cases = {
      // A lowered limit trips with its own located diagnostic.
      {"--limit max_file_bytes=10", 2,
       "waic-2023/claims.json: error: [limit.file_size] the file has 11828 bytes, more than the "
       "limit of 10"},
      {"--limit max_json_depth=3", 2,
       "error: [json.depth] arrays and objects are nested more than 3"},
      // The last setting of a limit wins; a raised one changes nothing here.
      {"--limit max_file_bytes=10 --limit max_file_bytes=64M --limit max_json_depth=128", -1, ""},
      // Usage errors: the command, the code, the setting, what to write.
      {"--limit max_jsn_depth=8", 2,
       "error: [limit.unknown] --limit 'max_jsn_depth=8': no limit is called 'max_jsn_depth'; "
       "did you mean 'max_json_depth'?"},
      {"--limit max_json_depth=0", 2,
       "error: [limit.value] --limit 'max_json_depth=0': max_json_depth is a positive whole "
       "number; 0 would refuse every input"},
      {"--limit max_records=99999999999999999999", 2,
       "error: [limit.value] --limit 'max_records=99999999999999999999'"},
      {"--limit max_json_depth", 2,
       "error: [limit.syntax] --limit 'max_json_depth': write NAME=VALUE"},
  };
  for (const auto& command : commands) {
    const std::string name = command.substr(0, command.find(' '));
    // Without a limit: the exit code a raised limit must give too.
    const int usual = run_tool(command).exit_code;
    REQUIRE(usual != 2);
    for (const auto& c : cases) {
      run_output r = run_tool(command + " " + c.limits);
      INFO(command << " " << c.limits << "\nstdout: " << r.out.substr(0, 400)
                   << "\nstderr: " << r.err.substr(0, 400));
      CHECK(r.exit_code == (c.exit_code == -1 ? usual : c.exit_code));
      CHECK_THAT(r.out + r.err, Catch::Contains(c.fragment));
      if (std::string(c.fragment).rfind("error: [limit.", 0) == 0) {
        CHECK_THAT(r.err, Catch::StartsWith("claimcheck " + name + ": error: [limit."));
      }
    }
  }
  fs::remove(html);
}

// The claims/ tree and the invalid test data, on one thread and on four:
// the same bytes out, the same problems, the same exit code.
// docs/cli.md shows each command's --help as a block under its heading
// ("## check" then a fenced block): the blocks must be what the tool prints.
TEST_CASE("docs/cli.md shows each command's help exactly as the tool prints it") {
  const std::string doc = read_file(fs::path(CLAIMCHECK_SOURCE_DIR) / "docs" / "cli.md");
  const std::string commands[] = {"validate", "check",   "explain",  "derive",
                                  "trend",    "extract", "coverage", "report"};
  for (const auto& name : commands) {
    INFO(name);
    const std::string heading = "\n## " + name + "\n\n```\n";
    std::size_t start = doc.find(heading);
    REQUIRE(start != std::string::npos);
    start += heading.size();
    std::size_t end = doc.find("```", start);
    REQUIRE(end != std::string::npos);
    CHECK(doc.substr(start, end - start) == run_tool(name + " --help").out);
  }
}

TEST_CASE("the number of --jobs changes nothing a command prints, and 0 is a usage error") {
  const std::string claims = std::string(CLAIMCHECK_SOURCE_DIR) + "/claims";
  const std::string bad = std::string(CLAIMCHECK_TEST_DATA) + "/conformance/bad";
  const std::string commands[] = {
      "check " + claims,    "check " + claims + " --format json",
      "validate " + claims, "validate " + bad,
      "check " + bad,       "derive " + claims,
      "coverage " + claims,
  };
  for (const auto& command : commands) {
    INFO(command);
    run_output one = run_tool(command + " --jobs 1");
    run_output four = run_tool(command + " -j 4");
    CHECK(one.exit_code == four.exit_code);
    CHECK(one.out == four.out);
    CHECK(one.err == four.err);
  }
  for (const char* jobs : {"0", "-1", "many"}) {
    INFO(jobs);
    run_output r = run_tool("check " + claims + " --jobs " + jobs);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("--jobs"));
    CHECK(r.out.empty());
  }
}

TEST_CASE("the texts extract --skeleton reads whole are bounded by --limit max_file_bytes") {
  const std::string article = std::string(CLAIMCHECK_SOURCE_DIR) + "/claims/waic-2023/article.txt";
  run_output r = run_tool("extract " + article + " --skeleton --limit max_file_bytes=10");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("article.txt: error: [file.read] the file is larger than 10 "
                                    "bytes (max_file_bytes)"));
  CHECK(r.out.empty());
}

// Colour: --color always|never decide; auto colours a terminal unless
// NO_COLOR is set to something (https://no-color.org: empty counts as unset).
// `script` gives the command a terminal.
TEST_CASE("The --color option and NO_COLOR decide the colour of check's text") {
  const std::string claims = std::string(CLAIMCHECK_SOURCE_DIR) + "/claims/waic-2023";
  const std::string esc = "\x1b[";
  CHECK(run_tool("check " + claims + " --color always").out.find(esc) != std::string::npos);
  CHECK(run_tool("check " + claims + " --color never").out.find(esc) == std::string::npos);
  CHECK(run_tool("check " + claims).out.find(esc) == std::string::npos);  // not a terminal
  run_output bad = run_tool("check " + claims + " --color sometimes");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--color 'sometimes' is not a choice") != std::string::npos);

  struct row {
    const char* environment;
    bool coloured;
  };
  const row rows[] = {
      {"env -u NO_COLOR", true}, {"env NO_COLOR=", true}, {"env NO_COLOR=1", false}};
  for (const auto& r : rows) {
    CAPTURE(r.environment);
    const fs::path out =
        fs::temp_directory_path() / ("claimcheck_tty_" + std::to_string(::getpid()));
    const std::string command = std::string(r.environment) + " script -qec '" + CLAIMCHECK_BINARY +
                                " check " + claims + "' /dev/null > " + out.string() + " 2>&1";
    REQUIRE(std::system(command.c_str()) != -1);
    CHECK((read_file(out).find(esc) != std::string::npos) == r.coloured);
    fs::remove(out);
  }
}

// On invalid input a program that asked for JSON still gets JSON: the
// diagnostics, as validate --format json writes them.
TEST_CASE(
    "check --format json, md and claimreview print the diagnostics as JSON on invalid input") {
  const std::string bad = std::string(CLAIMCHECK_TEST_DATA) + "/conformance/bad";
  for (const char* format : {"json", "md", "claimreview"}) {
    CAPTURE(format);
    run_output r = run_tool("check " + bad + " --format " + format);
    CHECK(r.exit_code == 2);
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(doc["valid"].IsFalse());
    CHECK(doc["diagnostics"].Size() > 0);
  }
}

// A run of more than 2 s says it is working, on stderr, only on a terminal,
// and not with --quiet. The text arrives after 3 s on standard input; `script`
// makes stderr a terminal (stdout goes to a file).
TEST_CASE("A long run notes its progress on a terminal unless --quiet") {
  const std::string article = std::string(CLAIMCHECK_SOURCE_DIR) + "/claims/waic-2023/article.txt";
  const fs::path out =
      fs::temp_directory_path() / ("claimcheck_progress_" + std::to_string(::getpid()));
  auto terminal_stderr = [&](const std::string& options) {
    const std::string inner = "(sleep 3; cat " + article + ") | " + CLAIMCHECK_BINARY +
                              " extract - --format jsonl " + options + " > /dev/null";
    const std::string command =
        "script -qec \"sh -c '" + inner + "'\" /dev/null > " + out.string() + " 2>&1";
    REQUIRE(std::system(command.c_str()) != -1);
    std::string text = read_file(out);
    fs::remove(out);
    return text;
  };
  CHECK(terminal_stderr("").find("claimcheck extract: working, 2 s") != std::string::npos);
  CHECK(terminal_stderr("--quiet").find("working") == std::string::npos);
  // Not a terminal: nothing.
  const std::string piped = "(sleep 3; cat " + article + ") | " + std::string(CLAIMCHECK_BINARY) +
                            " extract - --format jsonl > /dev/null 2> " + out.string();
  REQUIRE(std::system(piped.c_str()) != -1);
  CHECK(read_file(out).empty());
  fs::remove(out);
}

// Issue 16: check loads, checks and writes one dossier at a time
// (report/check_stream.hpp) and must print what the writers print for the
// whole corpus loaded at once, in every format, with --strict or not, and
// for any --jobs: here the library's whole-corpus path is the reference. The
// "checks" set has an invalid dossier (stdout empty, exit 2; sarif and github
// still annotate); the "later" tree has a dossier imported by one after it;
// the conformance trees do not load (json and md get the problems as JSON).
TEST_CASE("check one dossier at a time prints what the whole-corpus writers print") {
  using namespace claimcheck;
  claimcheck::test::temp_folder later;
  claimcheck::test::write(
      later.path / "a" / "claims.json",
      "{\"claimcheck\": 1, \"sources\": [{\"id\": \"s\", \"title\": \"t\", \"kind\": "
      "\"primary\"}], \"facts\": [{\"id\": \"a.v\", \"value\": 2, \"unit\": \"GPU\", "
      "\"qualifier\": \"exact\", \"sources\": [\"s\"]}], \"checks\": [{\"id\": \"a.c\", "
      "\"assert\": \"a.v > 3 [GPU]\", \"severity\": \"warning\"}]}\n");
  claimcheck::test::write(
      later.path / "b" / "claims.json",
      "{\"claimcheck\": 1, \"imports\": [\"../a\"], \"derived\": [{\"id\": \"b.d\", "
      "\"expr\": \"a.v * 2\"}], \"checks\": [{\"id\": \"b.c\", \"assert\": \"b.d >= 5 "
      "[GPU]\"}]}\n");
  const std::string claims = std::string(CLAIMCHECK_SOURCE_DIR) + "/claims";
  const std::string conformance = std::string(CLAIMCHECK_TEST_DATA) + "/conformance";
  const std::vector<std::vector<std::string>> path_sets = {
      {claims},
      {claims + "/waic-2023", data("as_expected"), data("late_claim"), data("unexpected"),
       data("warning_only"), claims + "/eos-mlperf-2023"},
      {std::string(CLAIMCHECK_TEST_DATA) + "/checks"},
      {later.path.string()},
      {conformance + "/bad", claims},
  };
  const std::vector<std::string> formats = {"text", "md", "json", "sarif", "github"};
  for (const auto& paths : path_sets) {
    const std::string joined = claimcheck::test::as_arguments(paths);
    const std::vector<fs::path> fs_paths(paths.begin(), paths.end());
    const load_result loaded = load_paths(fs_paths, {});
    const std::vector<check_run> runs =
        loaded.ok() ? run_checks_of(loaded.dossiers, {}, 1) : std::vector<check_run>();
    const claimcheck::test::whole_corpus_findings whole(loaded, runs);
    const report::sarif_options& sarif = whole.sarif;
    const diagnostics all = report::select_findings(whole.all, report::finding_filter{}, sarif);
    for (const bool strict : {false, true}) {
      const check_status status = loaded.ok() ? status_of(runs, strict) : check_status::invalid;
      const int want_exit = status == check_status::invalid      ? 2
                            : status == check_status::unexpected ? 1
                                                                 : 0;
      for (const auto& format : formats) {
        for (const std::string extra : {"", " --color always", " --verbose"}) {
          if (format != "text" && !extra.empty()) continue;
          report::text_options text;
          text.colour = extra == " --color always";
          text.every_finding = extra == " --verbose";
          std::string want;
          if (format == "sarif") {
            want = loaded.ok() ? report::sarif_log(all, sarif) : report::sarif_log(loaded.problems);
          } else if (format == "github") {
            want = report::github_annotations(loaded.ok() ? all : loaded.problems);
          } else if (!loaded.ok()) {
            if (format != "text") want = diagnostics_json(loaded.problems, count_loaded(loaded));
          } else if (status != check_status::invalid) {
            want = format == "md"     ? report::check_report_markdown(runs)
                   : format == "json" ? report::check_report_json(runs)
                                      : report::check_report_text(runs, text);
          }
          for (const char* jobs : {"1", "3"}) {
            const std::string command = "check " + joined + "--format " + format + extra +
                                        (strict ? " --strict" : "") + " --jobs " + jobs;
            INFO(command);
            run_output r = run_tool(command);
            CHECK(r.exit_code == want_exit);
            CHECK(r.out == want);
          }
        }
      }
    }
  }
}

namespace {

// What `check --format claimreview` printed before it streamed (issue 16),
// from the library's whole-corpus path: the problems of loading on stderr,
// then the diagnostics as JSON when loading fails; else the runs' problems
// when one is invalid; else what must be fixed before publishing; else the
// reviews and the summary line.
claimcheck::test::run_output claimreview_whole_corpus(
    const std::vector<std::string>& paths, const claimcheck::report::claimreview_options& review,
    bool strict) {
  using namespace claimcheck;
  auto lines = [](const diagnostics& problems) {
    std::string text;
    for (const auto& problem : problems) text += format_diagnostic(problem) + '\n';
    return text;
  };
  const load_result loaded = load_paths(std::vector<fs::path>(paths.begin(), paths.end()), {});
  claimcheck::test::run_output want;
  want.exit_code = 2;
  want.err = lines(loaded.problems);
  if (!loaded.ok()) {
    want.out = diagnostics_json(loaded.problems, count_loaded(loaded));
    return want;
  }
  const std::vector<check_run> runs = run_checks_of(loaded.dossiers, {}, 1);
  const check_status status = status_of(runs, strict);
  if (status == check_status::invalid) {
    want.err += lines(problems_of(runs));
    return want;
  }
  const diagnostics missing = report::claimreview_problems(runs, review);
  if (!missing.empty()) {
    want.err += lines(missing);
    return want;
  }
  const report::claimreview_set set = report::claimreviews(runs, review);
  want.out = set.json;
  want.err +=
      "claimcheck check: " + std::to_string(set.reviews) + " reviews; " +
      std::to_string(set.left_out) + " unverified claims left out (a ClaimReview is a verdict)" +
      (set.shared > 0 ? "; " + std::to_string(set.shared) + " claims reviewed by a shared quote"
                      : std::string()) +
      '\n';
  want.exit_code = status == check_status::unexpected ? 1 : 0;
  return want;
}

// SOURCE_DATE_EPOCH as the tool will see it, restored afterwards.
struct epoch_setting : claimcheck::test::environment_setting {
  explicit epoch_setting(const char* value) : environment_setting("SOURCE_DATE_EPOCH", value) {}
};

// What a whole-corpus writer gives, for `check ... --output FILE`: the
// file's text (empty: nothing is written), stderr, the exit status, and
// the part of stderr printed before a refused file's problem.
struct output_expected {
  std::string file;
  std::string err;
  std::string err_before_refusal;
  int exit_code = 0;
};

// Runs `arguments` (paths and format) with --output into a new and into an
// existing file, with and without --force, at --jobs 1 and 3, and requires
// `want`: the file written whole or left as it was, an existing file
// replaced only with --force, nothing on stdout, no temporary file left.
void require_output_file(const std::string& arguments, const std::string& file_name,
                         const output_expected& want) {
  for (const bool existing : {false, true}) {
    for (const bool force : {false, true}) {
      for (const char* jobs : {"1", "3"}) {
        claimcheck::test::temp_folder folder;
        const fs::path target = folder.path / file_name;
        if (existing) claimcheck::test::write(target, "old\n");
        const std::string command = "check " + arguments + " --output " + target.string() +
                                    (force ? " --force" : "") + " --jobs " + jobs;
        INFO(command << (existing ? " (the file exists)" : ""));
        const run_output r = run_tool(command);
        CHECK(r.out.empty());
        // Written when the whole-corpus path wrote something (the report,
        // or the problems of loading as JSON), and allowed to.
        const bool written = !want.file.empty() && (!existing || force);
        const bool refused = !want.file.empty() && existing && !force;
        CHECK(r.exit_code == (refused ? 2 : want.exit_code));
        CHECK(r.err == (refused ? want.err_before_refusal +
                                      claimcheck::format_diagnostic(
                                          *claimcheck::write_file_atomically(target, "", {})) +
                                      '\n'
                                : want.err));
        if (written) {
          CHECK(read_file(target) == want.file);
        } else if (existing) {
          CHECK(read_file(target) == "old\n");
        }
        CHECK(claimcheck::test::folder_entries(folder.path) ==
              (written || existing ? std::vector<std::string>{file_name}
                                   : std::vector<std::string>{}));
      }
    }
  }
}

}  // namespace

// Issue 16: `check --format claimreview` writes each dossier's reviews as it
// is checked and keeps only their counts; a missing review field, an invalid
// dossier or a failed load found late must still leave nothing written (the
// reviews go to the temporary file of --output, or are held for stdout).
// The whole-corpus path of the library is the reference, for review options
// given by flags or by the document's review record (ratings has one, the
// newsroom none), SOURCE_DATE_EPOCH, --strict and any --jobs.
TEST_CASE("check --format claimreview one dossier at a time prints what the whole corpus did") {
  using namespace claimcheck;
  const std::string claims = std::string(CLAIMCHECK_SOURCE_DIR) + "/claims";
  const std::string ratings = std::string(CLAIMCHECK_TEST_DATA) + "/claimreview/ratings";
  const std::string newsroom = std::string(CLAIMCHECK_TEST_DATA) + "/ecosystem/newsroom";
  const std::string conformance = std::string(CLAIMCHECK_TEST_DATA) + "/conformance";
  const std::vector<std::vector<std::string>> path_sets = {
      {claims},
      {ratings},
      {ratings, newsroom, claims + "/waic-2023"},
      {std::string(CLAIMCHECK_TEST_DATA) + "/checks"},  // an invalid dossier among valid ones
      {data("as_expected"), data("unexpected"), newsroom},
      {conformance + "/bad", ratings},  // does not load
  };
  struct review_case {
    std::string flags;
    const char* epoch;  // SOURCE_DATE_EPOCH, or nullptr for unset
  };
  const std::string flags = " --review-url https://example.org/c --reviewer Desk";
  const std::vector<review_case> review_cases = {
      {"", nullptr},
      {"", "1685577600"},
      {flags, nullptr},
      {flags, "1685577600"},
      {flags + " --reviewer-url https://desk.example.org/ --document-url "
               "https://news.example.org/a --review-date 2023-05-20",
       "1685577600"},
      {" --reviewer Desk", nullptr},
      {" --review-url not-a-url --reviewer Desk", nullptr},
  };
  for (const auto& paths : path_sets) {
    const std::string joined = claimcheck::test::as_arguments(paths);
    for (const auto& c : review_cases) {
      epoch_setting epoch(c.epoch);
      report::claimreview_options review;
      if (c.flags.find("--review-url https") != std::string::npos)
        review.review_url = "https://example.org/c";
      if (c.flags.find("not-a-url") != std::string::npos) review.review_url = "not-a-url";
      if (c.flags.find("--reviewer Desk") != std::string::npos) review.reviewer = "Desk";
      if (c.flags.find("--reviewer-url") != std::string::npos) {
        review.reviewer_url = "https://desk.example.org/";
        review.document_url = "https://news.example.org/a";
      }
      review.review_date = c.flags.find("--review-date") != std::string::npos ? "2023-05-20"
                           : c.epoch != nullptr                               ? "2023-06-01"
                                                                              : "";
      for (const bool strict : {false, true}) {
        const run_output want = claimreview_whole_corpus(paths, review, strict);
        for (const char* jobs : {"1", "3"}) {
          const std::string command = "check " + joined + "--format claimreview" + c.flags +
                                      (strict ? " --strict" : "") + " --jobs " + jobs;
          INFO(command << (c.epoch ? " (SOURCE_DATE_EPOCH set)" : ""));
          const run_output r = run_tool(command);
          CHECK(r.exit_code == want.exit_code);
          CHECK(r.out == want.out);
          CHECK(r.err == want.err);
        }
      }
    }
  }
}

// --output: the reviews go to the temporary file as they come; the file is
// put in place only when nothing is wrong, an existing one only with
// --force, and no temporary file is left either way.
TEST_CASE("check --format claimreview --output writes the whole file or none, as before") {
  using namespace claimcheck;
  const std::string ratings = std::string(CLAIMCHECK_TEST_DATA) + "/claimreview/ratings";
  const std::string newsroom = std::string(CLAIMCHECK_TEST_DATA) + "/ecosystem/newsroom";
  const std::string bad = std::string(CLAIMCHECK_TEST_DATA) + "/conformance/bad";
  const std::vector<std::vector<std::string>> path_sets = {
      {ratings},                                        // publishable
      {ratings, newsroom},                              // the newsroom names no review url
      {std::string(CLAIMCHECK_TEST_DATA) + "/checks"},  // an invalid dossier
      {bad, ratings},                                   // does not load
  };
  epoch_setting epoch(nullptr);
  for (const auto& paths : path_sets) {
    const run_output want = claimreview_whole_corpus(paths, {}, false);
    require_output_file(claimcheck::test::as_arguments(paths) + "--format claimreview",
                        "reviews.json",
                        {want.out, want.err,
                         want.err.substr(0, want.err.find("claimcheck check: ")), want.exit_code});
  }
}

// Issue 16: with --output, check's text, md and json reports go to the
// temporary file as they are written (md and json a dossier at a time); the
// file is put in place only when nothing is wrong, so that an invalid
// dossier or a failed load found after many valid dossiers still leaves
// the file as it was (or the problems of loading as JSON, as before), an
// existing file is replaced only with --force, and no temporary file stays.
TEST_CASE("check --output writes text, md and json whole or not at all, for a late problem too") {
  using namespace claimcheck;
  const std::string claims = std::string(CLAIMCHECK_SOURCE_DIR) + "/claims";
  const std::vector<std::vector<std::string>> path_sets = {
      {claims},                                                          // valid
      {claims, std::string(CLAIMCHECK_TEST_DATA) + "/checks"},           // an invalid dossier late
      {claims, std::string(CLAIMCHECK_TEST_DATA) + "/conformance/bad"},  // fails to load late
  };
  for (const auto& paths : path_sets) {
    const load_result loaded = load_paths(std::vector<fs::path>(paths.begin(), paths.end()), {});
    const std::vector<check_run> runs =
        loaded.ok() ? run_checks_of(loaded.dossiers, {}, 1) : std::vector<check_run>();
    const check_status status = loaded.ok() ? status_of(runs, false) : check_status::invalid;
    std::string err;
    for (const auto& problem : loaded.problems) err += format_diagnostic(problem) + '\n';
    if (loaded.ok() && status == check_status::invalid)
      for (const auto& problem : problems_of(runs)) err += format_diagnostic(problem) + '\n';
    const int want_exit = status == check_status::invalid      ? 2
                          : status == check_status::unexpected ? 1
                                                               : 0;
    for (const std::string format : {"text", "md", "json"}) {
      std::string want;
      if (!loaded.ok()) {
        if (format != "text") want = diagnostics_json(loaded.problems, count_loaded(loaded));
      } else if (status != check_status::invalid) {
        want = format == "md"     ? report::check_report_markdown(runs)
               : format == "json" ? report::check_report_json(runs)
                                  : report::check_report_text(runs);
      }
      require_output_file(claimcheck::test::as_arguments(paths) + "--format " + format,
                          "report.out", {want, err, err, want_exit});
    }
  }
}

namespace {

// What the whole-corpus path prints for `check PATHS --format FORMAT`: the
// report (empty when nothing is printed), stderr and the exit status.
run_output check_whole_corpus(const std::vector<std::string>& paths, const std::string& format) {
  using namespace claimcheck;
  const load_result loaded = load_paths(std::vector<fs::path>(paths.begin(), paths.end()), {});
  const std::vector<check_run> runs =
      loaded.ok() ? run_checks_of(loaded.dossiers, {}, 1) : std::vector<check_run>();
  const check_status status = loaded.ok() ? status_of(runs, false) : check_status::invalid;
  run_output want;
  for (const auto& problem : loaded.problems) want.err += format_diagnostic(problem) + '\n';
  // A CI format annotates an invalid dossier's problems instead.
  const bool ci = format == "sarif" || format == "github";
  if (loaded.ok() && status == check_status::invalid && !ci)
    for (const auto& problem : problems_of(runs)) want.err += format_diagnostic(problem) + '\n';
  want.exit_code = status == check_status::invalid ? 2 : status == check_status::unexpected ? 1 : 0;
  if (ci) {
    // Written whenever loading succeeds: the problems of loading, then the
    // findings of every run; the exit status says invalid.
    const claimcheck::test::whole_corpus_findings whole(loaded, runs);
    const diagnostics all = report::select_findings(whole.all, {}, whole.sarif);
    want.out =
        format == "github" ? report::github_annotations(all) : report::sarif_log(all, whole.sarif);
  } else if (!loaded.ok()) {
    if (format != "text") want.out = diagnostics_json(loaded.problems, count_loaded(loaded));
  } else if (status != check_status::invalid) {
    want.out = format == "md"     ? report::check_report_markdown(runs)
               : format == "json" ? report::check_report_json(runs)
                                  : report::check_report_text(runs);
  }
  return want;
}

}  // namespace

// Issue 16: a report too long to hold (more than a block, 256 KiB) waits in
// an unnamed file in $TMPDIR: text's bodies until every headline is
// written, and any format for stdout until no later dossier can be invalid.
// What is printed or written is the whole-report layout, byte for byte, for
// one, two and many dossiers and with an invalid dossier after many valid
// ones (nothing printed, nothing written), to stdout and to --output, for
// any --jobs; SARIF and GitHub annotations too (their findings wait, since
// the problems of loading come first). Fourteen copies of claims/waic-2023
// make a text report of 290 KB and a JSON one of 580 KB.
TEST_CASE("check's report waits in $TMPDIR and is printed in the whole-report layout") {
  claimcheck::test::temp_folder many;
  const fs::path waic = fs::path(CLAIMCHECK_SOURCE_DIR) / "claims" / "waic-2023";
  for (int i = 0; i < 14; ++i)
    fs::copy(waic, many.path / ("w" + std::to_string(10 + i)), fs::copy_options::recursive);
  const std::string first = (many.path / "w10").string();
  const std::vector<std::vector<std::string>> path_sets = {
      {first},
      {first, (many.path / "w11").string()},
      {many.path.string()},
      {many.path.string(), std::string(CLAIMCHECK_TEST_DATA) + "/checks"},
  };
  for (const auto& paths : path_sets) {
    for (const std::string format : {"text", "md", "json", "sarif", "github"}) {
      const run_output want = check_whole_corpus(paths, format);
      if (paths.size() == 1 && paths[0] == many.path.string() &&
          (format == "text" || format == "json"))
        CHECK(want.out.size() > claimcheck::spilled_text::default_block);
      for (const char* jobs : {"1", "3"}) {
        const std::string command = "check " + claimcheck::test::as_arguments(paths) + "--format " +
                                    format + " --jobs " + jobs;
        INFO(command);
        const run_output printed = run_tool(command);
        CHECK(printed.exit_code == want.exit_code);
        CHECK(printed.out == want.out);
        CHECK(printed.err == want.err);
        claimcheck::test::temp_folder folder;
        const fs::path target = folder.path / "report.out";
        const run_output written = run_tool(command + " --output " + target.string());
        CHECK(written.exit_code == want.exit_code);
        CHECK(written.out.empty());
        CHECK(written.err == want.err);
        CHECK(claimcheck::test::read_file(target) == want.out);
        CHECK(claimcheck::test::folder_entries(folder.path) ==
              (want.out.empty() ? std::vector<std::string>{}
                                : std::vector<std::string>{"report.out"}));
      }
    }
  }
}

// A report that must wait but cannot (TMPDIR missing or not a folder, the
// disk full: here a file size limit, SIGXFSZ ignored) is a file.write error
// naming the folder, exit 2, and nothing printed or written: no --output
// file, an existing one left as it was. A report under one block never
// needs the folder, nor does md or json written to --output (written a
// dossier at a time to the file's own temporary file).
TEST_CASE("check whose report cannot wait in $TMPDIR says so and prints nothing") {
  claimcheck::test::temp_folder many;
  const fs::path waic = fs::path(CLAIMCHECK_SOURCE_DIR) / "claims" / "waic-2023";
  for (int i = 0; i < 14; ++i)
    fs::copy(waic, many.path / ("w" + std::to_string(10 + i)), fs::copy_options::recursive);
  claimcheck::test::temp_folder place;
  claimcheck::test::write(place.path / "a-file", "x");
  const std::string missing = (place.path / "missing").string();
  const std::string not_folder = (place.path / "a-file").string();
  auto refusal = [](const std::string& folder, const char* verb, const char* cause) {
    return folder + ": error: [file.write] cannot " + verb +
           " the temporary file that holds the report in '" + folder +
           "' (TMPDIR, else /tmp): " + cause + "; set TMPDIR to a writable folder with room\n";
  };
  struct spill_case {
    std::string shell_prefix;
    std::string paths;
    std::string format;
    bool to_file;
    std::string err;  // "": prints what the whole-corpus path prints
  };
  const std::string tmp = std::filesystem::temp_directory_path().string();
  const std::string all = many.path.string();
  const std::string one = (many.path / "w10").string();
  const std::string no_folder = "TMPDIR=" + missing + " ", a_file = "TMPDIR=" + not_folder + " ";
  const std::string no_such = refusal(missing, "create", "No such file or directory");
  const std::string not_a_folder = refusal(not_folder, "create", "Not a directory");
  const std::string full = refusal(tmp, "write", "File too large");
  const std::vector<spill_case> cases = {
      {no_folder, all, "text", false, no_such},
      {no_folder, all, "text", true, no_such},
      {no_folder, all, "md", false, no_such},
      {no_folder, all, "json", false, no_such},
      {a_file, all, "text", false, not_a_folder},
      {a_file, all, "json", false, not_a_folder},
      {"trap '' XFSZ; ulimit -f 256; ", all, "text", false, full},
      {no_folder, all, "sarif", false, ""},  // its results are under a block
      {no_folder, all, "md", true, ""},
      {no_folder, all, "json", true, ""},
      {no_folder, one, "text", false, ""},
      {no_folder, one, "json", false, ""},
      {no_folder, one, "sarif", true, ""},
  };
  for (const auto& c : cases) {
    const run_output whole = check_whole_corpus({c.paths}, c.format);
    for (const bool existing : {false, true}) {
      if (existing && !c.to_file) continue;
      claimcheck::test::temp_folder folder;
      const fs::path target = folder.path / "report.out";
      if (existing) claimcheck::test::write(target, "old\n");
      const std::string command =
          "check " + c.paths + " --format " + c.format +
          (c.to_file ? " --output " + target.string() + " --force" : std::string());
      INFO(c.shell_prefix << command << (existing ? " (the file exists)" : ""));
      const run_output r = run_tool(command, {}, c.shell_prefix);
      const std::string printed = c.to_file ? claimcheck::test::read_file(target) : r.out;
      if (!c.to_file) CHECK(claimcheck::test::folder_entries(folder.path).empty());
      if (c.err.empty()) {
        CHECK(r.exit_code == whole.exit_code);
        CHECK(r.err == whole.err);
        CHECK(printed == whole.out);
        continue;
      }
      CHECK(r.exit_code == 2);
      CHECK(r.err == c.err);
      CHECK(r.out.empty());
      if (c.to_file) {
        CHECK(printed == (existing ? "old\n" : ""));
        CHECK(claimcheck::test::folder_entries(folder.path) ==
              (existing ? std::vector<std::string>{"report.out"} : std::vector<std::string>{}));
      }
    }
  }
}
