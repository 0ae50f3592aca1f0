// SPDX-License-Identifier: MIT
#include "claimcheck/checks.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "claimcheck/numerals.hpp"
#include "claimcheck/parallel.hpp"
#include "claimcheck/trends.hpp"
#include "enum_names.hpp"

namespace claimcheck {
namespace {

// Field locations point at a string's opening quote; offsets inside the
// string count from the character after it.
source_location string_start(const record_origin& origin, const std::string& field) {
  source_location where = origin.field(field);
  if (origin.fields.count(field) != 0 && where.known()) where.column += 1;
  return where;
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += '\'' + item + '\'';
  }
  return out;
}

// The ids a dossier's own checks use: in `assert` (and, through derived
// figures, what those refer to), in `about`, and the points of series.
// Parsed here rather than taken from the evaluator, so the rules run even
// where evaluation fails.
// A work list, not recursion: a chain of 40,000 derived figures would
// overflow the stack (issue 14).
// Each check's assertion, parsed once for its evaluation and for the rules.
using parsed_assertions = std::map<const check_record*, result<assertion>>;

// `ev` gives the derived records' expressions as evaluation parsed them;
// `asserts` the assertions of the checks.
// Hash sets: ids share long prefixes ("d0001.fact.f00012"), which a tree
// compares again at every level.
std::unordered_set<std::string> used_ids(const dossier& d, evaluator& ev,
                                         const parsed_assertions& asserts) {
  std::unordered_set<std::string> used;
  std::vector<std::string> pending;
  auto follow = [&]() {
    while (!pending.empty()) {
      std::string id = std::move(pending.back());
      pending.pop_back();
      if (!used.insert(id).second) continue;
      if (const auto* derived = d.find_derived(id)) {
        for (const auto& ref : ev.referenced_ids_of(*derived)) pending.push_back(ref);
      } else if (const auto* series = d.find_series(id)) {
        for (const auto& point : series->points) pending.push_back(point);
      }
    }
  };
  auto use = [&](const std::string& id) {
    pending.push_back(id);
    follow();
  };
  for (const auto& check : d.checks) {
    if (check.origin.imported) continue;
    const auto parsed = asserts.find(&check);
    if (parsed != asserts.end() && parsed->second) {
      for (const auto& ref : referenced_ids(parsed->second->left)) use(ref);
      for (const auto& ref : referenced_ids(parsed->second->right)) use(ref);
    }
    for (const auto& id : check.about) use(id);
  }
  for (const auto& series : d.series) {
    if (series.origin.imported) continue;
    use(series.id);
  }
  return used;
}

// The display unit of the first id (left side first) whose unit has the
// wanted dimension, else the base unit. A date is no such id: its unit
// counts days since 1970, no unit to show a span of time in ("0 d" for
// years(a, b) ~ 0 [yr]).
unit pick_display_unit(const dimension& wanted, const std::vector<std::string>& ids,
                       evaluator& ev) {
  for (const auto& id : ids) {
    const evaluated* e = ev.find(id);
    if (e != nullptr && e->result && !e->result->date && e->display.dim == wanted)
      return e->display;
  }
  return base_unit(wanted);
}

std::vector<std::string> concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(' ') + 1 - first);
}

