// SPDX-License-Identifier: MIT
// The claim model: what a dossier says, each record with where it came from.
//
// Example (a claim record of claims/waic-2023):
//   { "id": "coreweave.cost", "quote": "整體開銷約2萬美元", "value": "2万",
//     "unit": "USD", "qualifier": "about", "as_of": "2023-06",
//     "sources": ["guancha_article"], "scope": "mlperf-benchmark" }
//
// The loader (loader.hpp) fills these; everything after it reads them.
// Plain values, no behaviour beyond look-ups.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "claimcheck/dates.hpp"
#include "claimcheck/diagnostic.hpp"
#include "claimcheck/quantity.hpp"
#include "claimcheck/units.hpp"

namespace claimcheck {

// The placeholder that skeleton subjects end with ("count \"超400家\" (line
// 2, column 147): say what it is of"); the loader warns about any subject
// that still holds it (rule.placeholder), so it never reaches a report.
inline constexpr std::string_view skeleton_subject_placeholder = "say what it is of";

// Where one field of a record is: its name ("value", "unit", "sources/2")
// and the line and column of its JSON value (for a string, its opening quote).
struct field_position {
  std::string name;
  int line = 0;
  int column = 0;
};

// The positions of a record's fields. Only lines and columns are kept: the
// file and the JSON pointer follow from the record's own (record_origin), so
// a dossier of a million records does not hold ten million copies of its
// file names. A handful of fields per record: a vector searched in order is
// smaller and faster than a map.
class field_locations {
 public:
  // Records the field's position (a later call for the same name replaces it).
  void set(std::string_view name, int line, int column);
  // The same, taking the line and column of `where` (its file and pointer
  // are the record's and are not kept).
  void set(std::string_view name, const source_location& where) {
    set(name, where.line, where.column);
  }
  const field_position* find(std::string_view name) const;
  std::size_t count(std::string_view name) const { return find(name) ? 1 : 0; }
  // Room for `fields` positions at once (the loader knows how many).
  void reserve(std::size_t fields) { entries_.reserve(fields); }
  std::size_t size() const { return entries_.size(); }

 private:
  std::vector<field_position> entries_;
};

struct record_origin {
  source_location where;  // the record's opening brace; its file and JSON pointer
  field_locations fields;
  bool imported = false;  // from an `imports` dossier: visible, but its checks do not run

  // The field's location (the record's file, the record's pointer + "/" +
  // name), or the record's own when the field is absent.
  source_location field(std::string_view name) const;
};

// (extension) Who reviews the document and where the review is published:
// what a ClaimReview needs beyond the document itself.
//   "review": {"by": "Example Fact Desk", "url": "https://example.org/checks/waic",
//              "published": "2026-11-30"}
struct review_record {
  std::string by;   // the reviewing organisation
  std::string url;  // the page that publishes the review (absolute http or https)
  std::optional<partial_date> published;
  record_origin origin;
};

// True for an absolute http or https URL with a host ("https://example.org/x"),
// the only kind a published review may point at.
bool is_web_url(std::string_view text);

struct document_record {
  std::string title, publisher, author, url, language;
  std::optional<partial_date> published;
  std::optional<review_record> review;
  std::string text_file;            // as written, relative to the claim file
  std::filesystem::path text_path;  // resolved
  std::string text;                 // the UTF-8 text, loaded
  record_origin origin;
};

enum class source_kind { primary, secondary, document };
const char* to_string(source_kind k);

struct source_record {
  std::string id, title, publisher, url;
  std::optional<partial_date> published, accessed;
  source_kind kind = source_kind::secondary;
  record_origin origin;
};

enum class figure_kind { claim, fact };
const char* to_string(figure_kind k);

// Where a claim's quote was found in the document text (1-based).
struct quote_position {
  int line = 0;
  int column = 0;
  std::size_t byte_offset = 0;
  std::size_t byte_length = 0;
};

// A claim (stated by the document) or a fact (a reference figure).
struct figure_record {
  figure_kind kind = figure_kind::claim;
  std::string id, subject, quote, speaker, scope, note;
  std::vector<std::string> tags, sources;

  std::string value_text;  // the value as written: raw JSON number, string, or "[lo, hi]"
  std::string unit_text;
  qualifier qual = qualifier::stated;
  double tolerance = default_about_tolerance;
  std::optional<double> precision;

  bool is_date = false;              // unit "date": the value is a date
  std::optional<partial_date> date;  // set when is_date
  quantity value;                    // set when !is_date, in the stated unit
  std::optional<partial_date> as_of;
  std::optional<quote_position> quote_found;

  record_origin origin;
};

struct derived_record {
  std::string id, subject, expr, unit_text, note;
  std::optional<unit> target_unit;  // nullopt when unit is absent: keep the computed unit
  std::optional<partial_date> as_of;
  std::string scope;
  record_origin origin;
};

enum class check_severity { error, warning };
enum class check_outcome { pass, fail, inconclusive };
const char* to_string(check_outcome o);
std::optional<check_outcome> parse_check_outcome(std::string_view text);

struct check_record {
  std::string id, assert_text, message;
  // A `~` check's tolerance: "5%" (relative) or "0.5 [min]" (absolute);
  // "" when none. Read and applied by checks (check.within).
  std::string within_text;
  std::vector<std::string> about;
  check_severity level = check_severity::error;
  check_outcome expect = check_outcome::pass;
  record_origin origin;
};

struct series_record {
  std::string id, subject, unit_text;
  std::vector<std::string> points;
  std::optional<unit> target_unit;
  record_origin origin;
};

struct unit_record {
  std::string name;
  std::vector<std::string> aliases;
  record_origin origin;
};

struct ignore_record {
  std::string quote, reason;
  std::optional<quote_position> quote_found;
  record_origin origin;
};

// One dossier: the merged records of its claim files and what it imports.
struct dossier {
  std::filesystem::path folder;
  std::filesystem::path root;                // the claims root imports must stay inside
  std::vector<std::filesystem::path> files;  // its own claim files
  std::vector<std::filesystem::path> imported_folders;

  std::optional<document_record> document;
  unit_registry units = unit_registry::with_builtins();
  std::vector<unit_record> declared_units;
  std::vector<source_record> sources;
  std::vector<figure_record> figures;  // claims and facts
  std::vector<derived_record> derived;
  std::vector<check_record> checks;
  std::vector<series_record> series;
  std::vector<ignore_record> ignores;

  // Builds the id index behind the look-ups below. The loader calls it once
  // the records are final; without it (a dossier built by hand) or after
  // records were added, the look-ups scan the records instead, which is
  // correct but quadratic over a whole dossier.
  void index_ids();

  // Look-ups by id (nullptr when absent).
  const source_record* find_source(const std::string& id) const;
  const figure_record* find_figure(const std::string& id) const;
  const derived_record* find_derived(const std::string& id) const;
  const check_record* find_check(const std::string& id) const;
  const series_record* find_series(const std::string& id) const;
  // Every id of the dossier, for "did you mean" suggestions.
  std::vector<std::string> all_ids() const;
  // A short name for reports: the folder relative to the root.
  std::string name() const;

  // The index index_ids() built, one table per record vector: id ->
  // position, with the vector size it was built for (a different size
  // means it is stale, and look-ups scan the vector).
  struct id_table {
    std::unordered_map<std::string, std::size_t> position;
    std::size_t size = 0;
    bool built = false;
  };
  struct id_index {
    id_table sources, figures, derived, checks, series;
  };
  id_index ids_indexed;
};

}  // namespace claimcheck
