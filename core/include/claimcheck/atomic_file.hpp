// SPDX-License-Identifier: MIT
// Writing files so that nothing a user wrote is ever lost.
//
// Example: write_file_atomically("chart.svg", svg_text, {/*force=*/false})
// writes "chart.svg.tmp-XXXXXX" in the same folder, flushes it to disk and
// renames it over "chart.svg"; if "chart.svg" exists and force is false it
// refuses (file.exists) and touches nothing.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

#include "claimcheck/diagnostic.hpp"

namespace claimcheck {

struct write_options {
  bool force = false;  // replace an existing file
};

// Returns a diagnostic (code file.exists or file.write) on failure; the
// target is then untouched and no temporary file is left behind.
std::optional<diagnostic> write_file_atomically(const std::filesystem::path& target,
                                                std::string_view content,
                                                const write_options& options);

// A file written piece by piece and put in place whole when complete, or not
// at all: write_file_atomically for a text too large to hold in memory (the
// pieces go to the temporary file as they come). commit() gives the problem
// write_file_atomically would give for all the pieces at once, decided then
// (an existing target without force is refused at commit, not before). A
// writer destroyed without commit() leaves nothing: no target, no temporary
// file. A target that is not a regular file (a device, a FIFO: written in
// place) gets the pieces held in memory and written at commit.
//
// Example:
//   atomic_file_writer out("reviews.json", {/*force=*/true});
//   for (const auto& piece : pieces) out.write(piece);
//   if (auto problem = out.commit()) report(*problem);
class atomic_file_writer {
 public:
  atomic_file_writer(const std::filesystem::path& target, const write_options& options);
  ~atomic_file_writer();
  atomic_file_writer(const atomic_file_writer&) = delete;
  atomic_file_writer& operator=(const atomic_file_writer&) = delete;

  // A failed write is remembered and reported by commit().
  void write(std::string_view piece);
  // Once.
  std::optional<diagnostic> commit();

 private:
  struct state;
  std::unique_ptr<state> state_;
};

}  // namespace claimcheck
