// SPDX-License-Identifier: MIT
// Conformance of claimcheck to the claim-format contract
// (shared/spec/claim-format.md), on dossiers written as a stranger reading
// only the contract would write them (tests/data/conformance):
//   root/            a claims root: article (several claim files, a document
//                    text, imports reference/base), reference/base, values
//                    (every value form and qualifier), expressions (every
//                    unit form, expression feature and comparison), quotes
//   exit/            exit codes 0/1 and --strict with warning checks
//   bad/             one contract error per dossier
// Intervals come from the core API; outcomes, verdicts, exit codes and
// messages from the built tool (CLAIMCHECK_BINARY), as users see them.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "claimcheck/checks.hpp"
#include "claimcheck/evaluate.hpp"
#include "claimcheck/interval.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/trends.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using claimcheck::interval;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

std::string data(const std::string& name) {
  return std::string(CLAIMCHECK_TEST_DATA) + "/conformance/" + name;
}

using claimcheck::test::read_file;
using claimcheck::test::run_output;

// Runs the built tool from the conformance data folder (so that reported
// paths are short and stable), stdout and stderr in files.
run_output run_tool(const std::string& arguments) {
  return claimcheck::test::run_tool(arguments, data(""));
}

claimcheck::load_result load(const std::string& path, const std::string& root = "") {
  claimcheck::load_options options;
  if (!root.empty()) options.root = data(root);
  return claimcheck::load_paths({data(path)}, options);
}

std::string describe(const claimcheck::diagnostics& problems) {
  std::string text;
  for (const auto& d : problems) text += claimcheck::format_diagnostic(d) + "\n";
  return text;
}

// Bounds of the contract are compared to the double nearest them; the
// toolkit may round a bound that is not a double outward (1.495 -> the
// double below), never by more than a few ulps.
bool same_bound(double computed, double expected) {
  return claimcheck::nearly_equal(computed, expected, 1e-14);
}

struct interval_row {
  const char* id;
  double lo, hi;
};

}  // namespace

