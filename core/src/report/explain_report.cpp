// SPDX-License-Identifier: MIT
#include "claimcheck/report/explain_report.hpp"

#include <algorithm>
#include <sstream>

#include "../enum_names.hpp"
#include "check_fields.hpp"
#include "claimcheck/report/format.hpp"
#include "json_writer.hpp"

namespace claimcheck::report {
namespace {

const char* kind_name(explained_kind k) {
  static constexpr auto names = enum_names<explained_kind::check>("figure", "derived", "check");
  return names.name(k);
}

// "11 min, stated" / "2万 USD, about ±10%" / "2023-07-06 (date)".
std::string as_written(const figure_record& f) {
  return figure_as_written(f) + (f.is_date ? " (date)" : "");
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : "; ") + item;
  return out;
}

// The value of an input as the reader needs it: the interval, and the
// nominal value only where the qualifier moved it away from the number as
// written (plus, level, several, range).
std::string input_value(const explained_input& in) {
  shown_value r = readable(*in.shown);
  std::string out = format_shown(r);
  bool as_written_nominal =
      in.figure != nullptr &&
      (in.figure->qual == qualifier::stated || in.figure->qual == qualifier::exact ||
       in.figure->qual == qualifier::about || in.figure->qual == qualifier::almost ||
       in.figure->qual == qualifier::over || in.figure->qual == qualifier::at_least ||
       in.figure->qual == qualifier::under || in.figure->qual == qualifier::at_most);
  if (!as_written_nominal && !nearly_equal(r.bounds.lo, r.bounds.hi))
    out += ", nominal " + format_value(r.nominal, r.in, interval_digits(r.bounds, r.in));
  return out;
}

std::string outcome_line(const check_result& r) {
  std::string out = r.outcome ? to_string(*r.outcome) : "not evaluated";
  out += std::string(" (expected ") + to_string(r.expect) +
         (r.matches_expect ? "" : ", UNEXPECTED") + ")";
  std::string margin = check_margin_text(r);
  if (!margin.empty()) out += "; " + margin;
  return out;
}

// The steps innermost first, each sub-expression indented by its depth and
// its value in one column, so the chain reads top to bottom.
// A step's value as shown: the whole expression (depth 0) in the unit of
// the result it ends in (GPU*h, not the base GPU*s), any other step as is.
std::string step_value(const explained_step& s, const std::optional<unit>& result_unit) {
  if (s.date) return s.date->to_string() + " (date)";
  shown_value shown = s.shown;
  if (s.depth == 0 && result_unit && result_unit->dim == shown.in.dim)
    shown = convert_shown(shown, *result_unit);
  return format_shown(readable(shown));
}

void text_steps(std::ostringstream& out, const char* title,
                const std::vector<explained_step>& steps, const std::optional<unit>& result_unit) {
  if (steps.empty()) return;
  out << title << '\n';
  std::size_t width = 0;
  auto indent_of = [](const explained_step& s) {
    return 2 + static_cast<std::size_t>(std::max(s.depth, 0)) * 2;
  };
  for (const auto& s : steps) width = std::max(width, indent_of(s) + s.text.size());
  for (const auto& s : steps) {
    std::string line = std::string(indent_of(s), ' ') + s.text;
    line.append(width - line.size() + 2, ' ');
    out << line << step_value(s, result_unit) << '\n';
  }
}

void md_steps(std::ostringstream& out, const char* title, const std::vector<explained_step>& steps,
              const std::optional<unit>& result_unit) {
  if (steps.empty()) return;
  out << "### " << title << "\n\n| step | value |\n|---|---|\n";
  for (const auto& s : steps) {
    out << "| " << std::string(static_cast<std::size_t>(std::max(s.depth, 0)) * 2, ' ') << '`'
        << markdown_code_cell(s.text) << "` | " << markdown_cell(step_value(s, result_unit))
        << " |\n";
  }
  out << '\n';
}

void json_shown(json_writer& w, const char* name, const std::optional<shown_value>& s) {
  if (!s) {
    w.key(name).null();
    return;
  }
  shown_value r = readable(*s);
  w.key(name).begin_object();
  w.field("lo", r.bounds.lo);
  w.field("hi", r.bounds.hi);
  w.field("nominal", r.nominal);
  w.field("unit", r.in.text);
  w.field("text", format_shown(r));
  w.end_object();
}

void json_steps(json_writer& w, const char* name, const std::vector<explained_step>& steps) {
  w.key(name).begin_array();
  for (const auto& s : steps) {
    w.begin_object();
    w.field("text", s.text);
    w.field("reference", s.reference);
    w.key("depth").integer(s.depth);
    json_shown(w, "value", s.shown);
    if (s.date) w.field("date", s.date->to_string());
    w.end_object();
  }
  w.end_array();
}

}  // namespace