// A `~` check's `within` (spec, "checks"), applied to the right side (the
// reference): "5%" widens each bound by 5% of its magnitude ([lo(1-r),
// hi(1+r)] for a positive side), "0.5 [min]" by 0.5 min ([lo-d, hi+d]).
// Errors, offsets in the text: check.within (not a tolerance),
// expr.dimension (an absolute tolerance of another dimension than the side),
// and the unit.* codes of its unit.
result<interval> widen_within(const std::string& text, const value& right, const unit& right_unit,
                              const unit_registry& units) {
  const text_error not_a_tolerance{
      "check.within", 0,
      "`within` is a tolerance that is 0 or more: relative, as in \"5%\", or absolute with the "
      "unit of the right side, as in \"0.5 [" +
          (right_unit.dim.dimensionless() ? std::string("min") : right_unit.text) + "]\""};
  const std::string written = trimmed(text);
  if (!written.empty() && written.back() == '%') {
    auto relative = parse_number_text(trimmed(written.substr(0, written.size() - 1)));
    if (!relative || !(relative->value >= 0)) return not_a_tolerance;
    const interval r = interval::point(relative->value) / interval::point(100);
    // Outward: the bound moves by at least r of its magnitude.
    const interval lo =
        interval::point(right.bounds.lo) - abs(interval::point(right.bounds.lo)) * r;
    const interval hi =
        interval::point(right.bounds.hi) + abs(interval::point(right.bounds.hi)) * r;
    return interval{lo.lo, hi.hi};
  }
  auto parsed = parse_expression(written);
  if (!parsed || parsed->kind != expr_kind::number || !(parsed->number >= 0)) {
    return not_a_tolerance;
  }
  unit stated = unit::dimensionless();
  if (!parsed->unit_text.empty()) {
    auto read = units.parse(parsed->unit_text);
    if (!read) {
      text_error e = read.error();
      e.offset += parsed->unit_offset + text.find_first_not_of(' ');
      return e;
    }
    stated = *read;
  }
  if (stated.dim != right.dim) {
    return text_error{"expr.dimension", 0,
                      "the tolerance " + written + " is " +
                          (stated.dim.dimensionless() ? std::string("dimensionless")
                                                      : "in '" + stated.text + "'") +
                          ", but the right side is " +
                          (right.dim.dimensionless() ? std::string("dimensionless")
                                                     : "in '" + right_unit.text + "'") +
                          "; give it the right side's unit, or write a relative one, as in \"5%\""};
  }
  const interval d = interval::point(parsed->number) * interval::point(stated.scale);
  return right.bounds + interval{-d.hi, d.hi};
}

// Evaluates one check. Problems of parsing and comparing go to `problems`;
// problems of evaluation are the evaluator's (ev.problems()).
check_result evaluate_check(const check_record& check, const result<assertion>& parsed,
                            evaluator& ev, diagnostics& problems) {
  check_result r;
  r.record = &check;
  r.id = check.id;
  r.level = check.level;
  r.expect = check.expect;
  r.message = check.message;

  if (!parsed) {
    problems.push_back(at_offset(parsed.error(), string_start(check.origin, "assert")));
    r.left.text = check.assert_text;
    return r;
  }
  r.op = parsed->op;
  r.left.text = to_string(parsed->left);
  r.right.text = to_string(parsed->right);
  const bool within_misused = !check.within_text.empty() && r.op != comparison_op::consistent;
  if (within_misused) {
    problems.push_back(diagnostic{
        severity::error, "check.within", check.origin.field("within"),
        std::string("`within` widens the right side of a '~' check; a '") + to_string(r.op) +
            "' check has no tolerance: write it into the assert, as in \"a <= b * 1.05\", or "
            "use '~'"});
  }

  value_reading left_reading, right_reading;
  auto left =
      ev.evaluate_expression(parsed->left, check.origin, "assert", &r.left.trace, &left_reading);
  auto right =
      ev.evaluate_expression(parsed->right, check.origin, "assert", &r.right.trace, &right_reading);
  if (left) r.left.computed = left.value();
  if (right) r.right.computed = right.value();
  if (!left || !right || within_misused) return r;
  if (auto mixed =
          percent_mix(left_reading, right_reading, "compare", parsed->left, parsed->right)) {
    mixed->offset = parsed->op_offset;
    problems.push_back(at_offset(*mixed, string_start(check.origin, "assert")));
    return r;
  }

  const auto left_ids = referenced_ids(parsed->left);
  const auto right_ids = referenced_ids(parsed->right);
  const auto all_ids = concat(left_ids, right_ids);
  unit left_unit = pick_display_unit(left->dim, all_ids, ev);
  unit right_unit = left->dim == right->dim
                        ? left_unit
                        : pick_display_unit(right->dim, concat(right_ids, left_ids), ev);
  value reference = *right;
  if (!check.within_text.empty()) {
    auto widened = widen_within(check.within_text, reference, right_unit, ev.source().units);
    if (!widened) {
      problems.push_back(at_offset(widened.error(), string_start(check.origin, "within")));
      return r;
    }
    reference.bounds = *widened;
    r.right.computed = reference;
  }
  r.display = left_unit;
  r.left.shown = show_in(*left, left_unit);
  r.right.shown = show_in(reference, right_unit);

  auto compared = compare_values(*left, r.op, reference, left_unit, right_unit);
  if (!compared) {
    text_error error = compared.error();
    error.offset = parsed->op_offset;
    problems.push_back(at_offset(error, string_start(check.origin, "assert")));
    return r;
  }
  r.outcome = compared->outcome;
  r.margin = compared->margin;
  r.nominal_ratio = compared->nominal_ratio;
  r.matches_expect = *r.outcome == r.expect;
  return r;
}