TEST_CASE("every value form and qualifier gives the interval of the contract's table") {
  auto loaded = load("root/values");
  INFO(describe(loaded.problems));
  REQUIRE(loaded.ok());
  REQUIRE(loaded.dossiers.size() == 1);
  const auto& d = loaded.dossiers[0];
  // Each row: the figure's interval in the unit it is stated in.
  const std::vector<interval_row> rows = {
      // stated: [v - p/2, v + p/2], p the place of the last non-zero digit
      {"v.number", 15000, 25000},            // 20000 -> p = 1e4
      {"v.sci", 1.15e21, 1.25e21},           // 1.2e21 -> p = 1e20
      {"v.wan", 15000, 25000},               // "2万" -> p = 1万
      {"v.wan_trad", 4.45e6, 4.55e6},        // "450萬" -> p = 10万
      {"v.yi", 1.5e11, 2.5e11},              // "2000亿" -> 2e11, p = 1e11
      {"v.yi_trad", 2e11, 2e11},             // "兩千億" exact
      {"v.liangqianyi", 2e11, 2e11},         // "两千亿" exact
      {"v.billion", 174.5e9, 175.5e9},       // "175B"
      {"v.million", 4.45e6, 4.55e6},         // "4.5M"
      {"v.bn", 1.5e9, 1.5e9},                // "1.5bn" exact
      {"v.kilo_upper", 3000, 3000},          // "3K"
      {"v.kilo_lower", 3000, 3000},          // "3k"
      {"v.tera", 2e12, 2e12},                // "2T"
      {"v.comma", 3583.5, 3584.5},           // "3,584"
      {"v.zh_count", 120, 120},              // "一百二十"
      {"v.zh_zero", 1005, 1005},             // "一千零五"
      {"v.bytes", 8e10, 8e10},               // "80B" is 80 billion in a value
      {"v.stated11", 10.5, 11.5},            // 11 (minutes)
      {"v.stated_1_50", 1.495, 1.505},       // "1.50" -> p = 0.01
      {"v.stated_4_5e6", 4.45e6, 4.55e6},    // 4.5e6 -> p = 1e5
      {"v.stated_decimal", 10.935, 10.945},  // 10.94 -> p = 0.01
      {"v.precision", 10, 12},               // 11 with "precision": 2
      {"v.exact", 3584, 3584},               // exact
      {"v.about", 15000, 25000},             // about "2万": hull of ±10% and stated
      {"v.about_tolerance", 10000, 30000},   // about "2万", tolerance 0.5
      {"v.about_narrow", 15000, 25000},      // tolerance 0.01: the stated interval wins
      {"v.about_wide", 500, 1500},           // about 1000: stated [500, 1500] is wider
      {"v.over", 30, inf},                   // over
      {"v.at_least", 30, inf},               // at_least
      {"v.under", 0, 11},                    // under
      {"v.at_most", 0, 11},                  // at_most
      {"v.plus", 30, 40},                    // plus 30 -> [30, 40]
      {"v.plus_450", 450, 550},              // plus 450 -> [450, 550]
      {"v.plus_wan", 20000, 30000},          // plus "2万"
      {"v.level", 1e11, 1e12},               // level 千亿
      {"v.several", 2e9, 1e10},              // several 几十亿, u = 1e9
      {"v.several_power", 2e9, 1e10},        // several 1e9
      {"v.several_shu", 20, 100},            // several 数十, u = 10
      {"v.dozens", 24, 120},                 // several "dozens", u = 12
      {"v.range", 1, 20000},                 // range [1, "2万"]
      {"v.range_text", 1e9, 2e9},            // range ["10亿", "20亿"]
  };
  for (const auto& row : rows) {
    INFO(row.id);
    const auto* figure = d.find_figure(row.id);
    REQUIRE(figure != nullptr);
    CHECK(same_bound(figure->value.bounds.lo, row.lo));
    CHECK(same_bound(figure->value.bounds.hi, row.hi));
  }
  // The contract's own examples are exact doubles and must come out exactly.
  const std::vector<interval_row> exact_rows = {
      {"v.dozens", 24, 120},       {"v.plus", 30, 40},        {"v.level", 1e11, 1e12},
      {"v.several", 2e9, 1e10},    {"v.about", 15000, 25000}, {"v.stated11", 10.5, 11.5},
      {"v.wan", 15000, 25000},     {"v.precision", 10, 12},   {"v.over", 30, inf},
      {"v.under", 0, 11},          {"v.yi_trad", 2e11, 2e11}, {"v.range", 1, 20000},
      {"v.comma", 3583.5, 3584.5},
  };
  for (const auto& row : exact_rows) {
    INFO(row.id);
    const auto* figure = d.find_figure(row.id);
    REQUIRE(figure != nullptr);
    CHECK(figure->value.bounds.lo == row.lo);
    CHECK(figure->value.bounds.hi == row.hi);
  }
  // A date value is the day it names.
  const auto* day = d.find_figure("v.date");
  REQUIRE(day != nullptr);
  REQUIRE(day->date);
  CHECK(day->date->to_string() == "2023-07-06");
}

TEST_CASE("explain and derive show the contract's intervals as users see them") {
  struct row {
    std::string arguments;
    const char* fragment;
  };
  const std::vector<row> rows = {
      {"explain v.plus root/values", "result  [30, 40] company"},
      {"explain v.level root/values", "[1e11, 1e12]"},
      {"explain v.several root/values", "[2e9, 1e10]"},
      {"explain v.about root/values", "[15k, 25k] USD"},
      {"explain v.stated11 root/values", "[10.5, 11.5] min"},
      {"explain v.over root/values", "[30, inf] company"},
      {"explain v.precision root/values", "[10, 12] min"},
      // Rounded outwards: the high bound is 0.64025, beyond "0.64".
      {"derive root/expressions --id d.growth", "[0.353, 0.641]"},
      {"derive --root root root/article --id run.gpu_hours", "[627, 687]"},
  };
  for (const auto& r : rows) {
    INFO(r.arguments);
    auto out = run_tool(r.arguments);
    INFO(out.err);
    CHECK(out.exit_code == 0);
    CHECK(out.out.find(r.fragment) != std::string::npos);
  }
}

