// SPDX-License-Identifier: MIT
// Expressions of derived figures and checks: parser -> syntax tree with positions.
//
// Example: "coreweave.gpus * h100.peak_bf16 * coreweave.duration >= gpt3.train_compute"
// parses (parse_assertion) into a comparison `>=` of two trees; the left is
// ((coreweave.gpus * h100.peak_bf16) * coreweave.duration).
//
// Grammar (../shared/spec/claim-format.md, "derived" and "checks"):
//   assertion := sum ('<' | '<=' | '>' | '>=' | '~') sum
//   sum       := term { ('+' | '-') term }
//   term      := unary { ('*' | '/') unary }
//   unary     := '-' unary | power
//   power     := primary [ '^' ( ['-'] number | primary ) ]
//                -- a number exponent (x^2, x^-1), or a computed one (x^(1 / n), x^n) that
//                   is dimensionless, of a dimensionless positive base (checked on evaluation)
//   primary   := number [ '[' unit ']' ] | id | id '(' args ')' | '(' sum ')'
//   id        := [a-z][a-z0-9_]*('.'[a-z0-9_]+)*
// Functions: min max abs sqrt log10 ln exp years(a, b) growth(series_id).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "claimcheck/diagnostic.hpp"
#include "claimcheck/limits.hpp"

namespace claimcheck {

enum class expr_kind { number, identifier, negate, binary, call };

struct expr_node {
  expr_kind kind = expr_kind::number;
  char op = 0;                  // binary: '+', '-', '*', '/', '^'
  double number = 0;            // number (and a number exponent of '^', in children[1])
  std::string unit_text;        // number: the unit in brackets, "" when none (trimmed)
  std::size_t unit_offset = 0;  // number: code-point offset of unit_text, for unit errors
  std::string name;             // identifier: the id; call: the function name
  std::vector<expr_node> children;
  std::size_t offset = 0;  // code-point offset of the node's first character
  std::size_t length = 0;  // its length in code points

  expr_node() = default;
  expr_node(const expr_node&) = default;
  expr_node(expr_node&&) noexcept = default;
  expr_node& operator=(const expr_node&) = default;
  expr_node& operator=(expr_node&&) noexcept = default;
  // Frees the tree in a loop: a chain of n terms is a tree n deep (a raised
  // max_expression_chars allows millions), which the implicit destructor
  // would free by recursion, one stack frame per level.
  ~expr_node();
};

enum class comparison_op { less, less_equal, greater, greater_equal, consistent };
const char* to_string(comparison_op op);  // "<", "<=", ">", ">=", "~"

struct assertion {
  expr_node left;
  comparison_op op = comparison_op::less;
  expr_node right;
  std::size_t op_offset = 0;
};

// Errors with the code-point offset: expr.syntax, expr.unknown_function,
// expr.arity, expr.exponent (not a number), expr.limit (too long or deep).
// Messages that mention another position ("expected ')' to close '(' at
// offset 5") count code points from 0, like the offsets themselves.
// Besides the grammar's ASCII operators, '×' and '·' are read as '*', '−' as
// '-', '≤' and '≥' as '<=' and '>=' (text pasted from documents has them).
result<expr_node> parse_expression(std::string_view text, const input_limits& limits = {});
result<assertion> parse_assertion(std::string_view text, const input_limits& limits = {});

// The functions expressions may call, in the order the docs list them.
const std::vector<std::string>& expression_functions();

// Whether a '^' node's exponent is a number as written (x^2, x^-1; held
// in children[1].number), rather than an expression (x^(1 / n)).
bool is_number_exponent(const expr_node& power);

// The ids an expression refers to, in order of first use. The argument of
// growth(...) is a series id and is included.
std::vector<std::string> referenced_ids(const expr_node& node);

// The expression as text, fully parenthesised where it matters ("a * (b + c)").
std::string to_string(const expr_node& node);

}  // namespace claimcheck
