// SPDX-License-Identifier: MIT
// Writing files so that nothing a user wrote is ever lost.
//
// Example: write_file_atomically("chart.svg", svg_text, {/*force=*/false})
// writes "chart.svg.tmp-XXXXXX" in the same folder, flushes it to disk and
// renames it over "chart.svg"; if "chart.svg" exists and force is false it
// refuses (file.exists) and touches nothing.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
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

// Text held until it may be written, too large to keep in memory: the first
// `block` bytes in memory, everything after them in an unnamed temporary file
// in $TMPDIR (/tmp when unset), made when the first block is full (O_TMPFILE,
// else mkstemp and unlinked at once: it vanishes when closed, or when the
// process dies). A report whose parts must wait (check's text bodies after
// every headline; any report for stdout until no later dossier can be
// invalid) is held here, so that peak memory does not grow with the report.
//
// Example:
//   spilled_text held;
//   for (const auto& piece : pieces) held.append(piece);
//   if (auto problem = held.replay([&](std::string_view b) { out.write(b.data(), b.size()); }))
//     report(*problem);
class spilled_text {
 public:
  static constexpr std::size_t default_block = std::size_t{256} << 10;
  // `block`: what is kept in memory, and the size of the writes to and
  // reads from the temporary file.
  explicit spilled_text(std::size_t block = default_block);
  ~spilled_text();
  spilled_text(const spilled_text&) = delete;
  spilled_text& operator=(const spilled_text&) = delete;

  // A failure (no temporary file can be made, the disk is full) is
  // remembered, and the pieces after it are dropped: see problem().
  void append(std::string_view piece);
  // The bytes given to append() so far (held or not).
  std::size_t size() const;
  // A file.write error naming the folder when the text could not be held;
  // the held text is then incomplete and replay() passes nothing on.
  const std::optional<diagnostic>& problem() const;
  // Passes everything appended, in order, to `sink` in blocks, and empties
  // the text. A diagnostic, and nothing passed on, when problem() is set; a
  // diagnostic when reading the file back fails (the blocks before it were
  // passed on).
  std::optional<diagnostic> replay(const std::function<void(std::string_view)>& sink);

 private:
  struct state;
  std::unique_ptr<state> state_;
};

}  // namespace claimcheck
