// SPDX-License-Identifier: MIT
#include "loading.hpp"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

#include "claimcheck/limits.hpp"
#include "claimcheck/report/claimreview.hpp"

namespace po = boost::program_options;

namespace claimcheck::tool {
namespace {

// More threads than this only cost memory: a folder has a few claim files.
constexpr unsigned max_jobs = 256;

}  // namespace

void add_limit_option(po::options_description& options) {
  options.add_options()("limit", po::value<std::vector<std::string>>()->value_name("NAME=VALUE"),
                        "raise or lower one input limit, e.g. max_json_depth=128 or "
                        "max_file_bytes=256M (repeatable; see docs/limits.md)");
}

void add_jobs_option(po::options_description& options) {
  // Read as text: Boost reads "-1" into an unsigned as 4294967295.
  options.add_options()("jobs,j", po::value<std::string>()->value_name("N"),
                        "threads for parsing claim files and checking dossiers (default: the "
                        "machine's, at most 8); the output does not depend on it");
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
  if (vm.count("jobs")) {
    const std::string text = vm["jobs"].as<std::string>();
    unsigned threads = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), threads);
    if (error != std::errc() || end != text.data() + text.size() || threads < 1 ||
        threads > max_jobs) {
      std::cerr << "claimcheck " << name << ": error: --jobs '" << text
                << "' is not a number of threads from 1 to " << max_jobs << '\n';
      return std::nullopt;
    }
    load.threads = threads;
  }
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

void add_ci_filter_options(po::options_description& options) {
  options.add_options()("min-level", po::value<std::string>()->value_name("LEVEL"),
                        "sarif, github: report only findings of LEVEL or more severe: error, "
                        "warning or note (default: note, every finding)")(
      "baseline", po::value<std::string>()->value_name("FILE"),
      "sarif, github: leave out the findings FILE already has (a SARIF log of an earlier run, or "
      "one fingerprint a line): only new findings are reported");
}

std::optional<report::finding_filter> ci_filter_from(const std::string& name,
                                                     const po::variables_map& vm) {
  report::finding_filter filter;
  if (vm.count("min-level")) {
    const std::string level = vm["min-level"].as<std::string>();
    if (level == "error") {
      filter.min_level = severity::error;
    } else if (level == "warning") {
      filter.min_level = severity::warning;
    } else if (level == "note") {
      filter.min_level = severity::note;
    } else {
      std::cerr << "claimcheck " << name << ": error: --min-level '" << level
                << "' is not a level; use error, warning or note\n";
      return std::nullopt;
    }
  }
  if (vm.count("baseline")) {
    const std::string path = vm["baseline"].as<std::string>();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << path << ": error: [file.read] the baseline cannot be read\n";
      return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    auto prints = report::read_baseline(text.str());
    if (!prints) {
      std::cerr << path << ": error: [" << prints.error().code << "] " << prints.error().message
                << '\n';
      return std::nullopt;
    }
    filter.baseline = std::move(*prints);
  }
  return filter;
}

load_result load_and_print(const std::vector<std::filesystem::path>& paths,
                           const load_options& options) {
  load_result loaded = load_paths(paths, options);
  for (const auto& problem : loaded.problems) std::cerr << format_diagnostic(problem) << '\n';
  return loaded;
}

std::optional<std::string> review_date_from(const std::string& name, const po::variables_map& vm) {
  if (vm.count("review-date")) {
    const std::string date = vm["review-date"].as<std::string>();
    auto parsed = parse_partial_date(date);
    if (!parsed || parsed->day == 0) {
      std::cerr << "claimcheck " << name << ": error: --review-date '" << date
                << "' is not a day; write YYYY-MM-DD\n";
      return std::nullopt;
    }
    return date;
  }
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  if (epoch == nullptr) return std::string();
  auto date = report::date_of_epoch(epoch);
  if (!date) {
    std::cerr << "claimcheck " << name << ": error: SOURCE_DATE_EPOCH '" << epoch
              << "' is not a count of seconds since 1970-01-01 UTC\n";
  }
  return date;
}

void print_read_error(const std::string& file, const std::string& why) {
  diagnostic d;
  d.code = "file.read";
  d.where.file = file;
  d.message = why;
  std::cerr << format_diagnostic(d) << '\n';
}

std::string size_in_words(std::size_t bytes) {
  const std::size_t mib = std::size_t{1} << 20;
  return bytes % mib == 0 ? std::to_string(bytes / mib) + " MiB" : std::to_string(bytes) + " bytes";
}

input_file::input_file(const std::string& path)
    : name_(path == "-" ? "<stdin>" : path), in_(path == "-" ? &std::cin : &opened_) {
  if (path != "-") opened_.open(path, std::ios::binary);
}

bool input_file::open() {
  if (*in_) return true;
  print_read_error(name_, "cannot open the file");
  return false;
}

std::optional<std::string> read_whole_text(const std::string& path, std::size_t max_bytes,
                                           const std::string& too_large_advice) {
  input_file input(path);
  if (!input.open()) return std::nullopt;
  std::istream& in = input.stream();
  const std::string& name = input.name();
  // Read at most one buffer beyond the limit: /dev/zero has no end.
  std::string text;
  std::string buffer(1 << 16, '\0');
  while (in && text.size() <= max_bytes) {
    in.read(&buffer[0], static_cast<std::streamsize>(buffer.size()));
    text.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    print_read_error(name, "reading the file failed");
    return std::nullopt;
  }
  if (text.size() > max_bytes) {
    print_read_error(name, "the file is larger than " + size_in_words(max_bytes) +
                               " (max_file_bytes)" + too_large_advice);
    return std::nullopt;
  }
  return text;
}

}  // namespace claimcheck::tool
