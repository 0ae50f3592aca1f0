// SPDX-License-Identifier: MIT
// Loading claim files into dossiers. The stages, for each dossier folder:
//
//   0. (for every JSON file found) is it a claim file? A bare SAX pass that
//      stops at the key "claimcheck" (json_located.cpp, may_be_claim_file);
//   1. parse the folder's claim files (json_located.cpp: SAX, positions), on
//      several threads; each record of a top-level list is handed over as a
//      located subtree as soon as it is read (stage 2 runs on it there),
//      then its room is reused, so no file's tree exists whole; the small
//      top-level trees (imports, document) live until the folder is built;
//   2. the structural pass: every record's fields against the format's table
//      of fields (types, unknown fields with "did you mean", missing fields),
//      so that every problem is reported. With the enums, ranges, id and date
//      grammars of stage 5 it is the whole of the published JSON Schema
//      (tests/schema_parity_test.cpp), without running a schema validator;
//   3. imports: resolved relative to the file, kept inside the root, built
//      first (depth first, a cycle is reported once, at a fixed place);
//   4. the folder's unit registry: built-ins, then imported units, then its
//      own; then the unit fields of its records are read with it;
//   5. the semantic pass: ids, values, qualifiers, dates, the document text
//      and the quotes, references between records. The part of a record
//      that needs no other record (all but its units) is made in stage 2,
//      as soon as the record is shaped (record_reader).
//
// Every folder is built once per root, whether given on the command line or
// imported, so each file is parsed once and each problem is reported once.
// Only one folder's files (and those of the imports it is building) are in
// memory at a time.
#include "claimcheck/loader.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <system_error>
#include <tuple>

#include "claimcheck/numerals.hpp"
#include "claimcheck/parallel.hpp"
#include "claimcheck/quantity.hpp"
#include "enum_names.hpp"
#include "json_located.hpp"
#include "loader_quotes.hpp"
#include "model_names.hpp"

namespace claimcheck {
namespace fs = std::filesystem;
namespace {

using detail::json_member;
using detail::json_node;
using detail::json_type;

// ---------------------------------------------------------------------------
// The table of fields (the same rules as docs/schema/claimcheck.schema.json)

enum class shape {
  text,           // a string
  nonempty_text,  // a string of at least one character
  number,
  words,           // an array of strings
  nonempty_words,  // an array of strings, at least one
  value,           // a number, a string, or [lo, hi] of numbers or strings
  object,          // the document
  list,            // an array of records
  version,         // `claimcheck`: the number 1
};

struct field_rule {
  std::string_view name;
  shape form;
  bool required = false;
};

struct record_rule {
  std::string_view noun;  // "a claim", for messages
  std::vector<field_rule> fields;
};

const record_rule& document_rule() {
  static const record_rule rule{"the document",
                                {{"title", shape::text},
                                 {"publisher", shape::text},
                                 {"author", shape::text},
                                 {"published", shape::text},
                                 {"url", shape::text},
                                 {"language", shape::text},
                                 {"text", shape::nonempty_text},
                                 {"review", shape::object},
                                 {"note", shape::text}}};
  return rule;
}

// (extension) The document's review: who reviews it and where (a ClaimReview).
const record_rule& review_rule() {
  static const record_rule rule{
      "the review", {{"by", shape::text}, {"url", shape::text}, {"published", shape::text}}};
  return rule;
}

const record_rule& unit_rule() {
  static const record_rule rule{
      "a unit",
      {{"name", shape::nonempty_text, true}, {"aliases", shape::words}, {"note", shape::text}}};
  return rule;
}

const record_rule& source_rule() {
  static const record_rule rule{"a source",
                                {{"id", shape::text, true},
                                 {"title", shape::text},
                                 {"publisher", shape::text},
                                 {"url", shape::text},
                                 {"published", shape::text},
                                 {"accessed", shape::text},
                                 {"kind", shape::text},
                                 {"note", shape::text}}};
  return rule;
}

const record_rule& figure_rule(figure_kind kind) {
  static const std::vector<field_rule> fields = {
      {"id", shape::text, true},       {"subject", shape::text},
      {"quote", shape::nonempty_text}, {"speaker", shape::text},
      {"value", shape::value, true},   {"unit", shape::nonempty_text, true},
      {"qualifier", shape::text},      {"tolerance", shape::number},
      {"precision", shape::number},    {"as_of", shape::text},
      {"sources", shape::words},       {"scope", shape::text},
      {"tags", shape::words},          {"note", shape::text}};
  static const record_rule claim{"a claim", fields};
  static const record_rule fact{"a fact", fields};
  return kind == figure_kind::claim ? claim : fact;
}

const record_rule& derived_rule() {
  static const record_rule rule{"a derived figure",
                                {{"id", shape::text, true},
                                 {"subject", shape::text},
                                 {"expr", shape::nonempty_text, true},
                                 {"unit", shape::nonempty_text},
                                 {"as_of", shape::text},
                                 {"scope", shape::text},
                                 {"note", shape::text}}};
  return rule;
}

// Empty, or only white space (a quote of spaces would match any text).
// The common case, a field that starts with a visible ASCII character, is
// decided without folding.
bool blank(std::string_view text) {
  const std::size_t visible = text.find_first_not_of(" \t\r\n");
  if (visible == std::string_view::npos) return true;
  if (static_cast<unsigned char>(text[visible]) < 0x80) return false;
  const std::string folded = fold_for_quotes(text);
  return folded.empty() || folded == " ";
}

const record_rule& check_rule() {
  static const record_rule rule{"a check",
                                {{"id", shape::text, true},
                                 {"assert", shape::nonempty_text, true},
                                 {"about", shape::words},
                                 {"severity", shape::text},
                                 {"message", shape::text},
                                 {"expect", shape::text},
                                 {"within", shape::nonempty_text},
                                 {"note", shape::text}}};
  return rule;
}

const record_rule& series_rule() {
  static const record_rule rule{"a series",
                                {{"id", shape::text, true},
                                 {"subject", shape::text},
                                 {"points", shape::nonempty_words, true},
                                 {"unit", shape::nonempty_text},
                                 {"note", shape::text}}};
  return rule;
}

const record_rule& ignore_rule() {
  static const record_rule rule{"an ignore entry",
                                {{"quote", shape::nonempty_text, true},
                                 {"reason", shape::nonempty_text, true},
                                 {"note", shape::text}}};
  return rule;
}

const record_rule& top_rule() {
  static const record_rule rule{"a claim file",
                                {{"$schema", shape::text},
                                 {"claimcheck", shape::version, true},
                                 {"imports", shape::words},
                                 {"document", shape::object},
                                 {"units", shape::list},
                                 {"sources", shape::list},
                                 {"claims", shape::list},
                                 {"facts", shape::list},
                                 {"derived", shape::list},
                                 {"checks", shape::list},
                                 {"series", shape::list},
                                 {"ignore", shape::list}}};
  return rule;
}

std::vector<std::string> field_names(const record_rule& rule) {
  std::vector<std::string> names;
  for (const auto& f : rule.fields) names.emplace_back(f.name);
  return names;
}

const char* shape_name(shape form) {
  // In the order of `shape`.
  static constexpr auto names = enum_names<shape::version>(
      "a string", "a string", "a number", "an array of strings", "an array of strings",
      "a number, a string or a pair [lo, hi]", "an object", "an array of objects", "the number 1");
  return names.name(form);
}

// ---------------------------------------------------------------------------
// Files

struct claim_file {
  fs::path path;                     // as reached: the command-line path, or joined from an import
  std::string display;               // path.generic_string(), the name in diagnostics
  detail::json_parse_result parsed;  // while its folder is being built (load_tree)
  bool claim = false;                // its top-level object has "claimcheck", or it cannot be told
  bool loaded = false;               // parsed (or unreadable); false again once its folder is built
};

// A record that passed the structural pass: its node, pointer, the fields of
// the right type, and their locations.
struct shaped_record {
  const claim_file* file = nullptr;
  const json_node* node = nullptr;
  std::string pointer;
  // The fields of the right type, by name (a view of the key in the tree,
  // which outlives the shaped record): a dozen at most, searched in order.
  std::vector<std::pair<std::string_view, const json_node*>> fields;
  record_origin origin;

  const json_node* get(std::string_view name) const {
    // The last of duplicate keys, as a map would keep (duplicates are errors anyway).
    for (auto it = fields.rbegin(); it != fields.rend(); ++it) {
      if (it->first == name) return it->second;
    }
    return nullptr;
  }
  std::string text(std::string_view name) const {
    const json_node* n = get(name);
    return n && n->type == json_type::string ? std::string(n->text) : std::string();
  }
  std::vector<std::string> words(std::string_view name) const {
    std::vector<std::string> out;
    if (const json_node* n = get(name)) {
      for (const auto& item : n->items()) {
        if (item.type == json_type::string) out.emplace_back(item.text);
      }
    }
    return out;
  }
  std::string field_pointer(std::string_view name) const {
    return detail::json_pointer_append(pointer, name);
  }
};

struct import_statement {
  const claim_file* file = nullptr;
  const json_node* node = nullptr;
  std::string pointer;
  std::string key;  // the imported folder's key when resolved, else ""
};

// A folder (or one claim file given alone) and what it declares itself.
struct folder_state {
  enum class status { fresh, building, done };

  std::string key;  // canonical path, plus the root: a folder is built once per root
  fs::path folder;  // as reached
  fs::path root;
  std::vector<claim_file*> files;
  status state = status::fresh;

  std::vector<import_statement> imports;
  std::vector<folder_state*> closure;  // every folder imported, directly or not, once each
  std::size_t closure_mark = 0;        // close_imports: already in the closure being made
  bool imported = false;               // in the closure of a folder built so far
  // Streaming: its records went to its dossier; a folder that imports it
  // later has them made again (loader::restore).
  bool handed_over = false;

