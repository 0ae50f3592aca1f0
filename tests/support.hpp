// SPDX-License-Identifier: MIT
// What several test programs need and once each copied: a temporary folder,
// writing and reading files, and running the built command with its output
// captured. Header-only: each test program is one translation unit.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

namespace claimcheck::test {

namespace fs = std::filesystem;

// A folder of its own under the system's temp folder, removed (with what
// it holds, read-only parts too) when the test ends.
struct temp_folder {
  fs::path path;
  temp_folder() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() /
           ("claimcheck_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~temp_folder() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path, ec);
  }
  temp_folder(const temp_folder&) = delete;
  temp_folder& operator=(const temp_folder&) = delete;
};

// An environment variable set (or unset, for nullptr) for the tool and the
// library alike, restored when the test ends.
struct environment_setting {
  std::string name;
  std::optional<std::string> saved;
  environment_setting(const char* variable, const char* value) : name(variable) {
    if (const char* old = std::getenv(variable)) saved = old;
    if (value != nullptr) {
      ::setenv(variable, value, 1);
    } else {
      ::unsetenv(variable);
    }
  }
  ~environment_setting() {
    if (saved) {
      ::setenv(name.c_str(), saved->c_str(), 1);
    } else {
      ::unsetenv(name.c_str());
    }
  }
  environment_setting(const environment_setting&) = delete;
  environment_setting& operator=(const environment_setting&) = delete;
};

// Every entry of a folder, by file name.
inline std::vector<std::string> folder_entries(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(folder))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Writes `text` to `path`, making its folders.
inline void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// Paths as the arguments of a command line, each followed by a space.
inline std::string as_arguments(const std::vector<std::string>& paths) {
  std::string out;
  for (const auto& p : paths) out += p + " ";
  return out;
}

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

#ifdef CLAIMCHECK_BINARY
struct run_output {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the built command with `arguments` (in `folder` when given, so that
// the paths it reports are short and stable), stdout and stderr in files.
// Paths in the tests hold no spaces, so the shell command needs no quoting.
// `shell_prefix`: run before the tool in the same shell command, such as
// environment settings ("TMPDIR=/missing ") or limits ("ulimit -f 64; ").
inline run_output run_tool(const std::string& arguments, const fs::path& folder = {},
                           const std::string& shell_prefix = "") {
  static std::atomic<int> counter{0};
  const std::string stem =
      "claimcheck_run_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  const fs::path out = fs::temp_directory_path() / (stem + ".out");
  const fs::path err = fs::temp_directory_path() / (stem + ".err");
  std::string command = folder.empty() ? std::string() : "cd " + folder.string() + " && ";
  command += shell_prefix + std::string(CLAIMCHECK_BINARY) + " " + arguments + " >" + out.string() +
             " 2>" + err.string();
  const int status = std::system(command.c_str());
  run_output result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(out);
  result.err = read_file(err);
  fs::remove(out);
  fs::remove(err);
  return result;
}
#endif

}  // namespace claimcheck::test
