// SPDX-License-Identifier: MIT
// Tests of report/format.hpp and the check, explain and derive writers:
// exact display strings ("3.11k USD", "2.34e21 FLOP", "[10.5, 11.5] min"),
// and reports of a small dossier built in C++ in every format (JSON output
// must parse).
#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <rapidjson/document.h>

#include "claimcheck/checks.hpp"
#include "claimcheck/report/check_report.hpp"
#include "claimcheck/report/derive_report.hpp"
#include "claimcheck/report/explain_report.hpp"
#include "claimcheck/report/format.hpp"

using namespace claimcheck;
using namespace claimcheck::report;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

unit parse(const char* text) {
  static const unit_registry registry = unit_registry::with_builtins();
  auto u = registry.parse(text);
  REQUIRE(u.ok());
  return u.value();
}

struct value_case {
  double v;
  const char* unit_text;
  const char* expected;
};

struct interval_case {
  interval bounds;
  const char* unit_text;
  const char* expected;
};

figure_record make_figure(const dossier& d, figure_kind kind, const std::string& id,
                          const std::string& written, double nominal, interval bounds,
                          const std::string& unit_text) {
  figure_record f;
  f.kind = kind;
  f.id = id;
  f.subject = "subject of " + id;
  f.unit_text = unit_text;
  f.value_text = written;
  f.value = quantity{nominal, bounds, d.units.parse(unit_text).value()};
  return f;
}

dossier small_dossier() {
  dossier d;
  d.folder = "/claims/waic-2023";
  d.root = "/claims";
  d.sources.push_back(
      {"guancha", "观察者网 article", "观察者网", "", {}, {}, source_kind::document, {}});
  d.sources.push_back({"coreweave_pricing",
                       "CoreWeave Classic pricing",
                       "CoreWeave",
                       "",
                       {},
                       {},
                       source_kind::primary,
                       {}});
  auto gpus =
      make_figure(d, figure_kind::claim, "coreweave.gpus", "3584", 3584, {3584, 3584}, "GPU");
  gpus.qual = qualifier::exact;
  gpus.quote = "3584张H100";
  gpus.sources = {"guancha"};
  auto duration =
      make_figure(d, figure_kind::claim, "coreweave.duration", "11", 11, {10.5, 11.5}, "min");
  duration.quote = "11分钟";
  duration.sources = {"guancha"};
  auto cost =
      make_figure(d, figure_kind::claim, "coreweave.cost", "2万", 20000, {15000, 25000}, "USD");
  cost.qual = qualifier::about;
  cost.quote = "整體開銷約2萬美元";
  cost.sources = {"guancha"};
  auto price = make_figure(d, figure_kind::fact, "coreweave.price", "4.76", 4.76, {4.755, 4.765},
                           "USD/(GPU*h)");
  price.sources = {"coreweave_pricing"};
  d.figures = {gpus, duration, cost, price};
  derived_record hours;
  hours.id = "coreweave.gpu_hours";
  hours.subject = "GPU-hours of the run";
  hours.expr = "coreweave.gpus * coreweave.duration";
  hours.target_unit = parse("GPU*h");
  derived_record bench;
  bench.id = "coreweave.bench_cost";
  bench.subject = "cost of the benchmark run at list price";
  bench.expr = "coreweave.gpu_hours * coreweave.price";
  bench.target_unit = parse("USD");
  d.derived = {hours, bench};
  check_record matches;
  matches.id = "coreweave.cost_matches_benchmark";
  matches.assert_text = "coreweave.cost ~ coreweave.bench_cost";
  matches.about = {"coreweave.cost"};
  matches.expect = check_outcome::fail;
  matches.message = "US$20,000 is not what 11 minutes on 3584 H100s cost | at list price";
  check_record plausible;
  plausible.id = "coreweave.duration_short";
  plausible.assert_text = "coreweave.duration <= 11 [min]";
  plausible.about = {"coreweave.duration"};
  d.checks = {matches, plausible};
  return d;
}

rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  INFO(text);
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsObject());
  return doc;
}

}  // namespace

