// SPDX-License-Identifier: MIT
// claimcheck validate PATH...: load claim files and report every problem,
// every one that `check` would find included.
#include <iostream>
#include <optional>

#include "claimcheck/checks.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/report/diagnostics.hpp"
#include "claimcheck/report/github.hpp"
#include "claimcheck/report/sarif.hpp"
#include "claimcheck/trends.hpp"
#include "command.hpp"
#include "loading.hpp"
#include "progress.hpp"

namespace po = boost::program_options;

namespace claimcheck::tool {
namespace {

int run_validate(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::vector<std::string> paths;
  std::string root, format = "text";
  options.add_options()("path", po::value(&paths),
                        "claim files, dossier folders or folders of dossiers")(
      "root", po::value(&root), "the claims root imports must stay inside (default: each PATH)")(
      "format", po::value(&format),
      "output: text (default), json, sarif (SARIF 2.1.0 for code scanning) or github "
      "(workflow-command annotations)")("strict", "treat warnings as errors (exit 2)");
  add_quiet_option(options);
  add_limit_option(options);
  add_jobs_option(options);
  po::variables_map vm;
  int exit_code = exit_ok;
  if (!parse_command_line(
          "validate",
          "claimcheck validate PATH... [--root DIR] [--format text|json|sarif|github] [--strict]",
          "  claimcheck validate claims/waic-2023 --root claims\n"
          "      check one dossier; its imports may reach anywhere under claims/\n"
          "  claimcheck validate claims --format json --strict\n"
          "      check every dossier under claims/, warnings included, as JSON\n",
          options, args, vm, exit_code)) {
    return exit_code;
  }
  if (paths.empty()) {
    std::cerr << "claimcheck validate: error: give at least one PATH\n"
                 "usage: claimcheck validate PATH... [--root DIR] [--format "
                 "text|json|sarif|github] [--strict]\n";
    return exit_invalid;
  }
  if (format != "text" && format != "json" && format != "sarif" && format != "github") {
    std::cerr << "claimcheck validate: error: unknown format '" << format
              << "'; use text, json, sarif or github\n";
    return exit_invalid;
  }
  bool strict = vm.count("strict") > 0;

  auto load = load_options_from("validate", vm);
  if (!load) return exit_invalid;
  std::vector<std::filesystem::path> inputs(paths.begin(), paths.end());
  std::optional<progress_note> progress;
  progress.emplace("validate", vm);
  // One dossier at a time (a few with --jobs): each is counted, checked and
  // dropped, so that memory holds the dossiers in flight, not the corpus.
  // Every error `check` would report (expressions, dimensions, ids, cycles,
  // series, `within`, values) is found by the same evaluation, so that a
  // dossier validate accepts never makes check exit 2; they follow the
  // problems of loading, and only when loading found no error.
  dossier_stream stream(inputs, *load);
  load_counts counts;
  diagnostics found;
  check_each(stream, load->limits, load->threads, [&](const dossier& d, const check_run* run) {
    counts += count_dossier(d);
    if (run) found.insert(found.end(), run->problems.begin(), run->problems.end());
  });
  load_result loaded;
  loaded.problems = stream.finish();
  progress.reset();
  if (loaded.ok()) loaded.problems.insert(loaded.problems.end(), found.begin(), found.end());

  if (format == "json") {
    std::cout << diagnostics_json(loaded.problems, counts, strict);
  } else if (format == "sarif") {
    std::cout << report::sarif_log(loaded.problems);
  } else if (format == "github") {
    std::cout << report::github_annotations(loaded.problems);
  } else {
    std::cout << diagnostics_text(loaded.problems) << summary_line(counts, loaded.problems) << '\n';
  }
  bool invalid = !loaded.ok() || (strict && count(loaded.problems, severity::warning) > 0);
  return invalid ? exit_invalid : exit_ok;
}

const command_registration registration{command{
    "validate", "check claim files: JSON, schema, ids, units, dates, quotes, imports, expressions",
    run_validate}};

}  // namespace
}  // namespace claimcheck::tool
