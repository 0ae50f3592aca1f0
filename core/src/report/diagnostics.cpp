// SPDX-License-Identifier: MIT
#include "claimcheck/report/diagnostics.hpp"

#include "json_writer.hpp"

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
  // Names and messages quote input, which may not be UTF-8 (a folder name):
  // the writer keeps the JSON UTF-8, with U+FFFD for such bytes.
  report::json_writer w;
  const std::size_t errors = count(list, severity::error);
  const std::size_t warnings = count(list, severity::warning);
  w.begin_object();
  // "report" and "format_version" as every --format json output has them
  // (validate, and check on invalid input, write this document);
  // "version" is the same number under the name it had first.
  w.field("report", "diagnostics");
  w.key("format_version").integer(1);
  w.key("version").integer(1);
  w.field("valid", errors == 0 && !(strict && warnings > 0));
  w.key("diagnostics").begin_array();
  for (const auto& d : list) {
    w.begin_object();
    w.field("severity", to_string(d.level));
    w.field("code", d.code);
    w.field("file", d.where.file);
    if (d.where.known()) {
      w.key("line").integer(d.where.line);
      w.key("column").integer(d.where.column);
    }
    if (!d.where.pointer.empty()) w.field("pointer", d.where.pointer);
    w.field("message", d.message);
    w.end_object();
  }
  w.end_array();
  w.key("summary").begin_object();
  w.count_field("dossiers", counts.dossiers);
  w.count_field("files", counts.files);
  w.count_field("records", counts.records);
  w.count_field("errors", errors);
  w.count_field("warnings", warnings);
  w.end_object();
  w.end_object();
  return w.finish();
}

}  // namespace claimcheck
