// SPDX-License-Identifier: MIT
// Tests of evaluate.hpp: with coreweave.gpus = 3584 GPU (exact) and
// coreweave.duration = 11 min (stated), "coreweave.gpus * coreweave.duration"
// in GPU*h is [627.2, 686.9]. Dossiers are built directly in C++ so that these
// tests do not depend on the loader.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "claimcheck/evaluate.hpp"

using namespace claimcheck;

namespace {

unit parse_unit(const dossier& d, const std::string& text) {
  auto parsed = d.units.parse(text);
  REQUIRE(parsed.ok());
  return parsed.value();
}

record_origin origin_with(const std::string& field, int line, int column) {
  record_origin origin;
  origin.where = source_location{"claims.json", line, 3, ""};
  origin.fields.set(field, line, column);
  return origin;
}

void add_figure(dossier& d, const std::string& id, double value, double precision,
                const std::string& unit_text, qualifier q = qualifier::stated) {
  figure_record f;
  f.kind = figure_kind::fact;
  f.id = id;
  f.unit_text = unit_text;
  f.qual = q;
  const qualified_value qv = apply_qualifier(q, written_number{value, precision, false});
  f.value = quantity{qv.nominal, qv.bounds, parse_unit(d, unit_text)};
  f.origin = origin_with("value", static_cast<int>(d.figures.size()) + 1, 10);
  d.figures.push_back(f);
}

void add_date(dossier& d, const std::string& id, const std::string& text) {
  figure_record f;
  f.id = id;
  f.unit_text = "date";
  f.is_date = true;
  auto parsed = parse_partial_date(text);
  REQUIRE(parsed.ok());
  f.date = parsed.value();
  d.figures.push_back(f);
}

// Derived records sit on line 100 + n; their "expr" string opens at column 20.
void add_derived(dossier& d, const std::string& id, const std::string& expr,
                 const std::string& unit_text = "") {
  derived_record r;
  r.id = id;
  r.expr = expr;
  r.unit_text = unit_text;
  if (!unit_text.empty()) r.target_unit = parse_unit(d, unit_text);
  r.origin = origin_with("expr", 100 + static_cast<int>(d.derived.size()), 20);
  d.derived.push_back(r);
}

// The CoreWeave figures of the WAIC 2023 article, as the dossier states them.
dossier coreweave() {
  dossier d;
  add_figure(d, "coreweave.gpus", 3584, 1, "GPU", qualifier::exact);
  add_figure(d, "coreweave.duration", 11, 1, "min");
  add_figure(d, "coreweave.cost", 20000, 10000, "USD", qualifier::about);
  add_figure(d, "h100.peak_bf16", 989, 1, "TFLOP/(s*GPU)");
  add_figure(d, "gpt3.train_compute", 3.14e23, 1e21, "FLOP");
  add_figure(d, "gpt3.params", 175, 1, "Gparameter", qualifier::exact);
  add_figure(d, "coreweave.price", 4.76, 0.01, "USD/(GPU*h)", qualifier::exact);
  add_date(d, "gpt3.published", "2020-05");
  add_date(d, "waic.opening", "2023-07-06");
  return d;
}

const diagnostic* find_problem(const evaluator& ev, const std::string& code) {
  for (const auto& p : ev.problems()) {
    if (p.code == code) return &p;
  }
  return nullptr;
}

std::string all_problems(const evaluator& ev) {
  std::string out;
  for (const auto& p : ev.problems()) out += format_diagnostic(p) + "\n";
  return out;
}

}  // namespace

TEST_CASE("figures evaluate to their intervals in base units") {
  dossier d = coreweave();
  evaluator ev(d);
  const evaluated* duration = ev.find("coreweave.duration");
  REQUIRE(duration != nullptr);
  REQUIRE(duration->result);
  CHECK(duration->kind == node_kind::figure);
  CHECK(duration->result->bounds.lo == Approx(630).epsilon(1e-12));
  CHECK(duration->result->bounds.hi == Approx(690).epsilon(1e-12));
  CHECK(duration->result->dim == dimension::base("time"));
  CHECK(duration->display.text == "min");
  const shown_value shown = show_in(*duration->result, duration->display);
  CHECK(shown.bounds.lo == Approx(10.5).epsilon(1e-12));
  CHECK(shown.bounds.hi == Approx(11.5).epsilon(1e-12));
  CHECK(nearly_equal(shown.nominal, 11));

  const evaluated* opening = ev.find("waic.opening");
  REQUIRE(opening != nullptr);
  REQUIRE(opening->result);
  REQUIRE(opening->result->date);
  CHECK(opening->result->date->to_string() == "2023-07-06");

  CHECK(ev.find("no.such") == nullptr);
  CHECK(ev.problems().empty());
}

TEST_CASE("a derived figure is converted to its declared unit with interval arithmetic") {
  dossier d = coreweave();
  add_derived(d, "coreweave.gpu_hours", "coreweave.gpus * coreweave.duration", "GPU*h");
  evaluator ev(d);
  ev.evaluate_all();
  INFO(all_problems(ev));
  CHECK(ev.problems().empty());
  const evaluated* e = ev.find("coreweave.gpu_hours");
  REQUIRE(e != nullptr);
  REQUIRE(e->result);
  CHECK(e->kind == node_kind::derived);
  CHECK(e->display.text == "GPU*h");
  const shown_value shown = show_in(*e->result, e->display);
  CHECK(shown.bounds.lo == Approx(627.2).epsilon(1e-12));              // 3584 * 10.5 / 60
  CHECK(shown.bounds.hi == Approx(686.9333333333333).epsilon(1e-12));  // 3584 * 11.5 / 60
  CHECK(shown.nominal == Approx(657.0666666666667).epsilon(1e-12));
  // The enclosure is outward: the exact bounds lie inside.
  CHECK(e->result->bounds.lo <= 3584 * 630.0);
  CHECK(e->result->bounds.hi >= 3584 * 690.0);
  const std::vector<std::string> inputs = {"coreweave.gpus", "coreweave.duration"};
  CHECK(e->inputs == inputs);
}