TEST_CASE("every unit form and expression feature of the contract computes as written") {
  auto loaded = load("root/expressions");
  INFO(describe(loaded.problems));
  REQUIRE(loaded.ok());
  const auto& d = loaded.dossiers[0];
  claimcheck::evaluator ev(d);
  ev.evaluate_all();
  INFO(describe(ev.problems()));
  CHECK(ev.problems().empty());
  // Each derived figure in its declared unit.
  const std::vector<interval_row> rows = {
      {"d.gpu_hours", 2000, 2000},                  // GPU * h -> GPU*h
      {"d.cost", 4000, 4000},                       // GPU*h * USD/(GPU*h) -> USD
      {"d.sum", 3000, 3000},                        // 1000 GPU + 2 kGPU
      {"d.difference", 1000, 1000},                 // 2 kGPU - 1000 GPU, in chip (alias)
      {"d.power", 8, 8},                            // (2 h / 1 [h]) ^ 3
      {"d.compute", 3.15e23, 3.15e23},              // 6 [FLOP/(parameter*token)] * param * Gtoken
      {"d.param_tokens", 5.25e22, 5.25e22},         // parameter*token
      {"d.cluster", 500, 500},                      // GPU * TFLOP/(s*GPU) -> PFLOP/s
      {"d.events", 21600, 21600},                   // s^-1 * min -> 1
      {"d.percent", 50, 50},                        // 50 % * 100
      {"d.plain_percent", 50, 50},                  // 0.5 [1] in %
      {"d.dot", 180, 180},                          // 3 GPU·h in GPU*min
      {"d.memory", 0, 0},                           // 80 GB - 8e10 byte, in B
      {"d.times", 6, 6},                            // ms + us + µs + ns
      {"d.calendar", 14, 14},                       // week + d
      {"d.month_year", 1, 1},                       // 12 month / 1 yr
      {"d.kilosecond", 1, 1},                       // 3.6 ks in h
      {"d.min", 1000, 1000},                        // min()
      {"d.max", 2000, 2000},                        // max()
      {"d.abs", 0, 3},                              // abs([-2, 3])
      {"d.sqrt", 2, 2},                             // sqrt(h*h) -> h
      {"d.log10", 3, 3},                            // log10(1000)
      {"d.ln", 2, 2},                               // ln(exp(2))
      {"d.years", 731 / 365.2425, 731 / 365.2425},  // years(2020-01-01, 2022-01-01)
      {"d.exchange", 1, 1},                         // 7 CNY / (7 CNY/USD)
      {"d.about_per_gpu", 0.09, 0.11},              // about 100 (precision 1) / 1000 GPU
      {"d.companies", 3, 3},                        // declared unit through its alias
      {"d.images", 400, 400},                       // Mimage / kstep
      {"d.precedence", 7, 7},                       // 2 + 3 * 4 ^ 2 / 8 - 1
      {"d.unary", 3, 3},                            // -(2 - 5)
  };
  for (const auto& row : rows) {
    INFO(row.id);
    const auto* e = ev.find(row.id);
    REQUIRE(e != nullptr);
    REQUIRE(e->result);
    const auto shown = claimcheck::show_in(*e->result, e->display);
    CHECK(same_bound(shown.bounds.lo, row.lo));
    CHECK(same_bound(shown.bounds.hi, row.hi));
  }
  // growth(series): the cost halves every year; the points' dates are whole
  // years, so the factor is an interval around 0.5.
  const auto* growth = ev.find("d.growth");
  REQUIRE(growth != nullptr);
  REQUIRE(growth->result);
  CHECK(growth->result->nominal == Approx(0.5).epsilon(1e-3));
  CHECK(growth->result->bounds.lo < 0.5);
  CHECK(growth->result->bounds.hi > 0.5);
}