TEST_CASE("values read with three significant digits and money takes k M B T suffixes") {
  const std::vector<value_case> cases = {
      {3111, "USD", "3.11k USD"},
      {20000, "USD", "20k USD"},
      {4.5e6, "USD", "4.5M USD"},
      {450000, "USD", "450k USD"},
      {999.6, "USD", "1k USD"},
      {2.2e11, "CNY", "220B CNY"},
      {1.2e15, "USD", "1.2e15 USD"},
      {-3111, "USD", "-3.11k USD"},
      {4.76, "USD/(GPU*h)", "4.76 USD/(GPU*h)"},
      {2.34e21, "FLOP", "2.34e21 FLOP"},
      {3.14e23, "FLOP", "3.14e23 FLOP"},
      {3584, "GPU", "3584 GPU"},
      {3583.9999999, "GPU", "3584 GPU"},
      {653.47, "GPU*h", "653 GPU*h"},
      {10.94, "min", "10.9 min"},
      {1851003, "token/s", "1.85e6 token/s"},
      {999999.7, "token", "1e6 token"},
      {123456, "token", "123456 token"},
      {0.00404, "1", "0.00404"},
      {0.0004, "1", "4e-4"},
      {40.4, "%", "40.4%"},
      {0, "GPU", "0 GPU"},
      {-0.0, "GPU", "0 GPU"},
      {inf, "GPU", "inf GPU"},
      {-inf, "s", "-inf s"},
  };
  for (const auto& c : cases) {
    INFO(c.v << ' ' << c.unit_text);
    CHECK(format_value(c.v, parse(c.unit_text)) == c.expected);
  }
}

TEST_CASE("intervals show their two bounds with as many digits as tell them apart") {
  const std::vector<interval_case> cases = {
      {{10.5, 11.5}, "min", "[10.5, 11.5] min"},
      {{15000, 25000}, "USD", "[15k, 25k] USD"},
      {{2982.336, 3273.237}, "USD", "[2.98k, 3.28k] USD"},
      {{3583.5, 3584.5}, "GPU", "[3583.5, 3584.5] GPU"},
      {{3584, 3584}, "GPU", "3584 GPU"},
      {{989.4, std::nextafter(989.4, inf)}, "TFLOP/s", "989 TFLOP/s"},
      {{400, inf}, "GPU", "[400, inf] GPU"},
      {{0, 400}, "GPU", "[0, 400] GPU"},
      {{2.23e21, 2.45e21}, "FLOP", "[2.23e21, 2.45e21] FLOP"},
      {{0.35, 0.45}, "%", "[0.35, 0.45]%"},
      // Digits until no bound moves by more than a tenth of the width:
      // not [989.3, 989.5], nor [989, 990].
      {{989.35, 989.45}, "TFLOP/s", "[989.35, 989.45] TFLOP/s"},
      {{10.935, 10.945}, "min", "[10.935, 10.945] min"},
      {{3.135e23, 3.145e23}, "FLOP", "[3.135e23, 3.145e23] FLOP"},
      // ... but no more when rounding moves the bounds by a tenth of the width or less.
      {{180.5e6, 199.5e6}, "USD", "[180M, 200M] USD"},
      {{3.5458304e18, 3.5461888e18}, "FLOP/s", "[3.5458e18, 3.5462e18] FLOP/s"},
  };
  for (const auto& c : cases) {
    INFO(c.expected);
    CHECK(format_interval(c.bounds, parse(c.unit_text)) == c.expected);
  }
}

namespace {

// The number a written bound stands for, read as a decimal: "2.98k" is
// 2.98e3 (not 2.98 * 1000, which would add a rounding of its own).
double read_back(std::string text) {
  if (text == "inf") return inf;
  if (text == "-inf") return -inf;
  const std::pair<char, const char*> suffixes[] = {
      {'k', "e3"}, {'M', "e6"}, {'B', "e9"}, {'T', "e12"}};
  for (const auto& [suffix, exponent] : suffixes) {
    if (!text.empty() && text.back() == suffix) {
      text.pop_back();
      text += exponent;
    }
  }
  double v = 0;
  const char* const end = text.data() + text.size();
  auto [stop, problem] = std::from_chars(text.data(), end, v);
  INFO(text);
  REQUIRE(problem == std::errc());
  REQUIRE(stop == end);
  return v;
}

}  // namespace

