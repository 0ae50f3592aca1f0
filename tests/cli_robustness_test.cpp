// SPDX-License-Identifier: MIT
// The command line under stress: output into a pipe that closes early ends
// quietly (no error spew, no crash), bad usage exits 2 with a message, and
// an existing output file is never replaced without --force.
#include <catch2/catch.hpp>

#include "sanitizers.hpp"
#include "support.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path binary = CLAIMCHECK_BINARY;
const fs::path waic = fs::path(CLAIMCHECK_SOURCE_DIR) / "claims" / "waic-2023";

using claimcheck::test::temp_folder;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct run_result {
  int status = 0;   // raw wait status
  std::string out;  // what was read from stdout
  std::string err;  // everything written to stderr
  bool exited() const { return WIFEXITED(status); }
  int code() const { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }
};

// Runs claimcheck with `args`. When `read_limit` is set, reads at most that
// many bytes of its standard output and then closes the pipe, as
// `claimcheck ... | head -c N` does; otherwise reads all of it.
// Where the child's standard output goes instead of the pipe, and a limit
// on its address space (bytes), for the cases below that need them.
struct run_setup {
  fs::path stdout_file;                 // opened for writing (e.g. /dev/full)
  std::size_t address_space_bytes = 0;  // RLIMIT_AS
};