  std::optional<document_record> document;
  bool text_loaded = false;  // the document's text was read and is valid UTF-8
  // Made when the folder is built (build_registry), not when the walk finds
  // it: a walk over 10,000 small dossiers held 10,000 registries at once.
  unit_registry registry;
  // Unit texts repeat across records ("USD", "GPU*h"): each is parsed once.
  std::map<std::string, result<unit>, std::less<>> parsed_units;
  std::vector<unit_record> units;
  std::vector<source_record> sources;
  std::vector<figure_record> figures;
  std::vector<derived_record> derived;
  std::vector<check_record> checks;
  std::vector<series_record> series;
  std::vector<ignore_record> ignores;
};

// A string field whose reading waits for the folder's unit registry (which
// needs every file's units and the imported folders' first): where it was,
// so that an error inside it is placed as if its tree were still there.
struct located_text {
  detail::json_position at;  // the opening quote
  std::string raw;           // the source between the quotes, only when it has escapes

  explicit located_text(const json_node& node) : at(node.at), raw(node.raw) {}
  source_location in_string(std::size_t offset, const source_location& record,
                            const std::string& pointer) const {
    json_node node;
    node.at = at;
    node.raw = raw;
    return detail::location_in_string(node, offset, record.file, pointer);
  }
};

// A figure's, derived figure's or series' unit field, read once the
// registry is made (loader::resolve_units); a figure's value takes its unit
// then.
struct pending_unit {
  std::optional<located_text> field;  // none: no unit to read (absent, or "date")
  std::optional<qualified_value> value;
};

// Where a declared unit's name and aliases are, for the registry's errors.
struct unit_place {
  located_text name;
  std::vector<located_text> aliases;
};

// The lists of records of a claim file, by their key, in the order the
// records of a dossier are kept (each list of every file, then the next).
constexpr std::array<const char*, 8> record_lists = {"units",   "sources", "claims", "facts",
                                                     "derived", "checks",  "series", "ignore"};
enum list_index : std::size_t {
  units_list,
  sources_list,
  claims_list,
  facts_list,
  derived_list,
  checks_list,
  series_list,
  ignore_list
};

// The rule of each list's records, in record_lists' order.
const record_rule& list_rule(std::size_t list) {
  static const std::array<const record_rule*, record_lists.size()> rules = {
      &unit_rule(),
      &source_rule(),
      &figure_rule(figure_kind::claim),
      &figure_rule(figure_kind::fact),
      &derived_rule(),
      &check_rule(),
      &series_rule(),
      &ignore_rule()};
  return *rules[list];
}

// One claim file's records, made as each is shaped, before the folder's
// units are known (their unit fields wait in pending_unit).
struct file_records {
  // Records, and in step what each one's units wait for.
  template <typename Record, typename Pending = pending_unit>
  struct with_units {
    std::vector<Record> records;
    std::vector<Pending> pending;
  };
  with_units<unit_record, unit_place> units;
  std::vector<source_record> sources;
  with_units<figure_record> claims, facts;
  with_units<derived_record> derived;
  std::vector<check_record> checks;
  with_units<series_record> series;
  std::vector<ignore_record> ignores;
  // The problems of each list, in the order of its records.
  std::array<diagnostics, record_lists.size()> problems;

  // A list begins again (a duplicate key: the last one counts).
  void clear(std::size_t list) {
    problems[list].clear();
    // The lists in record_lists' order: the one at `list` is emptied.
    std::size_t i = 0;
    std::apply([&](auto&... each) { ((i++ == list ? void(each = {}) : void()), ...); },
               std::tie(units, sources, claims, facts, derived, checks, series, ignores));
  }
};

// A folder being built, waiting for its imports: its documents' shaped
// records (which point into its files' top-level trees), what its records'
// units wait for, and the next import to look at.
struct build_frame {
  folder_state* folder = nullptr;
  std::vector<std::pair<const claim_file*, shaped_record>> documents;
  std::vector<unit_place> unit_places;      // of folder->units
  std::vector<pending_unit> figure_units;   // of folder->figures
  std::vector<pending_unit> derived_units;  // of folder->derived
  std::vector<pending_unit> series_units;   // of folder->series
  std::size_t next_import = 0;
};

// The folder a file is in; "." for a bare file name.
fs::path folder_of(const fs::path& file) {
  fs::path parent = file.lexically_normal().parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

bool is_hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

// Whether `candidate` lies inside `root` (or is it), both absolute and normal.
bool inside(const fs::path& candidate, const fs::path& root) {
  fs::path relative = candidate.lexically_relative(root);
  if (relative.empty()) return false;
  auto first = relative.begin();
  return first == relative.end() || first->string() != "..";
}

fs::path absolute_normal(const fs::path& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p.empty() ? fs::path(".") : p, ec);
  return (ec ? p : a).lexically_normal();
}

fs::path canonical_or_normal(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(absolute_normal(p), ec);
  if (ec) return absolute_normal(p);
  return c;
}

// The two checks of "stays inside the root": lexically (no `..` climbing
// out) and after following symbolic links (no link pointing out).
bool stays_inside(const fs::path& target, const fs::path& root) {
  fs::path lexical = absolute_normal(target);
  fs::path lexical_root = absolute_normal(root);
  return inside(lexical, lexical_root) &&
         inside(canonical_or_normal(target), canonical_or_normal(root));
}

std::string format_place(const source_location& where) {
  std::string out = where.file;
  if (where.known()) out += ':' + std::to_string(where.line) + ':' + std::to_string(where.column);
  return out;
}

// "'，' (U+FF0C)": a character as a message names it; white space and
// control characters by their code alone ("U+000A"), as they do not show.
std::string character_name(char32_t c) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
  const bool invisible = c < 0x21 || (c >= 0x7F && c <= 0xA0) || c == 0x3000 ||
                         (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
                         (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF;
  if (invisible) return code;
  std::string out = "'";
  append_utf8(out, c);
  return out + "' (" + code + ")";
}

std::string in_quotes(std::string_view s) {
  return "'" + std::string(s) + "'";
}

std::string did_you_mean(std::string_view wanted, const std::vector<std::string>& candidates) {
  std::string near = nearest_name(wanted, candidates);
  return near.empty() ? std::string() : "; did you mean " + in_quotes(near) + "?";
}

// The first byte offset at which `id` breaks the grammar
// [a-z][a-z0-9_]*(\.[a-z0-9_]+)*, or nullopt when it is an id. Offsets are
// code points, and every code point before a bad one is ASCII, so bytes do.
std::optional<std::size_t> id_error_offset(std::string_view id) {
  auto word_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  };
  if (id.empty() || !(id[0] >= 'a' && id[0] <= 'z')) return 0;
  for (std::size_t i = 1; i < id.size(); ++i) {
    if (word_char(id[i])) continue;
    if (id[i] == '.' && i + 1 < id.size() && word_char(id[i + 1])) continue;
    return i;
  }
  return std::nullopt;
}

// A plausible id for a rejected one: lower case, '-' and ' ' as '_'.
std::string suggest_id(std::string_view id) {
  std::string out;
  for (char c : id) {
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c == '-' || c == ' ') {
      out += '_';
    } else {
      out += c;
    }
  }
  return id_error_offset(out) ? std::string() : out;
}

struct read_result {
  std::string bytes;
  std::string code;  // empty when read
  std::string message;
};

read_result read_whole_file(const fs::path& path, std::size_t max_bytes) {
  read_result out;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec) {
    out.code = "file.read";
    out.message = fs::exists(fs::symlink_status(path, ec))
                      ? "cannot read the file: a symbolic link to a file that does not exist"
                      : "cannot read the file: " + ec.message();
    return out;
  }
  if (!fs::is_regular_file(status)) {
    out.code = "file.read";
    out.message = fs::is_directory(status)
                      ? std::string("this is a folder, not a file")
                      : std::string(
                            "this is not a regular file (a device, a FIFO or a socket); "
                            "claimcheck reads only regular files");
    return out;
  }
  const auto size = fs::file_size(path, ec);
  if (!ec && size > max_bytes) {
    out.code = "limit.file_size";
    out.message = "the file has " + std::to_string(size) + " bytes, more than the limit of " +
                  std::to_string(max_bytes);
    return out;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.code = "file.read";
    out.message = "cannot open the file for reading";
    return out;
  }
  // Read to the end, whatever the size said: files of /proc say 0 and have
  // more; a file that grows while it is read stops at the limit.
  if (!ec) out.bytes.reserve(static_cast<std::size_t>(size));
  char buffer[1 << 16];
  while (in && out.bytes.size() <= max_bytes) {
    in.read(buffer, sizeof buffer);
    out.bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (out.bytes.size() > max_bytes) {
    out.code = "limit.file_size";
    out.message = "the file has more than " + std::to_string(max_bytes) +
                  " bytes, the limit (max_file_bytes)";
    std::string().swap(out.bytes);
  } else if (in.bad()) {
    out.code = "file.read";
    out.message = "the file could not be read to its end";
  }
  return out;
}

// ---------------------------------------------------------------------------
// The loader

// Reports problems of user data, placed in the claim files, into a list.
class problem_reporter {
 public:
  explicit problem_reporter(diagnostics& sink) : sink_(&sink) {}

 protected:
  void report(std::string code, source_location where, std::string message,
              severity level = severity::error) {
    sink_->push_back(diagnostic{level, std::move(code), std::move(where), std::move(message)});
  }
  source_location at(const claim_file& file, const json_node& node,
                     const std::string& pointer) const {
    return detail::make_location(node.at, file.display, pointer);
  }
  source_location in_string(const claim_file& file, const json_node& node, std::size_t offset,
                            const std::string& pointer) const {
    return detail::location_in_string(node, offset, file.display, pointer);
  }
  void report_text_error(const text_error& error, const claim_file& file, const json_node& node,
                         const std::string& pointer) {
    report(error.code, in_string(file, node, error.offset, pointer), error.message);
  }

 private:
  diagnostics* sink_;
};

// Stage 2 and the records of stage 5 that need no other record: shapes a
// record and makes the model's record of it at once, so that its tree is
// read once and no longer needed. It touches nothing but the record and
// its own list of problems, so files can be read on several threads.
class record_reader : public problem_reporter {
 public:
  using problem_reporter::problem_reporter;

  bool shape_fields(const claim_file& file, const json_node& node, const std::string& pointer,
                    const record_rule& rule, shaped_record& out);
  // The `index`th record of the list `list` (a record_lists index) of
  // `file`, shaped and, when its shape allows, made into `into`.
  void read_record(const claim_file& file, std::size_t list, std::size_t index,
                   const json_node& node, file_records& into);
  std::optional<partial_date> date_field(const shaped_record& r, std::string_view name);

