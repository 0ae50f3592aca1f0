// SPDX-License-Identifier: MIT
// Writers of `claimcheck scan` results (scan_report.hpp).
#include "claimcheck/report/scan_report.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "../enum_names.hpp"
#include "claimcheck/report/check_report.hpp"
#include "claimcheck/report/format.hpp"
#include "claimcheck/report/github.hpp"
#include "claimcheck/report/sarif.hpp"
#include "claimcheck/text.hpp"
#include "json_writer.hpp"

namespace claimcheck::report {

std::optional<scan_format> parse_scan_format(std::string_view name) {
  static constexpr auto names =
      enum_names<scan_format::github>("text", "jsonl", "json", "sarif", "github");
  return names.value(name);
}

std::string relation_margin_text(const relation_finding& f) {
  // The same words as `check`: a check_result carrying only what the margin
  // text reads.
  check_result r;
  r.outcome = f.outcome;
  r.margin = f.margin;
  r.nominal_ratio = f.nominal_ratio;
  r.display = unit::dimensionless();
  return check_margin_text(r);
}

namespace {

const unit& plain_unit() {
  static const unit u = unit::dimensionless();
  return u;
}

// "[1.15e8, 1.25e8]" (no unit: the unit word follows as written).
std::string bounds_text(interval i) {
  auto b = format_bounds(i, plain_unit());
  if (b.first == b.second) return b.first;
  return "[" + b.first + ", " + b.second + "]";
}

std::string with_unit(std::string text, const std::string& unit_word) {
  if (unit_word.empty()) return text;
  if (unit_word == "%") return text + " %";
  return text + " " + unit_word;
}

std::string stated_text(const relation_finding& f) {
  std::string sign = f.stated.nominal < 0 ? "-" : "";
  if (f.kind == relation_kind::change_factor) return f.stated.surface;
  return sign + f.stated.surface;
}

bool listed(const relation_finding& f, const scan_report_options& options) {
  return options.all || f.outcome != check_outcome::pass;
}

std::string location(const std::string& file, const relation_finding& f) {
  return file + ":" + std::to_string(f.sentence.line) + ":" + std::to_string(f.sentence.column);
}

std::string implied_text(const relation_finding& f) {
  if (!f.implied) return f.expression + " cannot be computed";
  return f.expression + " = " + with_unit(bounds_text(*f.implied), f.implied_unit) + ", nominal " +
         with_unit(format_number(f.implied_nominal), f.implied_unit);
}

void write_interval(json_writer& w, interval i) {
  w.key("interval").begin_array().number(i.lo).number(i.hi).end_array();
  w.field("interval_text", to_string(i));
}

// With `a`, the finding of an article of a JSON Lines archive: after "file"
// come "input_line" and "article" (the id as written) and the article's
// language as "article_language" ("language" is the pattern's), and its
// other members close the object as "article_fields".
// A line of JSON Lines (`json_line`) stands alone, so it names its report and
// format version as every --format json document does.
enum class finding_place { in_document, json_line };

void write_finding(json_writer& w, const std::string& file, const relation_finding& f,
                   finding_place place, const article* a = nullptr) {
  w.begin_object();
  if (place == finding_place::json_line) w.field("report", "scan").key("format_version").integer(1);
  w.field("file", file);
  if (a) {
    w.count_field("input_line", a->line).key("article").raw_value(a->id_json);
    if (!a->language.empty()) w.field("article_language", a->language);
  }
  w.count_field("line", static_cast<std::size_t>(f.sentence.line))
      .count_field("column", static_cast<std::size_t>(f.sentence.column))
      .field("kind", to_string(f.kind))
      .field("pattern", f.pattern)
      .field("language", f.language)
      .field("relation", f.words)
      .field("sentence", f.sentence_text);
  w.key("figures").begin_array();
  for (const auto& g : f.figures) {
    w.begin_object()
        .field("role", g.role)
        .field("surface", g.surface)
        .field("unit_word", g.unit_word)
        .field("value", g.nominal)
        .field("precision", g.number.precision);
    write_interval(w, g.bounds);
    if (g.span.line > 0) {
      w.count_field("line", static_cast<std::size_t>(g.span.line))
          .count_field("column", static_cast<std::size_t>(g.span.column));
    }
    w.end_object();
  }
  w.end_array();
  w.key("implied").begin_object().field("expression", f.expression).field("unit", f.implied_unit);
  if (f.implied) {
    w.field("value", f.implied_nominal);
    write_interval(w, *f.implied);
  }
  w.end_object();
  w.key("stated")
      .begin_object()
      .field("surface", f.stated.surface)
      .field("value", f.stated.nominal);
  write_interval(w, f.stated.bounds);
  w.end_object();
  w.field("outcome", to_string(f.outcome)).field("margin", relation_margin_text(f));
  if (f.margin) {
    w.key("margin_detail")
        .begin_object()
        .field("kind", to_string(f.margin->kind))
        .field("ratio", f.margin->ratio)
        .field("gap", f.margin->gap)
        .end_object();
  }
  w.field("nominal_ratio", f.nominal_ratio);
  if (!f.note.empty()) w.field("note", f.note);
  if (a && !a->extra_json.empty()) w.key("article_fields").raw_value(a->extra_json);
  w.end_object();
}

// The listed findings of all files, failures first, text order within.
std::vector<std::pair<const std::string*, const relation_finding*>> reading_order(
    const std::vector<relation_scan_result>& results, const scan_report_options& options) {
  std::vector<std::pair<const std::string*, const relation_finding*>> out;
  for (const auto& r : results) {
    for (const auto& f : r.findings) {
      if (listed(f, options)) out.emplace_back(&r.file, &f);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return outcome_rank(a.second->outcome) < outcome_rank(b.second->outcome);
  });
  return out;
}

}  // namespace

std::string relation_headline(const relation_finding& f) {
  return f.words + ", stated " + stated_text(f);
}

std::string scan_summary_line(const relation_summary& s) {
  return std::to_string(s.total) + (s.total == 1 ? " relation: " : " relations: ") +
         std::to_string(s.pass) + " pass, " + std::to_string(s.fail) + " fail, " +
         std::to_string(s.inconclusive) + " inconclusive";
}

namespace {

// One finding as the text report lists it.
std::string finding_text(const std::string& file, const relation_finding& f, bool colour) {
  std::string out = location(file, f) + ": " +
                    paint(outcome_label(f.outcome), outcome_colour(f.outcome), colour) + " " +
                    relation_headline(f) + "\n";
  std::string read;
  for (const auto& g : f.figures) {
    if (!read.empty()) read += "; ";
    // The surface carries the unit; the interval is in the same unit.
    read += g.role + " " + g.surface + " " + bounds_text(g.bounds);
  }
  out += "    read     " + read + "\n";
  out += "    implied  " + implied_text(f) + "\n";
  std::string margin = relation_margin_text(f);
  out += "    outcome  " + std::string(to_string(f.outcome)) +
         (margin.empty() ? "" : ": " + margin) + "\n";
  if (!f.note.empty()) out += "    note     " + f.note + "\n";
  return out;
}

// One finding as a diagnostic at its sentence.
diagnostic scan_diagnostic(const std::string& file, const relation_finding& f) {
  diagnostic d;
  d.where.file = file;
  d.where.line = f.sentence.line;
  d.where.column = f.sentence.column;
  switch (f.outcome) {
    case check_outcome::fail:
      d.level = severity::error;
      d.code = std::string(scan_fail_code);
      break;
    case check_outcome::inconclusive:
      d.level = severity::note;
      d.code = std::string(scan_inconclusive_code);
      break;
    case check_outcome::pass:
      d.level = severity::note;
      d.code = std::string(scan_pass_code);
      break;
  }
  std::string margin = relation_margin_text(f);
  d.message = relation_headline(f) + "; implied " + implied_text(f) +
              (margin.empty() ? "" : "; " + margin) + (f.note.empty() ? "" : "; " + f.note);
  return d;
}

// Pieces are passed on in runs of about this many bytes.
constexpr std::size_t run_bytes = std::size_t{1} << 16;

}  // namespace

struct scan_report_writer::state {
  scan_format format;
  scan_report_options options;
  scan_report_writer::sink out;
  std::string pending;  // passed on when it reaches run_bytes, and at the end
  relation_summary summary;
  std::string file;
  bool file_open = false;
  json_writer json;                                  // json: the document, taken as it grows
  std::optional<sarif_log_parts> sarif;              // sarif
  bool sarif_result_written = false;                 // sarif: a ',' goes before the next result
  std::vector<std::unique_ptr<spilled_text>> later;  // by outcome rank: 1 inconclusive, 2 pass
  bool finished = false;

