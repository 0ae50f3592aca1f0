// The command line under stress: output into a pipe that closes early ends
// quietly (no error spew, no crash), bad usage exits 2 with a message, and
// an existing output file is never replaced without --force.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
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

struct temp_folder {
  fs::path path;
  temp_folder() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() /
           ("claimcheck_cli_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~temp_folder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  temp_folder(const temp_folder&) = delete;
  temp_folder& operator=(const temp_folder&) = delete;
};

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
run_result run(const std::vector<std::string>& args, std::size_t read_limit = 0,
               const fs::path& workdir = {}) {
  temp_folder scratch;
  const fs::path err_file = scratch.path / "stderr";
  int out_pipe[2];
  REQUIRE(::pipe(out_pipe) == 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(out_pipe[0]);
    ::dup2(out_pipe[1], STDOUT_FILENO);
    ::close(out_pipe[1]);
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