TEST_CASE("the CoreWeave benchmark compute falls short of GPT-3's training compute") {
  dossier d = coreweave();
  add_derived(d, "coreweave.compute", "coreweave.gpus * h100.peak_bf16 * coreweave.duration",
              "FLOP");
  add_derived(d, "coreweave.share", "coreweave.compute / gpt3.train_compute", "%");
  add_derived(d, "coreweave.cost_list", "coreweave.price * coreweave.gpus * coreweave.duration",
              "USD");
  evaluator ev(d);
  ev.evaluate_all();
  INFO(all_problems(ev));
  CHECK(ev.problems().empty());

  const evaluated* compute = ev.find("coreweave.compute");
  REQUIRE(compute);
  REQUIRE(compute->result);
  // 3584 * 989e12 * 660 = 2.339e21 FLOP, stated 989 and 11 widen it.
  CHECK(compute->result->nominal == Approx(3584 * 989e12 * 660).epsilon(1e-12));
  CHECK(compute->result->bounds.lo == Approx(3584 * 988.5e12 * 630).epsilon(1e-12));
  CHECK(compute->result->bounds.hi == Approx(3584 * 989.5e12 * 690).epsilon(1e-12));
  CHECK(compute->result->bounds.hi < 3.13e23);  // short of GPT-3 by ~134x

  const evaluated* share = ev.find("coreweave.share");
  REQUIRE(share);
  REQUIRE(share->result);
  const shown_value percent = show_in(*share->result, share->display);
  CHECK(percent.nominal == Approx(100 * 3584 * 989e12 * 660 / 3.14e23).epsilon(1e-12));
  CHECK(percent.bounds.hi < 1);

  const evaluated* cost = ev.find("coreweave.cost_list");
  REQUIRE(cost);
  REQUIRE(cost->result);
  CHECK(cost->result->nominal == Approx(4.76 * 3584 * 11 / 60).epsilon(1e-12));
  CHECK(cost->display.text == "USD");
}

TEST_CASE("numbers with units in brackets are exact and convert to base units") {
  dossier d = coreweave();
  add_derived(d, "gpt3.compute_6nd", "6 [FLOP/(parameter*token)] * gpt3.params * 300 [Gtoken]",
              "FLOP");
  add_derived(d, "minutes", "11 [min] + 30 [s]", "s");
  add_derived(d, "no_unit", "coreweave.gpus * 2");
  evaluator ev(d);
  ev.evaluate_all();
  INFO(all_problems(ev));
  CHECK(ev.problems().empty());
  const evaluated* compute = ev.find("gpt3.compute_6nd");
  REQUIRE(compute->result);
  CHECK(compute->result->nominal == Approx(3.15e23).epsilon(1e-12));
  CHECK(compute->result->bounds.width() <= 3.15e23 * 1e-14);
  const evaluated* minutes = ev.find("minutes");
  REQUIRE(minutes->result);
  CHECK(minutes->result->bounds.lo == Approx(690).epsilon(1e-12));
  CHECK(minutes->result->bounds.hi == Approx(690).epsilon(1e-12));
  // Without a declared unit, the display is the base unit of the result.
  const evaluated* no_unit = ev.find("no_unit");
  REQUIRE(no_unit->result);
  CHECK(no_unit->display.text == "GPU");
}

TEST_CASE("evaluation is memoised and the trace follows evaluation order") {
  dossier d = coreweave();
  add_derived(d, "a", "coreweave.gpus * coreweave.duration", "GPU*h");
  add_derived(d, "b", "a + a", "GPU*h");
  add_derived(d, "c", "b / (2 * a)");
  evaluator ev(d);
  const evaluated* c = ev.find("c");
  REQUIRE(c);
  REQUIRE(c->result);
  CHECK(c->result->dim.dimensionless());
  CHECK(c->result->bounds.contains(1));
  REQUIRE(c->trace.size() == 5);
  CHECK(c->trace[0].text == "b");
  CHECK(c->trace[0].reference == "b");
  CHECK(c->trace[0].depth == 1);
  CHECK(c->trace[1].text == "2");
  CHECK(c->trace[1].depth == 2);
  CHECK(c->trace[2].reference == "a");
  CHECK(c->trace[3].text == "2 * a");
  CHECK(c->trace[4].text == "b / (2 * a)");  // the root comes last
  CHECK(c->trace[4].depth == 0);
  const evaluated* a = ev.find("a");
  REQUIRE(a->trace.size() == 3);
  CHECK(a->trace[2].text == "coreweave.gpus * coreweave.duration");
}

TEST_CASE("without tracing the values are the same and no steps are kept") {
  dossier d = coreweave();
  add_derived(d, "a", "coreweave.gpus * coreweave.duration", "GPU*h");
  add_derived(d, "c", "a / (2 * a)");
  evaluator traced(d);
  evaluator plain(d);
  plain.set_tracing(false);
  for (const char* id : {"a", "c"}) {
    INFO(id);
    const evaluated* with = traced.find(id);
    const evaluated* without = plain.find(id);
    REQUIRE(with->result);
    REQUIRE(without->result);
    CHECK(with->result->bounds.lo == without->result->bounds.lo);
    CHECK(with->result->bounds.hi == without->result->bounds.hi);
    CHECK_FALSE(with->trace.empty());
    CHECK(without->trace.empty());
  }
  auto parsed = parse_expression("a * 2");
  REQUIRE(parsed);
  std::vector<trace_step> steps;
  REQUIRE(plain.evaluate_expression(parsed.value(), d.derived[0].origin, "expr", &steps));
  CHECK(steps.empty());
}

