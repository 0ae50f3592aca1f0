// SPDX-License-Identifier: MIT
// Writers of `claimcheck explain` results (checks.hpp `explanation`): how a
// derived figure or a check came to its value, from the figures as written
// to the final comparison. Text, Markdown and JSON.
//
// Example (text, abridged):
//   coreweave.gpu_hours  derived: GPU-hours of the run
//     = coreweave.gpus * coreweave.duration
//   inputs
//     coreweave.gpus      claim  3584 GPU, exact -> 3584 GPU
//                         quote: "使用3584張H100芯片" (text line 34, column 38)
//                         sources: 30余款大模型同臺競技
//     coreweave.duration  claim  11 min, stated -> [10.5, 11.5] min
//   steps
//       coreweave.gpus                     3584 GPU
//       coreweave.duration                 [10.5, 11.5] min
//     coreweave.gpus * coreweave.duration  [627, 687] GPU*h
//   result  [627, 687] GPU*h, nominal 657 GPU*h
//
// An input's nominal value is shown only where its qualifier moved it from
// the number as written (plus, level, several, range). A check ends in
//   comparison / left, operator, right (with nominal values) /
//   outcome  fail (expected fail); short by 128x (nominal 134x)
#pragma once

#include <string>

#include "claimcheck/checks.hpp"
#include "claimcheck/report/check_report.hpp"

namespace claimcheck::report {

std::string explain_report_text(const explanation& e, const text_options& options = {});
std::string explain_report_markdown(const explanation& e);
std::string explain_report_json(const explanation& e);

}  // namespace claimcheck::report