 private:
  std::string id_field(const shaped_record& r);
  figure_record make_figure(shaped_record& r, figure_kind kind, pending_unit& unit);
  check_record make_check(shaped_record& r);
  source_record make_source(shaped_record& r);
  derived_record make_derived(shaped_record& r, pending_unit& unit);
  series_record make_series(shaped_record& r, pending_unit& unit);
  void add_unit(shaped_record& r, file_records& into);
  std::string unit_field(const shaped_record& r, pending_unit& unit);
  // A field whose value is one of an enum's names: its value, or nullopt
  // after `code` naming the nearest name and the list ("unknown <what> ...").
  template <typename Enum, std::size_t N>
  std::optional<Enum> enum_field(const shaped_record& r, std::string_view name,
                                 const enum_name_list<Enum, N>& names, const char* code,
                                 const char* what);
  std::optional<written_number> parse_written(const shaped_record& r, const json_node& node,
                                              const std::string& pointer);
};

// The parse's record handler for one claim file: each record of its lists
// is shaped and made on the thread that parses the file, into the file's
// own records and problems, while only its own subtree exists.
class record_stream : public detail::json_record_handler {
 public:
  record_stream(const claim_file& file, file_records& into) : file_(file), into_(into) {}
  int list_of(std::string_view key) const override {
    auto found = std::find(record_lists.begin(), record_lists.end(), key);
    return found == record_lists.end() ? -1 : static_cast<int>(found - record_lists.begin());
  }
  void list_begins(int list) override { into_.clear(static_cast<std::size_t>(list)); }
  void record(int list, std::size_t index, const json_node& item) override {
    const auto which = static_cast<std::size_t>(list);
    record_reader(into_.problems[which]).read_record(file_, which, index, item, into_);
  }

 private:
  const claim_file& file_;
  file_records& into_;
};

class loader : private problem_reporter {
 public:
  explicit loader(const load_options& options)
      : problem_reporter(problems_), options_(options), reader_(problems_) {}

  load_result run(const std::vector<fs::path>& paths);

  // Streaming (dossier_stream): the dossiers of `paths`, found but not
  // built; then each one built and handed over in turn.
  std::vector<folder_state*> walk(const std::vector<fs::path>& paths);
  dossier hand_over(folder_state& folder);
  const diagnostics& problems_so_far() const { return problems_; }
  // Every problem so far, sorted by place, each once.
  diagnostics sorted_problems();

 private:
  // Stage 1: files
  claim_file* parse_file(const fs::path& path);
  void load_trees(const std::vector<claim_file*>& files, std::vector<file_records>& records);
  std::vector<claim_file*> claim_files_in(const fs::path& folder, const fs::path& root);
  void find_dossiers(const fs::path& folder, const fs::path& root, std::vector<folder_state*>& out);
  folder_state* folder_for(const fs::path& folder, const fs::path& root);
  folder_state* single_file(const fs::path& file, const fs::path& root);

  // Stages 3-5
  void build(folder_state& start);
  void begin_build(folder_state& folder, std::vector<build_frame>& stack);
  void shape_files(build_frame& frame);
  void finish_build(build_frame& frame);
  void make_records(build_frame& frame);
  void restore(folder_state& folder);
  void resolve_imports(folder_state& folder);
  folder_state* next_import(build_frame& frame);
  void close_imports(folder_state& folder);
  void report_cycle(const std::vector<folder_state*>& cycle);
  void gather_records(build_frame& frame, std::vector<file_records>& files);
  void build_registry(folder_state& folder, const std::vector<unit_place>& places);
  void convert_documents(folder_state& folder,
                         const std::vector<std::pair<const claim_file*, shaped_record>>& documents);
  void resolve_units(build_frame& frame);
  std::optional<unit> resolve_unit(folder_state& folder, const pending_unit& pending,
                                   const std::string& text, const record_origin& origin);
  bool load_document_text(folder_state& folder, document_record& doc, const shaped_record& r);
  void cross_check(folder_state& folder);
  void check_quotes(folder_state& folder);

  void release(folder_state& folder);

  // Output
  dossier make_dossier(folder_state& folder, bool take) const;

  diagnostics problems_;
  const load_options& options_;
  record_reader reader_;  // for the loader's own shapes (top level, documents)
  std::map<std::string, std::unique_ptr<claim_file>> files_;  // by canonical path
  std::map<std::string, std::unique_ptr<folder_state>> folders_;
  std::vector<folder_state*> building_;  // the import chain being built
  std::size_t closure_marks_ = 0;        // close_imports' last mark
  std::set<std::string> reported_cycles_;
};

// Reads the file only to tell whether it is a claim file: every JSON file
// of a folder tree is asked, and keeping their trees (or bytes) until their
// dossiers are built would hold the whole corpus in memory. load_trees parses
// it when its folder is built.
claim_file* loader::parse_file(const fs::path& path) {
  std::string key = canonical_or_normal(path).string();
  auto found = files_.find(key);
  if (found != files_.end()) return found->second.get();
  auto file = std::make_unique<claim_file>();
  file->path = path.lexically_normal();
  file->display = file->path.generic_string();
  read_result read = read_whole_file(path, options_.limits.max_file_bytes);
  if (!read.code.empty()) {
    report(read.code, source_location{file->display, 0, 0, ""}, read.message);
    file->claim = true;
    file->loaded = true;  // nothing to parse
  } else {
    // A file that does not parse cannot be told apart from a claim file:
    // it is reported rather than a claim file skipped silently.
    file->claim = detail::may_be_claim_file(read.bytes, options_.limits);
  }
  claim_file* out = file.get();
  files_.emplace(key, std::move(file));
  return out;
}

// Parsing, with the records made from it, is nearly half of `claimcheck
// check`, and reading and parsing a file touches nothing but the file, its
// own result and its own slot of `records` (its records and their
// problems), so the files of a folder are parsed on several threads. Parse
// problems join the loader's in file order, on this thread (the records'
// follow in shape_files), so the output does not depend on the threads.
void loader::load_trees(const std::vector<claim_file*>& files, std::vector<file_records>& records) {
  std::vector<claim_file*> unparsed;
  std::vector<file_records*> unparsed_records;
  // A parsed file keeps its bytes and the tree of its top level (its
  // records are made as they are read, each one's tree freed after it), and
  // a folder's files live together until it is built, beside its records:
  // max_dossier_bytes bounds their sum (docs/limits.md), so that the default
  // limits keep a run under 2 GB.
  std::size_t dossier_bytes = 0;
  for (std::size_t f = 0; f < files.size(); ++f) {
    claim_file* file = files[f];
    if (file->loaded) continue;
    std::error_code ec;
    const auto size = fs::file_size(file->path, ec);
    if (!ec) dossier_bytes += static_cast<std::size_t>(size);
    if (!ec && dossier_bytes > options_.limits.max_dossier_bytes) {
      file->loaded = true;
      report("limit.dossier_size", source_location{file->display, 0, 0, ""},
             "with this file the dossier's claim files have " + std::to_string(dossier_bytes) +
                 " bytes, more than the limit of " +
                 std::to_string(options_.limits.max_dossier_bytes) +
                 " (max_dossier_bytes); split the dossier, or raise the limit");
      continue;
    }
    unparsed.push_back(file);
    unparsed_records.push_back(&records[f]);
  }
  std::vector<read_result> reads(unparsed.size());
  const input_limits& limits = options_.limits;
  parallel_for(unparsed.size(), options_.threads, [&](std::size_t i) {
    reads[i] = read_whole_file(unparsed[i]->path, limits.max_file_bytes);
    if (reads[i].code.empty()) {
      record_stream stream(*unparsed[i], *unparsed_records[i]);
      unparsed[i]->parsed = detail::parse_claim_json(std::move(reads[i].bytes),
                                                     unparsed[i]->display, limits, &stream);
      // A file that does not parse has no records: one syntax error is not
      // to become a cascade of the records read before it.
      if (!unparsed[i]->parsed.root) *unparsed_records[i] = file_records{};
    }
    std::string().swap(reads[i].bytes);
  });
  for (std::size_t i = 0; i < unparsed.size(); ++i) {
    claim_file& file = *unparsed[i];
    file.loaded = true;
    if (!reads[i].code.empty()) {
      report(reads[i].code, source_location{file.display, 0, 0, ""}, reads[i].message);
      continue;
    }
    for (auto& d : file.parsed.problems) problems_.push_back(std::move(d));
    file.parsed.problems.clear();
  }
}

std::vector<claim_file*> loader::claim_files_in(const fs::path& folder, const fs::path& root) {
  std::vector<fs::path> candidates;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (is_hidden(p) || p.extension() != ".json") continue;
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) {
      // A link named *.json that leads to no file, or to a device, would
      // otherwise drop its claims without a word. A FIFO or a folder named
      // *.json is someone else's business and is skipped.
      if (it->is_symlink(type_ec)) {
        std::error_code target_ec;
        const bool dangling = !fs::exists(it->path(), target_ec);
        report("file.read", source_location{(folder / p.filename()).generic_string(), 0, 0, ""},
               dangling ? "the claim file is a symbolic link to a file that does not exist; "
                          "remove the link or restore its file"
                        : "the claim file is a symbolic link to something that is not a regular "
                          "file (a device, a FIFO or a folder); remove the link");
      }
      continue;
    }
    // Like imports and document texts, a claim file may not lead out of the
    // root through a link. It is refused unread: reading it to tell whether
    // it is a claim file would be the leak.
    if (it->is_symlink(type_ec) && !stays_inside(folder / p.filename(), root)) {
      report("path.outside_root",
             source_location{(folder / p.filename()).generic_string(), 0, 0, ""},
             "the claim file is a symbolic link to a file outside the claims root " +
                 in_quotes(root.generic_string()) +
                 "; copy the file into the dossier or give a wider --root");
      continue;
    }
    candidates.push_back(folder / p.filename());
  }
  if (ec) {
    report("path.read", source_location{folder.generic_string(), 0, 0, ""},
           "cannot list the folder: " + ec.message());
  }
  std::sort(candidates.begin(), candidates.end());
  std::vector<claim_file*> out;
  for (const auto& p : candidates) {
    claim_file* file = parse_file(p);
    if (file->claim) out.push_back(file);
  }
  return out;
}

