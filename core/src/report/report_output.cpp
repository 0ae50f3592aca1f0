// SPDX-License-Identifier: MIT
#include "claimcheck/report/report_output.hpp"

#include <cerrno>
#include <ostream>

namespace claimcheck::report {

struct report_output::state {
  std::ostream& stream;
  std::optional<atomic_file_writer> file;
  spilled_text held;
  bool released = false;
  // errno of the stream's first failed write, given back after later system
  // calls (the tool tells a closed pipe, EPIPE, from a full disk by it).
  int stream_errno = 0;

  state(std::ostream& out, std::size_t block) : stream(out), held(block) {}

  void to_stream(std::string_view piece) {
    if (!stream) return;  // broken before (a closed pipe): the rest is dropped
    stream.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    if (!stream) stream_errno = errno;
  }
};

report_output::report_output(const std::string& file, const write_options& options,
                             std::ostream& stream, std::size_t block)
    : state_(std::make_unique<state>(stream, block)) {
  if (!file.empty() && file != "-") state_->file.emplace(file, options);
}

report_output::~report_output() = default;

void report_output::write(std::string_view piece) {
  state& s = *state_;
  if (s.file) {
    s.file->write(piece);
  } else if (s.released) {
    s.to_stream(piece);
  } else {
    s.held.append(piece);
  }
}

std::optional<diagnostic> report_output::release() {
  state& s = *state_;
  if (s.file || s.released) return std::nullopt;
  if (s.held.problem()) return s.held.problem();
  s.released = true;
  auto problem = s.held.replay([&s](std::string_view block) { s.to_stream(block); });
  if (s.stream_errno != 0) errno = s.stream_errno;
  return problem;
}

std::optional<diagnostic> report_output::commit() {
  state& s = *state_;
  if (s.file) return s.file->commit();
  auto problem = release();
  if (!problem) s.stream.flush();
  if (s.stream_errno != 0) errno = s.stream_errno;
  return problem;
}

}  // namespace claimcheck::report
