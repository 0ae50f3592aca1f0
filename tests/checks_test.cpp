// SPDX-License-Identifier: MIT
// Tests of checks.hpp: three-valued outcomes, margins of failures, claim
// verdicts, the built-in rules and the exit status, on intervals and on
// dossiers built in C++ (the example of checks.hpp: 3584 H100s for 11 minutes
// fall short of GPT-3's training compute).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "claimcheck/checks.hpp"
#include "claimcheck/loader.hpp"

using namespace claimcheck;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

struct outcome_case {
  interval left;
  comparison_op op;
  interval right;
  check_outcome expected;
};

struct margin_case {
  interval left;
  comparison_op op;
  interval right;
  margin_kind kind;
  std::optional<double> ratio;
  double gap;
};

figure_record make_figure(const dossier& d, figure_kind kind, const std::string& id, double nominal,
                          interval bounds, const std::string& unit_text) {
  figure_record f;
  f.kind = kind;
  f.id = id;
  f.subject = id;
  f.unit_text = unit_text;
  f.value_text = std::to_string(nominal);
  auto parsed = d.units.parse(unit_text);
  REQUIRE(parsed.ok());
  f.value = quantity{nominal, bounds, parsed.value()};
  return f;
}

derived_record make_derived(const dossier& d, const std::string& id, const std::string& expr,
                            const std::string& unit_text) {
  derived_record r;
  r.id = id;
  r.subject = id;
  r.expr = expr;
  r.unit_text = unit_text;
  auto parsed = d.units.parse(unit_text);
  REQUIRE(parsed.ok());
  r.target_unit = parsed.value();
  return r;
}

check_record make_check(const std::string& id, const std::string& assertion,
                        std::vector<std::string> about, check_severity level,
                        check_outcome expect) {
  check_record c;
  c.id = id;
  c.assert_text = assertion;
  c.about = std::move(about);
  c.level = level;
  c.expect = expect;
  c.message = "message of " + id;
  return c;
}

// The CoreWeave part of the WAIC 2023 dossier, built by hand.
dossier coreweave_dossier() {
  dossier d;
  d.folder = "/claims/waic-2023";
  d.root = "/claims";
  d.sources.push_back(
      {"guancha", "观察者网 article", "观察者网", "", {}, {}, source_kind::document, {}});
  d.sources.push_back({"eetimes",
                       "Nvidia leads, Habana challenges on GPT-3 MLPerf",
                       "EE Times",
                       "",
                       {},
                       {},
                       source_kind::secondary,
                       {}});
  d.sources.push_back({"paper",
                       "Language Models are Few-Shot Learners",
                       "OpenAI",
                       "",
                       {},
                       {},
                       source_kind::primary,
                       {}});
  auto gpus = make_figure(d, figure_kind::claim, "coreweave.gpus", 3584, {3584, 3584}, "GPU");
  gpus.sources = {"guancha"};
  auto duration = make_figure(d, figure_kind::claim, "coreweave.duration", 11, {10.5, 11.5}, "min");
  duration.sources = {"guancha"};
  auto cost = make_figure(d, figure_kind::claim, "coreweave.cost", 20000, {15000, 25000}, "USD");
  cost.sources = {"guancha"};
  auto peak =
      make_figure(d, figure_kind::fact, "h100.peak_bf16", 989.4, {989.4, 989.4}, "TFLOP/(s*GPU)");
  peak.sources = {"eetimes"};  // secondary only: rule.secondary_only
  auto compute = make_figure(d, figure_kind::fact, "gpt3.train_compute", 3.14e23,
                             {3.135e23, 3.145e23}, "FLOP");
  compute.sources = {"paper"};
  auto price =
      make_figure(d, figure_kind::fact, "coreweave.price", 4.76, {4.755, 4.765}, "USD/(GPU*h)");
  price.sources = {"paper", "eetimes"};
  auto unused = make_figure(d, figure_kind::fact, "gpt3.tokens", 300e9, {300e9, 300e9}, "token");
  unused.sources = {"paper"};
  d.figures = {gpus, duration, cost, peak, compute, price, unused};
  d.derived.push_back(
      make_derived(d, "coreweave.gpu_hours", "coreweave.gpus * coreweave.duration", "GPU*h"));
  d.derived.push_back(
      make_derived(d, "coreweave.bench_cost", "coreweave.gpu_hours * coreweave.price", "USD"));
  d.derived.push_back(
      make_derived(d, "coreweave.unused_rate", "coreweave.cost / coreweave.gpus", "USD/GPU"));
  d.checks.push_back(
      make_check("coreweave.full_training_possible",
                 "coreweave.gpus * h100.peak_bf16 * coreweave.duration >= gpt3.train_compute",
                 {"coreweave.duration"}, check_severity::error, check_outcome::fail));
  d.checks.push_back(make_check("coreweave.cost_matches_benchmark",
                                "coreweave.cost ~ coreweave.bench_cost", {"coreweave.cost"},
                                check_severity::warning, check_outcome::fail));
  d.checks.push_back(make_check("coreweave.gpus_plausible", "coreweave.gpus >= 1000 [GPU]",
                                {"coreweave.gpus"}, check_severity::error, check_outcome::pass));
  return d;
}

}  // namespace