void count_into(check_summary& s, const check_result& r) {
  ++s.total;
  if (!r.outcome) {
    ++s.not_evaluated;
    ++s.unexpected;
    if (r.level == check_severity::warning) ++s.unexpected_warnings;
    return;
  }
  switch (*r.outcome) {
    case check_outcome::pass:
      ++s.pass;
      if (r.matches_expect) ++s.pass_expected;
      break;
    case check_outcome::fail:
      ++s.fail;
      if (r.matches_expect) ++s.fail_expected;
      break;
    case check_outcome::inconclusive:
      ++s.inconclusive;
      if (r.matches_expect) ++s.inconclusive_expected;
      break;
  }
  if (!r.matches_expect) {
    ++s.unexpected;
    if (r.level == check_severity::warning) ++s.unexpected_warnings;
  }
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + ' ' + (n == 1 ? one : many);
}

std::vector<explained_step> explain_steps(const std::vector<trace_step>& trace, evaluator& ev) {
  std::vector<explained_step> steps;
  steps.reserve(trace.size());
  for (const auto& step : trace) {
    steps.push_back({step.text, step.reference, step.depth,
                     show_in(step.result, display_unit_for(step, ev)), step.result.date});
  }
  return steps;
}

}  // namespace

check_outcome compare_intervals(interval a, comparison_op op, interval b) {
  switch (op) {
    case comparison_op::less:
      if (a.hi < b.lo) return check_outcome::pass;
      if (a.lo >= b.hi) return check_outcome::fail;
      return check_outcome::inconclusive;
    case comparison_op::less_equal:
      if (a.hi <= b.lo) return check_outcome::pass;
      if (a.lo > b.hi) return check_outcome::fail;
      return check_outcome::inconclusive;
    case comparison_op::greater:
      if (a.lo > b.hi) return check_outcome::pass;
      if (a.hi <= b.lo) return check_outcome::fail;
      return check_outcome::inconclusive;
    case comparison_op::greater_equal:
      if (a.lo >= b.hi) return check_outcome::pass;
      if (a.hi < b.lo) return check_outcome::fail;
      return check_outcome::inconclusive;
    case comparison_op::consistent:
      return a.lo <= b.hi && b.lo <= a.hi ? check_outcome::pass : check_outcome::fail;
  }
  return check_outcome::inconclusive;
}

const char* to_string(margin_kind k) {
  static constexpr auto names = enum_names<margin_kind::apart>("short by", "above", "apart");
  return names.name(k);
}

std::optional<failure_margin> margin_of_failure(interval a, comparison_op op, interval b) {
  if (compare_intervals(a, op, b) != check_outcome::fail) return std::nullopt;
  failure_margin m;
  const bool left_must_be_larger =
      op == comparison_op::greater || op == comparison_op::greater_equal;
  const bool left_must_be_smaller = op == comparison_op::less || op == comparison_op::less_equal;
  m.kind = left_must_be_larger    ? margin_kind::short_by
           : left_must_be_smaller ? margin_kind::above
                                  : margin_kind::apart;
  // A failing comparison leaves the left side wholly below the right (short
  // by) or wholly above it (above); apart, either. The margin lies between
  // the two nearest bounds.
  const bool left_below =
      m.kind == margin_kind::short_by || (m.kind == margin_kind::apart && a.hi < b.lo);
  const double smaller = left_below ? a.hi : b.hi;
  const double larger = left_below ? b.lo : a.lo;
  m.gap = larger - smaller;
  if (smaller > 0 && larger > 0) {
    m.ratio = larger / smaller;  // larger may be +inf: the ratio is then +inf
  } else if (smaller < 0 && larger < 0) {
    m.ratio = smaller / larger;  // both negative: |smaller| / |larger|
  }
  return m;
}

