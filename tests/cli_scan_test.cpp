// SPDX-License-Identifier: MIT
// Tests of `claimcheck scan` as users run it: exit codes, formats, bad
// input, --output that never overwrites, and the skeleton, which `check`
// must read back with the outcomes scan found.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

using claimcheck::test::read_file;
using claimcheck::test::run_output;
using claimcheck::test::run_tool;

// A folder of its own for each test, removed at the end.
struct scratch {
  fs::path folder;
  scratch() {
    folder = fs::temp_directory_path() / ("claimcheck_scan_" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
  }
  ~scratch() { fs::remove_all(folder); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(folder / name, std::ios::binary) << text;
    return (folder / name).string();
  }
};

const char* consistent_text = "Revenue rose 8% to $54 million from $50 million.\n";
const char* mixed_text =
    "Revenue rose 8% to $54 million from $50 million.\n"
    "Prices fell 20% from $125 to $75.\n"
    "The share rose from 10% to 13.5%, up 3.5 percentage points.\n"
    "Sales doubled from $2.0 million to $5.0 million.\n"
    "Of the 250 models, 83 were open source, or 33%.\n"
    "They sold 12, 15 and 18 million units, a total of 55 million.\n"
    "It used 1,024 GPUs for 30 days, about 737,000 GPU-hours.\n"
    "At $2 per GPU-hour, 10,000 GPU-hours cost $20,000.\n"
    "营收从120亿元增长到150亿元，增幅为25%。\n"
    "共有448台服务器，每台8张GPU，合计3854张GPU。\n";

}  // namespace

TEST_CASE("scan exits 0 when nothing fails, 1 when a relation fails, 2 on bad input") {
  scratch s;
  const std::string good = s.write("good.txt", consistent_text);
  const std::string mixed = s.write("mixed.txt", mixed_text);
  const std::string bad_utf8 = s.write("bad.txt", "Revenue rose \xff 8% to $54 million.\n");

  run_output r = run_tool("scan " + good);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "1 relation: 1 pass, 0 fail, 0 inconclusive\n");

  r = run_tool("scan " + mixed);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find(mixed + ":2:1: FAIL change from $125 to $75, stated -20%") == 0);
  CHECK(r.out.find("10 relations: 6 pass, 4 fail, 0 inconclusive") != std::string::npos);

  r = run_tool("scan " + s.folder.string() + "/missing.txt");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("error: [file.read]") != std::string::npos);
  r = run_tool("scan " + bad_utf8);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("[utf8.invalid]") != std::string::npos);
  r = run_tool("scan " + s.folder.string());
  CHECK(r.exit_code == 2);
  r = run_tool("scan " + good + " --format xml");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown --format 'xml'") != std::string::npos);
  r = run_tool("scan");
  CHECK(r.exit_code == 2);
  r = run_tool("scan " + good + " --skeleton --format jsonl");
  CHECK(r.exit_code == 2);
}

TEST_CASE("scan writes jsonl, json, sarif and github, with --all adding passes") {
  scratch s;
  const std::string mixed = s.write("mixed.txt", mixed_text);
  run_output r = run_tool("scan " + mixed + " --format jsonl");
  CHECK(r.exit_code == 1);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 4);
  r = run_tool("scan " + mixed + " --format jsonl --all");
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 10);
  r = run_tool("scan " + mixed + " --format json");
  CHECK(r.out.find("\"report\":\"scan\"") != std::string::npos);
  r = run_tool("scan " + mixed + " --format sarif");
  CHECK(r.out.find("\"ruleId\":\"scan.inconsistent\"") != std::string::npos);
  CHECK(r.out.find("\"id\":\"scan.inconsistent\"") != std::string::npos);
  r = run_tool("scan " + mixed + " --format github");
  CHECK(r.out.find("::error file=") == 0);
  CHECK(r.out.find("title=scan.inconsistent::") != std::string::npos);
}