TEST_CASE("comparisons of intervals are pass, fail or inconclusive by the table") {
  using op = comparison_op;
  const auto pass = check_outcome::pass;
  const auto fail = check_outcome::fail;
  const auto inconclusive = check_outcome::inconclusive;
  const std::vector<outcome_case> cases = {
      {{1, 2}, op::less, {3, 4}, pass},
      {{1, 3}, op::less, {3, 4}, inconclusive},
      {{3, 3}, op::less, {3, 3}, fail},
      {{4, 5}, op::less, {1, 4}, fail},
      {{3, 3}, op::less_equal, {3, 3}, pass},
      {{1, 3}, op::less_equal, {3, 4}, pass},
      {{4, 5}, op::less_equal, {1, 3}, fail},
      {{4, 5}, op::less_equal, {1, 4}, inconclusive},
      {{1, 5}, op::less_equal, {3, 4}, inconclusive},
      {{2, 2}, op::greater, {1, 1}, pass},
      {{1, 2}, op::greater, {2, 3}, fail},
      {{2, 3}, op::greater, {1, 2}, inconclusive},
      {{2, 3}, op::greater_equal, {1, 2}, pass},
      {{1, 2}, op::greater_equal, {2, 3}, inconclusive},
      {{1, 2}, op::greater_equal, {2.5, 3}, fail},
      {{3, 4}, op::greater_equal, {1, 3}, pass},
      // Unbounded intervals ("超400" is [400, +inf]).
      {{400, inf}, op::greater_equal, {300, 350}, pass},
      {{400, inf}, op::less_equal, {500, 600}, inconclusive},
      {{400, inf}, op::less, {100, 300}, fail},
      {{0, 400}, op::less, {500, inf}, pass},
      {{-inf, 5}, op::greater, {6, 7}, fail},
      {{-inf, inf}, op::greater, {6, 7}, inconclusive},
      // Consistency: overlap (touching counts) or not, never inconclusive.
      {{1, 2}, op::consistent, {2, 3}, pass},
      {{1, 2}, op::consistent, {2.1, 3}, fail},
      {{3, 4}, op::consistent, {1, 2}, fail},
      {{1, 10}, op::consistent, {4, 5}, pass},
      {{400, inf}, op::consistent, {1e9, 1e9}, pass},
      {{0, 400}, op::consistent, {500, inf}, fail},
  };
  for (const auto& c : cases) {
    INFO(to_string(c.left) << ' ' << to_string(c.op) << ' ' << to_string(c.right));
    CHECK(compare_intervals(c.left, c.op, c.right) == c.expected);
  }
}

TEST_CASE("a failure's margin is the ratio of the nearest bounds") {
  using op = comparison_op;
  const std::vector<margin_case> cases = {
      // a >= b fails: the left side is short by b.lo / a.hi.
      {{2.2e21, 2.34e21},
       op::greater_equal,
       {3.14e23, 3.15e23},
       margin_kind::short_by,
       3.14e23 / 2.34e21,
       3.14e23 - 2.34e21},
      {{1, 2}, op::greater, {2, 3}, margin_kind::short_by, 1.0, 0},
      // a <= b fails: the left side is a.lo / b.hi above.
      {{6.4, 7}, op::less_equal, {0.5, 1}, margin_kind::above, 6.4, 5.4},
      {{6.4, 7}, op::less, {0.5, 1}, margin_kind::above, 6.4, 5.4},
      // a ~ b fails: the gap between the nearest bounds, either way round.
      {{1, 2}, op::consistent, {6.4, 8}, margin_kind::apart, 3.2, 4.4},
      {{6.4, 8}, op::consistent, {1, 2}, margin_kind::apart, 3.2, 4.4},
      // Zero or a change of sign: no factor can bridge it, only the gap.
      {{0, 0}, op::greater_equal, {5, 6}, margin_kind::short_by, std::nullopt, 5},
      {{-1, -1}, op::greater_equal, {2, 3}, margin_kind::short_by, std::nullopt, 3},
      // Both negative: the ratio of magnitudes.
      {{-10, -10}, op::greater_equal, {-2, -1}, margin_kind::short_by, 5.0, 8},
      // An infinite nearest bound: an unbounded factor.
      {{1, 2}, op::greater_equal, {inf, inf}, margin_kind::short_by, inf, inf},
  };
  for (const auto& c : cases) {
    INFO(to_string(c.left) << ' ' << to_string(c.op) << ' ' << to_string(c.right));
    auto m = margin_of_failure(c.left, c.op, c.right);
    REQUIRE(m);
    CHECK(m->kind == c.kind);
    CHECK(m->ratio.has_value() == c.ratio.has_value());
    if (m->ratio && c.ratio) {
      if (std::isinf(*c.ratio)) {
        CHECK(std::isinf(*m->ratio));
      } else {
        CHECK(*m->ratio == Approx(*c.ratio).epsilon(1e-12));
      }
    }
    if (std::isinf(c.gap)) {
      CHECK(std::isinf(m->gap));
    } else {
      CHECK(m->gap == Approx(c.gap).epsilon(1e-12).margin(1e-12));
    }
  }
}

