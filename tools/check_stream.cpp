// SPDX-License-Identifier: MIT
#include "check_stream.hpp"

#include <algorithm>
#include <set>
#include <string_view>
#include <system_error>
#include <tuple>

#include "claimcheck/parallel.hpp"
#include "claimcheck/report/annotations.hpp"
#include "claimcheck/report/format.hpp"

namespace fs = std::filesystem;

namespace claimcheck::tool {
namespace {

bool hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

// Whether the folder holds a *.json entry the loader would look at: a
// candidate dossier (the loader decides whether its files are claim files).
bool has_json_entry(const fs::path& folder) {
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (!hidden(it->path()) && it->path().extension() == ".json") return true;
  }
  return false;
}

// The loader's walk (find_dossiers): the folder, then its sub-folders in
// sorted order, hidden folders and folder links skipped. False when a
// candidate lies below another one: loading the upper one alone would
// load the lower one too.
bool walk(const fs::path& folder, std::vector<fs::path>& out, bool inside_candidate) {
  const bool here = has_json_entry(folder);
  if (here && inside_candidate) return false;
  if (here) out.push_back(folder);
  std::vector<fs::path> children;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (hidden(it->path()) || !it->is_directory(type_ec) || it->is_symlink(type_ec)) continue;
    children.push_back(folder / it->path().filename());
  }
  std::sort(children.begin(), children.end());
  for (const auto& child : children) {
    if (!walk(child, out, inside_candidate || here)) return false;
  }
  return true;
}

// The part of `whole` after `prefix`, or nullopt when it does not start so.
std::optional<std::string> after_prefix(const std::string& whole, std::string_view prefix) {
  if (whole.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  return whole.substr(prefix.size());
}

// Where the per-dossier array of the JSON report ends: "]" before the
// total summary. A '"' inside a string is escaped, so this cannot occur in
// one.
constexpr std::string_view json_summary_marker = "],\"summary\":{";
constexpr std::string_view json_dossiers_marker = "\"dossiers\":[";
constexpr std::string_view markdown_title = "# Check report\n\n";

// One dossier's share of the output.
struct dossier_part {
  bool loaded = false;
  diagnostics load_problems;
  check_summary summary;
  check_status status = check_status::as_expected;
  diagnostics run_problems;
  std::string headline;  // text: the dossier's line in the list of headlines
  std::string body;      // text and markdown: its section; json: its object
  diagnostics ci_findings;
  report::record_ids records;
};

// The records a finding's pointer lies in (every prefix of it that names
// one), so that fingerprints come out as with the whole corpus's index.
void keep_records(const diagnostics& findings, const report::record_ids& all,
                  report::record_ids& kept) {
  for (const auto& d : findings) {
    const std::string& pointer = d.where.pointer;
    for (std::size_t end = pointer.find('/', 1);; end = pointer.find('/', end + 1)) {
      auto found = all.find({d.where.file, pointer.substr(0, end)});
      if (found != all.end()) kept.emplace(*found);
      if (end == std::string::npos) break;
    }
  }
}

void render(check_run& run, const dossier& d, check_output output, const report::text_options& text,
            bool strict, dossier_part& part) {
  std::vector<check_run> one;
  one.push_back(std::move(run));
  const check_run& r = one.front();
  switch (output) {
    case check_output::text: {
      // One dossier's report is its section and its summary line.
      std::string whole = report::check_report_text(one, text);
      whole.pop_back();
      part.body = whole.substr(0, whole.rfind('\n') + 1);
      // Its headline is the section's first lines joined: name, summary and,
      // when it has claims, the verdict line.
      const std::string name = report::paint(r.dossier_name, report::colour::bold, text.colour);
      const std::string summary = summary_line(r.summary);
      part.headline = name + "  " + summary + '\n';
      if (!r.claims.empty()) {
        const std::size_t verdicts = name.size() + 1 + 2 + summary.size() + 1;
        part.headline += part.body.substr(verdicts, part.body.find('\n', verdicts) + 1 - verdicts);
      }
      break;
    }
    case check_output::markdown:
      part.body = after_prefix(report::check_report_markdown(one), markdown_title).value_or("");
      break;
    case check_output::json: {
      const std::string whole = report::check_report_json(one);
      const std::size_t begin = whole.find(json_dossiers_marker) + json_dossiers_marker.size();
      part.body = whole.substr(begin, whole.rfind(json_summary_marker) - begin);
      break;
    }
    case check_output::ci: {
      part.ci_findings = report::check_diagnostics(one);
      const report::record_ids all = report::index_records({d});
      keep_records(part.ci_findings, all, part.records);
      keep_records(part.load_problems, all, part.records);
      break;
    }
  }
  part.summary = r.summary;
  part.status = status_of(one, strict);
  part.run_problems = r.problems;
}

}  // namespace

std::optional<std::vector<dossier_unit>> dossier_units(const std::vector<fs::path>& paths,
                                                       const load_options& options) {
  std::vector<dossier_unit> units;
  std::error_code ec;
  if (!options.root.empty() && !fs::is_directory(options.root, ec)) return std::nullopt;
  for (const fs::path& path : paths) {
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return std::nullopt;
    if (!fs::is_directory(status)) {
      units.push_back({path, options.root});
      continue;
    }
    std::vector<fs::path> found;
    if (!walk(path, found, false) || found.empty()) return std::nullopt;
    for (auto& folder : found) {
      units.push_back({std::move(folder), options.root.empty() ? path : options.root});
    }
  }
  std::set<fs::path> seen;
  for (const auto& unit : units) {
    if (!seen.insert(fs::weakly_canonical(unit.path, ec)).second || ec) return std::nullopt;
  }
  return units;
}

