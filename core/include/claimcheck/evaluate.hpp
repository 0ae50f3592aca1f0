// SPDX-License-Identifier: MIT
// Evaluation: figures and derived records -> intervals with units, over the
// dependency graph, each evaluated once.
//
// Example: with coreweave.gpus = 3584 GPU (exact) and coreweave.duration =
// 11 min (stated: [10.5, 11.5] min), "coreweave.gpus * coreweave.duration"
// in unit "GPU*h" is [627.2, 686.9] GPU*h, nominal 657.1.
//
// All arithmetic is interval arithmetic (interval.hpp) on values held in
// base units (seconds, one item, one currency unit); a value converts to a
// display unit only when shown. Errors (each a diagnostic at the field that
// holds the expression, with the chain of ids that led to it):
// eval.unknown_id (suggests the nearest id), eval.cycle (prints the chain),
// expr.dimension (names both units), eval.zero_division, eval.domain
// (sqrt/log of a non-positive interval), eval.overflow (a bound became
// infinite from finite inputs), eval.limit, eval.date (a date outside
// years()), the trend.* codes of growth(series_id) (the series' fitted
// growth, computed by trends.hpp through this evaluator), and the unit.* codes of a unit in
// brackets. An expression that refers to a figure which could not be computed fails with
// eval.unavailable: the cause was reported once, where it is.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "claimcheck/dates.hpp"
#include "claimcheck/diagnostic.hpp"
#include "claimcheck/expr.hpp"
#include "claimcheck/expr_program.hpp"
#include "claimcheck/interval.hpp"
#include "claimcheck/limits.hpp"
#include "claimcheck/model.hpp"
#include "claimcheck/units.hpp"

namespace claimcheck {

// A computed value, in base units of its dimension. A date figure's value is
// the time from 1970-01-01 to it (dimension time, in seconds) and carries
// `date`; expressions accept it only as an argument of years().
struct value {
  interval bounds;
  double nominal = 0;
  dimension dim;
  std::optional<partial_date> date;  // set for date-valued figures (usable only in years())
};

// A value expressed in a display unit (the declared unit of a derived
// record, the unit a figure was stated in, or the base unit).
struct shown_value {
  interval bounds;
  double nominal = 0;
  unit in;
};
// Converts base units to `display` (bounds rounded outward). When the
// dimensions differ (a caller's mistake), the value stays in its base unit.
shown_value show_in(const value& v, const unit& display);

// The base unit of a dimension as unit text: "s", "GPU*s", "USD/(GPU*s)", "1".
unit base_unit(const dimension& dim);

// How the value of an expression reads: the unit that names it in messages,
// and whether it is a plain number (written without a unit: "100", "2 * 50").
struct value_reading {
  unit shown;
  bool plain_number = false;
};

// The plain-number/% rule (spec, "derived"): adding, subtracting or
// comparing a plain number and a quantity in % is an error expr.percent
// (offset 0), because the two readings differ by 100x: `100 - d.decline`
// with the decline in % is 100 - 0.8, not 100% - 80%. `verb` is "add",
// "subtract" or "compare"; the nodes are the operands, for the message,
// which says what to write ("100 [%]").
std::optional<text_error> percent_mix(const value_reading& a, const value_reading& b,
                                      const std::string& verb, const expr_node& a_node,
                                      const expr_node& b_node);

// Seconds in the year of years(a, b) and of the unit `yr` (365.2425 days).
constexpr double seconds_per_year = days_per_year * 86400.0;

// Nesting of evaluation beyond which it stops with eval.limit instead of
// exhausting the stack. Inputs are evaluated before the figures that use
// them and chains of '+' or '*' are folded in a loop, so only parentheses,
// calls and cycles nest; expression nesting is limited to 64 anyway.
constexpr std::size_t max_evaluation_nesting = 512;

// One step of a computation, for `claimcheck explain`.
struct trace_step {
  std::string text;       // the sub-expression, e.g. "coreweave.gpus * coreweave.duration"
  std::string reference;  // for an id: the id; "" otherwise
  value result;
  int depth = 0;  // nesting, for indentation
  // The unit the sub-expression carries as written ("%" for "50 [%]"), so
  // that an explanation shows 50%, not 0.5; the base unit when none does.
  unit shown = unit::dimensionless();
};

enum class node_kind { figure, derived };

// What is known of one id after evaluation.
struct evaluated {
  std::string id;
  node_kind kind = node_kind::figure;
  const figure_record* figure = nullptr;    // when kind == figure
  const derived_record* derived = nullptr;  // when kind == derived
  std::optional<value> result;              // nullopt when it could not be computed
  unit display;                             // the unit to show it in
  std::vector<trace_step> trace;            // derived: how it was computed
  std::vector<std::string> inputs;          // ids it refers to directly
};

// Internals of evaluation, defined in evaluate.cpp.
struct eval_frame;    // the expression being evaluated: its record, field, trace
struct eval_operand;  // a value and the unit that names it in messages

class evaluator {
 public:
  explicit evaluator(const dossier& d, const input_limits& limits = {});