TEST_CASE("each comparison has the three-valued outcomes of the contract") {
  auto out = run_tool("check root/expressions --format json");
  INFO(out.err);
  REQUIRE(out.exit_code == 0);
  rapidjson::Document doc;
  doc.Parse(out.out.c_str());
  REQUIRE(!doc.HasParseError());
  std::map<std::string, std::string> outcome;
  for (const auto& c : doc["dossiers"][0]["checks"].GetArray()) {
    outcome[c["id"].GetString()] = c["outcome"].GetString();
    CHECK(c["matches_expect"].GetBool());
  }
  const std::vector<std::pair<const char*, const char*>> rows = {
      {"c.lt_pass", "pass"},     {"c.lt_fail", "fail"},     {"c.lt_inconclusive", "inconclusive"},
      {"c.le_pass", "pass"},     {"c.le_fail", "fail"},     {"c.le_inconclusive", "inconclusive"},
      {"c.gt_pass", "pass"},     {"c.gt_fail", "fail"},     {"c.gt_inconclusive", "inconclusive"},
      {"c.ge_pass", "pass"},     {"c.ge_fail", "fail"},     {"c.ge_inconclusive", "inconclusive"},
      {"c.approx_pass", "pass"}, {"c.approx_fail", "fail"}, {"c.approx_touch", "pass"},
      {"c.cost", "pass"},        {"c.years", "pass"},       {"c.years_not_two", "fail"},
      {"c.growth", "pass"},      {"c.exchange", "pass"},
  };
  for (const auto& [id, expected] : rows) {
    INFO(id);
    CHECK(outcome[id] == expected);
  }
}

TEST_CASE("a dossier of several claim files with imports checks as the contract says") {
  // Without --root the article folder is the root and its import leaves it.
  auto outside = run_tool("check root/article");
  CHECK(outside.exit_code == 2);
  CHECK(outside.err.find("root/article/document.json:3:15: error: [import.outside_root]") !=
        std::string::npos);

  auto out = run_tool("check --root root root/article --format json");
  INFO(out.err);
  REQUIRE(out.exit_code == 0);
  rapidjson::Document doc;
  doc.Parse(out.out.c_str());
  REQUIRE(!doc.HasParseError());
  REQUIRE(doc["dossiers"].Size() == 1);
  const auto& dossier = doc["dossiers"][0];
  // The imported dossier's failing check does not run here.
  std::map<std::string, std::string> outcome;
  for (const auto& c : dossier["checks"].GetArray()) {
    outcome[c["id"].GetString()] = c["outcome"].GetString();
  }
  CHECK(outcome.count("base.always_fails") == 0);
  CHECK(outcome["run.gpus_match"] == "pass");            // an imported fact, in chip
  CHECK(outcome["run.cluster_vs_reference"] == "pass");  // an imported derived figure
  CHECK(outcome["expo.many"] == "inconclusive");         // an imported declared unit
  CHECK(outcome["model.big"] == "fail");
  // Claim verdicts, from the checks that name each claim in `about`.
  std::map<std::string, std::string> verdict;
  for (const auto& c : dossier["claims"].GetArray()) {
    verdict[c["id"].GetString()] = c["verdict"].GetString();
  }
  const std::vector<std::pair<const char*, const char*>> rows = {
      {"run.gpus", "supported"},         // all its checks pass
      {"run.duration", "questionable"},  // a warning check fails
      {"run.cost", "supported"},         // a passing warning check
      {"expo.companies", "unverified"},  // only an inconclusive check
      {"model.params", "contradicted"},  // an error check fails
      {"gpt3.cost_2020", "unverified"},  // no checks
  };
  for (const auto& [id, expected] : rows) {
    INFO(id);
    CHECK(verdict[id] == expected);
  }
  // The imported claim gets no verdict here.
  CHECK(verdict.count("base.claimed") == 0);

  // Loaded: the records of the four claim files are merged, the imported
  // ones are marked, and every quote was found in the text.
  auto loaded = load("root/article", "root");
  REQUIRE(loaded.ok());
  const auto& d = loaded.dossiers[0];
  CHECK(d.files.size() == 4);
  CHECK(d.find_figure("run.gpus") != nullptr);
  CHECK(d.find_derived("run.price") != nullptr);
  CHECK(d.find_check("model.big") != nullptr);
  CHECK(d.find_series("gpt3_cost") != nullptr);
  REQUIRE(d.find_figure("ref.peak") != nullptr);
  CHECK(d.find_figure("ref.peak")->origin.imported);
  REQUIRE(d.find_source("ref_report") != nullptr);
  CHECK(d.find_source("ref_report")->origin.imported);
  REQUIRE(d.find_derived("ref.cluster_peak") != nullptr);
  CHECK(d.find_check("base.always_fails") == nullptr);
  for (const auto& f : d.figures) {
    if (f.kind == claimcheck::figure_kind::claim && !f.origin.imported && !f.quote.empty()) {
      INFO(f.id);
      CHECK(f.quote_found);
    }
  }
}

