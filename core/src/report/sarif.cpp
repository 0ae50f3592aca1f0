// SPDX-License-Identifier: MIT
// The SARIF writer. Schema: /work/shared/schemas/sarif-schema-2.1.0.json
// (tests/sarif_test.cpp and scripts/check-sarif validate against it).
#include "claimcheck/report/sarif.hpp"
#include "../rapidjson_config.hpp"  // first: configures RapidJSON

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <system_error>

#include <rapidjson/document.h>

#include "claimcheck/report/annotations.hpp"
#include "claimcheck/report/rule_catalog.hpp"
#include "json_writer.hpp"

#ifndef CLAIMCHECK_VERSION
#define CLAIMCHECK_VERSION "0"
#endif
// Set by core/CMakeLists.txt from the CMake cache; empty unless the build
// was given the project's public address.
#ifndef CLAIMCHECK_HOMEPAGE
#define CLAIMCHECK_HOMEPAGE ""
#endif
#ifndef CLAIMCHECK_DOCS_URL
#define CLAIMCHECK_DOCS_URL ""
#endif

namespace claimcheck::report {

const char* sarif_level(severity level) {
  return to_string(level);  // SARIF's levels are our severities' names
}

std::string path_to_uri(const std::string& path) {
  std::string out;
  bool absolute = !path.empty() && path.front() == '/';
  if (absolute) out = "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", c);
      out += buffer;
    }
  }
  return out;
}

