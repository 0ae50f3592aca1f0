// SPDX-License-Identifier: MIT
// claimcheck scan: finds the arithmetic texts state (changes, shares,
// totals, products) and checks it with no dossier. Exit 1 when a relation
// fails, 0 when none does, 2 on unreadable files, invalid UTF-8 or bad usage.
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>

#include "claimcheck/atomic_file.hpp"
#include "claimcheck/report/archive.hpp"
#include "claimcheck/report/report_output.hpp"
#include "claimcheck/report/scan_report.hpp"
#include "claimcheck/scan.hpp"
#include "command.hpp"
#include "loading.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace claimcheck::tool {
namespace {

// --input-format jsonl: articles through archive.hpp's scan loop, findings
// as JSON Lines. Exit 2 on a bad line, else 1 when a relation fails.
int run_scan_articles(const po::variables_map& vm) {
  archive_options options;
  options.strict = vm.count("strict") > 0;
  report::scan_report_options report_options;
  report_options.all = vm.count("all") > 0;
  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  std::ostringstream kept;  // for --output, written atomically at the end
  std::ostream& out = output.empty() || output == "-" ? std::cout : kept;
  bool invalid = false;
  std::size_t failures = 0;
  for (const auto& path : vm["path"].as<std::vector<std::string>>()) {
    input_file input(path);
    if (!input.open()) {
      invalid = true;
      if (options.strict) break;
      continue;
    }
    const std::string& file = input.name();
    std::istream& in = input.stream();
    archive_result run =
        scan_articles(in, file, options, report_options, out,
                      [](const diagnostic& d) { std::cerr << format_diagnostic(d) << '\n'; });
    failures += run.findings.fail;
    if (run.invalid() || in.bad()) invalid = true;
    if (run.output_closed || run.stopped_by_strict) break;
  }
  out.flush();
  if (invalid) return exit_invalid;
  if (&out == &kept && !emit(kept.str(), output, vm.count("force") > 0)) return exit_invalid;
  return failures > 0 ? exit_findings : exit_ok;
}

// Opens and scans each text file, its findings handed to `found` as they are
// made, its problems on stderr. False when a file cannot be read or is
// invalid (the others are still scanned, so that every problem is shown).
bool scan_each_file(const po::variables_map& vm,
                    const std::function<void(const std::string&)>& begin,
                    const relation_sink& found) {
  bool invalid = false;
  for (const auto& path : vm["path"].as<std::vector<std::string>>()) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      print_read_error(path, "is a folder; give the text file");
      invalid = true;
      continue;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      print_read_error(path, "cannot open the file");
      invalid = true;
      continue;
    }
    begin(path);
    const std::vector<scan_issue> issues = scan_relations_to(in, found);
    if (in.bad()) {
      print_read_error(path, "reading the file failed");
      invalid = true;
      continue;
    }
    for (const auto& issue : issues) {
      std::cerr << format_diagnostic(to_diagnostic(issue, path)) << '\n';
      if (issue.level == severity::error) invalid = true;
    }
  }
  return !invalid;
}

// --skeleton: claims of every relation, written whole (a claim file is
// read whole by `check`; the findings are held).
int run_scan_skeleton(const po::variables_map& vm) {
  std::vector<relation_scan_result> results;
  const bool valid = scan_each_file(
      vm,
      [&results](const std::string& path) {
        results.emplace_back();
        results.back().file = path;
      },
      [&results](relation_finding&& f) { results.back().findings.push_back(std::move(f)); });
  if (!valid) return exit_invalid;
  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  // Checked, so that a mistyped --color is never ignored.
  if (!colour_from("scan", vm, !output.empty() && output != "-")) return exit_invalid;
  if (!emit(report::scan_skeleton_json(results), output, vm.count("force") > 0))
    return exit_invalid;
  return summarise(results).fail > 0 ? exit_findings : exit_ok;
}

// The report of text files, written finding by finding as each file is
// scanned (scan_report_writer), so that memory does not grow with the
// findings; published only when every file was valid.
int run_scan_texts(const po::variables_map& vm, report::scan_format format) {
  report::scan_report_options report_options;
  report_options.all = vm.count("all") > 0;
  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  const bool to_file = !output.empty() && output != "-";
  // A bad --color is reported where the whole-report path reported it:
  // after the files' problems, and not at all when a file is invalid.
  std::ostringstream colour_problem;
  std::streambuf* const cerr_buffer = std::cerr.rdbuf(colour_problem.rdbuf());
  const auto colour = colour_from("scan", vm, to_file);
  std::cerr.rdbuf(cerr_buffer);
  report_options.colour = colour.value_or(false);

  // --output's temporary file, or standard output's copy held (memory, then
  // $TMPDIR) until every file proved valid: nothing is published otherwise.
  report::report_output target(output, write_options{vm.count("force") > 0}, std::cout);
  report::scan_report_writer report(format, report_options,
                                    [&target](std::string_view piece) { target.write(piece); });
  const bool valid = scan_each_file(
      vm, [&report](const std::string& path) { report.begin_file(path); },
      [&report](relation_finding&& f) { report.add(f); });
  if (!valid) return exit_invalid;
  if (!colour) {
    std::cerr << colour_problem.str();
    return exit_invalid;
  }
  auto problem = report.finish();
  if (!problem) problem = target.commit();
  if (problem) {
    std::cerr << format_diagnostic(*problem) << '\n';
    return exit_invalid;
  }
  return report.summary().fail > 0 ? exit_findings : exit_ok;
}