TEST_CASE("only a failure has a margin") {
  CHECK_FALSE(margin_of_failure({1, 2}, comparison_op::less, {3, 4}));
  CHECK_FALSE(margin_of_failure({1, 3}, comparison_op::less, {2, 4}));
  CHECK_FALSE(margin_of_failure({1, 3}, comparison_op::consistent, {2, 4}));
}

TEST_CASE("the nominal ratio exists only for a non-zero finite right side") {
  REQUIRE(nominal_ratio(3, 2));
  CHECK(*nominal_ratio(3, 2) == Approx(1.5).epsilon(1e-12));
  CHECK_FALSE(nominal_ratio(1, 0));
  CHECK_FALSE(nominal_ratio(inf, 1));
  CHECK_FALSE(nominal_ratio(1, -inf));
}

TEST_CASE("values of different dimensions cannot be compared and the error names both units") {
  const auto registry = unit_registry::with_builtins();
  unit usd = registry.parse("USD").value();
  unit gpu_hours = registry.parse("GPU*h").value();
  value left{{1, 2}, 1.5, usd.dim, std::nullopt};
  value right{{1, 2}, 1.5, gpu_hours.dim, std::nullopt};
  auto compared = compare_values(left, comparison_op::less, right, usd, gpu_hours);
  REQUIRE_FALSE(compared.ok());
  CHECK(compared.error().code == "expr.dimension");
  CHECK_THAT(compared.error().message, Catch::Contains("'USD'") && Catch::Contains("'GPU*h'"));

  auto same = compare_values(left, comparison_op::consistent, left, usd, usd);
  REQUIRE(same.ok());
  CHECK(same->outcome == check_outcome::pass);
  CHECK(same->nominal_ratio);
}

TEST_CASE("claim verdicts follow the most serious outcome of the checks about the claim") {
  using sev = check_severity;
  const auto pass = check_outcome::pass;
  const auto fail = check_outcome::fail;
  const auto inconclusive = check_outcome::inconclusive;
  struct verdict_case {
    std::vector<verdict_input> checks;
    claim_verdict expected;
  };
  const std::vector<verdict_case> cases = {
      {{}, claim_verdict::unverified},
      {{{sev::error, pass}}, claim_verdict::supported},
      {{{sev::error, pass}, {sev::warning, pass}}, claim_verdict::supported},
      {{{sev::error, fail}}, claim_verdict::contradicted},
      {{{sev::warning, fail}}, claim_verdict::questionable},
      {{{sev::warning, fail}, {sev::error, fail}}, claim_verdict::contradicted},
      {{{sev::error, pass}, {sev::warning, fail}}, claim_verdict::questionable},
      {{{sev::error, inconclusive}}, claim_verdict::unverified},
      {{{sev::error, inconclusive}, {sev::warning, inconclusive}}, claim_verdict::unverified},
      {{{sev::error, pass}, {sev::error, inconclusive}}, claim_verdict::unverified},
      {{{sev::error, inconclusive}, {sev::error, fail}}, claim_verdict::contradicted},
      {{{sev::error, std::nullopt}}, claim_verdict::unverified},
      {{{sev::error, pass}, {sev::error, std::nullopt}}, claim_verdict::unverified},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    INFO("case " << i);
    CHECK(aggregate_verdict(cases[i].checks) == cases[i].expected);
  }
}

