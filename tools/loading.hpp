// SPDX-License-Identifier: MIT
// What the commands that read claim files share: their PATHs, --root and
// --limit, and loading with every problem printed, so that each command
// says the same thing the same way.
#pragma once

#include <fstream>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "claimcheck/loader.hpp"
#include "claimcheck/report/sarif.hpp"

namespace claimcheck::tool {

// Adds `--limit NAME=VALUE` (repeatable; the names of input_limits) to
// `options`.
void add_limit_option(boost::program_options::options_description& options);

// Adds `--jobs N`: the threads that parse claim files and evaluate
// dossiers (default: the machine's, at most 8; 1 runs on one thread).
void add_jobs_option(boost::program_options::options_description& options);

// True when the command line has a PATH; otherwise prints
// "claimcheck NAME: error: no WHAT given" and the usage, and is false.
bool has_paths(const std::string& name, const std::string& what, const std::string& usage,
               const boost::program_options::variables_map& vm);

// The PATHs of the command line.
std::vector<std::filesystem::path> paths_of(const boost::program_options::variables_map& vm);

// The load_options of the command line: --root, --jobs, and every --limit
// in order (a later one wins). A --jobs of 0 is an error. A wrong --limit is printed as an error of
// command `name` ("claimcheck check: error: [limit.unknown] --limit 'x=1': ...") and gives nothing:
// the command exits 2.
std::optional<load_options> load_options_from(const std::string& name,
                                              const boost::program_options::variables_map& vm);

// The date reviews and pages show: --review-date (which must be a day),
// else SOURCE_DATE_EPOCH when it is set (reproducible-builds.org), else ""
// (each dossier's own date; never today's, so that output is reproducible).
// A bad date is printed as an error of command `name` and gives nothing.
std::optional<std::string> review_date_from(const std::string& name,
                                            const boost::program_options::variables_map& vm);

// Loads `paths` with `options` and prints every problem of loading to
// stderr, one line each (validate prints them itself, in its format).
load_result load_and_print(const std::vector<std::filesystem::path>& paths,
                           const load_options& options);

// Adds --min-level error|warning|note and --baseline FILE, which select the
// findings the CI formats (sarif, github) report.
void add_ci_filter_options(boost::program_options::options_description& options);

// The filter of the command line; nothing (after printing "claimcheck NAME:
// error: ...") when --min-level is not a level or the baseline cannot be read.
std::optional<report::finding_filter> ci_filter_from(
    const std::string& name, const boost::program_options::variables_map& vm);

// Prints "FILE: error: [file.read] WHY" to stderr.
void print_read_error(const std::string& file, const std::string& why);

// "64 MiB" for the default limit, the exact bytes for one set otherwise.
std::string size_in_words(std::size_t bytes);

// One input named on the command line: a file, or "-" for standard input,
// named "<stdin>" in records and messages. open() says whether it can be
// read, after printing a file.read error when it cannot.
//
// Example:
//   input_file input(path);
//   if (!input.open()) return exit_invalid;
//   scan(input.stream(), input.name());
class input_file {
 public:
  explicit input_file(const std::string& path);
  bool open();
  const std::string& name() const { return name_; }
  std::istream& stream() { return *in_; }

 private:
  std::string name_;
  std::ifstream opened_;
  std::istream* in_;
};

// The whole text at `path` ("-": standard input), at most `max_bytes` of it.
// Nothing, after printing a file.read error (`too_large_advice` ends the one
// for a text over the limit), when it cannot be opened, read, or is larger.
std::optional<std::string> read_whole_text(const std::string& path, std::size_t max_bytes,
                                           const std::string& too_large_advice = "");

}  // namespace claimcheck::tool
