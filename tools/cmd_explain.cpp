// SPDX-License-Identifier: MIT
// claimcheck explain: shows how a derived figure or a check came to its
// value: the figures as written, their intervals and sources, each step.
#include <filesystem>
#include <iostream>

#include "claimcheck/checks.hpp"
#include "claimcheck/evaluate.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/report/explain_report.hpp"
#include "claimcheck/report/format.hpp"
#include "claimcheck/trends.hpp"
#include "claimcheck/units.hpp"
#include "command.hpp"
#include "loading.hpp"

namespace po = boost::program_options;

namespace claimcheck::tool {
namespace {

int run_explain(const std::vector<std::string>& args) {
  const std::string name = "explain";
  const std::string usage =
      "claimcheck explain ID [PATH...] [--root DIR] [--format text|md|json] "
      "[--output FILE [--force]] [--color WHEN]";
  const std::string examples =
      "  claimcheck explain coreweave.full_training_possible claims/waic-2023\n"
      "      a check: each input as written with its interval, quote and sources, the\n"
      "      steps of both sides, the outcome and margin\n"
      "  claimcheck explain coreweave.gpu_hours --format md\n"
      "      a derived figure, as Markdown (PATH defaults to claims/)\n";
  po::options_description options("options (PATH defaults to claims/ when it exists)");
  options.add_options()("path", po::value<std::vector<std::string>>(),
                        "ID, then dossier folders or claim files")(
      "root", po::value<std::string>(), "the claims root that imports must stay inside")(
      "format", po::value<std::string>()->default_value("text"), "text, md or json")(
      "output,o", po::value<std::string>(), "write the explanation to FILE instead of stdout")(
      "force", "replace an existing --output file");
  add_colour_option(options);
  add_limit_option(options);
  add_jobs_option(options);
  po::variables_map vm;
  int exit_code = exit_ok;
  if (!parse_command_line(name, usage, examples, options, args, vm, exit_code)) return exit_code;

  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  const auto colour = colour_from(name, vm, !output.empty() && output != "-");
  if (!colour) return exit_invalid;
  std::vector<std::string> positional;
  if (vm.count("path")) positional = vm["path"].as<std::vector<std::string>>();
  if (positional.empty()) {
    std::cerr << "claimcheck explain: error: no ID given\nusage: " << usage << '\n';
    return exit_invalid;
  }
  const std::string id = positional.front();
  std::vector<std::filesystem::path> paths(positional.begin() + 1, positional.end());
  if (paths.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory("claims", ec)) {
      std::cerr << "claimcheck explain: error: no PATH given and no claims/ folder here\n"
                << "usage: " << usage << '\n';
      return exit_invalid;
    }
    paths.emplace_back("claims");
  }
  auto format = report::parse_output_format(vm["format"].as<std::string>());
  if (!format || *format == report::output_format::csv) {
    std::cerr << "claimcheck explain: error: unknown --format '" << vm["format"].as<std::string>()
              << "'; use text, md or json\n";
    return exit_invalid;
  }

  auto load = load_options_from(name, vm);
  if (!load) return exit_invalid;
  load_result loaded = load_and_print(paths, *load);
  if (!loaded.ok()) return exit_invalid;

  // The dossier that defines the id itself wins over one that imports it.
  const dossier* chosen = nullptr;
  for (const auto& d : loaded.dossiers) {
    const check_record* check = d.find_check(id);
    const figure_record* figure = d.find_figure(id);
    const derived_record* derived = d.find_derived(id);
    const record_origin* origin = check     ? &check->origin
                                  : figure  ? &figure->origin
                                  : derived ? &derived->origin
                                            : nullptr;
    if (origin == nullptr) continue;
    if (chosen == nullptr || !origin->imported) chosen = &d;
    if (!origin->imported) break;
  }
  if (chosen == nullptr) {
    std::vector<std::string> ids;
    for (const auto& d : loaded.dossiers) {
      auto more = d.all_ids();
      ids.insert(ids.end(), more.begin(), more.end());
    }
    std::cerr << "claimcheck explain: error: [explain.unknown_id] no figure, derived figure or "
                 "check '"
              << id << "' in the given paths" << suggest_ids(id, ids) << '\n';
    return exit_invalid;
  }

  evaluator ev(*chosen, load->limits);
  auto explained = explain(*chosen, ev, id);
  if (!explained) {
    std::cerr << "claimcheck explain: error: [" << explained.error().code << "] "
              << explained.error().message << '\n';
    return exit_invalid;
  }
  if (has_errors(explained->problems)) {
    for (const auto& problem : explained->problems) std::cerr << format_diagnostic(problem) << '\n';
    return exit_invalid;
  }
  std::string text;
  switch (*format) {
    case report::output_format::markdown:
      text = report::explain_report_markdown(*explained);
      break;
    case report::output_format::json:
      text = report::explain_report_json(*explained);
      break;
    default:
      text = report::explain_report_text(*explained, {*colour});
      break;
  }
  if (!emit(text, output, vm.count("force") > 0)) return exit_invalid;
  return exit_ok;
}

const command_registration registration{
    {"explain", "show how a derived figure or a check got its value, step by step", run_explain}};

}  // namespace
}  // namespace claimcheck::tool
