// SPDX-License-Identifier: MIT
// The catalogue of every diagnostic code claimcheck reports: one table, so
// that SARIF's `tool.driver.rules`, the man page and docs name the same
// codes with the same words.
//
// Example: describe_rule("unit.unknown") gives
//   { id "unit.unknown", default level error,
//     short "unknown unit",
//     help  "The unit is neither built in nor declared under `units`. Fix the
//            spelling (units are singular: GPU, not GPUs) or declare it:
//            { \"name\": \"company\", \"aliases\": [\"companies\"] }." }
//
// Codes come from docs/claim-format.md ("Diagnostic codes"), docs/rules.md,
// docs/trends.md, docs/extraction.md and the code; a test keeps the table
// in step with the codes those documents list. A family with an open set of
// members (schema.KEYWORD: the JSON Schema keyword that failed) resolves to
// a generated entry, so that no reported code is ever without a rule.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "claimcheck/diagnostic.hpp"

namespace claimcheck::report {

struct rule_info {
  std::string id;                    // the stable dotted code, e.g. "unit.unknown"
  severity level = severity::error;  // the level it is usually reported at
  std::string short_description;     // one line, no final period
  std::string help;                  // what it means and what to write instead
};

// Every code, sorted by id.
const std::vector<rule_info>& rule_catalog();

// The entry of `code`; a schema.KEYWORD code or a code the table lacks gets
// a generated entry (the family's words, or the code itself), never an error.
rule_info describe_rule(std::string_view code);

// True when the code has its own row in the table.
bool is_catalogued(std::string_view code);

// Codes the reports add beyond what the loader and checker produce.
constexpr std::string_view unexpected_outcome_code = "check.unexpected";
constexpr std::string_view uncovered_mention_code = "coverage.uncovered";
constexpr std::string_view unused_ignore_code = "coverage.unused_ignore";
// `claimcheck scan` findings (docs/scan.md): a failing relation, one that
// could not be computed, and (with --all) a passing one.
constexpr std::string_view scan_fail_code = "scan.inconsistent";
constexpr std::string_view scan_inconclusive_code = "scan.inconclusive";
constexpr std::string_view scan_pass_code = "scan.consistent";

// SARIF's optional informationUri is left out: the project has no public
// address yet, and a made-up one would send readers nowhere.

}  // namespace claimcheck::report