TEST_CASE("the claims root checks every dossier below it") {
  // reference/base is checked on its own there: its check fails unexpectedly.
  auto out = run_tool("check root --format json");
  INFO(out.err);
  CHECK(out.exit_code == 1);
  rapidjson::Document doc;
  doc.Parse(out.out.c_str());
  REQUIRE(!doc.HasParseError());
  std::map<std::string, std::string> runs;  // check id -> outcome, in every dossier
  std::size_t unexpected = 0;
  for (const auto& dossier : doc["dossiers"].GetArray()) {
    for (const auto& c : dossier["checks"].GetArray()) {
      runs[c["id"].GetString()] = c["outcome"].GetString();
      if (!c["matches_expect"].GetBool()) ++unexpected;
    }
  }
  CHECK(doc["dossiers"].Size() == 5);
  CHECK(runs["base.always_fails"] == "fail");
  CHECK(unexpected == 1);
  auto validated = run_tool("validate root");
  INFO(validated.err);
  CHECK(validated.exit_code == 0);
  CHECK(validated.out.find("5 dossiers") != std::string::npos);
}

TEST_CASE("trends read partial dates and warn when a series mixes scopes") {
  auto out = run_tool("trend --root root root/article");
  INFO(out.err);
  CHECK(out.exit_code == 0);
  const std::string all = out.out + out.err;
  CHECK(all.find("2020 ") != std::string::npos);
  CHECK(all.find("2023-06") != std::string::npos);
  CHECK(all.find("[trend.mixed_scope]") != std::string::npos);
  CHECK(all.find("halving every") != std::string::npos);
}

TEST_CASE("quotes are found after folding white space and reading annotations") {
  auto loaded = load("root/quotes");
  INFO(describe(loaded.problems));
  REQUIRE(loaded.ok());
  const auto& d = loaded.dossiers[0];
  struct row {
    const char* id;
    int line, column;
  };
  const std::vector<row> rows = {
      {"q.gpus", 1, 1},              // 網(wǎng)絡 in the text, 網絡 in the quote
      {"q.gpus_annotated", 1, 1},    // the annotation in both
      {"q.minutes", 2, 1},           // full-width parentheses
      {"q.params", 3, 1},            // tab, two U+3000 and two spaces fold to one
      {"q.params_multiline", 3, 1},  // a newline and spaces in the quote
      {"q.memory", 4, 1},            // (SXM) after a Latin letter stays
      {"q.companies", 5, 1},         // (AI) after a Han character is dropped
      {"q.companies_ai", 5, 1},      // ... and found when the quote keeps it
      {"q.green", 6, 1},             // combining tone marks
      {"q.records", 6, 14},          // "(shù ju)" is no annotation: a space is no letter
  };
  for (const auto& r : rows) {
    INFO(r.id);
    const auto* f = d.find_figure(r.id);
    REQUIRE(f != nullptr);
    REQUIRE(f->quote_found);
    CHECK(f->quote_found->line == r.line);
    CHECK(f->quote_found->column == r.column);
  }
}

