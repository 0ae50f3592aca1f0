#include "loading.hpp"

#include <iostream>

#include "claimcheck/limits.hpp"

namespace po = boost::program_options;

namespace claimcheck::tool {

void add_limit_option(po::options_description& options) {
  options.add_options()("limit", po::value<std::vector<std::string>>()->value_name("NAME=VALUE"),
                        "raise or lower one input limit, e.g. max_json_depth=128 or "
                        "max_file_bytes=256M (repeatable; see docs/limits.md)");
}

bool has_paths(const std::string& name, const std::string& what, const std::string& usage,
               const po::variables_map& vm) {
  if (vm.count("path")) return true;
  std::cerr << "claimcheck " << name << ": error: no " << what << " given\nusage: " << usage
            << '\n';
  return false;
}

std::vector<std::filesystem::path> paths_of(const po::variables_map& vm) {
  std::vector<std::filesystem::path> paths;
  if (!vm.count("path")) return paths;
  for (const auto& p : vm["path"].as<std::vector<std::string>>()) paths.emplace_back(p);
  return paths;
}

std::optional<load_options> load_options_from(const std::string& name,
                                              const po::variables_map& vm) {
  load_options load;
  if (vm.count("root")) load.root = vm["root"].as<std::string>();
  if (!vm.count("limit")) return load;
  for (const auto& setting : vm["limit"].as<std::vector<std::string>>()) {
    if (auto error = parse_limit_setting(setting, load.limits)) {
      std::cerr << "claimcheck " << name << ": error: [" << error->code << "] --limit '" << setting
                << "': " << error->message << '\n';
      return std::nullopt;
    }
  }
  return load;
}

load_result load_and_print(const std::vector<std::filesystem::path>& paths,
                           const load_options& options) {
  load_result loaded = load_paths(paths, options);
  for (const auto& problem : loaded.problems) std::cerr << format_diagnostic(problem) << '\n';
  return loaded;
}

}  // namespace claimcheck::tool