folder_state* loader::folder_for(const fs::path& folder, const fs::path& root) {
  std::string key =
      canonical_or_normal(folder).string() + "\n" + canonical_or_normal(root).string();
  auto found = folders_.find(key);
  if (found != folders_.end()) return found->second.get();
  auto state = std::make_unique<folder_state>();
  state->key = key;
  state->folder = folder.lexically_normal();
  state->root = root;
  state->files = claim_files_in(folder, root);
  folder_state* out = state.get();
  folders_.emplace(key, std::move(state));
  return out;
}

folder_state* loader::single_file(const fs::path& file, const fs::path& root) {
  std::string key = canonical_or_normal(file).string() + "\n" + canonical_or_normal(root).string();
  auto found = folders_.find(key);
  if (found != folders_.end()) return found->second.get();
  auto state = std::make_unique<folder_state>();
  state->key = key;
  state->folder = folder_of(file);
  state->root = root;
  claim_file* only = parse_file(file);
  only->claim = true;  // named on the command line, it is meant as one: say why it is not
  state->files = {only};
  folder_state* out = state.get();
  folders_.emplace(key, std::move(state));
  return out;
}

void loader::find_dossiers(const fs::path& folder, const fs::path& root,
                           std::vector<folder_state*>& out) {
  folder_state* here = folder_for(folder, root);
  if (!here->files.empty()) out.push_back(here);
  std::vector<fs::path> children;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (is_hidden(it->path()) || !it->is_directory(type_ec)) continue;
    if (it->is_symlink(type_ec)) continue;  // a link could loop back up the tree
    children.push_back(folder / it->path().filename());
  }
  std::sort(children.begin(), children.end());
  for (const auto& child : children) find_dossiers(child, root, out);
}

// --- Stage 2: the structural pass -------------------------------------------

// How many field positions a record keeps: one per member and per item of
// an array member, except the items of a list of records (each is shaped on
// its own later). Reserved at once instead of grown by doubling per record.
std::size_t field_positions(const json_node& node, const record_rule& rule) {
  std::size_t positions = node.members().size();
  for (const json_member& member : node.members()) {
    if (member.value.type != json_type::array) continue;
    auto rule_it = std::find_if(rule.fields.begin(), rule.fields.end(),
                                [&](const field_rule& f) { return f.name == member.key; });
    if (rule_it != rule.fields.end() && rule_it->form == shape::list) continue;
    positions += member.value.items().size();
  }
  return positions;
}

bool record_reader::shape_fields(const claim_file& file, const json_node& node,
                                 const std::string& pointer, const record_rule& rule,
                                 shaped_record& out) {
  out.file = &file;
  out.node = &node;
  out.pointer = pointer;
  out.origin.where = at(file, node, pointer);
  if (node.type != json_type::object) {
    std::string noun(rule.noun);
    report("field.type", at(file, node, pointer),
           noun + " is written as an object {...}, but this is " + json_type_name(node.type));
    return false;
  }
  out.origin.fields.reserve(field_positions(node, rule));
  out.fields.reserve(node.members().size());
  for (const json_member& member : node.members()) {
    // Pointers are for diagnostics: built only when one is reported.
    std::string member_pointer_text;
    auto member_pointer = [&]() -> const std::string& {
      if (member_pointer_text.empty())
        member_pointer_text = detail::json_pointer_append(pointer, member.key);
      return member_pointer_text;
    };
    auto rule_it = std::find_if(rule.fields.begin(), rule.fields.end(),
                                [&](const field_rule& f) { return f.name == member.key; });
    if (rule_it == rule.fields.end()) {
      report("field.unknown", detail::make_location(member.at, file.display, member_pointer()),
             "unknown field " + in_quotes(member.key) + " in " + std::string(rule.noun) +
                 did_you_mean(member.key, field_names(rule)));
      continue;
    }
    const json_node& value = member.value;
    out.origin.fields.set(member.key, value.at.line, value.at.column);
    bool ok = true;
    auto wrong_type = [&](const json_node& bad, const std::string& bad_pointer,
                          const std::string& wanted) {
      report("field.type", at(file, bad, bad_pointer),
             in_quotes(member.key) + " is " + wanted + ", but this is " + json_type_name(bad.type));
      ok = false;
    };
    switch (rule_it->form) {
      case shape::text:
      case shape::nonempty_text:
        if (value.type != json_type::string) {
          wrong_type(value, member_pointer(), "a string");
        } else if (rule_it->form == shape::nonempty_text && blank(value.text)) {
          report("field.empty", at(file, value, member_pointer()),
                 in_quotes(member.key) + " is empty" +
                     (value.text.empty() ? "" : " (only white space)") +
                     "; write a value or leave the field out");
          ok = false;
        }
        break;
      case shape::number:
        if (value.type != json_type::number) wrong_type(value, member_pointer(), "a number");
        break;
      case shape::version:
        if (value.type != json_type::number || value.number != 1) {
          report("format.version", at(file, value, member_pointer()),
                 "this claimcheck reads claim format 1; write \"claimcheck\": 1");
          ok = false;
        }
        break;
      case shape::object:
        if (value.type != json_type::object) wrong_type(value, member_pointer(), "an object");
        break;
      case shape::words:
      case shape::nonempty_words:
      case shape::list:
        if (value.type != json_type::array) {
          wrong_type(value, member_pointer(), shape_name(rule_it->form));
          break;
        }
        if (rule_it->form == shape::nonempty_words && value.items().empty()) {
          report("field.empty", at(file, value, member_pointer()),
                 in_quotes(member.key) + " needs at least one entry");
          ok = false;
        }
        for (std::size_t i = 0; i < value.items().size(); ++i) {
          const json_node& item = value.items()[i];
          if (rule_it->form == shape::list) continue;  // records are shaped one by one later
          auto item_pointer = [&] {
            return detail::json_pointer_append(member_pointer(), std::to_string(i));
          };
          out.origin.fields.set(std::string(member.key) + "/" + std::to_string(i), item.at.line,
                                item.at.column);
          if (item.type != json_type::string) {
            wrong_type(item, item_pointer(), "an array of strings");
          } else if (item.text.empty()) {
            report("field.empty", at(file, item, item_pointer()),
                   "an entry of " + in_quotes(member.key) + " is empty");
            ok = false;
          }
        }
        break;
      case shape::value: {
        // `p` makes the value's pointer, for a diagnostic.
        auto scalar_ok = [&](const json_node& v, const auto& p) {
          if (v.type == json_type::number) return true;
          if (v.type == json_type::string) {
            if (!v.text.empty()) return true;
            report("field.empty", at(file, v, p()),
                   "the value is empty; write a figure such as 20000 or \"2万\"");
            ok = false;
            return false;
          }
          report("field.type", at(file, v, p()),
                 "a value is a number, a string such as \"2万\" or a pair [lo, hi], but this is " +
                     std::string(json_type_name(v.type)));
          ok = false;
          return false;
        };
        if (value.type == json_type::array) {
          if (value.items().size() != 2) {
            report("value.pair", at(file, value, member_pointer()),
                   "a range is written as a pair [lo, hi]; this array has " +
                       std::to_string(value.items().size()) + " entries");
            ok = false;
            break;
          }
          for (std::size_t i = 0; i < 2; ++i) {
            auto item_pointer = [&] {
              return detail::json_pointer_append(member_pointer(), std::to_string(i));
            };
            const json_node& end = value.items()[i];
            out.origin.fields.set("value/" + std::to_string(i), end.at.line, end.at.column);
            if (end.type != json_type::number && end.type != json_type::string) {
              report("field.type", at(file, end, item_pointer()),
                     "each end of a range is a number or a string, but this is " +
                         std::string(json_type_name(end.type)));
              ok = false;
            } else {
              scalar_ok(end, item_pointer);
            }
          }
        } else {
          scalar_ok(value, member_pointer);
        }
        break;
      }
    }
    if (ok) out.fields.emplace_back(member.key, &value);
  }
  for (const auto& f : rule.fields) {
    if (f.required && !node.find_member(f.name)) {
      report("field.missing", at(file, node, pointer),
             std::string(rule.noun) + " needs the field " + in_quotes(f.name));
    }
  }
  return true;
}

void record_reader::read_record(const claim_file& file, std::size_t list, std::size_t index,
                                const json_node& node, file_records& into) {
  shaped_record r;
  const std::string pointer =
      detail::json_pointer_append(std::string("/") + record_lists[list], std::to_string(index));
  if (!shape_fields(file, node, pointer, list_rule(list), r) || node.type != json_type::object)
    return;
  switch (list) {
    case units_list:
      add_unit(r, into);
      break;
    case sources_list:
      into.sources.push_back(make_source(r));
      break;
    case claims_list:
      into.claims.records.push_back(
          make_figure(r, figure_kind::claim, into.claims.pending.emplace_back()));
      break;
    case facts_list:
      into.facts.records.push_back(
          make_figure(r, figure_kind::fact, into.facts.pending.emplace_back()));
      break;
    case derived_list:
      into.derived.records.push_back(make_derived(r, into.derived.pending.emplace_back()));
      break;
    case checks_list:
      into.checks.push_back(make_check(r));
      break;
    case series_list:
      into.series.records.push_back(make_series(r, into.series.pending.emplace_back()));
      break;
    default: {
      ignore_record i;
      i.quote = r.text("quote");
      i.reason = r.text("reason");
      i.origin = std::move(r.origin);
      into.ignores.push_back(std::move(i));
    }
  }
}

// --- Stage 3: imports ---------------------------------------------------------