std::string explain_report_text(const explanation& e, const text_options& options) {
  std::ostringstream out;
  out << paint(e.id, colour::bold, options.colour) << "  " << kind_name(e.kind);
  if (!e.subject.empty()) out << ": " << e.subject;
  out << '\n';
  if (!e.expression.empty())
    out << "  " << (e.kind == explained_kind::check ? "" : "= ") << e.expression << '\n';
  if (!e.inputs.empty()) {
    out << "inputs\n";
    std::size_t width = 0;
    for (const auto& in : e.inputs) width = std::max(width, in.id.size());
    const std::string indent(4 + width, ' ');
    for (const auto& in : e.inputs) {
      out << "  " << in.id << std::string(width - in.id.size() + 2, ' ');
      if (in.figure != nullptr) {
        out << (in.figure->kind == figure_kind::fact ? "fact   " : "claim  ")
            << as_written(*in.figure);
      }
      if (in.shown && !(in.figure != nullptr && in.figure->is_date)) {
        out << " -> " << input_value(in);
      }
      out << '\n';
      if (in.figure != nullptr && !in.figure->quote.empty()) {
        out << indent << "quote: \"" << in.figure->quote << '"';
        if (in.figure->quote_found) {
          out << " (text line " << in.figure->quote_found->line << ", column "
              << in.figure->quote_found->column << ')';
        }
        out << '\n';
      }
      if (in.figure != nullptr && in.figure->as_of) {
        out << indent << "as of: " << in.figure->as_of->to_string() << '\n';
      }
      if (!in.source_titles.empty())
        out << indent << "sources: " << joined(in.source_titles) << '\n';
    }
  }
  if (!e.intermediates.empty()) {
    out << "derived on the way\n";
    for (const auto& d : e.intermediates) {
      out << "  " << d.id;
      if (d.derived != nullptr) out << " = " << d.derived->expr;
      if (d.shown) out << "  -> " << shown_with_nominal(*d.shown);
      out << '\n';
    }
  }
  if (e.kind == explained_kind::check) {
    auto sides = e.check ? sides_for_display(*e.check) : shown_sides{};
    text_steps(out, "left side", e.steps,
               sides.left ? std::optional<unit>(sides.left->in) : std::nullopt);
    text_steps(out, "right side", e.right_steps,
               sides.right ? std::optional<unit>(sides.right->in) : std::nullopt);
    if (e.check) {
      out << "comparison\n";
      out << "  left   " << (sides.left ? shown_with_nominal(*sides.left) : "(not computed)")
          << '\n';
      out << "  " << to_string(e.check->op) << '\n';
      out << "  right  " << (sides.right ? shown_with_nominal(*sides.right) : "(not computed)")
          << '\n';
      out << "outcome  "
          << paint(outcome_line(*e.check), e.check->matches_expect ? colour::none : colour::red,
                   options.colour)
          << '\n';
    }
  } else {
    text_steps(out, "steps", e.steps,
               e.result ? std::optional<unit>(readable(*e.result).in) : std::nullopt);
    if (e.result) out << "result  " << shown_with_nominal(*e.result) << '\n';
  }
  for (const auto& p : e.problems) out << format_diagnostic(p) << '\n';
  return out.str();
}

