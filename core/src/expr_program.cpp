// SPDX-License-Identifier: MIT
#include "claimcheck/expr_program.hpp"

#include <algorithm>
#include <string_view>

namespace claimcheck {

namespace {

// The functions the program runs, by name; growth() fits a series and
// trimmed_mean() sorts its arguments: both stay with the tree.
bool function_op(const std::string& name, program_op& op) {
  struct entry {
    std::string_view name;
    program_op op;
  };
  static constexpr entry functions[] = {
      {"min", program_op::min},     {"max", program_op::max},     {"abs", program_op::abs},
      {"sqrt", program_op::sqrt},   {"exp", program_op::exp},     {"ln", program_op::ln},
      {"log10", program_op::log10}, {"years", program_op::years},
  };
  for (const entry& f : functions) {
    if (f.name == name) {
      op = f.op;
      return true;
    }
  }
  return false;
}

}  // namespace

bool expr_program::compile(const expr_node& root, const unit_registry& units, bool date_allowed,
                           std::size_t max_nesting) {
  steps_.clear();
  units_.clear();
  spine_.clear();
  registry_ = &units;
  nesting_ = 0;
  max_nesting_ = max_nesting;
  return node(root, 1, date_allowed);
}

// `level` is the depth of the tree evaluator's recursion at `n` (1 at the
// root), which the program records so that the evaluator can keep its limit.
bool expr_program::node(const expr_node& n, std::size_t level, bool date_allowed) {
  if (level > max_nesting_) return false;
  nesting_ = std::max(nesting_, level);
  program_step step;
  step.node = &n;
  switch (n.kind) {
    case expr_kind::number:
      step.op = program_op::number;
      step.number = n.number;
      if (!n.unit_text.empty()) {
        auto parsed = registry_->parse(n.unit_text);
        if (!parsed) return false;
        units_.push_back(std::move(parsed).value());
        units_.back().text = n.unit_text;  // as written, as the tree shows it
        step.unit = static_cast<std::uint32_t>(units_.size());
      }
      break;
    case expr_kind::identifier:
      step.op = program_op::identifier;
      step.date_allowed = date_allowed;
      break;
    case expr_kind::negate:
      if (!node(n.children[0], level + 1, false)) return false;
      step.op = program_op::negate;
      break;
    case expr_kind::call:
      return call(n, level);
    case expr_kind::binary:
      return chain(n, level);
  }
  steps_.push_back(step);
  return true;
}

// A chain "a + b - c" is walked along its left spine in a loop, as the tree
// evaluator folds it: a long chain must not recurse once per operator.
bool expr_program::chain(const expr_node& n, std::size_t level) {
  if (n.op == '^') {
    if (!node(n.children[0], level + 1, false)) return false;
    program_step step;
    step.node = &n;
    if (is_number_exponent(n)) {
      step.op = program_op::power;
      step.number = n.children[1].number;
    } else {
      if (!node(n.children[1], level + 1, false)) return false;
      step.op = program_op::computed_power;
    }
    steps_.push_back(step);
    return true;
  }
  // The spine's nodes, top first, on a stack shared with the chains inside
  // its right operands (they push above `base` and pop back).
  const std::size_t base = spine_.size();
  const expr_node* first = &n;
  while (first->kind == expr_kind::binary && first->op != '^') {
    spine_.push_back(first);
    first = &first->children[0];
  }
  if (!node(*first, level + 1, false)) return false;
  // The spine from the bottom up: each step's right operand, then the step.
  for (std::size_t i = spine_.size(); i-- > base;) {
    const expr_node* step_node = spine_[i];
    if (!node(step_node->children[1], level + 1, false)) return false;
    program_step step;
    step.node = step_node;
    switch (step_node->op) {
      case '+':
        step.op = program_op::add;
        break;
      case '-':
        step.op = program_op::subtract;
        break;
      case '*':
        step.op = program_op::multiply;
        break;
      default:
        step.op = program_op::divide;
        break;
    }
    steps_.push_back(step);
  }
  spine_.resize(base);
  return true;
}

bool expr_program::call(const expr_node& n, std::size_t level) {
  program_step step;
  step.node = &n;
  if (!function_op(n.name, step.op)) return false;
  const bool dates = step.op == program_op::years;
  for (const auto& argument : n.children) {
    if (!node(argument, level + 1, dates)) return false;
  }
  step.count = static_cast<std::uint32_t>(n.children.size());
  steps_.push_back(step);
  return true;
}

}  // namespace claimcheck
