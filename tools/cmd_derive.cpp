// SPDX-License-Identifier: MIT
// claimcheck derive: the table of derived figures with their computed
// intervals, optionally one of them (--id).
#include <iostream>
#include <memory>

#include "claimcheck/evaluate.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/report/derive_report.hpp"
#include "claimcheck/report/format.hpp"
#include "claimcheck/trends.hpp"
#include "command.hpp"
#include "loading.hpp"

namespace po = boost::program_options;

namespace claimcheck::tool {
namespace {

int run_derive(const std::vector<std::string>& args) {
  const std::string name = "derive";
  const std::string usage =
      "claimcheck derive PATH... [--id ID] [--root DIR] [--format text|md|json|csv] "
      "[--output FILE [--force]]";
  const std::string examples =
      "  claimcheck derive claims/waic-2023\n"
      "      every derived figure: nominal value, interval and unit\n"
      "  claimcheck derive claims/ --id coreweave.gpu_hours --format csv\n"
      "      one figure as CSV, its numbers in full precision\n";
  po::options_description options("options");
  options.add_options()("path", po::value<std::vector<std::string>>(),
                        "a dossier folder, a claim file, or a folder of dossiers")(
      "id", po::value<std::string>(), "show only the derived figure ID")(
      "root", po::value<std::string>(), "the claims root that imports must stay inside")(
      "format", po::value<std::string>()->default_value("text"), "text, md, json or csv")(
      "output,o", po::value<std::string>(), "write the table to FILE instead of stdout")(
      "force", "replace an existing --output file");
  add_limit_option(options);
  add_jobs_option(options);
  po::variables_map vm;
  int exit_code = exit_ok;
  if (!parse_command_line(name, usage, examples, options, args, vm, exit_code)) return exit_code;

  if (!has_paths(name, "PATH", usage, vm)) return exit_invalid;
  auto format = report::parse_output_format(vm["format"].as<std::string>());
  if (!format) {
    std::cerr << "claimcheck derive: error: unknown --format '" << vm["format"].as<std::string>()
              << "'; use text, md, json or csv\n";
    return exit_invalid;
  }
  auto load = load_options_from(name, vm);
  if (!load) return exit_invalid;
  load_result loaded = load_and_print(paths_of(vm), *load);
  if (!loaded.ok()) return exit_invalid;

  const std::string only_id = vm.count("id") ? vm["id"].as<std::string>() : "";
  if (!only_id.empty()) {
    if (auto unknown = report::find_derived_id(loaded.dossiers, only_id)) {
      std::cerr << "claimcheck derive: error: [" << unknown->code << "] " << unknown->message
                << '\n';
      return exit_invalid;
    }
  }
  std::vector<report::derived_row> rows;
  diagnostics problems;
  for (const auto& d : loaded.dossiers) {
    evaluator ev(d, load->limits);
    auto more = report::derive_rows(d, ev, only_id, problems);
    rows.insert(rows.end(), more.begin(), more.end());
    // With --id, the dossier that defines the figure is enough.
    if (!only_id.empty() && !more.empty()) break;
  }
  for (const auto& problem : problems) std::cerr << format_diagnostic(problem) << '\n';
  if (has_errors(problems)) return exit_invalid;

  std::string text;
  switch (*format) {
    case report::output_format::markdown:
      text = report::derive_report_markdown(rows);
      break;
    case report::output_format::json:
      text = report::derive_report_json(rows);
      break;
    case report::output_format::csv:
      text = report::derive_report_csv(rows);
      break;
    default:
      text = report::derive_report_text(rows);
      break;
  }
  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  if (!emit(text, output, vm.count("force") > 0)) return exit_invalid;
  return exit_ok;
}

const command_registration registration{
    {"derive", "compute the derived figures of dossiers and list them", run_derive}};

}  // namespace
}  // namespace claimcheck::tool