TEST_CASE("a cycle of derived figures is one error that prints the chain") {
  dossier d = coreweave();
  add_derived(d, "a", "coreweave.gpus + b", "GPU");
  add_derived(d, "b", "2 * c", "GPU");
  add_derived(d, "c", "a", "GPU");
  add_derived(d, "self", "self + 1");
  evaluator ev(d);
  ev.evaluate_all();
  std::vector<const diagnostic*> cycles;
  for (const auto& p : ev.problems()) {
    if (p.code == "eval.cycle") cycles.push_back(&p);
  }
  REQUIRE(cycles.size() == 2);
  CHECK_THAT(cycles[0]->message, Catch::Matchers::Contains("a -> b -> c -> a"));
  // Located at 'a' inside c's expr: line 102, column 20 + 1 + 0.
  CHECK(cycles[0]->where.line == 102);
  CHECK(cycles[0]->where.column == 21);
  CHECK_THAT(cycles[1]->message, Catch::Matchers::Contains("self -> self"));
  CHECK(ev.problems().size() == 2);
  CHECK_FALSE(ev.find("a")->result);
  CHECK_FALSE(ev.find("b")->result);
  CHECK_FALSE(ev.find("c")->result);
}

TEST_CASE("evaluation errors have a code, a location and a helpful message") {
  struct error_case {
    const char* expr;
    const char* unit;
    const char* code;
    int column;  // 20 (the opening quote) + 1 + offset
    const char* message_part;
  };
  const std::vector<error_case> cases = {
      {"coreweave.gpu * 2", "", "eval.unknown_id", 21, "did you mean 'coreweave.gpus'?"},
      {"zzz", "", "eval.unknown_id", 21, "no claim, fact or derived figure has it"},
      {"coreweave.gpus + coreweave.duration", "", "expr.dimension", 21,
       "cannot add 'GPU' and 'min' (dimensions GPU and time)"},
      {"coreweave.cost - coreweave.duration", "", "expr.dimension", 21,
       "cannot subtract 'USD' and 'min'"},
      {"coreweave.gpus * coreweave.duration", "USD", "expr.dimension", 21,
       "cannot be converted to the unit 'USD'"},
      {"coreweave.gpus / (coreweave.duration - 11 [min])", "", "eval.zero_division", 38,
       "division by 'coreweave.duration - 11 [min]', which is [-0.5, 0.5] min and contains zero"},
      {"1 / (coreweave.gpus - 3584 [GPU])", "", "eval.zero_division", 25, "contains zero"},
      {"coreweave.duration ^ -1 * (coreweave.gpus - 3584 [GPU]) ^ -2", "", "eval.zero_division", 47,
       "contains zero"},
      {"coreweave.gpus ^ 0.5", "", "expr.dimension", 21, "needs a dimensionless base"},
      {"sqrt(coreweave.gpus)", "", "expr.dimension", 21, "sqrt() needs even powers of units"},
      {"sqrt((coreweave.gpus - 3585 [GPU]) ^ 2 - 2 [GPU^2])", "", "eval.domain", 21,
       "may be negative"},
      {"ln(coreweave.cost)", "", "expr.dimension", 21, "ln() needs a dimensionless argument"},
      {"log10(coreweave.gpus / 1 [GPU] - 3584)", "", "eval.domain", 21, "not positive"},
      {"min(coreweave.gpus, coreweave.cost)", "", "expr.dimension", 21,
       "min() needs arguments of one dimension: 'GPU' and 'USD'"},
      {"trimmed_mean(0, coreweave.gpus, coreweave.cost)", "", "expr.dimension", 21,
       "trimmed_mean() needs values of one dimension: 'GPU' and 'USD'"},
      {"trimmed_mean(1, 1 [s], 2 [s])", "", "eval.domain", 21,
       "drops the 1 smallest and the 1 largest of its 2 values, which leaves none"},
      {"trimmed_mean(1.5, 1 [s], 2 [s], 3 [s], 4 [s])", "", "eval.domain", 34,
       "k must be one whole number, but '1.5' is [1.5, 1.5]"},
      {"trimmed_mean(coreweave.duration / 1 [min], 1 [s], 2 [s])", "", "eval.domain", 34,
       "k must be one whole number"},
      {"trimmed_mean(coreweave.gpus, 1 [s], 2 [s], 3 [s])", "", "expr.dimension", 34,
       "needs a plain number k, but 'coreweave.gpus' is in 'GPU'"},
      {"waic.opening + 1", "", "eval.date", 21, "'waic.opening' is a date (2023-07-06)"},
      {"years(coreweave.gpus, waic.opening)", "", "eval.date", 27, "takes two dates"},
      {"2 * 3 [GPUs]", "", "unit.unknown", 28, "GPU"},
      {"1e300 * 1e300", "", "eval.overflow", 21, "overflows"},
      {"exp(1000)", "", "eval.overflow", 21, "overflows"},
      {"growth(gpt3_cost)", "", "eval.unknown_id", 28, "unknown series 'gpt3_cost'"},
      {"(1 + coreweave.bogus)", "", "eval.unknown_id", 26, "unknown id 'coreweave.bogus'"},
      {"a +", "", "expr.syntax", 24, "expected a number"},
  };
  for (const auto& c : cases) {
    INFO(c.expr);
    dossier d = coreweave();
    add_derived(d, "x", c.expr, c.unit);
    evaluator ev(d);
    ev.evaluate_all();
    INFO(all_problems(ev));
    REQUIRE(ev.problems().size() == 1);
    const diagnostic& p = ev.problems()[0];
    CHECK(p.code == c.code);
    CHECK(p.where.file == "claims.json");
    CHECK(p.where.line == 100);
    CHECK(p.where.column == c.column);
    CHECK_THAT(p.message, Catch::Matchers::Contains(c.message_part));
    CHECK_FALSE(ev.find("x")->result);
  }
}

