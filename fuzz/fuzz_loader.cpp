// SPDX-License-Identifier: MIT
// Fuzz target: a claim file of any bytes loads to a model or to located
// diagnostics, never a crash or a hang; whatever loads also evaluates, runs
// its checks, its trends and its coverage without a crash. The input is
// written as claims.json in a fresh dossier folder (beside the waic-2023
// article as article.txt, which a `document` may name) and loaded with
// load_paths, as the tool does.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "claimcheck/checks.hpp"
#include "claimcheck/coverage.hpp"
#include "claimcheck/evaluate.hpp"
#include "claimcheck/loader.hpp"
#include "claimcheck/trends.hpp"

namespace fs = std::filesystem;

namespace {

// One temporary claims root per process, removed at exit: the fuzzed
// dossier d/ (with the real article as article.txt) and a dossier other/
// that an input may import.
struct scratch_root {
  fs::path root;
  fs::path dossier;

  scratch_root() {
    std::string pattern = (fs::temp_directory_path() / "claimcheck-fuzz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    root = pattern;
    dossier = root / "d";
    fs::create_directories(dossier);
    fs::create_directories(root / "other");
    fs::copy_file(CLAIMCHECK_FUZZ_ARTICLE, dossier / "article.txt");
    std::ofstream(root / "other" / "facts.json")
        << R"({"claimcheck": 1, "sources": [{"id": "s", "kind": "primary"}],)"
           R"( "facts": [{"id": "f.x", "value": 2, "unit": "GPU", "sources": ["s"]}]})";
  }
  ~scratch_root() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  scratch_root(const scratch_root&) = delete;
  scratch_root& operator=(const scratch_root&) = delete;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const scratch_root scratch;
  {
    std::ofstream out(scratch.dossier / "claims.json", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  claimcheck::load_options options;
  options.root = scratch.root;
  auto loaded = claimcheck::load_paths({scratch.dossier}, options);
  for (const auto& d : loaded.problems) {
    if (d.code.empty()) throw std::logic_error("a diagnostic without a code");
    if (d.message.empty()) throw std::logic_error("a diagnostic without a message: " + d.code);
  }
  if (!loaded.ok()) return 0;
  for (const auto& d : loaded.dossiers) {
    claimcheck::evaluator ev(d, options.limits);
    ev.evaluate_all();
    (void)claimcheck::run_checks(d, ev);
    (void)claimcheck::built_in_rules(d);
    if (d.document) (void)claimcheck::compute_coverage(d);
  }
  (void)claimcheck::compute_trends(loaded.dossiers, {}, options.limits);
  return 0;
}
