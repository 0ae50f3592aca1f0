// SPDX-License-Identifier: MIT
// The bad-input corpus (tests/data/bad): each file or dossier holds one
// mistake and must give exactly one diagnostic, at the right place, and
// make `claimcheck validate` exit 2.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "claimcheck/checks.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/report/diagnostics.hpp"
#include "claimcheck/report/github.hpp"
#include "claimcheck/report/sarif.hpp"
#include "sanitizers.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace claimcheck;

namespace {

const fs::path bad_data = fs::path(CLAIMCHECK_TEST_DATA) / "bad";
const fs::path good_data = fs::path(CLAIMCHECK_TEST_DATA) / "good";

struct bad_case {
  const char* path;  // under tests/data/bad: a dossier folder or a claim file
  const char* file;  // the file the diagnostic names, under tests/data/bad
  int line;
  int column;
  const char* code;
};

// One row per mistake. Columns count code points; a string's problem found
// inside it is placed at the character (the opening quote is one column before).
const bad_case bad_cases[] = {
    // JSON itself
    {"json_trailing_comma", "json_trailing_comma/claims.json", 5, 3, "json.syntax"},
    {"json_missing_comma", "json_missing_comma/claims.json", 3, 3, "json.syntax"},
    {"json_unterminated_string", "json_unterminated_string/claims.json", 3, 23, "json.syntax"},
    {"json_empty_file", "json_empty_file/claims.json", 1, 1, "json.syntax"},
    {"json_bare_word", "json_bare_word/claims.json", 3, 17, "json.syntax"},
    {"json_duplicate_key", "json_duplicate_key/claims.json", 5, 44, "json.duplicate_key"},
    {"json_invalid_utf8", "json_invalid_utf8/claims.json", 3, 41, "json.encoding"},
    {"json_number_too_big", "json_number_too_big/claims.json", 5, 26, "number.range"},
    {"json_not_object.json", "json_not_object.json", 1, 1, "field.type"},
    // the shape of records
    {"format_version", "format_version/claims.json", 2, 17, "format.version"},
    {"missing_claimcheck.json", "missing_claimcheck.json", 1, 1, "field.missing"},
    {"top_unknown_field", "top_unknown_field/claims.json", 3, 3, "field.unknown"},
    {"claim_unknown_field", "claim_unknown_field/claims.json", 5, 44, "field.unknown"},
    {"claim_missing_unit", "claim_missing_unit/claims.json", 5, 5, "field.missing"},
    {"claim_value_boolean", "claim_value_boolean/claims.json", 5, 26, "field.type"},
    {"claim_sources_string", "claim_sources_string/claims.json", 5, 55, "field.type"},
    {"claims_not_array", "claims_not_array/claims.json", 3, 13, "field.type"},
    {"claim_not_object", "claim_not_object/claims.json", 3, 14, "field.type"},
    {"claim_empty_quote", "claim_empty_quote/claims.json", 5, 26, "field.empty"},
    {"claim_blank_quote", "claim_blank_quote/claims.json", 5, 26, "field.empty"},
    {"value_pair_of_three", "value_pair_of_three/claims.json", 5, 26, "value.pair"},
    // units
    {"unit_unknown", "unit_unknown/claims.json", 5, 41, "unit.unknown"},
    {"unit_ambiguous_division", "unit_ambiguous_division/claims.json", 5, 48,
     "unit.ambiguous_division"},
    {"unit_unknown_after_escape", "unit_unknown_after_escape/claims.json", 5, 47, "unit.unknown"},
    {"unit_prefix_on_currency", "unit_prefix_on_currency/claims.json", 5, 40,
     "unit.prefix_not_allowed"},
    {"unit_declared_twice", "unit_declared_twice/claims.json", 3, 64, "unit.duplicate"},
    // values and qualifiers
    {"value_syntax", "value_syntax/claims.json", 5, 28, "number.scale"},
    {"value_range_needs_pair", "value_range_needs_pair/claims.json", 5, 26, "value.qualifier"},
    {"value_pair_needs_range", "value_pair_needs_range/claims.json", 5, 26, "value.qualifier"},
    {"value_range_reversed", "value_range_reversed/claims.json", 5, 26, "value.range"},
    {"value_several_needs_magnitude", "value_several_needs_magnitude/claims.json", 5, 26,
     "value.qualifier"},
    {"value_magnitude_needs_several", "value_magnitude_needs_several/claims.json", 5, 26,
     "value.qualifier"},
    {"qualifier_unknown", "qualifier_unknown/claims.json", 5, 57, "qualifier.unknown"},
    {"tolerance_too_large", "tolerance_too_large/claims.json", 5, 79, "value.tolerance"},
    {"precision_zero", "precision_zero/claims.json", 5, 57, "value.precision"},
    {"date_value_number", "date_value_number/claims.json", 5, 26, "value.date"},
    // ids and references
    {"id_upper_case", "id_upper_case/claims.json", 5, 13, "id.syntax"},
    {"id_dash", "id_dash/claims.json", 5, 17, "id.syntax"},
    {"id_trailing_dot", "id_trailing_dot/claims.json", 5, 22, "id.syntax"},
    {"id_duplicate", "id_duplicate/claims.json", 6, 12, "id.duplicate"},
    {"id_duplicate_across_files", "id_duplicate_across_files/b.json", 3, 22, "id.duplicate"},
    {"source_unknown", "source_unknown/claims.json", 5, 56, "source.unknown"},
    {"source_is_a_claim", "source_is_a_claim/claims.json", 6, 56, "source.unknown"},
    {"fact_no_source", "fact_no_source/claims.json", 5, 5, "fact.no_source"},
    {"check_about_unknown", "check_about_unknown/claims.json", 7, 61, "id.unknown"},
    {"series_point_unknown", "series_point_unknown/claims.json", 7, 42, "id.unknown"},
    {"check_expect_unknown", "check_expect_unknown/claims.json", 3, 55, "check.expect"},
    {"check_severity_unknown", "check_severity_unknown/claims.json", 3, 57, "check.severity"},
    {"source_kind_unknown", "source_kind_unknown/claims.json", 3, 49, "source.kind"},
    // dates
    {"date_impossible", "date_impossible/claims.json", 5, 62, "date.invalid"},
    {"date_shape", "date_shape/claims.json", 5, 60, "date.syntax"},
    {"date_value_month_13", "date_value_month_13/claims.json", 5, 32, "date.invalid"},
    {"date_published_feb_29", "date_published_feb_29/claims.json", 3, 52, "date.invalid"},
    {"date_accessed_nov_31", "date_accessed_nov_31/claims.json", 3, 62, "date.invalid"},
    // the document and quotes
    {"document_twice", "document_twice/b.json", 3, 15, "document.duplicate"},
    {"document_text_missing", "document_text_missing/claims.json", 3, 38,
     "document.text_not_found"},
    {"document_text_not_utf8", "document_text_not_utf8/claims.json", 3, 38, "document.encoding"},
    {"document_text_outside_root", "document_text_outside_root/claims.json", 3, 38,
     "document.outside_root"},
    {"quote_not_found", "quote_not_found/claims.json", 6, 26, "quote.not_found"},
    {"ignore_quote_not_found", "ignore_quote_not_found/claims.json", 4, 24, "quote.not_found"},
    // imports
    {"import_outside_root", "import_outside_root/claims.json", 3, 15, "import.outside_root"},
    {"import_absolute", "import_absolute/claims.json", 3, 15, "import.outside_root"},
    {"import_not_found", "import_not_found/claims.json", 3, 15, "import.not_found"},
    {"import_not_dossier", "import_not_dossier/claims.json", 3, 15, "import.not_dossier"},
    {"import_cycle", "import_cycle/beta/claims.json", 3, 15, "import.cycle"},
};

std::string describe(const diagnostics& list) {
  std::string out;
  for (const auto& d : list) out += format_diagnostic(d) + "\n";
  return out;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct run_output {
  int exit_code = -1;
  std::string out;
};

// Runs the built tool with its output in a file; the shell quotes nothing
// here because test paths hold no spaces.
run_output run_tool(const std::string& arguments) {
  static std::atomic<int> counter{0};
  fs::path output =
      fs::temp_directory_path() / ("claimcheck_validate_" + std::to_string(::getpid()) + "_" +
                                   std::to_string(counter++) + ".txt");
  std::string command =
      std::string(CLAIMCHECK_BINARY) + " " + arguments + " >" + output.string() + " 2>&1";
  int status = std::system(command.c_str());
  run_output result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(output);
  std::stringstream text;
  text << in.rdbuf();
  result.out = text.str();
  fs::remove(output);
  return result;
}

// A folder under the system's temp folder, removed at the end of the test.
using claimcheck::test::temp_folder;

using claimcheck::test::write;

}  // namespace

TEST_CASE("the bad corpus has at least forty cases, each a file or folder that exists") {
  CHECK(std::size(bad_cases) >= 40);
  for (const auto& c : bad_cases) {
    INFO(c.path);
    CHECK(fs::exists(bad_data / c.path));
  }
}

TEST_CASE("each bad input gives exactly its one diagnostic at its place") {
  for (const auto& c : bad_cases) {
    INFO("case " << c.path);
    load_result loaded = load_paths({bad_data / c.path}, {});
    INFO(describe(loaded.problems));
    CHECK_FALSE(loaded.ok());
    REQUIRE(loaded.problems.size() == 1);
    const diagnostic& d = loaded.problems.front();
    CHECK(d.code == c.code);
    CHECK(d.level == severity::error);
    CHECK(ends_with(d.where.file, std::string("bad/") + c.file));
    CHECK(d.where.line == c.line);
    CHECK(d.where.column == c.column);
    CHECK_FALSE(d.message.empty());
  }
}

TEST_CASE("a folder without claim files is a located path error") {
  load_result loaded = load_paths({bad_data / "no_claim_files"}, {});
  REQUIRE(loaded.problems.size() == 1);
  CHECK(loaded.problems[0].code == "path.no_claims");
  load_result missing = load_paths({bad_data / "no_such_folder"}, {});
  REQUIRE(missing.problems.size() == 1);
  CHECK(missing.problems[0].code == "path.not_found");
}

TEST_CASE("a million-deep array is a json.depth diagnostic, not a crash") {
  temp_folder dir;
  std::string text = "{\"claimcheck\": 1, \"claims\": ";
  text += std::string(1'000'000, '[');
  text += std::string(1'000'000, ']');
  text += "}";
  write(dir.path / "deep.json", text);
  load_result loaded = load_paths({dir.path}, {});
  INFO(describe(loaded.problems));
  REQUIRE(loaded.problems.size() == 1);
  CHECK(loaded.problems[0].code == "json.depth");
  CHECK(loaded.problems[0].where.line == 1);
  // The root object is level 1, so the 64th '[' (column 29 + 63) would be level 65.
  CHECK(loaded.problems[0].where.column == 29 + 63);
  run_output run = run_tool("validate " + dir.path.string());
  CHECK(run.exit_code == 2);
  CHECK(run.out.find("[json.depth]") != std::string::npos);
}

TEST_CASE("a symbolic link that leads out of the root is an import outside the root") {
  temp_folder dir;
  write(dir.path / "outside" / "facts.json", "{\"claimcheck\": 1}");
  write(dir.path / "root" / "article" / "claims.json",
        "{\"claimcheck\": 1, \"imports\": [\"../linked\"]}");
  fs::create_directory_symlink(dir.path / "outside", dir.path / "root" / "linked");
  load_options options;
  options.root = dir.path / "root";
  load_result loaded = load_paths({dir.path / "root" / "article"}, options);
  INFO(describe(loaded.problems));
  REQUIRE(loaded.problems.size() == 1);
  CHECK(loaded.problems[0].code == "import.outside_root");
  CHECK(loaded.problems[0].where.column == 31);
}

TEST_CASE("the import cycle is reported once whichever dossier is loaded first") {
  for (const char* start : {"import_cycle/alpha", "import_cycle/beta"}) {
    load_options options;
    options.root = bad_data / "import_cycle";
    load_result loaded = load_paths({bad_data / start}, options);
    INFO(describe(loaded.problems));
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0].code == "import.cycle");
    CHECK(ends_with(loaded.problems[0].where.file, "import_cycle/beta/claims.json"));
    CHECK(loaded.problems[0].message.find("alpha -> ") != std::string::npos);
  }
}