TEST_CASE("the summary line counts outcomes and says which were expected") {
  check_summary s;
  s.total = 12;
  s.pass = s.pass_expected = 8;
  s.fail = s.fail_expected = 3;
  s.inconclusive = s.inconclusive_expected = 1;
  CHECK(summary_line(s) ==
        "12 checks: 8 pass, 3 fail (as expected), 1 inconclusive (as expected); 0 unexpected");

  check_summary t;
  t.total = 4;
  t.pass = 2;
  t.pass_expected = 1;
  t.fail = 2;
  t.fail_expected = 1;
  t.unexpected = 2;
  t.unexpected_warnings = 1;
  CHECK(summary_line(t) ==
        "4 checks: 2 pass (1 unexpected), 2 fail (1 expected); 2 unexpected (1 of them a warning)");

  check_summary one;
  one.total = 1;
  one.inconclusive = 1;
  one.unexpected = 1;
  CHECK(summary_line(one) == "1 check: 1 inconclusive; 1 unexpected");
  CHECK(summary_line(check_summary{}) == "0 checks; 0 unexpected");
}

TEST_CASE("running the checks of a dossier gives outcomes, margins, display units and verdicts") {
  const dossier d = coreweave_dossier();
  evaluator ev(d);
  check_run run = run_checks(d, ev);
  INFO([&] {
    std::string all;
    for (const auto& p : run.problems) all += format_diagnostic(p) + "\n";
    return all;
  }());
  REQUIRE_FALSE(has_errors(run.problems));
  CHECK(run.dossier_name == "waic-2023");
  REQUIRE(run.checks.size() == 3);

  const check_result& full = run.checks[0];
  REQUIRE(full.outcome);
  CHECK(*full.outcome == check_outcome::fail);
  CHECK(full.matches_expect);
  REQUIRE(full.margin);
  CHECK(full.margin->kind == margin_kind::short_by);
  // 3.135e23 FLOP / (3584 GPU * 989.4 TFLOP/(s*GPU) * 11.5 min)
  REQUIRE(full.margin->ratio);
  CHECK(*full.margin->ratio == Approx(3.135e23 / (3584 * 989.4e12 * 11.5 * 60)).epsilon(1e-9));
  // Shown in the unit of the first id of that dimension: gpt3.train_compute's FLOP.
  CHECK(full.display.text == "FLOP");
  REQUIRE(full.left.shown);
  CHECK(full.left.shown->in.text == "FLOP");
  REQUIRE(full.nominal_ratio);
  CHECK(*full.nominal_ratio == Approx(3584 * 989.4e12 * 660 / 3.14e23).epsilon(1e-9));
  CHECK_FALSE(full.left.trace.empty());

  const check_result& cost = run.checks[1];
  REQUIRE(cost.outcome);
  CHECK(*cost.outcome == check_outcome::fail);
  CHECK(cost.display.text == "USD");
  REQUIRE(cost.margin);
  CHECK(cost.margin->kind == margin_kind::apart);
  REQUIRE(cost.margin->ratio);
  CHECK(*cost.margin->ratio == Approx(15000 / (3584 * 11.5 / 60 * 4.765)).epsilon(1e-6));

  const check_result& plausible = run.checks[2];
  REQUIRE(plausible.outcome);
  CHECK(*plausible.outcome == check_outcome::pass);
  CHECK(plausible.display.text == "GPU");

  CHECK(run.summary.total == 3);
  CHECK(run.summary.fail == 2);
  CHECK(run.summary.unexpected == 0);
  CHECK(summary_line(run.summary) == "3 checks: 1 pass, 2 fail (as expected); 0 unexpected");

  REQUIRE(run.claims.size() == 3);
  CHECK(run.claims[0].id == "coreweave.gpus");
  CHECK(run.claims[0].verdict == claim_verdict::supported);
  CHECK(run.claims[1].id == "coreweave.duration");
  CHECK(run.claims[1].verdict == claim_verdict::contradicted);
  CHECK(run.claims[2].id == "coreweave.cost");
  CHECK(run.claims[2].verdict == claim_verdict::questionable);
  CHECK(run.claims[2].check_ids == std::vector<std::string>{"coreweave.cost_matches_benchmark"});

  CHECK(status_of({run}, false) == check_status::as_expected);
  CHECK(status_of({run}, true) == check_status::as_expected);
}

TEST_CASE(
    "an outcome that differs from expect is the signal and a warning check counts only when "
    "strict") {
  dossier d = coreweave_dossier();
  // An error check expected to pass that is inconclusive: [10.5, 11.5] min <= 11 min.
  d.checks.push_back(make_check("coreweave.duration_short", "coreweave.duration <= 11 [min]", {},
                                check_severity::warning, check_outcome::pass));
  {
    evaluator ev(d);
    check_run run = run_checks(d, ev);
    REQUIRE(run.checks.size() == 4);
    REQUIRE(run.checks[3].outcome);
    CHECK(*run.checks[3].outcome == check_outcome::inconclusive);
    CHECK_FALSE(run.checks[3].matches_expect);
    CHECK(run.checks[3].display.text == "min");
    CHECK(run.summary.unexpected == 1);
    CHECK(run.summary.unexpected_warnings == 1);
    CHECK(status_of({run}, false) == check_status::as_expected);
    CHECK(status_of({run}, true) == check_status::unexpected);
  }
  d.checks.back().level = check_severity::error;
  {
    evaluator ev(d);
    check_run run = run_checks(d, ev);
    CHECK(status_of({run}, false) == check_status::unexpected);
  }
}