// The folders `folder` imports, found and checked (inside the root, a
// dossier); built later, by build's loop (next_import).
void loader::resolve_imports(folder_state& folder) {
  for (claim_file* file : folder.files) {
    if (!file->parsed.root) continue;
    const json_node* imports = file->parsed.root->find("imports");
    if (!imports || imports->type != json_type::array) continue;
    for (std::size_t i = 0; i < imports->items().size(); ++i) {
      const json_node& item = imports->items()[i];
      if (item.type != json_type::string || item.text.empty()) continue;
      import_statement statement{file, &item, "/imports/" + std::to_string(i), ""};
      source_location where = at(*file, item, statement.pointer);
      fs::path written(item.text);
      if (written.is_absolute() || written.has_root_name()) {
        report("import.outside_root", where,
               "imports are paths relative to the claim file, such as \"../reference/gpt3\"; " +
                   in_quotes(item.text) + " is absolute");
        folder.imports.push_back(statement);
        continue;
      }
      fs::path target = (folder_of(file->path) / written).lexically_normal();
      if (!stays_inside(target, folder.root)) {
        report("import.outside_root", where,
               "the import " + in_quotes(item.text) + " leads outside the claims root " +
                   in_quotes(folder.root.generic_string()) +
                   "; move the dossier inside it or give a wider --root");
        folder.imports.push_back(statement);
        continue;
      }
      std::error_code ec;
      if (!fs::is_directory(target, ec)) {
        report("import.not_found", where,
               "the import " + in_quotes(item.text) + " names no folder (looked for " +
                   in_quotes(target.generic_string()) + ")");
        folder.imports.push_back(statement);
        continue;
      }
      folder_state* imported = folder_for(target, folder.root);
      if (imported->files.empty()) {
        report("import.not_dossier", where,
               "the folder " + in_quotes(target.generic_string()) +
                   " has no claim files (JSON files with \"claimcheck\": 1)");
        folder.imports.push_back(statement);
        continue;
      }
      statement.key = imported->key;
      folder.imports.push_back(statement);
    }
  }
}

// The next folder that `frame`'s folder imports and that must be built
// before it, or nullptr when all of them are built. Cycles and chains longer
// than max_import_depth are reported here, and their edges cut.
folder_state* loader::next_import(build_frame& frame) {
  folder_state& folder = *frame.folder;
  while (frame.next_import < folder.imports.size()) {
    import_statement& statement = folder.imports[frame.next_import++];
    if (statement.key.empty()) continue;
    folder_state& imported = *folders_.at(statement.key);
    if (imported.state == folder_state::status::building) {
      auto start = std::find(building_.begin(), building_.end(), &imported);
      std::vector<folder_state*> cycle(start, building_.end());
      report_cycle(cycle);
      statement.key.clear();  // cut the edge: the cycle is reported once
      continue;
    }
    // The chain is built on the heap, not the call stack, but each folder
    // keeps the list of all it imports (the square of the chain's length)
    // and holds its files until its imports are built.
    if (imported.state == folder_state::status::fresh &&
        building_.size() >= options_.limits.max_import_depth) {
      report("limit.import_depth", at(*statement.file, *statement.node, statement.pointer),
             "this import makes a chain of more than " +
                 std::to_string(options_.limits.max_import_depth) +
                 " dossiers, each importing the next; import the dossiers you use directly, "
                 "or raise --limit max_import_depth");
      statement.key.clear();
      continue;
    }
    if (imported.state == folder_state::status::fresh) return &imported;
    if (imported.handed_over) restore(imported);
  }
  return nullptr;
}

// The closure: each imported folder, then what it imports, once each. A
// mark per folder instead of a set: a chain of n dossiers visits n^2 / 2.
void loader::close_imports(folder_state& folder) {
  const std::size_t mark = ++closure_marks_;
  folder.closure_mark = mark;
  auto add = [&](folder_state* c) {
    if (c->closure_mark == mark) return;
    c->closure_mark = mark;
    c->imported = true;
    folder.closure.push_back(c);
  };
  for (const auto& statement : folder.imports) {
    if (statement.key.empty()) continue;
    folder_state* imported = folders_.at(statement.key).get();
    add(imported);
    for (folder_state* c : imported->closure) add(c);
  }
}

// A cycle is reported once whichever folder the walk started from: the chain
// is rotated to start at the smallest key, and the problem is placed at the
// import that closes it.
void loader::report_cycle(const std::vector<folder_state*>& cycle) {
  if (cycle.empty()) return;
  auto smallest = std::min_element(
      cycle.begin(), cycle.end(),
      [](const folder_state* a, const folder_state* b) { return a->key < b->key; });
  std::vector<folder_state*> chain(smallest, cycle.end());
  chain.insert(chain.end(), cycle.begin(), smallest);
  std::string id;
  for (const auto* f : chain) id += f->key + "\t";
  if (!reported_cycles_.insert(id).second) return;
  const folder_state& last = *chain.back();
  const folder_state& first = *chain.front();
  std::string names;
  for (const auto* f : chain) names += f->folder.generic_string() + " -> ";
  names += first.folder.generic_string();
  for (const auto& statement : last.imports) {
    if (statement.key != first.key) continue;
    report(
        "import.cycle", at(*statement.file, *statement.node, statement.pointer),
        "import cycle: " + names + "; a dossier cannot import itself, remove one of these imports");
    return;
  }
}

// --- Stages 4 and 5 -------------------------------------------------------------

// Builds `start` and, first, every folder it imports, depth first. The
// chain of folders being built is an explicit stack on the heap: a chain of
// imports thousands of dossiers long takes no stack per dossier (it was
// recursion between build and resolve_imports, and 6,000 dossiers
// overflowed the stack).
void loader::build(folder_state& start) {
  if (start.state != folder_state::status::fresh) return;
  std::vector<build_frame> stack;
  begin_build(start, stack);
  while (!stack.empty()) {
    if (folder_state* imported = next_import(stack.back())) {
      begin_build(*imported, stack);
      continue;
    }
    finish_build(stack.back());
    stack.pop_back();
  }
}

// Parses and shapes a folder's files and finds its imports.
void loader::begin_build(folder_state& folder, std::vector<build_frame>& stack) {
  folder.state = folder_state::status::building;
  building_.push_back(&folder);
  build_frame& frame = stack.emplace_back();
  frame.folder = &folder;
  shape_files(frame);
  resolve_imports(folder);
}

// Stages 1 and 2 for the folder's files, and their records made (all but
// their units, which wait for the registry: stage 4).
void loader::shape_files(build_frame& frame) {
  folder_state& folder = *frame.folder;
  std::vector<file_records> records(folder.files.size());
  load_trees(folder.files, records);
  for (std::size_t f = 0; f < folder.files.size(); ++f) {
    const claim_file* file = folder.files[f];
    if (!file->parsed.root) continue;
    const json_node& root = *file->parsed.root;
    shaped_record top;
    if (!reader_.shape_fields(*file, root, "", top_rule(), top) || root.type != json_type::object)
      continue;
    if (const json_node* doc = top.get("document")) {
      shaped_record r;
      reader_.shape_fields(*file, *doc, "/document", document_rule(), r);
      frame.documents.emplace_back(file, std::move(r));
    }
    // The records were made while the file was parsed (record_stream).
    for (diagnostics& list : records[f].problems) {
      for (diagnostic& d : list) problems_.push_back(std::move(d));
    }
  }
  gather_records(frame, records);
}

// The files' records into the folder's lists: each list of every file in
// file order, then the next list (the order of the claim format's lists).
void loader::gather_records(build_frame& frame, std::vector<file_records>& files) {
  folder_state& folder = *frame.folder;
  // Exact capacities: a vector grown by doubling holds up to twice its
  // records, and the records are most of a loaded dossier's memory.
  // Each file's records are freed as they move, so that a folder's records
  // are not held twice.
  auto move_out = [](auto& from, auto& into) {
    std::move(from.begin(), from.end(), std::back_inserter(into));
    std::decay_t<decltype(from)>().swap(from);
  };
  auto gather = [&](auto& into, auto list) {
    std::size_t total = 0;
    for (const file_records& f : files) total += (f.*list).size();
    into.reserve(total);
    for (file_records& f : files) move_out(f.*list, into);
  };
  auto gather_with_units = [&](auto& into, auto& waiting, auto... lists) {
    std::size_t total = 0;
    for (const file_records& f : files) total += ((f.*lists).records.size() + ...);
    into.reserve(total);
    waiting.reserve(total);
    for (auto list : {lists...}) {
      for (file_records& f : files) {
        move_out((f.*list).records, into);
        move_out((f.*list).pending, waiting);
      }
    }
  };
  gather(folder.sources, &file_records::sources);
  gather(folder.checks, &file_records::checks);
  gather(folder.ignores, &file_records::ignores);
  gather_with_units(folder.units, frame.unit_places, &file_records::units);
  gather_with_units(folder.figures, frame.figure_units, &file_records::claims,
                    &file_records::facts);
  gather_with_units(folder.derived, frame.derived_units, &file_records::derived);
  gather_with_units(folder.series, frame.series_units, &file_records::series);
}

// Stages 4 and 5, once every import is built.
void loader::finish_build(build_frame& frame) {
  folder_state& folder = *frame.folder;
  close_imports(folder);
  make_records(frame);
  building_.pop_back();
  folder.state = folder_state::status::done;
  release(folder);
}

void loader::make_records(build_frame& frame) {
  folder_state& folder = *frame.folder;
  build_registry(folder, frame.unit_places);
  convert_documents(folder, frame.documents);
  resolve_units(frame);
  std::size_t records = folder.units.size() + folder.sources.size() + folder.figures.size() +
                        folder.derived.size() + folder.checks.size() + folder.series.size() +
                        folder.ignores.size();
  if (records > options_.limits.max_records && !folder.files.empty()) {
    report("limit.records", source_location{folder.folder.generic_string(), 0, 0, ""},
           "the dossier has " + std::to_string(records) + " records, more than the limit of " +
               std::to_string(options_.limits.max_records) + "; split it");
  }
  cross_check(folder);
  check_quotes(folder);
}

// A folder handed over to its dossier and imported by a folder built later:
// its records are made again from its files, with the imports and closure
// it was built with, so they are the records its first build made. Its
// problems were reported then and are not reported again. The folders of
// its closure hold their records: each was imported when it was closed
// (so not handed over since), or handed over before and made again when
// this folder was built.
void loader::restore(folder_state& folder) {
  const std::size_t reported = problems_.size();
  folder.document.reset();
  folder.text_loaded = false;
  folder.parsed_units.clear();
  folder.units.clear();
  folder.sources.clear();
  folder.figures.clear();
  folder.derived.clear();
  folder.checks.clear();
  folder.series.clear();
  folder.ignores.clear();
  build_frame frame;
  frame.folder = &folder;
  shape_files(frame);
  make_records(frame);
  release(folder);
  folder.handed_over = false;
  problems_.erase(problems_.begin() + static_cast<std::ptrdiff_t>(reported), problems_.end());
}

