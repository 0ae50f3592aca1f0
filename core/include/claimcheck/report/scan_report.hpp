// SPDX-License-Identifier: MIT
// Writers of `claimcheck scan` results: text (for people, failures first),
// JSON Lines and JSON (for programs), SARIF and GitHub annotations (through
// the diagnostics writers, so that a failing relation shows on its line).
//
// Example (text), for "Prices fell 20% from $125 to $75." on line 2:
//   news.txt:2:1: FAIL change from $125 to $75, stated -20%
//       read     base $125 [124.5, 125.5]; result $75 [74.5, 75.5]; stated 20% [15, 25]
//       implied  100 * (B - A) / A = [-41, -39] %, nominal -40 %
//       outcome  fail: 1.6x apart (nominal 2x)
//   1 relation: 0 pass, 1 fail, 0 inconclusive
//
// The margin reads as `check` prints it (check_margin_text): the ratio of
// the nearest bounds, then the ratio of the nominal values.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimcheck/articles.hpp"
#include "claimcheck/atomic_file.hpp"
#include "claimcheck/diagnostic.hpp"
#include "claimcheck/report/rule_catalog.hpp"
#include "claimcheck/scan.hpp"

namespace claimcheck::report {

enum class scan_format { text, jsonl, json, sarif, github };
// "text", "jsonl", "json", "sarif", "github"; nullopt otherwise.
std::optional<scan_format> parse_scan_format(std::string_view name);

struct scan_report_options {
  bool all = false;     // also passing relations (failures and inconclusive ones always)
  bool colour = false;  // ANSI colours in text
};

// "FAIL", "PASS", "INCONCLUSIVE".
const char* outcome_label(check_outcome o);
// "1.2x apart (nominal 1.25x)" for a failure; "nominal ratio 1" otherwise.
std::string relation_margin_text(const relation_finding& f);
// "change from $120 million to $150 million, stated 20%".
std::string relation_headline(const relation_finding& f);

// A scan report written a finding at a time, holding totals rather than
// findings: jsonl and json pass each finding on as it comes; text, SARIF and
// GitHub list failures first, so they pass failures on at once and keep the
// inconclusive and passing ones (as the report's text, in spilled_texts: in
// memory up to `spill_block` bytes each, then in a temporary file) until
// finish(). The pieces go to `sink`; joined, they are the report the
// whole-result writers below give for the same findings (which are this
// writer given every file).
//
// Example:
//   scan_report_writer report(scan_format::jsonl, {}, write);
//   report.begin_file("news.txt");
//   scan_relations_to(in, [&](relation_finding&& f) { report.add(f); });
//   report.finish();
class scan_report_writer {
 public:
  using sink = std::function<void(std::string_view)>;
  scan_report_writer(scan_format format, const scan_report_options& options, sink out,
                     std::size_t spill_block = spilled_text::default_block);
  ~scan_report_writer();
  scan_report_writer(const scan_report_writer&) = delete;
  scan_report_writer& operator=(const scan_report_writer&) = delete;

  // Each file, in order, before its findings (JSON lists every file, also
  // one without findings).
  void begin_file(const std::string& file);
  // A finding of the file begun last, in text order.
  void add(const relation_finding& f);
  // The rest of the report (once). A file.write diagnostic when a temporary
  // file failed: the report passed on is then incomplete.
  std::optional<diagnostic> finish();
  // Every finding added so far, listed or not.
  const relation_summary& summary() const;

 private:
  struct state;
  std::unique_ptr<state> state_;
};

std::string scan_report_text(const std::vector<relation_scan_result>& results,
                             const scan_report_options& options = {});
// One finding per line.
std::string scan_report_jsonl(const std::vector<relation_scan_result>& results,
                              const scan_report_options& options = {});
// The findings of one article of a JSON Lines archive, one per line, each
// as scan_report_jsonl writes it plus "input_line", "article" (the id as
// written), "article_language" and "article_fields" (docs/scan.md).
std::string scan_findings_jsonl(const relation_scan_result& result, const article& a,
                                const scan_report_options& options = {});
// {"report":"scan","files":[{"file":...,"findings":[...]}],"summary":{...}}
std::string scan_report_json(const std::vector<relation_scan_result>& results,
                             const scan_report_options& options = {});

// Each finding shown as a diagnostic at its sentence (fail: error), failures
// first.
diagnostics scan_diagnostics(const std::vector<relation_scan_result>& results,
                             const scan_report_options& options = {});

// "3 relations: 2 pass, 1 fail, 0 inconclusive".
std::string scan_summary_line(const relation_summary& s);

// {"claimcheck": 1, "claims": [...], "derived": [...], "checks": [...]}: the
// figures of every relation as claims, the implied value as a derived
// figure and the relation as a check, to continue in a dossier.
std::string scan_skeleton_json(const std::vector<relation_scan_result>& results);

}  // namespace claimcheck::report
