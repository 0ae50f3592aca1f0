// SPDX-License-Identifier: MIT
#include "claimcheck/report/trend_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "claimcheck/text.hpp"
#include "json_writer.hpp"

namespace claimcheck::report {
namespace {

// "[1.36, 1.44]": rounded outwards, so the interval shown contains the one
// computed (format_bounds).
std::string interval_text(interval i) {
  const auto [lo, hi] = format_bounds(i, unit::dimensionless());
  return "[" + lo + ", " + hi + "]";
}

// The shortest decimal that reads back as the same double (the one
// formatter of numbers for machines, claimcheck::format_number); empty for
// NaN.
std::string exact_number(double v) {
  if (std::isnan(v)) return "";
  return claimcheck::format_number(v);
}

// Columns of a text table measure code points, two for the wide (CJK) ones,
// so that titles in Chinese line up in a terminal.
std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const code_point_at at = decode_at(text, i);
    const char32_t cp = at.value;
    const std::size_t length = at.length;
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6);
    width += wide ? 2 : 1;
    i += length;
  }
  return width;
}

std::string pad(const std::string& text, std::size_t width) {
  std::size_t w = display_width(text);
  return w >= width ? text : text + std::string(width - w, ' ');
}

std::string marks_text(const std::vector<std::size_t>& marks) {
  std::string out;
  for (std::size_t m : marks) out += "[" + std::to_string(m) + "]";
  return out;
}

std::string heading(const series_trend& t) {
  std::string out = t.id;
  if (!t.subject.empty()) out += ": " + t.subject;
  std::string unit_text = t.display.text;
  if (!unit_text.empty() && unit_text != "1") out += " (" + unit_text + ")";
  return out;
}

// The cells of one table row, shared by the text and Markdown tables.
struct row_cells {
  std::string date, value, bounds, source, step, annual, scope;
};

std::vector<row_cells> rows_of(const series_trend& t, const series_footnotes& notes) {
  std::vector<row_cells> rows;
  for (std::size_t i = 0; i < t.points.size(); ++i) {
    const trend_point& p = t.points[i];
    row_cells r;
    r.date = p.as_of.to_string();
    r.value = format_value(p.shown.nominal, p.shown.in);
    r.bounds = format_interval(p.shown.bounds, p.shown.in);
    r.source = p.id + " " + marks_text(notes.marks[i]);
    for (const auto& s : t.steps) {
      if (s.to != i) continue;
      r.step = describe_change(s.rate);
      r.annual = describe_annual(s.rate);
    }
    r.scope = p.scope;
    rows.push_back(std::move(r));
  }
  return rows;
}

// With its location when it has one ("claims.json:42:17: warning: [...] ...").
std::string problem_line(const diagnostic& d) {
  if (d.where.known()) return format_diagnostic(d);
  return std::string(to_string(d.level)) + ": [" + d.code + "] " + d.message;
}

}  // namespace

// ---------------------------------------------------------------- shared

std::string describe_change(const step_rate& s) {
  std::string percent = format_number(s.percent());
  if (s.percent() > 0) percent = "+" + percent;
  return "×" + format_number(s.change) + " (" + percent + "%)";
}

std::string describe_annual(const step_rate& s) {
  if (!s.annual_factor) return "n/a (same date)";
  return "×" + format_number(*s.annual_factor) + "/yr " + interval_text(s.annual_bounds);
}

std::string describe_fit(const log_fit& f) {
  std::string out =
      "×" + format_number(f.growth_factor()) + "/yr " + interval_text(f.growth_bounds());
  if (f.slope == 0) {
    out += ", flat";
  } else {
    out += f.halving() ? ", halving every " : ", doubling every ";
    out += format_number(f.doubling_years()) + " yr";
    if (auto b = f.doubling_bounds()) out += " " + interval_text(*b);
  }
  if (f.r_squared) out += ", R² " + format_number(*f.r_squared);
  out += " (" + std::to_string(f.points) + " points";
  if (!f.dates_exhaustive) out += ", date corners sampled";
  return out + ")";
}

series_footnotes footnotes_of(const series_trend& t) {
  series_footnotes out;
  auto number_of = [&out](const std::string& note) {
    auto it = std::find(out.notes.begin(), out.notes.end(), note);
    if (it != out.notes.end()) return static_cast<std::size_t>(it - out.notes.begin()) + 1;
    out.notes.push_back(note);
    return out.notes.size();
  };
  for (const trend_point& p : t.points) {
    std::vector<std::size_t> marks;
    for (const point_source& s : p.sources) {
      std::string note = s.title.empty() ? s.id : s.title;
      if (!s.publisher.empty()) note += " — " + s.publisher;
      if (s.published) note += ", " + s.published->to_string();
      if (!s.url.empty()) note += ", " + s.url;
      marks.push_back(number_of(note));
    }
    if (p.kind == "derived") {
      std::string note = p.id + " = " + p.value_text;
      if (!p.inputs.empty()) {
        note += " (from ";
        for (std::size_t k = 0; k < p.inputs.size(); ++k) note += (k ? ", " : "") + p.inputs[k];
        note += ")";
      }
      marks.push_back(number_of(note));
    }
    out.marks.push_back(std::move(marks));
  }
  return out;
}

