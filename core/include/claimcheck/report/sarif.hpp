// SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format): the log
// that code-scanning services (GitHub's upload-sarif, GitLab, Azure DevOps)
// read, so that claimcheck's problems appear on the lines of a pull request.
//
// Example (abridged):
//   {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
//    "runs": [{"tool": {"driver": {"name": "claimcheck", "version": "0.1.0",
//                                  "rules": [
//        {"id": "unit.unknown", "name": "UnitUnknown",
//         "shortDescription": {"text": "unknown unit"}, "help": {"text": "..."},
//         "defaultConfiguration": {"level": "error"}}, ...]}},
//      "originalUriBaseIds": {"%SRCROOT%": {"uri": "file:///home/me/dossiers/"}},
//      "columnKind": "unicodeCodePoints",
//      "results": [{"ruleId": "unit.unknown", "ruleIndex": 93, "level": "error",
//        "message": {"text": "unknown unit 'GPUs'; did you mean 'GPU'?"},
//        "locations": [{"physicalLocation": {
//          "artifactLocation": {"uri": "claims/waic-2023/claims.json", "uriBaseId": "%SRCROOT%"},
//          "region": {"startLine": 12, "startColumn": 18}}}],
//        "partialFingerprints": {"claimcheckDiagnostic/v1": "6f0c..."},
//        "properties": {"pointer": "/claims/3/unit"}}]}]}
//
// Every code of the rule catalogue is a rule (report/rule_catalog.hpp), plus
// any generated one (schema.KEYWORD) a result uses. Every result has a
// physical location, because code scanning rejects results without one: a
// diagnostic without a line is placed at 1:1 of its file. Columns count
// code points (columnKind unicodeCodePoints), as diagnostics do.
#pragma once

#include <filesystem>
#include <string>

#include "claimcheck/diagnostic.hpp"

namespace claimcheck::report {

struct sarif_options {
  // Artifact URIs are relative to this folder (the repository root),
  // recorded as %SRCROOT%; empty: the current folder.
  std::filesystem::path base;
};

std::string sarif_log(const diagnostics& results, const sarif_options& options = {});

// "error", "warning" or "note": SARIF's result levels.
const char* sarif_level(severity level);

// A relative path as a URI reference: '/' separators, every byte outside
// RFC 3986's unreserved set and '/' percent-encoded ("a b/é.json" ->
// "a%20b/%C3%A9.json"). An absolute path becomes a file:// URI.
std::string path_to_uri(const std::string& path);

}  // namespace claimcheck::report