TEST_CASE("an error deep in a chain is reported once with the chain that led to it") {
  dossier d = coreweave();
  add_derived(d, "top", "middle * 2");
  add_derived(d, "middle", "bottom + 1");
  add_derived(d, "bottom", "coreweave.gpus / 0");
  evaluator ev(d);
  ev.evaluate_all();
  INFO(all_problems(ev));
  REQUIRE(ev.problems().size() == 1);
  const diagnostic& p = ev.problems()[0];
  CHECK(p.code == "eval.zero_division");
  CHECK(p.where.line == 102);
  CHECK_THAT(p.message, Catch::Matchers::Contains("(while computing top -> middle -> bottom)"));

  // A check that refers to a failed figure gets a note, not a second error.
  record_origin check_origin = origin_with("assert", 200, 15);
  auto parsed = parse_expression("top * 3");
  REQUIRE(parsed.ok());
  auto result = ev.evaluate_expression(parsed.value(), check_origin, "assert");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == "eval.unavailable");
  REQUIRE(ev.problems().size() == 2);
  CHECK(ev.problems()[1].level == severity::note);
  CHECK(count(ev.problems(), severity::error) == 1);
}

TEST_CASE("expressions of checks evaluate with their trace and locations") {
  dossier d = coreweave();
  evaluator ev(d);
  record_origin check_origin = origin_with("assert", 200, 15);
  auto parsed =
      parse_assertion("coreweave.gpus * h100.peak_bf16 * coreweave.duration >= gpt3.train_compute");
  REQUIRE(parsed.ok());
  std::vector<trace_step> trace;
  auto left = ev.evaluate_expression(parsed->left, check_origin, "assert", &trace);
  auto right = ev.evaluate_expression(parsed->right, check_origin, "assert");
  REQUIRE(left.ok());
  REQUIRE(right.ok());
  CHECK(left->dim == right->dim);
  CHECK(left->bounds.hi < right->bounds.lo);
  CHECK(right->bounds.lo / left->bounds.hi > 120);
  CHECK(right->nominal / left->nominal == Approx(134.2).epsilon(1e-3));  // "short by 134x"
  REQUIRE(trace.size() == 5);
  CHECK(trace[0].reference == "coreweave.gpus");
  CHECK(trace[0].depth == 2);
  CHECK(trace[2].text == "coreweave.gpus * h100.peak_bf16");
  CHECK(trace[2].depth == 1);
  CHECK(trace[4].depth == 0);

  auto bad = parse_expression("coreweave.gpus * coreweave.gpuss");
  REQUIRE(bad.ok());
  auto failed = ev.evaluate_expression(bad.value(), check_origin, "assert");
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().code == "eval.unknown_id");
  REQUIRE(ev.problems().size() == 1);
  CHECK(ev.problems()[0].where.line == 200);
  CHECK(ev.problems()[0].where.column == 15 + 1 + 17);
}

TEST_CASE("years between dates is a time interval in seconds") {
  dossier d = coreweave();
  add_derived(d, "gpt3.age", "years(gpt3.published, waic.opening)", "yr");
  add_derived(d, "gpt3.age_months", "years(gpt3.published, waic.opening) / 1 [month]");
  evaluator ev(d);
  ev.evaluate_all();
  INFO(all_problems(ev));
  CHECK(ev.problems().empty());
  const evaluated* age = ev.find("gpt3.age");
  REQUIRE(age->result);
  CHECK(age->result->dim == dimension::base("time"));
  const shown_value years = show_in(*age->result, age->display);
  // From any day of May 2020 to 2023-07-06: 2023-07-06 - 2020-05-31 .. - 2020-05-01.
  CHECK(years.bounds.lo == Approx(1131 / 365.2425).epsilon(1e-9));
  CHECK(years.bounds.hi == Approx(1161 / 365.2425).epsilon(1e-9));
  CHECK(years.nominal == Approx(years_between_midpoints(*parse_partial_date("2020-05"),
                                                        *parse_partial_date("2023-07-06")))
                             .epsilon(1e-12));
  const evaluated* months = ev.find("gpt3.age_months");
  REQUIRE(months->result);
  CHECK(months->result->dim.dimensionless());
  CHECK(months->result->nominal == Approx(years.nominal * 12).epsilon(1e-12));
}

TEST_CASE("functions compute enclosures") {
  struct function_case {
    const char* expr;
    double lo, hi;  // in base units
  };
  const std::vector<function_case> cases = {
      {"min(coreweave.duration, 10.9 [min])", 630, 654},
      {"max(coreweave.duration, 10.9 [min])", 654, 690},
      // The mean without the k smallest and k largest: each bound is the
      // trimmed mean of the arguments' bounds (MLPerf's olympic score).
      {"trimmed_mean(1, 1 [min], coreweave.duration, 20 [min])", 630, 690},
      {"trimmed_mean(1, coreweave.duration, 11 [min], 10 [min])", 630, 660},
      {"trimmed_mean(1, 5 [min], 100 [min], 7 [min], 9 [min])", 480, 480},
      {"trimmed_mean(0, 10 [s], 20 [s])", 15, 15},
      {"abs(10 [min] - coreweave.duration)", 30, 90},
      {"sqrt(coreweave.duration * coreweave.duration)", 630, 690},
      {"log10(1000)", 3, 3},
      {"ln(exp(2))", 2, 2},
      {"-coreweave.duration", -690, -630},
      {"(coreweave.duration / 1 [min]) ^ 2", 110.25, 132.25},
      {"4 ^ 0.5", 2, 2},
      {"coreweave.duration ^ -1 * 1 [min]", 60.0 / 690, 60.0 / 630},
  };
  for (const auto& c : cases) {
    INFO(c.expr);
    dossier d = coreweave();
    add_derived(d, "x", c.expr);
    evaluator ev(d);
    const evaluated* x = ev.find("x");
    INFO(all_problems(ev));
    REQUIRE(x->result);
    CHECK(x->result->bounds.lo == Approx(c.lo).epsilon(1e-12).margin(1e-12));
    CHECK(x->result->bounds.hi == Approx(c.hi).epsilon(1e-12).margin(1e-12));
    CHECK(x->result->bounds.lo <= x->result->nominal);
    CHECK(x->result->nominal <= x->result->bounds.hi);
  }
}

