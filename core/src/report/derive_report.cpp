// SPDX-License-Identifier: MIT
#include "claimcheck/report/derive_report.hpp"

#include <algorithm>
#include <sstream>

#include "claimcheck/report/format.hpp"
#include "claimcheck/text.hpp"
#include "json_writer.hpp"

namespace claimcheck::report {
namespace {

// A unit without its text, so that a number is formatted as in its unit
// (money suffixes) but printed alone, for a table with a unit column.
unit unnamed(unit u) {
  u.text = "1";
  return u;
}

struct display_cells {
  std::string nominal, bounds, unit_text;
};

display_cells cells_of(const derived_row& row) {
  if (!row.shown) return {"", "(not computed)", ""};
  shown_value s = readable(*row.shown);
  // The nominal value as precisely as the interval's bounds are written.
  return {format_value(s.nominal, unnamed(s.in), interval_digits(s.bounds, unnamed(s.in))),
          format_interval(s.bounds, unnamed(s.in)), s.in.text};
}

std::string full_number(double v) {
  return claimcheck::format_number(v);
}

bool several_dossiers(const std::vector<derived_row>& rows) {
  return std::any_of(rows.begin(), rows.end(), [&rows](const derived_row& r) {
    return r.dossier_name != rows.front().dossier_name;
  });
}

}  // namespace

std::vector<derived_row> derive_rows(const dossier& d, evaluator& ev, const std::string& only_id,
                                     diagnostics& problems) {
  std::vector<derived_row> rows;
  ev.evaluate_all();
  for (const auto& record : d.derived) {
    if (only_id.empty() ? record.origin.imported : record.id != only_id) continue;
    derived_row row;
    row.dossier_name = d.name();
    row.id = record.id;
    row.subject = record.subject;
    row.expression = record.expr;
    const evaluated* e = ev.find(record.id);
    if (e != nullptr && e->result) row.shown = show_in(*e->result, e->display);
    rows.push_back(std::move(row));
  }
  problems.insert(problems.end(), ev.problems().begin(), ev.problems().end());
  return rows;
}

std::optional<text_error> find_derived_id(const std::vector<dossier>& dossiers,
                                          const std::string& id) {
  std::vector<std::string> known;
  for (const auto& d : dossiers) {
    if (d.find_derived(id) != nullptr) return std::nullopt;
    for (const auto& record : d.derived) known.push_back(record.id);
  }
  std::string message = "no derived figure '" + id + "'";
  std::string near = nearest_name(id, known);
  if (!near.empty()) message += "; did you mean '" + near + "'?";
  return text_error{"derive.unknown_id", 0, message};
}

std::string derive_report_text(const std::vector<derived_row>& rows) {
  if (rows.empty()) return "no derived figures\n";
  const bool with_dossier = several_dossiers(rows);
  std::vector<std::vector<std::string>> table;
  // The subject last: it is the longest column, and a terminal that wraps
  // it keeps the figures aligned.
  table.push_back({"id", "nominal", "interval", "unit", "subject"});
  if (with_dossier) table.back().insert(table.back().begin(), "dossier");
  for (const auto& row : rows) {
    auto c = cells_of(row);
    table.push_back({row.id, c.nominal, c.bounds, c.unit_text, row.subject});
    if (with_dossier) table.back().insert(table.back().begin(), row.dossier_name);
  }
  // Widths in code points, so that Chinese subjects do not skew columns
  // more than their display width already does.
  auto width_of = [](const std::string& s) { return code_point_count(s); };
  std::vector<std::size_t> widths(table.front().size(), 0);
  for (const auto& line : table) {
    for (std::size_t i = 0; i < line.size(); ++i)
      widths[i] = std::max(widths[i], width_of(line[i]));
  }
  std::ostringstream out;
  for (const auto& line : table) {
    std::string text;
    for (std::size_t i = 0; i < line.size(); ++i) {
      text += line[i];
      if (i + 1 < line.size()) text += std::string(widths[i] - width_of(line[i]) + 2, ' ');
    }
    out << text << '\n';
  }
  return out.str();
}

std::string derive_report_markdown(const std::vector<derived_row>& rows) {
  const bool with_dossier = several_dossiers(rows);
  std::ostringstream out;
  out << (with_dossier ? "| dossier " : "") << "| id | subject | nominal | interval | unit |\n"
      << (with_dossier ? "|---" : "") << "|---|---|---|---|---|\n";
  for (const auto& row : rows) {
    auto c = cells_of(row);
    if (with_dossier) out << "| " << markdown_cell(row.dossier_name) << ' ';
    out << "| `" << row.id << "` | " << markdown_cell(row.subject) << " | " << c.nominal << " | "
        << c.bounds << " | " << markdown_cell(c.unit_text) << " |\n";
  }
  return out.str();
}

std::string derive_report_json(const std::vector<derived_row>& rows) {
  json_writer w;
  w.begin_object();
  w.field("report", "derive");
  w.key("format_version").integer(1);
  w.key("derived").begin_array();
  for (const auto& row : rows) {
    w.begin_object();
    w.field("dossier", row.dossier_name);
    w.field("id", row.id);
    w.field("subject", row.subject);
    w.field("expr", row.expression);
    if (row.shown) {
      shown_value s = readable(*row.shown);
      w.field("nominal", s.nominal);
      w.field("lo", s.bounds.lo);
      w.field("hi", s.bounds.hi);
      w.field("unit", s.in.text);
      w.field("text", format_shown(s));
    } else {
      w.key("nominal").null();
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.finish();
}

std::string derive_report_csv(const std::vector<derived_row>& rows) {
  std::ostringstream out;
  out << "dossier,id,subject,nominal,lo,hi,unit\n";
  for (const auto& row : rows) {
    out << csv_field(row.dossier_name) << ',' << csv_field(row.id) << ',' << csv_field(row.subject)
        << ',';
    if (row.shown) {
      out << full_number(row.shown->nominal) << ',' << full_number(row.shown->bounds.lo) << ','
          << full_number(row.shown->bounds.hi) << ',' << csv_field(row.shown->in.text);
    } else {
      out << ",,,";
    }
    out << '\n';
  }
  return out.str();
}

}  // namespace claimcheck::report