TEST_CASE("claimcheck validate prints each problem as file line column code and exits 2") {
  const std::pair<const char*, const char*> rows[] = {
      {"json_trailing_comma", "json_trailing_comma/claims.json:5:3: error: [json.syntax]"},
      {"json_number_too_big", "json_number_too_big/claims.json:5:26: error: [number.range]"},
      {"unit_unknown", "unit_unknown/claims.json:5:41: error: [unit.unknown]"},
      {"quote_not_found", "quote_not_found/claims.json:6:26: error: [quote.not_found]"},
      {"import_cycle", "import_cycle/beta/claims.json:3:15: error: [import.cycle]"},
      {"json_invalid_utf8", "json_invalid_utf8/claims.json:3:41: error: [json.encoding]"},
  };
  for (const auto& [path, expected] : rows) {
    INFO(path);
    run_output run = run_tool("validate " + (bad_data / path).string());
    INFO(run.out);
    CHECK(run.exit_code == 2);
    CHECK(run.out.find(expected) != std::string::npos);
    CHECK(run.out.find(": 1 error, 0 warnings") != std::string::npos);
  }
}

TEST_CASE("claimcheck validate exits 0 on good dossiers and prints the summary") {
  run_output run = run_tool("validate " + (good_data / "waic-mini").string());
  INFO(run.out);
  CHECK(run.exit_code == 0);
  CHECK(run.out == "1 dossier, 2 files, 17 records: 0 errors, 0 warnings\n");
  run_output tree = run_tool("validate " + (good_data / "tree").string() + " --format json");
  INFO(tree.out);
  CHECK(tree.exit_code == 0);
  CHECK(tree.out.find("\"valid\":true") != std::string::npos);
  CHECK(tree.out.find("\"dossiers\":2") != std::string::npos);
}