TEST_CASE("growth() is the evaluator's own from the moment it is made (no hook to install)") {
  dossier d = coreweave();
  series_record s;
  s.id = "gpt3_training_cost";
  d.series.push_back(s);
  add_derived(d, "decline", "growth(gpt3_training_cost)");
  {
    // A fresh evaluator fits the series itself: a series without points is
    // the series' own error, not "growth() is not available here".
    evaluator ev(d);
    ev.evaluate_all();
    const diagnostic* p = find_problem(ev, "trend.few_points");
    REQUIRE(p != nullptr);
    CHECK_THAT(p->message, Catch::Matchers::Contains("growth(gpt3_training_cost)"));
    CHECK_FALSE(ev.find("decline")->result);
  }
  add_derived(d, "wrong", "gpt3_training_cost * 2");
  evaluator ev(d);
  ev.evaluate_all();
  const diagnostic* p = find_problem(ev, "eval.unknown_id");
  REQUIRE(p != nullptr);
  CHECK_THAT(p->message, Catch::Matchers::Contains("is a series, not a figure"));
}

TEST_CASE("open-ended figures stay unbounded without overflow errors") {
  dossier d = coreweave();
  add_figure(d, "fast.pulsars", 800, 100, "1", qualifier::over);
  add_derived(d, "twice", "fast.pulsars * 2");
  evaluator ev(d);
  ev.evaluate_all();
  CHECK(ev.problems().empty());
  REQUIRE(ev.find("twice")->result);
  CHECK(ev.find("twice")->result->bounds.lo == Approx(1600).epsilon(1e-12));
  CHECK(std::isinf(ev.find("twice")->result->bounds.hi));
}

TEST_CASE("long chains and cycles of derived figures end in values or one error, not a crash") {
  dossier d = coreweave();
  // A chain of 3000 derived figures, each one more than the one before,
  // declared last-first so that evaluation must go deep.
  for (int i = 2999; i >= 1; --i) {
    add_derived(d, "chain.n" + std::to_string(i), "chain.n" + std::to_string(i - 1) + " + 1 [GPU]");
  }
  add_derived(d, "chain.n0", "coreweave.gpus");
  {
    evaluator ev(d);
    const evaluated* last = ev.find("chain.n2999");
    INFO(all_problems(ev));
    CHECK(ev.problems().empty());
    REQUIRE(last->result);
    CHECK(last->result->nominal == Approx(3584 + 2999).epsilon(1e-12));
    ev.evaluate_all();
    CHECK(ev.problems().empty());
  }
  {
    input_limits limits;
    limits.max_evaluation_steps = 10;
    evaluator ev(d, limits);
    ev.evaluate_all();
    CHECK(find_problem(ev, "eval.limit") != nullptr);
    CHECK(count(ev.problems(), severity::error) == 1);
  }
  {
    // Closing the chain into a cycle of 3000: one error, with a short chain.
    d.derived.back().expr = "chain.n2999";
    evaluator ev(d);
    ev.evaluate_all();
    REQUIRE(ev.problems().size() == 1);
    CHECK(ev.problems()[0].code == "eval.cycle");
    CHECK(ev.problems()[0].message.size() < 400);
    CHECK_THAT(ev.problems()[0].message, Catch::Matchers::Contains(" -> ... -> "));
    CHECK_FALSE(ev.find("chain.n5")->result);
  }
}

TEST_CASE("base units name dimensions as unit text") {
  dossier d;
  CHECK(base_unit(dimension{}).text == "1");
  CHECK(base_unit(parse_unit(d, "GPU*h").dim).text == "GPU*s");
  CHECK(base_unit(parse_unit(d, "USD/(GPU*h)").dim).text == "USD/(GPU*s)");
  CHECK(base_unit(parse_unit(d, "s^-1").dim).text == "1/s");
  CHECK(base_unit(parse_unit(d, "FLOP/s^2").dim).text == "FLOP/s^2");
  for (const char* text : {"GPU*s", "USD/(GPU*s)", "1/s", "FLOP/s^2"}) {
    INFO(text);
    CHECK(d.units.parse(text).ok());
  }
}

namespace {

struct computed_row {
  const char* expr;
  double lo, hi;  // hand-computed, in base units
};

struct failing_row {
  const char* expr;
  const char* code;
  const char* message_part;
};

// Figures for revision 2's exponents and the plain-number/% rule.
dossier revision_two() {
  dossier d;
  add_figure(d, "x.quarter", 0.25, 1, "1", qualifier::exact);
  add_figure(d, "x.two", 2, 1, "1", qualifier::exact);
  add_figure(d, "x.minus_three", -3, 1, "1", qualifier::exact);
  add_figure(d, "x.four_to_nine", 6.5, 5, "1");          // stated: [4, 9]
  add_figure(d, "x.half_to_one", 0.75, 0.5, "1");        // stated: [0.5, 1]
  add_figure(d, "x.quarter_to_half", 0.375, 0.25, "1");  // [0.25, 0.5]
  add_figure(d, "x.one_to_two", 1.5, 1, "1");            // [1, 2]
  add_figure(d, "x.around_zero", 0, 2, "1");             // [-1, 1]
  add_figure(d, "x.decline", 81, 1, "%", qualifier::exact);
  add_figure(d, "x.span", 2, 1, "yr", qualifier::exact);
  add_figure(d, "x.minutes", 11, 1, "min");
  return d;
}

}  // namespace