// ---------------------------------------------------------------- text

std::string trend_report_text(const trend_result& r) {
  std::ostringstream out;
  bool first = true;
  for (const series_trend& t : r.series) {
    if (!first) out << '\n';
    first = false;
    out << t.dossier << "  series " << heading(t) << '\n';
    auto notes = footnotes_of(t);
    auto rows = rows_of(t, notes);
    const row_cells head{"date", "value", "interval", "source", "step", "annualised", "scope"};
    std::size_t w[7] = {};
    auto measure = [&w](const row_cells& c) {
      const std::string* cells[7] = {&c.date, &c.value,  &c.bounds, &c.source,
                                     &c.step, &c.annual, &c.scope};
      for (int k = 0; k < 7; ++k) w[k] = std::max(w[k], display_width(*cells[k]));
    };
    measure(head);
    for (const auto& row : rows) measure(row);
    auto print = [&](const row_cells& c) {
      std::string line = "  " + pad(c.date, w[0]) + "  " + pad(c.value, w[1]) + "  " +
                         pad(c.bounds, w[2]) + "  " + pad(c.source, w[3]) + "  " +
                         pad(c.step, w[4]) + "  " + pad(c.annual, w[5]) + "  " + c.scope;
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out << line << '\n';
    };
    print(head);
    for (const auto& row : rows) print(row);
    if (t.fit) out << "  fit: " << describe_fit(*t.fit) << '\n';
    for (const auto& d : t.problems) out << "  " << problem_line(d) << '\n';
    for (std::size_t k = 0; k < notes.notes.size(); ++k) {
      out << "  [" << k + 1 << "] " << notes.notes[k] << '\n';
    }
  }
  if (r.series.empty()) out << "no series\n";
  return out.str();
}

// ---------------------------------------------------------------- Markdown

std::string trend_report_markdown(const trend_result& r) {
  std::ostringstream out;
  out << "# Trends\n";
  if (r.series.empty()) out << "\nNo series.\n";
  for (const series_trend& t : r.series) {
    out << "\n## " << markdown_cell(heading(t)) << "\n\n";
    if (!t.dossier.empty()) out << "Dossier: `" << t.dossier << "`\n\n";
    auto notes = footnotes_of(t);
    out << "| date | value | interval | source | step | annualised | scope |\n"
           "|---|---|---|---|---|---|---|\n";
    for (const auto& c : rows_of(t, notes)) {
      out << "| " << c.date << " | " << markdown_cell(c.value) << " | " << markdown_cell(c.bounds)
          << " | " << markdown_cell(c.source) << " | " << markdown_cell(c.step) << " | "
          << markdown_cell(c.annual) << " | " << markdown_cell(c.scope) << " |\n";
    }
    if (t.fit) out << "\n**Fit:** " << describe_fit(*t.fit) << "\n";
    if (!t.problems.empty()) {
      out << '\n';
      for (const auto& d : t.problems) {
        out << "- **" << to_string(d.level) << "** `" << d.code << "` " << markdown_cell(d.message);
        if (d.where.known()) {
          out << " (`" << d.where.file << ":" << d.where.line << ":" << d.where.column << "`)";
        }
        out << '\n';
      }
    }
    if (!notes.notes.empty()) {
      out << '\n';
      for (std::size_t k = 0; k < notes.notes.size(); ++k) {
        out << "[" << k + 1 << "] " << notes.notes[k]
            << (k + 1 < notes.notes.size() ? "  \n" : "\n");
      }
    }
  }
  return out.str();
}

// ---------------------------------------------------------------- CSV

std::string trend_report_csv(const trend_result& r) {
  std::ostringstream out;
  out << "dossier,series,record,id,kind,as_of,value,low,high,unit,scope,sources,"
         "change,change_low,change_high,years,years_low,years_high,"
         "annual,annual_low,annual_high,r_squared,doubling_years\n";
  for (const series_trend& t : r.series) {
    const std::string head = csv_field(t.dossier) + "," + csv_field(t.id) + ",";
    for (std::size_t i = 0; i < t.points.size(); ++i) {
      const trend_point& p = t.points[i];
      std::string sources;
      for (const auto& s : p.sources) sources += (sources.empty() ? "" : " ") + s.id;
      out << head << "point," << csv_field(p.id) << ',' << p.kind << ',' << p.as_of.to_string()
          << ',' << exact_number(p.shown.nominal) << ',' << exact_number(p.shown.bounds.lo) << ','
          << exact_number(p.shown.bounds.hi) << ',' << csv_field(p.shown.in.text) << ','
          << csv_field(p.scope) << ',' << csv_field(sources) << ',';
      const trend_step* step = nullptr;
      for (const auto& s : t.steps) {
        if (s.to == i) step = &s;
      }
      if (step) {
        const step_rate& s = step->rate;
        out << exact_number(s.change) << ',' << exact_number(s.change_bounds.lo) << ','
            << exact_number(s.change_bounds.hi) << ',' << exact_number(s.years) << ','
            << exact_number(s.years_bounds.lo) << ',' << exact_number(s.years_bounds.hi) << ','
            << (s.annual_factor ? exact_number(*s.annual_factor) : "") << ','
            << exact_number(s.annual_bounds.lo) << ',' << exact_number(s.annual_bounds.hi);
      } else {
        out << ",,,,,,,,";
      }
      out << ",,\n";
    }
    if (t.fit) {
      const log_fit& f = *t.fit;
      auto g = f.growth_bounds();
      out << head << "fit,,,,,,," << csv_field(t.display.text) << ",,,,,,,,,"
          << exact_number(f.growth_factor()) << ',' << exact_number(g.lo) << ','
          << exact_number(g.hi) << ',' << (f.r_squared ? exact_number(*f.r_squared) : "") << ','
          << exact_number(f.halving() ? -f.doubling_years() : f.doubling_years()) << '\n';
    }
  }
  return out.str();
}