std::string explain_report_markdown(const explanation& e) {
  std::ostringstream out;
  out << "## `" << e.id << "` (" << kind_name(e.kind) << ")\n\n";
  if (!e.subject.empty()) out << markdown_cell(e.subject) << "\n\n";
  if (!e.expression.empty()) out << "`" << e.expression << "`\n\n";
  if (!e.inputs.empty()) {
    out << "### Inputs\n\n| id | kind | as written | interval | quote | sources |\n"
           "|---|---|---|---|---|---|\n";
    for (const auto& in : e.inputs) {
      out << "| `" << in.id << "` | " << (in.figure ? to_string(in.figure->kind) : "") << " | "
          << markdown_cell(in.figure ? as_written(*in.figure) : "") << " | "
          << markdown_cell(in.shown ? input_value(in) : "") << " | "
          << markdown_cell(in.figure ? in.figure->quote : "") << " | "
          << markdown_cell(joined(in.source_titles)) << " |\n";
    }
    out << '\n';
  }
  if (!e.intermediates.empty()) {
    out << "### Derived on the way\n\n| id | expression | value |\n|---|---|---|\n";
    for (const auto& d : e.intermediates) {
      out << "| `" << d.id << "` | `" << markdown_code_cell(d.derived ? d.derived->expr : "")
          << "` | " << markdown_cell(d.shown ? shown_with_nominal(*d.shown) : "") << " |\n";
    }
    out << '\n';
  }
  if (e.kind == explained_kind::check) {
    auto sides = e.check ? sides_for_display(*e.check) : shown_sides{};
    md_steps(out, "Left side", e.steps,
             sides.left ? std::optional<unit>(sides.left->in) : std::nullopt);
    md_steps(out, "Right side", e.right_steps,
             sides.right ? std::optional<unit>(sides.right->in) : std::nullopt);
    if (e.check) out << "**Outcome:** " << markdown_cell(outcome_line(*e.check)) << "\n";
  } else {
    md_steps(out, "Steps", e.steps,
             e.result ? std::optional<unit>(readable(*e.result).in) : std::nullopt);
    if (e.result) out << "**Result:** " << markdown_cell(shown_with_nominal(*e.result)) << "\n";
  }
  for (const auto& p : e.problems) out << "\n- `" << format_diagnostic(p) << '`';
  if (!e.problems.empty()) out << '\n';
  return out.str();
}

std::string explain_report_json(const explanation& e) {
  json_writer w;
  w.begin_object();
  w.field("report", "explain");
  w.key("format_version").integer(1);
  w.field("id", e.id);
  w.field("kind", kind_name(e.kind));
  w.field("subject", e.subject);
  w.field("expression", e.expression);
  w.key("inputs").begin_array();
  for (const auto& in : e.inputs) {
    w.begin_object();
    w.field("id", in.id);
    if (in.figure != nullptr) {
      const auto& f = *in.figure;
      w.field("kind", to_string(f.kind));
      w.field("subject", f.subject);
      w.field("value", f.value_text);
      w.field("unit", f.unit_text);
      w.field("qualifier", to_string(f.qual));
      w.field("quote", f.quote);
      if (f.as_of) w.field("as_of", f.as_of->to_string());
    }
    json_shown(w, "interval", in.shown);
    w.key("sources").begin_array();
    for (const auto& title : in.source_titles) w.string(title);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("intermediates").begin_array();
  for (const auto& d : e.intermediates) {
    w.begin_object();
    w.field("id", d.id);
    w.field("expression", d.derived ? d.derived->expr : "");
    json_shown(w, "value", d.shown);
    w.end_object();
  }
  w.end_array();
  json_steps(w, "steps", e.steps);
  if (e.kind == explained_kind::check) json_steps(w, "right_steps", e.right_steps);
  json_shown(w, "result", e.result);
  if (e.check) {
    const auto& r = *e.check;
    w.key("check").begin_object();
    write_outcome_fields(w, r);
    auto sides = sides_for_display(r);
    json_shown(w, "left", sides.left);
    json_shown(w, "right", sides.right);
    if (r.margin) {
      w.field("margin", describe_margin(*r.margin, r.display));
      w.field("margin_ratio", r.margin->ratio);
    } else {
      w.key("margin").null();
    }
    w.field("nominal_ratio", r.nominal_ratio);
    w.end_object();
  }
  w.key("problems").begin_array();
  for (const auto& p : e.problems) w.string(format_diagnostic(p));
  w.end_array();
  w.end_object();
  return w.finish();
}

}  // namespace claimcheck::report
