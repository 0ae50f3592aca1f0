// SPDX-License-Identifier: MIT
// Text kept to be written later, in memory up to a limit and beyond it in an
// anonymous temporary file (std::tmpfile: unlinked, so nothing is left behind
// whatever happens), so that holding a report's later part costs a bounded
// amount of memory.
//
// Example: a report that lists failures first writes each failure at once
// and appends the passes to a spool, replayed after the last failure:
//   text_spool passes;
//   passes.append(pass_text);
//   ...
//   if (!passes.replay(write)) report("a temporary file failed");
#pragma once

#include <cstddef>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

namespace claimcheck::report {

class text_spool {
 public:
  // The bytes held in memory before the text goes to a temporary file.
  static constexpr std::size_t default_memory = std::size_t{1} << 20;

  explicit text_spool(std::size_t memory = default_memory) : memory_(memory) {}
  ~text_spool();
  text_spool(const text_spool&) = delete;
  text_spool& operator=(const text_spool&) = delete;

  void append(std::string_view piece);
  // Passes the text appended so far to `sink` in pieces, in order, and
  // empties the spool. False when the temporary file could not be written
  // or read back: the text passed on is then incomplete.
  bool replay(const std::function<void(std::string_view)>& sink);

 private:
  void spill();  // the text in memory to the temporary file

  std::size_t memory_;
  std::string held_;
  std::FILE* file_ = nullptr;  // once the text outgrew memory_
  bool memory_only_ = false;   // no temporary file could be made
  bool failed_ = false;
};

}  // namespace claimcheck::report
