// SPDX-License-Identifier: MIT
// claimcheck trend: the series of dossiers as tables (text, md, csv, json)
// with steps and fits, and optionally a chart (--svg FILE).
#include <iostream>

#include "claimcheck/atomic_file.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/report/format.hpp"
#include "claimcheck/report/svg_chart.hpp"
#include "claimcheck/report/trend_report.hpp"
#include "claimcheck/trends.hpp"
#include "command.hpp"
#include "loading.hpp"

namespace po = boost::program_options;

namespace claimcheck::tool {
namespace {

int run_trend(const std::vector<std::string>& args) {
  const std::string name = "trend";
  const std::string usage =
      "claimcheck trend PATH... [--series ID]... [--root DIR] [--format text|md|csv|json] "
      "[--output FILE] [--svg FILE] [--force]";
  const std::string examples =
      "  claimcheck trend claims/waic-2023 --format md\n"
      "      every series: its steps, annualised rates and log-linear fit, as Markdown\n"
      "  claimcheck trend claims/waic-2023 --series gpt3_training_cost --svg cost.svg --force\n"
      "      one series, and its chart written to cost.svg (replacing an older one)\n";
  po::options_description options("options");
  // clang-format off
  options.add_options()
      ("path", po::value<std::vector<std::string>>(), "a dossier folder, a claim file, or a folder of dossiers")
      ("series", po::value<std::vector<std::string>>(), "show only series ID (repeatable)")
      ("root", po::value<std::string>(), "the claims root that imports must stay inside")
      ("format", po::value<std::string>()->default_value("text"), "text, md, csv or json")
      ("output,o", po::value<std::string>(), "write the tables to FILE instead of stdout")
      ("svg", po::value<std::string>(), "also write a chart of the series (one panel each) to FILE")
      ("force", "replace existing --output and --svg files");
  // clang-format on
  add_limit_option(options);
  add_jobs_option(options);
  po::variables_map vm;
  int exit_code = exit_ok;
  if (!parse_command_line(name, usage, examples, options, args, vm, exit_code)) return exit_code;

  if (!has_paths(name, "PATH", usage, vm)) return exit_invalid;
  auto format = report::parse_output_format(vm["format"].as<std::string>());
  if (!format) {
    std::cerr << "claimcheck trend: error: unknown --format '" << vm["format"].as<std::string>()
              << "'; use text, md, csv or json\n";
    return exit_invalid;
  }
  auto load = load_options_from(name, vm);
  if (!load) return exit_invalid;
  load_result loaded = load_and_print(paths_of(vm), *load);
  if (!loaded.ok()) return exit_invalid;

  std::vector<std::string> only;
  if (vm.count("series")) only = vm["series"].as<std::vector<std::string>>();
  trend_result result = compute_trends(loaded.dossiers, only, load->limits);

  // Errors go to stderr; warnings are part of the report (under each table).
  bool unknown_series = false;
  for (const auto& problem : result.problems) {
    if (problem.level != severity::error) continue;
    // A problem of the command line has no file: say which command it is.
    std::cerr << (problem.where.file.empty() ? "claimcheck trend: " : "")
              << format_diagnostic(problem) << '\n';
    unknown_series = unknown_series || problem.code == "trend.unknown_series";
  }
  if (unknown_series) {
    std::string names;
    for (const auto& d : loaded.dossiers) {
      for (const auto& s : d.series) names += (names.empty() ? "" : ", ") + s.id;
    }
    std::cerr << "claimcheck trend: series in the dossiers given: "
              << (names.empty() ? "none" : names) << '\n';
  }
  // Nothing to show but why.
  if (!result.ok() && result.series.empty()) return exit_invalid;
  const bool force = vm.count("force") > 0;
  // The chart first: when it cannot be written, nothing is printed but why.
  if (vm.count("svg")) {
    const std::string svg_file = vm["svg"].as<std::string>();
    if (auto problem = write_file_atomically(svg_file, report::trend_chart_svg(result),
                                             write_options{force})) {
      std::cerr << format_diagnostic(*problem) << '\n';
      return exit_invalid;
    }
  }
  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  if (!emit(report::trend_report(result, *format), output, force)) return exit_invalid;
  return result.ok() ? exit_ok : exit_invalid;
}

const command_registration registration{
    {"trend", "tabulate and chart the series of dossiers: steps, rates, fits", run_trend}};

}  // namespace
}  // namespace claimcheck::tool
