// SPDX-License-Identifier: MIT
// The results of validate, check and coverage as one list of located
// diagnostics, so that the CI writers (SARIF, GitHub workflow commands)
// take one input whatever command produced it.
//
// Example: a check whose outcome is fail but whose expect is pass becomes
//   claims/waic-2023/checks.json:31:17: error: [check.unexpected]
//   coreweave.full_training_possible: fail, expected pass (short by 128x). 3584 H100s ...
// located at the check's `assert`. Checks whose outcome equals their expect
// are not reported: CI flags what is new, not what the authors established.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "claimcheck/checks.hpp"
#include "claimcheck/coverage.hpp"
#include "claimcheck/diagnostic.hpp"

namespace claimcheck::report {

// Problems, rule findings and unexpected outcomes (check.unexpected: error
// for an error-severity check, warning for a warning-severity one), per
// dossier in that order.
diagnostics check_diagnostics(const std::vector<check_run>& runs);
// One run's share of check_diagnostics, appended to `out`.
void append_check_diagnostics(const check_run& run, diagnostics& out);

// Stopping problems, problems of the text (utf8.*, scan.*), uncovered
// mentions (coverage.uncovered, warning, at the numeral in the text) and
// unused ignore entries (coverage.unused_ignore, note).
diagnostics coverage_diagnostics(const std::vector<coverage_result>& results);

// A diagnostic's file as a path relative to `base` with '/' separators
// ("claims/waic-2023/claims.json"), as code-scanning services and GitHub
// annotations want it. `file` relative to the current folder or absolute;
// `base` empty means the current folder. A file outside `base` keeps its
// absolute path.
std::string repository_path(const std::string& file, const std::filesystem::path& base = {});

}  // namespace claimcheck::report
