// SPDX-License-Identifier: MIT
// Nothing lost: write_file_atomically refuses to overwrite without force,
// replaces with force, leaves no temporary file behind when it fails, and a
// writer killed in the middle of a write leaves the old file intact.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "claimcheck/atomic_file.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace claimcheck;

namespace {

using claimcheck::test::folder_entries;
using claimcheck::test::temp_folder;

void write_plain(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// Runs `test` in a child whose files may not grow beyond 64 KiB, so that
// write() fails half-way with EFBIG as on a full disk (SIGXFSZ ignored:
// the call returns instead of killing the process). The child's exit
// status: 0 when `test` held, 1 when not, 10 when the limit could not be set.
template <class Test>
int with_file_size_limit(const Test& test) {
  pid_t child = ::fork();
  if (child < 0) return -1;
  if (child == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit {};
    limit.rlim_cur = limit.rlim_max = 64 << 10;
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(10);
    ::_exit(test() ? 0 : 1);
  }
  int status = 0;
  if (::waitpid(child, &status, 0) != child || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("a new file is written whole and gets the usual permissions") {
  temp_folder folder;
  const fs::path target = folder.path / "chart.svg";
  auto problem = write_file_atomically(target, "<svg/>\n", {});
  REQUIRE_FALSE(problem);
  CHECK(read(target) == "<svg/>\n");
  CHECK(folder_entries(folder.path) == std::vector<std::string>{"chart.svg"});
  // mkstemp makes 0600 files; the written file follows the umask instead.
  mode_t mask = ::umask(0);
  ::umask(mask);
  struct stat info {};
  REQUIRE(::stat(target.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == (0666 & ~mask));
}

TEST_CASE("an existing file is never overwritten without force") {
  temp_folder folder;
  const fs::path target = folder.path / "report.md";
  write_plain(target, "the user's own notes\n");
  auto problem = write_file_atomically(target, "generated\n", {});
  REQUIRE(problem);
  CHECK(problem->code == "file.exists");
  CHECK(problem->message.find("--force") != std::string::npos);
  CHECK(read(target) == "the user's own notes\n");
  CHECK(folder_entries(folder.path) == std::vector<std::string>{"report.md"});
}

TEST_CASE("a symbolic link at the target counts as an existing file") {
  temp_folder folder;
  const fs::path elsewhere = folder.path / "precious.txt";
  write_plain(elsewhere, "keep me\n");
  const fs::path target = folder.path / "out.txt";
  fs::create_symlink(elsewhere, target);
  auto problem = write_file_atomically(target, "generated\n", {});
  REQUIRE(problem);
  CHECK(problem->code == "file.exists");
  CHECK(read(elsewhere) == "keep me\n");
  // A dangling link too: writing through it could create a file anywhere.
  fs::remove(elsewhere);
  problem = write_file_atomically(target, "generated\n", {});
  REQUIRE(problem);
  CHECK(problem->code == "file.exists");
  CHECK_FALSE(fs::exists(elsewhere));
}

TEST_CASE("force replaces an existing file whole") {
  temp_folder folder;
  const fs::path target = folder.path / "report.md";
  write_plain(target, "old\n");
  auto problem = write_file_atomically(target, "new and longer\n", {/*force=*/true});
  REQUIRE_FALSE(problem);
  CHECK(read(target) == "new and longer\n");
  CHECK(folder_entries(folder.path) == std::vector<std::string>{"report.md"});
}

TEST_CASE("force replaces a symbolic link itself, not the file it points to") {
  temp_folder folder;
  const fs::path elsewhere = folder.path / "precious.txt";
  write_plain(elsewhere, "keep me\n");
  const fs::path target = folder.path / "out.txt";
  fs::create_symlink(elsewhere, target);
  REQUIRE_FALSE(write_file_atomically(target, "generated\n", {/*force=*/true}));
  CHECK_FALSE(fs::is_symlink(target));
  CHECK(read(target) == "generated\n");
  CHECK(read(elsewhere) == "keep me\n");
}

TEST_CASE("a failed write leaves no temporary file and the target untouched") {
  if (::geteuid() == 0) {
    // root ignores permission bits; the folder-is-a-file case below still runs.
    WARN("running as root: the read-only folder case is skipped");
  } else {
    temp_folder folder;
    const fs::path target = folder.path / "report.md";
    write_plain(target, "old\n");
    fs::permissions(folder.path, fs::perms::owner_read | fs::perms::owner_exec);
    auto problem = write_file_atomically(target, "new\n", {/*force=*/true});
    fs::permissions(folder.path, fs::perms::owner_all);
    REQUIRE(problem);
    CHECK(problem->code == "file.write");
    CHECK(read(target) == "old\n");
    CHECK(folder_entries(folder.path) == std::vector<std::string>{"report.md"});
  }
  {
    // The target's name is taken by a folder: the rename fails after the
    // temporary file was written, and the temporary file must go.
    temp_folder folder;
    const fs::path target = folder.path / "report";
    fs::create_directories(target / "inside");
    auto problem = write_file_atomically(target, "new\n", {/*force=*/true});
    REQUIRE(problem);
    CHECK(problem->code == "file.write");
    CHECK(fs::is_directory(target / "inside"));
    CHECK(folder_entries(folder.path) == std::vector<std::string>{"report"});
  }
  {
    // The parent folder does not exist.
    temp_folder folder;
    auto problem = write_file_atomically(folder.path / "missing" / "x.txt", "new\n", {});
    REQUIRE(problem);
    CHECK(problem->code == "file.write");
    CHECK(folder_entries(folder.path).empty());
  }
}

// Both ways of writing: whole, and piece by piece (the failure is then
// remembered and reported by commit).
TEST_CASE("a write cut short by a full disk fails and removes its temporary file") {
  for (const bool streamed : {false, true}) {
    INFO((streamed ? "piece by piece" : "whole"));
    temp_folder folder;
    const fs::path target = folder.path / "big.json";
    write_plain(target, "old\n");
    CHECK(with_file_size_limit([&] {
            std::optional<diagnostic> problem;
            if (streamed) {
              atomic_file_writer out(target, {/*force=*/true});
              for (int i = 0; i < 64; ++i) out.write(std::string(16 << 10, 'x'));
              problem = out.commit();
            } else {
              problem = write_file_atomically(target, std::string(1 << 20, 'x'), {/*force=*/true});
            }
            return problem && problem->code == "file.write" &&
                   problem->message.find("File too large") != std::string::npos;
          }) == 0);
    CHECK(read(target) == "old\n");
    CHECK(folder_entries(folder.path) == std::vector<std::string>{"big.json"});
  }
}

TEST_CASE("a writer killed in the middle of a write leaves the old file intact") {
  temp_folder folder;
  const fs::path target = folder.path / "big.json";
  const std::string old_content = "{\"old\": true}\n";
  write_plain(target, old_content);

  // A child writes 128 MiB through write_file_atomically and is killed with
  // SIGKILL as soon as its temporary file exists (writing and flushing that
  // much takes far longer than the parent's next look): no cleanup code of
  // ours runs, exactly like a crash of the process.
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::string big(std::size_t{128} << 20, 'x');
    auto problem = write_file_atomically(target, big, {/*force=*/true});
    ::_exit(problem ? 1 : 0);
  }
  // Started when the child has a file of the folder open (an unnamed
  // O_TMPFILE shows in /proc as "FOLDER/#inode (deleted)").
  bool started = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  const fs::path fds = fs::path("/proc") / std::to_string(child) / "fd";
  while (!started && std::chrono::steady_clock::now() < deadline) {
    std::error_code ec;
    for (fs::directory_iterator it(fds, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code link_ec;
      const std::string target = fs::read_symlink(it->path(), link_ec).string();
      if (target.rfind(folder.path.string() + "/", 0) == 0) started = true;
    }
    if (!started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ::kill(child, SIGKILL);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(started);
  // Killed, not finished: the test is only meaningful if the write was cut.
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);

  CHECK(read(target) == old_content);
  // A half-written temporary file is never visible where the file system
  // has O_TMPFILE; elsewhere one may remain until the next write of the
  // same target removes it (issue 14: a hidden 14 MB file was left).
  for (const auto& name : folder_entries(folder.path)) {
    if (name == "big.json") continue;
    CHECK(name.rfind(".big.json.tmp-", 0) == 0);
  }
  REQUIRE_FALSE(write_file_atomically(target, "new\n", {/*force=*/true}));
  CHECK(folder_entries(folder.path) == std::vector<std::string>{"big.json"});
  CHECK(read(target) == "new\n");
}

TEST_CASE("a temporary file a killed writer left is removed by the next write, a live one is not") {
  temp_folder folder;
  const fs::path target = folder.path / "report.md";
  const fs::path stale = folder.path / ".report.md.tmp-abc123";
  const fs::path live = folder.path / ".report.md.tmp-def456";
  const fs::path other = folder.path / ".notes.md.tmp-abc123";  // another target's
  for (const auto& p : {stale, live, other}) write_plain(p, "half");
  // A writer at work holds an exclusive lock on its temporary file.
  int held = ::open(live.c_str(), O_RDONLY);
  REQUIRE(held >= 0);
  REQUIRE(::flock(held, LOCK_EX) == 0);
  REQUIRE_FALSE(write_file_atomically(target, "new\n", {}));
  ::close(held);
  CHECK(folder_entries(folder.path) ==
        std::vector<std::string>{".notes.md.tmp-abc123", ".report.md.tmp-def456", "report.md"});
}

TEST_CASE("a target that is not a regular file is written in place or refused, never replaced") {
  temp_folder folder;
  SECTION("a FIFO without a reader is refused at once, not waited on") {
    const fs::path fifo = folder.path / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    auto problem = write_file_atomically(fifo, "text\n", {/*force=*/true});
    REQUIRE(problem);
    CHECK(problem->code == "file.write");
    CHECK(problem->message.find("nobody reads") != std::string::npos);
    CHECK(fs::is_fifo(fifo));
  }
  SECTION("a FIFO with a reader gets the text") {
    const fs::path fifo = folder.path / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string received;
    std::thread reader([&] {
      std::ifstream in(fifo, std::ios::binary);
      std::stringstream s;
      s << in.rdbuf();
      received = s.str();
    });
    std::optional<diagnostic> problem;
    for (int attempt = 0; attempt < 500; ++attempt) {
      problem = write_file_atomically(fifo, "text\n", {});
      if (!problem || problem->message.find("nobody reads") == std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    reader.join();
    CHECK_FALSE(problem);
    CHECK(received == "text\n");
    CHECK(fs::is_fifo(fifo));
  }
  SECTION("a character device is written in place; a full one says why") {
    // Devices made here, never the machine's own (as root a regression would
    // replace them); mknod needs root.
    const fs::path null_device = folder.path / "null";
    const fs::path full_device = folder.path / "full";
    if (::mknod(null_device.c_str(), S_IFCHR | 0600, makedev(1, 3)) != 0 ||
        ::mknod(full_device.c_str(), S_IFCHR | 0600, makedev(1, 7)) != 0) {
      WARN("mknod is not permitted here: the device cases are not run");
      return;
    }
    CHECK_FALSE(write_file_atomically(null_device, "text\n", {/*force=*/true}));
    CHECK(fs::is_character_file(null_device));
    auto problem = write_file_atomically(full_device, "text\n", {/*force=*/true});
    REQUIRE(problem);
    CHECK(problem->code == "file.write");
    CHECK(problem->message.find("No space left on device") != std::string::npos);
    CHECK(fs::is_character_file(full_device));
    CHECK(folder_entries(folder.path) == std::vector<std::string>{"full", "null"});
  }
  SECTION("an empty name is refused") {
    auto problem = write_file_atomically("", "text\n", {/*force=*/true});
    REQUIRE(problem);
    CHECK(problem->code == "file.write");
  }
}

// Issue 16: `check --format claimreview --output` writes each dossier's
// reviews as they come. The writer must end as write_file_atomically given
// the pieces at once would: each case is set up twice, once per way.
TEST_CASE("a file written piece by piece ends as one written whole") {
  struct row {
    const char* name;
    const char* target;  // in the folder
    bool force;
    // Before the write: "" nothing, "file" an old file, "link" a dangling
    // link, "folder" a folder; "late" an old file and "late folder" a folder,
    // made after the first piece.
    const char* before;
    const char* code;     // "" success, else the diagnostic's code
    const char* content;  // of the target afterwards ("" when not a file)
  };
  const row rows[] = {
      {"new file", "reviews.json", false, "", "", "[1,2,3]\n"},
      {"existing without force", "reviews.json", false, "file", "file.exists", "old\n"},
      {"existing with force", "reviews.json", true, "file", "", "[1,2,3]\n"},
      {"dangling link without force", "reviews.json", false, "link", "file.exists", ""},
      {"made while written, without force", "reviews.json", false, "late", "file.exists", "old\n"},
      {"made while written, with force", "reviews.json", true, "late", "", "[1,2,3]\n"},
      {"a folder's name", "reviews.json", true, "folder", "file.write", ""},
      // Not a regular file by commit: what was written is read back and
      // the target is given it in place (a folder refuses it).
      {"a folder's name by commit", "reviews.json", true, "late folder", "file.write", ""},
      {"a missing folder", "missing/reviews.json", true, "", "file.write", ""},
  };
  const std::vector<std::string> pieces = {"[1", ",2", "", ",3]\n"};
  for (const auto& r : rows) {
    INFO(r.name);
    std::optional<diagnostic> problem[2];
    std::string message[2];  // the folder's name left out (each way has its own)
    std::vector<std::string> left[2];
    for (int streamed = 0; streamed < 2; ++streamed) {
      temp_folder folder;
      const fs::path target = folder.path / r.target;
      const std::string before = r.before;
      if (before == "file") write_plain(target, "old\n");
      if (before == "link") fs::create_symlink(folder.path / "nowhere", target);
      if (before == "folder") fs::create_directories(target / "inside");
      if (streamed == 1) {
        atomic_file_writer out(target, {r.force});
        out.write(pieces[0]);
        if (before == "late") write_plain(target, "old\n");
        if (before == "late folder") fs::create_directories(target / "inside");
        for (std::size_t i = 1; i < pieces.size(); ++i) out.write(pieces[i]);
        problem[1] = out.commit();
      } else {
        if (before == "late") write_plain(target, "old\n");
        if (before == "late folder") fs::create_directories(target / "inside");
        std::string whole;
        for (const auto& piece : pieces) whole += piece;
        problem[0] = write_file_atomically(target, whole, {r.force});
      }
      CHECK(problem[streamed].has_value() != std::string(r.code).empty());
      if (problem[streamed]) CHECK(problem[streamed]->code == r.code);
      if (fs::is_regular_file(target)) CHECK(read(target) == r.content);
      left[streamed] = folder_entries(folder.path);
      if (problem[streamed]) {
        message[streamed] = problem[streamed]->message;
        const std::string name = folder.path.string();
        for (std::size_t at; (at = message[streamed].find(name)) != std::string::npos;)
          message[streamed].replace(at, name.size(), "FOLDER");
      }
    }
    CHECK(left[0] == left[1]);
    CHECK(problem[0].has_value() == problem[1].has_value());
    CHECK(message[0] == message[1]);
  }
}

TEST_CASE("the pieces go to the temporary file as they come, and nothing is left uncommitted") {
  temp_folder folder;
  const fs::path target = folder.path / "reviews.json";
  // The bytes of files of the folder that this process has open.
  auto bytes_held_open = [&]() {
    std::uintmax_t total = 0;
    for (const auto& fd : fs::directory_iterator("/proc/self/fd")) {
      std::error_code ec;
      const std::string link = fs::read_symlink(fd.path(), ec).string();
      if (!ec && link.rfind(folder.path.string() + "/", 0) == 0) {
        struct stat info {};
        if (::stat(fd.path().c_str(), &info) == 0)
          total += static_cast<std::uintmax_t>(info.st_size);
      }
    }
    return total;
  };
  {
    atomic_file_writer out(target, {});
    const std::string piece(1 << 20, 'x');
    out.write(piece);
    out.write(piece);
    CHECK(bytes_held_open() == 2u << 20);
    CHECK_FALSE(fs::exists(target));
  }
  // Destroyed without commit: nothing.
  CHECK(folder_entries(folder.path).empty());
  {
    atomic_file_writer out(target, {});
    out.write("done\n");
    REQUIRE_FALSE(out.commit());
  }
  CHECK(read(target) == "done\n");
  CHECK(folder_entries(folder.path) == std::vector<std::string>{"reviews.json"});
}

TEST_CASE("a target that became a FIFO while written gets every piece in place") {
  temp_folder folder;
  const fs::path fifo = folder.path / "pipe";
  atomic_file_writer out(fifo, {});
  out.write("first ");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string middle(20000, 'x');  // within a pipe's buffer: no reader thread
  out.write(middle);
  out.write(" last\n");
  // The reader's end is open before the commit opens the writer's.
  const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  REQUIRE(reader >= 0);
  CHECK_FALSE(out.commit());
  std::string received;
  char buffer[4096];
  for (ssize_t got; (got = ::read(reader, buffer, sizeof buffer)) > 0;)
    received.append(buffer, static_cast<std::size_t>(got));
  ::close(reader);
  CHECK(received == "first " + middle + " last\n");
  CHECK(fs::is_fifo(fifo));
}

namespace {

// TMPDIR as spilled_text will see it, restored afterwards.
struct tmpdir_setting : claimcheck::test::environment_setting {
  explicit tmpdir_setting(const std::string& value)
      : environment_setting("TMPDIR", value.c_str()) {}
};

// Everything a spilled text gives back, joined, with the number of blocks.
std::pair<std::string, std::size_t> replayed(spilled_text& held) {
  std::string text;
  std::size_t blocks = 0;
  auto problem = held.replay([&](std::string_view block) {
    text.append(block);
    ++blocks;
  });
  if (problem) return {"problem: " + format_diagnostic(*problem), blocks};
  return {text, blocks};
}

}  // namespace

// Issue 16: a report that must wait is held in a spilled_text: the first
// block in memory, the rest in an unnamed file in $TMPDIR. What it gives
// back is what it was given, in order, in blocks, whatever the block size
// and the pieces; a text under one block never needs a file (a missing
// TMPDIR does not matter to it).
TEST_CASE("a spilled text gives back every piece in order, from memory and from its file") {
  struct spill_case {
    std::size_t block;
    std::vector<std::string> pieces;
    bool needs_file;
  };
  const std::string long_piece(100 << 10, 'L');
  std::vector<std::string> many;
  for (int i = 0; i < 5000; ++i) many.push_back(std::to_string(i) + (i % 7 == 0 ? "\n" : ","));
  const std::vector<spill_case> cases = {
      {1, {}, false},
      {1, {""}, false},
      {1, {"a"}, true},
      {4, {"ab", "c"}, false},
      {4, {"ab", "cd", "e"}, true},
      {4, {"abcdefghij", "", "k"}, true},
      {1000, many, true},
      {1 << 20, many, false},
      {7, {long_piece, "tail"}, true},
      {spilled_text::default_block, {long_piece, long_piece, long_piece}, true},
      {spilled_text::default_block, {long_piece, long_piece}, false},
  };
  temp_folder folder;
  for (const auto& c : cases) {
    std::string want;
    for (const auto& piece : c.pieces) want += piece;
    INFO("block " << c.block << ", " << c.pieces.size() << " pieces, " << want.size() << " bytes");
    for (const bool tmpdir_exists : {true, false}) {
      tmpdir_setting tmpdir((tmpdir_exists ? folder.path : folder.path / "missing").string());
      spilled_text held(c.block);
      for (const auto& piece : c.pieces) held.append(piece);
      CHECK(held.size() == want.size());
      if (!tmpdir_exists && c.needs_file) {
        REQUIRE(held.problem());
        CHECK(held.problem()->code == "file.write");
        CHECK(replayed(held).first.rfind("problem: ", 0) == 0);
        continue;
      }
      CHECK_FALSE(held.problem());
      const auto [text, blocks] = replayed(held);
      CHECK(text == want);
      // From the file a block at a time, then the rest from memory.
      CHECK(blocks <= (want.size() + c.block - 1) / c.block + 1);
      // Unnamed: nothing appears in the folder, before or after.
      CHECK(folder_entries(folder.path).empty());
    }
  }
}

// A spill that cannot be made or written is a file.write error that names
// the folder and the cause; the text is then incomplete and none of it is
// given back. A full disk is a file size limit in a child (SIGXFSZ ignored).
TEST_CASE("a spill that cannot be written names its folder and gives nothing back") {
  temp_folder folder;
  write_plain(folder.path / "a-file", "x");
  struct failure_case {
    std::string tmpdir;
    std::string cause;
  };
  const std::vector<failure_case> cases = {
      {(folder.path / "missing").string(), "No such file or directory"},
      {(folder.path / "a-file").string(), "Not a directory"},
  };
  for (const auto& c : cases) {
    INFO("TMPDIR=" << c.tmpdir);
    tmpdir_setting tmpdir(c.tmpdir);
    spilled_text held(16);
    held.append(std::string(100, 'x'));
    REQUIRE(held.problem());
    CHECK(format_diagnostic(*held.problem()) ==
          c.tmpdir + ": error: [file.write] cannot create the temporary file that holds the " +
              "report in '" + c.tmpdir + "' (TMPDIR, else /tmp): " + c.cause +
              "; set TMPDIR to a writable folder with room");
    held.append("more");
    std::size_t given = 0;
    auto problem = held.replay([&](std::string_view block) { given += block.size(); });
    CHECK(problem);
    CHECK(given == 0);
  }
  tmpdir_setting tmpdir(folder.path.string());
  CHECK(with_file_size_limit([] {
          spilled_text held(16 << 10);
          for (int i = 0; i < 16; ++i) held.append(std::string(16 << 10, 'x'));
          if (!held.problem()) return false;
          std::size_t given = 0;
          const bool refused =
              held.replay([&](std::string_view b) { given += b.size(); }).has_value();
          const std::string& message = held.problem()->message;
          return refused && given == 0 &&
                 message.find("cannot write the temporary file") != std::string::npos &&
                 message.find("File too large") != std::string::npos;
        }) == 0);
  CHECK(folder_entries(folder.path) == std::vector<std::string>{"a-file"});
}
