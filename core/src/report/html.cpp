// SPDX-License-Identifier: MIT
// The HTML report writer. One page, no network: everything it needs is in
// the file (tests/html_report_test.cpp checks that, and scripts/check-html
// renders it in headless Chromium).
#include "claimcheck/report/html.hpp"

#include <algorithm>
#include <sstream>

#include "../enum_names.hpp"
#include "claimcheck/report/check_report.hpp"
#include "claimcheck/report/format.hpp"
#include "claimcheck/report/svg_chart.hpp"

#ifndef CLAIMCHECK_VERSION
#define CLAIMCHECK_VERSION "0"
#endif

namespace claimcheck::report {

namespace {

// The style sheet: a newspaper page. Local font families only; no
// @font-face, @import or url() so that nothing is fetched.
constexpr const char* style_sheet = R"css(
:root { --ink: #1b1b1b; --muted: #5d5d5d; --rule: #d9d4c7; --paper: #fbfaf6;
  --red: #b3261e; --amber: #a35c00; --grey: #5f6368; --green: #1e7b34; --blue: #1f4e8c; }
* { box-sizing: border-box; }
html { background: var(--paper); }
body { margin: 0; color: var(--ink); font: 17px/1.55 Georgia, "Times New Roman", "Noto Serif CJK SC",
  "Noto Serif", serif; }
.sans, header .kicker, .badge, table, .meta, nav, footer, .strip, summary, .chip, dl, ol.steps {
  font-family: "Helvetica Neue", Arial, "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 28px 40px 56px; background: #fff;
  border-left: 1px solid var(--rule); border-right: 1px solid var(--rule); min-height: 100vh; }
a { color: var(--blue); }
code, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.86em; }
h1 { font-size: 2.3em; line-height: 1.15; margin: 6px 0 10px; font-weight: 700; }
h2 { font-size: 1.45em; margin: 40px 0 12px; padding-top: 10px; border-top: 3px double var(--ink); }
h3 { font-size: 1.1em; margin: 0; }
h4 { font: 600 0.78em/1.3 "Helvetica Neue", Arial, sans-serif; text-transform: uppercase;
  letter-spacing: 0.06em; color: var(--muted); margin: 16px 0 6px; }
.masthead { border-bottom: 1px solid var(--ink); padding-bottom: 6px; display: flex;
  justify-content: space-between; align-items: baseline; font-size: 0.8em; letter-spacing: 0.12em;
  text-transform: uppercase; }
.masthead strong { font-size: 1.3em; letter-spacing: 0.04em; }
header.document { margin-top: 26px; }
header .kicker { color: var(--red); font-weight: 700; font-size: 0.8em; letter-spacing: 0.1em;
  text-transform: uppercase; }
.meta { color: var(--muted); font-size: 0.86em; }
.meta span + span::before { content: " · "; }
.strip { display: flex; flex-wrap: wrap; gap: 10px; margin: 22px 0 8px; }
.strip .tally { flex: 1 1 150px; border-top: 4px solid var(--grey); padding: 8px 10px;
  background: #f6f5f1; }
.strip .tally b { display: block; font-size: 1.9em; line-height: 1.1; }
.strip .tally span { font-size: 0.82em; color: var(--muted); }
.tally.contradicted { border-color: var(--red); } .tally.questionable { border-color: var(--amber); }
.tally.supported { border-color: var(--green); } .tally.unverified { border-color: var(--grey); }
.summary-line { font-size: 0.88em; color: var(--muted); }
nav { font-size: 0.85em; margin: 14px 0; }
nav a { margin-right: 14px; }
.badge { display: inline-block; padding: 2px 9px; border-radius: 3px; color: #fff; font-size: 0.74em;
  font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; vertical-align: 2px; }
.badge.contradicted, .badge.fail { background: var(--red); }
.badge.questionable { background: var(--amber); }
.badge.unverified, .badge.inconclusive, .badge.not-evaluated { background: var(--grey); }
.badge.supported, .badge.pass { background: var(--green); }
.rating { font-size: 0.8em; color: var(--muted); margin-left: 6px; }
.claims { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
article.claim { border: 1px solid var(--rule); border-left: 5px solid var(--grey); padding: 12px 14px;
  background: #fff; }
article.claim.contradicted { border-left-color: var(--red); }
article.claim.questionable { border-left-color: var(--amber); }
article.claim.supported { border-left-color: var(--green); }
article.claim blockquote { margin: 8px 0; font-size: 1.12em; line-height: 1.45; }
article.claim blockquote::before { content: "\201C"; color: var(--muted); }
article.claim blockquote::after { content: "\201D"; color: var(--muted); }
.subject { margin: 0 0 6px; color: var(--muted); font-style: italic; font-size: 0.92em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0;
  font-size: 0.8em; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
.chip { display: inline-block; font-size: 0.74em; padding: 1px 7px; border-radius: 10px;
  border: 1px solid var(--rule); margin: 2px 4px 2px 0; text-decoration: none; color: var(--ink); }
.chip.fail { border-color: var(--red); color: var(--red); }
.chip.pass { border-color: var(--green); color: var(--green); }
section.check { border-top: 1px solid var(--rule); padding: 8px 0; }
section.check summary { cursor: pointer; list-style: none; }
section.check summary::-webkit-details-marker { display: none; }
section.check summary .message { font-family: Georgia, "Noto Serif CJK SC", serif; font-size: 1.05em; }
.expect { color: var(--muted); font-size: 0.8em; }
.unexpected { color: var(--red); font-weight: 700; }
.assert { background: #f6f5f1; padding: 6px 10px; margin: 10px 0; overflow-wrap: anywhere; }
.verdict-line { font-weight: 700; }
table { border-collapse: collapse; width: 100%; font-size: 0.8em; margin: 4px 0 8px; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #ece8dd;
  overflow-wrap: anywhere; }
th { color: var(--muted); font-weight: 600; }
td.num { white-space: nowrap; }
table.inputs td.num { white-space: normal; min-width: 9em; }
ol.steps { list-style: none; padding: 0; margin: 4px 0; font-size: 0.82em; }
ol.steps li { padding: 2px 0; display: flex; justify-content: space-between; gap: 16px;
  border-bottom: 1px dotted #e6e1d5; }
ol.steps li .value { white-space: nowrap; color: var(--muted); }
.chart { margin: 10px 0; overflow-x: auto; }
.chart svg { max-width: 100%; height: auto; }
ul.findings { font-size: 0.86em; padding-left: 18px; }
ul.findings li { margin: 4px 0; }
.level-warning { color: var(--amber); font-weight: 700; } .level-note { color: var(--grey); font-weight: 700; }
.level-error { color: var(--red); font-weight: 700; }
ol.sources { font-size: 0.9em; }
ol.sources li { margin: 6px 0; }
.kind { font-size: 0.72em; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted);
  border: 1px solid var(--rule); padding: 0 5px; border-radius: 3px; }
footer { margin-top: 40px; border-top: 1px solid var(--ink); padding-top: 10px; font-size: 0.8em;
  color: var(--muted); }
footer table { width: auto; }
@media (max-width: 760px) { .claims { grid-template-columns: 1fr; } main { padding: 16px; } }
@media print { details { display: block; } main { border: 0; } }
)css";

const char* verdict_word(claim_verdict v) {
  static constexpr auto words = enum_names<claim_verdict::unverified>("Supported", "Contradicted",
                                                                      "Questionable", "Unverified");
  return words.name(v);
}

std::string outcome_class(const std::optional<check_outcome>& o) {
  return o ? to_string(*o) : "not-evaluated";
}

std::string outcome_word(const std::optional<check_outcome>& o) {
  static constexpr auto words =
      enum_names<check_outcome::inconclusive>("Passes", "Fails", "Inconclusive");
  return o ? words.name(*o) : "Not evaluated";
}

// Only web addresses become links; anything else (javascript:, data:) is
// shown as text.
bool linkable(const std::string& url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

std::string link(const std::string& url, const std::string& text) {
  if (!linkable(url)) return html_escape(text);
  return "<a href=\"" + html_escape(url) + "\" rel=\"noopener noreferrer\">" + html_escape(text) +
         "</a>";
}

std::string anchor(const char* prefix, const std::string& id) {
  return html_escape(std::string(prefix) + id);
}

std::string source_links(const dossier& d, const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) {
    if (!out.empty()) out += "; ";
    const source_record* s = d.find_source(id);
    if (s == nullptr) {
      out += html_escape(id);
      continue;
    }
    out += "<a href=\"#source-" + html_escape(id) + "\">" +
           html_escape(s->title.empty() ? id : s->title) + "</a>";
  }
  return out;
}

class page {
 public:
  page(const explained_dossiers& r, const html_options& o) : result_(r), options_(o) {}

  std::string render() {
    std::string title = "claimcheck report";
    if (result_.dossiers.size() == 1 && result_.dossiers[0].source->document &&
        !result_.dossiers[0].source->document->title.empty()) {
      title = "Fact-check: " + result_.dossiers[0].source->document->title;
    }
    out_ << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         << "<meta name=\"generator\" content=\"claimcheck " << CLAIMCHECK_VERSION << "\">\n"
         << "<title>" << html_escape(title) << "</title>\n<style>" << style_sheet << "</style>\n";
    if (options_.embed_claimreview) json_ld();
    out_ << "</head>\n<body>\n<main>\n";
    out_ << "<div class=\"masthead sans\"><strong>claimcheck</strong><span>Numbers, checked</span>"
         << (generated().empty() ? "" : "<span>" + html_escape(generated()) + "</span>")
         << "</div>\n";
    for (std::size_t i = 0; i < result_.dossiers.size(); ++i) dossier_section(i);
    footer();
    out_ << "</main>\n</body>\n</html>\n";
    return out_.str();
  }

 private:
  const explained_dossiers& result_;
  const html_options& options_;
  std::ostringstream out_;

  // The date the page shows: the one it was given, else the latest of its
  // dossiers' dates (dossier_date), never the day it was written.
  std::string generated() const {
    if (!options_.generated_date.empty()) return options_.generated_date;
    std::string latest;
    for (const auto& d : result_.dossiers) {
      std::string day = dossier_date(*d.source);
      // ISO dates of one form compare as text; "2023-06" sorts before "2023-06-01".
      if (day > latest) latest = day;
    }
    return latest;
  }

  void json_ld() {
    std::vector<check_run> runs;
    for (const auto& d : result_.dossiers) runs.push_back(d.run);
    std::string json = claimreview_json(runs, options_.review);
    // "</" would end the script element early and "<!--" would change how
    // HTML reads it. '<' occurs only inside JSON strings, where \u003c is the
    // same character ("<\!" is not a JSON escape at all).
    std::string safe;
    for (char c : json) {
      if (c == '<') {
        safe += "\\u003c";
      } else {
        safe += c;
      }
    }
    out_ << "<script type=\"application/ld+json\">\n" << safe << "</script>\n";
  }

  void dossier_section(std::size_t index) {
    const explained_dossier& rd = result_.dossiers[index];
    const dossier& d = *rd.source;
    const std::string prefix = result_.dossiers.size() > 1 ? "d" + std::to_string(index) + "-" : "";
    out_ << "<div class=\"dossier\" id=\"" << html_escape(prefix + "dossier") << "\">\n";
    document_header(rd);
    verdict_strip(rd);
    out_ << "<nav><a href=\"#" << prefix << "claims\">Claims</a><a href=\"#" << prefix
         << "checks\">Checks</a><a href=\"#" << prefix << "trends\">Trends</a><a href=\"#" << prefix
         << "notes\">Notes</a><a href=\"#" << prefix << "sources\">Sources</a></nav>\n";
    claims(rd, prefix);
    checks(rd, prefix);
    trends(rd, prefix, index);
    notes(rd, prefix);
    sources(d, prefix);
    out_ << "</div>\n";
  }

  void document_header(const explained_dossier& rd) {
    const dossier& d = *rd.source;
    out_ << "<header class=\"document\">\n<div class=\"kicker\">Fact-check";
    if (d.document && !d.document->publisher.empty())
      out_ << " · " << html_escape(d.document->publisher);
    out_ << "</div>\n";
    if (d.document) {
      const document_record& doc = *d.document;
      out_ << "<h1";
      if (!doc.language.empty()) out_ << " lang=\"" << html_escape(doc.language) << "\"";
      out_ << ">" << html_escape(doc.title.empty() ? d.name() : doc.title) << "</h1>\n";
      out_ << "<p class=\"meta\">";
      if (!doc.author.empty()) out_ << "<span>By " << html_escape(doc.author) << "</span>";
      if (!doc.publisher.empty()) out_ << "<span>" << html_escape(doc.publisher) << "</span>";
      if (doc.published)
        out_ << "<span>Published " << html_escape(doc.published->to_string()) << "</span>";
      if (!doc.language.empty())
        out_ << "<span>Language: " << html_escape(doc.language) << "</span>";
      if (!doc.url.empty()) out_ << "<span>" << link(doc.url, "Read the original") << "</span>";
      if (!doc.text_file.empty())
        out_ << "<span>Text: <code>" << html_escape(doc.text_file) << "</code></span>";
      out_ << "</p>\n";
    } else {
      out_ << "<h1>" << html_escape(d.name()) << "</h1>\n";
    }
    out_ << "<p class=\"meta\"><span>Dossier <code>" << html_escape(d.name())
         << "</code></span><span>" << d.files.size() << " claim file"
         << (d.files.size() == 1 ? "" : "s") << "</span><span>" << rd.run.claims.size()
         << " claims</span><span>" << rd.run.checks.size() << " checks</span><span>"
         << d.sources.size() << " sources</span></p>\n</header>\n";
  }

  void verdict_strip(const explained_dossier& rd) {
    std::size_t counts[4] = {0, 0, 0, 0};
    for (const auto& c : rd.run.claims) ++counts[verdict_rank(c.verdict)];
    const claim_verdict order[4] = {claim_verdict::contradicted, claim_verdict::questionable,
                                    claim_verdict::supported, claim_verdict::unverified};
    const char* help[4] = {"an error check about the claim fails",
                           "a warning check about the claim fails", "every check about it passes",
                           "no check settles it"};
    out_ << "<div class=\"strip\">\n";
    for (int i = 0; i < 4; ++i) {
      out_ << "<div class=\"tally " << to_string(order[i]) << "\"><b>" << counts[i] << "</b>"
           << verdict_word(order[i]) << "<br><span>" << help[i] << "</span></div>\n";
    }
    out_ << "</div>\n<p class=\"summary-line sans\">" << html_escape(summary_line(rd.run.summary))
         << "</p>\n";
  }

  const check_result* find_check(const explained_dossier& rd, const std::string& id) const {
    for (const auto& c : rd.run.checks) {
      if (c.id == id) return &c;
    }
    return nullptr;
  }

  void claims(const explained_dossier& rd, const std::string& prefix) {
    const dossier& d = *rd.source;
    std::vector<const claim_result*> order;
    for (const auto& c : rd.run.claims) order.push_back(&c);
    std::stable_sort(order.begin(), order.end(), [](const claim_result* a, const claim_result* b) {
      return verdict_rank(a->verdict) < verdict_rank(b->verdict);
    });
    out_ << "<h2 id=\"" << prefix << "claims\">Claims</h2>\n<div class=\"claims\">\n";
    const std::string lang =
        d.document && !d.document->language.empty() ? d.document->language : "";
    for (const claim_result* c : order) {
      if (c->claim == nullptr) continue;
      const figure_record& f = *c->claim;
      std::optional<claim_rating> rating = rate_claim(rd.run, *c);
      out_ << "<article class=\"claim " << to_string(c->verdict) << "\" id=\""
           << anchor("claim-", c->id) << "\">\n<div><span class=\"badge " << to_string(c->verdict)
           << "\">" << verdict_word(c->verdict) << "</span><span class=\"rating sans\">";
      if (rating) {
        out_ << "Rating " << rating->value << "/" << best_rating << " · " << rating->name;
      } else {
        out_ << "Not rated";
      }
      out_ << "</span></div>\n";
      if (!f.quote.empty()) {
        out_ << "<blockquote";
        if (!lang.empty()) out_ << " lang=\"" << html_escape(lang) << "\"";
        out_ << ">" << html_escape(f.quote) << "</blockquote>\n";
      }
      out_ << "<p class=\"subject\">" << html_escape(f.subject);
      if (!f.speaker.empty()) out_ << " — said by " << html_escape(f.speaker);
      out_ << "</p>\n<dl>\n<dt>Id</dt><dd><code>" << html_escape(f.id) << "</code></dd>\n"
           << "<dt>As written</dt><dd>" << html_escape(figure_as_written(f)) << "</dd>\n";
      auto value = rd.figures.find(f.id);
      if (value != rd.figures.end())
        out_ << "<dt>Read as</dt><dd>" << html_escape(shown_with_nominal(value->second))
             << "</dd>\n";
      if (f.as_of) out_ << "<dt>As of</dt><dd>" << html_escape(f.as_of->to_string()) << "</dd>\n";
      if (f.quote_found)
        out_ << "<dt>In the text</dt><dd>line " << f.quote_found->line << ", column "
             << f.quote_found->column << "</dd>\n";
      if (!f.sources.empty())
        out_ << "<dt>Sources</dt><dd>" << source_links(d, f.sources) << "</dd>\n";
      if (!c->check_ids.empty()) {
        out_ << "<dt>Checks</dt><dd>";
        for (const auto& id : c->check_ids) {
          const check_result* r = find_check(rd, id);
          std::string cls = r != nullptr ? outcome_class(r->outcome) : "not-evaluated";
          out_ << "<a class=\"chip " << cls << "\" href=\"#" << anchor("check-", id) << "\">"
               << html_escape(id) << ": " << html_escape(cls) << "</a>";
        }
        out_ << "</dd>\n";
      }
      out_ << "</dl>\n";
      if (!f.note.empty()) out_ << "<p class=\"meta\">" << html_escape(f.note) << "</p>\n";
      out_ << "</article>\n";
    }
    out_ << "</div>\n";
  }

  void side_row(const char* name, const std::string& text, const std::optional<shown_value>& s) {
    out_ << "<tr><th>" << name << "</th><td><code>" << html_escape(text)
         << "</code></td><td class=\"num\">"
         << (s ? html_escape(shown_with_nominal(*s)) : std::string("not computed"))
         << "</td></tr>\n";
  }

  void steps(const char* title, const std::vector<explained_step>& list) {
    if (list.empty()) return;
    out_ << "<h4>" << title << "</h4>\n<ol class=\"steps\">\n";
    for (const auto& s : list) {
      out_ << "<li><code style=\"padding-left:" << std::max(s.depth, 0) * 18 << "px\">"
           << html_escape(s.text) << "</code><span class=\"value\">"
           << html_escape(s.date ? s.date->to_string() : format_shown(readable(s.shown)))
           << "</span></li>\n";
    }
    out_ << "</ol>\n";
  }

  void checks(const explained_dossier& rd, const std::string& prefix) {
    const dossier& d = *rd.source;
    out_ << "<h2 id=\"" << prefix << "checks\">Checks and how they were computed</h2>\n";
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < rd.run.checks.size(); ++i) order.push_back(i);
    // Failures first, then inconclusive, then passes; file order within.
    auto rank = [&](std::size_t i) {
      const auto& o = rd.run.checks[i].outcome;
      if (!o) return 1;
      return *o == check_outcome::fail ? 0 : *o == check_outcome::inconclusive ? 1 : 2;
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return rank(a) < rank(b); });
    for (std::size_t i : order) {
      const check_result& r = rd.run.checks[i];
      const explanation* e = i < rd.explanations.size() ? &rd.explanations[i] : nullptr;
      bool open = !r.outcome || *r.outcome != check_outcome::pass || !r.matches_expect;
      out_ << "<section class=\"check\" id=\"" << anchor("check-", r.id) << "\">\n<details"
           << (open ? " open" : "") << ">\n<summary><span class=\"badge "
           << outcome_class(r.outcome) << "\">" << outcome_word(r.outcome) << "</span> <code>"
           << html_escape(r.id) << "</code> <span class=\"expect\">"
           << (r.level == check_severity::warning ? "warning · " : "") << "expected "
           << to_string(r.expect) << "</span>";
      if (r.outcome && !r.matches_expect) out_ << " <span class=\"unexpected\">NEW FINDING</span>";
      if (!r.message.empty())
        out_ << "<br><span class=\"message\">" << html_escape(r.message) << "</span>";
      out_ << "</summary>\n";
      out_ << "<div class=\"assert\"><code>" << html_escape(r.record ? r.record->assert_text : "")
           << "</code></div>\n";
      shown_sides sides = sides_for_display(r);
      out_ << "<table class=\"sides\">\n";
      side_row("Left", r.left.text, sides.left);
      side_row("Right", r.right.text, sides.right);
      out_ << "</table>\n<p class=\"verdict-line sans\">" << outcome_word(r.outcome);
      // The margin in the words of the text report (check_margin_text).
      const std::string margin = check_margin_text(r);
      if (!margin.empty()) out_ << ": " << html_escape(margin);
      out_ << "</p>\n";
      if (!r.record || r.record->about.empty()) {
        // Nothing to add: the check names no claim.
      } else {
        out_ << "<p class=\"meta\">About: ";
        for (const auto& id : r.record->about)
          out_ << "<a class=\"chip\" href=\"#" << anchor("claim-", id) << "\">" << html_escape(id)
               << "</a>";
        out_ << "</p>\n";
      }
      if (e != nullptr) explanation_chain(d, rd, *e);
      out_ << "</details>\n</section>\n";
    }
  }

  void explanation_chain(const dossier& d, const explained_dossier& rd, const explanation& e) {
    if (!e.inputs.empty()) {
      out_ << "<h4>Figures it rests on</h4>\n<table class=\"inputs\">\n<tr><th>id</th><th>kind</th>"
              "<th>as written</th><th>read as</th><th>quote and sources</th></tr>\n";
      for (const auto& in : e.inputs) {
        out_ << "<tr><td><code>" << html_escape(in.id) << "</code></td><td>";
        if (in.figure != nullptr) {
          out_ << to_string(in.figure->kind) << "</td><td>"
               << html_escape(figure_as_written(*in.figure));
        } else {
          out_ << "</td><td>";
        }
        out_ << "</td><td class=\"num\">"
             << (in.shown && !(in.figure && in.figure->is_date)
                     ? html_escape(shown_with_nominal(*in.shown))
                     : std::string())
             << "</td><td>";
        if (in.figure != nullptr) {
          if (!in.figure->quote.empty()) out_ << "“" << html_escape(in.figure->quote) << "” ";
          out_ << source_links(d, in.figure->sources);
        }
        out_ << "</td></tr>\n";
      }
      out_ << "</table>\n";
    }
    if (!e.intermediates.empty()) {
      out_ << "<h4>Derived figures on the way</h4>\n<table>\n";
      for (const auto& m : e.intermediates) {
        out_ << "<tr><td><code>" << html_escape(m.id) << "</code></td><td>";
        if (m.derived != nullptr)
          out_ << html_escape(m.derived->subject) << "<br><code>= " << html_escape(m.derived->expr)
               << "</code>";
        out_ << "</td><td class=\"num\">"
             << (m.shown ? html_escape(shown_with_nominal(*m.shown)) : "") << "</td></tr>\n";
      }
      out_ << "</table>\n";
    }
    steps("Steps of the left side", e.steps);
    steps("Steps of the right side", e.right_steps);
    for (const auto& p : e.problems)
      out_ << "<p class=\"level-" << to_string(p.level) << "\">"
           << html_escape(format_diagnostic(p)) << "</p>\n";
    (void)rd;
  }

  void trends(const explained_dossier& rd, const std::string& prefix, std::size_t index) {
    trend_result mine;
    for (const auto& s : result_.trends.series) {
      if (s.dossier == rd.run.dossier_name) mine.series.push_back(s);
    }
    out_ << "<h2 id=\"" << prefix << "trends\">Trends</h2>\n";
    if (mine.series.empty()) {
      out_ << "<p class=\"meta\">The dossier has no series.</p>\n";
      return;
    }
    std::string svg = trend_chart_svg(mine);
    auto start = svg.find("<svg");
    if (start != std::string::npos) {
      svg.erase(0, start);
      // Ids must stay unique when several dossiers share the page.
      const std::string tag = "c" + std::to_string(index) + "-";
      for (const char* from : {"id=\"", "url(#", "href=\"#"}) {
        std::string needle = from;
        for (auto at = svg.find(needle); at != std::string::npos;
             at = svg.find(needle, at + needle.size() + tag.size())) {
          svg.insert(at + needle.size(), tag);
        }
      }
      out_ << "<div class=\"chart\">\n" << svg << "</div>\n";
    }
    out_ << "<table>\n<tr><th>series</th><th>points</th><th>growth per year</th>"
            "<th>doubling or halving time</th><th>R²</th></tr>\n";
    for (const auto& s : mine.series) {
      out_ << "<tr><td><code>" << html_escape(s.id) << "</code><br>" << html_escape(s.subject)
           << "</td><td>" << s.points.size() << "</td>";
      if (s.fit) {
        const log_fit& fit = *s.fit;
        out_ << "<td class=\"num\">×" << html_escape(format_number(fit.growth_factor(), 3))
             << "</td><td class=\"num\">" << (fit.halving() ? "halves every " : "doubles every ")
             << html_escape(format_number(fit.doubling_years(), 3)) << " yr</td><td class=\"num\">"
             << (fit.r_squared ? html_escape(format_number(*fit.r_squared, 3)) : "—") << "</td>";
      } else {
        out_ << "<td colspan=\"3\">no fit</td>";
      }
      out_ << "</tr>\n";
    }
    out_ << "</table>\n";
    bool any = false;
    for (const auto& s : mine.series) {
      for (const auto& p : s.problems) {
        if (!any) out_ << "<ul class=\"findings\">\n";
        any = true;
        out_ << "<li><span class=\"level-" << to_string(p.level) << "\">" << to_string(p.level)
             << "</span> <code>" << html_escape(p.code) << "</code> " << html_escape(p.message)
             << "</li>\n";
      }
    }
    if (any) out_ << "</ul>\n";
  }

  void notes(const explained_dossier& rd, const std::string& prefix) {
    out_ << "<h2 id=\"" << prefix << "notes\">Notes on the dossier</h2>\n";
    if (rd.run.findings.empty() && rd.run.problems.empty()) {
      out_ << "<p class=\"meta\">The built-in rules found nothing.</p>\n";
      return;
    }
    out_ << "<ul class=\"findings\">\n";
    for (const auto* list : {&rd.run.problems, &rd.run.findings}) {
      for (const auto& p : *list) {
        out_ << "<li><span class=\"level-" << to_string(p.level) << "\">" << to_string(p.level)
             << "</span> <code>" << html_escape(p.code) << "</code> " << html_escape(p.message);
        if (p.where.known())
          out_ << " <span class=\"meta\">(" << html_escape(p.where.file) << ":" << p.where.line
               << ")</span>";
        out_ << "</li>\n";
      }
    }
    out_ << "</ul>\n";
  }

  void sources(const dossier& d, const std::string& prefix) {
    out_ << "<h2 id=\"" << prefix << "sources\">Sources</h2>\n<ol class=\"sources\">\n";
    for (const auto& s : d.sources) {
      out_ << "<li id=\"" << anchor("source-", s.id) << "\"><span class=\"kind\">"
           << to_string(s.kind) << "</span> " << link(s.url, s.title.empty() ? s.id : s.title);
      if (!s.publisher.empty()) out_ << ". " << html_escape(s.publisher);
      if (s.published) out_ << ", " << html_escape(s.published->to_string());
      if (s.accessed) out_ << " (accessed " << html_escape(s.accessed->to_string()) << ")";
      if (!linkable(s.url)) out_ << " <span class=\"meta\">no address recorded</span>";
      out_ << " <code class=\"meta\">" << html_escape(s.id) << "</code></li>\n";
    }
    out_ << "</ol>\n";
  }

  void footer() {
    out_
        << "<footer>\n<p>Generated by claimcheck " << CLAIMCHECK_VERSION
        << (generated().empty() ? "" : " as of " + html_escape(generated()))
        << " from the dossier's claim files. Every figure is read as an interval (its rounding and "
           "hedge words); a check passes when its comparison holds for every value of the "
           "intervals, fails when it holds for none, and is inconclusive otherwise.</p>\n"
        << "<table>\n<tr><th>rating</th><th>when</th></tr>\n";
    // The scale of report/claimreview.hpp, which the embedded ClaimReview uses.
    const char* scale[][2] = {
        {"1 · False", "an error-severity check about the claim fails (contradicted)"},
        {"2 · Misleading", "a warning-severity check fails by 1.1x or more (questionable)"},
        {"3 · Imprecise", "a warning-severity check fails, within 1.1x (questionable)"},
        {"4 · Plausible",
         "every check passes, but none compares it (~) with a fact from a primary source"},
        {"5 · True", "every check passes, one of them against a fact from a primary source"},
        {"not rated", "no check about it, or none that settles it (unverified)"}};
    for (const auto& row : scale)
      out_ << "<tr><td>" << row[0] << "</td><td>" << row[1] << "</td></tr>\n";
    out_ << "</table>\n</footer>\n";
  }
};

}  // namespace

std::string html_report(const explained_dossiers& r, const html_options& options) {
  return page(r, options).render();
}

}  // namespace claimcheck::report
