// SPDX-License-Identifier: MIT
// Tests of expr.hpp: "coreweave.gpus * h100.peak_bf16 * coreweave.duration >= gpt3.train_compute"
// parses into a comparison of two trees with code-point offsets.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "claimcheck/expr.hpp"

using namespace claimcheck;

namespace {

struct good_case {
  const char* text;
  const char* printed;  // to_string of the tree
};

struct bad_case {
  const char* text;
  const char* code;
  std::size_t offset;
  const char* message_part;
};

}  // namespace

TEST_CASE("well-formed expressions parse and print back fully parenthesised") {
  const std::vector<good_case> cases = {
      {"coreweave.gpus * coreweave.duration", "coreweave.gpus * coreweave.duration"},
      {"a+b*c", "a + b * c"},
      {"(a + b) * c", "(a + b) * c"},
      {"a - (b - c)", "a - (b - c)"},
      {"a - b - c", "a - b - c"},
      {"a / (b * c)", "a / (b * c)"},
      {"a / b * c", "a / b * c"},
      {"-a^2", "-a^2"},
      {"(-a)^2", "(-a)^2"},
      {"--a", "-(-a)"},
      {"a ^ -1", "a^-1"},
      {"x^0.5", "x^0.5"},
      {"(a * b)^2", "(a * b)^2"},
      // revision 2: a computed exponent (dimensionless, checked on evaluation)
      {"a ^ b", "a^b"},
      {"prices.remaining ^ (1 / prices.years)", "prices.remaining^(1 / prices.years)"},
      {"(d.x / 100 [%]) ^ (1 / (p.years / 1 [yr]))", "(d.x / 100 [%])^(1 / (p.years / 1 [yr]))"},
      {"a ^ exp(b)", "a^exp(b)"},
      {"a ^ (2)", "a^2"},  // a parenthesised number is a number exponent
      {"6 [FLOP/(parameter*token)] * gpt3.params * gpt3.tokens",
       "6 [FLOP/(parameter*token)] * gpt3.params * gpt3.tokens"},
      {"650[ GPU*h ]", "650 [GPU*h]"},
      {"1.2e21", "1.2e21"},
      {"1E-5 + 0.25", "1e-5 + 0.25"},
      {"20000", "20000"},
      {"min(a, b, c)", "min(a, b, c)"},
      {"max(a,b) / abs(c)", "max(a, b) / abs(c)"},
      {"sqrt(a) + log10(b) + ln(c) + exp(d)", "sqrt(a) + log10(b) + ln(c) + exp(d)"},
      {"years(gpt3.published, waic.date)", "years(gpt3.published, waic.date)"},
      {"growth(gpt3_training_cost)", "growth(gpt3_training_cost)"},
      {"a.b_2.c3", "a.b_2.c3"},
      {"3584 × 989 · 11 − 1", "3584 * 989 * 11 - 1"},
      {"\t a\n*\r\nb ", "a * b"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto parsed = parse_expression(c.text);
    REQUIRE(parsed.ok());
    CHECK(to_string(parsed.value()) == c.printed);
    // What to_string prints parses back into the same text.
    auto again = parse_expression(to_string(parsed.value()));
    REQUIRE(again.ok());
    CHECK(to_string(again.value()) == c.printed);
  }
}

TEST_CASE("malformed expressions give the exact code and code-point offset") {
  const std::vector<bad_case> cases = {
      {"", "expr.syntax", 0, "empty expression"},
      {"   ", "expr.syntax", 3, "empty expression"},
      {"a +", "expr.syntax", 3, "expected a number, an id or '(' at the end"},
      {"a + * b", "expr.syntax", 4, "not '*'"},
      {"(a + b", "expr.syntax", 6, "expected ')' to close '(' at offset 0"},
      {"x * (a + (b * c)", "expr.syntax", 16, "expected ')' to close '(' at offset 4"},
      {"a + b)", "expr.syntax", 5, "unexpected ')' with no matching '('"},
      {"a ^ -b", "expr.exponent", 5, "'^' at offset 2 needs an exponent: a number"},
      {"a ^ +2", "expr.exponent", 4, "or a parenthesised expression"},
      {"a ^ (100)", "expr.limit", 4, "beyond the limit of 64"},
      {"a ^ 2 [s]", "expr.exponent", 6, "without a unit"},
      {"a ^ 2 ^ 3", "expr.syntax", 6, "'^' cannot be chained"},
      {"a ^ 100", "expr.limit", 4, "beyond the limit of 64"},
      {"mx(a, b)", "expr.unknown_function", 0, "unknown function 'mx'; did you mean 'max'?"},
      {"a + sqr(b)", "expr.unknown_function", 4, "did you mean 'sqrt'?"},
      {"frobnicate(a)", "expr.unknown_function", 0, "functions are min, max"},
      {"min(a)", "expr.arity", 0, "min() takes at least 2 arguments, not 1"},
      {"sqrt(a, b)", "expr.arity", 0, "sqrt() takes 1 argument, not 2"},
      {"years(a)", "expr.arity", 0, "years() takes 2 arguments, not 1"},
      {"trimmed_mean(1)", "expr.arity", 0, "trimmed_mean() takes at least 2 arguments, not 1"},
      {"trimed_mean(1, a)", "expr.unknown_function", 0, "did you mean 'trimmed_mean'?"},
      {"abs()", "expr.arity", 0, "abs() takes 1 argument, not 0"},
      {"growth(a * 2)", "expr.syntax", 7, "growth() takes the id of a series"},
      {"max(a b)", "expr.syntax", 6, "expected ',' or ')' to close '(' at offset 3"},
      {"11 min", "expr.syntax", 3, "a unit goes in brackets: 11 [min]"},
      {"11min", "expr.syntax", 2, "a unit after a number goes in brackets: 11 [min]"},
      {"175B * a", "expr.syntax", 3, "scale 'B' is not part of expressions; write 1.75e11"},
      {"2万 * a", "expr.syntax", 1, "write 20000"},
      {"3584 GPU", "expr.syntax", 5, "ids are lower case"},
      {"GPU * a", "expr.syntax", 0, "3584 [GPU]"},
      {"coreweave.GPUs", "expr.syntax", 10, "write 'coreweave.gpus'"},
      {"a. + b", "expr.syntax", 1, "id part after '.' is missing"},
      {"_a", "expr.syntax", 0, "starts with a lower-case letter"},
      {"007", "expr.syntax", 0, "does not start with 0"},
      {"1.", "expr.syntax", 2, "expected a digit after the decimal point"},
      {".5 * a", "expr.syntax", 0, "write 0.5"},
      {"1e", "expr.syntax", 1, "exponent after 'e'"},
      {"1e400", "expr.syntax", 0, "out of the range"},
      {"6 [FLOP", "expr.syntax", 7, "expected ']' to close '[' at offset 2"},
      {"6 []", "expr.syntax", 2, "empty unit in brackets"},
      {"6 [FLOP/(s]", "expr.syntax", 10, "expected ')' in the unit"},
      {"6 [a [b]]", "expr.syntax", 5, "'[' inside a unit"},
      {"a [GPU]", "expr.syntax", 2, "follows a number only"},
      {"a ]", "expr.syntax", 2, "unexpected ']'"},
      {"+a", "expr.syntax", 0, "unary '+' is not needed"},
      {"a < b", "expr.syntax", 2, "belongs in a check's assert"},
      {"a = b", "expr.syntax", 2, "write '~'"},
      {"a, b", "expr.syntax", 1, "unexpected ','"},
      {"a $ b", "expr.syntax", 2, "unexpected character '$'"},
      // Offsets count code points, not bytes: "中" is three bytes, one code point.
      {"中 + a", "expr.syntax", 0, "unexpected character '中'"},
      {"a × × b", "expr.syntax", 4, "not '*'"},
      {"\xff", "expr.syntax", 0, "invalid UTF-8"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto parsed = parse_expression(c.text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == c.code);
    CHECK(parsed.error().offset == c.offset);
    CHECK_THAT(parsed.error().message, Catch::Matchers::Contains(c.message_part));
  }
}

TEST_CASE("nodes carry code-point offsets and lengths") {
  auto parsed = parse_expression(
      "（"
      "a"
      "）");  // full-width parentheses are not ASCII
  CHECK_FALSE(parsed.ok());

  auto tree = parse_expression("中");
  REQUIRE_FALSE(tree.ok());

  auto good = parse_expression("3584 [GPU] * (coreweave.duration + 1)");
  REQUIRE(good.ok());
  const expr_node& root = good.value();
  CHECK(root.kind == expr_kind::binary);
  CHECK(root.op == '*');
  CHECK(root.offset == 0);
  CHECK(root.length == 37);
  const expr_node& number = root.children[0];
  CHECK(number.kind == expr_kind::number);
  CHECK(number.unit_text == "GPU");
  CHECK(number.unit_offset == 6);
  CHECK(number.length == 10);
  const expr_node& group = root.children[1];
  CHECK(group.op == '+');
  CHECK(group.offset == 13);  // the '(' belongs to the group
  CHECK(group.length == 24);
  CHECK(group.children[0].offset == 14);
  CHECK(group.children[0].length == 18);

  auto unicode = parse_expression("a × bb");
  REQUIRE(unicode.ok());
  CHECK(unicode->children[1].offset == 4);
  CHECK(unicode->length == 6);

  auto power = parse_expression("a^-2");
  REQUIRE(power.ok());
  CHECK(power->children[1].number == -2);
  CHECK(power->children[1].offset == 2);
  CHECK(power->children[1].length == 2);
}

TEST_CASE("assertions parse every comparison operator") {
  struct op_case {
    const char* text;
    comparison_op op;
    std::size_t op_offset;
  };
  const std::vector<op_case> cases = {
      {"a < b", comparison_op::less, 2},
      {"a <= b", comparison_op::less_equal, 2},
      {"a > b", comparison_op::greater, 2},
      {"a >= b", comparison_op::greater_equal, 2},
      {"a ~ b", comparison_op::consistent, 2},
      {"a ≤ b", comparison_op::less_equal, 2},
      {"a ≥ b", comparison_op::greater_equal, 2},
      {"coreweave.gpus * h100.peak_bf16 * coreweave.duration >= gpt3.train_compute",
       comparison_op::greater_equal, 53},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto parsed = parse_assertion(c.text);
    REQUIRE(parsed.ok());
    CHECK(parsed->op == c.op);
    CHECK(parsed->op_offset == c.op_offset);
  }
  auto full = parse_assertion(cases.back().text);
  REQUIRE(full.ok());
  CHECK(to_string(full->left) == "coreweave.gpus * h100.peak_bf16 * coreweave.duration");
  CHECK(full->left.children[0].op == '*');  // left-associative
  CHECK(to_string(full->right) == "gpt3.train_compute");
  CHECK(std::string(to_string(comparison_op::consistent)) == "~");
  CHECK(std::string(to_string(comparison_op::less_equal)) == "<=");
}

TEST_CASE("malformed assertions give the exact code and offset") {
  const std::vector<bad_case> cases = {
      {"a + b", "expr.syntax", 5, "an assert needs a comparison"},
      {"a < b < c", "expr.syntax", 6, "only one comparison per assert"},
      {"a <", "expr.syntax", 3, "expected a number, an id or '(' at the end"},
      {"a == b", "expr.syntax", 2, "write '~'"},
      {"a != b", "expr.syntax", 2, "'!=' is not supported"},
      {"(a < b)", "expr.syntax", 3, "expected ')' to close '(' at offset 0"},
      {"a b < c", "expr.syntax", 2, "expected an operator before an id"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto parsed = parse_assertion(c.text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == c.code);
    CHECK(parsed.error().offset == c.offset);
    CHECK_THAT(parsed.error().message, Catch::Matchers::Contains(c.message_part));
  }
}

TEST_CASE("referenced ids come in order of first use and include series ids") {
  auto parsed = parse_expression(
      "a * b + min(c, a) / years(d.x, e) ^ 2 + growth(series_one) + 6 [FLOP] + sqrt(b)");
  REQUIRE(parsed.ok());
  const std::vector<std::string> expected = {"a", "b", "c", "d.x", "e", "series_one"};
  CHECK(referenced_ids(parsed.value()) == expected);
  CHECK(expression_functions().size() == 10);
  CHECK(expression_functions().back() == "trimmed_mean");
}

TEST_CASE("length and nesting limits end in expr.limit") {
  input_limits limits;
  limits.max_expression_chars = 20;
  limits.max_expression_depth = 3;

  auto long_one = parse_expression("a + b + c + d + e + f + g", limits);
  REQUIRE_FALSE(long_one.ok());
  CHECK(long_one.error().code == "expr.limit");
  CHECK(long_one.error().offset == 20);

  auto deep = parse_expression("((((a))))", limits);
  REQUIRE_FALSE(deep.ok());
  CHECK(deep.error().code == "expr.limit");
  CHECK(deep.error().offset == 3);

  auto minus = parse_expression("----a", limits);
  REQUIRE_FALSE(minus.ok());
  CHECK(minus.error().code == "expr.limit");

  auto calls = parse_expression("abs(abs(abs(abs(a))))", limits);
  REQUIRE_FALSE(calls.ok());
  CHECK(calls.error().code == "expr.limit");

  CHECK(parse_expression("(((a)))", limits).ok());

  // Hostile input with default limits: a diagnostic, not a stack overflow.
  const std::string hostile(1'000'000, '(');
  auto huge = parse_expression(hostile);
  REQUIRE_FALSE(huge.ok());
  CHECK(huge.error().code == "expr.limit");
  const std::string nested = std::string(2000, '(') + "a" + std::string(2000, ')');
  auto too_deep = parse_expression(nested);
  REQUIRE_FALSE(too_deep.ok());
  CHECK(too_deep.error().code == "expr.limit");
  CHECK(too_deep.error().offset == 64);
}