void loader::build_registry(folder_state& folder, const std::vector<unit_place>& places) {
  folder.registry = unit_registry::with_builtins();
  for (const folder_state* imported : folder.closure) {
    for (const unit_record& u : imported->units) {
      // Reported where it was declared; here it is only made visible.
      folder.registry.declare_count_unit(u.name, u.aliases);
    }
  }
  for (std::size_t i = 0; i < folder.units.size(); ++i) {
    const unit_record& u = folder.units[i];
    auto declared = folder.registry.declare_count_unit(u.name, u.aliases);
    if (declared) continue;
    // The registry names the spelling at fault but not its place: find the
    // first prefix of [name, aliases...] that fails, and point there.
    const located_text* field = &places[i].name;
    std::string pointer = detail::json_pointer_append(u.origin.where.pointer, "name");
    for (std::size_t k = 0; k <= u.aliases.size(); ++k) {
      unit_registry trial = folder.registry;
      std::vector<std::string> some(u.aliases.begin(),
                                    u.aliases.begin() + static_cast<std::ptrdiff_t>(k));
      if (trial.declare_count_unit(u.name, some)) continue;
      if (k > 0) {
        pointer = detail::json_pointer_append(u.origin.where.pointer, "aliases") + "/" +
                  std::to_string(k - 1);
        field = &places[i].aliases[k - 1];
      }
      break;
    }
    report(declared.error().code,
           field->in_string(declared.error().offset, u.origin.where, pointer),
           declared.error().message);
  }
}

// A named unit, with the places of its name and aliases.
void record_reader::add_unit(shaped_record& r, file_records& into) {
  unit_record u;
  u.name = r.text("name");
  if (u.name.empty()) return;
  u.aliases = r.words("aliases");
  unit_place place{located_text(*r.get("name")), {}};
  if (const json_node* aliases = r.get("aliases")) {
    for (const json_node& alias : aliases->items()) place.aliases.emplace_back(alias);
  }
  u.origin = std::move(r.origin);
  into.units.records.push_back(std::move(u));
  into.units.pending.push_back(std::move(place));
}

std::string record_reader::id_field(const shaped_record& r) {
  std::string id = r.text("id");
  const json_node* node = r.get("id");
  if (!node) return id;
  if (auto bad = id_error_offset(id)) {
    std::string suggestion = suggest_id(id);
    report("id.syntax", in_string(*r.file, *node, *bad, r.field_pointer("id")),
           "the id " + in_quotes(id) +
               " breaks the id grammar [a-z][a-z0-9_]*(.[a-z0-9_]+)*: lower-case words joined "
               "by '_', parts joined by '.'" +
               (suggestion.empty() ? std::string() : "; write " + in_quotes(suggestion)));
  }
  return id;
}

std::optional<partial_date> record_reader::date_field(const shaped_record& r,
                                                      std::string_view name) {
  const json_node* node = r.get(name);
  if (!node) return std::nullopt;
  auto parsed = parse_partial_date(node->text);
  if (!parsed) {
    report_text_error(parsed.error(), *r.file, *node, r.field_pointer(name));
    return std::nullopt;
  }
  return *parsed;
}

// Stage 4's part of a record: its unit field read with the folder's
// registry (each spelling once).
std::optional<unit> loader::resolve_unit(folder_state& folder, const pending_unit& pending,
                                         const std::string& text, const record_origin& origin) {
  if (!pending.field) return std::nullopt;
  auto cached = folder.parsed_units.find(text);
  if (cached == folder.parsed_units.end())
    cached = folder.parsed_units.emplace(text, folder.registry.parse(text)).first;
  const result<unit>& parsed = cached->second;
  if (!parsed) {
    report(parsed.error().code,
           pending.field->in_string(parsed.error().offset, origin.where,
                                    detail::json_pointer_append(origin.where.pointer, "unit")),
           parsed.error().message);
    return std::nullopt;
  }
  return *parsed;
}

void loader::resolve_units(build_frame& frame) {
  folder_state& folder = *frame.folder;
  for (std::size_t i = 0; i < folder.figures.size(); ++i) {
    figure_record& f = folder.figures[i];
    const pending_unit& pending = frame.figure_units[i];
    auto stated = resolve_unit(folder, pending, f.unit_text, f.origin);
    if (stated && pending.value)
      f.value = quantity{pending.value->nominal, pending.value->bounds, *stated};
  }
  for (std::size_t i = 0; i < folder.derived.size(); ++i) {
    derived_record& d = folder.derived[i];
    d.target_unit = resolve_unit(folder, frame.derived_units[i], d.unit_text, d.origin);
  }
  for (std::size_t i = 0; i < folder.series.size(); ++i) {
    series_record& s = folder.series[i];
    s.target_unit = resolve_unit(folder, frame.series_units[i], s.unit_text, s.origin);
  }
}

std::optional<written_number> record_reader::parse_written(const shaped_record& r,
                                                           const json_node& node,
                                                           const std::string& pointer) {
  if (node.type == json_type::number) {
    auto parsed = parse_number_text(node.text);
    if (!parsed) {
      report(parsed.error().code, at(*r.file, node, pointer), parsed.error().message);
      return std::nullopt;
    }
    return *parsed;
  }
  auto parsed = parse_value_string(node.text);
  if (!parsed) {
    report_text_error(parsed.error(), *r.file, node, pointer);
    return std::nullopt;
  }
  return *parsed;
}

bool is_power_of_ten(double v) {
  if (!(v > 0) || !std::isfinite(v)) return false;
  double exponent = std::round(std::log10(v));
  return nearly_equal(v, std::pow(10.0, exponent));
}

figure_record record_reader::make_figure(shaped_record& r, figure_kind kind, pending_unit& unit) {
  figure_record f;
  f.kind = kind;
  f.id = id_field(r);
  f.subject = r.text("subject");
  f.quote = r.text("quote");
  f.speaker = r.text("speaker");
  f.scope = r.text("scope");
  f.note = r.text("note");
  f.tags = r.words("tags");
  f.sources = r.words("sources");
  f.unit_text = r.text("unit");
  f.origin = std::move(r.origin);
  const claim_file& file = *r.file;
  if (const json_node* subject = r.get("subject");
      subject != nullptr && f.subject.find(skeleton_subject_placeholder) != std::string::npos) {
    report("rule.placeholder", at(file, *subject, r.field_pointer("subject")),
           "the subject of '" + f.id +
               "' is still the skeleton's placeholder; write what the figure is of, as in "
               "\"exhibitors at WAIC 2023\"",
           severity::warning);
  }

  bool qualifier_ok = true;
  if (const json_node* q = r.get("qualifier")) {
    if (auto parsed = parse_qualifier(q->text)) {
      f.qual = *parsed;
    } else {
      qualifier_ok = false;
      report("qualifier.unknown", at(file, *q, r.field_pointer("qualifier")),
             "unknown qualifier " + in_quotes(q->text) + did_you_mean(q->text, qualifier_names()) +
                 " (one of stated, exact, about, over, at_least, under, at_most, plus, level, "
                 "several, range)");
    }
  }
  bool numbers_ok = true;
  if (const json_node* t = r.get("tolerance")) {
    if (!(t->number >= 0 && t->number <= 1)) {
      numbers_ok = false;
      report("value.tolerance", at(file, *t, r.field_pointer("tolerance")),
             "a tolerance is a fraction between 0 and 1, as in 0.1 for ±10%");
    } else {
      f.tolerance = t->number;
    }
  }
  if (const json_node* p = r.get("precision")) {
    if (!(p->number > 0) || !std::isfinite(p->number)) {
      numbers_ok = false;
      report("value.precision", at(file, *p, r.field_pointer("precision")),
             "a precision is a positive number, as in 0.01 or 1000");
    } else {
      f.precision = p->number;
    }
  }
  f.as_of = date_field(r, "as_of");

  const json_node* value = r.get("value");
  std::string value_pointer = r.field_pointer("value");
  if (value) {
    if (value->type == json_type::array) {
      f.value_text = "[";
      for (std::size_t i = 0; i < value->items().size(); ++i) {
        const json_node& item = value->items()[i];
        if (i) f.value_text += ", ";
        if (item.type == json_type::string) {
          f.value_text += '"';
          f.value_text += item.text;
          f.value_text += '"';
        } else {
          f.value_text += item.text;
        }
      }
      f.value_text += "]";
    } else {
      f.value_text = value->text;
    }
  }
  if (f.unit_text == "date") {
    f.is_date = true;
  } else if (const json_node* unit_node = r.get("unit")) {
    unit.field.emplace(*unit_node);
  }
  if (!value) return f;

  if (f.is_date) {
    if (value->type != json_type::string) {
      report("value.date", at(file, *value, value_pointer),
             "a figure with unit \"date\" has an ISO date as its value, as in \"2023-07-06\"");
      return f;
    }
    auto parsed = parse_partial_date(value->text);
    if (!parsed) {
      report_text_error(parsed.error(), file, *value, value_pointer);
    } else {
      f.date = *parsed;
    }
    return f;
  }

  std::optional<qualified_value> qualified;
  if (value->type == json_type::array) {
    auto lo = parse_written(r, value->items()[0], detail::json_pointer_append(value_pointer, "0"));
    auto hi = parse_written(r, value->items()[1], detail::json_pointer_append(value_pointer, "1"));
    if (qualifier_ok && f.qual != qualifier::range) {
      report("value.qualifier", at(file, *value, value_pointer),
             "a pair [lo, hi] is a range; write \"qualifier\": \"range\", or give one value");
      return f;
    }
    if (!lo || !hi) return f;
    auto ranged = qualify_range(*lo, *hi);
    if (!ranged) {
      report(ranged.error().code, at(file, *value, value_pointer), ranged.error().message);
      return f;
    }
    qualified = *ranged;
  } else {
    auto written = parse_written(r, *value, value_pointer);
    if (!written || !qualifier_ok || !numbers_ok) return f;
    if (f.qual == qualifier::range) {
      report("value.qualifier", at(file, *value, value_pointer),
             "qualifier \"range\" takes a pair [lo, hi] as its value, as in [10, 20]");
      return f;
    }
    if (f.qual == qualifier::several && !written->magnitude_only) {
      if (!is_power_of_ten(written->value)) {
        report(
            "value.qualifier", at(file, *value, value_pointer),
            "qualifier \"several\" takes a magnitude: a form such as \"几十亿\" or \"数十\", or a "
            "power of ten such as 1e9 (several billion = [2e9, 1e10])");
        return f;
      }
      written->magnitude_only = true;
    }
    auto q = qualify(f.qual, *written, f.tolerance, f.precision);
    if (!q) {
      report(q.error().code, at(file, *value, value_pointer), q.error().message);
      return f;
    }
    qualified = *q;
  }
  unit.value = qualified;  // with its unit once the registry reads it (resolve_units)
  return f;
}

