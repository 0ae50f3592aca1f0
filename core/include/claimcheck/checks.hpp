// SPDX-License-Identifier: MIT
// Checks: three-valued comparisons of intervals, margins of failures,
// expectations, claim verdicts and the built-in rules.
//
// Example: the check
//   { "id": "coreweave.full_training_possible",
//     "assert": "coreweave.gpus * h100.peak_bf16 * coreweave.duration >= gpt3.train_compute",
//     "about": ["coreweave.duration"], "expect": "fail" }
// compares [2.23e21, 2.45e21] FLOP (11 min stated is [10.5, 11.5] min) with
// [3.13e23, 3.15e23] FLOP: every value of the left is below every value of
// the right, so the outcome is `fail`, "short by 128x" (right.lo / left.hi;
// the nominal ratio is 0.0075, about 1/134), which matches its `expect`; the
// claim coreweave.duration is `contradicted`.
//
// Three-valued outcomes (../shared/spec/claim-format.md, "checks"); the
// intervals are closed, an infinite bound stands for "unbounded":
//
//   op    pass when            fail when            otherwise
//   a < b   a.hi <  b.lo         a.lo >= b.hi         inconclusive
//   a <= b  a.hi <= b.lo         a.lo >  b.hi         inconclusive
//   a > b   a.lo >  b.hi         a.hi <= b.lo         inconclusive
//   a >= b  a.lo >= b.hi         a.hi <  b.lo         inconclusive
//   a ~ b   a and b overlap      they do not          (never inconclusive)
//
// Margins of a failure compare the nearest bounds x (the smaller) and y
// (the larger) of the two sides: the ratio y / x when both are finite and
// of one sign (max(|x|,|y|) / min(|x|,|y|) when both are negative), +inf
// when y is infinite, and no ratio (only the absolute gap) when x or y is
// zero or they differ in sign, because no factor can move a value across
// zero. "short by 134x" (a >= b or a > b fails: the left side is too
// small), "6.4x above" (a <= b or a < b fails: the left side is too large),
// "3.2x apart" (a ~ b fails).
//
// Claim verdicts, from the checks that name a claim in `about`, first match
// wins:
//   contradicted  an error-severity check about it fails
//   questionable  a warning-severity check about it fails
//   supported     it has checks and every one passes
//   unverified    no checks, only inconclusive ones, or a mix of passes and
//                 inconclusive ones (not every check passes, none fails), or
//                 a check that could not be evaluated
// Verdicts follow outcomes, not `expect`: a known failure still contradicts.
//
// Built-in rules (findings are diagnostics with these stable codes; see
// docs/rules.md). They never change the exit code.
//
//   code                           severity  what it finds
//   rule.claim_after_publication   warning   a claim whose as_of begins after the
//                                            document's published date ends
//   rule.secondary_only            warning   a fact whose sources are all `secondary`
//   rule.unused_figure             note      a fact or derived figure of this dossier
//                                            that no check uses (in `assert` directly
//                                            or through derived figures, or in `about`)
//                                            and no series lists
//   rule.unverified_claim          note      a claim that no check names in `about`
//
// Exit status (tools map it to 0/1/2): `invalid` when any error diagnostic
// (a check that cannot be evaluated, an evaluation error), else `unexpected`
// when an error-severity check's outcome differs from its `expect` (a
// warning-severity one only with strict), else `as_expected`.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "claimcheck/diagnostic.hpp"
#include "claimcheck/evaluate.hpp"
#include "claimcheck/expr.hpp"
#include "claimcheck/interval.hpp"
#include "claimcheck/limits.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/model.hpp"
#include "claimcheck/units.hpp"

