// SPDX-License-Identifier: MIT
// claimcheck: fact-check the numbers of a published text from claim files.
// This file only dispatches to a subcommand; see cmd_*.cpp.
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>

#include "claimcheck/atomic_file.hpp"
#include "command.hpp"

namespace po = boost::program_options;

namespace claimcheck::tool {

std::vector<command>& command_table() {
  static std::vector<command> table;
  return table;
}

void add_colour_option(po::options_description& options) {
  options.add_options()("color", po::value<std::string>()->value_name("WHEN"),
                        "colour the text: auto (a terminal, unless NO_COLOR is set and not "
                        "empty), always or never (default: auto)");
}

std::optional<bool> colour_from(const std::string& name, const po::variables_map& vm,
                                bool to_file) {
  const std::string when = vm.count("color") ? vm["color"].as<std::string>() : "auto";
  if (when == "always") return !to_file;
  if (when == "never") return false;
  if (when != "auto") {
    std::cerr << "claimcheck " << name << ": error: --color '" << when
              << "' is not a choice; use auto, always or never\n";
    return std::nullopt;
  }
  const char* no_color = std::getenv("NO_COLOR");
  return !to_file && ::isatty(STDOUT_FILENO) == 1 && (no_color == nullptr || *no_color == '\0');
}

namespace {

// The options that name a file to write. An empty name is refused (it would
// otherwise mean "standard output" silently), and so is one file named by
// two of them: the second write would replace or refuse the first.
bool output_files_ok(const std::string& name, const po::variables_map& vm) {
  std::vector<std::pair<std::string, std::filesystem::path>> named;
  for (const char* option : {"output", "svg", "html"}) {
    if (!vm.count(option)) continue;
    const std::string file = vm[option].as<std::string>();
    if (file.empty()) {
      std::cerr << "claimcheck " << name << ": error: --" << option
                << " names no file (an empty name); give a file name"
                << (std::string(option) == "output" ? ", or leave --output out for stdout" : "")
                << '\n';
      return false;
    }
    if (file == "-") continue;
    std::error_code ec;
    std::filesystem::path resolved = std::filesystem::weakly_canonical(file, ec);
    if (ec) resolved = std::filesystem::absolute(file, ec).lexically_normal();
    for (const auto& [other, path] : named) {
      if (path == resolved) {
        std::cerr << "claimcheck " << name << ": error: --" << other << " and --" << option
                  << " name the same file '" << file << "'; give each its own file\n";
        return false;
      }
    }
    named.emplace_back(option, resolved);
  }
  return true;
}

}  // namespace

bool emit(const std::string& text, const std::string& output_file, bool force) {
  if (output_file.empty() || output_file == "-") {
    std::cout << text;
    std::cout.flush();
    return true;
  }
  if (auto problem = write_file_atomically(output_file, text, write_options{force})) {
    std::cerr << format_diagnostic(*problem) << '\n';
    return false;
  }
  return true;
}

bool parse_command_line(const std::string& name, const std::string& usage,
                        const std::string& examples, po::options_description& options,
                        const std::vector<std::string>& args, po::variables_map& vm,
                        int& exit_code) {
  options.add_options()("help,h", "show this help");
  po::positional_options_description positional;
  positional.add("path", -1);
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "claimcheck " << name << ": error: " << e.what() << "\n"
              << "usage: " << usage << "\n(try 'claimcheck " << name << " --help')\n";
    exit_code = exit_invalid;
    return false;
  }
  if (vm.count("help")) {
    std::cout << "usage: " << usage << "\n\n" << options << "\nexamples:\n" << examples;
    exit_code = exit_ok;
    return false;
  }
  if (!output_files_ok(name, vm)) {
    exit_code = exit_invalid;
    return false;
  }
  return true;
}

}  // namespace claimcheck::tool

namespace {

void print_usage(std::ostream& out) {
  using claimcheck::tool::command_table;
  auto commands = command_table();
  std::sort(commands.begin(), commands.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  out << "usage: claimcheck COMMAND [OPTIONS] PATH...\n\n"
         "Fact-checks the numbers of a published text from claim files\n"
         "(see docs/claim-format.md).\n\ncommands:\n";
  for (const auto& c : commands) {
    out << "  " << c.name << std::string(c.name.size() < 10 ? 10 - c.name.size() : 1, ' ')
        << c.summary << '\n';
  }
  out << "\nexamples:\n"
         "  claimcheck validate claims/\n"
         "  claimcheck check claims/waic-2023\n\n"
         "'claimcheck COMMAND --help' shows a command's options.\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace claimcheck::tool;
  // A closed pipe (`claimcheck extract big.txt | head`) ends the program
  // quietly through EPIPE on write instead of a signal.
  std::signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    print_usage(std::cerr);
    return exit_invalid;
  }
  const std::string& first = args.front();
  if (first == "--help" || first == "-h" || first == "help") {
    print_usage(std::cout);
    return exit_ok;
  }
  if (first == "--version") {
    std::cout << "claimcheck " << CLAIMCHECK_VERSION << " (claim format 1)\n";
    return exit_ok;
  }
  for (const auto& c : command_table()) {
    if (c.name != first) continue;
    try {
      int code = c.run(std::vector<std::string>(args.begin() + 1, args.end()));
      // errno still holds the cause of the first failed write: nothing
      // between that write and here touches it.
      std::cout.flush();
      if (std::cout.good() || errno == EPIPE) return code;
      // A full disk or a device that refuses (`> /dev/full`): say so; a
      // closed pipe (EPIPE) ends quietly, as any filter does.
      const int cause = errno;
      std::cerr << "claimcheck: error: cannot write to standard output"
                << (cause != 0 ? std::string(": ") + std::strerror(cause) : std::string()) << '\n';
      return exit_invalid;
    } catch (const std::exception& e) {
      // Only a broken invariant reaches here; bad input is a diagnostic.
      std::cerr << "claimcheck: internal error: " << e.what() << '\n';
      return 3;
    }
  }
  std::cerr << "claimcheck: error: unknown command '" << first << "'\n";
  print_usage(std::cerr);
  return exit_invalid;
}
