// SPDX-License-Identifier: MIT
// claimcheck check: runs every check of the dossiers and reports outcomes,
// margins and claim verdicts. Exit 0 when every outcome equals its expect,
// 1 when one differs (warning checks only with --strict), 2 on invalid input.
#include <iostream>
#include <memory>
#include <optional>

#include "claimcheck/atomic_file.hpp"
#include "claimcheck/checks.hpp"
#include "claimcheck/evaluate.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/report/annotations.hpp"
#include "claimcheck/report/check_report.hpp"
#include "claimcheck/report/check_stream.hpp"
#include "claimcheck/report/claimreview.hpp"
#include "claimcheck/report/diagnostics.hpp"
#include "claimcheck/report/format.hpp"
#include "claimcheck/report/github.hpp"
#include "claimcheck/report/report_output.hpp"
#include "claimcheck/report/sarif.hpp"
#include "command.hpp"
#include "loading.hpp"
#include "progress.hpp"

namespace po = boost::program_options;

namespace claimcheck::tool {
namespace {

// check's own options, then those it shares with other commands.
po::options_description check_options() {
  po::options_description options("options");
  options.add_options()("path", po::value<std::vector<std::string>>(),
                        "a dossier folder, a claim file, or a folder of dossiers")(
      "root", po::value<std::string>(), "the claims root that imports must stay inside")(
      "format", po::value<std::string>()->default_value("text"),
      "text, md, json, sarif (SARIF 2.1.0 for code scanning), github (workflow-command "
      "annotations) or claimreview (schema.org ClaimReview JSON-LD)")(
      "strict", "a warning-severity check whose outcome differs from its expect also exits 1")(
      "verbose,v",
      "text: list every rule finding with its file:line:col (default: one entry per rule; notes "
      "counted on one line)")("output,o", po::value<std::string>(),
                              "write the report to FILE instead of stdout")(
      "force", "replace an existing --output file")(
      "review-url", po::value<std::string>(),
      "claimreview: the page publishing the reviews (default: the document's review.url); "
      "each url is URL#claim-ID")(
      "review-date", po::value<std::string>(),
      "claimreview: the reviews' date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH when set, else the "
      "document's review.published, else the dossier's latest source date)")(
      "reviewer", po::value<std::string>(),
      "claimreview: the reviewing organisation (default: the document's review.by)")(
      "reviewer-url", po::value<std::string>(),
      "claimreview: the reviewer's address (default: the site of the review url)")(
      "document-url", po::value<std::string>(),
      "claimreview: the document's address when its record has no url");
  add_ci_filter_options(options);
  add_colour_option(options);
  add_quiet_option(options);
  add_limit_option(options);
  add_jobs_option(options);
  return options;
}

// Annotate the problems of an invalid load where they are. A program that
// asked for JSON (md and claimreview are read by programs too) gets the
// problems as JSON rather than nothing.
void emit_load_problems(const std::string& format_name, const diagnostics& problems,
                        const load_counts& counts, const std::string& output, bool force) {
  if (format_name == "sarif") emit(report::sarif_log(problems), output, force);
  if (format_name == "github") emit(report::github_annotations(problems), output, force);
  if (format_name == "json" || format_name == "md" || format_name == "claimreview")
    emit(diagnostics_json(problems, counts), output, force);
}

// The report to its place: the temporary file of --output put in place, or
// what stdout has not had yet written. False, with the problem on stderr,
// when the report could not be held (outcome.output_problem) or that fails.
bool publish(report::report_output& destination, const report::check_outcome& outcome) {
  std::optional<diagnostic> problem = outcome.output_problem;
  if (!problem) problem = destination.commit();
  if (problem) std::cerr << format_diagnostic(*problem) << '\n';
  return !problem;
}

// A review is published: refuse rather than write one that points nowhere
// or names nobody. Each dossier's reviews are written as it is checked (into
// the temporary file of --output, or held for stdout) and published only
// when nothing is wrong, else dropped: nothing is half-written.
int check_claimreview(const po::variables_map& vm, const load_options& load,
                      const report::claimreview_options& review, const std::string& output,
                      bool strict, std::optional<progress_note>& progress) {
  const bool force = vm.count("force") > 0;
  std::optional<report::report_output> destination;
  destination.emplace(output, write_options{force}, std::cout);
  const report::check_outcome outcome =
      report::check_claimreview_streamed(paths_of(vm), load, review, strict, *destination);
  for (const auto& problem : outcome.load_problems) std::cerr << format_diagnostic(problem) << '\n';
  progress.reset();
  if (!outcome.loaded) {
    destination.reset();
    emit_load_problems("claimreview", outcome.load_problems, outcome.counts, output, force);
    return exit_invalid;
  }
  const bool invalid = outcome.status == check_status::invalid;
  if (invalid || !outcome.review_problems.empty()) {
    for (const auto& problem : invalid ? outcome.run_problems : outcome.review_problems)
      std::cerr << format_diagnostic(problem) << '\n';
    return exit_invalid;
  }
  if (!publish(*destination, outcome)) return exit_invalid;
  const report::claimreview_set& set = outcome.reviews;
  std::cerr << "claimcheck check: " << set.reviews << " reviews; " << set.left_out
            << " unverified claims left out (a ClaimReview is a verdict)";
  if (set.shared > 0) std::cerr << "; " << set.shared << " claims reviewed by a shared quote";
  std::cerr << '\n';
  return outcome.status == check_status::unexpected ? exit_findings : exit_ok;
}

int run_check(const std::vector<std::string>& args) {
  const std::string name = "check";
  const std::string usage =
      "claimcheck check PATH... [--root DIR] [--format text|md|json|sarif|github|claimreview] "
      "[--strict] [--output FILE [--force]] [--review-url URL] [--reviewer NAME] "
      "[--reviewer-url URL] [--review-date YYYY-MM-DD] [--min-level LEVEL] [--baseline FILE] "
      "[--color WHEN]";
  const std::string examples =
      "  claimcheck check claims/waic-2023\n"
      "  claimcheck check claims/ --format md --output check-report.md --force\n"
      "  claimcheck check claims/ --format sarif --output claimcheck.sarif --force\n"
      "  claimcheck check claims/waic-2023 --format claimreview --review-url "
      "https://example.org/checks/waic-2023 --reviewer \"Example Fact Desk\"\n";
  po::options_description options = check_options();
  po::variables_map vm;
  int exit_code = exit_ok;
  if (!parse_command_line(name, usage, examples, options, args, vm, exit_code)) return exit_code;

  if (!has_paths(name, "PATH", usage, vm)) return exit_invalid;
  const std::string format_name = vm["format"].as<std::string>();
  const bool ci_format =
      format_name == "sarif" || format_name == "github" || format_name == "claimreview";
  auto format = report::parse_output_format(format_name);
  if (!ci_format && (!format || *format == report::output_format::csv)) {
    std::cerr << "claimcheck check: error: unknown --format '" << format_name
              << "'; use text, md, json, sarif, github or claimreview\n";
    return exit_invalid;
  }
  report::claimreview_options review;
  if (vm.count("review-url")) review.review_url = vm["review-url"].as<std::string>();
  if (vm.count("reviewer")) review.reviewer = vm["reviewer"].as<std::string>();
  if (vm.count("reviewer-url")) review.reviewer_url = vm["reviewer-url"].as<std::string>();
  if (vm.count("document-url")) review.document_url = vm["document-url"].as<std::string>();
  if (format_name == "claimreview" || vm.count("review-date")) {
    // Only the ClaimReview output is dated; SOURCE_DATE_EPOCH matters to no other.
    auto review_date = review_date_from(name, vm);
    if (!review_date) return exit_invalid;
    review.review_date = *review_date;
  }

  auto filter = ci_filter_from(name, vm);
  if (!filter) return exit_invalid;
  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  const auto colour = colour_from(name, vm, !output.empty() && output != "-");
  if (!colour) return exit_invalid;
  auto load = load_options_from(name, vm);
  if (!load) return exit_invalid;
  std::optional<progress_note> progress;
  progress.emplace(name, vm);
  report::text_options text_options;
  text_options.colour = *colour;
  text_options.every_finding = vm.count("verbose") > 0;
  const bool strict = vm.count("strict") > 0;
  if (format_name == "claimreview") {
    return check_claimreview(vm, *load, review, output, strict, progress);
  }
  const report::check_output kind = format_name == "sarif" || format_name == "github"
                                        ? report::check_output::ci
                                    : format_name == "md"   ? report::check_output::markdown
                                    : format_name == "json" ? report::check_output::json
                                                            : report::check_output::text;
  // One dossier at a time (report/check_stream.hpp): the report goes to the
  // temporary file of --output, or is held for stdout (memory, then
  // $TMPDIR), as it is written, and is published only when nothing is wrong,
  // since a problem found in a later dossier means nothing is printed.
  std::optional<report::report_output> destination;
  destination.emplace(output, write_options{vm.count("force") > 0}, std::cout);
  report::ci_report ci;
  ci.format = format_name == "sarif" ? report::ci_format::sarif : report::ci_format::github;
  ci.filter = *filter;
  const report::check_outcome outcome =
      kind == report::check_output::ci
          ? report::check_ci_streamed(paths_of(vm), *load, ci, strict, *destination)
          : report::check_streamed(paths_of(vm), *load, kind, text_options, strict, *destination);
  for (const auto& problem : outcome.load_problems) {
    std::cerr << format_diagnostic(problem) << '\n';
  }
  if (!outcome.loaded) {
    destination.reset();
    progress.reset();
    emit_load_problems(format_name, outcome.load_problems, outcome.counts, output,
                       vm.count("force") > 0);
    return exit_invalid;
  }
  progress.reset();
  const check_status status = outcome.status;
  if (kind == report::check_output::ci) {
    // CI formats carry the problems too, so that an invalid dossier is
    // annotated where it is wrong; the exit code still says invalid.
    if (!publish(*destination, outcome)) return exit_invalid;
    return status == check_status::invalid      ? exit_invalid
           : status == check_status::unexpected ? exit_findings
                                                : exit_ok;
  }
  if (status == check_status::invalid) {
    for (const auto& problem : outcome.run_problems) {
      std::cerr << format_diagnostic(problem) << '\n';
    }
    return exit_invalid;
  }

  if (!publish(*destination, outcome)) return exit_invalid;
  return status == check_status::unexpected ? exit_findings : exit_ok;
}

const command_registration registration{
    {"check", "run the checks of dossiers: outcomes, margins, claim verdicts", run_check}};

}  // namespace
}  // namespace claimcheck::tool