  void write(std::string_view piece) {
    pending.append(piece);
    if (pending.size() >= run_bytes) flush();
  }
  void flush() {
    if (!pending.empty()) out(pending);
    pending.clear();
  }
  bool ordered() const {
    return format == scan_format::text || format == scan_format::sarif ||
           format == scan_format::github;
  }
};

scan_report_writer::scan_report_writer(scan_format format, const scan_report_options& options,
                                       sink out, std::size_t spill_block)
    : state_(std::make_unique<state>()) {
  state& s = *state_;
  s.format = format;
  s.options = options;
  s.out = std::move(out);
  if (s.ordered()) {
    for (int rank = 1; rank < 3; ++rank)
      s.later.push_back(std::make_unique<spilled_text>(spill_block));
  }
  if (format == scan_format::json) {
    s.json.begin_object().field("report", "scan").key("format_version").integer(1);
    s.json.key("files").begin_array();
  } else if (format == scan_format::sarif) {
    // The codes of scan_diagnostic are in the rule catalogue.
    s.sarif.emplace();
    s.write(s.sarif->head());
  }
}

scan_report_writer::~scan_report_writer() = default;

void scan_report_writer::begin_file(const std::string& file) {
  state& s = *state_;
  s.file = file;
  if (s.format != scan_format::json) return;
  if (s.file_open) s.json.end_array().end_object();
  s.json.begin_object().field("file", file).key("findings").begin_array();
  s.file_open = true;
}

void scan_report_writer::add(const relation_finding& f) {
  state& s = *state_;
  s.summary.add(f.outcome);
  if (!listed(f, s.options)) return;
  std::string piece;
  switch (s.format) {
    case scan_format::jsonl: {
      json_writer w;
      write_finding(w, s.file, f, finding_place::json_line);
      s.write(w.finish());
      return;
    }
    case scan_format::json:
      write_finding(s.json, s.file, f, finding_place::in_document);
      s.write(s.json.take());
      return;
    case scan_format::text:
      piece = finding_text(s.file, f, s.options.colour);
      break;
    case scan_format::sarif:
      // Each kept result carries its ',' (the first one written drops it).
      piece = "," + s.sarif->result(scan_diagnostic(s.file, f));
      break;
    case scan_format::github:
      piece = github_annotation(scan_diagnostic(s.file, f));
      break;
  }
  const int rank = outcome_rank(f.outcome);
  if (rank > 0) {
    s.later[static_cast<std::size_t>(rank - 1)]->append(piece);
    return;
  }
  if (s.format == scan_format::sarif && !std::exchange(s.sarif_result_written, true))
    piece.erase(0, 1);
  s.write(piece);
}

std::optional<diagnostic> scan_report_writer::finish() {
  state& s = *state_;
  if (std::exchange(s.finished, true)) return std::nullopt;
  std::optional<diagnostic> problem;
  for (auto& spool : s.later) {
    // Flushed first: the spool's pieces go straight to the sink.
    s.flush();
    bool first_piece = true;
    auto replayed = spool->replay([&s, &first_piece](std::string_view piece) {
      if (first_piece && s.format == scan_format::sarif && !piece.empty() &&
          !std::exchange(s.sarif_result_written, true))
        piece.remove_prefix(1);  // no ',' before the log's first result
      first_piece = false;
      s.out(piece);
    });
    if (replayed && !problem) problem = std::move(replayed);
  }
  switch (s.format) {
    case scan_format::text:
      s.write(scan_summary_line(s.summary) + "\n");
      break;
    case scan_format::json:
      if (s.file_open) s.json.end_array().end_object();
      s.json.end_array();
      s.json.key("summary")
          .begin_object()
          .count_field("relations", s.summary.total)
          .count_field("pass", s.summary.pass)
          .count_field("fail", s.summary.fail)
          .count_field("inconclusive", s.summary.inconclusive)
          .end_object();
      s.json.end_object();
      s.write(s.json.finish());
      break;
    case scan_format::sarif:
      s.write(sarif_log_parts::tail());
      break;
    case scan_format::jsonl:
    case scan_format::github:
      break;
  }
  s.flush();
  return problem;
}

const relation_summary& scan_report_writer::summary() const {
  return state_->summary;
}

namespace {

// A whole-result report: the writer given every file. The result is held
// in memory anyway, so nothing is spilled (no temporary file can fail).
std::string whole_report(scan_format format, const std::vector<relation_scan_result>& results,
                         const scan_report_options& options) {
  std::string out;
  scan_report_writer report(
      format, options, [&out](std::string_view piece) { out += piece; },
      std::numeric_limits<std::size_t>::max());
  for (const auto& r : results) {
    report.begin_file(r.file);
    for (const auto& f : r.findings) report.add(f);
  }
  report.finish();
  return out;
}

}  // namespace

std::string scan_report_text(const std::vector<relation_scan_result>& results,
                             const scan_report_options& options) {
  return whole_report(scan_format::text, results, options);
}

std::string scan_report_jsonl(const std::vector<relation_scan_result>& results,
                              const scan_report_options& options) {
  return whole_report(scan_format::jsonl, results, options);
}

std::string scan_findings_jsonl(const relation_scan_result& result, const article& a,
                                const scan_report_options& options) {
  std::string out;
  for (const auto& f : result.findings) {
    if (!listed(f, options)) continue;
    json_writer w;
    write_finding(w, result.file, f, finding_place::json_line, &a);
    out += w.finish();
  }
  return out;
}

std::string scan_report_json(const std::vector<relation_scan_result>& results,
                             const scan_report_options& options) {
  return whole_report(scan_format::json, results, options);
}

diagnostics scan_diagnostics(const std::vector<relation_scan_result>& results,
                             const scan_report_options& options) {
  diagnostics out;
  for (const auto& [file, f] : reading_order(results, options)) {
    out.push_back(scan_diagnostic(*file, *f));
  }
  return out;
}

namespace {

std::string json_quoted(const std::string& text) {
  json_writer w;
  w.string(text);
  std::string out = w.finish();
  out.pop_back();  // the newline finish() adds
  return out;
}

// The claim-format unit of a figure, "1" when its word has none.
std::string claim_unit(const relation_figure& g) {
  if (g.unit_word.empty() || g.unit_word == "x") return "1";
  if (g.source.kind == mention_kind::percent) return "%";  // percentage points too
  std::string u = spec_unit_for(g.unit_word);
  return u.empty() ? "1" : u;
}

// The claim units of a relation's figures, so that the check's two sides
// have one dimension: a price per unit of a quantity is the cost's currency
// per that quantity; GPUs for days give GPU-hours (the units convert, so the
// derived figure needs no factor 24).
std::vector<std::string> skeleton_units(const relation_finding& f) {
  std::vector<std::string> units;
  for (const auto& g : f.figures) units.push_back(claim_unit(g));
  if (f.kind != relation_kind::product || units.size() != 3) return units;
  if (f.pattern == "en.product.price_quantity" || f.pattern == "zh.product.price_quantity") {
    units[1] = "1";
    units[0] = units[2];
  } else if (f.pattern == "en.product.gpu_days_hours") {
    units[2] = units[0] == "1" ? "h" : units[0] + "*h";
  }
  return units;
}

}  // namespace

std::string scan_skeleton_json(const std::vector<relation_scan_result>& results) {
  std::string claims, derived, checks;
  auto add = [](std::string& list, const std::string& record) {
    list += list.empty() ? "\n    " : ",\n    ";
    list += record;
  };
  std::size_t number = 0;
  for (const auto& r : results) {
    for (const auto& f : r.findings) {
      ++number;
      const std::string prefix =
          "scan.l" + std::to_string(f.sentence.line) + "_" + std::to_string(number);
      std::vector<std::string> ids;
      std::vector<std::string> units = skeleton_units(f);
      std::size_t item = 0;
      for (std::size_t k = 0; k < f.figures.size(); ++k) {
        const relation_figure& g = f.figures[k];
        std::string role = g.role;
        if (role == "item" || role == "factor") role += std::to_string(++item);
        std::string id = prefix + "." + role;
        ids.push_back(id);
        const mention& m = g.source;
        // Each end of a range, and a figure that took its list's scale, is
        // a stated figure of its own: the number as read, with its precision.
        const bool own_qualifier = !m.range_end && nearly_equal(g.number.value, m.number.value);
        // A factor stated by words (doubled, 翻一番) is `about` it (scan.hpp).
        const bool factor_words = g.span.line == 0;
        std::string qual = factor_words ? "about" : own_qualifier ? to_string(m.qual) : "stated";
        add(claims, "{ \"id\": " + json_quoted(id) +
                        ", \"subject\": " + json_quoted(g.role + " of: " + f.words) +
                        ", \"quote\": " + json_quoted(fold_for_quotes(f.sentence_text)) +
                        ", \"value\": " + claimcheck::format_number(g.number.value) +
                        ", \"precision\": " + claimcheck::format_number(g.number.precision) +
                        ", \"unit\": " + json_quoted(units[k]) +
                        ", \"qualifier\": " + json_quoted(qual) + " }");
      }
      auto id_of = [&](const char* role) {
        for (std::size_t k = 0; k < f.figures.size(); ++k) {
          if (f.figures[k].role == role) return ids[k];
        }
        return std::string();
      };
      std::string expr;
      std::string stated = id_of("stated");
      switch (f.kind) {
        case relation_kind::change:
          expr = "(" + id_of("result") + " - " + id_of("base") + ") / " + id_of("base");
          break;
        case relation_kind::change_points:
          expr = id_of("result") + " - " + id_of("base");
          break;
        case relation_kind::change_factor:
          expr = id_of("result") + " / " + id_of("base");
          break;
        case relation_kind::share:
          expr = id_of("part") + " / " + id_of("whole");
          break;
        case relation_kind::total:
        case relation_kind::product: {
          const char* glue = f.kind == relation_kind::total ? " + " : " * ";
          for (std::size_t k = 0; k < f.figures.size(); ++k) {
            const auto& role = f.figures[k].role;
            if (role != "item" && role != "factor") continue;
            if (!expr.empty()) expr += glue;
            expr += ids[k];
          }
          stated = id_of("total");
          break;
        }
      }
      if (f.stated.nominal < 0 && f.kind != relation_kind::change_factor) stated = "-" + stated;
      add(derived, "{ \"id\": " + json_quoted(prefix + ".implied") + ", \"subject\": " +
                       json_quoted(f.words) + ", \"expr\": " + json_quoted(expr) + " }");
      std::string check = "{ \"id\": " + json_quoted(prefix + ".consistent") +
                          ", \"assert\": " + json_quoted(prefix + ".implied ~ " + stated) +
                          ", \"message\": " + json_quoted(relation_headline(f));
      if (f.outcome != check_outcome::pass) {
        check += ", \"expect\": " + json_quoted(to_string(f.outcome));
      }
      check += ", \"note\": " +
               json_quoted("found by claimcheck scan (" + f.pattern + ") in " + r.file + ":" +
                           std::to_string(f.sentence.line)) +
               " }";
      add(checks, check);
    }
  }
  auto section = [](const char* name, const std::string& list, bool last) {
    return std::string("  \"") + name + "\": [" + list + (list.empty() ? "]" : "\n  ]") +
           (last ? "\n" : ",\n");
  };
  return "{\n  \"claimcheck\": 1,\n" + section("claims", claims, false) +
         section("derived", derived, false) + section("checks", checks, true) + "}\n";
}

}  // namespace claimcheck::report