TEST_CASE("a shown interval is rounded outwards, with digits until it is not much wider") {
  const std::vector<interval_case> cases = {
      // [117, 129] before: narrower than the interval computed.
      {{116.69, 129.07}, "1", "[116, 130]"},
      // 1287 stated: [1286, 1288] before, and written exactly elsewhere.
      {{1286.5, 1287.5}, "GPU", "[1286.5, 1287.5] GPU"},
      {{2982.336, 3273.237}, "USD", "[2.98k, 3.28k] USD"},
      {{2.2341e21, 2.4459e21}, "FLOP", "[2.23e21, 2.45e21] FLOP"},
      {{0.40311, 0.40461}, "%", "[0.4031, 0.4047]%"},
      {{-129.07, -116.69}, "1", "[-130, -116]"},
      {{-0.5, 0.25}, "1", "[-0.5, 0.25]"},
      {{999.7, 1000.2}, "token", "[999.7, 1000.2] token"},
      {{999999.5, 1000000.5}, "token", "[999999.5, 1.0000005e6] token"},
      {{0.00404, 0.00406}, "1", "[0.00404, 0.00406]"},
      {{1.0001, 1.0002}, "1", "[1.0001, 1.0002]"},
      // Bounds of outward-rounded arithmetic: their last ulps are not shown.
      {{404999.99999999994, 495000.00000000006}, "USD", "[405k, 495k] USD"},
      {{0.35, 0.45}, "%", "[0.35, 0.45]%"},
  };
  for (const auto& c : cases) {
    INFO(c.expected);
    CHECK(format_interval(c.bounds, parse(c.unit_text)) == c.expected);
  }
}

TEST_CASE("every shown interval contains the interval computed (property over many intervals)") {
  // Intervals of every magnitude, sign and width, in plain units and money
  // (k, M, B, T suffixes); each bound read back must lie outside the one
  // computed, but for the noise of its 16th and 17th significant digits
  // (format.hpp): half a unit of the 15th at most.
  std::mt19937_64 random(20231206);
  std::uniform_real_distribution<double> exponent(-9, 21), mantissa(1, 10), width(-13, 1),
      coin(0, 1);
  const unit units[] = {parse("1"), parse("USD"), parse("%")};
  int checked = 0;
  for (int n = 0; n < 60000; ++n) {
    double lo = mantissa(random) * std::pow(10.0, std::floor(exponent(random)));
    if (coin(random) < 0.2) lo = std::round(lo * 2) / 2;  // halves, as stated bounds are
    if (coin(random) < 0.3) lo = -lo;
    double hi = lo + std::fabs(lo) * std::pow(10.0, width(random));
    if (coin(random) < 0.05) hi = inf;
    if (!(lo < hi)) continue;
    const unit& u = units[n % 3];
    const auto [lo_text, hi_text] = format_bounds({lo, hi}, u);
    INFO(lo << ' ' << hi << ' ' << u.text << " -> [" << lo_text << ", " << hi_text << "]");
    const double noise = std::fabs(lo) * 5e-15;
    CHECK(read_back(lo_text) <= lo + noise);
    CHECK(read_back(hi_text) >= (std::isinf(hi) ? hi : hi - std::fabs(hi) * 5e-15));
    ++checked;
  }
  CHECK(checked > 50000);
}

TEST_CASE("integers and halves below 1e5 are written exactly (extract's fast path rests on it)") {
  // report/mentions.cpp writes such numbers and bounds without the rounding
  // machinery; this holds it to what format_number(v, 15) and format_bounds
  // write: the exact text, for a point, for integer bounds and for bounds
  // that are halves less than 5 apart (every stated integer is [n-0.5, n+0.5]).
  auto exact = [](double v) {
    std::string text = v < 0 ? "-" : "";
    const double magnitude = std::fabs(v);
    text += std::to_string(static_cast<long long>(magnitude));
    if (magnitude != std::floor(magnitude)) text += ".5";
    return text;
  };
  std::vector<double> values;
  for (int n = -3000; n <= 3000; ++n) values.push_back(n / 2.0);
  for (double p = 10; p <= 1e5; p *= 10) {
    for (double d = -3; d <= 3; d += 0.5) values.push_back(p + d), values.push_back(-p + d);
  }
  for (double v : {99999.5, -99999.5, 12345.5, 54321.0, 99998.0}) values.push_back(v);
  int checked = 0;
  for (double v : values) {
    if (!(std::fabs(v) < 1e5)) continue;
    INFO(v);
    CHECK(format_number(v, 15) == exact(v));
    for (double width : {0.0, 0.5, 1.0, 2.0, 4.5, 7.0, 1000.0}) {
      const double hi = v + width;
      if (!(std::fabs(hi) < 1e5)) continue;
      const bool integers = v == std::floor(v) && hi == std::floor(hi);
      if (!integers && width >= 5) continue;
      INFO(hi);
      const auto [lo_text, hi_text] = format_bounds({v, hi}, unit{});
      CHECK(lo_text == exact(v));
      CHECK(hi_text == exact(hi));
      ++checked;
    }
  }
  CHECK(checked > 30000);
}