run_result run(const std::vector<std::string>& args, std::size_t read_limit = 0,
               const fs::path& workdir = {}, const run_setup& setup = {}) {
  temp_folder scratch;
  const fs::path err_file = scratch.path / "stderr";
  int out_pipe[2];
  REQUIRE(::pipe(out_pipe) == 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(out_pipe[0]);
    if (!setup.stdout_file.empty()) {
      int fd = ::open(setup.stdout_file.c_str(), O_WRONLY);
      if (fd < 0) ::_exit(125);
      ::dup2(fd, STDOUT_FILENO);
      ::close(fd);
    } else {
      ::dup2(out_pipe[1], STDOUT_FILENO);
    }
    ::close(out_pipe[1]);
    if (setup.address_space_bytes != 0) {
      struct rlimit limit {};
      limit.rlim_cur = limit.rlim_max = setup.address_space_bytes;
      if (::setrlimit(RLIMIT_AS, &limit) != 0) ::_exit(124);
    }
    int err_fd = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(err_fd, STDERR_FILENO);
    ::close(err_fd);
    // SIGPIPE as a shell leaves it: default, so that the program must deal
    // with it itself.
    ::signal(SIGPIPE, SIG_DFL);
    if (!workdir.empty() && ::chdir(workdir.c_str()) != 0) ::_exit(126);
    std::vector<char*> argv;
    std::string program = binary.string();
    argv.push_back(program.data());
    std::vector<std::string> copies = args;
    for (auto& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(program.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  run_result r;
  char buffer[4096];
  while (read_limit == 0 || r.out.size() < read_limit) {
    std::size_t want = sizeof buffer;
    if (read_limit != 0) want = std::min(want, read_limit - r.out.size());
    ssize_t got = ::read(out_pipe[0], buffer, want);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    r.out.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(out_pipe[0]);
  REQUIRE(::waitpid(child, &r.status, 0) == child);
  r.err = read(err_file);
  return r;
}

// A text long enough that its mentions fill far more than a pipe buffer.
fs::path big_text(const temp_folder& folder) {
  const std::string article = read(waic / "article.txt");
  const fs::path path = folder.path / "big.txt";
  std::ofstream out(path, std::ios::binary);
  for (int i = 0; i < 60; ++i) out << article;
  return path;
}

}  // namespace

TEST_CASE("output into a pipe closed early ends quietly") {
  temp_folder folder;
  const std::string text = big_text(folder).string();
  const std::vector<std::vector<std::string>> commands = {
      {"extract", text},
      {"extract", text, "--format", "jsonl"},
      {"extract", text, "--format", "json"},
      {"check", waic.string()},
      {"check", waic.string(), "--format", "json"},
      {"derive", waic.string()},
      {"trend", waic.string()},
      {"validate", waic.string()},
      {"--help"},
  };
  for (const auto& args : commands) {
    std::string shown;
    for (const auto& a : args) shown += a + " ";
    INFO("claimcheck " << shown << "| head -c 10");
    run_result r = run(args, 10);
    CHECK(r.out.size() <= 10);
    // Ended by itself (or by SIGPIPE, as any Unix filter may), never by a
    // crash, and with nothing on stderr: no "Broken pipe", no exception.
    const bool quiet_signal = WIFSIGNALED(r.status) && WTERMSIG(r.status) == SIGPIPE;
    CHECK((r.exited() || quiet_signal));
    if (r.exited()) CHECK(r.code() != 3);  // 3: an internal error
    CHECK(r.err.empty());
  }
}

TEST_CASE("the whole output of extract is written when the reader keeps reading") {
  temp_folder folder;
  run_result r = run({"extract", big_text(folder).string(), "--format", "jsonl"});
  CHECK(r.code() == 0);
  CHECK(r.err.empty());
  CHECK(r.out.size() > (1u << 19));  // far beyond any pipe buffer (64 KiB)
  CHECK(r.out.back() == '\n');
}

TEST_CASE("bad usage exits 2 with a message on stderr") {
  struct usage_case {
    std::vector<std::string> args;
    const char* message_part;
  };
  const std::vector<usage_case> cases = {
      {{}, "usage: claimcheck"},
      {{"frobnicate"}, "unknown command 'frobnicate'"},
      {{"check", "--no-such-option", waic.string()}, "usage: claimcheck check"},
      {{"check", waic.string(), "--format", "yaml"}, "yaml"},
      {{"derive", waic.string(), "--format"}, "format"},
      {{"validate", "/nonexistent/claims"}, "/nonexistent/claims"},
      {{"extract", "/nonexistent/text.txt"}, "/nonexistent/text.txt"},
      {{"explain", "no.such.id", waic.string()}, "no.such.id"},
      {{"explain", "--id", "x", waic.string()}, "usage: claimcheck explain"},
  };
  for (const auto& c : cases) {
    std::string shown;
    for (const auto& a : c.args) shown += a + " ";
    INFO("claimcheck " << shown);
    run_result r = run(c.args);
    INFO("stderr: " << r.err);
    CHECK(r.code() == 2);
    // validate reports its findings as its output; the others on stderr.
    CHECK((r.err + r.out).find(c.message_part) != std::string::npos);
  }
}

TEST_CASE("an existing output file is kept unless --force is given") {
  temp_folder folder;
  const fs::path output = folder.path / "report.md";
  { std::ofstream(output) << "my notes\n"; }
  run_result refused = run({"check", waic.string(), "--format", "md", "-o", output.string()});
  INFO(refused.err);
  CHECK(refused.code() == 2);
  CHECK(refused.err.find("--force") != std::string::npos);
  CHECK(read(output) == "my notes\n");

  run_result forced =
      run({"check", waic.string(), "--format", "md", "-o", output.string(), "--force"});
  INFO(forced.err);
  CHECK(forced.code() == 0);
  CHECK(read(output) != "my notes\n");
  // Nothing but the report is left in the folder: no temporary files.
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(folder.path)) {
    (void)e;
    ++entries;
  }
  CHECK(entries == 1);
}

// ------------------------------------------------------------ issue 14

TEST_CASE("an output option never names an empty file or the same file twice") {
  temp_folder folder;
  const std::string chart = (folder.path / "chart.svg").string();
  struct refused_case {
    std::vector<std::string> args;
    const char* message_part;
  };
  const std::vector<refused_case> cases = {
      {{"check", waic.string(), "--output", ""}, "--output names no file"},
      {{"report", waic.string(), "--html", ""}, "--html names no file"},
      {{"trend", waic.string(), "--svg", ""}, "--svg names no file"},
      {{"trend", waic.string(), "--output", chart, "--svg", chart}, "name the same file"},
      {{"trend", waic.string(), "--output", chart, "--svg",
        (folder.path / "." / "chart.svg").string(), "--force"},
       "name the same file"},
  };
  for (const auto& c : cases) {
    std::string shown;
    for (const auto& a : c.args) shown += "'" + a + "' ";
    INFO("claimcheck " << shown);
    run_result r = run(c.args);
    INFO("stderr: " << r.err);
    CHECK(r.code() == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(c.message_part) != std::string::npos);
    CHECK_FALSE(fs::exists(chart));
  }
}

TEST_CASE("a write to a full standard output says why it failed") {
  // /dev/full is only opened for writing here, as the shell's `>` would.
  REQUIRE(fs::exists("/dev/full"));
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"check", waic.string()},
        std::vector<std::string>{"validate", waic.string(), "--format", "json"}}) {
    INFO("claimcheck " << args.front() << " > /dev/full");
    run_setup setup;
    setup.stdout_file = "/dev/full";
    run_result r = run(args, 0, {}, setup);
    CHECK(r.code() == 2);
    CHECK(r.err.find("cannot write to standard output") != std::string::npos);
    CHECK(r.err.find("No space left on device") != std::string::npos);
  }
}