TEST_CASE("claimcheck validate --format json lists the diagnostics with their places") {
  run_output run = run_tool("validate " + (bad_data / "unit_unknown").string() + " --format json");
  INFO(run.out);
  CHECK(run.exit_code == 2);
  CHECK(run.out.find("\"valid\":false") != std::string::npos);
  CHECK(run.out.find("\"code\":\"unit.unknown\"") != std::string::npos);
  CHECK(run.out.find("\"line\":5,\"column\":41") != std::string::npos);
  CHECK(run.out.find("\"pointer\":\"/claims/0/unit\"") != std::string::npos);
}

TEST_CASE("claimcheck validate refuses bad usage with exit 2") {
  CHECK(run_tool("validate").exit_code == 2);
  CHECK(run_tool("validate --format xml " + (good_data / "waic-mini").string()).exit_code == 2);
  CHECK(run_tool("validate --no-such-option x").exit_code == 2);
  run_output help = run_tool("validate --help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("examples:") != std::string::npos);
}

namespace {

// The error lines of a run ("file:line:col: error: [code] message"), sorted:
// validate prints them to stdout, check to stderr, in their own orders.
std::vector<std::string> error_lines(const std::string& output) {
  std::vector<std::string> lines;
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    if (line.find("error: [") != std::string::npos) lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

// Every input of the suite that check or validate rejects, or accepts:
// each case folder (or file) directly under these folders of tests/data.
std::vector<fs::path> every_suite_input() {
  std::vector<fs::path> inputs;
  const fs::path data(CLAIMCHECK_TEST_DATA);
  for (const char* folder : {"bad", "invalid", "conformance/bad", "conformance/exit", "checks",
                             "ecosystem", "good", "trends"}) {
    for (const auto& entry : fs::directory_iterator(data / folder)) {
      if (entry.is_directory() || entry.path().extension() == ".json") {
        inputs.push_back(entry.path());
      }
    }
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

}  // namespace

TEST_CASE("validate finds every error check finds: same exit code 2, same diagnostics") {
  const auto inputs = every_suite_input();
  CHECK(inputs.size() > 100);
  // Under AddressSanitizer every third input, at fixed places: each run there
  // costs a sanitized process start and exit, and this is the slowest test of
  // CI's sanitized suite. The sanitizers check memory, which any input
  // exercises; the parity itself is checked on every input in the other
  // builds.
  const std::size_t stride = CLAIMCHECK_TEST_UNDER_ASAN ? 3 : 1;
  std::size_t invalid = 0;
  std::size_t compared = 0;
  for (std::size_t i = 0; i < inputs.size(); i += stride) {
    const auto& input = inputs[i];
    ++compared;
    INFO(input.string());
    run_output validated = run_tool("validate " + input.string());
    run_output checked = run_tool("check " + input.string());
    INFO("validate:\n" << validated.out << "check:\n" << checked.out);
    // check exits 0 or 1 on valid input (1: an unexpected outcome), which
    // validate accepts with 0.
    CHECK(validated.exit_code == (checked.exit_code == 2 ? 2 : 0));
    CHECK(error_lines(validated.out) == error_lines(checked.out));
    if (checked.exit_code == 2) ++invalid;
  }
  // Most suite inputs are invalid: the comparison is not only of clean runs.
  CHECK(invalid * 10 > compared * 6);
  if (stride == 1) CHECK(invalid > 90);
}

TEST_CASE("validate reports each error of expressions, checks and series at its place") {
  // tests/data/invalid: one mistake per dossier that only evaluation finds.
  // Columns are hand-counted: a derived expr starts at column 39 of line 8,
  // an assert at 40; `within` opens at 74 (or 73 after a 20-character assert).
  const std::vector<std::pair<const char*, const char*>> rows = {
      {"expr_syntax", "8:47: error: [expr.syntax]"},  // '*' of "a.cost +* (2"
      {"expr_unknown_function", "8:39: error: [expr.unknown_function]"},
      {"expr_arity", "8:39: error: [expr.arity]"},
      {"expr_unknown_id", "8:39: error: [eval.unknown_id]"},
      {"expr_cycle", "8:75: error: [eval.cycle]"},  // the reference that closes it
      {"expr_unit_unknown", "8:51: error: [unit.unknown]"},
      {"expr_add_dimensions", "8:39: error: [expr.dimension]"},
      {"derived_unit_dimension", "8:39: error: [expr.dimension]"},
      {"expr_zero_division", "8:48: error: [eval.zero_division]"},
      {"expr_domain", "8:39: error: [eval.domain]"},
      {"expr_overflow", "8:39: error: [eval.overflow]"},
      {"value_overflow", "3:32: error: [eval.overflow]"},
      {"assert_no_comparison", "8:50: error: [expr.syntax]"},  // the end of "a.cost * 2"
      {"assert_dimensions", "8:47: error: [expr.dimension]"},  // at '>'
      {"assert_unknown_id", "8:49: error: [eval.unknown_id]"},
      {"series_no_as_of", "9:42: error: [trend.no_date]"},
      {"within_on_less", "8:74: error: [check.within]"},
      {"within_not_a_tolerance", "8:74: error: [check.within]"},
      {"within_dimension", "8:74: error: [expr.dimension]"},
      {"percent_plain_number", "8:39: error: [expr.percent]"},
      {"percent_compare", "8:50: error: [expr.percent]"},  // at '<'
      {"power_of_a_unit", "8:39: error: [expr.dimension]"},
      {"power_domain", "8:39: error: [eval.domain]"},
  };
  const fs::path invalid = fs::path(CLAIMCHECK_TEST_DATA) / "invalid";
  std::size_t folders = 0;
  for (const auto& entry : fs::directory_iterator(invalid)) folders += entry.is_directory();
  CHECK(folders == rows.size());
  for (const auto& [name, expected] : rows) {
    INFO(name);
    run_output run = run_tool("validate " + (invalid / name).string());
    INFO(run.out);
    CHECK(run.exit_code == 2);
    CHECK(run.out.find(std::string(name) + "/claims.json:" + expected) != std::string::npos);
    CHECK(run.out.find(": 1 error, 0 warnings") != std::string::npos);
  }
}

// Issue 14 item 10: validate loads, checks and drops one dossier at a time
// (a few with --jobs), and must print what loading the whole corpus at once
// gives: here the library's whole-corpus path is the reference, for every
// format, with and without --strict, on one thread and on three. The
// "later" tree has a dossier imported by one after it (built again for it).
TEST_CASE("validate one dossier at a time prints what the whole-corpus load gives") {
  test::temp_folder later;
  test::write(later.path / "a" / "claims.json",
              "{\"claimcheck\": 1, \"sources\": [{\"id\": \"s\", \"title\": \"t\", "
              "\"kind\": \"primary\"}], \"facts\": [{\"id\": \"a.v\", \"value\": 2, "
              "\"unit\": \"GPU\", \"qualifier\": \"exact\", \"sources\": [\"s\"]}]}\n");
  test::write(later.path / "b" / "claims.json",
              "{\"claimcheck\": 1, \"imports\": [\"../a\"], \"derived\": [{\"id\": "
              "\"b.d\", \"expr\": \"a.v * 2\"}], \"checks\": [{\"id\": \"b.c\", "
              "\"assert\": \"b.d >= 1 [GPU] && a.v < 1 [s]\"}]}\n");
  const std::string source = CLAIMCHECK_SOURCE_DIR;
  const std::string data = CLAIMCHECK_TEST_DATA;
  const std::vector<std::vector<std::string>> path_sets = {
      {source + "/claims"},
      {source + "/claims/waic-2023", data + "/checks", source + "/claims/eos-mlperf-2023"},
      {data + "/good"},
      {later.path.string()},
      {data + "/conformance/bad"},
      {data + "/bad/import_cycle", data + "/good/waic-mini"},
  };
  for (const auto& paths : path_sets) {
    const std::string joined = test::as_arguments(paths);
    const std::vector<fs::path> fs_paths(paths.begin(), paths.end());
    load_result loaded = load_paths(fs_paths, {});
    const load_counts counts = count_loaded(loaded);
    if (loaded.ok()) {
      const diagnostics found = problems_of(run_checks_of(loaded.dossiers, {}, 1));
      loaded.problems.insert(loaded.problems.end(), found.begin(), found.end());
    }
    for (const bool strict : {false, true}) {
      const bool invalid =
          !loaded.ok() || (strict && count(loaded.problems, severity::warning) > 0);
      for (const std::string format : {"text", "json", "sarif", "github"}) {
        const std::string want =
            format == "json"    ? diagnostics_json(loaded.problems, counts, strict)
            : format == "sarif" ? report::sarif_log(loaded.problems)
            : format == "github"
                ? report::github_annotations(loaded.problems)
                : diagnostics_text(loaded.problems) + summary_line(counts, loaded.problems) + "\n";
        for (const char* jobs : {"1", "3"}) {
          const std::string command = "validate " + joined + "--format " + format +
                                      (strict ? " --strict" : "") + " --jobs " + jobs;
          INFO(command);
          const run_output r = run_tool(command);
          CHECK(r.exit_code == (invalid ? 2 : 0));
          CHECK(r.out == want);
        }
      }
    }
  }
}