TEST_CASE("plain seconds are shown in the time unit that reads best") {
  struct readable_case {
    double seconds;
    const char* expected;
  };
  const std::vector<readable_case> cases = {
      {30, "30 s"},
      {654.3, "10.9 min"},
      {162000, "45 h"},
      {86400 * 10, "10 d"},
      {86400 * 365.2425 * 2.5, "2.5 yr"},
  };
  const unit seconds = parse("s");
  for (const auto& c : cases) {
    shown_value s{{c.seconds, c.seconds}, c.seconds, seconds};
    CHECK(format_shown(readable(s)) == c.expected);
  }
  // A unit some record chose stays.
  shown_value hours{{45, 45}, 45, parse("h")};
  CHECK(format_shown(readable(hours)) == "45 h");
  shown_value chosen_seconds{{900, 900}, 900, parse("s")};
  chosen_seconds.in.text = "s";
  CHECK(format_shown(readable(chosen_seconds)) == "15 min");
}

TEST_CASE("margins read as a ratio and otherwise as a gap in the display unit") {
  struct margin_case {
    failure_margin margin;
    const char* unit_text;
    const char* expected;
  };
  const std::vector<margin_case> cases = {
      {{margin_kind::short_by, 134.19, 0}, "FLOP", "short by 134x"},
      {{margin_kind::above, 6.43, 0}, "USD", "6.4x above"},
      {{margin_kind::apart, 3.2, 0}, "USD", "3.2x apart"},
      {{margin_kind::short_by, 1.0, 0}, "USD", "short by nothing: the sides only touch"},
      {{margin_kind::above, 1.0, 0}, "USD", "above by nothing: the sides only touch"},
      {{margin_kind::above, std::nullopt, 0}, "min", "above by nothing: the sides only touch"},
      {{margin_kind::short_by, 1.011, 0}, "USD", "short by 1.01x"},
      {{margin_kind::short_by, 2.5e6, 0}, "USD", "short by 2.5e6x"},
      {{margin_kind::short_by, std::nullopt, 5}, "USD", "short by 5 USD"},
      {{margin_kind::above, std::nullopt, 120}, "min", "2 min above"},
      {{margin_kind::short_by, inf, inf}, "USD", "short by an unbounded factor"},
  };
  for (const auto& c : cases) {
    CHECK(describe_margin(c.margin, parse(c.unit_text)) == c.expected);
  }
}

TEST_CASE("nominal ratios keep three significant digits, and more where they would read 1") {
  struct ratio_case {
    double ratio;
    const char* expected;
  };
  const std::vector<ratio_case> cases = {
      {1.025, "1.02"},  // "1" before
      {1.95, "1.95"},   // "2" before
      {0.024, "0.024"},
      {0.0243, "0.0243"},
      {41.15, "41.1"},
      {134.19, "134"},
      {0.9996, "0.9996"},
      {1.0004, "1.0004"},
      {1, "1"},
      {2.5e6, "2.5e6"},
      // The score of mlperf40.score_matches_logs read "1" with seven digits.
      {1.0000000001384444, "1.0000000001"},
      {std::nextafter(1.0, 2.0), "1.0000000000000002"},
  };
  for (const auto& c : cases) {
    INFO(c.ratio);
    CHECK(format_ratio_number(c.ratio, 3) == c.expected);
  }
  // Margins keep two, and add digits only where two would read 1.
  CHECK(format_ratio(1.95) == "1.9x");
  CHECK(format_ratio(1.011) == "1.01x");
}

TEST_CASE("a check's margin phrase reads the nominal ratio with three digits") {
  struct phrase_case {
    std::optional<failure_margin> margin;
    std::optional<double> nominal_ratio;
    const char* expected;
  };
  const std::vector<phrase_case> cases = {
      {failure_margin{margin_kind::apart, 33.2, 0}, 0.0242, "33x apart (nominal 41.3x)"},
      {failure_margin{margin_kind::short_by, 128.4, 0}, 0.0075, "short by 128x (nominal 133x)"},
      {failure_margin{margin_kind::above, 1.011, 0}, 1.025, "1.01x above (nominal 1.02x)"},
      // A nominal ratio on the other side of 1 than the margin: as a ratio.
      {failure_margin{margin_kind::short_by, 1.2, 0}, 1.025, "short by 1.2x (nominal ratio 1.02)"},
      {std::nullopt, 0.404, "nominal ratio 0.404"},
      {std::nullopt, 0.9996, "nominal ratio 0.9996"},
      {std::nullopt, std::nullopt, ""},
  };
  for (const auto& c : cases) {
    check_result r;
    r.margin = c.margin;
    r.nominal_ratio = c.nominal_ratio;
    r.display = parse("USD");
    INFO(c.expected);
    CHECK(check_margin_text(r) == c.expected);
  }
}

