// SPDX-License-Identifier: MIT
// Results -> located diagnostics for the CI writers.
#include "claimcheck/report/annotations.hpp"

#include <system_error>

#include "claimcheck/report/check_report.hpp"
#include "claimcheck/report/format.hpp"
#include "claimcheck/report/rule_catalog.hpp"

namespace claimcheck::report {

namespace {

std::string unexpected_message(const check_result& r) {
  std::string text = r.id + ": " + to_string(*r.outcome) + ", expected " + to_string(r.expect);
  if (r.margin) text += " (" + describe_margin(*r.margin, r.display) + ")";
  text += '.';
  if (!r.message.empty()) text += ' ' + r.message;
  return text;
}

}  // namespace

void append_check_diagnostics(const check_run& run, diagnostics& out) {
  out.insert(out.end(), run.problems.begin(), run.problems.end());
  out.insert(out.end(), run.findings.begin(), run.findings.end());
  for (const auto& r : run.checks) {
    if (!r.outcome || r.matches_expect) continue;
    diagnostic d;
    d.level = r.level == check_severity::error ? severity::error : severity::warning;
    d.code = std::string(unexpected_outcome_code);
    if (r.record != nullptr) d.where = r.record->origin.field("assert");
    d.message = unexpected_message(r);
    out.push_back(std::move(d));
  }
}

diagnostics check_diagnostics(const std::vector<check_run>& runs) {
  diagnostics out;
  for (const auto& run : runs) append_check_diagnostics(run, out);
  return out;
}

diagnostics coverage_diagnostics(const std::vector<coverage_result>& results) {
  diagnostics out;
  for (const auto& r : results) {
    out.insert(out.end(), r.problems.begin(), r.problems.end());
    for (const auto& issue : r.issues) out.push_back(to_diagnostic(issue, r.text_file));
    for (const auto& u : r.uncovered) {
      diagnostic d;
      d.level = severity::warning;
      d.code = std::string(uncovered_mention_code);
      d.where.file = r.text_file;
      d.where.line = u.found.number_span.line;
      d.where.column = u.found.number_span.column;
      d.message = "the number '" + u.found.surface + "' is covered by no claim and no ignore entry";
      if (!u.found.context.empty()) d.message += " (in \"" + u.found.context + "\")";
      if (!u.hint.empty()) d.message += "; " + u.hint;
      out.push_back(std::move(d));
    }
    for (const auto& unused : r.unused_ignores) {
      diagnostic d;
      d.level = severity::note;
      d.code = std::string(unused_ignore_code);
      d.where = unused.where;
      d.message = "the ignore entry \"" + unused.quote + "\" covers no number of the text";
      out.push_back(std::move(d));
    }
  }
  return out;
}

std::string repository_path(const std::string& file, const std::filesystem::path& base) {
  namespace fs = std::filesystem;
  if (file.empty()) return file;
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  fs::path folder = base.empty() ? cwd : (base.is_absolute() ? base : cwd / base);
  fs::path absolute = fs::path(file).is_absolute() ? fs::path(file) : cwd / file;
  fs::path relative = absolute.lexically_normal().lexically_relative(folder.lexically_normal());
  if (relative.empty() || *relative.begin() == "..")
    return absolute.lexically_normal().generic_string();
  return relative.generic_string();
}

}  // namespace claimcheck::report
