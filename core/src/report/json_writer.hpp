// SPDX-License-Identifier: MIT
// A small streaming JSON writer for the reports (private to core/src/report).
// Hand-rolled rather than RapidJSON's Writer so the reports need no
// RapidJSON configuration: output is all they do, and escaping plus commas
// is the whole job. Non-finite numbers (an open interval's +inf) are written
// as null, because JSON has no infinity; the reports write the text form
// beside them.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claimcheck/diagnostic.hpp"
#include "claimcheck/text.hpp"

namespace claimcheck::report {

class json_writer {
 public:
  json_writer& begin_object() { return open('{'); }
  json_writer& end_object() { return close('}'); }
  json_writer& begin_array() { return open('['); }
  json_writer& end_array() { return close(']'); }

  json_writer& key(std::string_view name) {
    separate();
    string_literal(name);
    out_ += ':';
    after_key_ = true;
    return *this;
  }
  json_writer& string(std::string_view text) {
    separate();
    string_literal(text);
    return *this;
  }
  json_writer& number(double v) {
    separate();
    if (!std::isfinite(v)) {
      out_ += "null";
    } else {
      // The shortest text that reads back as the same double: exact like
      // "%.17g", without its noise digits (0.1, not 0.10000000000000001),
      // written by the one number formatter for machines (numerals.hpp).
      claimcheck::append_number(out_, v);
    }
    return *this;
  }
  json_writer& number(std::optional<double> v) { return v ? number(*v) : null(); }
  json_writer& integer(long long v) {
    separate();
    out_ += std::to_string(v);
    return *this;
  }
  json_writer& boolean(bool v) {
    separate();
    out_ += v ? "true" : "false";
    return *this;
  }
  // A value already encoded as JSON (an article's id and members as the
  // article reader re-encoded them).
  json_writer& raw_value(std::string_view json) {
    separate();
    out_ += json;
    return *this;
  }
  json_writer& null() {
    separate();
    out_ += "null";
    return *this;
  }

  // Shorthands for "key": value.
  json_writer& field(std::string_view name, std::string_view text) {
    return key(name).string(text);
  }
  json_writer& field(std::string_view name, const char* text) { return key(name).string(text); }
  json_writer& field(std::string_view name, const std::string& text) {
    return key(name).string(text);
  }
  json_writer& field(std::string_view name, double v) { return key(name).number(v); }
  json_writer& field(std::string_view name, std::optional<double> v) { return key(name).number(v); }
  json_writer& field(std::string_view name, bool v) { return key(name).boolean(v); }
  json_writer& count_field(std::string_view name, std::size_t v) {
    return key(name).integer(static_cast<long long>(v));
  }

  // The document, with a final newline.
  std::string finish() const { return out_ + '\n'; }
  // The text written since the last take, for a writer that passes its
  // document on in pieces (the open containers stay open).
  std::string take() { return std::exchange(out_, std::string()); }

 private:
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;

  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_.empty()) {
      if (!first_.back()) out_ += ',';
      first_.back() = false;
    }
  }
  json_writer& open(char c) {
    separate();
    out_ += c;
    first_.push_back(true);
    return *this;
  }
  json_writer& close(char c) {
    out_ += c;
    if (!first_.empty()) first_.pop_back();
    return *this;
  }
  void string_literal(std::string_view text) {
    out_ += '"';
    for (std::size_t i = 0; i < text.size();) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c >= 0x80) {
        // Input (a folder name, a quote) may hold bytes that are not UTF-8;
        // JSON text is UTF-8, so each such byte is written as U+FFFD.
        const code_point_at at = decode_at(text, i);
        if (at.valid) {
          out_.append(text.substr(i, at.length));
        } else {
          out_ += "\\ufffd";
        }
        i += at.length;
        continue;
      }
      ++i;
      switch (c) {
        case '"':
          out_ += "\\\"";
          break;
        case '\\':
          out_ += "\\\\";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\r':
          out_ += "\\r";
          break;
        case '\t':
          out_ += "\\t";
          break;
        default:
          if (c < 0x20) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
            out_ += buffer;
          } else {
            out_ += static_cast<char>(c);
          }
      }
    }
    out_ += '"';
  }
};

}  // namespace claimcheck::report
