// SPDX-License-Identifier: MIT
// The mention scanner: every number a text states, with its hedge, its unit
// word, its kind and its exact place, read in one streaming pass.
//
// Example: in "整體開銷約2萬(wàn)美元" the scanner finds one mention:
//   surface "約2萬(wàn)美元", number "2萬" = 20000 (precision 10000),
//   qualifier about (hedge "約"), unit word "美元", kind money,
//   interval [15000, 25000], at its line, column (code points) and byte span.
//
// What it reads (docs/extraction.md has the full tables and the reasons):
// - Arabic digits (also full-width), thousands separators, decimals,
//   scientific notation, %, currency signs, K/M/B/bn/T suffixes and English
//   scale words; Chinese numerals (simplified, traditional, capital), mixed
//   forms ("450萬", "两千亿"), approximate forms ("几十亿", "數十"), ranges
//   ("6日至8日", "10-20"), dates, years and ordinals ("第六屆").
// - Hedge words before and after the number, mapped to the spec's
//   qualifiers: 超/逾 over, 约/近/左右 about, 余/多 plus, 以内/内 under,
//   级/量级 level, 几/数 several; English about/over/more than/under/...
// - Reading annotations ("萬(wàn)", "個(gè)") wherever they fall: they are skipped
//   for reading and kept inside the byte spans.
// - Fixed expressions that contain numeral characters (千行百业, 一体两翼,
//   一蹴而就) and the bare article 一 ("一个", "一种") are kind `idiom`: not
//   numbers; reported only when `include_idioms` is set.
// Input is decoded as strict UTF-8 by text.hpp's decoder: each maximal
// invalid subpart is an issue with its byte offset, and scanning goes on
// after it. Memory stays bounded: the
// scanner keeps a window of a few hundred code points whatever the input size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimcheck/diagnostic.hpp"
#include "claimcheck/numerals.hpp"
#include "claimcheck/quantity.hpp"
#include "claimcheck/text.hpp"
#include "claimcheck/text_position.hpp"

namespace claimcheck {

enum class mention_kind { count, money, duration, date, year, ordinal, percent, plain, idiom };

const char* to_string(mention_kind kind);
std::optional<mention_kind> parse_mention_kind(std::string_view name);

// A stretch of the original text. Lines and columns are 1-based; columns
// count code points (reading annotations and invalid bytes included, as an
// editor shows them).
struct text_span {
  std::size_t byte_offset = 0;
  std::size_t byte_length = 0;
  int line = 0;
  int column = 0;

  std::size_t byte_end() const { return byte_offset + byte_length; }
};

struct mention {
  // The whole mention: hedge words, number(s) and unit word. A reading
  // annotation after the last character is not part of it; annotations
  // inside are.
  text_span span;
  // The numeral(s) alone ("2萬" in "約2萬美元"; "6日至8日" spans both days).
  // Coverage asks that this span lie inside a quote.
  text_span number_span;
  std::string surface;         // the bytes of `span`, exactly as in the text
  std::string number_text;     // the first numeral, annotations dropped: "2萬", "數十", "3,584"
  std::string range_end_text;  // the second numeral of a range, else empty

  written_number number;                    // the first (or only) number
  std::optional<written_number> range_end;  // the second number of a range
  qualifier qual = qualifier::stated;
  std::string hedge;      // the hedge words as written, space-separated ("約", "超 余")
  std::string unit_word;  // "美元", "張", "參數", "%", "minutes"; empty when none
  mention_kind kind = mention_kind::plain;
  qualified_value value;  // nominal value and interval from `qual`

  // Dates and years in ISO form: "2023-07-06", "2023-07", "2023", "--07-06"
  // (no year written), "---06" (a day alone). Empty for other kinds.
  std::string date_text;
  std::string range_end_date_text;

  // The clause around the mention, folded as quotes are (annotations
  // dropped, white space collapsed): a quote suggestion for skeletons.
  std::string context;
  // Why a kind-`idiom` mention is not a number ("fixed expression",
  // "the article 一").
  std::string idiom_reason;
  // The numeral ran past `max_mention_chars` and was cut there.
  bool truncated = false;
};

// A problem in the input text (invalid UTF-8, an over-long numeral).
struct scan_issue {
  severity level = severity::error;
  std::string code;  // "utf8.invalid", "scan.mention_too_long", "utf8.too_many_errors"
  std::size_t byte_offset = 0;
  int line = 0;
  int column = 0;
  std::string message;
};

// "file:line:col: error: [utf8.invalid] ..." with `file` as given.
diagnostic to_diagnostic(const scan_issue& issue, const std::string& file);

struct scan_options {
  bool include_idioms = false;         // report kind-`idiom` mentions too
  std::size_t max_mention_chars = 64;  // a numeral longer than this is cut
  std::size_t context_chars = 16;      // code points of context on each side
  std::size_t max_issues = 100;        // then one utf8.too_many_errors, then silence
};

// Streaming scanner. Feed the text in chunks of any size (a chunk may end in
// the middle of a UTF-8 sequence); mentions and issues are handed to the
// sinks in text order as soon as they are certain. The mention sink returns
// false to stop the scan (e.g. the output pipe closed).
class mention_scanner {
 public:
  using mention_sink = std::function<bool(const mention&)>;
  using issue_sink = std::function<void(const scan_issue&)>;

  mention_scanner(scan_options options, mention_sink on_mention, issue_sink on_issue);

  // Returns false once a sink asked to stop; further input is ignored.
  bool feed(std::string_view bytes);
  // Flushes the end of the text. Returns false when a sink asked to stop.
  bool finish();