TEST_CASE("a claim's checks are those naming it in about, in check order, each once") {
  dossier d = coreweave_dossier();
  d.checks.push_back(make_check("coreweave.gpus_twice", "coreweave.gpus >= 2000 [GPU]",
                                {"coreweave.gpus", "coreweave.cost", "coreweave.gpus"},
                                check_severity::error, check_outcome::pass));
  d.checks.push_back(make_check("coreweave.gpus_not_huge", "coreweave.gpus < 1e6 [GPU]",
                                {"coreweave.gpus"}, check_severity::error, check_outcome::pass));
  evaluator ev(d);
  const check_run run = run_checks(d, ev);
  REQUIRE(run.claims.size() == 3);
  CHECK(run.claims[0].check_ids == std::vector<std::string>{"coreweave.gpus_plausible",
                                                            "coreweave.gpus_twice",
                                                            "coreweave.gpus_not_huge"});
  CHECK(run.claims[0].verdict == claim_verdict::supported);
  CHECK(run.claims[1].check_ids == std::vector<std::string>{"coreweave.full_training_possible"});
  CHECK(run.claims[2].check_ids ==
        std::vector<std::string>{"coreweave.cost_matches_benchmark", "coreweave.gpus_twice"});
}

TEST_CASE("checks that cannot be evaluated make the input invalid") {
  struct bad_check {
    const char* assertion;
    const char* code;
  };
  const std::vector<bad_check> cases = {
      {"coreweave.cost ~ coreweave.gpu_hours", "expr.dimension"},
      {"coreweave.cost >", "expr.syntax"},
      {"coreweave.costs >= 1 [USD]", "eval.unknown_id"},
  };
  for (const auto& c : cases) {
    INFO(c.assertion);
    dossier d = coreweave_dossier();
    d.checks.push_back(
        make_check("bad", c.assertion, {}, check_severity::error, check_outcome::pass));
    d.checks.back().origin.where = {"claims.json", 40, 5, "/checks/3"};
    d.checks.back().origin.fields.set("assert", 41, 17);
    evaluator ev(d);
    check_run run = run_checks(d, ev);
    REQUIRE(has_errors(run.problems));
    auto it = std::find_if(run.problems.begin(), run.problems.end(),
                           [&](const diagnostic& p) { return p.code == c.code; });
    REQUIRE(it != run.problems.end());
    CHECK(it->where.file == "claims.json");
    CHECK(it->where.line == 41);
    CHECK(it->where.column >= 18);
    CHECK_FALSE(run.checks.back().outcome);
    CHECK(status_of({run}, false) == check_status::invalid);
  }
}

TEST_CASE("dimension mismatches of a check point at its comparison operator") {
  dossier d = coreweave_dossier();
  d.checks = {make_check("bad", "coreweave.cost ~ coreweave.gpu_hours", {}, check_severity::error,
                         check_outcome::pass)};
  d.checks.back().origin.fields.set("assert", 41, 17);
  evaluator ev(d);
  check_run run = run_checks(d, ev);
  REQUIRE(run.problems.size() >= 1);
  CHECK(run.problems[0].code == "expr.dimension");
  CHECK(run.problems[0].where.column == 17 + 1 + 15);  // after the quote, at "~"
  CHECK_THAT(run.problems[0].message, Catch::Contains("'USD'") && Catch::Contains("'GPU*h'"));
}

