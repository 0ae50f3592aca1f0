// claimcheck check: runs every check of the dossiers and reports outcomes,
// margins and claim verdicts. Exit 0 when every outcome equals its expect,
// 1 when one differs (warning checks only with --strict), 2 on invalid input.
#include <iostream>
#include <memory>

#include "claimcheck/checks.hpp"
#include "claimcheck/evaluate.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/report/check_report.hpp"
#include "claimcheck/report/format.hpp"
#include "command.hpp"

namespace po = boost::program_options;

namespace claimcheck::tool {
namespace {

int run_check(const std::vector<std::string>& args) {
  const std::string name = "check";
  const std::string usage =
      "claimcheck check PATH... [--root DIR] [--format text|md|json] [--strict] "
      "[--output FILE [--force]]";
  const std::string examples =
      "  claimcheck check claims/waic-2023\n"
      "  claimcheck check claims/ --format md --output check-report.md --force\n";
  po::options_description options("options");
  options.add_options()("path", po::value<std::vector<std::string>>(),
                        "a dossier folder, a claim file, or a folder of dossiers")(
      "root", po::value<std::string>(), "the claims root that imports must stay inside")(
      "format", po::value<std::string>()->default_value("text"), "text, md or json")(
      "strict", "a warning-severity check whose outcome differs from its expect also exits 1")(
      "output,o", po::value<std::string>(), "write the report to FILE instead of stdout")(
      "force", "replace an existing --output file");
  po::variables_map vm;
  int exit_code = exit_ok;
  if (!parse_command_line(name, usage, examples, options, args, vm, exit_code)) return exit_code;

  if (!vm.count("path")) {
    std::cerr << "claimcheck check: error: no PATH given\nusage: " << usage << '\n';
    return exit_invalid;
  }
  auto format = report::parse_output_format(vm["format"].as<std::string>());
  if (!format || *format == report::output_format::csv) {
    std::cerr << "claimcheck check: error: unknown --format '" << vm["format"].as<std::string>()
              << "'; use text, md or json\n";
    return exit_invalid;
  }

  std::vector<std::filesystem::path> paths;
  for (const auto& p : vm["path"].as<std::vector<std::string>>()) paths.emplace_back(p);
  load_options load;
  if (vm.count("root")) load.root = vm["root"].as<std::string>();
  load_result loaded = load_paths(paths, load);
  for (const auto& problem : loaded.problems) std::cerr << format_diagnostic(problem) << '\n';
  if (!loaded.ok()) return exit_invalid;

  std::vector<std::unique_ptr<evaluator>> evaluators;
  std::vector<check_run> runs;
  for (const auto& d : loaded.dossiers) {
    evaluators.push_back(std::make_unique<evaluator>(d, load.limits));
    runs.push_back(run_checks(d, *evaluators.back()));
  }
  check_status status = status_of(runs, vm.count("strict") > 0);
  if (status == check_status::invalid) {
    for (const auto& run : runs) {
      for (const auto& problem : run.problems) std::cerr << format_diagnostic(problem) << '\n';
    }
    return exit_invalid;
  }

  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  std::string text;
  switch (*format) {
    case report::output_format::markdown:
      text = report::check_report_markdown(runs);
      break;
    case report::output_format::json:
      text = report::check_report_json(runs);
      break;
    default:
      text = report::check_report_text(runs, {output.empty() && stdout_is_terminal()});
      break;
  }
  if (!emit(text, output, vm.count("force") > 0)) return exit_invalid;
  return status == check_status::unexpected ? exit_findings : exit_ok;
}

const command_registration registration{
    {"check", "run the checks of dossiers: outcomes, margins, claim verdicts", run_check}};

}  // namespace
}  // namespace claimcheck::tool
