// SPDX-License-Identifier: MIT
// The license: LICENSE is the MIT License the README states, and every
// source, header, build file and script of the project says so in an SPDX
// line near its top (issue 15), so that a file copied out of the tree keeps
// its license.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const std::string spdx = "SPDX-License-Identifier: MIT";

// The first `count` lines of a file.
std::string head_of(const fs::path& path, int count) {
  std::ifstream in(path, std::ios::binary);
  std::string text, line;
  for (int i = 0; i < count && std::getline(in, line); ++i) text += line + "\n";
  return text;
}

bool has_extension(const fs::path& path, std::initializer_list<const char*> extensions) {
  const std::string name = path.filename().string();
  for (const char* e : extensions) {
    const std::string ending(e);
    if (name.size() >= ending.size() &&
        name.compare(name.size() - ending.size(), ending.size(), ending) == 0)
      return true;
  }
  return false;
}

// Sources, headers and build files under `folder` (not its data, seeds or
// caches), and the scripts directly in scripts/ and .ci/.
std::vector<fs::path> project_files(const fs::path& root) {
  std::vector<fs::path> files = {root / "CMakeLists.txt"};
  const std::set<std::string> skipped = {"seeds", "__pycache__", "data"};
  for (const char* folder : {"core", "tools", "tests", "bench", "fuzz", "python", "cmake"}) {
    fs::recursive_directory_iterator it(root / folder), end;
    for (; it != end; ++it) {
      if (it->is_directory() && skipped.count(it->path().filename().string())) {
        it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file()) continue;
      const fs::path& p = it->path();
      if (has_extension(p, {".cpp", ".hpp", ".h", ".py", ".cmake", ".cmake.in"}) ||
          p.filename() == "CMakeLists.txt")
        files.push_back(p);
    }
  }
  // The one source project among the test data: the consumer of the package.
  for (const char* name : {"CMakeLists.txt", "main.cpp"})
    files.push_back(root / "tests" / "data" / "ecosystem" / "consumer" / name);
  for (const char* folder : {"scripts", ".ci"}) {
    for (const auto& entry : fs::directory_iterator(root / folder)) {
      if (!entry.is_regular_file()) continue;
      if (head_of(entry.path(), 1).rfind("#!", 0) == 0 ||
          has_extension(entry.path(), {".bash", ".py", ".sh"}))
        files.push_back(entry.path());
    }
  }
  return files;
}

}  // namespace

TEST_CASE("LICENSE is the MIT License the README names") {
  const fs::path root(CLAIMCHECK_SOURCE_DIR);
  CHECK(head_of(root / "LICENSE", 1) == "MIT License\n");
  std::ifstream readme(root / "README.md");
  std::stringstream text;
  text << readme.rdbuf();
  CHECK(text.str().find("MIT License") != std::string::npos);
}

TEST_CASE("Every source, header, build file and script carries an SPDX line") {
  const fs::path root(CLAIMCHECK_SOURCE_DIR);
  const std::vector<fs::path> files = project_files(root);
  CHECK(files.size() > 150);
  std::string without;
  for (const auto& file : files) {
    // Line 1, or line 2 after a #! line.
    if (head_of(file, 2).find(spdx) == std::string::npos)
      without += "\n  " + fs::relative(file, root).generic_string();
  }
  INFO("files without '" << spdx << "' in their first two lines:" << without);
  CHECK(without.empty());
}