TEST_CASE(
    "built-in rules find late claims, secondary-only facts, unused figures and unchecked claims") {
  dossier d = coreweave_dossier();
  document_record doc;
  doc.published = parse_partial_date("2023-07-08").value();
  d.document = doc;
  d.figures[0].as_of = parse_partial_date("2023-08").value();  // coreweave.gpus: after publication
  d.figures[0].origin.where.pointer = "/claims/0";  // a field's pointer extends its record's
  d.figures[0].origin.fields.set("as_of", 7, 16);
  d.figures[1].as_of = parse_partial_date("2023-07").value();  // the same month: fine
  auto extra = make_figure(d, figure_kind::claim, "waic.edition", 6, {6, 6}, "1");
  d.figures.push_back(extra);  // named by no check
  auto imported = make_figure(d, figure_kind::fact, "imported.fact", 1, {1, 1}, "1");
  imported.origin.imported = true;  // unused, but not this dossier's to report
  imported.sources = {"eetimes"};
  d.figures.push_back(imported);

  diagnostics found = built_in_rules(d);
  struct expected_finding {
    const char* code;
    severity level;
    const char* fragment;
  };
  const std::vector<expected_finding> expected = {
      {"rule.claim_after_publication", severity::warning, "'coreweave.gpus' is as of 2023-08"},
      {"rule.secondary_only", severity::warning,
       "'h100.peak_bf16' rests only on secondary sources ('eetimes')"},
      {"rule.unused_figure", severity::note, "fact 'gpt3.tokens'"},
      {"rule.unverified_claim", severity::note, "claim 'waic.edition'"},
      {"rule.unused_figure", severity::note, "derived figure 'coreweave.unused_rate'"},
  };
  INFO([&] {
    std::string all;
    for (const auto& f : found) all += format_diagnostic(f) + "\n";
    return all;
  }());
  REQUIRE(found.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(found[i].code == expected[i].code);
    CHECK(found[i].level == expected[i].level);
    CHECK_THAT(found[i].message, Catch::Contains(expected[i].fragment));
  }
  CHECK(found[0].where.line == 7);
  CHECK(found[0].where.pointer == "/claims/0/as_of");
}

TEST_CASE("a figure used only through derived figures or a series is used") {
  dossier d = coreweave_dossier();
  d.checks = {make_check("only", "coreweave.bench_cost <= 1e6 [USD]", {"coreweave.cost"},
                         check_severity::error, check_outcome::pass)};
  series_record s;
  s.id = "token_series";
  s.points = {"gpt3.tokens"};
  d.series.push_back(s);
  diagnostics found = built_in_rules(d);
  std::vector<std::string> unused;
  for (const auto& f : found) {
    if (f.code == "rule.unused_figure") unused.push_back(f.message);
  }
  // gpus, duration, price via bench_cost -> gpu_hours; tokens via the series;
  // h100.peak_bf16, gpt3.train_compute and unused_rate are unused.
  REQUIRE(unused.size() == 3);
  CHECK_THAT(unused[0], Catch::Contains("'h100.peak_bf16'"));
  CHECK_THAT(unused[1], Catch::Contains("'gpt3.train_compute'"));
  CHECK_THAT(unused[2], Catch::Contains("'coreweave.unused_rate'"));
}

TEST_CASE("imported checks do not run and imported claims get no verdict") {
  dossier d = coreweave_dossier();
  d.checks[0].origin.imported = true;
  d.figures[0].origin.imported = true;
  evaluator ev(d);
  check_run run = run_checks(d, ev);
  CHECK(run.checks.size() == 2);
  CHECK(run.claims.size() == 2);
  CHECK(run.claims[0].id == "coreweave.duration");
  CHECK(run.claims[0].verdict == claim_verdict::unverified);
}

TEST_CASE("explaining a derived figure lists its inputs, the figures on the way and the result") {
  const dossier d = coreweave_dossier();
  evaluator ev(d);
  auto e = explain(d, ev, "coreweave.bench_cost");
  REQUIRE(e.ok());
  CHECK(e->kind == explained_kind::derived);
  CHECK(e->expression == "coreweave.gpu_hours * coreweave.price");
  std::vector<std::string> inputs;
  for (const auto& in : e->inputs) inputs.push_back(in.id);
  CHECK(inputs ==
        std::vector<std::string>{"coreweave.gpus", "coreweave.duration", "coreweave.price"});
  CHECK(e->inputs[2].source_titles ==
        std::vector<std::string>{"Language Models are Few-Shot Learners",
                                 "Nvidia leads, Habana challenges on GPT-3 MLPerf"});
  REQUIRE(e->intermediates.size() == 1);
  CHECK(e->intermediates[0].id == "coreweave.gpu_hours");
  REQUIRE(e->intermediates[0].shown);
  CHECK(e->intermediates[0].shown->in.text == "GPU*h");
  REQUIRE(e->result);
  CHECK(e->result->in.text == "USD");
  CHECK(e->result->nominal == Approx(3584 * 11.0 / 60 * 4.76).epsilon(1e-9));
  CHECK_FALSE(e->steps.empty());
}

TEST_CASE("explaining a check gives both sides and the outcome") {
  const dossier d = coreweave_dossier();
  evaluator ev(d);
  auto e = explain(d, ev, "coreweave.full_training_possible");
  REQUIRE(e.ok());
  CHECK(e->kind == explained_kind::check);
  REQUIRE(e->check);
  REQUIRE(e->check->outcome);
  CHECK(*e->check->outcome == check_outcome::fail);
  CHECK(e->inputs.size() == 4);
  CHECK_FALSE(e->steps.empty());
  CHECK_FALSE(e->right_steps.empty());
}

