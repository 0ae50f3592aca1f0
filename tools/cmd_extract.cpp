// SPDX-License-Identifier: MIT
// claimcheck extract: lists every number of text files (a streaming scan:
// constant memory whatever the size), or with --skeleton writes claim
// skeletons for the numbers no claim covers yet. Exit 0, or 2 on unreadable
// files, invalid UTF-8 or bad usage.
#include <unistd.h>
#include <fstream>
#include <iostream>
#include <optional>

#include "claimcheck/atomic_file.hpp"
#include "claimcheck/coverage.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/report/archive.hpp"
#include "claimcheck/report/mentions.hpp"
#include "claimcheck/scanner.hpp"
#include "command.hpp"
#include "loading.hpp"
#include "progress.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace claimcheck::tool {
namespace {

void print_issue(const scan_issue& issue, const std::string& file) {
  std::cerr << format_diagnostic(to_diagnostic(issue, file)) << '\n';
}

void print_too_large(const std::string& file, std::size_t max_bytes) {
  diagnostic d;
  d.code = "limit.file_size";
  d.where.file = file;
  d.message = "the file has more than " + size_in_words(max_bytes) +
              " (max_file_bytes); raise it with --limit max_file_bytes=SIZE";
  std::cerr << format_diagnostic(d) << '\n';
}

// Streams one file through the scanner into the writer, at most `max_bytes`
// of it when set (a device such as /dev/zero never ends by itself). Returns
// false when the output failed (a closed pipe) and the command should stop.
bool extract_file(const std::string& path, const scan_options& scan, report::mention_writer& writer,
                  std::optional<std::size_t> max_bytes, bool& invalid) {
  input_file input(path);
  if (!input.open()) {
    invalid = true;
    return true;
  }
  const std::string& file = input.name();
  std::istream& in = input.stream();
  if (!writer.begin_file(file)) return false;
  mention_scanner scanner(
      scan, [&writer](const mention& m) { return writer.write(m); },
      [&](const scan_issue& issue) {
        if (issue.level == severity::error) invalid = true;
        writer.issue(issue);
        print_issue(issue, file);
      });
  std::string buffer(1 << 16, '\0');
  bool going = true;
  std::size_t total = 0;
  while (going && in) {
    in.read(&buffer[0], static_cast<std::streamsize>(buffer.size()));
    std::streamsize got = in.gcount();
    if (got <= 0) break;
    total += static_cast<std::size_t>(got);
    if (max_bytes && total > *max_bytes) {
      print_too_large(file, *max_bytes);
      invalid = true;
      return writer.end_file();
    }
    going = scanner.feed(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
  }
  if (going && in.bad()) {
    print_read_error(file, "reading the file failed");
    invalid = true;
  }
  if (going) going = scanner.finish();
  if (!going) return false;
  return writer.end_file();
}

// Whether `--limit NAME=...` was given (not only the default).
bool limit_is_set(const po::variables_map& vm, const std::string& name) {
  if (!vm.count("limit")) return false;
  for (const auto& setting : vm["limit"].as<std::vector<std::string>>()) {
    if (setting.rfind(name + "=", 0) == 0) return true;
  }
  return false;
}

// Streams one JSON Lines file of articles (one per line) through the
// scanner into the writer. Returns false when the command should stop: the
// output failed, or --strict met a problem.
bool extract_articles_file(const std::string& path, const archive_options& options,
                           report::mention_writer& writer, bool& invalid) {
  input_file input(path);
  if (!input.open()) {
    invalid = true;
    return !options.strict;
  }
  const std::string& file = input.name();
  std::istream& in = input.stream();
  if (!writer.begin_file(file)) return false;
  archive_result run = extract_articles(in, file, options, writer, [](const diagnostic& d) {
    std::cerr << format_diagnostic(d) << '\n';
  });
  if (run.invalid()) invalid = true;
  if (run.output_closed) return false;
  if (in.bad()) {
    print_read_error(file, "reading the file failed");
    invalid = true;
  }
  if (!writer.end_file()) return false;
  return !run.stopped_by_strict;
}

bool is_claims_path(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec) || p.extension() == ".json";
}

int run_skeleton(const std::vector<std::string>& paths, const po::variables_map& vm,
                 const scan_options& scan, const load_options& load) {
  std::optional<int> year;
  if (vm.count("year")) year = vm["year"].as<int>();
  // The claim format writes four-digit years (YYYY, from 0001).
  if (year && (*year < 1 || *year > 9999)) {
    std::cerr << "claimcheck extract: error: --year " << *year
              << " is not a year of four digits (1 to 9999)\n";
    return exit_invalid;
  }
  std::vector<claim_skeleton> all;
  bool invalid = false;
  for (const auto& path : paths) {
    if (is_claims_path(path)) {
      load_result loaded = load_and_print({fs::path(path)}, load);
      if (!loaded.ok()) {
        invalid = true;
        continue;
      }
      for (const auto& d : loaded.dossiers) {
        coverage_result cov = compute_coverage(d, scan);
        for (const auto& problem : cov.problems) std::cerr << format_diagnostic(problem) << '\n';
        for (const auto& issue : cov.issues) print_issue(issue, cov.text_file);
        if (has_errors(cov.problems)) {
          invalid = true;
          continue;
        }
        std::vector<mention> uncovered;
        for (const auto& u : cov.uncovered) uncovered.push_back(u.found);
        skeleton_options options;
        options.year = year;
        if (!options.year && d.document && d.document->published) {
          options.year = d.document->published->year;
        }
        auto made = make_skeletons(uncovered, d.document->text, options);
        all.insert(all.end(), made.begin(), made.end());
      }
      continue;
    }
    // A text file: every mention gets a skeleton. The whole text is read,
    // to make each quote unique in it.
    std::optional<std::string> read =
        read_whole_text(path, load.limits.max_file_bytes,
                        "; --skeleton reads whole texts (extract without it streams)");
    if (!read) {
      invalid = true;
      continue;
    }
    const std::string& text = *read;
    std::vector<scan_issue> issues;
    auto mentions = scan_text(text, scan, &issues);
    for (const auto& issue : issues) {
      print_issue(issue, path);
      if (issue.level == severity::error) invalid = true;
    }
    skeleton_options options;
    options.year = year;
    auto made = make_skeletons(mentions, text, options);
    all.insert(all.end(), made.begin(), made.end());
  }
  if (invalid) return exit_invalid;
  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  if (!emit(report::skeletons_json(all), output, vm.count("force") > 0)) return exit_invalid;
  return exit_ok;
}

int run_extract(const std::vector<std::string>& args) {
  const std::string name = "extract";
  const std::string usage =
      "claimcheck extract FILE... [--input-format text|jsonl [--strict]] "
      "[--format text|jsonl|json] [--all] [--skeleton [--year YYYY]] [--output FILE [--force]]";
  const std::string examples =
      "  claimcheck extract claims/waic-2023/article.txt\n"
      "      every number of the text with its line:col, kind, value, hedge and interval\n"
      "  claimcheck extract claims/waic-2023/article.txt --format jsonl | head -3\n"
      "      the same, one JSON object per line, for other programs\n"
      "  claimcheck extract claims/waic-2023 --skeleton --output new-claims.json\n"
      "      draft claims for the numbers of the dossier's text that nothing covers yet\n"
      "  claimcheck extract --input-format jsonl shard-*.jsonl --format jsonl\n"
      "      an archive, one article {\"id\", \"text\", \"language\", ...} per line; every\n"
      "      record carries the article's id; a bad line is reported and skipped\n";
  po::options_description options("options");
  options.add_options()("path", po::value<std::vector<std::string>>(),
                        "a UTF-8 text file ('-': standard input); with --skeleton also a dossier "
                        "folder or claim file")(
      "input-format", po::value<std::string>(),
      "text (default: each FILE is one text) or jsonl (one article per line: \"id\", \"text\", "
      "optional \"language\", other members passed through)")(
      "strict", "with --input-format jsonl: stop at the first bad line or text error")(
      "format", po::value<std::string>(), "text (default), jsonl or json")(
      "all", "also list idioms and the article 一 (kind idiom), which are not numbers")(
      "skeleton", "write claim skeletons (JSON) for the numbers no claim or ignore entry covers")(
      "year", po::value<int>(), "with --skeleton: the year of dates written without one")(
      "root", po::value<std::string>(), "with --skeleton: the claims root of dossiers")(
      "output,o", po::value<std::string>(), "write to FILE (atomically) instead of stdout")(
      "force", "replace an existing --output file");
  add_quiet_option(options);
  add_limit_option(options);
  po::variables_map vm;
  int exit_code = exit_ok;
  if (!parse_command_line(name, usage, examples, options, args, vm, exit_code)) return exit_code;
  if (!vm.count("path")) {
    std::cerr << "claimcheck extract: error: no FILE given\nusage: " << usage << '\n';
    return exit_invalid;
  }
  const auto paths = vm["path"].as<std::vector<std::string>>();
  // Checked in both modes, so that a mistyped --limit is never ignored; only
  // --skeleton, which reads whole texts and dossiers, has a use for them
  // (the streaming scan keeps its own fixed bounds, docs/limits.md).
  auto load = load_options_from(name, vm);
  if (!load) return exit_invalid;
  scan_options scan;
  scan.include_idioms = vm.count("all") > 0;
  const std::string input_format =
      vm.count("input-format") ? vm["input-format"].as<std::string>() : "text";
  if (input_format != "text" && input_format != "jsonl") {
    std::cerr << "claimcheck extract: error: unknown --input-format '" << input_format
              << "'; use text or jsonl\n";
    return exit_invalid;
  }
  const bool articles = input_format == "jsonl";
  if (vm.count("strict") && !articles) {
    std::cerr << "claimcheck extract: error: --strict goes with --input-format jsonl\n";
    return exit_invalid;
  }
  archive_options archive;
  archive.scan = scan;
  archive.limits = load->limits;
  archive.strict = vm.count("strict") > 0;
  // One loop for both input forms; a stop (closed output, --strict) ends it.
  // The streaming scan holds constant memory whatever the size, so its
  // texts are bounded only when max_file_bytes is set (scripts/bench scans
  // 1 GB); into a file (--output), the output is held whole, so always.
  const std::string output_name = vm.count("output") ? vm["output"].as<std::string>() : "";
  std::optional<std::size_t> max_bytes;
  if ((!output_name.empty() && output_name != "-") || limit_is_set(vm, "max_file_bytes")) {
    max_bytes = load->limits.max_file_bytes;
  }
  auto extract_one = [&](const std::string& path, report::mention_writer& writer, bool& invalid) {
    return articles ? extract_articles_file(path, archive, writer, invalid)
                    : extract_file(path, scan, writer, max_bytes, invalid);
  };

  if (vm.count("skeleton")) {
    if (articles) {
      std::cerr << "claimcheck extract: error: --skeleton reads text files and dossiers, not "
                   "--input-format jsonl\n";
      return exit_invalid;
    }
    if (vm.count("format") && vm["format"].as<std::string>() != "json") {
      std::cerr
          << "claimcheck extract: error: --skeleton writes JSON (a claim file); drop --format\n";
      return exit_invalid;
    }
    return run_skeleton(paths, vm, scan, *load);
  }
  if (vm.count("year")) {
    std::cerr << "claimcheck extract: error: --year goes with --skeleton\n";
    return exit_invalid;
  }
  auto format = report::parse_mention_format(vm.count("format") ? vm["format"].as<std::string>()
                                                                : std::string("text"));
  if (!format) {
    std::cerr << "claimcheck extract: error: unknown --format '" << vm["format"].as<std::string>()
              << "'; use text, jsonl or json\n";
    return exit_invalid;
  }
  // The text listing prints no context: the scanner need not build one for
  // each mention (the window it reads is the same: see history_chars).
  if (*format == report::mention_format::text) {
    scan.context_chars = 0;
    archive.scan = scan;
  }
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::cerr << "claimcheck extract: error: " << path
                << " is a folder; give the text file (claimcheck coverage checks a dossier)\n";
      return exit_invalid;
    }
  }

  const std::string& output = output_name;
  const bool to_stdout = output.empty() || output == "-";
  bool invalid = false;
  if (to_stdout) {
    // Straight to stdout: nothing is kept, whatever the input size. A note
    // would break the lines of a terminal the output goes to.
    progress_note progress("extract", vm, ::isatty(STDOUT_FILENO) != 1);
    report::mention_writer writer(std::cout, *format);
    for (const auto& path : paths) {
      if (!extract_one(path, writer, invalid)) break;  // output closed, or --strict
    }
    writer.finish();
    return invalid ? exit_invalid : exit_ok;
  }
  // Into the temporary file as it is written (nothing held whole), put in
  // place only when every input was valid.
  atomic_file_stream text(output, write_options{vm.count("force") > 0});
  report::mention_writer writer(text, *format);
  {
    progress_note progress("extract", vm);
    for (const auto& path : paths) {
      if (!extract_one(path, writer, invalid)) break;
    }
  }
  writer.finish();
  if (invalid) return exit_invalid;
  if (auto problem = text.commit()) {
    std::cerr << format_diagnostic(*problem) << '\n';
    return exit_invalid;
  }
  return exit_ok;
}

const command_registration registration{
    {"extract", "list every number of a text (hedge, unit, kind, place); --skeleton for claims",
     run_extract}};

}  // namespace
}  // namespace claimcheck::tool
