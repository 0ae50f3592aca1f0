// SPDX-License-Identifier: MIT
#include "claimcheck/report/mentions.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <ostream>

#include "../enum_names.hpp"
#include "claimcheck/interval.hpp"
#include "claimcheck/numerals.hpp"
#include "claimcheck/quantity.hpp"
#include "claimcheck/report/format.hpp"

namespace claimcheck::report {

namespace {

// An integer or a half below 1e5 in magnitude ("12", "-3", "58.5"), which
// is most of what extract writes (a stated integer n is [n-0.5, n+0.5]),
// appended exactly; false, having written nothing, for any other number.
// For these numbers report::format_number(v, 15) and format_bounds write
// this same text (tests/report_test.cpp holds them to it), through
// machinery that was a fifth of extract's instructions.
bool append_integer_or_half(std::string& out, double v) {
  if (!(std::fabs(v) < 1e5)) return false;
  const double twice = v * 2;
  if (twice != std::floor(twice)) return false;
  char buffer[16];
  char* end = buffer;
  if (v < 0) *end++ = '-';
  const long long halves = static_cast<long long>(std::fabs(twice));
  end = std::to_chars(end, buffer + sizeof buffer, halves / 2).ptr;
  if (halves % 2 != 0) *end++ = '.', *end++ = '5';
  out.append(buffer, static_cast<std::size_t>(end - buffer));
  return true;
}

// A number as written in text reports: up to 15 significant digits, so
// that 1211105280 stays exact but 2e11 is not written with 11 zeros.
void append_readable_number(std::string& out, double v) {
  if (!append_integer_or_half(out, v)) out += report::format_number(v, 15);
}

// Where JSON text goes: a std::string (reports written once), or room
// reserved beforehand for a whole record (extract writes millions of
// mention lines, and std::string's out-of-line append, called some sixty
// times per line, cost more than formatting the fields).
class string_sink {
 public:
  explicit string_sink(std::string& out) : out_(out) {}
  void put(char c) { out_ += c; }
  void put(std::string_view text) { out_.append(text.data(), text.size()); }
  // Room for `n` more bytes, to be written before the next put.
  char* room(std::size_t n) {
    scratch_.resize(n);
    return &scratch_[0];
  }
  void taken(const char* room, const char* end) {
    out_.append(room, static_cast<std::size_t>(end - room));
  }