namespace claimcheck {

// The three-valued outcome of `left op right` (table above).
check_outcome compare_intervals(interval left, comparison_op op, interval right);

enum class margin_kind {
  short_by,  // a >= b or a > b fails: the left side is too small
  above,     // a <= b or a < b fails: the left side is too large
  apart      // a ~ b fails
};
const char* to_string(margin_kind k);  // "short by", "above", "apart"

// How far a failing comparison is from passing.
struct failure_margin {
  margin_kind kind = margin_kind::apart;
  // The smallest factor (>= 1) by which one side would have to change to
  // touch the other; nullopt when the nearest bounds are zero or differ in
  // sign; +inf when one of them is infinite.
  std::optional<double> ratio;
  double gap = 0;  // the distance between the nearest bounds, in base units (>= 0)
};

// The margin of `left op right`, or nullopt unless the outcome is fail.
std::optional<failure_margin> margin_of_failure(interval left, comparison_op op, interval right);

// left.nominal / right.nominal, or nullopt when right.nominal is zero or
// either is not finite.
std::optional<double> nominal_ratio(double left, double right);

// Everything a comparison of two computed values yields.
struct comparison_result {
  check_outcome outcome = check_outcome::inconclusive;
  std::optional<failure_margin> margin;  // set when outcome == fail
  std::optional<double> nominal_ratio;
};

// Compares two values of one dimension. Error expr.dimension (offset 0)
// names both units when the dimensions differ; the units are the ones the
// sides are displayed in.
result<comparison_result> compare_values(const value& left, comparison_op op, const value& right,
                                         const unit& left_unit, const unit& right_unit);

// One side of a check.
struct check_side {
  std::string text;                  // the side's expression as written
  std::optional<value> computed;     // nullopt when it could not be computed
  std::optional<shown_value> shown;  // in the check's display unit
  std::vector<trace_step> trace;     // how it was computed
};

struct check_result {
  const check_record* record = nullptr;
  std::string id;
  comparison_op op = comparison_op::less;
  check_side left, right;
  unit display;  // both sides are shown in it
  // nullopt when the check could not be evaluated (then there is an error
  // diagnostic in check_run::problems).
  std::optional<check_outcome> outcome;
  std::optional<failure_margin> margin;
  std::optional<double> nominal_ratio;
  check_outcome expect = check_outcome::pass;
  bool matches_expect = false;
  check_severity level = check_severity::error;
  std::string message;
};

enum class claim_verdict { supported, contradicted, questionable, unverified };
const char* to_string(claim_verdict v);

struct verdict_input {
  check_severity level = check_severity::error;
  std::optional<check_outcome> outcome;  // nullopt: could not be evaluated
};
// The verdict of a claim from the checks that name it (rules above).
claim_verdict aggregate_verdict(const std::vector<verdict_input>& checks);

struct claim_result {
  const figure_record* claim = nullptr;
  std::string id;
  claim_verdict verdict = claim_verdict::unverified;
  std::vector<std::string> check_ids;  // the checks that name it, in file order
};

struct check_summary {
  std::size_t total = 0, pass = 0, fail = 0, inconclusive = 0, not_evaluated = 0;
  // Checks whose outcome equals their expect, per outcome.
  std::size_t pass_expected = 0, fail_expected = 0, inconclusive_expected = 0;
  std::size_t unexpected = 0;           // outcome differs from expect, any severity
  std::size_t unexpected_warnings = 0;  // of those, warning-severity checks
};

// The result of `claimcheck check` for one dossier.
struct check_run {
  const dossier* source = nullptr;
  std::string dossier_name;
  std::vector<check_result> checks;  // the dossier's own checks, in file order
  std::vector<claim_result> claims;  // the dossier's own claims, in file order
  diagnostics findings;              // rule.* (warnings and notes)
  diagnostics problems;              // assertion and evaluation problems
  check_summary summary;
};

// Runs every check of the dossier that is not imported, then the claim
// verdicts and the built-in rules. Calls ev.evaluate_all() first so that
// every evaluation problem is reported, used or not.
check_run run_checks(const dossier& d, evaluator& ev);

// What `check` and `validate` make of one dossier: run_checks without traces
// (evaluator::set_tracing), with the errors of the dossier's series (trends'
// series_problems) after the run's own problems. A run reads its dossier,
// never its evaluator, so the evaluator is dropped when the run is made.
check_run check_dossier(const dossier& d, const input_limits& limits);

// check_dossier for each dossier, on up to `threads` threads (dossiers are
// independent); runs[i] is dossiers[i]'s.
std::vector<check_run> run_checks_of(const std::vector<dossier>& dossiers,
                                     const input_limits& limits, unsigned threads);

// check_dossier for each dossier of the stream, as it gives them: up to
// `threads` dossiers are loaded (one after another) and then checked at
// once; `each` gets every dossier with its run in the stream's order, on the
// calling thread, and the dossier and run are dropped when the batch is done,
// so that memory holds the dossiers in flight, not the corpus. The runs are
// run_checks_of's for the stream's dossiers. Once loading has found an
// error the dossiers are no longer checked (the run is nullptr): check and
// validate then report the problems of loading alone.
void check_each(dossier_stream& stream, const input_limits& limits, unsigned threads,
                const std::function<void(const dossier&, const check_run*)>& each);

// Every problem of the runs (errors that make `check` exit 2, and notes), in
// run order: what `validate` adds to the problems of loading, so that a
// dossier it accepts never makes `check` exit 2.
diagnostics problems_of(const std::vector<check_run>& runs);

// The built-in rules alone (run_checks includes them).
diagnostics built_in_rules(const dossier& d);

enum class check_status { as_expected, unexpected, invalid };
check_status status_of(const std::vector<check_run>& runs, bool strict);
// One run's. The status of several runs is the worst of theirs (invalid,
// then unexpected): a check not evaluated has an error among the problems.
check_status status_of(const check_run& run, bool strict);

// "12 checks: 8 pass, 3 fail (as expected), 1 inconclusive; 0 unexpected"
std::string summary_line(const check_summary& s);
check_summary add(check_summary a, const check_summary& b);

// ---- explain -----------------------------------------------------------

// A claim or fact that a figure or check depends on.
struct explained_input {
  std::string id;
  const figure_record* figure = nullptr;
  std::optional<shown_value> shown;        // its interval in its display unit
  std::vector<std::string> source_titles;  // titles (the id when a source has none)
};

// A derived figure on the way from the inputs to the result.
struct explained_derived {
  std::string id;
  const derived_record* derived = nullptr;
  std::optional<shown_value> shown;
};

// One step of a computation with its value in a display unit.
struct explained_step {
  std::string text;       // the sub-expression
  std::string reference;  // for an id: the id
  int depth = 0;
  shown_value shown;
  std::optional<partial_date> date;  // a date-valued figure: shown as the date, not as days
};

enum class explained_kind { figure, derived, check };

struct explanation {
  explained_kind kind = explained_kind::derived;
  std::string id;
  std::string subject;                           // figure/derived subject; check message
  std::string expression;                        // derived expr or check assert; figure: ""
  std::vector<explained_input> inputs;           // every figure reached, first use first
  std::vector<explained_derived> intermediates;  // derived figures reached, inputs first
  std::vector<explained_step> steps;             // derived: its steps; check: the left side's
  std::vector<explained_step> right_steps;       // check: the right side's steps
  std::optional<shown_value> result;             // derived or figure
  std::optional<check_result> check;             // check
  diagnostics problems;
};

// What to say after "no such id": "; did you mean 'coreweave.gpus'?" for a
// near spelling (nearest_name), else "; the nearest ids are 'a', 'b' and
// 'c'" (by edit distance), so that a user far off still sees what exists;
// "" when there are no ids.
std::string suggest_ids(const std::string& id, const std::vector<std::string>& ids);

// Explains the id of a derived figure, a check or a figure. Error
// explain.unknown_id (with suggest_ids) when the dossier has no such id.
result<explanation> explain(const dossier& d, evaluator& ev, const std::string& id);

// The display unit for a trace step or a computed value: the display unit
// of the id it references when the dimensions agree, else the base unit.
unit display_unit_for(const trace_step& step, evaluator& ev);

}  // namespace claimcheck
