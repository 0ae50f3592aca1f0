// SPDX-License-Identifier: MIT
// Text kept in memory, then in an anonymous temporary file (text_spool.hpp).
#include "claimcheck/report/text_spool.hpp"

namespace claimcheck::report {

text_spool::~text_spool() {
  if (file_) std::fclose(file_);
}

void text_spool::append(std::string_view piece) {
  held_.append(piece);
  if (held_.size() > memory_) spill();
}

void text_spool::spill() {
  if (!file_ && !memory_only_) {
    file_ = std::tmpfile();
    // Without a temporary file the text stays in memory: more memory, the
    // same report.
    memory_only_ = file_ == nullptr;
  }
  if (!file_) return;
  if (std::fwrite(held_.data(), 1, held_.size(), file_) != held_.size()) failed_ = true;
  held_.clear();
}

bool text_spool::replay(const std::function<void(std::string_view)>& sink) {
  if (file_) {
    spill();
    if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) failed_ = true;
    std::string chunk(std::size_t{1} << 16, '\0');
    while (!failed_) {
      const std::size_t got = std::fread(&chunk[0], 1, chunk.size(), file_);
      if (got > 0) sink(std::string_view(chunk.data(), got));
      if (got < chunk.size()) {
        if (std::ferror(file_)) failed_ = true;
        break;
      }
    }
    std::fclose(file_);
    file_ = nullptr;
  } else if (!held_.empty()) {
    sink(held_);
  }
  held_.clear();
  const bool ok = !failed_;
  failed_ = false;
  return ok;
}

}  // namespace claimcheck::report