TEST_CASE("output format names are the --format values") {
  CHECK(parse_output_format("text") == output_format::text);
  CHECK(parse_output_format("md") == output_format::markdown);
  CHECK(parse_output_format("json") == output_format::json);
  CHECK(parse_output_format("csv") == output_format::csv);
  CHECK_FALSE(parse_output_format("html"));
  CHECK(markdown_cell("a | b\nc") == "a \\| b c");
}

TEST_CASE("the text check report shows outcomes, sides, margins, verdicts and a summary") {
  const dossier d = small_dossier();
  evaluator ev(d);
  check_run run = run_checks(d, ev);
  REQUIRE_FALSE(has_errors(run.problems));
  const std::string text = check_report_text({run});
  CHECK_THAT(text,
             Catch::Contains("FAIL          coreweave.cost_matches_benchmark  (expected fail)"));
  CHECK_THAT(text, Catch::Contains("left   [15k, 25k] USD  nominal 20k USD"));
  CHECK_THAT(text, Catch::Contains("right  [2.98k, 3.28k] USD  nominal 3.13k USD"));
  // The nominal ratio (20k / 3.13k) reads the same way as the margin.
  CHECK_THAT(text, Catch::Contains("4.6x apart (nominal 6.39x)\n"));
  CHECK_THAT(text,
             Catch::Contains("INCONCLUSIVE  coreweave.duration_short  UNEXPECTED (expected pass)"));
  CHECK_THAT(
      text,
      Catch::Contains("questionable  coreweave.cost  (coreweave.cost_matches_benchmark)") ||
          Catch::Contains("contradicted  coreweave.cost  (coreweave.cost_matches_benchmark)"));
  CHECK_THAT(text, Catch::Contains("unverified    coreweave.duration"));
  CHECK_THAT(text, Catch::Contains("unverified    coreweave.gpus\n"));
  CHECK_THAT(text,
             Catch::EndsWith("2 checks: 1 fail (as expected), 1 inconclusive; 1 unexpected\n"));
  CHECK(text.find('\033') == std::string::npos);
  CHECK(check_report_text({run}, {true}).find("\033[31m") != std::string::npos);
}

TEST_CASE("the text check report leads with the verdicts and puts surprises and failures first") {
  const dossier d = small_dossier();
  evaluator ev(d);
  check_run run = run_checks(d, ev);
  const std::string text = check_report_text({run});
  INFO(text);
  CHECK_THAT(text,
             Catch::Contains("\n  2 checks: 1 fail (as expected), 1 inconclusive; 1 unexpected\n"
                             "  3 claims: 1 contradicted (coreweave.cost), 2 unverified\n"));
  // The unexpected inconclusive comes before the known failure, which
  // comes before anything that passes.
  CHECK(text.find("INCONCLUSIVE  coreweave.duration_short") <
        text.find("FAIL          coreweave.cost_matches_benchmark"));
  // A contradicted claim shows the words it was checked against.
  CHECK_THAT(text, Catch::Contains("contradicted  coreweave.cost  "
                                   "(coreweave.cost_matches_benchmark)\n"
                                   "                  quote \"整體開銷約2萬美元\"\n"));
}

TEST_CASE("the text check report of several dossiers starts with every dossier's headline") {
  const dossier d = small_dossier();
  evaluator ev(d);
  check_run first = run_checks(d, ev);
  check_run second = first;
  first.dossier_name = "first";
  second.dossier_name = "second";
  const std::string text = check_report_text({first, second});
  INFO(text);
  CHECK_THAT(text, Catch::StartsWith("first  2 checks: 1 fail (as expected), 1 inconclusive; 1 "
                                     "unexpected\n"
                                     "  3 claims: 1 contradicted (coreweave.cost), 2 unverified\n"
                                     "second  2 checks: "));
  // Both headlines come before the first dossier's checks.
  CHECK(text.find("\nsecond  2 checks") < text.find("INCONCLUSIVE  coreweave.duration_short"));
  // A single dossier keeps its one headline.
  CHECK(check_report_text({first}).find("first  2 checks") == std::string::npos);
}