 private:
  std::string& out_;
  std::string scratch_;
};

// Writes at a place with room enough for everything written (see
// mention_room); the caller takes the end from `at`.
class room_sink {
 public:
  explicit room_sink(char* at) : at(at) {}
  void put(char c) { *at++ = c; }
  void put(std::string_view text) {
    if (text.empty()) return;  // an empty view may point nowhere, which memcpy must not see
    std::memcpy(at, text.data(), text.size());
    at += text.size();
  }
  char* room(std::size_t) { return at; }
  void taken(const char*, char* end) { at = end; }
  char* at;
};

// JSON text pieces. Numbers use the shortest round-trip form
// (format_number), so 0.1 stays "0.1"; non-finite numbers are null.
// Whether any of the eight bytes at p is a control character, '"' or '\\'
// (the classic "has a zero byte" / "has a byte less than n" tests).
bool needs_escape(const char* p) {
  std::uint64_t x;
  std::memcpy(&x, p, sizeof x);
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto has_zero = [](std::uint64_t v) { return ((v - ones) & ~v & highs) != 0; };
  const bool control = ((x - ones * 0x20) & ~x & highs) != 0;
  return control || has_zero(x ^ (ones * '"')) || has_zero(x ^ (ones * '\\'));
}

// A JSON string: at most 6 bytes out for each byte in (\u00XX), plus 2.
template <class Sink>
void json_string(Sink& out, std::string_view text) {
  out.put('"');
  // Runs of bytes that need no escape are written whole: most strings
  // (surfaces, numbers, words) have no byte to escape at all, so they are
  // checked eight bytes at a time.
  std::size_t run = 0;
  for (std::size_t k = 0; k < text.size(); ++k) {
    while (k + 8 <= text.size() && !needs_escape(text.data() + k)) k += 8;
    if (k >= text.size()) break;
    const unsigned char c = static_cast<unsigned char>(text[k]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.put(text.substr(run, k - run));
    run = k + 1;
    switch (c) {
      case '"':
        out.put("\\\"");
        break;
      case '\\':
        out.put("\\\\");
        break;
      case '\n':
        out.put("\\n");
        break;
      case '\r':
        out.put("\\r");
        break;
      case '\t':
        out.put("\\t");
        break;
      default: {
        static const char hex[] = "0123456789abcdef";
        const char escaped[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        out.put(std::string_view(escaped, sizeof escaped));
      }
    }
  }
  out.put(text.substr(run));
  out.put('"');
}
void json_string(std::string& out, std::string_view text) {
  string_sink sink(out);
  json_string(sink, text);
}

// A decimal integer (at most 20 bytes).
template <class Sink>
void append_integer(Sink& out, long long value) {
  constexpr std::size_t most = 24;
  char* room = out.room(most);
  out.taken(room, std::to_chars(room, room + most, value).ptr);
}
void append_integer(std::string& out, long long value) {
  char buffer[24];
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

// At most max_number_chars bytes.
template <class Sink>
void json_number(Sink& out, double v) {
  if (!std::isfinite(v)) {
    out.put("null");
    return;
  }
  char* room = out.room(max_number_chars);
  out.taken(room, claimcheck::write_number(room, v));
}

// A tiny object builder: key/value pairs separated by commas.
template <class Sink>
class basic_object {
 public:
  explicit basic_object(Sink& out) : out_(out) { out_.put('{'); }
  basic_object& str(std::string_view key, std::string_view value) {
    name(key);
    json_string(out_, value);
    return *this;
  }
  basic_object& num(std::string_view key, double value) {
    name(key);
    json_number(out_, value);
    return *this;
  }
  basic_object& integer(std::string_view key, long long value) {
    name(key);
    append_integer(out_, value);
    return *this;
  }
  basic_object& boolean(std::string_view key, bool value) {
    name(key);
    out_.put(value ? "true" : "false");
    return *this;
  }
  basic_object& raw(std::string_view key, std::string_view json) {
    name(key);
    out_.put(json);
    return *this;
  }
  // Members already written as JSON (",\"k\":v..."), after at least one.
  basic_object& raw_members(std::string_view members) {
    out_.put(members);
    return *this;
  }
  basic_object& span(std::string_view key, const text_span& s) {
    name(key);
    basic_object o(out_);
    o.integer("line", s.line)
        .integer("column", s.column)
        .integer("byte_offset", static_cast<long long>(s.byte_offset))
        .integer("byte_length", static_cast<long long>(s.byte_length));
    o.close();
    return *this;
  }
  basic_object& bounds(std::string_view key, const interval& i) {
    name(key);
    out_.put('[');
    json_number(out_, i.lo);
    out_.put(',');
    json_number(out_, i.hi);
    out_.put(']');
    return *this;
  }
  void close() { out_.put('}'); }

 private:
  // Keys are this file's own identifiers, which need no escaping.
  void name(std::string_view key) {
    if (!first_) out_.put(',');
    out_.put('"');
    out_.put(key);
    out_.put("\":");
    first_ = false;
  }
  Sink& out_;
  bool first_ = true;
};

// The object builder on a std::string, for reports written once.
class object : private string_sink, public basic_object<string_sink> {
 public:
  explicit object(std::string& out)
      : string_sink(out), basic_object<string_sink>(static_cast<string_sink&>(*this)) {}
};

// "[1.5e11, 2.5e11]", "[2.95, 3.05]", "[400, inf]": the report's number
// style, as many digits as tell the bounds apart, never a binary artefact
// such as 2.9499999999999997.
void append_interval_text(std::string& out, const interval& i) {
  const std::size_t size = out.size();
  out += '[';
  if (i.lo == i.hi) {
    append_readable_number(out, i.lo);
    out += ", ";
    append_readable_number(out, i.hi);
    out += ']';
    return;
  }
  // Integer bounds, or halves less than 5 apart (rounding a half moves it
  // by 0.5, which format_bounds accepts only in a width of 5 or more), are
  // written exactly by format_bounds: the same text, made directly.
  const bool integers = i.lo == std::floor(i.lo) && i.hi == std::floor(i.hi);
  if ((integers || i.hi - i.lo < 5) && append_integer_or_half(out, i.lo)) {
    out += ", ";
    if (append_integer_or_half(out, i.hi)) {
      out += ']';
      return;
    }
  }
  out.resize(size + 1);
  const auto [lo, hi] = report::format_bounds(i, unit{});
  out += lo;
  out += ", ";
  out += hi;
  out += ']';
}
// The same in a buffer reused from call to call (one per mention written).
std::string_view interval_text_of(const interval& i) {
  static thread_local std::string text;
  text.clear();
  append_interval_text(text, i);
  return text;
}

std::string issue_json(const scan_issue& issue) {
  std::string out;
  object o(out);
  o.str("severity", to_string(issue.level))
      .str("code", issue.code)
      .integer("line", issue.line)
      .integer("column", issue.column)
      .integer("byte_offset", static_cast<long long>(issue.byte_offset))
      .str("message", issue.message);
  o.close();
  return out;
}

// Bytes mention_fields may write at most (strings escaped at 6 bytes a
// byte, numbers at max_number_chars, keys and integers well within 1024).
std::size_t mention_fields_room(const mention& m) {
  const std::size_t text = m.surface.size() + m.idiom_reason.size() + m.number_text.size() +
                           m.range_end_text.size() + m.hedge.size() + m.unit_word.size() +
                           m.date_text.size() + m.range_end_date_text.size() + m.context.size();
  return 2048 + 8 * max_number_chars + 6 * (text + 96 /* interval text, unit */);
}

// The fields of a mention, into an open object.
template <class Sink>
void mention_fields(basic_object<Sink>& o, const mention& m) {
  o.integer("line", m.span.line)
      .integer("column", m.span.column)
      .integer("byte_offset", static_cast<long long>(m.span.byte_offset))
      .integer("byte_length", static_cast<long long>(m.span.byte_length))
      .str("surface", m.surface)
      .str("kind", to_string(m.kind));
  if (m.kind == mention_kind::idiom) {
    o.str("reason", m.idiom_reason);
    return;
  }
  o.str("number", m.number_text)
      .num("value", m.number.value)
      .num("precision", m.number.precision)
      .boolean("magnitude_only", m.number.magnitude_only);
  if (m.range_end) {
    if (!m.range_end_text.empty()) o.str("range_end_number", m.range_end_text);
    o.num("range_end_value", m.range_end->value);
  }
  o.str("qualifier", to_string(m.qual))
      .str("hedge", m.hedge)
      .num("nominal", m.value.nominal)
      .bounds("interval", m.value.bounds)
      .str("interval_text", interval_text_of(m.value.bounds))
      .str("unit_word", m.unit_word)
      .str("unit", spec_unit_for(m.unit_word));
  if (!m.date_text.empty()) o.str("date", m.date_text);
  if (!m.range_end_date_text.empty()) o.str("date_end", m.range_end_date_text);
  o.span("number_span", m.number_span).str("context", m.context);
  if (m.truncated) o.boolean("truncated", true);
}

// "304 million = 3.04e8", "59", "2023-07-06 to 2023-07-08", appended.
void append_value_summary(std::string& out, const mention& m) {
  if (!m.date_text.empty()) {
    out += m.date_text;
    if (!m.range_end_date_text.empty()) {
      out += " to ";
      out += m.range_end_date_text;
    }
    return;
  }
  // " = value" after a numeral that does not read as its value.
  auto equals = [&out](std::string_view written, double value, bool magnitude) {
    std::string number;  // short: no allocation
    append_readable_number(number, value);
    const std::string_view prefix = magnitude ? "magnitude " : "";
    const bool same = written.size() == prefix.size() + number.size() &&
                      written.substr(0, prefix.size()) == prefix &&
                      written.substr(prefix.size()) == number;
    if (same) return;
    out += " = ";
    out += prefix;
    out += number;
  };
  out += m.number_text;
  equals(m.number_text, m.number.value, m.number.magnitude_only);
  if (m.range_end) {
    out += " to ";
    out += m.range_end_text;
    equals(m.range_end_text, m.range_end->value, false);
  }
}

std::string value_summary(const mention& m) {
  std::string out;
  append_value_summary(out, m);
  return out;
}

}  // namespace

std::optional<mention_format> parse_mention_format(std::string_view name) {
  static constexpr auto names = enum_names<mention_format::json>("text", "jsonl", "json");
  return names.value(name);
}

namespace {

// `head` and `tail` are pre-formatted members (",\"k\":v...") of an
// article, written after "file" and after the mention's fields.
// `json_line`: the object stands alone as a line of JSON Lines, so it names
// its report and format version as every --format json document does.
void append_mention_json(std::string& out, const mention& m, const std::string& file,
                         std::string_view head = {}, std::string_view tail = {},
                         bool json_line = false) {
  // Room for the whole object is made once (not cleared: std::string's
  // resize would write every byte of it), then the object is written there
  // and appended at once.
  static thread_local std::unique_ptr<char[]> room;
  static thread_local std::size_t room_size = 0;
  const std::size_t needed =
      mention_fields_room(m) + 6 * file.size() + head.size() + tail.size() + 64;
  if (needed > room_size) {
    room_size = std::max(needed, 2 * room_size);
    room = std::make_unique<char[]>(room_size);
  }
  room_sink sink(room.get());
  basic_object<room_sink> o(sink);
  if (json_line) o.str("report", "extract").integer("format_version", 1);
  // Articles always come from a file, so `head` always follows "file".
  if (!file.empty()) {
    o.str("file", file);
    o.raw_members(head);
  }
  mention_fields(o, m);
  o.raw_members(tail);
  o.close();
  out.append(room.get(), static_cast<std::size_t>(sink.at - room.get()));
}

// `prefix` is "FILE" for a text file, "FILE:INPUT_LINE: ID" for an article.
void append_mention_text(std::string& out, const mention& m, std::string_view prefix) {
  out += prefix;
  out += ':';
  append_integer(out, m.span.line);
  out += ':';
  append_integer(out, m.span.column);
  out += ": ";
  out += m.surface;
  out += "  ";
  out += to_string(m.kind);
  if (m.kind == mention_kind::idiom) {
    out += "  (";
    out += m.idiom_reason;
    out += ')';
    return;
  }
  out += "  ";
  append_value_summary(out, m);
  out += "  ";
  out += to_string(m.qual);
  if (m.kind != mention_kind::date && m.kind != mention_kind::year) {
    out += ' ';
    append_interval_text(out, m.value.bounds);
  }
  if (!m.unit_word.empty()) {
    out += "  unit ";
    out += m.unit_word;
  }
  if (!m.hedge.empty()) {
    out += "  hedge ";
    out += m.hedge;
  }
  if (m.truncated) out += "  (cut)";
}

// Output is collected in the writer's buffer and handed to the stream in
// pieces of about this size: one stream call per mention cost more than
// formatting the mention.
constexpr std::size_t flush_bytes = 1 << 16;

}  // namespace

std::string mention_json(const mention& m, const std::string& file) {
  std::string out;
  append_mention_json(out, m, file);
  return out;
}

std::string mentions_json(const std::vector<mention>& mentions) {
  std::string out = "[";
  for (std::size_t k = 0; k < mentions.size(); ++k) {
    if (k) out += ',';
    append_mention_json(out, mentions[k], "");
  }
  out += ']';
  return out;
}

std::string written_number_json(std::string_view text, const written_number& number) {
  std::string out;
  object o(out);
  o.str("text", text)
      .num("value", number.value)
      .num("precision", number.precision)
      .boolean("magnitude_only", number.magnitude_only);
  o.close();
  return out;
}

std::string mention_text(const mention& m, const std::string& file) {
  std::string out;
  append_mention_text(out, m, file);
  return out;
}

mention_writer::mention_writer(std::ostream& out, mention_format format)
    : out_(out), format_(format) {
  buffer_.reserve(flush_bytes + 4096);
  if (format_ == mention_format::json)
    buffer_ += "{\"report\":\"extract\",\"format_version\":1,\"files\":[";
}

bool mention_writer::ok() const {
  return out_.good();
}

bool mention_writer::flush_buffer() {
  if (!buffer_.empty()) {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }
  return ok();
}

void mention_writer::begin_article(const article& a) {
  article_head_ = ",\"input_line\":";
  append_integer(article_head_, static_cast<long long>(a.line));
  article_head_ += ",\"article\":";
  article_head_ += a.id_json;
  if (!a.language.empty()) {
    article_head_ += ",\"language\":";
    json_string(article_head_, a.language);
  }
  article_tail_.clear();
  if (!a.extra_json.empty()) article_tail_ = ",\"article_fields\":" + a.extra_json;
  text_prefix_ = file_ + ":" + std::to_string(a.line) + ": " + a.id;
}

bool mention_writer::begin_file(const std::string& file) {
  file_ = file;
  article_head_.clear();
  article_tail_.clear();
  text_prefix_.clear();
  first_mention_ = true;
  issues_.clear();
  if (format_ == mention_format::json) {
    if (!first_file_) buffer_ += ',';
    buffer_ += "\n{\"file\":";
    json_string(buffer_, file);
    buffer_ += ",\"mentions\":[";
  }
  first_file_ = false;
  return flush_buffer();
}

bool mention_writer::write(const mention& m) {
  switch (format_) {
    case mention_format::text:
      append_mention_text(buffer_, m, text_prefix_.empty() ? file_ : text_prefix_);
      buffer_ += '\n';
      break;
    case mention_format::jsonl:
      append_mention_json(buffer_, m, file_, article_head_, article_tail_, true);
      buffer_ += '\n';
      break;
    case mention_format::json:
      if (!first_mention_) buffer_ += ',';
      buffer_ += "\n  ";
      append_mention_json(buffer_, m, file_, article_head_, article_tail_);
      break;
  }
  first_mention_ = false;
  return buffer_.size() < flush_bytes ? ok() : flush_buffer();
}

void mention_writer::issue(const scan_issue& issue) {
  if (format_ == mention_format::json) issues_.push_back(issue);
}

bool mention_writer::end_file() {
  if (format_ == mention_format::json) {
    buffer_ += "],\"issues\":[";
    for (std::size_t k = 0; k < issues_.size(); ++k) {
      if (k) buffer_ += ',';
      buffer_ += issue_json(issues_[k]);
    }
    buffer_ += "]}";
  }
  issues_.clear();
  return flush_buffer();
}

bool mention_writer::finish() {
  if (format_ == mention_format::json) buffer_ += "\n]}\n";
  flush_buffer();
  out_.flush();
  return ok();
}

std::string coverage_text(const std::vector<coverage_result>& results) {
  std::string out;
  for (const auto& r : results) {
    for (const auto& u : r.uncovered) {
      const mention& m = u.found;
      out += r.text_file + ":" + std::to_string(m.span.line) + ":" + std::to_string(m.span.column) +
             ": uncovered: " + m.surface + "  (" + to_string(m.kind) + ", " + value_summary(m) +
             ", " + to_string(m.qual) + ") in \"" + m.context + "\"\n";
      if (!u.hint.empty()) out += "    hint: " + u.hint + "\n";
    }
    // Unused ignore entries are notes for the dossier's authors: one line
    // for one, and for several one note with an entry per line beneath it.
    auto where_of = [](const source_location& at) {
      std::string where = at.file;
      if (at.known()) where += ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
      return where;
    };
    if (r.unused_ignores.size() == 1) {
      const auto& g = r.unused_ignores.front();
      out += where_of(g.where) + ": note: the ignore entry \"" + g.quote +
             "\" covers no number (nothing there reads as one; see docs/extraction.md)\n";
    } else if (r.unused_ignores.size() > 1) {
      out += r.dossier + ": note: " + std::to_string(r.unused_ignores.size()) +
             " ignore entries cover no number (nothing there reads as one; see "
             "docs/extraction.md):\n";
      for (const auto& g : r.unused_ignores) {
        out += "    " + where_of(g.where) + "  \"" + g.quote + "\"\n";
      }
    }
    for (const auto& i : r.issues) out += format_diagnostic(to_diagnostic(i, r.text_file)) + "\n";
    if (!r.quotes_not_in_text.empty()) {
      // Another text than the document's: claims it no longer quotes.
      out += r.text_file + ": note: " + std::to_string(r.quotes_not_in_text.size()) +
             " claims' quotes are not in this text, so they cover nothing here:";
      for (const auto& id : r.quotes_not_in_text) out += " " + id;
      out += "\n";
    }
    std::size_t by_claims = 0;
    for (const auto& c : r.covered) by_claims += c.by_ignore ? 0 : 1;
    std::size_t by_ignores = r.covered.size() - by_claims;
    char percent[32];
    double share = r.total() == 0 ? 100.0
                                  : 100.0 * static_cast<double>(r.covered.size()) /
                                        static_cast<double>(r.total());
    std::snprintf(percent, sizeof percent, "%.1f%%", std::floor(share * 10) / 10);
    out += r.dossier + ": ";
    if (r.uncovered.empty()) {
      out += "all " + std::to_string(r.total()) + " numbers covered";
    } else {
      out += std::to_string(r.covered.size()) + " of " + std::to_string(r.total()) +
             " numbers covered (" + percent + "), " + std::to_string(r.uncovered.size()) +
             " uncovered";
    }
    out += " (" + std::to_string(by_claims) + " by claims, " + std::to_string(by_ignores) +
           " by ignore entries; " + std::to_string(r.idioms.size()) + " idioms not counted)\n";
  }
  return out;
}

namespace {

// A JSON array of `items`, each written by `write_item(out, item)` after
// `before_each` (a line break and indent, or nothing).
template <typename Items, typename WriteItem>
std::string json_array(const Items& items, const char* before_each, WriteItem write_item) {
  std::string list = "[";
  for (const auto& item : items) {
    if (list.size() > 1) list += ',';
    list += before_each;
    write_item(list, item);
  }
  return list + "]";
}

}  // namespace

std::string coverage_json(const std::vector<coverage_result>& results) {
  std::string out = "{\"report\":\"coverage\",\"format_version\":1,\"dossiers\":[";
  std::size_t total = 0, covered = 0;
  for (std::size_t k = 0; k < results.size(); ++k) {
    const auto& r = results[k];
    total += r.total();
    covered += r.covered.size();
    if (k) out += ',';
    out += "\n";
    object o(out);
    o.str("dossier", r.dossier)
        .str("text", r.text_file)
        .integer("mentions", static_cast<long long>(r.total()))
        .integer("covered", static_cast<long long>(r.covered.size()))
        .integer("uncovered", static_cast<long long>(r.uncovered.size()))
        .boolean("complete", r.complete());
    o.raw("uncovered_mentions",
          json_array(r.uncovered, "\n  ", [&](std::string& list, const uncovered_mention& m) {
            object u(list);
            u.str("file", r.text_file);
            mention_fields(u, m.found);
            if (!m.hint.empty()) u.str("hint", m.hint);
            u.close();
          }));
    o.raw("covered_mentions",
          json_array(r.covered, "\n  ", [&](std::string& list, const covered_mention& m) {
            object c(list);
            c.str("file", r.text_file);
            mention_fields(c, m.found);
            c.str("covered_by", m.by_ignore ? "ignore" : "claim").str("record", m.record);
            if (m.by_ignore) c.str("reason", m.reason);
            c.close();
          }));
    o.integer("idioms", static_cast<long long>(r.idioms.size()));
    o.raw("unused_ignores",
          json_array(r.unused_ignores, "", [](std::string& list, const unused_ignore& g) {
            object u(list);
            u.str("quote", g.quote)
                .str("reason", g.reason)
                .str("file", g.where.file)
                .integer("line", g.where.line)
                .integer("column", g.where.column);
            u.close();
          }));
    o.raw("issues", json_array(r.issues, "", [](std::string& list, const scan_issue& issue) {
            list += issue_json(issue);
          }));
    if (!r.quotes_not_in_text.empty()) {
      o.raw("quotes_not_in_text",
            json_array(r.quotes_not_in_text, "", [](std::string& list, const std::string& quote) {
              json_string(list, quote);
            }));
    }
    o.close();
  }
  out += "\n],\"summary\":";
  object s(out);
  s.integer("dossiers", static_cast<long long>(results.size()))
      .integer("mentions", static_cast<long long>(total))
      .integer("covered", static_cast<long long>(covered))
      .integer("uncovered", static_cast<long long>(total - covered));
  s.close();
  out += "}\n";
  return out;
}

std::string skeletons_json(const std::vector<claim_skeleton>& skeletons) {
  std::string out = "{\n  \"claimcheck\": 1,\n  \"claims\": [";
  for (std::size_t k = 0; k < skeletons.size(); ++k) {
    const auto& s = skeletons[k];
    out += k ? ",\n    " : "\n    ";
    std::string value;
    auto one = [&](const std::string& v) {
      if (s.value_is_number) {
        value += v;
      } else {
        json_string(value, v);
      }
    };
    if (s.value.size() == 2) {
      value = "[";
      one(s.value[0]);
      value += ", ";
      one(s.value[1]);
      value += "]";
    } else if (!s.value.empty()) {
      one(s.value[0]);
    }
    out += "{ ";
    auto field = [&](const char* key, const std::string& raw_json, bool last = false) {
      json_string(out, key);
      out += ": " + raw_json + (last ? " " : ", ");
    };
    auto quoted = [](const std::string& text) {
      std::string q;
      json_string(q, text);
      return q;
    };
    field("id", quoted(s.id));
    field("subject", quoted(s.subject));
    field("quote", quoted(s.quote));
    field("value", value);
    field("unit", quoted(s.unit));
    field("qualifier", quoted(s.qualifier), s.note.empty());
    if (!s.note.empty()) field("note", quoted(s.note), true);
    out += "}";
  }
  out += skeletons.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

}  // namespace claimcheck::report
