// The SARIF writer. Schema: /work/shared/schemas/sarif-schema-2.1.0.json
// (tests/sarif_test.cpp and scripts/check-sarif validate against it).
#include "claimcheck/report/sarif.hpp"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <map>
#include <system_error>

#include "claimcheck/report/annotations.hpp"
#include "claimcheck/report/rule_catalog.hpp"
#include "json_writer.hpp"

#ifndef CLAIMCHECK_VERSION
#define CLAIMCHECK_VERSION "0"
#endif

namespace claimcheck::report {

const char* sarif_level(severity level) {
  switch (level) {
    case severity::error:
      return "error";
    case severity::warning:
      return "warning";
    case severity::note:
      return "note";
  }
  return "error";
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
std::string fingerprint(const diagnostic& d, const std::string& uri) {
  std::uint64_t hash = 14695981039346656037ull;
  auto mix = [&hash](const std::string& text) {
    for (unsigned char c : text) {
      hash ^= c;
      hash *= 1099511628211ull;
    }
    hash ^= 0xff;
    hash *= 1099511628211ull;
  };
  mix(d.code);
  mix(uri);
  mix(d.where.pointer.empty() ? d.message : d.where.pointer);
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

void write_rule(json_writer& w, const rule_info& rule) {
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
      .end_object()
      .key("help")
      .begin_object()
      .field("text", rule.help)
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

std::string sarif_log(const diagnostics& results, const sarif_options& options) {
  // The rules: the whole catalogue, then generated ones that results use.
  std::vector<rule_info> rules = rule_catalog();
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < rules.size(); ++i) index[rules[i].id] = i;
  for (const auto& d : results) {
    if (index.count(d.code) == 0) {
      index[d.code] = rules.size();
      rules.push_back(describe_rule(d.code));
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
  w.field("name", "claimcheck")
      .field("version", CLAIMCHECK_VERSION)
      .field("semanticVersion", CLAIMCHECK_VERSION);
  w.key("rules").begin_array();
  for (const auto& rule : rules) write_rule(w, rule);
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
  for (const auto& d : results) {
    std::string path = repository_path(d.where.file, options.base);
    if (path.empty()) path = ".";
    std::string uri = path_to_uri(path);
    bool relative = path.front() != '/';
    w.begin_object()
        .field("ruleId", d.code)
        .key("ruleIndex")
        .integer(static_cast<long long>(index[d.code]))
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
        .field("claimcheckDiagnostic/v1", fingerprint(d, uri))
        .end_object();
    if (!d.where.pointer.empty()) {
      w.key("properties").begin_object().field("pointer", d.where.pointer).end_object();
    }
    w.end_object();
  }
  w.end_array();
  w.end_object().end_array().end_object();
  return w.finish();
}

}  // namespace claimcheck::report