TEST_CASE(
    "the text check report sums up a rule's findings in one entry unless every one is asked") {
  const dossier d = small_dossier();
  evaluator ev(d);
  check_run run = run_checks(d, ev);
  auto finding = [](const std::string& id, int line) {
    return diagnostic{severity::warning, "rule.secondary_only",
                      source_location{"claims/x/facts.json", line, 18, ""},
                      "fact '" + id + "' rests only on secondary sources ('press'); add the " +
                          "primary source that produced the figure (\"kind\": \"primary\")"};
  };
  run.findings.push_back(finding("press.tokens", 10));
  run.findings.push_back(finding("press.price", 20));
  const std::string grouped = check_report_text({run});
  INFO(grouped);
  CHECK_THAT(grouped,
             Catch::Contains("  findings (one entry per rule; --verbose lists each with its "
                             "file:line:col)\n"
                             "    2 warnings [rule.secondary_only] a fact whose sources "
                             "are all secondary:\n"
                             "      press.tokens, press.price\n"
                             "      Add the primary source that produced the figure.\n"));
  CHECK(grouped.find("facts.json:10:18") == std::string::npos);
  // Notes are counted on one line, after the warnings, without their locations.
  CHECK_THAT(grouped, Catch::Contains("\n    notes: 1 [rule.unverified_claim] (--verbose lists "
                                      "them)\n"));
  CHECK(grouped.find("[rule.secondary_only]") < grouped.find("    notes: "));
  CHECK(grouped.find("note: [rule.unverified_claim]") == std::string::npos);

  text_options every;
  every.every_finding = true;
  const std::string listed = check_report_text({run}, every);
  CHECK_THAT(listed, Catch::Contains("  findings\n    claims/x/facts.json:10:18: warning: "
                                     "[rule.secondary_only] fact 'press.tokens' rests only"));
  CHECK_THAT(listed, Catch::Contains("claims/x/facts.json:20:18: warning: [rule.secondary_only]"));
  // Every finding means the notes too, each on its own located line.
  CHECK_THAT(listed, Catch::Contains("note: [rule.unverified_claim] claim 'coreweave.gpus'"));
  CHECK(listed.find("    notes: ") == std::string::npos);
}

TEST_CASE("the text check report counts notes on one line even when no rule has two findings") {
  const dossier d = small_dossier();
  evaluator ev(d);
  check_run run = run_checks(d, ev);
  run.findings = {
      {severity::note, "rule.unverified_claim", {"claims/x/claims.json", 3, 5, ""}, "claim 'a.b'"},
      {severity::note, "rule.unused_figure", {"claims/x/facts.json", 7, 5, ""}, "fact 'c.d'"},
      {severity::note, "rule.unverified_claim", {"claims/x/claims.json", 9, 5, ""}, "claim 'e.f'"},
  };
  const std::string text = check_report_text({run});
  INFO(text);
  CHECK_THAT(text, Catch::Contains("  findings\n    notes: 2 [rule.unverified_claim], 1 "
                                   "[rule.unused_figure] (--verbose lists them)\n"));
  CHECK(text.find("claims.json:3:5") == std::string::npos);
}

// Issue 16: given a sink, the Markdown and JSON writers pass each dossier's
// part on as it is added and keep none of it; text holds its body until
// finish (every headline comes first). Joined, the pieces are the report.
TEST_CASE("a check report given a sink passes md and json on a dossier at a time") {
  const dossier d = small_dossier();
  evaluator ev(d);
  std::vector<check_run> runs(2, run_checks(d, ev));
  runs[0].dossier_name = "first";
  runs[1].dossier_name = "second";
  for (const auto format :
       {check_report_format::text, check_report_format::markdown, check_report_format::json}) {
    INFO(static_cast<int>(format));
    std::string joined;
    std::size_t pieces = 0;
    check_report_writer writer(format, {}, [&](std::string_view piece) {
      joined.append(piece);
      ++pieces;
    });
    const std::size_t opening = joined.size();
    writer.add(runs[0]);
    const std::size_t after_first = joined.size();
    writer.add(runs[1]);
    const std::size_t after_second = joined.size();
    CHECK(writer.finish().empty());
    const std::string whole = format == check_report_format::text ? check_report_text(runs)
                              : format == check_report_format::markdown
                                  ? check_report_markdown(runs)
                                  : check_report_json(runs);
    CHECK(joined == whole);
    if (format == check_report_format::text) {
      CHECK(after_second == 0);
    } else {
      // Each dossier's part went on when it was added.
      CHECK(opening < after_first);
      CHECK(after_first < after_second);
      CHECK(whole.find("second") >= after_first);
      CHECK(whole.find("second") < after_second);
    }
    CHECK(pieces > 0);
  }
}