std::optional<double> nominal_ratio(double left, double right) {
  if (right == 0 || !std::isfinite(left) || !std::isfinite(right)) return std::nullopt;
  double ratio = left / right;
  if (!std::isfinite(ratio)) return std::nullopt;
  return ratio;
}

result<comparison_result> compare_values(const value& left, comparison_op op, const value& right,
                                         const unit& left_unit, const unit& right_unit) {
  if (left.dim != right.dim) {
    return text_error{"expr.dimension", 0,
                      std::string("cannot compare '") + left_unit.text + "' with '" +
                          right_unit.text + "' (dimensions " + left.dim.to_string() + " and " +
                          right.dim.to_string() +
                          "); both sides of a check must have the same dimension"};
  }
  comparison_result r;
  r.outcome = compare_intervals(left.bounds, op, right.bounds);
  r.margin = margin_of_failure(left.bounds, op, right.bounds);
  r.nominal_ratio = nominal_ratio(left.nominal, right.nominal);
  return r;
}

const char* to_string(claim_verdict v) {
  static constexpr auto names = enum_names<claim_verdict::unverified>("supported", "contradicted",
                                                                      "questionable", "unverified");
  return names.name(v);
}

claim_verdict aggregate_verdict(const std::vector<verdict_input>& checks) {
  auto fails_at = [&checks](check_severity level) {
    return std::any_of(checks.begin(), checks.end(), [level](const verdict_input& c) {
      return c.level == level && c.outcome == check_outcome::fail;
    });
  };
  if (fails_at(check_severity::error)) return claim_verdict::contradicted;
  if (fails_at(check_severity::warning)) return claim_verdict::questionable;
  bool all_pass = !checks.empty() && std::all_of(checks.begin(), checks.end(), [](const auto& c) {
    return c.outcome == check_outcome::pass;
  });
  return all_pass ? claim_verdict::supported : claim_verdict::unverified;
}

namespace {

diagnostics rules_of(const dossier& d, evaluator& ev, const parsed_assertions& asserts) {
  diagnostics found;
  const auto used = used_ids(d, ev, asserts);
  std::unordered_set<std::string> named_in_about;
  for (const auto& check : d.checks) {
    if (check.origin.imported) continue;
    named_in_about.insert(check.about.begin(), check.about.end());
  }
  const partial_date* published =
      d.document && d.document->published ? &*d.document->published : nullptr;

  for (const auto& f : d.figures) {
    if (f.origin.imported) continue;
    if (f.kind == figure_kind::claim) {
      if (published != nullptr && f.as_of && f.as_of->first_day() > published->last_day()) {
        found.push_back({severity::warning, "rule.claim_after_publication", f.origin.field("as_of"),
                         "claim '" + f.id + "' is as of " + f.as_of->to_string() +
                             ", after the document was published (" + published->to_string() +
                             "); a document cannot state a later figure: correct as_of, or make "
                             "it a fact from a later source"});
      }
      if (named_in_about.count(f.id) == 0) {
        found.push_back({severity::note, "rule.unverified_claim", f.origin.where,
                         "claim '" + f.id +
                             "' is named in the `about` of no check, so it stays unverified; "
                             "add a check with \"about\": [\"" +
                             f.id + "\"] to verify it"});
      }
      continue;
    }
    std::vector<std::string> secondary;
    bool any_other = false;
    for (const auto& source_id : f.sources) {
      const auto* source = d.find_source(source_id);
      if (source == nullptr) continue;  // an unknown source is the loader's error
      if (source->kind == source_kind::secondary) {
        secondary.push_back(source_id);
      } else {
        any_other = true;
      }
    }
    if (!secondary.empty() && !any_other) {
      found.push_back({severity::warning, "rule.secondary_only", f.origin.field("sources"),
                       "fact '" + f.id + "' rests only on secondary sources (" +
                           quoted_list(secondary) +
                           "); add the primary source that produced the figure (\"kind\": "
                           "\"primary\")"});
    }
    if (used.count(f.id) == 0) {
      found.push_back({severity::note, "rule.unused_figure", f.origin.where,
                       "fact '" + f.id +
                           "' is used by no check (directly or through derived figures) and no "
                           "series; use it in a check or remove it"});
    }
  }
  for (const auto& derived : d.derived) {
    if (derived.origin.imported || used.count(derived.id) != 0) continue;
    found.push_back({severity::note, "rule.unused_figure", derived.origin.where,
                     "derived figure '" + derived.id +
                         "' is used by no check (directly or through other derived figures); "
                         "use it in a check or remove it"});
  }
  return found;
}
}  // namespace