// ---------------------------------------------------------------- JSON

namespace {

void write_interval(json_writer& j, const char* lo, const char* hi, interval i) {
  j.field(lo, i.lo).field(hi, i.hi);
}

void write_problem(json_writer& j, const diagnostic& d) {
  j.begin_object()
      .field("level", to_string(d.level))
      .field("code", d.code)
      .field("message", d.message);
  if (!d.where.file.empty()) j.field("file", d.where.file);
  if (d.where.known()) {
    j.key("line").integer(d.where.line);
    j.key("column").integer(d.where.column);
  }
  if (!d.where.pointer.empty()) j.field("pointer", d.where.pointer);
  j.end_object();
}

}  // namespace

std::string trend_report_json(const trend_result& r) {
  json_writer j;
  j.begin_object().field("report", "trend").key("format_version").integer(1);
  j.key("series").begin_array();
  for (const series_trend& t : r.series) {
    j.begin_object()
        .field("dossier", t.dossier)
        .field("id", t.id)
        .field("subject", t.subject)
        .field("unit", t.display.text);
    j.key("scopes").begin_array();
    for (const auto& s : t.scopes()) j.string(s);
    j.end_array();
    j.key("points").begin_array();
    for (const trend_point& p : t.points) {
      j.begin_object()
          .field("id", p.id)
          .field("kind", p.kind)
          .field("subject", p.subject)
          .field("as_of", p.as_of.to_string())
          .field("value", p.shown.nominal);
      write_interval(j, "low", "high", p.shown.bounds);
      j.field("unit", p.shown.in.text).field("scope", p.scope).field("written", p.value_text);
      if (!p.qualifier.empty()) j.field("qualifier", p.qualifier);
      j.key("sources").begin_array();
      for (const auto& s : p.sources) {
        j.begin_object().field("id", s.id).field("title", s.title).field("publisher", s.publisher);
        j.field("url", s.url);
        if (s.published) j.field("published", s.published->to_string());
        j.end_object();
      }
      j.end_array();
      if (!p.inputs.empty()) {
        j.key("inputs").begin_array();
        for (const auto& id : p.inputs) j.string(id);
        j.end_array();
      }
      j.end_object();
    }
    j.end_array();
    j.key("steps").begin_array();
    for (const trend_step& s : t.steps) {
      j.begin_object()
          .field("from", t.points[s.from].id)
          .field("to", t.points[s.to].id)
          .field("change", s.rate.change);
      write_interval(j, "change_low", "change_high", s.rate.change_bounds);
      j.field("percent", s.rate.percent()).field("years", s.rate.years);
      write_interval(j, "years_low", "years_high", s.rate.years_bounds);
      j.field("annual", s.rate.annual_factor);
      write_interval(j, "annual_low", "annual_high", s.rate.annual_bounds);
      j.end_object();
    }
    j.end_array();
    j.key("fit");
    if (t.fit) {
      const log_fit& f = *t.fit;
      j.begin_object().count_field("points", f.points).field("growth_per_year", f.growth_factor());
      write_interval(j, "growth_low", "growth_high", f.growth_bounds());
      j.field("slope_ln_per_year", f.slope);
      j.field(f.halving() ? "halving_years" : "doubling_years", f.doubling_years());
      if (auto b = f.doubling_bounds()) {
        write_interval(j, f.halving() ? "halving_low" : "doubling_low",
                       f.halving() ? "halving_high" : "doubling_high", *b);
      }
      j.field("r_squared", f.r_squared).field("dates_exhaustive", f.dates_exhaustive);
      j.end_object();
    } else {
      j.null();
    }
    j.key("problems").begin_array();
    for (const auto& d : t.problems) write_problem(j, d);
    j.end_array();
    j.end_object();
  }
  j.end_array();
  j.key("problems").begin_array();
  for (const auto& d : r.problems) write_problem(j, d);
  j.end_array();
  j.end_object();
  return j.finish();
}

std::string trend_report(const trend_result& r, output_format format) {
  switch (format) {
    case output_format::text:
      return trend_report_text(r);
    case output_format::markdown:
      return trend_report_markdown(r);
    case output_format::csv:
      return trend_report_csv(r);
    case output_format::json:
      return trend_report_json(r);
  }
  return trend_report_text(r);
}

}  // namespace claimcheck::report
