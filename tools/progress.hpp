// SPDX-License-Identifier: MIT
// A note on stderr that a long run is still going: after 2 s of work, once a
// second, "claimcheck check: working, 3 s" on one line rewritten in place,
// erased when the work is done. Only when stderr is a terminal (a pipe or a
// CI log gets nothing) and the command was not given --quiet.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include <boost/program_options.hpp>

namespace claimcheck::tool {

// Adds --quiet (-q): no progress note.
void add_quiet_option(boost::program_options::options_description& options);

class progress_note {
 public:
  // Starts timing the command `name`; `vm` holds --quiet. `allowed` false
  // keeps it silent (a command streaming its output to the same terminal).
  progress_note(std::string name, const boost::program_options::variables_map& vm,
                bool allowed = true);
  ~progress_note();  // stops, and erases the line if one was written
  progress_note(const progress_note&) = delete;
  progress_note& operator=(const progress_note&) = delete;

 private:
  void run();

  std::string name_;
  std::mutex mutex_;
  std::condition_variable stop_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace claimcheck::tool