int run_scan(const std::vector<std::string>& args) {
  const std::string name = "scan";
  const std::string usage =
      "claimcheck scan FILE... [--format text|jsonl|json|sarif|github] [--all] "
      "[--skeleton] [--input-format text|jsonl [--strict]] [--output FILE [--force]]";
  const std::string examples =
      "  claimcheck scan news.txt\n"
      "      the changes, shares, totals and products the text states that its own figures\n"
      "      contradict, failures first (exit 1 when there is one)\n"
      "  claimcheck scan news.txt --all --format jsonl\n"
      "      every relation found, passing ones too, one JSON object per line\n"
      "  claimcheck scan news.txt --skeleton --output scan-claims.json\n"
      "      claims, derived figures and checks of every relation, to continue in a dossier\n"
      "  claimcheck scan --input-format jsonl shard-*.jsonl --format jsonl\n"
      "      an archive, one article {\"id\", \"text\", ...} per line: each finding carries\n"
      "      the article's id; a bad line is reported and skipped\n";
  po::options_description options("options");
  options.add_options()("path", po::value<std::vector<std::string>>(), "a UTF-8 text file")(
      "format", po::value<std::string>(), "text (default), jsonl, json, sarif or github")(
      "all", "also list the relations that pass")(
      "skeleton", "write claims, derived figures and checks (JSON) of every relation found")(
      "input-format", po::value<std::string>(),
      "text (default: each FILE is one text) or jsonl (one article per line: \"id\", \"text\", "
      "other members passed through; FILE '-' is standard input; writes --format jsonl)")(
      "strict", "with --input-format jsonl: stop at the first bad line")(
      "output,o", po::value<std::string>(), "write to FILE (atomically) instead of stdout")(
      "force", "replace an existing --output file");
  add_limit_option(options);
  add_colour_option(options);
  po::variables_map vm;
  int exit_code = exit_ok;
  if (!parse_command_line(name, usage, examples, options, args, vm, exit_code)) return exit_code;
  if (!vm.count("path")) {
    std::cerr << "claimcheck scan: error: no FILE given\nusage: " << usage << '\n';
    return exit_invalid;
  }
  // Checked so that a mistyped --limit is never ignored; the scan itself
  // streams in blocks of lines and keeps its own bounds (docs/scan.md).
  if (!load_options_from(name, vm)) return exit_invalid;
  const std::string format_name =
      vm.count("format") ? vm["format"].as<std::string>() : std::string("text");
  auto format = report::parse_scan_format(format_name);
  if (!format) {
    std::cerr << "claimcheck scan: error: unknown --format '" << format_name
              << "'; use text, jsonl, json, sarif or github\n";
    return exit_invalid;
  }
  const bool skeleton = vm.count("skeleton") > 0;
  const std::string input_format =
      vm.count("input-format") ? vm["input-format"].as<std::string>() : "text";
  if (input_format != "text" && input_format != "jsonl") {
    std::cerr << "claimcheck scan: error: unknown --input-format '" << input_format
              << "'; use text or jsonl\n";
    return exit_invalid;
  }
  if (input_format == "jsonl") {
    if (skeleton || (vm.count("format") && format_name != "jsonl")) {
      std::cerr << "claimcheck scan: error: with --input-format jsonl, scan writes --format jsonl "
                   "(one finding per line, with its article)\n";
      return exit_invalid;
    }
    return run_scan_articles(vm);
  }
  if (vm.count("strict")) {
    std::cerr << "claimcheck scan: error: --strict goes with --input-format jsonl\n";
    return exit_invalid;
  }
  if (skeleton && vm.count("format") && format_name != "json") {
    std::cerr << "claimcheck scan: error: --skeleton writes JSON (a claim file); drop --format\n";
    return exit_invalid;
  }

  return skeleton ? run_scan_skeleton(vm) : run_scan_texts(vm, *format);
}

const command_registration registration{
    {"scan", "find the arithmetic a text states (changes, shares, totals) and check it", run_scan}};

}  // namespace
}  // namespace claimcheck::tool
