// SPDX-License-Identifier: MIT
// The bash completion (scripts/claimcheck-completion.bash) knows every
// option each command's --help lists, and no option the command lacks.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

std::string command_output(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

// "--root", "-o", ... of the option lines of `claimcheck NAME --help`.
std::set<std::string> help_options(const std::string& name) {
  std::istringstream help(command_output(std::string(CLAIMCHECK_BINARY) + " " + name + " --help"));
  std::set<std::string> options;
  // Boost writes "  --root arg", "  -o [ --output ] arg", "  -h [ --help ]".
  const std::regex option_line(R"(^  (?:(-[a-z]) \[ )?(--[a-z-]+))");
  for (std::string line; std::getline(help, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, option_line)) continue;
    options.insert(m[2]);
    if (m[1].matched) options.insert(m[1]);
  }
  options.erase("--path");  // the positional PATHs
  return options;
}

// The options the completion offers after `claimcheck NAME`.
std::set<std::string> completion_options(const std::string& name) {
  std::ifstream in(std::string(CLAIMCHECK_SOURCE_DIR) + "/scripts/claimcheck-completion.bash");
  const std::regex entry("^ *" + name + R"(\) options="([^"]*)\")");
  std::set<std::string> options;
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, entry)) continue;
    std::istringstream words(m[1].str());
    for (std::string w; words >> w;) options.insert(w);
  }
  return options;
}

}  // namespace

TEST_CASE("The bash completion offers exactly the options of each command's --help") {
  for (const char* name :
       {"validate", "check", "explain", "derive", "trend", "extract", "coverage", "report"}) {
    CAPTURE(name);
    const std::set<std::string> help = help_options(name);
    REQUIRE(help.size() > 3);
    CHECK(completion_options(name) == help);
  }
}
