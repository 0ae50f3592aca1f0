// SPDX-License-Identifier: MIT
#include "../rapidjson_config.hpp"  // first: configures RapidJSON

#include "claimcheck/report/diagnostics.hpp"

namespace claimcheck {
namespace {

std::string counted(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string summary_line(const load_counts& counts, const diagnostics& list) {
  return counted(counts.dossiers, "dossier", "dossiers") + ", " +
         counted(counts.files, "file", "files") + ", " +
         counted(counts.records, "record", "records") + ": " +
         counted(count(list, severity::error), "error", "errors") + ", " +
         counted(count(list, severity::warning), "warning", "warnings");
}

std::string diagnostics_text(const diagnostics& list) {
  std::string out;
  for (const auto& d : list) {
    out += format_diagnostic(d);
    out += '\n';
  }
  return out;
}

std::string diagnostics_json(const diagnostics& list, const load_counts& counts, bool strict) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  // Names and messages quote input, which may not be UTF-8 (a folder name):
  // the JSON stays UTF-8, with U+FFFD for such bytes.
  auto string = [&w](const std::string& raw) {
    const std::string s = well_formed_utf8(raw);
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  };
  auto number = [&w](std::size_t n) { w.Uint64(static_cast<std::uint64_t>(n)); };
  std::size_t errors = count(list, severity::error);
  std::size_t warnings = count(list, severity::warning);
  w.StartObject();
  // "report" and "format_version" as every --format json output has them
  // (validate, and check on invalid input, write this document);
  // "version" is the same number under the name it had first.
  w.Key("report");
  w.String("diagnostics");
  w.Key("format_version");
  w.Int(1);
  w.Key("version");
  w.Int(1);
  w.Key("valid");
  w.Bool(errors == 0 && !(strict && warnings > 0));
  w.Key("diagnostics");
  w.StartArray();
  for (const auto& d : list) {
    w.StartObject();
    w.Key("severity");
    w.String(to_string(d.level));
    w.Key("code");
    string(d.code);
    w.Key("file");
    string(d.where.file);
    if (d.where.known()) {
      w.Key("line");
      w.Int(d.where.line);
      w.Key("column");
      w.Int(d.where.column);
    }
    if (!d.where.pointer.empty()) {
      w.Key("pointer");
      string(d.where.pointer);
    }
    w.Key("message");
    string(d.message);
    w.EndObject();
  }
  w.EndArray();
  w.Key("summary");
  w.StartObject();
  w.Key("dossiers");
  number(counts.dossiers);
  w.Key("files");
  number(counts.files);
  w.Key("records");
  number(counts.records);
  w.Key("errors");
  number(errors);
  w.Key("warnings");
  number(warnings);
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace claimcheck