diagnostics built_in_rules(const dossier& d) {
  evaluator ev(d);
  parsed_assertions asserts;
  for (const auto& check : d.checks) {
    if (!check.origin.imported) asserts.emplace(&check, parse_assertion(check.assert_text));
  }
  return rules_of(d, ev, asserts);
}

check_run check_dossier(const dossier& d, const input_limits& limits) {
  evaluator ev(d, limits);
  ev.set_tracing(false);  // a check report shows no steps
  // The series are fitted before the checks run, as `trend` fits them, so
  // that the evaluation problems come in the same order whoever asks.
  diagnostics series = series_problems(ev);
  check_run run = run_checks(d, ev);
  run.problems.insert(run.problems.end(), series.begin(), series.end());
  return run;
}

std::vector<check_run> run_checks_of(const std::vector<dossier>& dossiers,
                                     const input_limits& limits, unsigned threads) {
  std::vector<check_run> runs(dossiers.size());
  // A dossier's evaluation reads only that dossier and writes only its slot.
  parallel_for(dossiers.size(), threads,
               [&](std::size_t i) { runs[i] = check_dossier(dossiers[i], limits); });
  return runs;
}

void check_each(dossier_stream& stream, const input_limits& limits, unsigned threads,
                const std::function<void(const dossier&, const check_run*)>& each) {
  const std::size_t batch = std::max(1u, threads);
  for (;;) {
    std::vector<dossier> dossiers;
    while (dossiers.size() < batch) {
      auto next = stream.next();
      if (!next) break;
      dossiers.push_back(std::move(*next));
    }
    if (dossiers.empty()) return;
    // Not an invalid load's dossiers: no one reads their runs.
    const std::vector<check_run> runs =
        stream.ok() ? run_checks_of(dossiers, limits, threads) : std::vector<check_run>();
    for (std::size_t i = 0; i < dossiers.size(); ++i) {
      each(dossiers[i], runs.empty() ? nullptr : &runs[i]);
    }
  }
}

diagnostics problems_of(const std::vector<check_run>& runs) {
  diagnostics all;
  for (const auto& run : runs) all.insert(all.end(), run.problems.begin(), run.problems.end());
  return all;
}

std::string suggest_ids(const std::string& id, const std::vector<std::string>& ids) {
  const std::string near = nearest_name(id, ids);
  if (!near.empty()) return "; did you mean '" + near + "'?";
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (const auto& candidate : ids) ranked.emplace_back(edit_distance(id, candidate), candidate);
  std::sort(ranked.begin(), ranked.end());
  ranked.erase(std::unique(ranked.begin(), ranked.end()), ranked.end());
  const std::size_t shown = std::min<std::size_t>(3, ranked.size());
  if (shown == 0) return "";
  std::string out = shown == 1 ? "; the only id is " : "; the nearest ids are ";
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) out += i + 1 == shown ? " and " : ", ";
    out += "'" + ranked[i].second + "'";
  }
  return out;
}

