// SPDX-License-Identifier: MIT
// claimcheck coverage: lists every number of a dossier's document text that
// no claim quote and no ignore entry covers. Exit 0 when all are covered, 1
// when some are not (for CI), 2 on invalid input.
#include <iostream>
#include <optional>

#include "claimcheck/coverage.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/report/annotations.hpp"
#include "claimcheck/report/github.hpp"
#include "claimcheck/report/mentions.hpp"
#include "claimcheck/report/sarif.hpp"
#include "command.hpp"
#include "loading.hpp"
#include "progress.hpp"

namespace po = boost::program_options;

namespace claimcheck::tool {
namespace {

int run_coverage(const std::vector<std::string>& args) {
  const std::string name = "coverage";
  const std::string usage =
      "claimcheck coverage DOSSIER... [-] [--root DIR] [--format text|json|sarif|github] "
      "[--output FILE [--force]]";
  const std::string examples =
      "  claimcheck coverage claims/waic-2023\n"
      "      the numbers of the text that no claim or ignore entry covers (exit 1 if any)\n"
      "  claimcheck coverage claims/ --format json\n"
      "      the same for every dossier under claims/, as JSON\n"
      "  claimcheck coverage claims/waic-2023 - < draft.txt\n"
      "      the numbers of a draft (standard input) that the dossier's claims do not cover\n"
      "  claimcheck extract claims/waic-2023 --skeleton\n"
      "      then: draft claims for the uncovered numbers\n";
  po::options_description options("options");
  options.add_options()("path", po::value<std::vector<std::string>>(),
                        "a dossier folder, a claim file, or a folder of dossiers; '-': read the "
                        "text from standard input instead of the dossier's document (one dossier)")(
      "root", po::value<std::string>(), "the claims root that imports must stay inside")(
      "format", po::value<std::string>()->default_value("text"),
      "text, json, sarif (SARIF 2.1.0 for code scanning) or github (workflow-command "
      "annotations)")("output,o", po::value<std::string>(),
                      "write the report to FILE instead of stdout")(
      "force", "replace an existing --output file");
  add_quiet_option(options);
  add_limit_option(options);
  add_jobs_option(options);
  po::variables_map vm;
  int exit_code = exit_ok;
  if (!parse_command_line(name, usage, examples, options, args, vm, exit_code)) return exit_code;
  if (!has_paths(name, "DOSSIER", usage, vm)) return exit_invalid;
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json" && format != "sarif" && format != "github") {
    std::cerr << "claimcheck coverage: error: unknown --format '" << format
              << "'; use text, json, sarif or github\n";
    return exit_invalid;
  }

  auto load = load_options_from(name, vm);
  if (!load) return exit_invalid;
  // '-': the text comes from standard input (a draft), checked against the
  // claims and ignore entries of the one dossier named beside it.
  std::vector<std::filesystem::path> paths;
  bool text_from_stdin = false;
  for (const auto& path : paths_of(vm)) {
    if (path == "-") {
      text_from_stdin = true;
    } else {
      paths.push_back(path);
    }
  }
  if (text_from_stdin && paths.empty()) {
    std::cerr << "claimcheck coverage: error: '-' reads the text from standard input, to check it "
                 "against a dossier's claims; name the dossier too: claimcheck coverage DOSSIER - "
                 "< text.txt\n";
    return exit_invalid;
  }
  std::optional<std::string> stdin_text;
  if (text_from_stdin) {
    stdin_text = read_whole_text("-", load->limits.max_file_bytes);
    if (!stdin_text) return exit_invalid;
  }
  std::optional<progress_note> progress;
  progress.emplace(name, vm);
  load_result loaded = load_and_print(paths, *load);
  if (!loaded.ok()) {
    // Annotate the problems where they are, then fail as invalid.
    if (format == "sarif" || format == "github") {
      const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
      emit(format == "sarif" ? report::sarif_log(loaded.problems)
                             : report::github_annotations(loaded.problems),
           output, vm.count("force") > 0);
    }
    return exit_invalid;
  }

  if (text_from_stdin && loaded.dossiers.size() > 1) {
    std::cerr << "claimcheck coverage: error: with '-' (the text from standard input), name one "
                 "dossier; the paths hold "
              << loaded.dossiers.size() << "\n";
    return exit_invalid;
  }
  std::vector<coverage_result> results;
  bool invalid = false;
  for (const auto& d : loaded.dossiers) {
    coverage_result r =
        stdin_text ? compute_coverage(d, *stdin_text, "<stdin>") : compute_coverage(d);
    for (const auto& problem : r.problems) std::cerr << format_diagnostic(problem) << '\n';
    if (has_errors(r.problems)) {
      invalid = true;
      continue;
    }
    for (const auto& issue : r.issues) {
      if (issue.level == severity::error) invalid = true;
    }
    results.push_back(std::move(r));
  }
  if (loaded.dossiers.empty()) {
    std::cerr << "claimcheck coverage: error: no dossier found in the given paths\n";
    return exit_invalid;
  }
  progress.reset();
  std::string text;
  if (format == "sarif" || format == "github") {
    diagnostics all = loaded.problems;
    diagnostics found = report::coverage_diagnostics(results);
    all.insert(all.end(), found.begin(), found.end());
    text = format == "sarif" ? report::sarif_log(all) : report::github_annotations(all);
  } else {
    text = format == "json" ? report::coverage_json(results) : report::coverage_text(results);
  }
  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  if (!emit(text, output, vm.count("force") > 0)) return exit_invalid;
  if (invalid) return exit_invalid;
  for (const auto& r : results) {
    if (!r.complete()) return exit_findings;
  }
  return exit_ok;
}

const command_registration registration{
    {"coverage", "list the numbers of a dossier's text that no claim or ignore entry covers",
     run_coverage}};

}  // namespace
}  // namespace claimcheck::tool