  // Evaluates every figure and derived record (topological order, each once).
  void evaluate_all();

  // The evaluated record of an id (evaluating it and its inputs on demand),
  // or nullptr when the id is not a figure or derived record.
  const evaluated* find(const std::string& id);

  // Evaluates an expression that appears in record field `field` (for
  // locations). Steps go to `trace` when given. Errors are added to
  // problems() and also returned.
  // `reading`, when given, receives how the value reads (for percent_mix).
  result<value> evaluate_expression(const expr_node& node, const record_origin& origin,
                                    const std::string& field,
                                    std::vector<trace_step>* trace = nullptr,
                                    value_reading* reading = nullptr);

  // Whether steps are recorded (in derived records' `trace` and in the trace
  // an evaluate_expression caller passes). On by default, for explain;
  // `check` turns it off: it reports no steps, and a step per operation
  // (the sub-expression's text and value) was a fifth of its memory.
  void set_tracing(bool on) { tracing_ = on; }
  bool tracing() const { return tracing_; }

  // Whether an expression evaluated without a trace runs as a flat program
  // (expr_program.hpp) first; on by default. The tree evaluator runs what the
  // program leaves to it (errors, traces), so the two give the same values
  // and diagnostics; tests compare them by turning this off.
  void set_compiled(bool on) { compiled_ = on; }
  // How many expressions the program evaluated (the tree evaluated the rest).
  std::size_t compiled_runs() const { return compiled_runs_; }

  // The expression of a derived record of this dossier, parsed once: the
  // order of evaluation, the evaluation itself and the rules that follow
  // references all read this tree (parsing was a fifth of `check`'s
  // evaluation when each parsed it again).
  const result<expr_node>& parsed_expression(const derived_record& record);
  // referenced_ids() of that tree (none when it does not parse), kept with
  // it: the order of evaluation, the evaluation and the rules each ask.
  const std::vector<std::string>& referenced_ids_of(const derived_record& record);
  // source().name(), computed once (a path made relative: every series'
  // trend names its dossier).
  const std::string& source_name();

  const diagnostics& problems() const { return problems_; }
  const dossier& source() const { return dossier_; }
  const std::unordered_map<std::string, evaluated>& all() const { return results_; }

 private:
  const dossier& dossier_;
  input_limits limits_;
  bool tracing_ = true;
  bool compiled_ = true;
  // The program of the expression being evaluated and its stack of
  // operands, reused: each expression is evaluated once per evaluator (a
  // derived figure is memoised, a check's sides are evaluated once), so a
  // program is compiled when it is run, into buffers that stop growing.
  expr_program program_;
  std::vector<program_operand> stack_;
  std::size_t compiled_runs_ = 0;
  // By id; a hash map, as each id is looked up several times (by every
  // expression that names it) and a tree compared strings ~12 deep. Its
  // entries stay where they are, so callers may keep pointers to them.
  std::unordered_map<std::string, evaluated> results_;
  std::vector<std::string> in_progress_;  // the current chain, for cycle messages
  // The series whose growth() is being fitted, so that a point depending on
  // its own series' growth is trend.cycle rather than endless recursion.
  std::set<std::string> growth_in_progress_;
  std::unordered_map<const derived_record*, result<expr_node>> parsed_;
  std::unordered_map<const derived_record*, std::vector<std::string>> referenced_;
  std::optional<std::string> source_name_;
  diagnostics problems_;
  std::size_t steps_ = 0;
  std::size_t nesting_ = 0;
  bool limit_reported_ = false;

  const evaluated* evaluate_id(const std::string& id);
  void evaluate_inputs_first(const std::string& id);
  void fail_cycle(const std::vector<std::string>& cycle);
  void evaluate_derived(evaluated& entry, const derived_record& record);
  result<eval_operand> evaluate_top(const expr_node& node, eval_frame& f, bool date_allowed);
  bool evaluate_compiled(const expr_node& node, bool date_allowed, eval_operand& out);
  bool run_step(const program_step& step);
  bool push_identifier(const program_step& step);
  result<eval_operand> eval_node(const expr_node& node, eval_frame& f, int depth,
                                 bool date_allowed);
  result<eval_operand> eval_chain(const expr_node& node, eval_frame& f, int depth);
  result<eval_operand> eval_call(const expr_node& node, eval_frame& f, int depth);
  result<eval_operand> eval_identifier(const expr_node& node);
  std::optional<text_error> count_step(const expr_node& node);
  void report(const eval_frame& f, const text_error& error, severity level = severity::error);
};

}  // namespace claimcheck
