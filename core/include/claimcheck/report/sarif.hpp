// SPDX-License-Identifier: MIT
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
//        "partialFingerprints": {"claimcheckDiagnostic/v2": "6f0c..."},
//        "properties": {"pointer": "/claims/3/unit"}}]}]}
//
// Every code of the rule catalogue is a rule (report/rule_catalog.hpp), plus
// any generated one (schema.KEYWORD) a result uses. Every result has a
// physical location, because code scanning rejects results without one: a
// diagnostic without a line is placed at 1:1 of its file. Columns count
// code points (columnKind unicodeCodePoints), as diagnostics do.
//
// Fingerprints name what a result is about, not where it sits: the code, the
// file, and the id of the record at fault (a claim, a fact, a check...) with
// the rest of its JSON pointer, so that adding a claim at the top of a file
// leaves every other result's fingerprint as it was. Each rule has help in
// text (without Markdown) and in Markdown, which names its row in
// docs/rules.md ("Every diagnostic code").
//
// Addresses: the project has no public address yet, so by default the log
// names none: the driver has no informationUri and the rules no helpUri
// (SARIF makes both optional), rather than an invented one. A build that
// publishes the project configures CLAIMCHECK_HOMEPAGE (informationUri) and
// CLAIMCHECK_DOCS_URL (the address of docs/, ending in '/'; helpUri is it +
// "rules.md#" + code); sarif_options can set them per log.
//
// Filtering for CI (select_findings): --min-level drops results below a
// level; a baseline (a previous SARIF log, or one fingerprint a line) drops
// every result it already has, so that a pull request shows what it changed.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claimcheck/diagnostic.hpp"
#include "claimcheck/model.hpp"

namespace claimcheck::report {

// The id of each record by its file and JSON pointer:
// {"claims/x/claims.json", "/claims/3"} -> "tram.cost".
using record_ids = std::map<std::pair<std::string, std::string>, std::string>;

// The records of the dossiers (and of their imports), for fingerprints.
record_ids index_records(const std::vector<dossier>& dossiers);
// The places of the records diagnostics lie in (file, "/claims/3"): all
// that their fingerprints read of the index, so that a streamed run keeps
// the records at these places, dossier by dossier, not the corpus's index.
using record_places = std::set<std::pair<std::string, std::string>>;
void add_record_places(diagnostics::const_iterator first, diagnostics::const_iterator last,
                       record_places& places);
void index_records_at(const dossier& d, const record_places& places, record_ids& ids);

// The addresses the build was configured with (CLAIMCHECK_HOMEPAGE,
// CLAIMCHECK_DOCS_URL); "" when none was given, the default.
std::string configured_homepage();
std::string configured_docs_url();

struct sarif_options {
  // Artifact URIs are relative to this folder (the repository root),
  // recorded as %SRCROOT%; empty: the current folder.
  std::filesystem::path base;
  // Records by place; without them a fingerprint falls back on the pointer.
  const record_ids* records = nullptr;
  // The project's home page and the address of its docs/ ("" leaves
  // informationUri, helpUri and the link of help.markdown out).
  std::string homepage = configured_homepage();
  std::string docs_url = configured_docs_url();
};

std::string sarif_log(const diagnostics& results, const sarif_options& options = {});

// The log in parts, for results too many to hold: head(), then each
// result() with a ',' between them, then tail(). `codes` are the codes beyond
// the rule catalogue that results will have (sarif_log gives those of its
// results), since the rules come before the results. Joined so, the parts
// are sarif_log of the same results.
class sarif_log_parts {
 public:
  explicit sarif_log_parts(const sarif_options& options = {},
                           const std::vector<std::string>& codes = {});
  // Everything before the first result.
  const std::string& head() const { return head_; }
  // One result, standing alone (no separator).
  std::string result(const diagnostic& d) const;
  // Everything after the last result, with the final newline.
  static std::string tail();

 private:
  sarif_options options_;
  std::map<std::string, std::size_t> index_;  // rule id -> its place in the rules
  std::string head_;
};

// The partialFingerprints value of a result (16 hex digits).
std::string finding_fingerprint(const diagnostic& d, const sarif_options& options = {});

// The address of a rule's help: `docs_url` + "rules.md#" + code; "" when
// `docs_url` is "" (no address configured).
std::string rule_help_uri(std::string_view code,
                          const std::string& docs_url = configured_docs_url());

struct finding_filter {
  severity min_level = severity::note;  // keep this level and the more severe ones
  std::set<std::string> baseline;       // fingerprints already known: dropped
};

// The diagnostics the filter keeps, in order.
diagnostics select_findings(const diagnostics& list, const finding_filter& filter,
                            const sarif_options& options = {});

// The fingerprints of a baseline file: a SARIF log (every result's
// partialFingerprints) or plain text, one fingerprint a line ('#' starts a
// comment). Error baseline.syntax when it is neither.
result<std::set<std::string>> read_baseline(std::string_view text);

// "error", "warning" or "note": SARIF's result levels.
const char* sarif_level(severity level);

// A relative path as a URI reference: '/' separators, every byte outside
// RFC 3986's unreserved set and '/' percent-encoded ("a b/é.json" ->
// "a%20b/%C3%A9.json"). An absolute path becomes a file:// URI.
std::string path_to_uri(const std::string& path);

}  // namespace claimcheck::report