check_run run_checks(const dossier& d, evaluator& ev) {
  check_run run;
  run.source = &d;
  run.dossier_name = d.name();
  ev.evaluate_all();
  parsed_assertions asserts;
  for (const auto& check : d.checks) {
    if (check.origin.imported) continue;
    const auto& parsed = asserts.emplace(&check, parse_assertion(check.assert_text)).first->second;
    run.checks.push_back(evaluate_check(check, parsed, ev, run.problems));
    count_into(run.summary, run.checks.back());
  }
  // The checks that name each claim in their `about`, in check order: one pass over the
  // checks, not one per claim (that was quadratic in a dossier's size).
  std::unordered_map<std::string_view, std::vector<std::size_t>> checks_about;
  for (std::size_t i = 0; i < run.checks.size(); ++i) {
    if (run.checks[i].record == nullptr) continue;
    for (const auto& id : run.checks[i].record->about) {
      auto& named = checks_about[id];
      if (named.empty() || named.back() != i) named.push_back(i);  // an id named twice counts once
    }
  }
  for (const auto& f : d.figures) {
    if (f.origin.imported || f.kind != figure_kind::claim) continue;
    claim_result c;
    c.claim = &f;
    c.id = f.id;
    std::vector<verdict_input> inputs;
    if (const auto named = checks_about.find(f.id); named != checks_about.end()) {
      for (const std::size_t i : named->second) {
        const auto& r = run.checks[i];
        c.check_ids.push_back(r.id);
        inputs.push_back({r.level, r.outcome});
      }
    }
    c.verdict = aggregate_verdict(inputs);
    run.claims.push_back(std::move(c));
  }
  run.findings = rules_of(d, ev, asserts);
  // Evaluation problems come after the check's own, each once.
  for (const auto& problem : ev.problems()) run.problems.push_back(problem);
  return run;
}

namespace {

template <class Runs>
check_status status_in(const Runs& runs, bool strict) {
  for (const check_run& run : runs) {
    if (has_errors(run.problems)) return check_status::invalid;
  }
  for (const check_run& run : runs) {
    for (const auto& r : run.checks) {
      if (!r.outcome) return check_status::invalid;
      if (!r.matches_expect && (r.level == check_severity::error || strict)) {
        return check_status::unexpected;
      }
    }
  }
  return check_status::as_expected;
}

}  // namespace

check_status status_of(const std::vector<check_run>& runs, bool strict) {
  return status_in(runs, strict);
}

check_status status_of(const check_run& run, bool strict) {
  return status_in(std::array<std::reference_wrapper<const check_run>, 1>{run}, strict);
}

check_summary add(check_summary a, const check_summary& b) {
  a.total += b.total;
  a.pass += b.pass;
  a.fail += b.fail;
  a.inconclusive += b.inconclusive;
  a.not_evaluated += b.not_evaluated;
  a.pass_expected += b.pass_expected;
  a.fail_expected += b.fail_expected;
  a.inconclusive_expected += b.inconclusive_expected;
  a.unexpected += b.unexpected;
  a.unexpected_warnings += b.unexpected_warnings;
  return a;
}

std::string summary_line(const check_summary& s) {
  std::string out = plural(s.total, "check", "checks");
  std::vector<std::string> parts;
  // A pass is the default expectation, so only surprises are annotated;
  // for fail and inconclusive, say how many were expected.
  if (s.pass > 0) {
    std::string part = std::to_string(s.pass) + " pass";
    if (s.pass_expected < s.pass) {
      part += " (" + std::to_string(s.pass - s.pass_expected) + " unexpected)";
    }
    parts.push_back(part);
  }
  auto annotated = [&parts](std::size_t n, std::size_t expected, const char* word) {
    if (n == 0) return;
    std::string part = std::to_string(n) + ' ' + word;
    if (expected == n) {
      part += " (as expected)";
    } else if (expected > 0) {
      part += " (" + std::to_string(expected) + " expected)";
    }
    parts.push_back(part);
  };
  annotated(s.fail, s.fail_expected, "fail");
  annotated(s.inconclusive, s.inconclusive_expected, "inconclusive");
  if (s.not_evaluated > 0) parts.push_back(std::to_string(s.not_evaluated) + " not evaluated");
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? ": " : ", ") + parts[i];
  out += "; " + std::to_string(s.unexpected) + " unexpected";
  if (s.unexpected_warnings > 0) {
    out += " (" + std::to_string(s.unexpected_warnings) + " of them " +
           (s.unexpected_warnings == 1 ? "a warning" : "warnings") + ")";
  }
  return out;
}

