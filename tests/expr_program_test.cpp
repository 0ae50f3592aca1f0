// SPDX-License-Identifier: MIT
// Tests of expr_program.hpp: an expression tree compiled into postfix steps,
// in the order the tree evaluator evaluates it. That programs give the tree
// evaluator's values and diagnostics is evaluate_test's (it runs both).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "claimcheck/evaluate.hpp"
#include "claimcheck/expr_program.hpp"

using namespace claimcheck;

TEST_CASE("a program is its expression's steps in the tree's order, units parsed once") {
  const dossier d;  // its unit registry: the built-in units
  auto tree = parse_expression("x.two * (x.span + 2 [yr]) - min(x.two, 3)^2");
  REQUIRE(tree);
  expr_program program;
  REQUIRE(program.compile(*tree, d.units, false, max_evaluation_nesting));
  std::vector<program_op> ops;
  for (const auto& step : program.steps()) ops.push_back(step.op);
  const std::vector<program_op> expected = {
      program_op::identifier, program_op::identifier, program_op::number, program_op::add,
      program_op::multiply,   program_op::identifier, program_op::number, program_op::min,
      program_op::power,      program_op::subtract};
  CHECK(ops == expected);
  CHECK(program.counted_steps() == 10);
  CHECK(program.nesting() == 4);  // the arguments of min() under '^' under '-'
  const program_step& two_years = program.steps()[2];
  REQUIRE(two_years.unit != 0);
  CHECK(program.unit_at(two_years.unit).text == "yr");
  CHECK(program.unit_at(two_years.unit).scale == Approx(seconds_per_year));
  CHECK(program.steps()[6].unit == 0);  // 3: a plain number

  // What the program leaves to the tree: functions it does not run, units
  // that do not parse, nesting beyond what is left.
  for (const char* text : {"growth(s)", "trimmed_mean(1, 2, 3, 4)", "2 [nosuch]", "-(-(-x))"}) {
    INFO(text);
    auto other = parse_expression(text);
    REQUIRE(other);
    CHECK_FALSE(program.compile(*other, d.units, false, 3));
  }
}

TEST_CASE("a long chain compiles in a loop, in the order the tree folds it") {
  // 20,000 terms: a left-deep tree as deep as it is long, which the tree
  // evaluator folds in a loop; compiling it must not recurse per term.
  input_limits limits;
  limits.max_expression_chars = 1000000;
  std::string text = "1";
  for (int i = 2; i <= 20000; ++i) text += (i % 2 == 0 ? " + " : " - ") + std::to_string(i);
  auto tree = parse_expression(text, limits);
  REQUIRE(tree);
  const dossier d;
  expr_program program;
  REQUIRE(program.compile(*tree, d.units, false, max_evaluation_nesting));
  REQUIRE(program.counted_steps() == 2 * 20000 - 1);
  CHECK(program.nesting() == 2);
  const auto& steps = program.steps();
  CHECK(steps[0].number == 1);
  CHECK(steps[1].number == 2);
  CHECK(steps[2].op == program_op::add);
  CHECK(steps[3].number == 3);
  CHECK(steps[4].op == program_op::subtract);
  CHECK(steps.back().op == program_op::add);  // + 20000, the last term
}
