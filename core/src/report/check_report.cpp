// SPDX-License-Identifier: MIT
#include "claimcheck/report/check_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "check_fields.hpp"
#include "claimcheck/atomic_file.hpp"
#include "claimcheck/report/format.hpp"
#include "claimcheck/report/rule_catalog.hpp"
#include "json_writer.hpp"

namespace claimcheck::report {
namespace {

std::string outcome_label(const check_result& r) {
  return r.outcome ? report::outcome_label(*r.outcome) : "ERROR";
}

colour outcome_colour(const check_result& r) {
  if (!r.outcome || !r.matches_expect) return colour::red;
  return *r.outcome == check_outcome::pass ? colour::green : colour::yellow;
}

// "(expected fail)", "UNEXPECTED (expected pass)", or "" for an expected pass.
std::string expectation_note(const check_result& r) {
  if (!r.outcome) return std::string("not evaluated (expected ") + to_string(r.expect) + ")";
  if (!r.matches_expect) return std::string("UNEXPECTED (expected ") + to_string(r.expect) + ")";
  if (r.expect != check_outcome::pass) return std::string("(expected ") + to_string(r.expect) + ")";
  return "";
}

// The nominal ratio as a factor read the same way as the margin: a check
// "short by 128x" has a nominal ratio of 0.0075, which reads "nominal 134x".
// Nominal ratios keep three significant digits (format_ratio_number).
std::optional<std::string> nominal_factor(const failure_margin& m, double ratio) {
  if (!(ratio > 0) || !std::isfinite(ratio)) return std::nullopt;
  double factor = m.kind == margin_kind::short_by ? 1 / ratio
                  : m.kind == margin_kind::above  ? ratio
                                                  : std::max(ratio, 1 / ratio);
  if (factor < 1) return std::nullopt;
  return "nominal " + format_ratio(factor, 3);
}

}  // namespace

std::string check_margin_text(const check_result& r) {
  if (r.margin) {
    std::string out = describe_margin(*r.margin, r.display);
    if (r.nominal_ratio) {
      auto factor = nominal_factor(*r.margin, *r.nominal_ratio);
      out += factor ? " (" + *factor + ")"
                    : " (nominal ratio " + format_ratio_number(*r.nominal_ratio, 3) + ")";
    }
    return out;
  }
  if (r.nominal_ratio) return "nominal ratio " + format_ratio_number(*r.nominal_ratio, 3);
  return "";
}

namespace {

// Failures and surprises first, so that the first screen shows what is
// wrong: not evaluated, then outcomes that differ from their expect, then
// fail, inconclusive, pass; file order within each group.
int reading_rank(const check_result& r) {
  if (!r.outcome) return 0;
  if (!r.matches_expect) return 1;
  return 2 + outcome_rank(*r.outcome);
}

colour verdict_colour(claim_verdict v) {
  switch (v) {
    case claim_verdict::supported:
      return colour::green;
    case claim_verdict::questionable:
      return colour::yellow;
    case claim_verdict::contradicted:
      return colour::red;
    case claim_verdict::unverified:
      return colour::none;
  }
  return colour::none;
}

// "25 claims: 2 contradicted (a, b), 3 questionable (c, d, e), 10 supported,
// 10 unverified": the headline of a dossier, with the ids that need reading.
std::string verdict_line(const std::vector<claim_result>& claims, bool c) {
  std::string out = std::to_string(claims.size()) + (claims.size() == 1 ? " claim" : " claims");
  bool first = true;
  for (claim_verdict v : {claim_verdict::contradicted, claim_verdict::questionable,
                          claim_verdict::supported, claim_verdict::unverified}) {
    std::vector<std::string> ids;
    for (const auto& claim : claims) {
      if (claim.verdict == v) ids.push_back(claim.id);
    }
    if (ids.empty()) continue;
    std::string part = std::to_string(ids.size()) + ' ' + to_string(v);
    if (v == claim_verdict::contradicted || v == claim_verdict::questionable) {
      part += " (";
      for (std::size_t i = 0; i < ids.size(); ++i) part += (i == 0 ? "" : ", ") + ids[i];
      part += ')';
    }
    out += (first ? ": " : ", ") + paint(part, verdict_colour(v), c);
    first = false;
  }
  return out;
}

// The id a rule finding is about: the first 'quoted' word of its message
// ("fact 'h100.peak_bf16_dense' rests only on ..."), else its file:line.
std::string finding_subject(const diagnostic& d) {
  auto open = d.message.find('\'');
  if (open != std::string::npos) {
    auto close = d.message.find('\'', open + 1);
    if (close != std::string::npos && close > open + 1) {
      return d.message.substr(open + 1, close - open - 1);
    }
  }
  std::string where = d.where.file;
  if (d.where.known()) where += ':' + std::to_string(d.where.line);
  return where;
}

// Words joined by ", " and wrapped before `width` columns, each line after
// the first starting with `indent`.
std::string wrapped_list(const std::vector<std::string>& words, const std::string& indent,
                         std::size_t width) {
  std::string out, line;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string word = words[i] + (i + 1 < words.size() ? "," : "");
    if (!line.empty() && indent.size() + line.size() + 1 + word.size() > width) {
      out += line + '\n' + indent;
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return out + line;
}

// Rule findings, one paragraph per rule: its level, code and count, what
// it finds, the ids it found, and what to do. A rule with one finding keeps
// its file:line:col line. Notes (unused figures, unverified claims) are
// housekeeping, not findings to read first, so they are only counted, on one
// line. `every_finding` lists each finding instead, notes too, rule by rule
// in the same order.
void write_findings(std::ostringstream& out, const diagnostics& findings, bool every_finding) {
  if (findings.empty()) return;
  // Rules in order of severity (errors, warnings, notes), then of first finding.
  std::vector<std::string> seen, codes;
  std::vector<std::pair<std::string, std::size_t>> note_counts;
  std::size_t listed = 0;
  for (severity level : {severity::error, severity::warning, severity::note}) {
    for (const auto& f : findings) {
      if (f.level != level || std::find(seen.begin(), seen.end(), f.code) != seen.end()) continue;
      seen.push_back(f.code);
      const auto count = static_cast<std::size_t>(std::count_if(
          findings.begin(), findings.end(), [&](const diagnostic& g) { return g.code == f.code; }));
      if (level == severity::note && !every_finding) {
        note_counts.emplace_back(f.code, count);
        continue;
      }
      codes.push_back(f.code);
      listed += count;
    }
  }
  std::string notes_line;
  for (const auto& [code, count] : note_counts) {
    notes_line +=
        (notes_line.empty() ? "notes: " : ", ") + std::to_string(count) + " [" + code + "]";
  }
  if (!notes_line.empty()) notes_line += " (--verbose lists them)";
  const bool grouped = !every_finding && codes.size() < listed;
  if (!grouped) {
    out << "  findings\n";
    for (const auto& code : codes) {
      for (const auto& f : findings) {
        if (f.code == code) out << "    " << format_diagnostic(f) << '\n';
      }
    }
    if (!notes_line.empty()) out << "    " << notes_line << '\n';
    return;
  }
  out << "  findings (one entry per rule; --verbose lists each with its file:line:col)\n";
  for (const auto& code : codes) {
    diagnostics same;
    for (const auto& f : findings) {
      if (f.code == code) same.push_back(f);
    }
    if (same.size() == 1) {
      out << "    " << format_diagnostic(same.front()) << '\n';
      continue;
    }
    rule_info rule = describe_rule(code);
    std::vector<std::string> subjects;
    for (const auto& f : same) subjects.push_back(finding_subject(f));
    const std::string indent(6, ' ');
    out << "    " << same.size() << ' ' << to_string(same.front().level) << "s [" << code << "] "
        << rule.short_description << ":\n"
        << indent << wrapped_list(subjects, indent, 100) << '\n';
    if (!rule.help.empty()) out << indent << rule.help << '\n';
  }
  if (!notes_line.empty()) out << "    " << notes_line << '\n';
}

std::string side_text(const std::optional<shown_value>& s) {
  if (!s) return "(not computed)";
  std::string out = format_shown(*s);
  if (!nearly_equal(s->bounds.lo, s->bounds.hi))
    out += "  nominal " + format_value(s->nominal, s->in, interval_digits(s->bounds, s->in));
  return out;
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string assertion_text(const check_result& r) {
  return r.record != nullptr ? r.record->assert_text : r.left.text;
}

void write_side_json(json_writer& w, const char* name, const check_side& side,
                     const std::optional<shown_value>& shown) {
  w.key(name).begin_object();
  w.field("expression", side.text);
  if (shown) {
    w.field("unit", shown->in.text);
    w.field("lo", shown->bounds.lo);
    w.field("hi", shown->bounds.hi);
    w.field("nominal", shown->nominal);
    w.field("text", format_shown(*shown));
  } else {
    w.key("unit").null();
  }
  w.end_object();
}

void write_summary_json(json_writer& w, const check_summary& s) {
  w.key("summary").begin_object();
  w.count_field("checks", s.total);
  w.count_field("pass", s.pass);
  w.count_field("fail", s.fail);
  w.count_field("inconclusive", s.inconclusive);
  w.count_field("not_evaluated", s.not_evaluated);
  w.count_field("unexpected", s.unexpected);
  w.count_field("unexpected_warnings", s.unexpected_warnings);
  w.field("text", summary_line(s));
  w.end_object();
}

void write_diagnostics_json(json_writer& w, const char* name, const diagnostics& list) {
  w.key(name).begin_array();
  for (const auto& d : list) {
    w.begin_object();
    w.field("severity", to_string(d.level));
    w.field("code", d.code);
    w.field("file", d.where.file);
    w.count_field("line", static_cast<std::size_t>(std::max(d.where.line, 0)));
    w.count_field("column", static_cast<std::size_t>(std::max(d.where.column, 0)));
    if (!d.where.pointer.empty()) w.field("pointer", d.where.pointer);
    w.field("message", d.message);
    w.end_object();
  }
  w.end_array();
}

// The headline of a dossier: its name, its summary and, when it has claims,
// their verdicts. With several dossiers, every headline comes first, so that
// the first screen shows each dossier's verdicts, not only the first one's.
void write_headline_text(std::ostringstream& out, const check_run& run, bool c) {
  out << paint(run.dossier_name, colour::bold, c) << "  " << summary_line(run.summary) << '\n';
  if (!run.claims.empty()) out << "  " << verdict_line(run.claims, c) << '\n';
}

void write_run_text(std::ostringstream& out, const check_run& run, const text_options& options) {
  const bool c = options.colour;
  out << paint(run.dossier_name, colour::bold, c) << '\n';
  // The headline: what was checked and which claims need reading.
  out << "  " << summary_line(run.summary) << '\n';
  if (!run.claims.empty()) out << "  " << verdict_line(run.claims, c) << '\n';
  out << '\n';
  if (run.checks.empty()) out << "  (no checks)\n";
  std::vector<const check_result*> ordered;
  for (const auto& r : run.checks) ordered.push_back(&r);
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
    return reading_rank(*a) < reading_rank(*b);
  });
  for (const check_result* checked : ordered) {
    const check_result& r = *checked;
    auto sides = sides_for_display(r);
    std::string label = pad(outcome_label(r), 12);
    out << "  " << paint(label, outcome_colour(r), c) << "  " << r.id;
    if (r.level == check_severity::warning) out << "  [warning]";
    std::string note = expectation_note(r);
    if (!note.empty()) {
      out << "  " << paint(note, r.matches_expect ? colour::none : colour::red, c);
    }
    out << '\n';
    const std::string indent(16, ' ');
    out << indent << assertion_text(r) << '\n';
    if (r.outcome || r.left.shown || r.right.shown) {
      out << indent << "left   " << side_text(sides.left) << '\n';
      out << indent << "right  " << side_text(sides.right) << '\n';
    }
    std::string margin = check_margin_text(r);
    if (!margin.empty()) out << indent << margin << '\n';
    if (!r.message.empty()) out << indent << r.message << '\n';
  }
  if (!run.claims.empty()) {
    out << "  claims\n";
    std::vector<const claim_result*> claims;
    for (const auto& claim : run.claims) claims.push_back(&claim);
    std::stable_sort(claims.begin(), claims.end(), [](const auto* a, const auto* b) {
      return verdict_rank(a->verdict) < verdict_rank(b->verdict);
    });
    for (const claim_result* claim : claims) {
      out << "    " << paint(pad(to_string(claim->verdict), 13), verdict_colour(claim->verdict), c)
          << ' ' << claim->id;
      if (!claim->check_ids.empty()) {
        out << "  (";
        for (std::size_t i = 0; i < claim->check_ids.size(); ++i) {
          out << (i == 0 ? "" : ", ") << claim->check_ids[i];
        }
        out << ')';
      }
      out << '\n';
      const bool doubted = claim->verdict == claim_verdict::contradicted ||
                           claim->verdict == claim_verdict::questionable;
      if (doubted && claim->claim != nullptr && !claim->claim->quote.empty()) {
        out << std::string(18, ' ') << "quote \"" << claim->claim->quote << "\"\n";
      }
    }
  }
  write_findings(out, run.findings, options.every_finding);
  if (!run.problems.empty()) {
    out << "  problems\n";
    for (const auto& p : run.problems) out << "    " << format_diagnostic(p) << '\n';
  }
  out << '\n';
}

void write_run_markdown(std::ostringstream& out, const check_run& run) {
  out << "## " << markdown_cell(run.dossier_name) << "\n\n";
  if (run.checks.empty()) {
    out << "No checks.\n\n";
  } else {
    out << "| check | outcome | expect | left | right | margin | message |\n"
           "|---|---|---|---|---|---|---|\n";
    for (const auto& r : run.checks) {
      auto sides = sides_for_display(r);
      std::string outcome = r.outcome ? to_string(*r.outcome) : "not evaluated";
      if (!r.matches_expect) outcome = "**" + outcome + "** (unexpected)";
      std::string id = "`" + r.id + "`";
      if (r.level == check_severity::warning) id += " (warning)";
      out << "| " << markdown_cell(id) << " | " << outcome << " | " << to_string(r.expect) << " | "
          << markdown_cell(sides.left ? format_shown(*sides.left) : "") << " | "
          << markdown_cell(sides.right ? format_shown(*sides.right) : "") << " | "
          << markdown_cell(check_margin_text(r)) << " | " << markdown_cell(r.message) << " |\n";
    }
    out << '\n';
  }
  if (!run.claims.empty()) {
    out << "### Claims\n\n| claim | verdict | checks |\n|---|---|---|\n";
    for (const auto& claim : run.claims) {
      std::string checks;
      for (const auto& id : claim.check_ids) checks += (checks.empty() ? "`" : ", `") + id + "`";
      out << "| `" << claim.id << "` | " << to_string(claim.verdict) << " | "
          << markdown_cell(checks) << " |\n";
    }
    out << '\n';
  }
  if (!run.findings.empty() || !run.problems.empty()) {
    out << "### Findings\n\n";
    for (const auto& list : {&run.problems, &run.findings}) {
      for (const auto& d : *list) out << "- `" << format_diagnostic(d) << "`\n";
    }
    out << '\n';
  }
  out << summary_line(run.summary) << "\n\n";
}

void write_run_json(json_writer& w, const check_run& run) {
  w.begin_object();
  w.field("name", run.dossier_name);
  w.key("checks").begin_array();
  for (const auto& r : run.checks) {
    auto sides = sides_for_display(r);
    w.begin_object();
    w.field("id", r.id);
    w.field("assert", assertion_text(r));
    write_outcome_fields(w, r);
    w.field("severity", r.level == check_severity::error ? "error" : "warning");
    w.field("message", r.message);
    write_side_json(w, "left", r.left, sides.left);
    write_side_json(w, "right", r.right, sides.right);
    if (r.margin) {
      w.key("margin").begin_object();
      w.field("kind", r.margin->kind == margin_kind::short_by ? "short_by"
                      : r.margin->kind == margin_kind::above  ? "above"
                                                              : "apart");
      w.field("ratio", r.margin->ratio);
      w.field("gap", r.margin->gap / r.display.scale);
      w.field("unit", r.display.text);
      w.field("text", describe_margin(*r.margin, r.display));
      w.end_object();
    } else {
      w.key("margin").null();
    }
    w.field("nominal_ratio", r.nominal_ratio);
    w.end_object();
  }
  w.end_array();
  w.key("claims").begin_array();
  for (const auto& claim : run.claims) {
    w.begin_object();
    w.field("id", claim.id);
    w.field("verdict", to_string(claim.verdict));
    w.key("checks").begin_array();
    for (const auto& id : claim.check_ids) w.string(id);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  write_diagnostics_json(w, "findings", run.findings);
  write_diagnostics_json(w, "problems", run.problems);
  write_summary_json(w, run.summary);
  w.end_object();
}

}  // namespace

shown_sides sides_for_display(const check_result& r) {
  shown_sides out;
  if (r.left.shown) out.left = readable(*r.left.shown);
  if (r.right.shown) {
    out.right = out.left && out.left->in.dim == r.right.shown->in.dim
                    ? convert_shown(*r.right.shown, out.left->in)
                    : readable(*r.right.shown);
  }
  return out;
}

// What the writer keeps between dossiers: the totals and what the format
// must hold until the end, not the runs. Markdown and JSON pass each
// dossier's part to the sink as it is written; text holds its body, since
// every dossier's headline comes before the first body and whether there
// are headlines at all (more than one dossier) is known only at the end:
// the headlines in memory (two lines a dossier), the body, given a sink, in
// a spilled_text (memory, then a temporary file), else in memory.
struct check_report_writer::state {
  check_report_format format;
  text_options options;
  std::function<void(std::string_view)> sink;
  std::string held;  // the report, when no sink was given
  std::size_t runs = 0;
  check_summary total;
  std::ostringstream headlines;        // text
  std::ostringstream part;             // text and markdown: the dossier being written
  std::unique_ptr<spilled_text> body;  // text
  std::optional<diagnostic> problem;
  json_writer json;
};

check_report_writer::check_report_writer(check_report_format format, const text_options& options)
    : check_report_writer(format, options, nullptr) {}

check_report_writer::check_report_writer(check_report_format format, const text_options& options,
                                         std::function<void(std::string_view)> sink)
    : state_(std::make_unique<state>()) {
  state& s = *state_;
  s.format = format;
  s.options = options;
  // Without a sink the report is returned whole: its body is held in memory.
  s.body = std::make_unique<spilled_text>(sink ? spilled_text::default_block : SIZE_MAX);
  if (sink) {
    s.sink = std::move(sink);
  } else {
    s.sink = [&held = s.held](std::string_view piece) { held.append(piece); };
  }
  if (format == check_report_format::markdown) s.sink("# Check report\n\n");
  if (format == check_report_format::json) {
    json_writer& w = s.json;
    w.begin_object();
    w.field("report", "check");
    w.key("format_version").integer(1);
    w.key("dossiers").begin_array();
  }
}

check_report_writer::~check_report_writer() = default;

void check_report_writer::add(const check_run& run) {
  state& s = *state_;
  ++s.runs;
  s.total = claimcheck::add(s.total, run.summary);
  switch (s.format) {
    case check_report_format::text:
      write_headline_text(s.headlines, run, s.options.colour);
      write_run_text(s.part, run, s.options);
      s.body->append(s.part.str());
      s.part.str(std::string());
      break;
    case check_report_format::markdown:
      write_run_markdown(s.part, run);
      s.sink(s.part.str());
      s.part.str(std::string());
      break;
    case check_report_format::json:
      write_run_json(s.json, run);
      s.sink(s.json.take());
      break;
  }
}

std::string check_report_writer::finish() {
  state& s = *state_;
  const bool several = s.runs > 1;
  switch (s.format) {
    case check_report_format::text: {
      // A body that could not be held is not written at all (no headlines
      // without it): problem() says why.
      s.problem = s.body->problem();
      if (s.problem) break;
      if (several) {
        s.sink(s.headlines.str());
        s.sink("\n");
      }
      std::ostringstream().swap(s.headlines);
      s.problem = s.body->replay(s.sink);
      s.body.reset();
      if (s.problem) break;
      const std::string line = (several ? "total: " : "") + summary_line(s.total);
      s.sink(paint(line, s.total.unexpected == 0 ? colour::green : colour::red, s.options.colour) +
             '\n');
      break;
    }
    case check_report_format::markdown:
      if (several) s.sink("**Total:** " + summary_line(s.total) + '\n');
      break;
    case check_report_format::json: {
      json_writer& w = s.json;
      w.end_array();
      write_summary_json(w, s.total);
      w.end_object();
      s.sink(w.finish());
      break;
    }
  }
  return std::move(s.held);
}

const std::optional<diagnostic>& check_report_writer::problem() const {
  return state_->problem;
}

namespace {

std::string write_all(check_report_format format, const std::vector<check_run>& runs,
                      const text_options& options) {
  check_report_writer writer(format, options);
  for (const auto& run : runs) writer.add(run);
  return writer.finish();
}

}  // namespace

std::string check_report_text(const std::vector<check_run>& runs, const text_options& options) {
  return write_all(check_report_format::text, runs, options);
}

std::string check_report_markdown(const std::vector<check_run>& runs) {
  return write_all(check_report_format::markdown, runs, {});
}

std::string check_report_json(const std::vector<check_run>& runs) {
  return write_all(check_report_format::json, runs, {});
}

}  // namespace claimcheck::report