namespace {

// "unit.ambiguous_prefix" -> "UnitAmbiguousPrefix": SARIF's rule name is
// an identifier-like word; the id keeps the dotted code.
std::string rule_name(const std::string& id) {
  std::string name;
  bool upper = true;
  for (char c : id) {
    if (c == '.' || c == '_') {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return name;
}

// FNV-1a, 64 bits: a stable fingerprint of what a result is about, so that
// a service can follow it when lines move.
std::string fnv1a(const std::vector<std::string>& parts) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const auto& text : parts) {
    for (unsigned char c : text) {
      hash ^= c;
      hash *= 1099511628211ull;
    }
    hash ^= 0xff;
    hash *= 1099511628211ull;
  }
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

// The place of the record a diagnostic lies in: its file and the first two
// tokens of its pointer, "/claims/3" (a record is a list's entry).
std::optional<std::pair<std::string, std::string>> record_place(const diagnostic& d) {
  const std::string& pointer = d.where.pointer;
  if (pointer.empty()) return std::nullopt;
  std::size_t second = pointer.find('/', 1);
  if (second == std::string::npos) return std::nullopt;
  return std::make_pair(d.where.file, pointer.substr(0, pointer.find('/', second + 1)));
}

// "/claims/3/unit" of a file whose /claims/3 is tram.cost -> "tram.cost/unit";
// a pointer outside every record stays as it is.
std::string subject_of(const diagnostic& d, const record_ids* records) {
  const std::string& pointer = d.where.pointer;
  if (pointer.empty()) return d.message;
  if (records == nullptr) return pointer;
  const auto place = record_place(d);
  if (!place) return pointer;
  auto found = records->find(*place);
  if (found == records->end()) return pointer;
  return found->second + pointer.substr(place->second.size());
}

// Help as Markdown: the text, and a link to the rule's documentation; without
// a docs address, the name of that document instead (packages install it as
// share/doc/claimcheck/rules.md).
std::string help_markdown(const rule_info& rule, const std::string& docs_url) {
  const std::string uri = rule_help_uri(rule.id, docs_url);
  if (uri.empty())
    return rule.help + "\n\nSee " + rule.id +
           " in claimcheck's docs/rules.md (installed in "
           "share/doc/claimcheck).";
  return rule.help + "\n\nSee [" + rule.id + " in docs/rules.md](" + uri + ").";
}

void write_rule(json_writer& w, const rule_info& rule, const std::string& docs_url) {
  const std::string uri = rule_help_uri(rule.id, docs_url);
  w.begin_object()
      .field("id", rule.id)
      .field("name", rule_name(rule.id))
      .key("shortDescription")
      .begin_object()
      .field("text", rule.short_description)
      .end_object()
      .key("fullDescription")
      .begin_object()
      .field("text", rule.short_description + ". " + rule.help)
      .end_object();
  if (!uri.empty()) w.field("helpUri", uri);
  w.key("help")
      .begin_object()
      .field("text", rule.help)
      .field("markdown", help_markdown(rule, docs_url))
      .end_object()
      .key("defaultConfiguration")
      .begin_object()
      .field("level", sarif_level(rule.level))
      .end_object()
      .end_object();
}

std::string folder_uri(const std::filesystem::path& base) {
  std::error_code ec;
  std::filesystem::path folder =
      base.empty() ? std::filesystem::current_path(ec) : std::filesystem::absolute(base, ec);
  std::string text = folder.lexically_normal().generic_string();
  if (text.empty() || text.back() != '/') text += '/';
  return path_to_uri(text);
}

}  // namespace

std::string configured_homepage() {
  return CLAIMCHECK_HOMEPAGE;
}

std::string configured_docs_url() {
  return CLAIMCHECK_DOCS_URL;
}

std::string rule_help_uri(std::string_view code, const std::string& docs_url) {
  if (docs_url.empty()) return "";
  return docs_url + "rules.md#" + std::string(code);
}

std::string finding_fingerprint(const diagnostic& d, const sarif_options& options) {
  std::string path = repository_path(d.where.file, options.base);
  return fnv1a({d.code, path_to_uri(path.empty() ? "." : path), subject_of(d, options.records)});
}

namespace {

// The dossier's records (and its imports') whose place `keep` accepts.
template <class Keep>
void index_into(const dossier& d, record_ids& ids, const Keep& keep) {
  auto add = [&ids, &keep](const record_origin& origin, const std::string& id) {
    if (origin.where.file.empty() || origin.where.pointer.empty()) return;
    auto place = std::make_pair(origin.where.file, origin.where.pointer);
    if (keep(place)) ids.emplace(std::move(place), id);
  };
  for (const auto& r : d.sources) add(r.origin, r.id);
  for (const auto& r : d.figures) add(r.origin, r.id);
  for (const auto& r : d.derived) add(r.origin, r.id);
  for (const auto& r : d.checks) add(r.origin, r.id);
  for (const auto& r : d.series) add(r.origin, r.id);
  for (const auto& r : d.declared_units) add(r.origin, r.name);
  // An ignore entry has no id; its quote names it.
  for (const auto& r : d.ignores) add(r.origin, r.quote);
}

}  // namespace

record_ids index_records(const std::vector<dossier>& dossiers) {
  record_ids ids;
  for (const auto& d : dossiers) index_into(d, ids, [](const auto&) { return true; });
  return ids;
}

void add_record_places(diagnostics::const_iterator first, diagnostics::const_iterator last,
                       record_places& places) {
  for (; first != last; ++first) {
    if (auto place = record_place(*first)) places.insert(std::move(*place));
  }
}

void index_records_at(const dossier& d, const record_places& places, record_ids& ids) {
  if (places.empty()) return;
  index_into(d, ids, [&places](const auto& place) { return places.count(place) > 0; });
}

diagnostics select_findings(const diagnostics& list, const finding_filter& filter,
                            const sarif_options& options) {
  diagnostics kept;
  for (const auto& d : list) {
    // severity counts up from error: a level above the minimum is dropped.
    if (static_cast<int>(d.level) > static_cast<int>(filter.min_level)) continue;
    if (!filter.baseline.empty() && filter.baseline.count(finding_fingerprint(d, options)) > 0)
      continue;
    kept.push_back(d);
  }
  return kept;
}

result<std::set<std::string>> read_baseline(std::string_view text) {
  std::set<std::string> prints;
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') {
    rapidjson::Document doc;
    doc.Parse(text.data(), text.size());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("runs") || !doc["runs"].IsArray())
      return text_error{"baseline.syntax", 0,
                        "the baseline starts like JSON but is not a SARIF log; give a "
                        "claimcheck --format sarif file, or one fingerprint a line"};
    for (const auto& run : doc["runs"].GetArray()) {
      if (!run.IsObject() || !run.HasMember("results") || !run["results"].IsArray()) continue;
      for (const auto& r : run["results"].GetArray()) {
        if (!r.IsObject() || !r.HasMember("partialFingerprints")) continue;
        const auto& fp = r["partialFingerprints"];
        if (!fp.IsObject()) continue;
        for (const auto& m : fp.GetObject()) {
          if (m.value.IsString()) prints.insert(m.value.GetString());
        }
      }
    }
    return prints;
  }
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    std::string_view line =
        text.substr(start, end == std::string_view::npos ? text.npos : end - start);
    std::size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    std::size_t b = line.find_first_not_of(" \t\r");
    std::size_t e = line.find_last_not_of(" \t\r");
    if (b != std::string_view::npos) {
      std::string_view word = line.substr(b, e - b + 1);
      bool hex = word.size() == 16 && word.find_first_not_of("0123456789abcdef") == word.npos;
      if (!hex)
        return text_error{"baseline.syntax", start + b,
                          "'" + std::string(word) +
                              "' is not a fingerprint (16 hex digits); give a claimcheck "
                              "--format sarif file, or one fingerprint a line"};
      prints.insert(std::string(word));
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return prints;
}

