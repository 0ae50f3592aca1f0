// SPDX-License-Identifier: MIT
// Coverage: every number of a dossier's document is either claimed or
// dismissed, and claim skeletons for the ones that are neither.
//
// Example: for claims/waic-2023, a mention "超400家" at article.txt:2:147 is
// covered when its numeral ("400") lies inside the span where the loader
// found the quote of a claim ("參展企業超400家") or of an `ignore` entry.
// Otherwise it is uncovered, and make_skeletons() suggests
//   { "id": "count_400", "quote": "參展企業超400家", "value": "400",
//     "unit": "1", "qualifier": "over", ... }
//
// Rules (docs/extraction.md):
// - A mention is covered when its number span (the numeral, without hedge
//   and unit words) lies wholly inside the byte span of a claim's or an
//   ignore entry's quote, as the loader found it (quote_found: the first
//   place the folded quote occurs). A quote that occurs twice covers only
//   its first occurrence; a hint says so.
// - Idioms (kind `idiom`) are never demanded. An ignore entry that covers
//   no mention (not even an idiom) is listed as unused.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimcheck/diagnostic.hpp"
#include "claimcheck/model.hpp"
#include "claimcheck/scanner.hpp"

namespace claimcheck {

struct covered_mention {
  mention found;
  bool by_ignore = false;
  std::string record;  // the claim's id, or the ignore entry's quote
  std::string reason;  // the ignore entry's reason
};

struct uncovered_mention {
  mention found;
  // Why no record covers it, when something nearly does: a quote that cuts
  // the numeral, or a quote that matches an earlier occurrence of the same
  // words. Empty otherwise.
  std::string hint;
};

struct unused_ignore {
  std::string quote;
  std::string reason;
  source_location where;  // the entry's quote field
};

struct coverage_result {
  std::string dossier;    // the dossier's name, for reports
  std::string text_file;  // the document text, as file:line:col prefix
  std::vector<covered_mention> covered;
  std::vector<uncovered_mention> uncovered;
  std::vector<mention> idioms;  // seen, never demanded
  std::vector<unused_ignore> unused_ignores;
  std::vector<scan_issue> issues;  // problems in the text (invalid UTF-8)
  diagnostics problems;            // problems that stop coverage (no text)
  // With another text than the document's (compute_coverage with a text):
  // the ids of the claims whose quote that text does not have.
  std::vector<std::string> quotes_not_in_text;

  std::size_t total() const { return covered.size() + uncovered.size(); }
  bool complete() const { return uncovered.empty() && !has_errors(problems); }
};

// Scans the dossier's document text and sorts every mention into covered
// and uncovered. A dossier without a document text gives the error
// coverage.no_text in `problems`.
coverage_result compute_coverage(const dossier& d, const scan_options& options = {});

// The same for another text than the dossier's document: a draft of the
// article, read from standard input by `claimcheck coverage DOSSIER -`. Each
// claim's and ignore entry's quote is looked up in `text` as the loader looks
// it up in the document; a quote that `text` does not have covers nothing,
// and the claim is listed in quotes_not_in_text. `text_name` ("<stdin>")
// prefixes the locations.
coverage_result compute_coverage(const dossier& d, const std::string& text,
                                 const std::string& text_name, const scan_options& options = {});

// A claim record to paste into a claim file, for one mention.
struct claim_skeleton {
  std::string id;       // a suggestion: "money_20000", "count_400_2"
  std::string subject;  // what the figure is of, to be rewritten by the author
  std::string quote;    // the clause around the mention, folded, unique in the text when possible
  // The value: one entry, or two for a range. `value_is_number` when they
  // are JSON numbers (3584), else strings ("2万", "2023-07-06").
  std::vector<std::string> value;
  bool value_is_number = false;
  std::string unit;       // a spec unit ("USD", "min", "parameter", "date", "%"), or "1"
  std::string qualifier;  // "stated", "about", "over", ... ("exact" for dates)
  std::string note;       // what the author still has to decide
  mention source;
};

struct skeleton_options {
  // The year for dates written without one (7月6日): the document's
  // publication year, when known.
  std::optional<int> year;
};

// Skeletons for `mentions`, found in `text` (the whole document, used to
// make each quote unique). Idioms get none. Ids are unique in the list.
std::vector<claim_skeleton> make_skeletons(const std::vector<mention>& mentions,
                                           std::string_view text,
                                           const skeleton_options& options = {});

}  // namespace claimcheck