TEST_CASE("a computed exponent of a dimensionless positive base: powers of the corners") {
  // x^y = exp(y ln x) is monotone in x and in y: the bounds are corners.
  const std::vector<computed_row> rows = {
      {"x.quarter ^ (1 / x.two)", 0.5, 0.5},
      {"x.four_to_nine ^ x.half_to_one", 2, 9},                       // 4^0.5, 9^1
      {"x.quarter_to_half ^ x.one_to_two", 0.0625, 0.5},              // 0.25^2, 0.5^1
      {"x.four_to_nine ^ (0 - x.half_to_one)", 1.0 / 9, 0.5},         // 9^-1, 4^-0.5
      {"(x.decline / 100 [%]) ^ (1 / (x.span / 1 [yr]))", 0.9, 0.9},  // 0.81^(1/2)
      {"x.minus_three ^ x.two", 9, 9},  // a whole exponent takes any base
      {"x.around_zero ^ x.two", 0, 1},
  };
  for (const auto& row : rows) {
    INFO(row.expr);
    dossier d = revision_two();
    add_derived(d, "r.x", row.expr);
    evaluator ev(d);
    const evaluated* e = ev.find("r.x");
    REQUIRE(e != nullptr);
    INFO((ev.problems().empty() ? "" : ev.problems()[0].message));
    REQUIRE(e->result);
    CHECK(e->result->dim.dimensionless());
    CHECK(e->result->bounds.lo == Approx(row.lo).epsilon(1e-12));
    CHECK(e->result->bounds.hi == Approx(row.hi).epsilon(1e-12));
    CHECK(e->result->bounds.lo <= row.lo);  // outward
    CHECK(e->result->bounds.hi >= row.hi);
  }
  const std::vector<failing_row> failing = {
      {"x.minutes ^ x.half_to_one", "expr.dimension", "needs a dimensionless base"},
      {"x.four_to_nine ^ x.minutes", "expr.dimension", "an exponent is dimensionless"},
      {"x.around_zero ^ x.half_to_one", "eval.domain", "needs a positive base"},
      {"(x.quarter - x.quarter) ^ x.half_to_one", "eval.domain", "needs a positive base"},
      {"(x.quarter - x.quarter) ^ (0 - x.two)", "eval.zero_division", "contains zero"},
      {"x.minus_three ^ (1 / x.two)", "eval.domain", "is not a whole number"},
  };
  for (const auto& row : failing) {
    INFO(row.expr);
    dossier d = revision_two();
    add_derived(d, "r.x", row.expr);
    evaluator ev(d);
    const evaluated* e = ev.find("r.x");
    REQUIRE(e != nullptr);
    CHECK_FALSE(e->result);
    REQUIRE(ev.problems().size() == 1);
    CHECK(ev.problems()[0].code == row.code);
    CHECK_THAT(ev.problems()[0].message, Catch::Matchers::Contains(row.message_part));
  }
}

TEST_CASE("a plain number added to a quantity in % is an error that says to write 100 [%]") {
  const std::vector<computed_row> rows = {
      {"100 [%] - x.decline", 0.19, 0.19},
      {"1 [1] - x.decline", 0.19, 0.19},  // a unit, even 1, says what is meant
      {"x.decline * 2", 1.62, 1.62},      // scaling is not adding
      {"x.decline / 100 [%] + 1", 1.81, 1.81},
      {"x.two - x.decline", 1.19, 1.19},  // a figure in 1 is no plain number
  };
  for (const auto& row : rows) {
    INFO(row.expr);
    dossier d = revision_two();
    add_derived(d, "r.x", row.expr);
    evaluator ev(d);
    const evaluated* e = ev.find("r.x");
    REQUIRE(e != nullptr);
    REQUIRE(e->result);
    CHECK(e->result->bounds.lo == Approx(row.lo).epsilon(1e-12));
    CHECK(e->result->bounds.hi == Approx(row.hi).epsilon(1e-12));
  }
  const std::vector<failing_row> failing = {
      {"100 - x.decline", "expr.percent", "write '100 [%]' for a percentage"},
      {"x.decline + 5", "expr.percent", "write '5 [%]'"},
      {"(50 + 50) - x.decline", "expr.percent", "the plain number '50 + 50'"},
      {"-100 + x.decline", "expr.percent", "cannot add"},
  };
  for (const auto& row : failing) {
    INFO(row.expr);
    dossier d = revision_two();
    add_derived(d, "r.x", row.expr);
    evaluator ev(d);
    const evaluated* e = ev.find("r.x");
    REQUIRE(e != nullptr);
    CHECK_FALSE(e->result);
    REQUIRE(ev.problems().size() == 1);
    CHECK(ev.problems()[0].code == row.code);
    CHECK_THAT(ev.problems()[0].message, Catch::Matchers::Contains(row.message_part));
  }
}

