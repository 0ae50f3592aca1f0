// SPDX-License-Identifier: MIT
#include "progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace claimcheck::tool {
namespace {

// A run shorter than this says nothing: most runs take well under a second.
constexpr std::chrono::seconds first_note{2};

}  // namespace

void add_quiet_option(boost::program_options::options_description& options) {
  options.add_options()("quiet,q", "no progress note on stderr (shown on a terminal after 2 s)");
}

progress_note::progress_note(std::string name, const boost::program_options::variables_map& vm,
                             bool allowed)
    : name_(std::move(name)) {
  if (!allowed || vm.count("quiet") || ::isatty(STDERR_FILENO) != 1) return;
  thread_ = std::thread([this] { run(); });
}

progress_note::~progress_note() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
  }
  stop_.notify_all();
  thread_.join();
}

void progress_note::run() {
  const auto start = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  if (stop_.wait_for(lock, first_note, [this] { return done_; })) return;
  bool written = false;
  while (true) {
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start)
            .count();
    // \r and "erase to the end of the line": the note stays one line.
    std::fprintf(stderr, "\rclaimcheck %s: working, %lld s\x1b[K", name_.c_str(),
                 static_cast<long long>(seconds));
    std::fflush(stderr);
    written = true;
    if (stop_.wait_for(lock, std::chrono::seconds(1), [this] { return done_; })) break;
  }
  if (written) {
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
  }
}

}  // namespace claimcheck::tool