TEST_CASE(
    "scan --skeleton writes a claim file that check reads back with scan's outcomes, and "
    "never overwrites without --force") {
  scratch s;
  const std::string mixed = s.write("mixed.txt", mixed_text);
  const std::string out = (s.folder / "scan-claims.json").string();
  run_output r = run_tool("scan " + mixed + " --skeleton --output " + out);
  CHECK(r.exit_code == 1);  // the exit follows the outcomes, as without --skeleton
  const std::string first = read_file(out);
  CHECK(first.find("\"derived\"") != std::string::npos);

  // Every relation becomes a check whose expect is scan's outcome, so the
  // dossier checks as expected: the same arithmetic, the same intervals.
  r = run_tool("check " + out);
  CAPTURE(r.out);
  CAPTURE(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("10 checks: 6 pass, 4 fail (as expected); 0 unexpected") != std::string::npos);

  r = run_tool("scan " + mixed + " --skeleton --output " + out);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("[file.exists]") != std::string::npos);
  CHECK(read_file(out) == first);
  const std::string good = s.write("good.txt", consistent_text);
  r = run_tool("scan " + good + " --skeleton --output " + out + " --force");
  CHECK(r.exit_code == 0);
  CHECK(read_file(out) != first);
}

TEST_CASE(
    "scan writes nothing when a later file is invalid: no --output file, no temporary file, "
    "nothing on stdout, exit 2, for every format") {
  scratch s;
  const std::string mixed = s.write("mixed.txt", mixed_text);
  const std::string bad_utf8 = s.write("bad.txt", "Revenue rose \xff 8% to $54 million.\n");
  const std::string out = (s.folder / "report.out").string();
  struct row {
    const char* options;
  };
  const std::vector<row> rows = {
      {""},
      {"--all"},
      {"--format jsonl"},
      {"--format jsonl --all"},
      {"--format json"},
      {"--format sarif --all"},
      {"--format github"},
      {"--skeleton"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.options);
    const std::string scan = "scan " + mixed + " " + bad_utf8 + " " + row.options;
    run_output r = run_tool(scan + " --output " + out);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("[utf8.invalid]") != std::string::npos);
    // Only the two texts: neither the report nor its temporary file.
    CHECK(std::distance(fs::directory_iterator(s.folder), fs::directory_iterator()) == 2);

    std::ofstream(out, std::ios::binary) << "kept";
    r = run_tool(scan + " --output " + out + " --force");
    CHECK(r.exit_code == 2);
    CHECK(read_file(out) == "kept");
    fs::remove(out);

    r = run_tool(scan);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
  }
}

// A report for standard output waits until every file proved valid, beyond
// its first block in an unnamed file in $TMPDIR (report_output, as for
// check): when that file cannot be made, scan says so, prints nothing and
// exits 2 rather than printing part of the report.
TEST_CASE("scan whose report cannot wait in $TMPDIR says so and prints nothing") {
  scratch s;
  std::string text;
  for (int k = 0; k < 400; ++k) text += mixed_text;  // 4000 relations, about 400 KB of text report
  const std::string many = s.write("many.txt", text);
  const std::string missing = (s.folder / "no-such-folder").string();
  run_output r = run_tool("scan " + many + " --all", {}, "TMPDIR=" + missing + " ");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == missing +
                     ": error: [file.write] cannot create the temporary file that holds the "
                     "report in '" +
                     missing +
                     "' (TMPDIR, else /tmp): No such file or directory; set TMPDIR to a writable "
                     "folder with room\n");
  // With a usable TMPDIR the report is printed whole: that of the default TMPDIR.
  r = run_tool("scan " + many + " --all", {}, "TMPDIR=" + s.folder.string() + " ");
  const run_output usual = run_tool("scan " + many + " --all");
  CHECK(r.exit_code == 1);
  CHECK(r.out.size() > (std::size_t{256} << 10));
  CHECK(r.out == usual.out);
}
