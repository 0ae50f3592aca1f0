// SPDX-License-Identifier: MIT
// Writers for a list of diagnostics: the text form people and editors read,
// and a JSON form for programs. Other formats (SARIF) sit beside these.
//
// Example (text):
//   claims/waic-2023/claims.json:12:18: error: [unit.unknown] unknown unit 'GPUs'; did you mean
//   'GPU'? 1 dossier, 2 files, 41 records: 1 error, 0 warnings
//
// Example (JSON):
//   {"version": 1, "valid": false,
//    "diagnostics": [{"severity": "error", "code": "unit.unknown",
//                     "file": "claims/waic-2023/claims.json", "line": 12, "column": 18,
//                     "pointer": "/claims/3/unit", "message": "unknown unit 'GPUs'; ..."}],
//    "summary": {"dossiers": 1, "files": 2, "records": 41, "errors": 1, "warnings": 0}}
#pragma once

#include <string>

#include "claimcheck/diagnostic.hpp"
#include "claimcheck/loader.hpp"

namespace claimcheck {

// "2 dossiers, 5 files, 143 records: 0 errors, 1 warning"
std::string summary_line(const load_counts& counts, const diagnostics& list);

// One "file:line:col: severity: [code] message" line per diagnostic.
std::string diagnostics_text(const diagnostics& list);

// The JSON form above. `valid` is false when there is an error, or a warning
// and `strict`.
std::string diagnostics_json(const diagnostics& list, const load_counts& counts,
                             bool strict = false);

}  // namespace claimcheck
