// SPDX-License-Identifier: MIT
#include "claimcheck/diagnostic.hpp"

#include <algorithm>

namespace claimcheck {

const char* to_string(severity level) {
  switch (level) {
    case severity::error:
      return "error";
    case severity::warning:
      return "warning";
    case severity::note:
      return "note";
  }
  return "error";
}

std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[at + k]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // beyond U+10FFFF
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(k) < 0x80 || byte(k) > 0xBF) return 0;
  }
  return length;
}

std::string printable_text(std::string_view text) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
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

std::string well_formed_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
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