TEST_CASE("explaining an unknown id suggests the nearest one") {
  const dossier d = coreweave_dossier();
  evaluator ev(d);
  auto e = explain(d, ev, "coreweave.gpu_hour");
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().code == "explain.unknown_id");
  CHECK_THAT(e.error().message, Catch::Contains("did you mean 'coreweave.gpu_hours'?"));
}

namespace {

std::string describe_problems(const diagnostics& problems) {
  std::string text;
  for (const auto& p : problems) text += format_diagnostic(p) + "\n";
  return text;
}

// One ~ check with `within`, of a 10 min figure against a 10.5 min one
// (both exact), or of 100 USD against [104, 106] USD.
struct within_case {
  const char* assertion;
  const char* within;
  std::optional<check_outcome> outcome;  // nullopt: an error
  double right_lo, right_hi;             // the widened right side, base units
  const char* code;                      // the error's code, when there is one
};

}  // namespace

TEST_CASE("within widens the right side of a ~ check, relatively or absolutely") {
  // Hand-computed: 10.5 min = 630 s; 5% of 630 s = 31.5 s -> [598.5, 661.5] s,
  // which reaches 10 min = 600 s; 4% gives [604.8, 655.2] s, which does not.
  // 0.5 min = 30 s -> [600, 660] s: touching counts as overlapping.
  // [104, 106] USD widened by 5%: [98.8, 111.3] USD holds 100 USD.
  const std::vector<within_case> rows = {
      {"t.ten ~ t.ten_half", "5%", check_outcome::pass, 598.5, 661.5, ""},
      {"t.ten ~ t.ten_half", " 5 % ", check_outcome::pass, 598.5, 661.5, ""},
      {"t.ten ~ t.ten_half", "4%", check_outcome::fail, 604.8, 655.2, ""},
      {"t.ten ~ t.ten_half", "0.5 [min]", check_outcome::pass, 600, 660, ""},
      {"t.ten ~ t.ten_half", "20 [s]", check_outcome::fail, 610, 650, ""},
      {"t.ten ~ t.ten_half", "0%", check_outcome::fail, 630, 630, ""},
      {"t.cost ~ t.cost_range", "5%", check_outcome::pass, 98.8, 111.3, ""},
      {"t.cost ~ t.cost_range", "1%", check_outcome::fail, 102.96, 107.06, ""},
      // misuse
      {"t.ten <= t.ten_half", "5%", std::nullopt, 0, 0, "check.within"},
      {"t.ten > t.ten_half", "0.5 [min]", std::nullopt, 0, 0, "check.within"},
      {"t.ten ~ t.ten_half", "5", std::nullopt, 0, 0, "expr.dimension"},
      {"t.ten ~ t.ten_half", "0.5 [GPU]", std::nullopt, 0, 0, "expr.dimension"},
      {"t.ten ~ t.ten_half", "-5%", std::nullopt, 0, 0, "check.within"},
      {"t.ten ~ t.ten_half", "five percent", std::nullopt, 0, 0, "check.within"},
      {"t.ten ~ t.ten_half", "a.b", std::nullopt, 0, 0, "check.within"},
      {"t.ten ~ t.ten_half", "0.5 [mins]", std::nullopt, 0, 0, "unit.unknown"},
  };
  for (const auto& row : rows) {
    INFO(row.assertion << " within " << row.within);
    dossier d;
    d.figures.push_back(make_figure(d, figure_kind::fact, "t.ten", 10, {10, 10}, "min"));
    d.figures.push_back(make_figure(d, figure_kind::fact, "t.ten_half", 10.5, {10.5, 10.5}, "min"));
    d.figures.push_back(make_figure(d, figure_kind::fact, "t.cost", 100, {100, 100}, "USD"));
    d.figures.push_back(make_figure(d, figure_kind::fact, "t.cost_range", 105, {104, 106}, "USD"));
    check_record c =
        make_check("t.check", row.assertion, {}, check_severity::error, check_outcome::pass);
    c.within_text = row.within;
    d.checks.push_back(c);
    evaluator ev(d);
    check_run run = run_checks(d, ev);
    REQUIRE(run.checks.size() == 1);
    const check_result& r = run.checks[0];
    if (!row.outcome) {
      CHECK_FALSE(r.outcome);
      REQUIRE(run.problems.size() == 1);
      CHECK(run.problems[0].code == row.code);
      continue;
    }
    INFO(describe_problems(run.problems));
    CHECK(run.problems.empty());
    REQUIRE(r.outcome);
    CHECK(*r.outcome == *row.outcome);
    REQUIRE(r.right.computed);
    CHECK(r.right.computed->bounds.lo == Approx(row.right_lo).epsilon(1e-12));
    CHECK(r.right.computed->bounds.hi == Approx(row.right_hi).epsilon(1e-12));
    // Outward: the widened side contains the exact one.
    CHECK(r.right.computed->bounds.lo <= row.right_lo);
    CHECK(r.right.computed->bounds.hi >= row.right_hi);
  }
}

