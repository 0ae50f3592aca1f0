// SPDX-License-Identifier: MIT
// Writers of `claimcheck check` results: text (for people, colour only when
// asked), Markdown (for pull requests and READMEs) and JSON (for programs).
// All three take the same check_run objects (checks.hpp).
//
// Example (text): per dossier, the headline first, then the checks with
// failures and surprises before passes, then every claim's verdict
// (contradicted first), then the rule findings, one entry per rule:
//   waic-2023
//     37 checks: 26 pass, 9 fail (as expected), 2 inconclusive (as expected); 0 unexpected
//     25 claims: 2 contradicted (coreweave.duration, coreweave.cost), 3 questionable (...), ...
//
//     FAIL          coreweave.full_training_possible  (expected fail)
//                   coreweave.gpus * h100.peak_bf16_dense * coreweave.duration >=
//                   gpt3.train_compute left   [2.23e21, 2.45e21] FLOP  nominal 2.34e21 FLOP right
//                   [3.13e23, 3.15e23] FLOP  nominal 3.14e23 FLOP short by 128x (nominal 134x) 3584
//                   H100s running at dense BF16 peak for 11 minutes deliver ...
//     ...
//     claims
//       contradicted  coreweave.duration  (coreweave.full_training_possible, ...)
//                     quote "僅用時11分鐘就完成GPT-3模型的訓練"
//     findings (one entry per rule; --verbose lists each with its file:line:col)
//       20 warnings [rule.secondary_only] a fact whose sources are all secondary:
//         mlperf.gpt3_time, h100.peak_bf16_dense, ...
//         Add the primary source that produced the figure.
//
//   37 checks: 26 pass, 9 fail (as expected), 2 inconclusive (as expected); 0 unexpected
//
// A failure's margin reads "short by 128x (nominal 134x)": the ratio of the
// nearest bounds, then the ratio of the nominal values read the same way
// (docs/rules.md, "Margins"). Other checks show "nominal ratio 0.404" (left
// nominal / right nominal), three significant digits. The HTML page uses
// the same phrase (check_margin_text).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimcheck/checks.hpp"

namespace claimcheck::report {

struct text_options {
  bool colour = false;  // ANSI colours; the tool sets it when stdout is a terminal
  // List every rule finding with its file:line:col (--verbose) instead of
  // one entry per rule when a rule has several.
  bool every_finding = false;
};

enum class check_report_format { text, markdown, json };

// A check report written a dossier at a time: made (the report's opening),
// given each run in order (its dossier's part), finished (the totals and the
// close). It keeps the totals, not the runs, so that `check` can drop each
// dossier once its part is written. The whole-corpus writers below are this
// writer given every run.
//
// Given a sink, the writer passes the report to it in pieces: Markdown and
// JSON each dossier's part as it is added (they keep only the totals), text
// everything at finish (its headlines, one per dossier, come before the
// first dossier's body, and appear only when there are several dossiers,
// so text holds its body until then: the headlines in memory, the body in a
// spilled_text, atomic_file.hpp, so that memory does not grow with it).
// Without one, finish() returns the whole report, held in memory.
class check_report_writer {
 public:
  explicit check_report_writer(check_report_format format, const text_options& options = {});
  check_report_writer(check_report_format format, const text_options& options,
                      std::function<void(std::string_view)> sink);
  ~check_report_writer();
  check_report_writer(const check_report_writer&) = delete;
  check_report_writer& operator=(const check_report_writer&) = delete;

  void add(const check_run& run);
  // Once: the whole report, or "" when the pieces went to the sink.
  std::string finish();
  // Set by finish() when text's body could not be held or read back (a
  // file.write error naming $TMPDIR): the report given to the sink is then
  // incomplete (nothing, when the body could not be held) and must not be
  // published.
  const std::optional<diagnostic>& problem() const;

 private:
  struct state;
  std::unique_ptr<state> state_;
};

std::string check_report_text(const std::vector<check_run>& runs, const text_options& options = {});
std::string check_report_markdown(const std::vector<check_run>& runs);
// One JSON document: {"report": "check", "dossiers": [...], "summary": {...}}.
// Numbers are in the display unit named beside them; an unbounded bound is
// null (JSON has no infinity) and its text form says "inf".
std::string check_report_json(const std::vector<check_run>& runs);

// The two sides of a check in one readable unit (plain seconds become min,
// h, ... by the left side's size), as the writers show them.
struct shown_sides {
  std::optional<shown_value> left, right;
};
shown_sides sides_for_display(const check_result& r);

// A check's margin as the reports write it: "short by 128x (nominal 134x)"
// for a failure, "nominal ratio 0.4" otherwise, "" when there is neither.
std::string check_margin_text(const check_result& r);

}  // namespace claimcheck::report
