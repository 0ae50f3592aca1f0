// SPDX-License-Identifier: MIT
// The subcommands of `claimcheck`. Each cmd_<name>.cpp registers one with a
// static `command_registration`, so adding a command touches no other file.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

namespace claimcheck::tool {

// Exit codes of the spec: 0 valid and as expected, 1 a check differs from its
// `expect`, 2 invalid input or usage.
constexpr int exit_ok = 0;
constexpr int exit_findings = 1;
constexpr int exit_invalid = 2;

struct command {
  std::string name;
  std::string summary;  // one line for `claimcheck --help`
  // Runs with the arguments after the command name; returns the exit code.
  std::function<int(const std::vector<std::string>& args)> run;
};

std::vector<command>& command_table();

struct command_registration {
  explicit command_registration(command c) { command_table().push_back(std::move(c)); }
};

// Parses `args` with `options` and the positional `paths` (name "path"),
// handling --help (prints usage, the options and `examples`). Returns false
// and sets `exit_code` when the command should stop (help shown or a usage
// error, which is printed as "claimcheck NAME: error: ...").
bool parse_command_line(const std::string& name, const std::string& usage,
                        const std::string& examples,
                        boost::program_options::options_description& options,
                        const std::vector<std::string>& args,
                        boost::program_options::variables_map& vm, int& exit_code);

// Writes text to stdout, or atomically to `output_file` when not empty
// (refusing to replace a file unless `force`). Returns false on failure,
// after printing the diagnostic to stderr.
bool emit(const std::string& text, const std::string& output_file, bool force);

// Adds --color auto|always|never (text output).
void add_colour_option(boost::program_options::options_description& options);

// Whether to colour text going to stdout, after --color: `always` and
// `never` decide; `auto` (the default) colours only a terminal, and not when
// NO_COLOR is set to a non-empty value (https://no-color.org: an empty
// NO_COLOR counts as unset). Text written to a file (`to_file`) is never
// coloured. Nothing, after printing the error, when --color has another value.
std::optional<bool> colour_from(const std::string& name,
                                const boost::program_options::variables_map& vm, bool to_file);

}  // namespace claimcheck::tool
