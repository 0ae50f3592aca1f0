// SPDX-License-Identifier: MIT
// Scan: the arithmetic an article states, found sentence by sentence and
// checked with no dossier.
//
// Example: in "Revenue rose 8% to $54 million from $50 million." the scanner's
// mentions are 8% [7.5, 8.5], $54 million [53.5e6, 54.5e6] and $50 million
// [45e6, 55e6] (its last non-zero digit is the ten millions). The English
// row `rose P to B from A` makes it a change: 100 * (B - A) / A =
// [-3.33, 21.1] %, which overlaps the stated [7.5, 8.5] %, so the outcome is
// `pass` (honest rounding never flags). "rose 25% to $54 million from $50
// million" would `fail`, "1.2x apart (nominal 3.1x)" as `check` says it.
//
// The rules (docs/scan.md has every pattern with an example):
// - Figures are the scanner's mentions, with the intervals claim files give
//   them: a stated figure stands for [v - p/2, v + p/2] (p the place of its
//   last non-zero digit), a hedged one for its qualifier's interval
//   (quantity.hpp). Years, dates, ordinals and idioms are never figures.
// - A relation is found only when one row of a language's pattern table
//   matches a sentence with every figure it needs and no other figure in
//   between; a figure that could belong to two relations of one kind (two
//   candidate bases for one stated change) makes the sentence yield nothing.
// - A relation is checked as `implied ~ stated` (checks.hpp): pass when the
//   intervals overlap, else fail with its margin. `inconclusive` is kept for
//   a relation whose implied value cannot be computed (a base whose interval
//   contains zero).
// - Words that state a factor ("doubled", 翻了一番) stand for that factor
//   `about` (±10%): [1.8, 2.2] for doubled.
// - Units: the figures of a change must share their unit word (or have
//   none); percentages change in percentage points (B - A), and a change of
//   percentages stated in per cent is read as a relative change, with a note
//   when the points would have fitted.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimcheck/checks.hpp"
#include "claimcheck/interval.hpp"
#include "claimcheck/scanner.hpp"

namespace claimcheck {

enum class relation_kind {
  change,         // from A to B, stated as a change of P %
  change_points,  // from A % to B %, stated as a change of Q percentage points
  change_factor,  // from A to B, stated as a factor (doubled, 翻了一番)
  share,          // M of N, stated as P %
  total,          // a + b + ... stated as T
  product         // a * b (* c), stated as T
};
const char* to_string(relation_kind kind);  // "change", "change_points", ...

// One figure of a relation as it was read.
struct relation_figure {
  std::string role;     // "base", "result", "stated", "part", "whole", "item", "factor", "total"
  std::string surface;  // as written ("$120 million", "150亿元")
  std::string unit_word;
  written_number number;  // as read; scaled when a list's scale applies to it
  double nominal = 0;
  interval bounds;  // the stated interval (after a distributed scale, see docs/scan.md)
  text_span span;
  mention source;  // as the scanner read it; its `context` has no words around it (scan
                   // writes none, so the scanner is asked for none)
};

struct relation_finding {
  relation_kind kind = relation_kind::change;
  std::string pattern;        // the id of the table row that matched ("en.change.from_to_increase")
  std::string language;       // "en" or "zh"
  text_span sentence;         // where the sentence starts (line, column) and its bytes
  std::string sentence_text;  // the sentence as written
  std::string words;          // the relation in words: "change from $120 million to $150 million"
  std::string expression;     // how the implied value is computed: "100 * (B - A) / A"
  std::vector<relation_figure> figures;  // every figure, the stated one last
  std::string implied_unit;              // "%", "x", "" (the unit of the figures)
  double implied_nominal = 0;
  std::optional<interval> implied;  // nullopt when it cannot be computed
  relation_figure stated;           // the figure the relation is checked against
  check_outcome outcome = check_outcome::inconclusive;
  std::optional<failure_margin> margin;  // set when outcome == fail
  std::optional<double> nominal_ratio;   // implied nominal / stated nominal
  std::string note;  // e.g. "3.5 is the change in percentage points, not per cent"
};

struct relation_scan_result {
  std::string file;
  std::vector<relation_finding> findings;  // in text order
  std::vector<scan_issue> issues;          // from the scanner (invalid UTF-8, ...)
};

// Each finding as it is made, in text order (a sentence's findings once the
// sentence is scanned), for a caller that writes them rather than keeps them.
using relation_sink = std::function<void(relation_finding&&)>;

// The streaming form: the text is read in blocks of whole lines and each
// sentence's findings are handed to `found` as it is scanned, so that memory
// is bounded by a block whatever the number of findings. Returns the scanner's issues
// (invalid UTF-8, ...). The caller checks the stream for read errors.
std::vector<scan_issue> scan_relations_to(std::istream& in, const relation_sink& found,
                                          const scan_options& options = {});
// The same over a text held in memory.
std::vector<scan_issue> scan_relations_to(std::string_view text, const relation_sink& found,
                                          const scan_options& options = {});

// Finds and checks the relations of a whole text held in memory.
relation_scan_result scan_relations(std::string_view text, const std::string& file,
                                    const scan_options& options = {});
// The same, read from a stream in blocks of whole lines (sentences never
// cross a line break), so memory is bounded by a block and the findings
// whatever the size of the text (scan_relations_to holds no findings). The
// caller checks the stream for read errors.
relation_scan_result scan_relations(std::istream& in, const std::string& file,
                                    const scan_options& options = {});

// One row of a language's pattern table, for docs and tests.
struct relation_pattern_info {
  std::string id;        // "en.change.from_to_increase"
  std::string language;  // "en", "zh"
  relation_kind kind = relation_kind::change;
  std::string example;  // a sentence the row matches
};
const std::vector<relation_pattern_info>& relation_patterns();

// Counts of outcomes, for headlines and the exit status.
struct relation_summary {
  std::size_t total = 0, pass = 0, fail = 0, inconclusive = 0;
  void add(check_outcome outcome);  // one finding more
};
relation_summary summarise(const std::vector<relation_scan_result>& results);

}  // namespace claimcheck