bool loader::load_document_text(folder_state& folder, document_record& doc,
                                const shaped_record& r) {
  const json_node* text = r.get("text");
  if (!text) return false;
  const claim_file& file = *r.file;
  std::string pointer = r.field_pointer("text");
  source_location where = at(file, *text, pointer);
  fs::path written(text->text);
  doc.text_file = text->text;
  fs::path target = (folder_of(file.path) / written).lexically_normal();
  doc.text_path = target;
  if (written.is_absolute() || written.has_root_name() || !stays_inside(target, folder.root)) {
    report("document.outside_root", where,
           "the document text " + in_quotes(text->text) + " lies outside the claims root " +
               in_quotes(folder.root.generic_string()) + "; keep it in the dossier folder");
    return false;
  }
  std::error_code ec;
  const fs::file_status status = fs::status(target, ec);
  if (!fs::is_regular_file(status)) {
    const std::string what = !fs::exists(status)        ? " does not exist"
                             : fs::is_directory(status) ? " is a folder, not a file"
                             : fs::is_fifo(status)
                                 ? " is a FIFO (a named pipe), not a file; it is not read"
                                 : " is not a regular file (a device or a socket); it is not read";
    report("document.text_not_found", where,
           "the document text " + in_quotes(target.generic_string()) + what +
               "; `text` names a file relative to this claim file");
    return false;
  }
  read_result read = read_whole_file(target, options_.limits.max_file_bytes);
  if (!read.code.empty()) {
    report(read.code, where, in_quotes(target.generic_string()) + ": " + read.message);
    return false;
  }
  std::size_t bad = 0;
  if (!decode_utf8(read.bytes, &bad)) {
    std::size_t line =
        1 + static_cast<std::size_t>(std::count(
                read.bytes.begin(), read.bytes.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
    report("document.encoding", where,
           "the document text " + in_quotes(target.generic_string()) +
               " is not valid UTF-8 at byte " + std::to_string(bad) + " (line " +
               std::to_string(line) + "); save it as UTF-8");
    return false;
  }
  doc.text = std::move(read.bytes);
  return true;
}

template <typename Enum, std::size_t N>
std::optional<Enum> record_reader::enum_field(const shaped_record& r, std::string_view name,
                                              const enum_name_list<Enum, N>& names,
                                              const char* code, const char* what) {
  const json_node* node = r.get(name);
  if (!node) return std::nullopt;
  if (auto value = names.value(node->text)) return value;
  report(code, at(*r.file, *node, r.field_pointer(name)),
         std::string("unknown ") + what + " " + in_quotes(node->text) +
             did_you_mean(node->text, names.name_list()) + " (" + names.alternatives() + ")");
  return std::nullopt;
}

check_record record_reader::make_check(shaped_record& r) {
  check_record c;
  c.id = id_field(r);
  c.assert_text = r.text("assert");
  c.message = r.text("message");
  c.within_text = r.text("within");
  c.about = r.words("about");
  c.origin = std::move(r.origin);
  if (auto level =
          enum_field(r, "severity", detail::check_severity_names, "check.severity", "severity")) {
    c.level = *level;
  }
  if (auto outcome = enum_field(r, "expect", detail::check_outcome_names, "check.expect",
                                "expected outcome")) {
    c.expect = *outcome;
  }
  return c;
}

void loader::convert_documents(
    folder_state& folder,
    const std::vector<std::pair<const claim_file*, shaped_record>>& documents) {
  for (const auto& [file, r] : documents) {
    if (folder.document) {
      report("document.duplicate", r.origin.where,
             "a dossier has one document; the first is at " +
                 format_place(folder.document->origin.where) +
                 "; move the other to its own dossier folder");
      continue;
    }
    document_record doc;
    doc.title = r.text("title");
    doc.publisher = r.text("publisher");
    doc.author = r.text("author");
    doc.url = r.text("url");
    doc.language = r.text("language");
    doc.published = reader_.date_field(r, "published");
    doc.origin = r.origin;
    if (const json_node* review = r.get("review"); review && review->type == json_type::object) {
      shaped_record rr;
      if (reader_.shape_fields(*file, *review, r.field_pointer("review"), review_rule(), rr)) {
        review_record rev;
        rev.by = rr.text("by");
        rev.url = rr.text("url");
        rev.published = reader_.date_field(rr, "published");
        rev.origin = rr.origin;
        if (const json_node* url = rr.get("url"); url && !is_web_url(rev.url)) {
          report("review.url", at(*file, *url, rr.field_pointer("url")),
                 "the review's url " + in_quotes(rev.url) +
                     " is not an absolute http or https address; write the page that publishes "
                     "the review, such as \"https://example.org/checks/article\"");
        }
        doc.review = std::move(rev);
      }
    }
    folder.text_loaded = load_document_text(folder, doc, r);
    folder.document = std::move(doc);
  }
}

source_record record_reader::make_source(shaped_record& r) {
  source_record s;
  s.title = r.text("title");
  s.publisher = r.text("publisher");
  s.url = r.text("url");
  s.id = id_field(r);
  s.published = date_field(r, "published");
  s.accessed = date_field(r, "accessed");
  s.origin = std::move(r.origin);
  if (auto kind = enum_field(r, "kind", detail::source_kind_names, "source.kind", "source kind")) {
    s.kind = *kind;
  }
  return s;
}

// A unit field's text; its reading waits in `unit` for the registry.
std::string record_reader::unit_field(const shaped_record& r, pending_unit& unit) {
  const json_node* node = r.get("unit");
  if (!node) return {};
  unit.field.emplace(*node);
  return std::string(node->text);
}

derived_record record_reader::make_derived(shaped_record& r, pending_unit& unit) {
  derived_record d;
  d.subject = r.text("subject");
  d.expr = r.text("expr");
  d.note = r.text("note");
  d.scope = r.text("scope");
  d.id = id_field(r);
  d.as_of = date_field(r, "as_of");
  d.unit_text = unit_field(r, unit);
  d.origin = std::move(r.origin);
  return d;
}

series_record record_reader::make_series(shaped_record& r, pending_unit& unit) {
  series_record s;
  s.id = id_field(r);
  s.subject = r.text("subject");
  s.points = r.words("points");
  s.unit_text = unit_field(r, unit);
  s.origin = std::move(r.origin);
  return s;
}

void loader::cross_check(folder_state& folder) {
  // Views of the records' own ids and places (they outlive this pass): a
  // dossier at the end of a long import chain sees every record of the chain,
  // and copying each id and place made the chain's cost per record large.
  struct id_place {
    const char* noun;
    const source_location* where;
    bool is_source = false;
    bool is_figure = false;
    bool is_derived = false;
    std::size_t order = 0;
  };
  std::map<std::string_view, id_place> ids;
  // The ids a "did you mean" chooses from, made only when one is reported.
  // In the order the ids were added, as nearest_name breaks ties by it.
  auto ids_where = [&ids](bool id_place::*kind, bool id_place::*or_kind) {
    std::vector<std::pair<std::size_t, std::string_view>> found;
    for (const auto& [id, place] : ids) {
      if (place.*kind || place.*or_kind) found.emplace_back(place.order, id);
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> out;
    for (const auto& entry : found) out.emplace_back(entry.second);
    return out;
  };
  auto add = [&](const std::string& id, const record_origin& origin, const char* noun, bool own,
                 int kind) {
    if (id.empty()) return;
    auto [it, inserted] =
        ids.emplace(id, id_place{noun, &origin.where, kind == 0, kind == 1, kind == 2, ids.size()});
    if (inserted) return;
    if (!own) return;  // reported in the imported folder's own build, if at all
    report("id.duplicate", origin.field("id"),
           "the id " + in_quotes(id) + " is already used by " + it->second.noun + " at " +
               format_place(*it->second.where) +
               "; ids are unique across a dossier and what it imports");
  };
  auto add_all = [&](const folder_state& f, bool own) {
    for (const auto& r : f.sources) add(r.id, r.origin, "the source", own, 0);
    for (const auto& r : f.figures)
      add(r.id, r.origin, r.kind == figure_kind::claim ? "the claim" : "the fact", own, 1);
    for (const auto& r : f.derived) add(r.id, r.origin, "the derived figure", own, 2);
    for (const auto& r : f.checks) add(r.id, r.origin, "the check", own, 3);
    for (const auto& r : f.series) add(r.id, r.origin, "the series", own, 4);
  };
  for (const folder_state* imported : folder.closure) add_all(*imported, false);
  add_all(folder, true);

  auto field_item = [](const record_origin& origin, const std::string& field, std::size_t i) {
    return origin.field(field + "/" + std::to_string(i));
  };
  for (const figure_record& f : folder.figures) {
    for (std::size_t i = 0; i < f.sources.size(); ++i) {
      const std::string& id = f.sources[i];
      auto it = ids.find(id);
      if (it != ids.end() && it->second.is_source) continue;
      std::string what = it == ids.end()
                             ? "no source has the id " + in_quotes(id)
                             : in_quotes(id) + " is " + it->second.noun + ", not a source";
      report("source.unknown", field_item(f.origin, "sources", i),
             what + did_you_mean(id, ids_where(&id_place::is_source, &id_place::is_source)) +
                 "; sources are listed under \"sources\"");
    }
    if (f.kind == figure_kind::fact && f.sources.empty()) {
      // At an empty list when there is one, else at the record.
      report("fact.no_source", f.origin.field("sources"),
             "the fact " + in_quotes(f.id) +
                 " names no source; a fact needs \"sources\": [\"...\"], or is it a claim?");
    }
  }
  for (const check_record& c : folder.checks) {
    for (std::size_t i = 0; i < c.about.size(); ++i) {
      auto it = ids.find(c.about[i]);
      if (it != ids.end() && (it->second.is_figure || it->second.is_derived)) continue;
      report("id.unknown", field_item(c.origin, "about", i),
             "`about` names claims and figures; no claim, fact or derived figure has the id " +
                 in_quotes(c.about[i]) +
                 did_you_mean(c.about[i], ids_where(&id_place::is_figure, &id_place::is_derived)));
    }
  }
  for (const series_record& s : folder.series) {
    for (std::size_t i = 0; i < s.points.size(); ++i) {
      auto it = ids.find(s.points[i]);
      // The spec lists claims and facts; a derived figure with an `as_of`
      // (the full-run cost the toolkit computes) is a point too. Whether a
      // point has a date is the trends room's rule (trend.no_date).
      if (it != ids.end() && (it->second.is_figure || it->second.is_derived)) continue;
      std::string what =
          it == ids.end() ? "no claim, fact or derived figure has the id " + in_quotes(s.points[i])
                          : in_quotes(s.points[i]) + " is " + it->second.noun +
                                ", but the points of a series are claims, facts or derived figures";
      report(
          "id.unknown", field_item(s.origin, "points", i),
          what + did_you_mean(s.points[i], ids_where(&id_place::is_figure, &id_place::is_derived)));
    }
  }
}

void loader::check_quotes(folder_state& folder) {
  if (!folder.document || !folder.text_loaded) return;  // a text that failed is reported already
  detail::quote_index index(folder.document->text);
  std::string text_name = folder.document->text_file;
  auto check = [&](const std::string& quote, const record_origin& origin,
                   std::optional<quote_position>& found) {
    if (quote.empty()) return;
    auto search = index.find(quote);
    if (search.found) {
      found = search.found;
      return;
    }
    std::string message = "the quote is not in " + in_quotes(text_name) +
                          " (compared after folding white space, reading annotations and the "
                          "width of punctuation)";
    if (!search.longest_found_prefix.empty() && search.prefix_position) {
      message += "; its start " + in_quotes(clip_echo(search.longest_found_prefix)) +
                 " is there, at line " + std::to_string(search.prefix_position->line) +
                 ", column " + std::to_string(search.prefix_position->column) +
                 ", but then the quote has " + character_name(*search.quote_character) +
                 " where the text has " +
                 (search.text_character ? character_name(*search.text_character)
                                        : std::string("nothing (it ends)"));
    } else {
      message += "; not even its first character, " + character_name(*search.quote_character) +
                 ", is there: copy the words exactly as the document has them";
    }
    report("quote.not_found", origin.field("quote"), message);
  };
  for (figure_record& f : folder.figures) {
    if (f.kind == figure_kind::claim) check(f.quote, f.origin, f.quote_found);
  }
  for (ignore_record& i : folder.ignores) check(i.quote, i.origin, i.quote_found);
}

// --- Output -------------------------------------------------------------------

dossier loader::make_dossier(folder_state& folder, bool take) const {
  dossier d;
  d.folder = folder.folder;
  d.root = folder.root;
  for (const claim_file* f : folder.files) d.files.push_back(f->path);
  // Copying a dossier's records costs as much as building them: move them
  // unless another dossier still has to copy them as its imports.
  auto hand_over = [take](auto& into, auto& from) {
    if (take) {
      into = std::move(from);
    } else {
      into = from;
    }
  };
  hand_over(d.document, folder.document);
  hand_over(d.units, folder.registry);
  hand_over(d.declared_units, folder.units);
  hand_over(d.sources, folder.sources);
  hand_over(d.figures, folder.figures);
  hand_over(d.derived, folder.derived);
  hand_over(d.checks, folder.checks);
  hand_over(d.series, folder.series);
  hand_over(d.ignores, folder.ignores);
  for (const folder_state* imported : folder.closure) {
    d.imported_folders.push_back(imported->folder);
    auto copy = [](auto& into, const auto& from) {
      for (auto record : from) {
        record.origin.imported = true;
        into.push_back(std::move(record));
      }
    };
    copy(d.declared_units, imported->units);
    copy(d.sources, imported->sources);
    copy(d.figures, imported->figures);
    copy(d.derived, imported->derived);
    copy(d.series, imported->series);
  }
  return d;
}

// Once a folder is built, its records hold all that later stages read: its
// files' bytes and top-level trees are dropped. A file
// needed again (the same folder under another root) is parsed again.
void loader::release(folder_state& folder) {
  // The unit texts' parses serve this build only (restore() parses again):
  // kept, they were about 15 KB a dossier, for every dossier of a run.
  decltype(folder.parsed_units)().swap(folder.parsed_units);
  for (claim_file* file : folder.files) {
    file->parsed = detail::json_parse_result{};
    file->loaded = false;
  }
  for (auto& statement : folder.imports) statement.node = nullptr;
}

diagnostics loader::sorted_problems() {
  // One problem, one line: an imported folder's problems reached twice are the same.
  std::stable_sort(problems_.begin(), problems_.end(),
                   [](const diagnostic& a, const diagnostic& b) {
                     return std::tie(a.where.file, a.where.line, a.where.column) <
                            std::tie(b.where.file, b.where.line, b.where.column);
                   });
  std::set<std::string> seen;
  diagnostics out;
  for (auto& d : problems_) {
    if (seen.insert(format_diagnostic(d)).second) out.push_back(std::move(d));
  }
  problems_.clear();
  return out;
}

std::vector<folder_state*> loader::walk(const std::vector<fs::path>& paths) {
  std::vector<folder_state*> dossiers;
  for (const fs::path& path : paths) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      report("path.not_found", source_location{path.generic_string(), 0, 0, ""},
             "no such file or folder");
      continue;
    }
    bool folder = fs::is_directory(status);
    fs::path root = !options_.root.empty() ? options_.root : folder ? path : folder_of(path);
    if (!options_.root.empty() && !fs::is_directory(options_.root, ec)) {
      report("path.not_found", source_location{options_.root.generic_string(), 0, 0, ""},
             "the claims root (--root) is not a folder that exists");
      break;
    }
    // Checked before anything is read: a folder or file named through a link
    // that leads out of the root is not read at all. The walk below follows
    // no folder links, so what it finds under an inside folder stays inside.
    if (!stays_inside(path, root)) {
      report("path.outside_root", source_location{path.generic_string(), 0, 0, ""},
             "the dossier lies outside the claims root " + in_quotes(root.generic_string()));
      continue;
    }
    std::vector<folder_state*> found;
    if (folder) {
      find_dossiers(path, root, found);
      if (found.empty()) {
        report("path.no_claims", source_location{path.generic_string(), 0, 0, ""},
               "no claim files here or below (JSON files whose top-level object has "
               "\"claimcheck\": 1)");
      }
    } else {
      found.push_back(single_file(path, root));
    }
    for (folder_state* f : found) {
      if (std::find(dossiers.begin(), dossiers.end(), f) == dossiers.end()) dossiers.push_back(f);
    }
  }
  return dossiers;
}

// Streaming: the folder's dossier, made as soon as it is built. Whether
// another folder will import it is not known yet: its records are moved
// to the dossier unless a folder built so far imports it, and made again
// if one built later does (restore).
dossier loader::hand_over(folder_state& folder) {
  build(folder);
  const bool take = !folder.imported;
  dossier d = make_dossier(folder, take);
  folder.handed_over = take;
  d.index_ids();
  return d;
}

load_result loader::run(const std::vector<fs::path>& paths) {
  load_result result;
  const std::vector<folder_state*> dossiers = walk(paths);
  for (folder_state* f : dossiers) build(*f);
  // Imports are copied from their folder states, so only a folder that no
  // other folder imports may hand its records over.
  std::set<const folder_state*> imported;
  for (const auto& entry : folders_) {
    for (const folder_state* i : entry.second->closure) imported.insert(i);
  }
  result.dossiers.reserve(dossiers.size());
  for (folder_state* f : dossiers)
    result.dossiers.push_back(make_dossier(*f, imported.count(f) == 0));
  for (dossier& d : result.dossiers) d.index_ids();
  result.problems = sorted_problems();
  return result;
}

}  // namespace