TEST_CASE("exit codes are 0 as expected, 1 for an unexpected outcome, 2 for invalid input") {
  struct row {
    std::string arguments;
    int exit_code;
    const char* fragment;  // in stdout, or in stderr for exit 2
  };
  const std::vector<row> rows = {
      {"check --root root root/article", 0, "0 unexpected"},
      {"check --strict --root root root/article", 0, "0 unexpected"},
      {"check root/expressions", 0, "0 unexpected"},
      {"check exit/warning_unexpected", 0, "1 unexpected (1 of them a warning)"},
      {"check --strict exit/warning_unexpected", 1, "1 unexpected (1 of them a warning)"},
      {"check exit/error_unexpected", 1, "1 unexpected"},
      {"check --strict exit/error_unexpected", 1, "1 unexpected"},
      {"check root/reference/base", 1, "1 unexpected"},
      {"check bad/derived_cycle", 2, "[eval.cycle]"},
      {"validate bad/two_documents", 2, "[document.duplicate]"},
      {"check no/such/folder", 2, "no/such/folder"},
  };
  for (const auto& r : rows) {
    INFO(r.arguments);
    auto out = run_tool(r.arguments);
    INFO(out.out);
    INFO(out.err);
    CHECK(out.exit_code == r.exit_code);
    // validate reports problems on stdout (they are its report), the other
    // commands on stderr.
    const std::string where = r.exit_code == 2 ? out.out + out.err : out.out;
    CHECK(where.find(r.fragment) != std::string::npos);
  }
  // Claim verdicts: a failing warning check makes a claim questionable even
  // with a passing error check; a failing error check contradicts it.
  const std::vector<std::pair<std::string, const char*>> verdicts = {
      {"exit/warning_unexpected", "questionable"},
      {"exit/error_unexpected", "contradicted"},
  };
  for (const auto& [path, verdict] : verdicts) {
    INFO(path);
    auto out = run_tool("check " + path + " --format json");
    rapidjson::Document doc;
    doc.Parse(out.out.c_str());
    REQUIRE(!doc.HasParseError());
    CHECK(std::string(doc["dossiers"][0]["claims"][0]["verdict"].GetString()) == verdict);
  }
}

