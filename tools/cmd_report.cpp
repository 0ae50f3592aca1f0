// SPDX-License-Identifier: MIT
// claimcheck report PATH --html FILE: one self-contained HTML page with the
// document, every claim and verdict, every check with its explanation, the
// trend charts and the sources. Exit 0 when the page is written, 2 on
// invalid input or when the file cannot be written (an existing file is
// kept unless --force).
#include <iostream>

#include "claimcheck/loader.hpp"
#include "claimcheck/report/html.hpp"
#include "command.hpp"
#include "loading.hpp"

namespace po = boost::program_options;

namespace claimcheck::tool {
namespace {

int run_report(const std::vector<std::string>& args) {
  const std::string name = "report";
  const std::string usage =
      "claimcheck report PATH... --html FILE [--force] [--root DIR] [--review-url URL] "
      "[--review-date YYYY-MM-DD] [--reviewer NAME] [--reviewer-url URL] [--document-url URL]";
  const std::string examples =
      "  claimcheck report claims/waic-2023 --html waic-2023.html\n"
      "  claimcheck report claims/waic-2023 --html public/index.html --force \\\n"
      "      --review-url https://example.org/checks/waic-2023 --reviewer \"Example Desk\"\n";
  po::options_description options("options");
  options.add_options()("path", po::value<std::vector<std::string>>(),
                        "a dossier folder, a claim file, or a folder of dossiers")(
      "html", po::value<std::string>(), "write the HTML page to FILE (required)")(
      "force", "replace an existing FILE")("root", po::value<std::string>(),
                                           "the claims root that imports must stay inside")(
      "review-url", po::value<std::string>(),
      "where the page will be published; the embedded ClaimReview urls are URL#claim-ID")(
      "review-date", po::value<std::string>(),
      "the review's date (default: SOURCE_DATE_EPOCH when set, else the document's "
      "review.published, else the dossier's latest source date)")(
      "reviewer", po::value<std::string>(),
      "the reviewing organisation (default: the document's review.by)")(
      "reviewer-url", po::value<std::string>(),
      "the reviewer's address (default: the site of the review url)")(
      "document-url", po::value<std::string>(),
      "the document's address when its record has no url");
  add_limit_option(options);
  add_jobs_option(options);
  po::variables_map vm;
  int exit_code = exit_ok;
  if (!parse_command_line(name, usage, examples, options, args, vm, exit_code)) return exit_code;
  if (!has_paths(name, "PATH", usage, vm)) return exit_invalid;
  if (!vm.count("html")) {
    std::cerr << "claimcheck report: error: give --html FILE\nusage: " << usage << '\n';
    return exit_invalid;
  }
  report::html_options html;
  if (vm.count("review-url")) html.review.review_url = vm["review-url"].as<std::string>();
  if (vm.count("reviewer")) html.review.reviewer = vm["reviewer"].as<std::string>();
  if (vm.count("reviewer-url")) html.review.reviewer_url = vm["reviewer-url"].as<std::string>();
  if (vm.count("document-url")) html.review.document_url = vm["document-url"].as<std::string>();
  auto review_date = review_date_from(name, vm);
  if (!review_date) return exit_invalid;
  html.review.review_date = *review_date;
  html.generated_date = *review_date;

  // The urls of the options (the dossiers' own are checked when loaded).
  diagnostics bad_urls = report::claimreview_problems({}, html.review);
  for (const auto& problem : bad_urls) std::cerr << format_diagnostic(problem) << '\n';
  if (!bad_urls.empty()) return exit_invalid;

  auto load = load_options_from(name, vm);
  if (!load) return exit_invalid;
  load_result loaded = load_and_print(paths_of(vm), *load);
  if (!loaded.ok()) return exit_invalid;
  if (loaded.dossiers.empty()) {
    std::cerr << "claimcheck report: error: no dossier found in the given paths\n";
    return exit_invalid;
  }

  const explained_dossiers result = check_and_explain(loaded.dossiers, load->limits);
  if (!result.ok()) {
    for (const auto& problem : result.problems) std::cerr << format_diagnostic(problem) << '\n';
    return exit_invalid;
  }
  if (!emit(report::html_report(result, html), vm["html"].as<std::string>(), vm.count("force") > 0))
    return exit_invalid;
  return exit_ok;
}

const command_registration registration{
    {"report", "write a self-contained HTML fact-check page of dossiers", run_report}};

}  // namespace
}  // namespace claimcheck::tool