TEST_CASE("overflow to infinity is eval.overflow, never a value") {
  dossier d = revision_two();
  figure_record edge;
  edge.kind = figure_kind::fact;
  edge.id = "x.edge";
  edge.value_text = "1.7976931348623157e308";
  // Stated with p = 1e292, the top of [v - p/2, v + p/2] is beyond the
  // largest double.
  const qualified_value qv =
      apply_qualifier(qualifier::stated, written_number{1.7976931348623157e308, 1e292, false});
  edge.value = quantity{qv.nominal, qv.bounds, unit::dimensionless()};
  edge.origin = origin_with("value", 50, 10);
  d.figures.push_back(edge);
  add_derived(d, "r.big", "1e308 * 10");
  add_figure(d, "x.open", 30, 1, "1", qualifier::over);  // [30, inf] is meant
  evaluator ev(d);
  ev.evaluate_all();
  REQUIRE(ev.problems().size() == 2);
  CHECK(ev.problems()[0].code == "eval.overflow");
  CHECK(ev.problems()[0].where.line == 50);
  CHECK(ev.problems()[1].code == "eval.overflow");
  CHECK_FALSE(ev.find("x.edge")->result);
  CHECK_FALSE(ev.find("r.big")->result);
  REQUIRE(ev.find("x.open")->result);
}

TEST_CASE("a hint to divide by a unit names the unit the user wrote, not a base unit") {
  const std::vector<failing_row> rows = {
      {"exp(x.rate * 2)", "expr.dimension", "as in exp(x / 1 [1/yr])"},
      {"exp(ln(x.two) / x.span)", "expr.dimension", "as in exp(x / 1 [1/yr])"},
      {"ln(x.minutes * x.two)", "expr.dimension", "as in ln(x / 1 [min])"},
      {"log10(x.minutes * x.span)", "expr.dimension", "as in log10(x / 1 [min*yr])"},
  };
  for (const auto& row : rows) {
    INFO(row.expr);
    dossier d = revision_two();
    add_figure(d, "x.rate", 0.5, 0.1, "1/yr");
    add_derived(d, "r.x", row.expr);
    evaluator ev(d);
    CHECK_FALSE(ev.find("r.x")->result);
    REQUIRE(ev.problems().size() == 1);
    CHECK(ev.problems()[0].code == row.code);
    CHECK_THAT(ev.problems()[0].message, Catch::Matchers::Contains(row.message_part));
  }
}

// ---------------------------------------------------------------- programs

namespace {

// Every kind of figure the programs meet: coreweave()'s (units, dates),
// revision_two()'s (plain numbers, %, intervals around zero) and edges.
dossier program_dossier() {
  dossier d = revision_two();
  const dossier cw = coreweave();
  d.figures.insert(d.figures.end(), cw.figures.begin(), cw.figures.end());
  add_figure(d, "x.zero", 0, 1, "GPU", qualifier::exact);
  add_figure(d, "x.big", 1e200, 1e190, "GPU");
  add_figure(d, "x.max", 1.7e308, 1e300, "GPU");
  add_figure(d, "x.open", 30, 1, "GPU", qualifier::over);  // [30, inf]
  return d;
}

// What an evaluation left: each derived figure's value and display unit,
// and every diagnostic, as text.
std::string evaluation_record(evaluator& ev, const dossier& d) {
  ev.evaluate_all();
  std::string out;
  for (const auto& derived : d.derived) {
    const evaluated* e = ev.find(derived.id);
    out += derived.id + ": ";
    if (e->result) {
      const value& v = *e->result;
      out += format_number(v.bounds.lo) + " " + format_number(v.bounds.hi) + " " +
             format_number(v.nominal) + " " + v.dim.to_string() + " shown in '" + e->display.text +
             "' (" + format_number(e->display.scale) + ")" +
             (v.date ? " date " + v.date->to_string() : "");
    } else {
      out += "none";
    }
    out += "\n";
  }
  for (const auto& p : ev.problems()) out += format_diagnostic(p) + "\n";
  return out;
}

// The same for an expression evaluated as a check's side: its value, how
// it reads (the unit that names it, whether it is a plain number), problems.
std::string side_record(evaluator& ev, const dossier& d, const expr_node& side) {
  value_reading reading;
  auto v = ev.evaluate_expression(side, d.derived[0].origin, "expr", nullptr, &reading);
  std::string out = v ? format_number(v->bounds.lo) + " " + format_number(v->bounds.hi) + " " +
                            format_number(v->nominal) + " " + v->dim.to_string() + " as '" +
                            reading.shown.text + "' (" + format_number(reading.shown.scale) + ")" +
                            (reading.plain_number ? " plain" : "")
                      : "error " + v.error().code + " at " + std::to_string(v.error().offset);
  for (const auto& p : ev.problems()) out += "\n" + format_diagnostic(p);
  return out;
}

struct program_case {
  const char* expr;
  const char* unit;  // of the derived record; "" for none
  bool runs;         // the program evaluates it (else it leaves it to the tree)
};

}  // namespace