TEST_CASE("each contract error is reported as file:line:column with what to do") {
  struct row {
    std::string arguments;
    std::vector<std::string> fragments;  // all in the output (validate: stdout, check: stderr)
  };
  const std::vector<row> rows = {
      {"check bad/derived_cycle",
       {"bad/derived_cycle/claims.json:6:29: error: [eval.cycle]", "d.a -> d.b -> d.c -> d.a"}},
      {"check bad/unknown_id",
       {"bad/unknown_id/claims.json:3:47: error: [eval.unknown_id]", "'run.gpu'",
        "did you mean 'run.gpus'?"}},
      {"check bad/dimension_add",
       {"bad/dimension_add/claims.json:5:41: error: [expr.dimension]", "'GPU'", "'h'"}},
      {"check bad/dimension_compare",
       {"bad/dimension_compare/claims.json:5:49: error: [expr.dimension]", "'GPU'", "'h'"}},
      {"check bad/dimension_target",
       {"bad/dimension_target/claims.json:5:41: error: [expr.dimension]", "'GPU*s'", "'USD'"}},
      {"check bad/division_by_zero_interval",
       {"bad/division_by_zero_interval/claims.json:6:40: error: [eval.zero_division]", "'f.change'",
        "contains zero"}},
      {"validate bad/date_invalid_as_of",
       {"bad/date_invalid_as_of/claims.json:2:71: error: [date.invalid]", "2023-02-30"}},
      {"validate bad/date_invalid_value",
       {"bad/date_invalid_value/claims.json:2:48: error: [date.invalid]", "2023-02-30"}},
      {"validate bad/duplicate_across_files", {"error: [id.duplicate]", "'f.x'"}},
      {"validate --root bad/duplicate_via_import bad/duplicate_via_import/main",
       {"bad/duplicate_via_import/main/main.json:2:22: error: [id.duplicate]",
        "bad/duplicate_via_import/lib/lib.json:2:13"}},
      {"validate --root bad/import_cycle bad/import_cycle/a",
       {"error: [import.cycle]", "bad/import_cycle/a -> bad/import_cycle/b -> bad/import_cycle/a"}},
      {"validate --root bad/import_outside/inner bad/import_outside/inner/main",
       {"bad/import_outside/inner/main/main.json:1:32: error: [import.outside_root]",
        "'../../elsewhere'"}},
      {"validate bad/two_documents",
       {"bad/two_documents/b.json:1:32: error: [document.duplicate]",
        "bad/two_documents/a.json:1:32"}},
      {"validate bad/fact_without_sources",
       {"bad/fact_without_sources/claims.json:2:13: error: [fact.no_source]"}},
      {"validate bad/fact_empty_sources",
       {"bad/fact_empty_sources/claims.json:2:64: error: [fact.no_source]"}},
      {"validate bad/number_too_big",
       {"bad/number_too_big/claims.json:2:38: error: [number.range]"}},
      {"validate bad/number_too_big_text",
       {"bad/number_too_big_text/claims.json:2:39: error: [number.range]"}},
      {"validate bad/unit_division",
       {"bad/unit_division/claims.json:2:61: error: [unit.ambiguous_division]", "'USD/(GPU*h)'"}},
      {"validate bad/unit_prefixed_currency",
       {"bad/unit_prefixed_currency/claims.json:2:55: error: [unit.prefix_not_allowed]",
        "\"4.5M\""}},
      {"validate bad/unit_plural",
       {"bad/unit_plural/claims.json:2:53: error: [unit.unknown]", "did you mean 'GPU'?"}},
      {"validate bad/unit_juxtaposed",
       {"bad/unit_juxtaposed/claims.json:2:53: error: [unit.syntax]", "'GPU*h'"}},
      {"validate bad/about_unknown",
       {"bad/about_unknown/claims.json:3:60: error: [id.unknown]", "did you mean 'c.x'?"}},
      {"validate bad/id_syntax",
       {"bad/id_syntax/claims.json:2:23: error: [id.syntax]", "'run.gpus'"}},
      {"validate bad/quote_after_latin",
       {"bad/quote_after_latin/claims.json:4:14: error: [quote.not_found]"}},
  };
  for (const auto& r : rows) {
    INFO(r.arguments);
    auto out = run_tool(r.arguments);
    INFO(out.err);
    CHECK(out.exit_code == 2);
    const std::string all = out.out + out.err;
    for (const auto& fragment : r.fragments) {
      INFO(fragment);
      CHECK(all.find(fragment) != std::string::npos);
    }
  }
}

TEST_CASE("a number is covered by a claim's quote or by an ignore entry") {
  auto out = run_tool("coverage --root root root/article --format json");
  INFO(out.err);
  REQUIRE(out.exit_code == 0);
  rapidjson::Document doc;
  doc.Parse(out.out.c_str());
  REQUIRE(!doc.HasParseError());
  const auto& d = doc["dossiers"][0];
  CHECK(d["uncovered"].GetInt() == 0);
  std::map<std::string, std::string> by;  // surface -> claim or ignore
  for (const auto& m : d["covered_mentions"].GetArray()) {
    by[m["surface"].GetString()] = m["covered_by"].GetString();
  }
  CHECK(by["第六屆"] == "ignore");  // the ignore entry's quote
  CHECK(by["3584张"] == "claim");
  CHECK(by["超过30家"] == "claim");  // inside a quote with folded white space
  CHECK(by["2020年"] == "claim");    // inside gpt3.cost_2020's quote
}
