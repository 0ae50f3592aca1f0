// SPDX-License-Identifier: MIT
// claimcheck scan: finds the arithmetic texts state (changes, shares,
// totals, products) and checks it with no dossier. Exit 1 when a relation
// fails, 0 when none does, 2 on unreadable files, invalid UTF-8 or bad usage.
#include <fstream>
#include <iostream>
#include <sstream>

#include "claimcheck/report/archive.hpp"
#include "claimcheck/report/github.hpp"
#include "claimcheck/report/sarif.hpp"
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

  std::vector<relation_scan_result> results;
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
    relation_scan_result r = scan_relations(in, path);
    if (in.bad()) {
      print_read_error(path, "reading the file failed");
      invalid = true;
      continue;
    }
    for (const auto& issue : r.issues) {
      std::cerr << format_diagnostic(to_diagnostic(issue, path)) << '\n';
      if (issue.level == severity::error) invalid = true;
    }
    results.push_back(std::move(r));
  }
  if (invalid) return exit_invalid;

  report::scan_report_options report_options;
  report_options.all = vm.count("all") > 0;
  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  const auto colour = colour_from(name, vm, !output.empty() && output != "-");
  if (!colour) return exit_invalid;
  report_options.colour = *colour;
  std::string text;
  if (skeleton) {
    text = report::scan_skeleton_json(results);
  } else {
    switch (*format) {
      case report::scan_format::text:
        text = report::scan_report_text(results, report_options);
        break;
      case report::scan_format::jsonl:
        text = report::scan_report_jsonl(results, report_options);
        break;
      case report::scan_format::json:
        text = report::scan_report_json(results, report_options);
        break;
      case report::scan_format::sarif:
        text = report::sarif_log(report::scan_diagnostics(results, report_options));
        break;
      case report::scan_format::github:
        text = report::github_annotations(report::scan_diagnostics(results, report_options));
        break;
    }
  }
  if (!emit(text, output, vm.count("force") > 0)) return exit_invalid;
  return summarise(results).fail > 0 ? exit_findings : exit_ok;
}

const command_registration registration{
    {"scan", "find the arithmetic a text states (changes, shares, totals) and check it", run_scan}};

}  // namespace
}  // namespace claimcheck::tool
