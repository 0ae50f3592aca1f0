// SPDX-License-Identifier: MIT
// Fuzz target: the mention scanner reads any bytes, fed whole or in chunks
// of any size, without a crash or a hang, and finds the same mentions and
// issues either way; every span lies inside the text.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "claimcheck/scanner.hpp"

namespace {

struct scan_record {
  std::vector<claimcheck::mention> mentions;
  std::vector<claimcheck::scan_issue> issues;
};

scan_record scan_in_chunks(std::string_view text, std::size_t chunk,
                           const claimcheck::scan_options& options) {
  scan_record out;
  claimcheck::mention_scanner scanner(
      options,
      [&](const claimcheck::mention& m) {
        out.mentions.push_back(m);
        return true;
      },
      [&](const claimcheck::scan_issue& i) { out.issues.push_back(i); });
  for (std::size_t at = 0; at < text.size(); at += chunk) scanner.feed(text.substr(at, chunk));
  scanner.finish();
  return out;
}

void check_spans(std::string_view text, const scan_record& r) {
  for (const auto& m : r.mentions) {
    if (m.span.byte_end() > text.size() || m.number_span.byte_end() > text.size()) {
      throw std::logic_error("a mention span past the end of the text");
    }
    if (m.number_span.byte_offset < m.span.byte_offset ||
        m.number_span.byte_end() > m.span.byte_end()) {
      throw std::logic_error("a number span outside its mention span");
    }
    if (m.surface != text.substr(m.span.byte_offset, m.span.byte_length)) {
      throw std::logic_error("a surface that differs from the text it spans");
    }
    if (m.span.line < 1 || m.span.column < 1) throw std::logic_error("a mention without a line");
  }
  for (const auto& i : r.issues) {
    if (i.code.empty()) throw std::logic_error("an issue without a code");
    if (i.byte_offset > text.size()) throw std::logic_error("an issue past the end of the text");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  claimcheck::scan_options options;
  options.include_idioms = size % 2 == 1;
  auto whole = scan_in_chunks(text, text.size() + 1, options);
  check_spans(text, whole);
  auto bytewise = scan_in_chunks(text, 1 + size % 7, options);
  if (bytewise.mentions.size() != whole.mentions.size() ||
      bytewise.issues.size() != whole.issues.size()) {
    throw std::logic_error("feeding in chunks changed what the scanner found");
  }
  for (std::size_t k = 0; k < whole.mentions.size(); ++k) {
    if (whole.mentions[k].span.byte_offset != bytewise.mentions[k].span.byte_offset ||
        whole.mentions[k].surface != bytewise.mentions[k].surface) {
      throw std::logic_error("feeding in chunks moved a mention");
    }
  }
  return 0;
}