sarif_log_parts::sarif_log_parts(const sarif_options& options,
                                 const std::vector<std::string>& codes)
    : options_(options) {
  // The rules: the whole catalogue, then generated ones that results use.
  std::vector<rule_info> rules = rule_catalog();
  for (std::size_t i = 0; i < rules.size(); ++i) index_[rules[i].id] = i;
  for (const auto& code : codes) {
    if (index_.count(code) == 0) {
      index_[code] = rules.size();
      rules.push_back(describe_rule(code));
    }
  }

  json_writer w;
  w.begin_object()
      .field("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
      .field("version", "2.1.0")
      .key("runs")
      .begin_array()
      .begin_object();
  w.key("tool").begin_object().key("driver").begin_object();
  w.field("name", "claimcheck");
  if (!options.homepage.empty()) w.field("informationUri", options.homepage);
  w.field("version", CLAIMCHECK_VERSION).field("semanticVersion", CLAIMCHECK_VERSION);
  w.key("rules").begin_array();
  for (const auto& rule : rules) write_rule(w, rule, options.docs_url);
  w.end_array().end_object().end_object();

  w.key("originalUriBaseIds")
      .begin_object()
      .key("%SRCROOT%")
      .begin_object()
      .field("uri", folder_uri(options.base))
      .end_object()
      .end_object();
  w.field("columnKind", "unicodeCodePoints");
  w.key("results").begin_array();
  head_ = w.take();
}

std::string sarif_log_parts::result(const diagnostic& d) const {
  std::string path = repository_path(d.where.file, options_.base);
  if (path.empty()) path = ".";
  std::string uri = path_to_uri(path);
  bool relative = path.front() != '/';
  auto rule = index_.find(d.code);
  json_writer w;
  w.begin_object()
      .field("ruleId", d.code)
      .key("ruleIndex")
      .integer(static_cast<long long>(rule == index_.end() ? 0 : rule->second))
      .field("level", sarif_level(d.level))
      .key("message")
      .begin_object()
      .field("text", d.message)
      .end_object();
  w.key("locations").begin_array().begin_object().key("physicalLocation").begin_object();
  w.key("artifactLocation").begin_object().field("uri", uri);
  if (relative) w.field("uriBaseId", "%SRCROOT%");
  w.end_object();
  w.key("region")
      .begin_object()
      .key("startLine")
      .integer(d.where.line > 0 ? d.where.line : 1)
      .key("startColumn")
      .integer(d.where.line > 0 && d.where.column > 0 ? d.where.column : 1)
      .end_object();
  w.end_object().end_object().end_array();
  w.key("partialFingerprints")
      .begin_object()
      .field("claimcheckDiagnostic/v2", finding_fingerprint(d, options_))
      .end_object();
  if (!d.where.pointer.empty()) {
    w.key("properties").begin_object().field("pointer", d.where.pointer).end_object();
  }
  w.end_object();
  return w.take();
}

std::string sarif_log_parts::tail() {
  return "]}]}\n";  // results, the run, runs, the log
}

std::string sarif_log(const diagnostics& results, const sarif_options& options) {
  std::vector<std::string> codes;
  for (const auto& d : results) codes.push_back(d.code);
  const sarif_log_parts parts(options, codes);
  std::string out = parts.head();
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (i > 0) out += ',';
    out += parts.result(results[i]);
  }
  return out + sarif_log_parts::tail();
}

}  // namespace claimcheck::report