  // One decoded character with where it came from. A reading annotation
  // right after a Han character is folded into that character. Trivially
  // copyable on purpose: every code point of the input passes through two
  // ring buffers of these, so they carry no heap storage (an annotation's
  // bytes live beside the window, see char_ring::note).
  struct text_char {
    char32_t cp = 0;
    std::uint32_t length = 0;  // bytes of the character itself
    std::size_t offset = 0;
    std::uint32_t annotation_length = 0;  // bytes of a following "(pīnyīn)"
    int line = 0;
    int column = 0;
  };

  // The bytes that ride on a character: its reading annotation "(pīnyīn)"
  // (at most 26 bytes: twelve letters of two bytes and the brackets), and
  // NUL bytes folded into it. Short ones are held in place: a std::string
  // assigned for each of the tens of thousands of annotations of a Chinese
  // article was a twentieth of extract's instructions.
  class note_bytes {
   public:
    std::string_view view() const {
      return size_ <= sizeof short_ ? std::string_view(short_, size_) : std::string_view(long_);
    }
    void assign(std::string_view bytes) {
      size_ = bytes.size();
      if (size_ <= sizeof short_) {
        if (size_ != 0) std::memcpy(short_, bytes.data(), size_);
      } else {
        long_.assign(bytes);
      }
    }
    void push_back(char c) {
      if (size_ < sizeof short_) {
        short_[size_++] = c;
        return;
      }
      if (size_ == sizeof short_) long_.assign(short_, size_);
      long_.push_back(c);
      ++size_;
    }
    void clear() { size_ = 0; }

   private:
    char short_[32] = {};
    std::size_t size_ = 0;
    std::string long_;  // all the bytes, once there are more than short_ holds
  };

  // A double-ended queue of characters on one power-of-two ring that only
  // grows (to the window's bound), so pushing and popping never allocate
  // once the scan is warm. Indices are relative to the front, as in a deque.
  class char_ring {
   public:
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    text_char& operator[](std::size_t i) { return items_[(head_ + i) & mask_]; }
    const text_char& operator[](std::size_t i) const { return items_[(head_ + i) & mask_]; }
    text_char& back() { return (*this)[size_ - 1]; }
    text_char& front() { return items_[head_]; }
    // The annotation bytes of element i; meaningful only while its
    // annotation_length is non-zero.
    note_bytes& note(std::size_t i) { return notes_[(head_ + i) & mask_]; }
    const note_bytes& note(std::size_t i) const { return notes_[(head_ + i) & mask_]; }
    void push_back(const text_char& c) { push_slot() = c; }
    // The new last element, to be filled in place (the decoder writes each
    // field straight into the ring rather than copying a whole character).
    text_char& push_slot() {
      if (size_ == items_.size()) grow();
      return items_[(head_ + size_++) & mask_];
    }
    // Room for `n` more elements at the back, filled in place at
    // (back_index() + k) & mask() and then counted by commit_back(k): the
    // scanner's run loop writes characters without a size check each.
    text_char* reserve_back(std::size_t n) {
      while (size_ + n > items_.size()) grow();
      return items_.data();
    }
    std::size_t back_index() const { return head_ + size_; }
    std::size_t mask() const { return mask_; }
    void commit_back(std::size_t n) { size_ += n; }
    void pop_front(std::size_t n = 1) {
      head_ = (head_ + n) & mask_;
      size_ -= n;
    }

   private:
    void grow();
    std::vector<text_char> items_;
    std::vector<note_bytes> notes_;
    std::size_t head_ = 0;
    std::size_t size_ = 0;
    std::size_t mask_ = 0;
  };

 private:
  void decode(std::string_view bytes, bool at_end);
  void push_decoded(char32_t cp, std::size_t offset, std::uint32_t length);
  bool push_plain(char32_t cp, std::uint32_t length);
  const unsigned char* push_run(const unsigned char* at, const unsigned char* end);
  std::size_t fold_annotation_in_chunk(std::string_view after);
  void report(const std::string& code, std::size_t offset, int line, int column,
              std::string message, severity level = severity::error);
  void fold_annotations(bool at_end);
  void fold_stray_nul(const text_char& nul);
  void recognise(bool at_end);
  void trim_history();
  // Characters the recogniser may read past its position: two numerals (a
  // range) plus hedge, unit and context words.
  std::size_t lookahead_chars() const {
    return 2 * options_.max_mention_chars + options_.context_chars + 48;
  }

  scan_options options_;
  mention_sink on_mention_;
  issue_sink on_issue_;
  bool stopped_ = false;
  bool finished_ = false;

  // Decoder state.
  utf8_decoder decoder_;    // text.hpp's, one chunk at a time
  std::size_t offset_ = 0;  // byte offset of the next byte to decode
  text_position position_;  // line and column of the next character
  std::size_t issues_reported_ = 0;

  char_ring raw_;              // decoded, annotations not yet folded
  char_ring window_;           // folded; history before pos_, lookahead after
  std::size_t pos_ = 0;        // next character of window_ to read
  std::size_t floor_ = 0;      // hedges may not reach before this index
  bool skipping_run_ = false;  // inside the rest of a cut numeral
  // Window characters past the reading position that trigger a recognise().
  std::size_t recognise_batch_ = 0;
  // The mention handed to the sink, refilled for each (its strings keep
  // their storage from one mention to the next).
  mention current_;
};

// The claim-format unit a unit word stands for ("美元" -> "USD", "分鐘" ->
// "min", "參數" -> "parameter", "%" -> "%"), or "" when none fits (most
// classifiers: 家, 款, 張 count things the dossier must name).
std::string spec_unit_for(std::string_view unit_word);

// Convenience: scans a whole text held in memory.
std::vector<mention> scan_text(std::string_view text, const scan_options& options = {},
                               std::vector<scan_issue>* issues = nullptr);

}  // namespace claimcheck