unit display_unit_for(const trace_step& step, evaluator& ev) {
  if (!step.reference.empty()) {
    const evaluated* e = ev.find(step.reference);
    if (e != nullptr && e->display.dim == step.result.dim) return e->display;
  }
  if (step.shown.dim == step.result.dim) return step.shown;
  return base_unit(step.result.dim);
}

result<explanation> explain(const dossier& d, evaluator& ev, const std::string& id) {
  explanation out;
  out.id = id;
  std::vector<std::string> roots;
  const check_record* check = d.find_check(id);
  if (check != nullptr) {
    out.kind = explained_kind::check;
    out.subject = check->message;
    out.expression = check->assert_text;
    const auto parsed = parse_assertion(check->assert_text);
    check_result r = evaluate_check(*check, parsed, ev, out.problems);
    out.steps = explain_steps(r.left.trace, ev);
    out.right_steps = explain_steps(r.right.trace, ev);
    if (parsed) roots = concat(referenced_ids(parsed->left), referenced_ids(parsed->right));
    out.check = std::move(r);
  } else {
    const evaluated* e = ev.find(id);
    if (e == nullptr) {
      std::string message = "no figure, derived figure or check '" + id + "' in " + d.name();
      return text_error{"explain.unknown_id", 0, message + suggest_ids(id, d.all_ids())};
    }
    if (e->kind == node_kind::derived) {
      out.kind = explained_kind::derived;
      out.subject = e->derived != nullptr ? e->derived->subject : "";
      out.expression = e->derived != nullptr ? e->derived->expr : "";
      out.steps = explain_steps(e->trace, ev);
      roots = e->inputs;
    } else {
      out.kind = explained_kind::figure;
      out.subject = e->figure != nullptr ? e->figure->subject : "";
      roots = {id};
    }
    if (e->result) out.result = show_in(*e->result, e->display);
  }

  // Depth first, inputs before the step that uses them, on an explicit
  // stack: a chain of 30,000 derived figures would overflow the call stack.
  struct pending_node {
    std::string ref;
    const std::vector<std::string>* inputs;  // a series' points or a derived figure's inputs
    std::size_t next;
    const evaluated* derived;  // null for a series
  };
  std::set<std::string> visited;
  std::vector<pending_node> stack;
  auto enter = [&](const std::string& ref) {
    if (!visited.insert(ref).second) return;
    if (const auto* series = d.find_series(ref)) {
      stack.push_back({ref, &series->points, 0, nullptr});
      return;
    }
    const evaluated* e = ev.find(ref);
    if (e == nullptr) return;
    if (e->kind == node_kind::derived) {
      stack.push_back({ref, &e->inputs, 0, e});
      return;
    }
    explained_input input;
    input.id = ref;
    input.figure = e->figure;
    if (e->result) input.shown = show_in(*e->result, e->display);
    if (e->figure != nullptr) {
      for (const auto& source_id : e->figure->sources) {
        const auto* source = d.find_source(source_id);
        input.source_titles.push_back(source != nullptr && !source->title.empty() ? source->title
                                                                                  : source_id);
      }
    }
    out.inputs.push_back(std::move(input));
  };
  auto walk = [&](const std::string& root) {
    enter(root);
    while (!stack.empty()) {
      pending_node& top = stack.back();
      if (top.next < top.inputs->size()) {
        enter((*top.inputs)[top.next++]);  // may grow the stack: `top` is not used after
        continue;
      }
      if (top.derived != nullptr) {
        explained_derived step;
        step.id = top.ref;
        step.derived = top.derived->derived;
        if (top.derived->result) step.shown = show_in(*top.derived->result, top.derived->display);
        out.intermediates.push_back(std::move(step));
      }
      stack.pop_back();
    }
  };
  if (out.kind == explained_kind::derived) visited.insert(id);
  for (const auto& root : roots) walk(root);
  for (const auto& problem : ev.problems()) out.problems.push_back(problem);
  return out;
}

}  // namespace claimcheck
