#include "claimcheck/report/check_report.hpp"

#include <sstream>

#include "claimcheck/report/format.hpp"
#include "json_writer.hpp"

namespace claimcheck::report {
namespace {

std::string outcome_label(const check_result& r) {
  if (!r.outcome) return "ERROR";
  switch (*r.outcome) {
    case check_outcome::pass:
      return "PASS";
    case check_outcome::fail:
      return "FAIL";
    case check_outcome::inconclusive:
      return "INCONCLUSIVE";
  }
  return "ERROR";
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

std::string margin_text(const check_result& r) {
  std::string out;
  if (r.margin) out = describe_margin(*r.margin, r.display);
  if (r.nominal_ratio) {
    if (!out.empty()) out += "; ";
    out += "nominal ratio " + format_number(*r.nominal_ratio, 2);
  }
  return out;
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

check_summary total_of(const std::vector<check_run>& runs) {
  check_summary total;
  for (const auto& run : runs) total = add(total, run.summary);
  return total;
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

std::string check_report_text(const std::vector<check_run>& runs, const text_options& options) {
  const bool c = options.colour;
  std::ostringstream out;
  for (const auto& run : runs) {
    out << paint(run.dossier_name, colour::bold, c) << '\n';
    if (run.checks.empty()) out << "  (no checks)\n";
    for (const auto& r : run.checks) {
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
      std::string margin = margin_text(r);
      if (!margin.empty()) out << indent << margin << '\n';
      if (!r.message.empty()) out << indent << r.message << '\n';
    }
    if (!run.claims.empty()) {
      out << "  claims\n";
      for (const auto& claim : run.claims) {
        colour tone = claim.verdict == claim_verdict::supported      ? colour::green
                      : claim.verdict == claim_verdict::unverified   ? colour::none
                      : claim.verdict == claim_verdict::questionable ? colour::yellow
                                                                     : colour::red;
        out << "    " << paint(pad(to_string(claim.verdict), 13), tone, c) << ' ' << claim.id;
        if (!claim.check_ids.empty()) {
          out << "  (";
          for (std::size_t i = 0; i < claim.check_ids.size(); ++i) {
            out << (i == 0 ? "" : ", ") << claim.check_ids[i];
          }
          out << ')';
        }
        out << '\n';
      }
    }
    if (!run.findings.empty()) {
      out << "  findings\n";
      for (const auto& f : run.findings) out << "    " << format_diagnostic(f) << '\n';
    }
    if (!run.problems.empty()) {
      out << "  problems\n";
      for (const auto& p : run.problems) out << "    " << format_diagnostic(p) << '\n';
    }
    if (runs.size() > 1) out << "  " << summary_line(run.summary) << '\n';
    out << '\n';
  }
  check_summary total = total_of(runs);
  std::string line = (runs.size() > 1 ? "total: " : "") + summary_line(total);
  out << paint(line, total.unexpected == 0 ? colour::green : colour::red, c) << '\n';
  return out.str();
}

std::string check_report_markdown(const std::vector<check_run>& runs) {
  std::ostringstream out;
  out << "# Check report\n\n";
  for (const auto& run : runs) {
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
        out << "| " << markdown_cell(id) << " | " << outcome << " | " << to_string(r.expect)
            << " | " << markdown_cell(sides.left ? format_shown(*sides.left) : "") << " | "
            << markdown_cell(sides.right ? format_shown(*sides.right) : "") << " | "
            << markdown_cell(margin_text(r)) << " | " << markdown_cell(r.message) << " |\n";
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
  if (runs.size() > 1) out << "**Total:** " << summary_line(total_of(runs)) << '\n';
  return out.str();
}

std::string check_report_json(const std::vector<check_run>& runs) {
  json_writer w;
  w.begin_object();
  w.field("report", "check");
  w.key("format_version").integer(1);
  w.key("dossiers").begin_array();
  for (const auto& run : runs) {
    w.begin_object();
    w.field("name", run.dossier_name);
    w.key("checks").begin_array();
    for (const auto& r : run.checks) {
      auto sides = sides_for_display(r);
      w.begin_object();
      w.field("id", r.id);
      w.field("assert", assertion_text(r));
      w.field("op", to_string(r.op));
      if (r.outcome) {
        w.field("outcome", to_string(*r.outcome));
      } else {
        w.key("outcome").null();
      }
      w.field("expect", to_string(r.expect));
      w.field("matches_expect", r.matches_expect);
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
  w.end_array();
  write_summary_json(w, total_of(runs));
  w.end_object();
  return w.finish();
}

}  // namespace claimcheck::report
