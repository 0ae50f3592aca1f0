// Writers of `claimcheck check` results: text (for people, colour only when
// asked), Markdown (for pull requests and READMEs) and JSON (for programs).
// All three take the same check_run objects (checks.hpp).
//
// Example (text):
//   waic-2023
//     FAIL          coreweave.full_training_possible  (expected fail)
//                   coreweave.gpus * h100.peak_bf16_dense * coreweave.duration >=
//                   gpt3.train_compute left   [2.23e21, 2.45e21] FLOP  nominal 2.34e21 FLOP right
//                   [3.13e23, 3.15e23] FLOP  nominal 3.14e23 FLOP short by 128x; nominal ratio
//                   0.0075 3584 H100s running at dense BF16 peak for 11 minutes deliver ...
//     ...
//     claims
//       contradicted  coreweave.duration  (coreweave.full_training_possible, ...)
//     findings
//       claims/waic-2023/facts.json:10:18: warning: [rule.secondary_only] ...
//
//   35 checks: 26 pass, 9 fail (as expected); 0 unexpected
#pragma once

#include <string>
#include <vector>

#include "claimcheck/checks.hpp"

namespace claimcheck::report {

struct text_options {
  bool colour = false;  // ANSI colours; the tool sets it when stdout is a terminal
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

}  // namespace claimcheck::report
