// SPDX-License-Identifier: MIT
// Line and column of a place in a text, counted one way for every message
// and every mention (extract's spans, JSON diagnostics), so that an editor
// opened at `file:line:col` shows the same character whichever part of
// claimcheck named it.
//
// The rules:
// - lines end at LF, CR LF and a lone CR (old Mac files, and text pasted
//   from some editors); CR LF is one line break, not two;
// - columns count code points from 1 (an invalid byte counts as one);
// - a byte order mark (U+FEFF) at the very start of the text is not a
//   column: "\xEF\xBB\xBFGPT" has G at column 1.
//
// Example: text_position p; for (char32_t c : U"a\r\nb") p.advance(c);
//          // p.line() == 2, p.column() == 2 (the place after "b")
#pragma once

namespace claimcheck {

class text_position {
 public:
  int line() const { return line_; }
  int column() const { return column_; }

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
  // advance_byte does for each of them, at once.
  void advance_columns(int count) {
    if (count <= 0) return;
    bom_bytes_ = 0;
    continuations_ = 0;
    first_ = false;
    after_cr_ = false;
    column_ += count;
  }

  // Moves past one byte of UTF-8 text, for readers that walk bytes: a lead
  // byte (or a stray byte) is a code point, a continuation byte it
  // announced is not.
  void advance_byte(unsigned char b) {
    if (b < 0x80) {
      bom_bytes_ = 0;
      continuations_ = 0;
      advance(b);
      return;
    }
    if ((b & 0xC0u) == 0x80u && continuations_ > 0) {
      --continuations_;
      // The BOM is EF BB BF: its lead byte counted a column, taken back
      // once the sequence is complete.
      if (bom_bytes_ == 1 && b == 0xBB) {
        bom_bytes_ = 2;
      } else if (bom_bytes_ == 2 && b == 0xBF) {
        bom_bytes_ = 0;
        --column_;
      } else {
        bom_bytes_ = 0;
      }
      return;
    }
    // A lead byte announces its continuation bytes; any other byte here (a
    // stray continuation byte, 0xC0, 0xFF) is a character of its own.
    continuations_ = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
    bom_bytes_ = (first_ && b == 0xEF) ? 1 : 0;
    first_ = false;
    after_cr_ = false;
    ++column_;
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
  int bom_bytes_ = 0;
  int continuations_ = 0;  // continuation bytes the last lead byte announced
};

}  // namespace claimcheck
