// SPDX-License-Identifier: MIT
#include "claimcheck/diagnostic.hpp"

#include <algorithm>

#include "claimcheck/text.hpp"
#include "enum_names.hpp"

namespace claimcheck {

const char* to_string(severity level) {
  static constexpr auto names = enum_names<severity::note>("error", "warning", "note");
  return names.name(level);
}

std::string printable_text(std::string_view text) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const code_point_at at = decode_at(text, i);
    const std::size_t length = at.length;
    if (!at.valid) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xF];
      ++i;
    } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 0xF];
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string format_diagnostic(const diagnostic& d) {
  std::string out;
  if (!d.where.file.empty()) {
    out += printable_text(d.where.file);
    if (d.where.known()) {
      out += ':' + std::to_string(d.where.line);
      // A problem can belong to a whole line (a line of JSON Lines input).
      if (d.where.column > 0) out += ':' + std::to_string(d.where.column);
    }
    out += ": ";
  }
  out += to_string(d.level);
  out += ": ";
  if (!d.code.empty()) out += '[' + d.code + "] ";
  out += printable_text(d.message);
  return out;
}

bool has_errors(const diagnostics& list) {
  return count(list, severity::error) > 0;
}

std::size_t count(const diagnostics& list, severity level) {
  return static_cast<std::size_t>(std::count_if(
      list.begin(), list.end(), [level](const diagnostic& d) { return d.level == level; }));
}

diagnostic at_offset(const text_error& error, source_location string_start, severity level) {
  string_start.column += static_cast<int>(error.offset);
  return diagnostic{level, error.code, std::move(string_start), error.message};
}

}  // namespace claimcheck