bool check_streaming(const std::vector<dossier_unit>& units, const load_options& options,
                     check_output output, const report::text_options& text, bool strict,
                     check_outcome_set& out) {
  const std::size_t batch = std::max(1u, options.threads);
  check_summary total;
  std::vector<std::string> headlines;
  bool unexpected = false, invalid = false;
  for (std::size_t first = 0; first < units.size(); first += batch) {
    const std::size_t count = std::min(batch, units.size() - first);
    std::vector<dossier_part> parts(count);
    parallel_for(count, options.threads, [&](std::size_t i) {
      const dossier_unit& unit = units[first + i];
      load_options one = options;
      one.root = unit.root;
      // One dossier alone parses its files on every thread; several share them.
      one.threads = units.size() == 1 ? options.threads : 1;
      load_result loaded = load_paths({unit.path}, one);
      if (!loaded.ok() || loaded.dossiers.size() != 1) return;
      parts[i].loaded = true;
      parts[i].load_problems = std::move(loaded.problems);
      check_run run = check_dossier(loaded.dossiers.front(), options.limits);
      render(run, loaded.dossiers.front(), output, text, strict, parts[i]);
    });
    for (auto& part : parts) {
      if (!part.loaded) return false;
      total = add(total, part.summary);
      invalid = invalid || part.status == check_status::invalid;
      unexpected = unexpected || part.status == check_status::unexpected;
      for (auto& p : part.load_problems) out.load_problems.push_back(std::move(p));
      for (auto& p : part.run_problems) out.run_problems.push_back(std::move(p));
      if (output == check_output::text) headlines.push_back(std::move(part.headline));
      if (output == check_output::json && !out.report.empty()) out.report += ',';
      out.report += part.body;
      for (auto& f : part.ci_findings) out.ci_findings.push_back(std::move(f));
      out.records.merge(part.records);
    }
  }
  out.status = invalid      ? check_status::invalid
               : unexpected ? check_status::unexpected
                            : check_status::as_expected;
  // Load problems as one load orders them: by place, each once.
  std::stable_sort(out.load_problems.begin(), out.load_problems.end(),
                   [](const diagnostic& a, const diagnostic& b) {
                     return std::tie(a.where.file, a.where.line, a.where.column) <
                            std::tie(b.where.file, b.where.line, b.where.column);
                   });
  std::set<std::string> seen;
  diagnostics once;
  for (auto& d : out.load_problems) {
    if (seen.insert(format_diagnostic(d)).second) once.push_back(std::move(d));
  }
  out.load_problems = std::move(once);
  if (output == check_output::ci) {
    out.ci_findings.insert(out.ci_findings.begin(), out.load_problems.begin(),
                           out.load_problems.end());
    return true;
  }

  // The whole report around the parts, as its writer frames it; the parts
  // are moved in once (the report is the largest thing `check` holds).
  const bool several = units.size() > 1;
  std::string before, after;
  switch (output) {
    case check_output::text:
      if (several) {
        for (const auto& h : headlines) before += h;
        before += '\n';
      }
      after = report::paint((several ? "total: " : "") + summary_line(total),
                            total.unexpected == 0 ? report::colour::green : report::colour::red,
                            text.colour) +
              '\n';
      break;
    case check_output::markdown:
      before = markdown_title;
      if (several) after = "**Total:** " + summary_line(total) + '\n';
      break;
    case check_output::json: {
      // The frame is what the writer writes around a run with the totals.
      check_run totals;
      totals.summary = total;
      std::vector<check_run> one;
      one.push_back(std::move(totals));
      const std::string frame = report::check_report_json(one);
      before = frame.substr(0, frame.find(json_dossiers_marker) + json_dossiers_marker.size());
      after = frame.substr(frame.rfind(json_summary_marker));
      break;
    }
    case check_output::ci:
      break;
  }
  std::string framed;
  framed.reserve(before.size() + out.report.size() + after.size());
  framed += before;
  framed += out.report;
  std::string().swap(out.report);
  framed += after;
  out.report = std::move(framed);
  return true;
}

check_outcome_set whole_outcomes(const load_result& loaded, const std::vector<check_run>& runs,
                                 check_output output, const report::text_options& text,
                                 bool strict) {
  check_outcome_set out;
  out.load_problems = loaded.problems;
  out.run_problems = problems_of(runs);
  out.status = status_of(runs, strict);
  switch (output) {
    case check_output::text:
      out.report = report::check_report_text(runs, text);
      break;
    case check_output::markdown:
      out.report = report::check_report_markdown(runs);
      break;
    case check_output::json:
      out.report = report::check_report_json(runs);
      break;
    case check_output::ci: {
      out.ci_findings = loaded.problems;
      const diagnostics found = report::check_diagnostics(runs);
      out.ci_findings.insert(out.ci_findings.end(), found.begin(), found.end());
      out.records = report::index_records(loaded.dossiers);
      break;
    }
  }
  return out;
}

}  // namespace claimcheck::tool
