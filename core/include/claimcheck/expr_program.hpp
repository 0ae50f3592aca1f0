// SPDX-License-Identifier: MIT
// An expression tree as a flat program: its operations in the order the tree
// evaluator performs them (postfix), each taking its operands from one stack
// of values that the evaluator reuses, so that evaluating allocates nothing.
//
// Example: "a * (b + 2 [h])" compiles to
//   identifier a, identifier b, number 2 (unit h, parsed once), add, multiply
//
// The program is the fast path of evaluate.hpp's evaluator: it computes the
// value of an expression whose evaluation succeeds, without the messages,
// the texts of units and the trace that the tree evaluator builds at every
// step. Anything else (an error, an id not evaluated yet, a trace asked
// for, growth() and trimmed_mean()) is left to the tree, which the program
// never replaces: explanations and diagnostics stay the tree's own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "claimcheck/dates.hpp"
#include "claimcheck/expr.hpp"
#include "claimcheck/interval.hpp"
#include "claimcheck/units.hpp"

namespace claimcheck {

enum class program_op : std::uint8_t {
  number,          // a constant, with its unit in brackets (units_[unit])
  identifier,      // the value of an id (node->name)
  negate,          // -a
  add,             // a + b
  subtract,        // a - b
  multiply,        // a * b
  divide,          // a / b
  power,           // a ^ number (number)
  computed_power,  // a ^ b
  min,             // min of `count` operands
  max,             // max of `count` operands
  abs,
  sqrt,
  exp,
  ln,
  log10,
  years,  // years(a, b)
};

struct program_step {
  program_op op = program_op::number;
  bool date_allowed = false;        // identifier: a date is accepted here (in years(), or alone)
  std::uint32_t count = 0;          // min, max: the number of operands
  std::uint32_t unit = 0;           // number: index of its unit in units(), 0 when it has none
  double number = 0;                // number: the constant; power: the exponent
  const expr_node* node = nullptr;  // the node compiled (identifier: its name)
};

// An operand on the program's stack: a value in base units, and the unit
// that names it, kept as a pointer (a number's unit, the display unit of an
// id) or as null for the base unit of its dimension, whose text is built
// only if it is shown.
struct program_operand {
  interval bounds;
  double nominal = 0;
  dimension dim;
  const partial_date* date = nullptr;
  const unit* shown = nullptr;
  bool plain_number = false;  // written without a unit (percent_mix)
};

class expr_program {
 public:
  // Compiles `root` (a derived record's expr or a side of an assert); a unit
  // in brackets is parsed here, once. `date_allowed`: the root may be a date
  // (a derived record that is just another id). False when the tree has
  // what the program does not run (growth(), trimmed_mean(), a unit that
  // does not parse, nesting beyond `max_nesting`); the tree then runs it.
  // The buffers are reused: compiling again allocates only for new units.
  bool compile(const expr_node& root, const unit_registry& units, bool date_allowed,
               std::size_t max_nesting);

  const std::vector<program_step>& steps() const { return steps_; }
  const unit& unit_at(std::uint32_t index) const { return units_[index - 1]; }
  // The steps the tree evaluator would count for this expression (its
  // evaluation-step limit), and the depth of its recursion (its nesting limit).
  std::size_t counted_steps() const { return steps_.size(); }
  std::size_t nesting() const { return nesting_; }

 private:
  std::vector<program_step> steps_;
  std::vector<unit> units_;
  std::vector<const expr_node*> spine_;  // chains being compiled (see chain())
  const unit_registry* registry_ = nullptr;
  std::size_t nesting_ = 0;
  std::size_t max_nesting_ = 0;

  bool node(const expr_node& node, std::size_t level, bool date_allowed);
  bool chain(const expr_node& node, std::size_t level);
  bool call(const expr_node& node, std::size_t level);
};

}  // namespace claimcheck
