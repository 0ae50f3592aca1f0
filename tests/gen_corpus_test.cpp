// SPDX-License-Identifier: MIT
// scripts/gen-corpus, the benchmark's corpus generator: its figure draws (kept
// in Fenwick trees so that a dossier of 100k records takes seconds, not hours)
// equal plain filtering, a corpus is the same bytes each time, and `check`
// decides every generated check as its `expect` says (exit 0). How fast it is
// belongs to scripts/bench, not here.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "support.hpp"

namespace {

using namespace claimcheck::test;

struct command_result {
  int exit_code = -1;
  std::string out;
};

command_result run_shell(const std::string& command) {
  command_result result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    result.out.append(buffer, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

bool have_python() {
  return std::system("python3 -c '' > /dev/null 2>&1") == 0;
}

const std::string generator = std::string(CLAIMCHECK_SOURCE_DIR) + "/scripts/gen-corpus";

std::vector<fs::path> files_under(const fs::path& root) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), root));
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("gen-corpus: the marked sequences it draws from equal the filtered lists they replace") {
  if (!have_python()) {
    WARN("python3 is not installed: gen-corpus cannot run");
    SUCCEED();
    return;
  }
  const command_result run = run_shell("python3 " + generator + " --self-test");
  INFO(run.out);
  CHECK(run.exit_code == 0);
  CHECK(run.out.rfind("ok: ", 0) == 0);
}

TEST_CASE(
    "gen-corpus: the same arguments give the same bytes, and check decides every check as "
    "expected") {
  if (!have_python()) {
    WARN("python3 is not installed: gen-corpus cannot run");
    SUCCEED();
    return;
  }
  temp_folder tmp;
  // Two dossiers of different sizes, one of them larger than the default, with the growth figure.
  for (const char* name : {"a", "b"}) {
    const command_result made =
        run_shell("python3 " + generator + " 1700 " + (tmp.path / name).string() +
                  " --per-dossier 800 --with-growth --seed 9");
    INFO(made.out);
    REQUIRE(made.exit_code == 0);
  }
  const std::vector<fs::path> files = files_under(tmp.path / "a");
  CHECK(files.size() == 2 * 9);  // eight claim files and the article per dossier
  CHECK(files == files_under(tmp.path / "b"));
  for (const fs::path& file : files) {
    INFO(file.string());
    CHECK(read_file(tmp.path / "a" / file) == read_file(tmp.path / "b" / file));
  }
  const run_output checked = run_tool("check a/d0000 a/d0001", tmp.path);
  INFO(checked.err);
  CHECK(checked.exit_code == 0);
  CHECK(checked.out.find("0 unexpected") != std::string::npos);
}
