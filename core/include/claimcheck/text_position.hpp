// SPDX-License-Identifier: MIT
// Line and column of a place in a text, counted one way for every message
// and every mention (extract's spans, JSON diagnostics), so that an editor
// opened at `file:line:col` shows the same character whichever part of
// claimcheck named it.
//
// The rules:
// - lines end at LF, CR LF and a lone CR (old Mac files, and text pasted
//   from some editors); CR LF is one line break, not two;
// - columns count code points from 1 (a bad position, text.hpp's maximal
//   invalid subpart, counts as one);
// - a byte order mark (U+FEFF) at the very start of the text is not a
//   column: "\xEF\xBB\xBFGPT" has G at column 1.
//
// Example: text_position p; for (char32_t c : U"a\r\nb") p.advance(c);
//          // p.line() == 2, p.column() == 2 (the place after "b")
#pragma once

#include <string_view>

#include "claimcheck/text.hpp"

namespace claimcheck {

class text_position {
 public:
  int line() const { return line_; }
  int column() const { return column_ + (decoder_.holding() ? 1 : 0); }

  // Moves past one code point.
  void advance(char32_t cp) {
    const bool first = first_;
    first_ = false;
    const bool after_cr = after_cr_;
    after_cr_ = false;
    if (cp == U'\n') {
      if (!after_cr) new_line();  // the LF of CR LF: the line already broke
      return;
    }
    if (cp == U'\r') {
      new_line();
      after_cr_ = true;
      return;
    }
    if (cp == 0xFEFF && first) return;
    ++column_;
  }

  // Moves past `count` ASCII bytes none of which is CR or LF: what
  // advance_byte does for each of them, at once. Every such byte moves the
  // place alike, so the run needs no bytes, only its length; the first may
  // end a sequence the decoder holds (a bad position: one column more).
  void advance_columns(int count) {
    if (count <= 0) return;
    if (decoder_.holding()) {
      advance_byte(' ');
      --count;
    }
    first_ = false;
    after_cr_ = false;
    column_ += count;
  }

  // Moves past one byte of UTF-8 text, for readers that walk bytes (JSON
  // diagnostics): the bytes go through text.hpp's decoder, so a bad
  // position (a maximal invalid subpart) is one column, as extract counts
  // it. A sequence still open after the last byte given (its end not yet
  // read) already counts as the one column it will be.
  void advance_byte(unsigned char b) {
    if (b < 0x80 && !decoder_.holding()) {
      advance(b);  // the common case, without the decoder
      return;
    }
    decoder_.feed(std::string_view(reinterpret_cast<const char*>(&b), 1));
    code_point_at c;
    while (decoder_.next(c)) advance(c.value);
  }

 private:
  void new_line() {
    ++line_;
    column_ = 1;
  }

  int line_ = 1;
  int column_ = 1;
  bool first_ = true;
  bool after_cr_ = false;
  utf8_decoder decoder_;  // for advance_byte
};

}  // namespace claimcheck