TEST_CASE("a program gives the tree's values, units and diagnostics") {
  const std::vector<program_case> cases = {
      // Values: the program runs.
      {"coreweave.gpus * coreweave.duration", "GPU*h", true},
      {"coreweave.gpus * h100.peak_bf16 * coreweave.duration", "", true},
      {"gpt3.train_compute / (coreweave.gpus * h100.peak_bf16)", "min", true},
      {"coreweave.cost + 100 [USD] - 5 [USD]", "", true},
      {"coreweave.duration + 1 [h]", "", true},  // named by a base unit: the texts differ
      {"coreweave.duration + coreweave.duration", "", true},
      {"-coreweave.duration", "", true},
      {"--x.around_zero", "", true},
      {"coreweave.duration^2", "", true},
      {"coreweave.duration^1", "", true},
      {"coreweave.duration^-1", "", true},
      {"(coreweave.duration / 1 [min])^0.5", "", true},
      {"x.quarter ^ (1 / x.two)", "", true},
      {"x.four_to_nine ^ x.half_to_one", "", true},
      {"x.around_zero ^ (x.two)", "", true},  // a whole computed exponent
      {"x.four_to_nine ^ x.around_zero", "", true},
      {"min(coreweave.duration, 1 [h])", "", true},
      {"max(coreweave.duration, 600 [s], 0.2 [h])", "", true},
      {"min(coreweave.duration, coreweave.duration)", "", true},
      {"abs(-coreweave.cost)", "", true},
      {"abs(2)", "", true},
      {"sqrt(coreweave.duration * coreweave.duration)", "", true},
      {"exp(x.half_to_one)", "", true},
      {"ln(2) / x.span", "", true},
      {"log10(gpt3.train_compute / 1 [FLOP])", "", true},
      {"years(gpt3.published, waic.opening)", "yr", true},
      {"years(gpt3.published, waic.opening) * 2", "", true},
      {"gpt3.published", "", true},  // a date alone: an alias
      {"x.decline + 25 [%]", "", true},
      {"x.decline / 100 [%] + 1", "", true},
      {"100 - 2 * 50", "", true},
      {"1e308 * 1e-308", "", true},
      {"x.open * 2", "", true},   // unbounded by meaning, not an overflow
      {"1e305 [s]", "ns", true},  // overflows in the display unit: reported after the value
      // Errors: the tree evaluates them and reports what it always did.
      {"coreweave.gpus + coreweave.duration", "", false},
      {"coreweave.cost / x.zero", "", false},
      {"coreweave.cost / x.around_zero", "", false},
      {"x.zero^-1", "", false},
      {"x.around_zero ^ (0 - x.two)", "", false},
      {"sqrt(x.minus_three)", "", false},
      {"sqrt(coreweave.duration)", "", false},
      {"ln(x.zero / x.big)", "", false},
      {"log10(x.around_zero)", "", false},
      {"x.minus_three^0.5", "", false},
      {"coreweave.duration^0.5", "", false},
      {"2^coreweave.duration", "", false},
      {"coreweave.duration^(1 / 2)", "", false},
      {"x.around_zero ^ x.half_to_one", "", false},
      {"x.big * x.big", "", false},
      {"x.max + x.max", "", false},
      {"1e308 * 10", "", false},
      {"exp(1000)", "", false},
      {"100 - x.decline", "", false},
      {"x.decline + 5", "", false},
      {"no.such * 2", "", false},
      {"gpt3.published * 2", "", false},
      {"years(coreweave.gpus, waic.opening)", "", false},
      {"min(coreweave.duration, coreweave.gpus)", "", false},
      {"trimmed_mean(1, x.two, x.quarter, x.one_to_two)", "", false},  // left to the tree
      {"((((1 [GPU])^64)^64)^64)^64", "", false},
      {"(1 [GPU])^50 * (1 [GPU])^50", "", false},
      {"2 [(Es^99)^99]", "", false},
      {"2 [nosuchunit]", "", false},
      // The value runs; the record's unit does not fit it (evaluate_derived's error).
      {"coreweave.gpus * coreweave.duration", "USD", true},
  };
  for (const auto& c : cases) {
    INFO(c.expr << " [" << c.unit << "]");
    dossier d = program_dossier();
    add_derived(d, "r.x", c.expr, c.unit);
    add_derived(d, "r.y", std::string("r.x * 2"));  // an input evaluated first
    evaluator tree(d);
    tree.set_tracing(false);
    tree.set_compiled(false);
    evaluator program(d);
    program.set_tracing(false);
    // As evaluate_all() does: the figures first, then r.x (a program runs
    // only on ids that are evaluated already).
    for (const auto& figure : d.figures) {
      tree.find(figure.id);
      program.find(figure.id);
    }
    tree.find("r.x");
    program.find("r.x");
    CHECK(program.compiled_runs() == (c.runs ? 1 : 0));
    const std::string expected = evaluation_record(tree, d);
    CHECK(evaluation_record(program, d) == expected);
    CHECK(tree.compiled_runs() == 0);

    // The same expression as a side of a check.
    auto side = parse_expression(c.expr);
    REQUIRE(side);
    evaluator tree_side(d);
    tree_side.set_tracing(false);
    tree_side.set_compiled(false);
    tree_side.evaluate_all();
    evaluator program_side(d);
    program_side.set_tracing(false);
    program_side.evaluate_all();
    CHECK(side_record(program_side, d, *side) == side_record(tree_side, d, *side));
  }
}

TEST_CASE("a program keeps the limits of steps and of nesting, and leaves them to the tree") {
  struct limit_case {
    std::string expr;
    std::size_t max_steps;
    bool runs;
  };
  std::string deep = "x.two";
  for (int i = 0; i < 600; ++i) deep = "-(" + deep + ")";
  std::string nested = "x.two";
  for (int i = 0; i < 500; ++i) nested = "-(" + nested + ")";
  const std::vector<limit_case> cases = {
      {"x.two * x.two + x.two", 5, true},   // 5 steps
      {"x.two * x.two + x.two", 4, false},  // eval.limit at the fifth
      {nested, 1000000, true},              // 501 levels
      {deep, 1000000, false},               // 601 levels: eval.limit at 512
  };
  for (const auto& c : cases) {
    INFO(c.expr.substr(0, 40) << " steps " << c.max_steps);
    input_limits limits;
    limits.max_evaluation_steps = c.max_steps;
    limits.max_expression_depth = 1000;
    limits.max_expression_chars = 100000;
    dossier d = program_dossier();
    add_derived(d, "r.x", c.expr);
    evaluator tree(d, limits);
    tree.set_tracing(false);
    tree.set_compiled(false);
    evaluator program(d, limits);
    program.set_tracing(false);
    const std::string expected = evaluation_record(tree, d);
    CHECK(evaluation_record(program, d) == expected);
    CHECK((program.compiled_runs() == 1) == c.runs);
  }
}