unsigned load_options::default_threads() {
  return hardware_threads(8);
}

load_result load_paths(const std::vector<std::filesystem::path>& paths,
                       const load_options& options) {
  return loader(options).run(paths);
}

struct dossier_stream::state {
  explicit state(const load_options& given) : options(given), load(options) {}
  const load_options options;  // the loader keeps a reference to them
  loader load;
  std::vector<folder_state*> dossiers;
  std::size_t next = 0;
};

dossier_stream::dossier_stream(const std::vector<std::filesystem::path>& paths,
                               const load_options& options)
    : state_(std::make_unique<state>(options)) {
  state_->dossiers = state_->load.walk(paths);
}

dossier_stream::~dossier_stream() = default;

std::optional<dossier> dossier_stream::next() {
  if (state_->next == state_->dossiers.size()) return std::nullopt;
  return state_->load.hand_over(*state_->dossiers[state_->next++]);
}

bool dossier_stream::ok() const {
  return !has_errors(state_->load.problems_so_far());
}

const diagnostics& dossier_stream::problems() const {
  return state_->load.problems_so_far();
}

diagnostics dossier_stream::finish() {
  return state_->load.sorted_problems();
}

std::filesystem::path schema_path() {
  return std::filesystem::path(CLAIMCHECK_INSTALLED_SCHEMA_DIR) / "claimcheck.schema.json";
}

std::string_view embedded_schema() {
  return detail::embedded_schema_text();
}

load_counts count_loaded(const load_result& loaded) {
  load_counts counts;
  for (const dossier& d : loaded.dossiers) counts += count_dossier(d);
  return counts;
}

load_counts count_dossier(const dossier& d) {
  load_counts counts;
  counts.dossiers = 1;
  counts.files = d.files.size();
  auto own = [](const auto& records) {
    return static_cast<std::size_t>(std::count_if(
        records.begin(), records.end(), [](const auto& r) { return !r.origin.imported; }));
  };
  counts.records = (d.document ? 1 : 0) + own(d.declared_units) + own(d.sources) + own(d.figures) +
                   own(d.derived) + own(d.checks) + own(d.series) + own(d.ignores);
  return counts;
}

}  // namespace claimcheck