TEST_CASE("a plain number compared with a quantity in % is an error that says what to write") {
  dossier d;
  d.figures.push_back(make_figure(d, figure_kind::fact, "p.decline", 80, {80, 80}, "%"));
  d.checks.push_back(
      make_check("p.a", "p.decline < 100", {}, check_severity::error, check_outcome::pass));
  d.checks.push_back(
      make_check("p.b", "p.decline < 100 [%]", {}, check_severity::error, check_outcome::pass));
  d.checks.push_back(
      make_check("p.c", "0.5 ~ p.decline", {}, check_severity::error, check_outcome::pass));
  d.checks.push_back(
      make_check("p.d", "p.decline / 100 [%] < 1", {}, check_severity::error, check_outcome::pass));
  evaluator ev(d);
  check_run run = run_checks(d, ev);
  INFO(describe_problems(run.problems));
  REQUIRE(run.problems.size() == 2);
  CHECK(run.problems[0].code == "expr.percent");
  CHECK(run.problems[0].message.find("write '100 [%]'") != std::string::npos);
  CHECK(run.problems[1].code == "expr.percent");
  CHECK(run.problems[1].message.find("write '0.5 [%]'") != std::string::npos);
  CHECK_FALSE(run.checks[0].outcome);
  CHECK(run.checks[1].outcome == check_outcome::pass);  // 80% < 100%
  CHECK_FALSE(run.checks[2].outcome);
  CHECK(run.checks[3].outcome == check_outcome::pass);  // 0.8 < 1
}

TEST_CASE("explaining an id far from every id lists the nearest ones") {
  const dossier d = coreweave_dossier();
  evaluator ev(d);
  auto e = explain(d, ev, "nosuch.id");
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().code == "explain.unknown_id");
  CHECK_THAT(e.error().message, Catch::Contains("; the nearest ids are '"));
  CHECK(std::count(e.error().message.begin(), e.error().message.end(), '\'') == 2 + 6);
  CHECK(suggest_ids("x", {}).empty());
  CHECK(suggest_ids("nosuch.id", {"a.b"}) == "; the only id is 'a.b'");
  CHECK(suggest_ids("nosuch.id", {"zz.zz", "no.such"}) ==
        "; the nearest ids are 'no.such' and 'zz.zz'");
}

// check_each (what validate and check run): the runs of run_checks_of, for
// the stream's dossiers in order, whatever the number of threads; and no
// run once loading has found an error.
TEST_CASE("check_each gives run_checks_of's runs a dossier at a time, none after a load error") {
  namespace fs = std::filesystem;
  struct row {
    std::vector<fs::path> paths;
    bool loads;
  };
  const fs::path data = CLAIMCHECK_TEST_DATA;
  const std::vector<row> rows = {
      {{fs::path(CLAIMCHECK_SOURCE_DIR) / "claims"}, true},
      {{data / "checks"}, true},
      {{data / "good"}, true},
      {{data / "conformance" / "bad"}, false},
      {{data / "good" / "waic-mini", data / "missing"}, false},
  };
  for (const auto& r : rows) {
    INFO(r.paths.front().string());
    const load_result whole = load_paths(r.paths, {});
    REQUIRE(whole.ok() == r.loads);
    const std::vector<check_run> want = run_checks_of(whole.dossiers, {}, 1);
    for (unsigned threads : {1u, 3u}) {
      load_options options;
      options.threads = threads;
      dossier_stream stream(r.paths, options);
      std::size_t given = 0, checked = 0;
      check_each(stream, options.limits, threads, [&](const dossier& d, const check_run* run) {
        REQUIRE(given < want.size());
        CHECK(d.folder == whole.dossiers[given].folder);
        if (run != nullptr) {
          ++checked;
          CHECK(run->source == &d);
          CHECK(run->dossier_name == want[given].dossier_name);
          CHECK(summary_line(run->summary) == summary_line(want[given].summary));
          CHECK(run->problems.size() == want[given].problems.size());
          CHECK(run->findings.size() == want[given].findings.size());
        }
        ++given;
      });
      CHECK(given == whole.dossiers.size());
      if (r.loads) CHECK(checked == given);
      // Once an error is found nothing more is checked; the walk finds a
      // missing PATH before any dossier.
      if (!r.loads && r.paths.size() > 1) CHECK(checked == 0);
      CHECK(stream.ok() == r.loads);
    }
  }
}