TEST_CASE("the Markdown check report is a table per dossier with escaped cells") {
  const dossier d = small_dossier();
  evaluator ev(d);
  check_run run = run_checks(d, ev);
  const std::string md = check_report_markdown({run});
  CHECK_THAT(md, Catch::Contains("| check | outcome | expect | left | right | margin | message |"));
  CHECK_THAT(
      md, Catch::Contains("| `coreweave.cost_matches_benchmark` | fail | fail | [15k, 25k] USD | "
                          "[2.98k, 3.28k] USD | 4.6x apart (nominal 6.39x) | US$20,000 is "
                          "not what 11 minutes on 3584 H100s cost \\| at list price |"));
  CHECK_THAT(md, Catch::Contains("**inconclusive** (unexpected)"));
  CHECK_THAT(md, Catch::Contains("| `coreweave.cost` | contradicted |"));
}

TEST_CASE("the JSON check report parses and carries outcomes, bounds and the summary") {
  const dossier d = small_dossier();
  evaluator ev(d);
  check_run run = run_checks(d, ev);
  const auto doc = parse_json(check_report_json({run}));
  CHECK(std::string(doc["report"].GetString()) == "check");
  const auto& checks = doc["dossiers"][0]["checks"];
  REQUIRE(checks.Size() == 2);
  CHECK(std::string(checks[0]["outcome"].GetString()) == "fail");
  CHECK(checks[0]["matches_expect"].GetBool());
  CHECK(std::string(checks[0]["margin"]["kind"].GetString()) == "apart");
  CHECK(checks[0]["margin"]["ratio"].GetDouble() ==
        Approx(15000 / (3584 * 11.5 / 60 * 4.765)).epsilon(1e-9));
  CHECK(checks[0]["left"]["lo"].GetDouble() == Approx(15000).epsilon(1e-12));
  CHECK(std::string(checks[0]["left"]["unit"].GetString()) == "USD");
  CHECK(std::string(checks[1]["outcome"].GetString()) == "inconclusive");
  CHECK(checks[1]["margin"].IsNull());
  CHECK(doc["summary"]["unexpected"].GetInt() == 1);
  CHECK(std::string(doc["dossiers"][0]["claims"][2]["verdict"].GetString()) == "contradicted");
}

TEST_CASE("an unbounded interval is null in JSON and inf in its text") {
  dossier d = small_dossier();
  d.figures[0].qual = qualifier::over;
  d.figures[0].value.bounds = {3584, inf};
  d.checks[1].assert_text = "coreweave.gpus >= 1000 [GPU]";
  evaluator ev(d);
  check_run run = run_checks(d, ev);
  const auto doc = parse_json(check_report_json({run}));
  const auto& left = doc["dossiers"][0]["checks"][1]["left"];
  CHECK(left["hi"].IsNull());
  CHECK(std::string(left["text"].GetString()) == "[3584, inf] GPU");
}

TEST_CASE("the explain report lists inputs as written with quotes and sources, then the steps") {
  const dossier d = small_dossier();
  evaluator ev(d);
  auto e = explain(d, ev, "coreweave.bench_cost");
  REQUIRE(e.ok());
  const std::string text = explain_report_text(*e);
  CHECK_THAT(text, Catch::StartsWith(
                       "coreweave.bench_cost  derived: cost of the benchmark run at list price\n"
                       "  = coreweave.gpu_hours * coreweave.price\n"));
  CHECK(text.find("coreweave.cost") == std::string::npos);
  CHECK_THAT(text, Catch::Contains("coreweave.gpus      claim  3584 GPU, exact -> 3584 GPU"));
  // The nominal is the number as written, so it is not repeated.
  CHECK_THAT(text,
             Catch::Contains("coreweave.duration  claim  11 min, stated -> [10.5, 11.5] min\n"));
  CHECK_THAT(text, Catch::Contains("quote: \"11分钟\""));
  CHECK_THAT(text, Catch::Contains("sources: CoreWeave Classic pricing"));
  CHECK_THAT(text, Catch::Contains("coreweave.gpu_hours = coreweave.gpus * coreweave.duration  -> "
                                   "[627, 687] GPU*h, nominal 657 GPU*h"));
  CHECK_THAT(text, Catch::Contains("result  [2.98k, 3.28k] USD, nominal 3.13k USD"));

  const std::string md = explain_report_markdown(*e);
  CHECK_THAT(md, Catch::Contains("| `coreweave.duration` | claim | 11 min, stated | [10.5, 11.5] "
                                 "min | 11分钟 | 观察者网 article |"));

  const auto doc = parse_json(explain_report_json(*e));
  CHECK(std::string(doc["kind"].GetString()) == "derived");
  REQUIRE(doc["inputs"].Size() == 3);
  CHECK(std::string(doc["inputs"][2]["sources"][0].GetString()) == "CoreWeave Classic pricing");
  CHECK(doc["result"]["nominal"].GetDouble() == Approx(3584 * 11.0 / 60 * 4.76).epsilon(1e-9));
}