TEST_CASE("an output that is a device or a FIFO is written in place, never replaced") {
  temp_folder folder;
  // A full device: the write fails with its error, the node stays. As root
  // (who could replace /dev/full if the fix regressed) a device of the same
  // kind made in the temporary folder; otherwise /dev/full, which a user
  // cannot replace.
  {
    fs::path full = "/dev/full";
    if (::geteuid() == 0) {
      full = folder.path / "full";
      REQUIRE(::mknod(full.c_str(), S_IFCHR | 0600, makedev(1, 7)) == 0);
    }
    struct stat before {};
    REQUIRE(::stat(full.c_str(), &before) == 0);
    run_result r = run({"check", waic.string(), "--output", full.string(), "--force"});
    INFO(r.err);
    CHECK(r.code() == 2);
    CHECK(r.err.find("No space left on device") != std::string::npos);
    struct stat after {};
    REQUIRE(::stat(full.c_str(), &after) == 0);
    CHECK(S_ISCHR(after.st_mode));
    CHECK(after.st_rdev == before.st_rdev);
    CHECK(after.st_ino == before.st_ino);
  }
  // A FIFO with a reader gets the report; the FIFO stays a FIFO.
  const fs::path fifo = folder.path / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string received;
  pid_t reader = ::fork();
  REQUIRE(reader >= 0);
  if (reader == 0) {
    int fd = ::open(fifo.c_str(), O_RDONLY);
    const fs::path copy = fifo.string() + ".received";
    int out = ::open(copy.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    char buffer[4096];
    ssize_t got = 0;
    while ((got = ::read(fd, buffer, sizeof buffer)) > 0) {
      if (::write(out, buffer, static_cast<std::size_t>(got)) != got) ::_exit(1);
    }
    ::_exit(0);
  }
  // Wait until the reader has the FIFO open (the writer opens without
  // blocking and refuses a FIFO nobody reads).
  run_result r;
  for (int attempt = 0; attempt < 200; ++attempt) {
    r = run({"check", waic.string(), "--format", "json", "--output", fifo.string(), "--force"});
    if (r.err.find("nobody reads") == std::string::npos) break;
    ::usleep(20000);
  }
  int status = 0;
  REQUIRE(::waitpid(reader, &status, 0) == reader);
  INFO(r.err);
  CHECK(r.code() == 0);
  CHECK(read(fifo.string() + ".received").find("\"dossiers\"") != std::string::npos);
  CHECK(fs::is_fifo(fifo));
  // A character device made here (as root; the null device, 1:3).
  const fs::path device = folder.path / "null";
  if (::mknod(device.c_str(), S_IFCHR | 0600, makedev(1, 3)) == 0) {
    run_result to_device = run({"check", waic.string(), "--output", device.string(), "--force"});
    INFO(to_device.err);
    CHECK(to_device.code() == 0);
    CHECK(fs::is_character_file(device));
  } else {
    WARN("mknod is not permitted here: the made character device case is not run");
  }
}

TEST_CASE("extract honours max_file_bytes, also for endless devices") {
  for (const char* device : {"/dev/zero", "/dev/urandom"}) {
    INFO(device);
    run_result r = run({"extract", device, "--limit", "max_file_bytes=1M"});
    CHECK(r.code() == 2);
    CHECK(r.err.find("limit.file_size") != std::string::npos);
    run_result skeleton = run({"extract", device, "--skeleton", "--limit", "max_file_bytes=1M"});
    CHECK(skeleton.code() == 2);
    CHECK(skeleton.err.find("max_file_bytes") != std::string::npos);
  }
}

TEST_CASE("a long run of digits is scanned in bounded memory") {
  // 4 MB of digits once held 400 MB (100 bytes per byte); under a 256 MB
  // address space the scan must finish.
  temp_folder folder;
  const fs::path text = folder.path / "digits.txt";
  {
    std::ofstream out(text, std::ios::binary);
    out << "\xE7\xBA\xA6";  // 约
    for (int i = 0; i < 400000; ++i) out << "1234567890";
    out << "\xE7\xBE\x8E\xE5\x85\x83\n";  // 美元
  }
  run_setup setup;
#if !CLAIMCHECK_TEST_UNDER_ASAN
  // AddressSanitizer reserves terabytes of address space for its shadow
  // memory, so an address-space bound cannot apply under it; the Release
  // suite holds the bound.
  setup.address_space_bytes = std::size_t{256} << 20;
#endif
  run_result r = run({"extract", text.string(), "--format", "jsonl"}, 0, {}, setup);
  INFO(r.err.substr(0, 500));
  CHECK(r.code() == 0);
  CHECK(r.err.find("scan.mention_too_long") != std::string::npos);
}

TEST_CASE("extract --skeleton refuses impossible years") {
  temp_folder folder;
  const fs::path text = folder.path / "a.txt";
  {
    std::ofstream(text) << "2\xE6\x9C\x88"
                           "29\xE6\x97\xA5\n";
  }  // 2月29日
  for (const char* year : {"99999", "0", "-5"}) {
    INFO("--year " << year);
    run_result r = run({"extract", text.string(), "--skeleton", "--year", year});
    CHECK(r.code() == 2);
    CHECK(r.out.empty());
  }
  run_result r = run({"extract", text.string(), "--skeleton", "--year", "2023"});
  INFO(r.err);
  CHECK(r.code() == 0);
  CHECK(r.out.find("2023-02-29") == std::string::npos);
  CHECK(r.out.find("--02-29") != std::string::npos);
  run_result leap = run({"extract", text.string(), "--skeleton", "--year", "2024"});
  CHECK(leap.out.find("2024-02-29") != std::string::npos);
}

TEST_CASE("text diagnostics show control characters from the input escaped") {
  temp_folder folder;
  const fs::path dossier = folder.path / "d";
  fs::create_directories(dossier);
  {
    std::ofstream(dossier / "claims.json")
        << "{\"claimcheck\": 1, \"x\\u001b[2J\": 1, \"y\\u0000z\": 2}";
  }
  run_result r = run({"validate", dossier.string()});
  INFO(r.err);
  CHECK(r.code() == 2);
  const std::string all = r.out + r.err;
  CHECK(all.find('\x1b') == std::string::npos);
  CHECK(all.find('\0') == std::string::npos);
  CHECK(all.find("x\\u001b[2J") != std::string::npos);
  CHECK(all.find("y\\u0000z") != std::string::npos);
}

TEST_CASE("JSON output stays UTF-8 when a folder name is not") {
  temp_folder folder;
  const fs::path invalid = folder.path / "bad\xff\xfename";
  const fs::path valid = folder.path / "good\xff\xfename";
  fs::create_directories(invalid);
  fs::create_directories(valid);
  { std::ofstream(invalid / "claims.json") << "{\"claimcheck\": 1, \"unknown\": 1}"; }
  { std::ofstream(valid / "claims.json") << "{\"claimcheck\": 1}"; }
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"validate", invalid.string(), "--format", "json"},
        std::vector<std::string>{"check", valid.string(), "--format", "json"}}) {
    INFO("claimcheck " << args.front());
    run_result r = run(args);
    INFO(r.err);
    CHECK_FALSE(r.out.empty());
    CHECK(r.out.find("name") != std::string::npos);
    CHECK(r.out.find('\xff') == std::string::npos);
    CHECK(r.out.find('\xfe') == std::string::npos);
  }
}