TEST_CASE("the explain report shows the last step in the unit of its result") {
  const dossier d = small_dossier();
  evaluator ev(d);
  auto e = explain(d, ev, "coreweave.gpu_hours");
  REQUIRE(e.ok());
  const std::string text = explain_report_text(*e);
  // Not the base unit GPU*s: [2.26e6, 2.47e6] GPU*s.
  CHECK_THAT(text, Catch::EndsWith("  coreweave.gpus * coreweave.duration  [627, 687] GPU*h\n"
                                   "result  [627, 687] GPU*h, nominal 657 GPU*h\n"));
}

TEST_CASE("the explain report of a check ends in its outcome and margin") {
  const dossier d = small_dossier();
  evaluator ev(d);
  auto e = explain(d, ev, "coreweave.cost_matches_benchmark");
  REQUIRE(e.ok());
  const std::string text = explain_report_text(*e);
  CHECK_THAT(text, Catch::Contains("comparison\n  left   [15k, 25k] USD, nominal 20k USD\n  ~\n"
                                   "  right  [2.98k, 3.28k] USD, nominal 3.13k USD\n"));
  CHECK_THAT(text, Catch::EndsWith("outcome  fail (expected fail); 4.6x apart (nominal 6.39x)\n"));
  const auto doc = parse_json(explain_report_json(*e));
  CHECK(std::string(doc["check"]["outcome"].GetString()) == "fail");
  CHECK(std::string(doc["check"]["margin"].GetString()) == "4.6x apart");
}

TEST_CASE("the derive table lists derived figures in every format and filters by id") {
  const dossier d = small_dossier();
  evaluator ev(d);
  diagnostics problems;
  auto rows = derive_rows(d, ev, "", problems);
  REQUIRE(rows.size() == 2);
  // The subject last, so that a wrapped subject leaves the figures aligned.
  CHECK(derive_report_text(rows) ==
        "id                    nominal  interval        unit   subject\n"
        "coreweave.gpu_hours   657      [627, 687]      GPU*h  GPU-hours of the run\n"
        "coreweave.bench_cost  3.13k    [2.98k, 3.28k]  USD    cost of the benchmark run at list "
        "price\n");
  CHECK_THAT(derive_report_markdown(rows),
             Catch::Contains(
                 "| `coreweave.gpu_hours` | GPU-hours of the run | 657 | [627, 687] | GPU*h |"));
  const std::string csv = derive_report_csv(rows);
  CHECK_THAT(csv, Catch::StartsWith("dossier,id,subject,nominal,lo,hi,unit\n"
                                    "waic-2023,coreweave.gpu_hours,GPU-hours of the run,"));
  const auto doc = parse_json(derive_report_json(rows));
  REQUIRE(doc["derived"].Size() == 2);
  CHECK(std::string(doc["derived"][1]["unit"].GetString()) == "USD");

  auto one = derive_rows(d, ev, "coreweave.bench_cost", problems);
  REQUIRE(one.size() == 1);
  CHECK(one[0].id == "coreweave.bench_cost");
  CHECK_FALSE(find_derived_id({d}, "coreweave.bench_cost"));
  auto unknown = find_derived_id({d}, "coreweave.bench_costs");
  REQUIRE(unknown);
  CHECK(unknown->code == "derive.unknown_id");
  CHECK_THAT(unknown->message, Catch::Contains("did you mean 'coreweave.bench_cost'?"));
}
